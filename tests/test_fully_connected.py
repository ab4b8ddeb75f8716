"""fully_connected, and a 1×1 convolution as the same fully connected layer at every pixel."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs


def test_by_hand():
    x = np.array([1.0, 2.0, 3.0])
    w = np.array([[1.0, 0.0, -1.0], [2.0, 2.0, 2.0]])
    np.testing.assert_array_equal(cs.fully_connected(x, w, np.array([0.5, 1.0])), [-1.5, 13.0])


@pytest.mark.parametrize("lead", [(), (4,), (2, 3), (2, 1, 3)])
def test_leading_axes_match_loops(lead):
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(*lead, 5)), rng.normal(size=(3, 5)), rng.normal(size=3)
    y = cs.fully_connected(x, w, b)
    assert y.shape == (*lead, 3)
    for index in np.ndindex(*lead):
        for o in range(3):
            expected = sum(w[o, i] * x[index][i] for i in range(5)) + b[o]
            assert y[index][o] == pytest.approx(expected, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    batched=st.booleans(),
    c_in=st.integers(1, 5),
    c_out=st.integers(1, 5),
    h=st.integers(1, 6),
    wd=st.integers(1, 6),
    with_bias=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_one_by_one_conv_is_fully_connected_at_every_pixel(
    batched, c_in, c_out, h, wd, with_bias, seed
):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, c_in, h, wd) if batched else (c_in, h, wd))
    w = rng.normal(size=(c_out, c_in))
    b = rng.normal(size=c_out) if with_bias else None
    y_conv = cs.conv2d(x, w[:, :, None, None], b)
    pixels_last = np.moveaxis(x, -3, -1)  # (…, H, W, C_in)
    y_fc = np.moveaxis(cs.fully_connected(pixels_last, w, b), -1, -3)
    np.testing.assert_allclose(y_conv, y_fc, rtol=0, atol=1e-10)
