"""conv2d_backward against central finite differences and the per-position sum."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

import convshare as cs
from tests.strategies import conv_cases


def loss(case, x, w, b, grad_y):
    """L = sum(conv2d(x, w, b) * grad_y), whose gradient w.r.t. y is grad_y."""
    return np.sum(cs.conv2d(x, w, b, stride=case.stride, padding=case.padding) * grad_y)


def central_differences(f, a, h=1e-3):
    grad = np.zeros_like(a)
    for index in np.ndindex(a.shape):
        step = np.zeros_like(a)
        step[index] = h
        grad[index] = (f(a + step) - f(a - step)) / (2 * h)
    return grad


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=5, max_batch=2, max_channels=2))
def test_backward_matches_central_finite_differences(case):
    b = np.zeros(len(case.w)) if case.b is None else case.b
    y = cs.conv2d(case.x, case.w, b, stride=case.stride, padding=case.padding)
    grad_y = np.random.default_rng(0).normal(size=y.shape)
    grad_x, grad_w, grad_b = cs.conv2d_backward(
        case.x, case.w, grad_y, stride=case.stride, padding=case.padding
    )
    assert grad_x.shape == case.x.shape
    assert grad_w.shape == case.w.shape
    assert grad_b.shape == b.shape
    fd_x = central_differences(lambda x: loss(case, x, case.w, b, grad_y), case.x)
    fd_w = central_differences(lambda w: loss(case, case.x, w, b, grad_y), case.w)
    fd_b = central_differences(lambda bb: loss(case, case.x, case.w, bb, grad_y), b)
    np.testing.assert_allclose(grad_x, fd_x, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(grad_w, fd_w, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(grad_b, fd_b, rtol=1e-7, atol=1e-8)


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=6))
def test_grad_w_is_the_sum_over_every_output_position(case):
    """Parameter sharing: each position adds grad_y[n, o, r, c] * its patch to grad_w[o]."""
    (sh, sw), (ph, pw) = case.pairs
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    y = cs.conv2d_naive(x4, case.w, stride=case.stride, padding=case.padding)
    grad_y = np.random.default_rng(1).normal(size=y.shape)
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    kh, kw = case.w.shape[2:]
    expected = np.zeros_like(case.w)
    for n, o, r, c in np.ndindex(grad_y.shape):
        expected[o] += grad_y[n, o, r, c] * xp[n, :, r * sh : r * sh + kh, c * sw : c * sw + kw]
    _, grad_w, grad_b = cs.conv2d_backward(
        x4, case.w, grad_y, stride=case.stride, padding=case.padding
    )
    np.testing.assert_allclose(grad_w, expected, rtol=0, atol=1e-10)
    np.testing.assert_allclose(grad_b, grad_y.sum(axis=(0, 2, 3)), rtol=0, atol=1e-10)


def test_unbatched_equals_batch_of_one():
    rng = np.random.default_rng(2)
    x, w, grad_y = (
        rng.normal(size=(2, 5, 5)),
        rng.normal(size=(3, 2, 3, 3)),
        rng.normal(size=(3, 3, 3)),
    )
    single = cs.conv2d_backward(x, w, grad_y, stride=2, padding=1)
    batch = cs.conv2d_backward(x[None], w, grad_y[None], stride=2, padding=1)
    np.testing.assert_allclose(single[0], batch[0][0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(single[1], batch[1], rtol=0, atol=1e-12)
    np.testing.assert_allclose(single[2], batch[2], rtol=0, atol=1e-12)


def test_rows_skipped_by_the_stride_get_zero_gradient():
    """A 1×1 kernel with stride 2 never reads odd rows or columns."""
    grad_x, _, _ = cs.conv2d_backward(
        np.ones((1, 4, 4)), np.ones((1, 1, 1, 1)), np.ones((1, 2, 2)), stride=2
    )
    expected = np.zeros((1, 4, 4))
    expected[0, ::2, ::2] = 1
    np.testing.assert_array_equal(grad_x, expected)
