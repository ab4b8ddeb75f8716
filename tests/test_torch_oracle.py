"""The same cases against PyTorch (an optional oracle: never a runtime or required dependency)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from convshare import fastconv
from tests.strategies import conv_cases, grouped_cases

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


# Winograd layers (C, H, W, padding) -> the tile size m the engine picks, with the channel
# thresholds lowered so that small layers take the path
WINOGRAD = [
    pytest.param((16, 30, 29, 1), 4, id="F4x4"),
    pytest.param((16, 14, 19, (0, 2)), 2, id="F2x2"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("layer", "m"), WINOGRAD)
def test_conv2d_on_the_winograd_path_matches_torch(monkeypatch, dtype, layer, m):
    """Winograd F(m×m, 3×3), in float32 to 1e-5 of max |y| (as the other paths), float64 1e-10."""
    monkeypatch.setattr(fastconv, "WINOGRAD_CHANNELS", 16)
    monkeypatch.setattr(fastconv, "WINOGRAD_WORK", 16)
    monkeypatch.setattr(fastconv, "WINOGRAD_F2_SIDE", 12)
    monkeypatch.setattr(fastconv, "WINOGRAD_F4_SIDE", 28)
    c, h, wd, padding = layer
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, c, h, wd)).astype(dtype)
    w = (rng.normal(size=(c + 8, c, 3, 3)) * np.sqrt(2 / (9 * c))).astype(dtype)
    b = rng.normal(size=c + 8).astype(dtype)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    assert fastconv.winograd_tile(c, c + 8, (3, 3), (1, 1), (h + 2 * ph - 2, wd + 2 * pw - 2)) == m
    y = cs.conv2d(x, w, b, padding=padding)
    assert y.dtype == dtype
    expected = F.conv2d(t(x).double(), t(w).double(), t(b).double(), padding=padding).numpy()
    tolerance = 1e-5 if dtype == np.float32 else 1e-10
    np.testing.assert_allclose(y, expected, rtol=tolerance, atol=tolerance * np.abs(expected).max())


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


@st.composite
def pool_torch_cases(draw):
    """x (N, C, H, W) or (C, H, W), kernel, stride (None: the kernel), padding <= kernel / 2."""
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    ph, pw = draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2))
    stride = draw(st.sampled_from([None, draw(st.integers(1, 3)), (2, 1)]))
    h = draw(st.integers(max(1, kh - 2 * ph), 8))
    w = draw(st.integers(max(1, kw - 2 * pw), 8))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 3)), h, w)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.integers(-3, 4, size=shape).astype(np.float64)  # ties: the first maximum wins
    if draw(st.booleans()):
        x = rng.normal(size=shape)
    return (x if draw(st.booleans()) else x[0]), (kh, kw), stride, (ph, pw)


@settings(max_examples=200, deadline=None)
@given(pool_torch_cases())
def test_pooling_and_backward_match_torch(case):
    x, kernel, stride, padding = case
    kwargs = {"stride": stride, "padding": padding}
    for ours, backward, theirs in [
        (cs.max_pool2d, cs.max_pool2d_backward, F.max_pool2d),
        (cs.avg_pool2d, cs.avg_pool2d_backward, F.avg_pool2d),
    ]:
        xt = t(x).requires_grad_()
        y = theirs(xt, kernel, stride=stride, padding=padding)  # torch takes (C, H, W) too
        np.testing.assert_allclose(ours(x, kernel, **kwargs), y.detach().numpy(), atol=1e-12)
        grad_y = np.random.default_rng(0).normal(size=tuple(y.shape))
        y.backward(t(grad_y))
        np.testing.assert_allclose(
            backward(x, grad_y, kernel, **kwargs), xt.grad.numpy(), atol=1e-12
        )


def test_global_max_pooling_float32_matches_torch():
    x = np.random.default_rng(1).normal(size=(4, 3, 9, 7)).astype(np.float32)
    y = cs.max_pool2d(x, (9, 7))
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y, F.max_pool2d(t(x), (9, 7)).numpy())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3)), max_size=4))
def test_receptive_field_matches_autograd(layers):
    """The input pixels with a nonzero gradient of one output unit of a stack of conv1d layers."""
    size, jump = cs.receptive_field(layers)
    x = torch.zeros(1, 1, size + jump, dtype=torch.float64, requires_grad=True)
    y = x
    for k, s, d in layers:
        y = F.conv1d(y, torch.ones(1, 1, k, dtype=torch.float64), stride=s, dilation=d)
    assert y.shape[-1] == 2  # exactly enough input for two output units
    for unit, start in [(0, 0), (1, jump)]:
        (grad,) = torch.autograd.grad(y[0, 0, unit], x, retain_graph=True)
        reached = np.flatnonzero(grad.numpy()[0, 0])
        assert (reached.min(), reached.max() + 1 - reached.min()) == (start, size)


@settings(max_examples=200, deadline=None)
@given(conv_cases(max_size=6))
def test_locally_connected2d_backward_matches_autograd(case):
    """torch has no locally connected layer: unfold, one weight set per column, einsum."""
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    kh, kw = case.w.shape[2:]
    cols = F.unfold(t(x4), (kh, kw), stride=case.stride, padding=case.padding)
    n_out = cols.shape[2]
    h_out = (x4.shape[2] + 2 * case.pairs[1][0] - kh) // case.pairs[0][0] + 1
    w_out = n_out // h_out
    w = np.random.default_rng(5).normal(size=(h_out, w_out, *case.w.shape))
    xt = t(x4).requires_grad_()
    wt = t(w).requires_grad_()
    cols = F.unfold(xt, (kh, kw), stride=case.stride, padding=case.padding)  # (N, K, L)
    y = torch.einsum("nkl,lok->nol", cols, wt.reshape(n_out, len(case.w), -1))
    grad_y = np.random.default_rng(6).normal(size=tuple(y.shape))
    y.backward(t(grad_y))
    grad_y = grad_y.reshape(len(x4), len(case.w), h_out, w_out)
    if case.x.ndim == 3:
        grad_y = grad_y[0]
    grad_x, grad_w, _ = cs.locally_connected2d_backward(
        case.x, w, grad_y, stride=case.stride, padding=case.padding
    )
    expected_x = xt.grad.numpy() if case.x.ndim == 4 else xt.grad.numpy()[0]
    np.testing.assert_allclose(grad_x, expected_x, atol=1e-10)
    np.testing.assert_allclose(grad_w, wt.grad.numpy(), atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(grouped_cases())
def test_dilated_grouped_conv2d_and_backward_match_torch(case):
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    xt, wt = t(x4).requires_grad_(), t(case.w).requires_grad_()
    y = F.conv2d(xt, wt, t(case.b), **case.kwargs)
    grad_y = np.random.default_rng(0).normal(size=tuple(y.shape))
    y.backward(t(grad_y))
    unbatch = (lambda a: a) if case.x.ndim == 4 else (lambda a: a[0])
    expected = unbatch(y.detach().numpy())
    np.testing.assert_allclose(
        cs.conv2d(case.x, case.w, case.b, **case.kwargs), expected, atol=1e-10
    )
    np.testing.assert_allclose(
        cs.conv2d_naive(case.x, case.w, case.b, **case.kwargs), expected, atol=1e-10
    )
    grad_x, grad_w, _ = cs.conv2d_backward(case.x, case.w, unbatch(grad_y), **case.kwargs)
    np.testing.assert_allclose(grad_x, unbatch(xt.grad.numpy()), atol=1e-10)
    np.testing.assert_allclose(grad_w, wt.grad.numpy(), atol=1e-10)


@pytest.mark.parametrize(
    ("c_in", "c_out", "k", "groups"), [(32, 32, 3, 32), (32, 64, 1, 1), (6, 9, 5, 3)]
)
def test_grouped_params_match_torch(c_in, c_out, k, groups):
    conv = torch.nn.Conv2d(c_in, c_out, k, groups=groups)
    assert cs.params_conv2d(c_in, c_out, k, groups=groups) == sum(
        p.numel() for p in conv.parameters()
    )


def test_depthwise_float32_matches_torch():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 8, 14, 13)).astype(np.float32)
    w = rng.normal(size=(8, 1, 3, 3)).astype(np.float32)
    y = cs.conv2d(x, w, padding=2, dilation=2, groups=8)
    assert y.dtype == np.float32
    expected = F.conv2d(t(x), t(w), padding=2, dilation=2, groups=8).numpy()
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)
