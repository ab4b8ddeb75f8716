"""conv2d with dilation and groups: fast vs loops, vs zero-inserted kernels, SciPy, per group."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.signal import correlate2d

import convshare as cs
from tests import finite_differences
from tests.strategies import as_pair, grouped_cases


def inflate(w, dilation):
    """The dilated kernel written out: dh - 1 zero rows (dw - 1 zero columns) between taps."""
    dh, dw = as_pair(dilation)
    c_out, c_in, kh, kw = w.shape
    big = np.zeros((c_out, c_in, dh * (kh - 1) + 1, dw * (kw - 1) + 1))
    big[:, :, ::dh, ::dw] = w
    return big


@settings(max_examples=200, deadline=None)
@given(grouped_cases())
def test_fast_equals_loops(case):
    fast = cs.conv2d(case.x, case.w, case.b, **case.kwargs)
    naive = cs.conv2d_naive(case.x, case.w, case.b, **case.kwargs)
    assert fast.shape == naive.shape
    np.testing.assert_allclose(fast, naive, rtol=0, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(grouped_cases())
def test_dilation_is_a_kernel_with_zeros_and_groups_are_separate_convolutions(case):
    """Reference without the new code path: plain conv2d, one group at a time, inflated w."""
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    g, c_group, per_group = case.groups, case.w.shape[1], len(case.w) // case.groups
    big = inflate(case.w, case.dilation)
    parts = [
        cs.conv2d(
            x4[:, k * c_group : (k + 1) * c_group],
            big[k * per_group : (k + 1) * per_group],
            stride=case.stride,
            padding=case.padding,
        )
        for k in range(g)
    ]
    expected = np.concatenate(parts, axis=1)
    if case.b is not None:
        expected += case.b[:, None, None]
    y = cs.conv2d(x4, case.w, case.b, **case.kwargs)
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-10)


@pytest.mark.parametrize("dilation", [1, 2, (1, 3)])
def test_depthwise_matches_scipy_correlate2d_per_channel(dilation):
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(4, 11, 12)), rng.normal(size=(4, 1, 3, 3))
    y = cs.conv2d(x, w, groups=4, dilation=dilation, padding=1)
    xp = np.pad(x, ((0, 0), (1, 1), (1, 1)))
    big = inflate(w, dilation)
    expected = np.array([correlate2d(xp[c], big[c, 0], mode="valid") for c in range(4)])
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-12)


def test_float32_stays_float32_and_matches_float64():
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=(2, 6, 10, 9)), rng.normal(size=(4, 3, 3, 3))
    y32 = cs.conv2d(x.astype(np.float32), w.astype(np.float32), dilation=2, groups=2)
    assert y32.dtype == np.float32
    np.testing.assert_allclose(y32, cs.conv2d(x, w, dilation=2, groups=2), rtol=1e-5, atol=1e-5)
    grads = cs.conv2d_backward(
        x.astype(np.float32), w.astype(np.float32), y32, dilation=2, groups=2
    )
    assert [g.dtype for g in grads] == [np.float32] * 3


def test_defaults_change_nothing():
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=(2, 3, 8, 8)), rng.normal(size=(5, 3, 3, 3))
    np.testing.assert_array_equal(
        cs.conv2d(x, w, stride=2, padding=1),
        cs.conv2d(x, w, stride=2, padding=1, dilation=1, groups=1),
    )


def test_output_shape_follows_output_size():
    x = np.zeros((6, 17, 20))
    y = cs.conv2d(
        x, np.zeros((9, 2, 3, 5)), stride=(2, 1), padding=(1, 2), dilation=(3, 2), groups=3
    )
    assert y.shape == (
        9,
        cs.output_size(17, 3, stride=2, padding=1, dilation=3),
        cs.output_size(20, 5, stride=1, padding=2, dilation=2),
    )


def test_by_hand_dilation_two():
    """A 1×5 row, kernel [1, 10] with dilation 2 reads x[c] and x[c + 2]."""
    x = np.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]])
    y = cs.conv2d(x, np.array([[[[1.0, 10.0]]]]), dilation=2)
    np.testing.assert_array_equal(y, [[[1 + 30, 2 + 40, 3 + 50]]])


def central_differences(f, a, h=1e-3):
    return finite_differences.central_differences(f, a, h)


@settings(max_examples=80, deadline=None)
@given(grouped_cases(max_size=6))
def test_backward_matches_central_finite_differences(case):
    y = cs.conv2d(case.x, case.w, **case.kwargs)
    grad_y = np.random.default_rng(0).normal(size=y.shape)
    grad_x, grad_w, grad_b = cs.conv2d_backward(case.x, case.w, grad_y, **case.kwargs)
    assert grad_x.shape == case.x.shape
    assert grad_w.shape == case.w.shape
    fd_x = central_differences(
        lambda x: np.sum(cs.conv2d(x, case.w, **case.kwargs) * grad_y), case.x
    )
    fd_w = central_differences(
        lambda w: np.sum(cs.conv2d(case.x, w, **case.kwargs) * grad_y), case.w
    )
    np.testing.assert_allclose(grad_x, fd_x, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(grad_w, fd_w, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(
        grad_b, grad_y.sum(axis=(-2, -1)) if grad_y.ndim == 3 else grad_y.sum(axis=(0, 2, 3))
    )


@settings(max_examples=200, deadline=None)
@given(grouped_cases())
def test_params_count_the_weight_array(case):
    c_in, (c_out, _, kh, kw) = case.x.shape[-3], case.w.shape
    count = cs.params_conv2d(c_in, c_out, (kh, kw), groups=case.groups)
    assert count == case.w.size + c_out
    assert cs.params_conv2d(c_in, c_out, (kh, kw), groups=case.groups, bias=False) == case.w.size


def test_depthwise_separable_params_by_hand():
    """C = 32 channels, k = 3, C_out = 64: C·k² + C·C_out against C·C_out·k²."""
    depthwise = cs.params_conv2d(32, 32, 3, groups=32, bias=False)
    pointwise = cs.params_conv2d(32, 64, 1, bias=False)
    assert (depthwise, pointwise) == (32 * 9, 32 * 64)
    assert cs.params_conv2d(32, 64, 3, bias=False) == 32 * 64 * 9
