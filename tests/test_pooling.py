"""max_pool2d / avg_pool2d and their backward passes: fast vs loops, finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from convshare.pooling import avg_pool2d_naive, max_pool2d_naive
from tests import finite_differences


@st.composite
def pool_cases(draw, max_size=7):
    """(x, kernel_size, stride, padding): padding at most half the kernel, as PyTorch."""
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    kernel = draw(st.sampled_from([kh, (kh, kw)])) if kh == kw else (kh, kw)
    ph, pw = draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2))
    padding = draw(st.sampled_from([(ph, pw), min(ph, pw)]))
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    stride = draw(st.sampled_from([None, draw(st.integers(1, 3)), (1, 2)]))
    h = draw(st.integers(max(1, kh - 2 * ph), max_size))
    w = draw(st.integers(max(1, kw - 2 * pw), max_size))
    shape = (draw(st.integers(1, 3)), h, w)
    if draw(st.booleans()):
        shape = (draw(st.integers(1, 2)), *shape)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    # small integers: ties (the first maximum wins) and exact sums
    x = rng.integers(-3, 4, size=shape).astype(np.float64)
    if draw(st.booleans()):
        x = rng.normal(size=shape)
    return x, kernel, stride, padding


def central_differences(f, a, h=1e-4):
    return finite_differences.central_differences(f, a, h)


@settings(max_examples=150, deadline=None)
@given(pool_cases())
def test_fast_equals_loops(case):
    x, kernel, stride, padding = case
    kwargs = {"stride": stride, "padding": padding}
    np.testing.assert_array_equal(
        cs.max_pool2d(x, kernel, **kwargs), max_pool2d_naive(x, kernel, **kwargs)
    )
    np.testing.assert_allclose(
        cs.avg_pool2d(x, kernel, **kwargs), avg_pool2d_naive(x, kernel, **kwargs), atol=1e-12
    )


@settings(max_examples=60, deadline=None)
@given(pool_cases(max_size=4))
def test_backward_matches_central_finite_differences(case):
    x, kernel, stride, padding = case
    x = np.random.default_rng(x.size).permutation(x.size).reshape(x.shape) * 0.1  # no ties
    kwargs = {"stride": stride, "padding": padding}
    grad_y = np.random.default_rng(0).normal(size=cs.max_pool2d(x, kernel, **kwargs).shape)
    for forward, backward in [
        (cs.max_pool2d, cs.max_pool2d_backward),
        (cs.avg_pool2d, cs.avg_pool2d_backward),
    ]:
        grad_x = backward(x, grad_y, kernel, **kwargs)
        assert grad_x.shape == x.shape
        loss = lambda a, f=forward: np.sum(f(a, kernel, **kwargs) * grad_y)  # noqa: E731
        expected = central_differences(loss, x)
        np.testing.assert_allclose(grad_x, expected, rtol=1e-7, atol=1e-8)


@settings(max_examples=100, deadline=None)
@given(pool_cases())
def test_backward_conserves_the_gradient(case):
    """Every window hands on all of its gradient (max: to one pixel; avg: minus padded zeros)."""
    x, kernel, stride, padding = case
    kwargs = {"stride": stride, "padding": padding}
    grad_y = np.ones_like(cs.max_pool2d(x, kernel, **kwargs))
    assert cs.max_pool2d_backward(x, grad_y, kernel, **kwargs).sum() == pytest.approx(grad_y.sum())
    if padding in (0, (0, 0)):
        grad_x = cs.avg_pool2d_backward(x, grad_y, kernel, **kwargs)
        assert grad_x.sum() == pytest.approx(grad_y.sum())


def test_by_hand_with_padding():
    """A 1×3 map, kernel 1×3, stride 2, padding (0, 1): windows [pad, 4, -5] and [-5, 2, pad]."""
    x = np.array([[[4.0, -5.0, 2.0]]])
    np.testing.assert_array_equal(cs.max_pool2d(x, (1, 3), stride=2, padding=(0, 1)), [[[4, 2]]])
    # the padded zeros count in the mean: (0 + 4 - 5) / 3 and (-5 + 2 + 0) / 3
    y = cs.avg_pool2d(x, (1, 3), stride=2, padding=(0, 1))
    np.testing.assert_allclose(y, [[[-1 / 3, -3 / 3]]])
    grad = cs.max_pool2d_backward(x, np.array([[[1.0, 10.0]]]), (1, 3), stride=2, padding=(0, 1))
    np.testing.assert_array_equal(grad, [[[1, 0, 10]]])
    grad = cs.avg_pool2d_backward(x, np.array([[[3.0, 6.0]]]), (1, 3), stride=2, padding=(0, 1))
    np.testing.assert_allclose(grad, [[[1, 1 + 2, 2]]])


def test_negative_map_with_padding_never_returns_the_pad():
    x = -np.arange(1.0, 10.0).reshape(1, 3, 3)
    y = cs.max_pool2d(x, 3, stride=1, padding=1)
    assert y.max() < 0
    np.testing.assert_array_equal(y, max_pool2d_naive(x, 3, stride=1, padding=1))


def test_overlapping_windows_add_up_and_ties_go_to_the_first():
    x = np.array([[[1.0, 9.0, 1.0, 9.0]]])  # window 0..1 and 1..2 both pick x[1]
    grad = cs.max_pool2d_backward(x, np.ones((1, 1, 3)), (1, 2), stride=1)
    np.testing.assert_array_equal(grad, [[[0, 2, 0, 1]]])
    tie = cs.max_pool2d_backward(np.ones((1, 2, 2)), np.ones((1, 1, 1)), 2)
    np.testing.assert_array_equal(tie, [[[1, 0], [0, 0]]])


def test_global_max_pooling_is_one_number_per_map():
    x = np.random.default_rng(3).normal(size=(2, 3, 6, 5))
    y = cs.max_pool2d(x, (6, 5))
    assert y.shape == (2, 3, 1, 1)
    np.testing.assert_array_equal(y[..., 0, 0], x.max(axis=(2, 3)))
    grad = cs.max_pool2d_backward(x, np.ones_like(y), (6, 5))
    np.testing.assert_array_equal(grad, x == x.max(axis=(2, 3), keepdims=True))


@pytest.mark.parametrize("function", [cs.max_pool2d, cs.avg_pool2d])
def test_dtypes(function):
    x = np.arange(16).reshape(1, 4, 4)
    assert function(x, 2).dtype == np.float64
    assert function(x.astype(np.float32), 2).dtype == np.float32
    grad = {cs.max_pool2d: cs.max_pool2d_backward, cs.avg_pool2d: cs.avg_pool2d_backward}[function]
    assert grad(x.astype(np.float32), np.ones((1, 2, 2), np.float32), 2).dtype == np.float32


def test_unbatched_equals_batch_of_one():
    x = np.random.default_rng(4).normal(size=(2, 5, 5))
    for f in (cs.max_pool2d, cs.avg_pool2d):
        batch = f(x[None], 3, stride=2, padding=1)
        np.testing.assert_array_equal(f(x, 3, stride=2, padding=1), batch[0])
    g = np.ones((2, 3, 3))
    for f in (cs.max_pool2d_backward, cs.avg_pool2d_backward):
        np.testing.assert_array_equal(
            f(x, g, 3, stride=2, padding=1), f(x[None], g[None], 3, stride=2, padding=1)[0]
        )
