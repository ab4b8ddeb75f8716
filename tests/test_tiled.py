"""convshare.tiled: a tiled convolution is a convolution (t = 1), a locally connected layer
(t = output size), and in between a locally connected layer whose weights repeat with period t."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convshare as cs
from convshare import tiled
from tests.strategies import conv_cases


def tiled_loops(x, w, b=None, stride=(1, 1), padding=(0, 0)):
    """Reference with plain loops over output positions, written from the definition."""
    th, tw, c_out, _, kh, kw = w.shape
    (sh, sw), (ph, pw) = stride, padding
    x4 = x if x.ndim == 4 else x[None]
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    h_out = (xp.shape[2] - kh) // sh + 1
    w_out = (xp.shape[3] - kw) // sw + 1
    y = np.zeros((len(xp), c_out, h_out, w_out))
    for n in range(len(xp)):
        for o in range(c_out):
            for r in range(h_out):
                for s in range(w_out):
                    patch = xp[n, :, r * sh : r * sh + kh, s * sw : s * sw + kw]
                    y[n, o, r, s] = np.sum(patch * w[r % th, s % tw, o])
                    if b is not None:
                        y[n, o, r, s] += b[o, r % th, s % tw]
    return y if x.ndim == 4 else y[0]


def repeated(w_tile, grid):
    """Locally connected weights (H_out, W_out, ...) that repeat the tile's kernels."""
    th, tw = w_tile.shape[:2]
    rows, cols = np.arange(grid[0]) % th, np.arange(grid[1]) % tw
    return w_tile[rows][:, cols]


@settings(max_examples=100, deadline=None)
@given(conv_cases())
def test_tile_of_one_is_conv2d(case):
    w = case.w[None, None]
    b = None if case.b is None else case.b[:, None, None]
    y = tiled.tiled_conv2d(case.x, w, b, stride=case.stride, padding=case.padding)
    expected = cs.conv2d(case.x, case.w, case.b, stride=case.stride, padding=case.padding)
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-10)


@settings(max_examples=100, deadline=None)
@given(conv_cases(), st.data())
def test_any_tile_is_locally_connected_with_repeated_weights(case, data):
    stride, padding = case.pairs
    grid = cs.conv2d(case.x, case.w, stride=stride, padding=padding).shape[-2:]
    th = data.draw(st.integers(1, grid[0]), label="tH")
    tw = data.draw(st.integers(1, grid[1]), label="tW")
    rng = np.random.default_rng(th * 100 + tw)
    w = rng.normal(size=(th, tw, *case.w.shape))
    b = rng.normal(size=(case.w.shape[0], th, tw))
    y = tiled.tiled_conv2d(case.x, w, b, stride=case.stride, padding=case.padding)
    b_local = repeated(np.moveaxis(b, 0, -1), grid)  # (H_out, W_out, C_out)
    expected = cs.locally_connected2d(
        case.x, repeated(w, grid), np.moveaxis(b_local, -1, 0), stride=stride, padding=padding
    )
    np.testing.assert_allclose(y, expected, rtol=0, atol=1e-10)
    np.testing.assert_allclose(y, tiled_loops(case.x, w, b, stride, padding), rtol=0, atol=1e-10)


def test_tile_as_large_as_the_output_is_locally_connected():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 7, 6))
    w = rng.normal(size=(3, 2, 4, 3, 3, 3))  # stride 2: output grid 3×2, one kernel per place
    b = rng.normal(size=(4, 3, 2))
    y = tiled.tiled_conv2d(x, w, b, stride=2)
    np.testing.assert_allclose(y, cs.locally_connected2d(x, w, b, stride=2), rtol=0, atol=1e-12)


def test_rotation_by_hand():
    x = np.arange(1.0, 9.0).reshape(1, 1, 8)
    w = np.array([[1.0, 1.0], [1.0, -1.0]]).reshape(1, 2, 1, 1, 1, 2)
    y = tiled.tiled_conv2d(x, w)
    np.testing.assert_array_equal(y, [[[3.0, -1.0, 7.0, -1.0, 11.0, -1.0, 15.0]]])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_dtype_is_kept(dtype):
    x = np.ones((1, 4, 4), dtype=dtype)
    w = np.ones((2, 2, 1, 1, 2, 2), dtype=dtype)
    assert tiled.tiled_conv2d(x, w).dtype == dtype


