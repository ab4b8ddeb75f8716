"""The same cases against PyTorch (an optional oracle: never a runtime or required dependency)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from tests.strategies import conv_cases

torch = pytest.importorskip(
    "torch",
    reason="PyTorch is an optional oracle: make torch installs it when its wheel is on disk",
)
F = torch.nn.functional
torch.set_num_threads(1)  # tiny problems: extra threads only wait on this shared 2-core box


def t(a):
    return None if a is None else torch.from_numpy(np.ascontiguousarray(a))


def torch_conv2d(case):
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    y = F.conv2d(t(x4), t(case.w), t(case.b), stride=case.stride, padding=case.padding).numpy()
    return y if case.x.ndim == 4 else y[0]


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_conv2d_and_naive_match_torch(case):
    expected = torch_conv2d(case)
    kwargs = {"stride": case.stride, "padding": case.padding}
    np.testing.assert_allclose(cs.conv2d(case.x, case.w, case.b, **kwargs), expected, atol=1e-10)
    np.testing.assert_allclose(
        cs.conv2d_naive(case.x, case.w, case.b, **kwargs), expected, atol=1e-10
    )


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (2, 1), ((3, 1), (0, 2))])
def test_conv2d_float32_matches_torch(stride, padding):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 12, 11)).astype(np.float32)
    w = rng.normal(size=(4, 3, 3, 3)).astype(np.float32)
    b = rng.normal(size=4).astype(np.float32)
    y = cs.conv2d(x, w, b, stride=stride, padding=padding)
    assert y.dtype == np.float32
    expected = F.conv2d(t(x), t(w), t(b), stride=stride, padding=padding).numpy()
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=10))
def test_conv1d_matches_torch(case):
    (_, s), (_, p) = case.pairs
    x, w = case.x[..., 0, :], case.w[:, :, 0, :]
    x3 = x if x.ndim == 3 else x[None]
    expected = F.conv1d(t(x3), t(w), t(case.b), stride=s, padding=p).numpy()
    y = cs.conv1d(x, w, case.b, stride=s, padding=p)
    np.testing.assert_allclose(y, expected if x.ndim == 3 else expected[0], atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_im2col_matches_unfold(case):
    kernel = case.w.shape[2:]
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    expected = F.unfold(t(x4), kernel, stride=case.stride, padding=case.padding).numpy()
    cols = cs.im2col(case.x, kernel, stride=case.stride, padding=case.padding)
    np.testing.assert_array_equal(cols, expected if case.x.ndim == 4 else expected[0])


@settings(max_examples=200, deadline=None)
@given(conv_cases())
def test_conv2d_backward_matches_autograd(case):
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    xt = t(x4).requires_grad_()
    wt = t(case.w).requires_grad_()
    bt = torch.zeros(len(case.w), dtype=torch.float64, requires_grad=True)
    y = F.conv2d(xt, wt, bt, stride=case.stride, padding=case.padding)
    grad_y = np.random.default_rng(0).normal(size=tuple(y.shape))
    y.backward(t(grad_y))
    if case.x.ndim == 3:
        grad_y = grad_y[0]
    grad_x, grad_w, grad_b = cs.conv2d_backward(
        case.x, case.w, grad_y, stride=case.stride, padding=case.padding
    )
    expected_x = xt.grad.numpy() if case.x.ndim == 4 else xt.grad.numpy()[0]
    np.testing.assert_allclose(grad_x, expected_x, atol=1e-10)
    np.testing.assert_allclose(grad_w, wt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(grad_b, bt.grad.numpy(), atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(
    lead=st.lists(st.integers(1, 3), max_size=3),
    n_in=st.integers(1, 6),
    n_out=st.integers(1, 6),
    with_bias=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_fully_connected_matches_linear(lead, n_in, n_out, with_bias, seed):
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=(*lead, n_in)), rng.normal(size=(n_out, n_in))
    b = rng.normal(size=n_out) if with_bias else None
    expected = F.linear(t(x), t(w), t(b)).numpy()
    np.testing.assert_allclose(cs.fully_connected(x, w, b), expected, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 30),
    k=st.integers(1, 7),
    s=st.integers(1, 4),
    p=st.integers(0, 3),
    d=st.integers(1, 3),
)
def test_output_size_matches_torch_shapes(n, k, s, p, d):
    if d * (k - 1) + 1 > n + 2 * p:
        return  # torch refuses too (tested in test_params / test_validation)
    y = F.conv1d(torch.zeros(1, 1, n), torch.zeros(1, 1, k), stride=s, padding=p, dilation=d)
    assert cs.output_size(n, k, stride=s, padding=p, dilation=d) == y.shape[-1]


def test_locally_connected_params_match_unfold_columns():
    """One weight per (output position, output channel, patch entry): unfold's columns × rows."""
    x = torch.zeros(1, 3, 227, 227)
    cols = F.unfold(x, 11, stride=4)  # (1, 3*11*11, 55*55)
    weights = cols.shape[1] * cols.shape[2] * 96
    assert cs.params_locally_connected2d((3, 227, 227), 96, 11, stride=4, bias=False) == weights
    conv = torch.nn.Conv2d(3, 96, 11, stride=4)
    assert cs.params_conv2d(3, 96, 11) == sum(p.numel() for p in conv.parameters())
    linear = torch.nn.Linear(100, 10)
    assert cs.params_fully_connected(100, 10) == sum(p.numel() for p in linear.parameters())
