"""Parameter counts: equal to the sizes of the real weight arrays, and to the closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs


def brute_force_output_size(n, k, s, p, d):
    """Count the window starts 0, s, 2s, … whose dilated kernel stays in the padded input."""
    return sum(1 for start in range(0, n + 2 * p, s) if start + d * (k - 1) < n + 2 * p)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 40),
    k=st.integers(1, 8),
    s=st.integers(1, 5),
    p=st.integers(0, 4),
    d=st.integers(1, 3),
)
def test_output_size_counts_the_window_positions(n, k, s, p, d):
    if d * (k - 1) + 1 > n + 2 * p:
        with pytest.raises(ValueError, match="the kernel spans"):
            cs.output_size(n, k, stride=s, padding=p, dilation=d)
        return
    size = cs.output_size(n, k, stride=s, padding=p, dilation=d)
    assert type(size) is int
    assert size == brute_force_output_size(n, k, s, p, d)


@settings(max_examples=200, deadline=None)
@given(
    c_in=st.integers(1, 4),
    c_out=st.integers(1, 4),
    h=st.integers(1, 7),
    wd=st.integers(1, 7),
    kh=st.integers(1, 3),
    kw=st.integers(1, 3),
    stride=st.integers(1, 3),
    padding=st.integers(0, 1),
    bias=st.booleans(),
)
def test_counts_equal_the_sizes_of_working_weight_arrays(
    c_in, c_out, h, wd, kh, kw, stride, padding, bias
):
    """Build the arrays each layer really takes, run the layer, and count their entries."""
    if kh > h + 2 * padding or kw > wd + 2 * padding:
        return
    x = np.ones((c_in, h, wd))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    kwargs = {"stride": stride, "padding": padding}

    w = np.ones((c_out, c_in, kh, kw))
    b = np.ones(c_out) if bias else None
    assert cs.conv2d(x, w, b, **kwargs).shape == (c_out, h_out, w_out)
    expected = w.size + (b.size if bias else 0)
    assert cs.params_conv2d(c_in, c_out, (kh, kw), bias=bias) == expected

    w_local = np.ones((h_out, w_out, c_out, c_in, kh, kw))
    b_local = np.ones((c_out, h_out, w_out)) if bias else None
    assert cs.locally_connected2d(x, w_local, b_local, **kwargs).shape == (c_out, h_out, w_out)
    expected = w_local.size + (b_local.size if bias else 0)
    count = cs.params_locally_connected2d((c_in, h, wd), c_out, (kh, kw), bias=bias, **kwargs)
    assert count == expected

    n_in, n_out = x.size, c_out * h_out * w_out  # the same input and output, all connected
    w_fc = np.ones((n_out, n_in))
    b_fc = np.ones(n_out) if bias else None
    assert cs.fully_connected(x.ravel(), w_fc, b_fc).shape == (n_out,)
    expected = w_fc.size + (b_fc.size if bias else 0)
    assert cs.params_fully_connected(n_in, n_out, bias=bias) == expected


def test_alexnet_conv1_shared_vs_unshared():
    """227×227×3 input, 96 kernels of 11×11, stride 4: a 55×55×96 output."""
    assert cs.output_size(227, 11, stride=4) == 55
    shared = cs.params_conv2d(3, 96, 11)
    unshared = cs.params_locally_connected2d((3, 227, 227), 96, 11, stride=4)
    assert shared == 96 * (11 * 11 * 3 + 1) == 34_944
    assert unshared == 55 * 55 * 96 * 364 == 105_705_600


def test_cs231n_two_filters_on_32x32x3():
    assert cs.output_size(32, 5) == 28
    assert cs.params_conv2d(3, 2, 5, bias=False) == 2 * 5 * 5 * 3


def test_a_trillion_is_exact_even_from_numpy_int32():
    """10⁶ inputs × 10⁶ outputs: exact Python ints, no int32/int64 overflow or float rounding."""
    count = cs.params_fully_connected(np.int32(1000 * 1000), np.int32(10**6), bias=False)
    assert type(count) is int
    assert count == 10**12
    huge = cs.params_fully_connected(10**10, 10**10)
    assert huge == 10**20 + 10**10  # beyond int64


def test_locally_connected_with_padding_and_pairs():
    count = cs.params_locally_connected2d((2, 5, 6), 3, (3, 2), stride=(2, 1), padding=(1, 0))
    h_out, w_out = (5 + 2 - 3) // 2 + 1, (6 - 2) // 1 + 1
    assert count == h_out * w_out * 3 * (2 * 3 * 2 + 1)