def test_integers_compute_in_float64():
    y = tiled.tiled_conv2d(np.ones((1, 4, 4), dtype=int), np.ones((1, 1, 1, 1, 2, 2), dtype=int))
    assert y.dtype == np.float64
    np.testing.assert_array_equal(y, np.full((1, 3, 3), 4.0))


@pytest.mark.parametrize(
    ("c_in", "c_out", "kernel", "tile", "input_hw", "stride"),
    [(1, 1, 3, 1, (5, 5), 1), (3, 4, (3, 2), (2, 3), (8, 7), 1), (2, 5, 3, (3, 1), (9, 9), 2)],
)
@pytest.mark.parametrize("bias", [True, False])
def test_params_count_the_arrays_tiled_conv2d_uses(
    c_in, c_out, kernel, tile, input_hw, stride, bias
):
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    th, tw = (tile, tile) if isinstance(tile, int) else tile
    w = np.ones((th, tw, c_out, c_in, kh, kw))
    b = np.ones((c_out, th, tw)) if bias else None
    tiled.tiled_conv2d(np.ones((c_in, *input_hw)), w, b, stride=stride)  # the shapes are accepted
    expected = w.size + (0 if b is None else b.size)
    assert tiled.params_tiled_conv2d(c_in, c_out, kernel, tile, bias=bias) == expected


@pytest.mark.parametrize("bias", [True, False])
def test_params_at_the_two_ends(bias):
    assert tiled.params_tiled_conv2d(3, 64, 3, 1, bias=bias) == cs.params_conv2d(
        3, 64, 3, bias=bias
    )
    side = cs.output_size(32, 3)
    local = cs.params_locally_connected2d((3, 32, 32), 64, 3, bias=bias)
    assert tiled.params_tiled_conv2d(3, 64, 3, side, bias=bias) == local


def test_params_are_exact_python_ints():
    n = tiled.params_tiled_conv2d(512, 512, 3, 1000)
    assert type(n) is int
    assert n == 1000**2 * (512 * 512 * 9 + 512)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"c_in": 0}, ValueError, r"`c_in` must be >= 1, got 0"),
        ({"c_out": 2.0}, TypeError, r"`c_out` must be an integer"),
        ({"kernel_size": (3, 3, 3)}, ValueError, r"`kernel_size` must be an int or a pair"),
        ({"tile": 0}, ValueError, r"`tile` must be >= 1, got 0"),
        ({"tile": (2, -1)}, ValueError, r"`tile\[1\]` must be >= 1, got -1"),
        ({"bias": 1}, TypeError, r"`bias` must be True or False"),
    ],
)
def test_params_bad_input(kwargs, error, message):
    args = {"c_in": 1, "c_out": 1, "kernel_size": 3, "tile": 2} | kwargs
    bias = args.pop("bias", True)
    with pytest.raises(error, match=message):
        tiled.params_tiled_conv2d(*args.values(), bias=bias)


X = np.zeros((2, 6, 6))
W = np.zeros((2, 2, 3, 2, 3, 3))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.zeros((6, 6)), W), {}, ValueError, r"`x` must have shape .* got shape \(6, 6\)"),
        ((X, W[0]), {}, ValueError, r"`w` must have shape \(tH, tW, C_out, C_in, kH, kW\)"),
        ((X, np.zeros((1, 1, 3, 4, 3, 3))), {}, ValueError, r"`w` has C_in=4 but `x` has 2"),
        ((X, np.zeros((1, 1, 1, 2, 7, 3))), {}, ValueError, r"kernel size kH=7 is larger"),
        ((X, np.zeros((5, 1, 1, 2, 3, 3))), {}, ValueError, r"tile of 5x1 .* output grid 4x4"),
        ((X, W, np.zeros(3)), {}, ValueError, r"`b` must have shape \(C_out, tH, tW\)"),
        ((X, W, np.zeros((3, 1, 2))), {}, ValueError, r"= \(3, 2, 2\), got \(3, 1, 2\)"),
        ((X, W), {"stride": 0}, ValueError, r"`stride` must be >= 1, got 0"),
        ((X, W), {"padding": (1,)}, ValueError, r"`padding` must be an int or a pair"),
        ((X.astype(complex), W), {}, TypeError, r"`x` must hold real numbers"),
    ],
)
def test_tiled_conv2d_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        tiled.tiled_conv2d(*args, **kwargs)
