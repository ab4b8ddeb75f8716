"""locally_connected2d: unshared weights; with tied weights it is conv2d."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

import convshare as cs
from tests.strategies import conv_cases, out_grid


def loops_reference(x, w, b, stride, padding):
    """y[n, o, r, c] = sum(patch(n, r, c) * w[r, c, o]) + b[o, r, c], written as loops."""
    (sh, sw), (ph, pw) = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out, w_out, c_out, _, kh, kw = w.shape
    y = np.zeros((len(x), c_out, h_out, w_out))
    for n in range(len(x)):
        for r in range(h_out):
            for c in range(w_out):
                patch = xp[n, :, r * sh : r * sh + kh, c * sw : c * sw + kw]
                for o in range(c_out):
                    y[n, o, r, c] = np.sum(patch * w[r, c, o]) + (0 if b is None else b[o, r, c])
    return y


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_tied_weights_give_conv2d(case):
    h_out, w_out = out_grid(case)
    tied = np.broadcast_to(case.w, (h_out, w_out, *case.w.shape))
    b = (
        None
        if case.b is None
        else np.broadcast_to(case.b[:, None, None], (len(case.b), h_out, w_out))
    )
    y = cs.locally_connected2d(case.x, tied, b, stride=case.stride, padding=case.padding)
    expected = cs.conv2d_naive(case.x, case.w, case.b, stride=case.stride, padding=case.padding)
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=6))
def test_untied_weights_match_loops(case):
    h_out, w_out = out_grid(case)
    rng = np.random.default_rng(0)
    w = rng.normal(size=(h_out, w_out, *case.w.shape))  # a different kernel at every position
    b = None if case.b is None else rng.normal(size=(len(case.b), h_out, w_out))
    y = cs.locally_connected2d(case.x, w, b, stride=case.stride, padding=case.padding)
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    expected = loops_reference(x4, w, b, *case.pairs)
    np.testing.assert_allclose(y, expected if case.x.ndim == 4 else expected[0], rtol=0, atol=1e-10)


def test_each_position_uses_its_own_kernel():
    """Only position (1, 2) has a non-zero kernel: only output (1, 2) is non-zero."""
    x = np.ones((1, 4, 5))
    w = np.zeros((2, 3, 1, 1, 3, 3))
    w[1, 2] = 1
    y = cs.locally_connected2d(x, w)
    expected = np.zeros((1, 2, 3))
    expected[0, 1, 2] = 9
    np.testing.assert_array_equal(y, expected)
