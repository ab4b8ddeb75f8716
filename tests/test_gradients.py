"""conv2d_backward against central finite differences and the per-position sum."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

import convshare as cs
from tests import finite_differences
from tests.strategies import conv_cases, out_grid


def loss(case, x, w, b, grad_y):
    """L = sum(conv2d(x, w, b) * grad_y), whose gradient w.r.t. y is grad_y."""
    return np.sum(cs.conv2d(x, w, b, stride=case.stride, padding=case.padding) * grad_y)


def central_differences(f, a, h=1e-3):
    return finite_differences.central_differences(f, a, h)


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


def lc_loss(case, x, w, grad_y):
    """L = sum(locally_connected2d(x, w) * grad_y)."""
    return np.sum(cs.locally_connected2d(x, w, stride=case.stride, padding=case.padding) * grad_y)


def unshared(case, seed):
    """Random per-position weights (H_out, W_out, C_out, C_in, kH, kW) for a conv case."""
    h_out, w_out = out_grid(case)
    return np.random.default_rng(seed).normal(size=(h_out, w_out, *case.w.shape))


@settings(max_examples=100, deadline=None)
@given(conv_cases(max_size=4, max_batch=2, max_channels=2))
def test_locally_connected_backward_matches_central_finite_differences(case):
    w = unshared(case, 0)
    y = cs.locally_connected2d(case.x, w, stride=case.stride, padding=case.padding)
    grad_y = np.random.default_rng(1).normal(size=y.shape)
    grad_x, grad_w, grad_b = cs.locally_connected2d_backward(
        case.x, w, grad_y, stride=case.stride, padding=case.padding
    )
    assert grad_x.shape == case.x.shape
    assert grad_w.shape == w.shape
    assert grad_b.shape == y.shape[-3:]
    fd_x = central_differences(lambda x: lc_loss(case, x, w, grad_y), case.x)
    fd_w = central_differences(lambda ww: lc_loss(case, case.x, ww, grad_y), w)
    np.testing.assert_allclose(grad_x, fd_x, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(grad_w, fd_w, rtol=1e-7, atol=1e-8)
    # y = ... + b[o, r, c]: dL/db is grad_y summed over the batch only
    np.testing.assert_allclose(grad_b, grad_y if grad_y.ndim == 3 else grad_y.sum(axis=0))


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=6))
def test_shared_gradient_is_the_sum_of_the_per_position_gradients(case):
    """Tie every position to one kernel: conv2d_backward's grad_w = the per-position sum."""
    h_out, w_out = out_grid(case)
    tied = np.broadcast_to(case.w, (h_out, w_out, *case.w.shape))
    y = cs.conv2d(case.x, case.w, stride=case.stride, padding=case.padding)
    grad_y = np.random.default_rng(2).normal(size=y.shape)
    kwargs = {"stride": case.stride, "padding": case.padding}
    lc_x, lc_w, lc_b = cs.locally_connected2d_backward(case.x, tied, grad_y, **kwargs)
    conv_x, conv_w, conv_b = cs.conv2d_backward(case.x, case.w, grad_y, **kwargs)
    np.testing.assert_allclose(lc_w.sum(axis=(0, 1)), conv_w, rtol=1e-12, atol=1e-10)
    np.testing.assert_allclose(lc_b.sum(axis=(1, 2)), conv_b, rtol=1e-12, atol=1e-10)
    np.testing.assert_allclose(lc_x, conv_x, rtol=1e-12, atol=1e-10)


@settings(max_examples=100, deadline=None)
@given(conv_cases(max_size=6))
def test_locally_connected_grad_w_is_each_positions_own_patch(case):
    """Loops: grad_w[r, c, o] = sum over n of grad_y[n, o, r, c] * patch(n, r, c)."""
    (sh, sw), (ph, pw) = case.pairs
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    w = unshared(case, 3)
    grad_y = np.random.default_rng(4).normal(size=(len(x4), len(case.w), *out_grid(case)))
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    kh, kw = case.w.shape[2:]
    expected_w = np.zeros_like(w)
    expected_xp = np.zeros_like(xp)
    for n, o, r, c in np.ndindex(grad_y.shape):
        window = (n, slice(None), slice(r * sh, r * sh + kh), slice(c * sw, c * sw + kw))
        expected_w[r, c, o] += grad_y[n, o, r, c] * xp[window]
        expected_xp[window] += grad_y[n, o, r, c] * w[r, c, o]
    grad_x, grad_w, _ = cs.locally_connected2d_backward(
        x4, w, grad_y, stride=case.stride, padding=case.padding
    )
    np.testing.assert_allclose(grad_w, expected_w, rtol=0, atol=1e-10)
    expected_x = expected_xp[:, :, ph : ph + x4.shape[2], pw : pw + x4.shape[3]]
    np.testing.assert_allclose(grad_x, expected_x, rtol=0, atol=1e-10)


def test_locally_connected_backward_float32_stays_float32():
    x = np.ones((2, 4, 4), np.float32)
    w = np.ones((2, 2, 3, 2, 3, 3), np.float32)
    grads = cs.locally_connected2d_backward(x, w, np.ones((3, 2, 2), np.float32))
    assert [g.dtype for g in grads] == [np.float32] * 3
