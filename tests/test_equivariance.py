"""Shifting the input shifts the output: translation equivariance, away from the border."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from tests.strategies import conv_cases


def shift(x, dy, dx):
    """Move the image content down by dy and right by dx, filling with zeros."""
    out = np.zeros_like(x)
    h, w = x.shape[-2:]
    if dy < h and dx < w:
        out[..., dy:, dx:] = x[..., : h - dy, : w - dx]
    return out


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=10), st.integers(0, 3), st.integers(0, 3))
def test_shifting_the_input_shifts_the_output(case, ky, kx):
    """A shift by (ky*sh, kx*sw) pixels moves the output by (ky, kx) positions."""
    (sh, sw), (ph, pw) = case.pairs
    kwargs = {"stride": case.stride, "padding": case.padding}
    y = cs.conv2d(case.x, case.w, case.b, **kwargs)
    y_shifted = cs.conv2d(shift(case.x, ky * sh, kx * sw), case.w, case.b, **kwargs)
    h, wd = case.x.shape[-2:]
    kh, kw = case.w.shape[2:]
    for r in range(ky, y.shape[-2]):
        for c in range(kx, y.shape[-1]):
            # away from the border: the shifted patch lies above row H and left of column W
            if r * sh - ph + kh <= h and c * sw - pw + kw <= wd:
                np.testing.assert_allclose(
                    y_shifted[..., r, c], y[..., r - ky, c - kx], rtol=0, atol=1e-10
                )
    if ky == kx == 0:
        np.testing.assert_array_equal(y_shifted, y)


def test_a_moved_dot_moves_the_response():
    """One bright pixel: the response pattern moves with it, pixel for pixel."""
    w = np.arange(9.0).reshape(1, 1, 3, 3)
    x = np.zeros((1, 9, 9))
    x[0, 2, 3] = 1
    y1 = cs.conv2d(x, w, padding=1)
    y2 = cs.conv2d(shift(x, 3, 2), w, padding=1)
    np.testing.assert_array_equal(y2[:, 3:, 2:], y1[:, :-3, :-2])
    assert np.count_nonzero(y1) == 8  # the kernel, flipped around the dot (its 0 weight drops)
