"""The engine behind conv2d (convshare.fastconv) against conv2d_naive and SciPy, on every path.

The engine picks one of these paths (see its module docstring):
* ``take``: tiny batches, one cached index array and one ``np.take``;
* ``gemm`` with groups of whole images per GEMM (small images, several per chunk);
* ``gemm`` with bands of output rows (an image whose patch matrix exceeds ``CHUNK_BYTES``);
* ``wide``: stride 1 with many weights per output channel, patch columns over the padded width,
  also in groups of images, bands or single rows.
Each test names the path it means and checks that the engine took it, so no branch goes untested.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from scipy import signal

import convshare as cs
from convshare import fastconv, patches
from tests.strategies import as_pair, conv_cases


def scipy_conv2d(x, w, stride, padding):
    """The oracle: SciPy's 2-D cross-correlation, summed over input channels, in float64."""
    (sh, sw), (ph, pw) = stride, padding
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    n, c_out = len(x), len(w)
    ho = (xp.shape[2] - w.shape[2]) // sh + 1
    wo = (xp.shape[3] - w.shape[3]) // sw + 1
    y = np.zeros((n, c_out, ho, wo))
    for i in range(n):
        for o in range(c_out):
            full = sum(
                signal.correlate2d(xp[i, c], w[o, c].astype(np.float64), mode="valid")
                for c in range(x.shape[1])
            )
            y[i, o] = full[::sh, ::sw][:ho, :wo]
    return y


class PathSpy:
    """Records which path conv2d_nchw took and the (images, rows) of every GEMM chunk."""

    def __init__(self, monkeypatch):
        self.paths, self.chunks = [], []
        take, gemm, fill = fastconv._conv_take, fastconv._conv_gemm, fastconv.fill_patches
        wide = fastconv._conv_wide

        def spy_take(*args):
            self.paths.append("take")
            return take(*args)

        def spy_gemm(*args):
            self.paths.append("gemm")
            return gemm(*args)

        def spy_wide(*args):
            self.paths.append("wide")
            return wide(*args)

        def spy_fill(out, parts, stride, rows):
            self.chunks.append((out.shape[0], rows[1] - rows[0]))
            return fill(out, parts, stride, rows)

        monkeypatch.setattr(fastconv, "_conv_take", spy_take)
        monkeypatch.setattr(fastconv, "_conv_gemm", spy_gemm)
        monkeypatch.setattr(fastconv, "_conv_wide", spy_wide)
        monkeypatch.setattr(fastconv, "fill_patches", spy_fill)


# CHUNK_BYTES for a case, from the bytes of one image's patch matrix and of one output row of it
DEFAULT, TWO_IMAGES = None, lambda image, row: 2 * image
HALF_IMAGE, ONE_ROW = lambda image, row: image // 2 - 1, lambda image, row: 1

# (x shape, w shape, stride, padding, chunk size, path, how the GEMM path cuts the work)
CASES = [
    pytest.param((1, 3, 5, 5), (2, 3, 3, 3), (2, 2), (1, 1), DEFAULT, "take", None, id="demo"),
    pytest.param((1, 1, 28, 28), (1, 1, 5, 5), (1, 1), (0, 0), DEFAULT, "take", None, id="28x28"),
    pytest.param((2, 3, 9, 7), (4, 3, 2, 3), (3, 2), (2, 1), DEFAULT, "take", None, id="take-odd"),
    pytest.param((1, 3, 32, 32), (16, 3, 3, 3), (1, 1), (1, 1), DEFAULT, "gemm", "whole", id="32"),
    pytest.param(
        (4, 4, 20, 18), (10, 4, 3, 3), (1, 1), (1, 1), DEFAULT, "gemm", "whole", id="batch"
    ),
    pytest.param(
        (5, 2, 20, 18), (3, 2, 3, 3), (2, 1), (1, 0), TWO_IMAGES, "gemm", "groups", id="g"
    ),
    pytest.param((3, 3, 23, 21), (4, 3, 5, 3), (2, 3), (2, 1), HALF_IMAGE, "gemm", "bands", id="b"),
    pytest.param(
        (2, 4, 30, 30), (5, 4, 7, 7), (2, 2), (3, 3), HALF_IMAGE, "gemm", "bands", id="7x7"
    ),
    pytest.param((2, 2, 12, 40), (6, 2, 3, 3), (1, 1), (0, 0), ONE_ROW, "gemm", "rows", id="rows"),
    pytest.param((1, 64, 14, 14), (8, 64, 3, 3), (1, 1), (1, 1), DEFAULT, "wide", None, id="w-one"),
    pytest.param((5, 4, 9, 11), (3, 4, 3, 2), (1, 1), (1, 0), TWO_IMAGES, "wide", None, id="w-g"),
    pytest.param((2, 6, 15, 13), (2, 6, 4, 3), (1, 1), (2, 1), HALF_IMAGE, "wide", None, id="w-b"),
    pytest.param((2, 5, 10, 12), (3, 5, 3, 5), (1, 1), (1, 2), ONE_ROW, "wide", None, id="w-r"),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("x_shape", "w_shape", "stride", "padding", "chunk", "path", "how"), CASES)
def test_engine_matches_scipy_on_every_path(
    monkeypatch, dtype, x_shape, w_shape, stride, padding, chunk, path, how
):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(x_shape).astype(dtype)
    w = rng.standard_normal(w_shape).astype(dtype)
    ho = cs.output_size(x_shape[2], w_shape[2], stride=stride[0], padding=padding[0])
    wo = cs.output_size(x_shape[3], w_shape[3], stride=stride[1], padding=padding[1])
    width = x_shape[3] + 2 * padding[1] if path == "wide" else wo  # wide: the padded width
    row_bytes = np.prod(w_shape[1:]) * width * x.itemsize
    if chunk is not None:
        monkeypatch.setattr(fastconv, "CHUNK_BYTES", chunk(row_bytes * ho, row_bytes))
    spy = PathSpy(monkeypatch)

    y = fastconv.conv2d_nchw(x, w, stride, padding)

    assert spy.paths == [path]
    assert y.dtype == dtype
    assert y.flags.c_contiguous
    if how == "whole":
        assert spy.chunks == [(x_shape[0], ho)]
    elif how == "groups":
        assert spy.chunks == [(2, ho), (2, ho), (1, ho)]  # whole images, a shorter last group
    elif how == "bands":
        assert all(images == 1 and rows < ho for images, rows in spy.chunks)
        assert len({rows for _, rows in spy.chunks}) > 1  # a shorter last band too
    elif how == "rows":
        assert spy.chunks == [(1, 1)] * (x_shape[0] * ho)
    expected = scipy_conv2d(x, w, stride, padding)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    scale = np.abs(expected).max()
    np.testing.assert_allclose(y, expected, rtol=tolerance, atol=tolerance * scale)


@pytest.mark.parametrize("chunk", [None, 1, 3000])
@settings(max_examples=40, deadline=None)
@given(case=conv_cases())
def test_engine_matches_naive(chunk, case):
    """Random problems (strides 1..3, padding 0..2, kernels 1..4): engine == plain loops."""
    x4 = case.x if case.x.ndim == 4 else case.x[None]
    stride, padding = as_pair(case.stride), as_pair(case.padding)
    with pytest.MonkeyPatch.context() as patch:
        if chunk is not None:  # force the GEMM path, cut into small chunks
            patch.setattr(fastconv, "TAKE_LIMIT", 0)
            patch.setattr(fastconv, "CHUNK_BYTES", chunk)
        y = fastconv.conv2d_nchw(x4, case.w, stride, padding)
    expected = cs.conv2d_naive(x4, case.w, stride=stride, padding=padding)
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_public_conv2d_keeps_float32_on_the_large_path(dtype):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 8, 40, 40)).astype(dtype)
    w = rng.standard_normal((6, 8, 3, 3)).astype(dtype)
    b = rng.standard_normal(6).astype(dtype)
    y = cs.conv2d(x, w, b, stride=2, padding=1)
    assert y.dtype == dtype
    expected = scipy_conv2d(x, w, (2, 2), (1, 1)) + b[:, None, None].astype(np.float64)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(y, expected, rtol=tolerance, atol=tolerance * np.abs(expected).max())


def test_take_index_is_cached_and_read_only():
    first = patches.take_index((3, 5, 5), (3, 3), (2, 2), (1, 1))
    again = patches.take_index((3, 5, 5), (3, 3), (2, 2), (1, 1))
    assert first is again
    assert not first.flags.writeable
    assert first.shape == (27, 9)
    assert first.max() == 3 * 5 * 5  # the padding points at the appended zero


@pytest.mark.parametrize("stride", [(1, 1), (2, 3)])
def test_patch_matrix_is_im2col_and_col2im_its_adjoint(stride):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 11, 10)).astype(np.float32)
    cols = patches.patch_matrix(x, (3, 4), stride, (1, 2))
    assert cols.dtype == np.float32
    np.testing.assert_array_equal(cols, cs.im2col(x, (3, 4), stride=stride, padding=(1, 2)))
    # adjoint: <patch_matrix(x), c> == <x, col2im(c)> for every c
    c = rng.standard_normal(cols.shape)
    back = patches.col2im(c, x.shape, (3, 4), stride, (1, 2))
    assert back.shape == x.shape
    np.testing.assert_allclose(np.vdot(cols, c), np.vdot(x, back), rtol=1e-6)


def extra_memory(function) -> tuple[int, object]:
    """(peak bytes NumPy allocated during the call minus the result's size, the result)."""
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - result.nbytes, result


@pytest.mark.parametrize(
    ("stride", "dtype", "h"), [((1, 1), np.float64, 150), ((2, 2), np.float32, 320)]
)
def test_chunked_path_memory_is_bounded(stride, dtype, h):
    """Peak extra memory <= 1.25·CHUNK_BYTES + padded image (twice for a stride > 1).

    (The patch buffer; on the wide path also its product, at most CHUNK_BYTES / WIDE_RATIO.)

    The whole patch matrix of this layer is more than 3 times that bound, so an unchunked
    engine fails the test.
    """
    n, c, wd, kh, kw, p = 2, 8, h, 7, 7, 3
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, c, h, wd)).astype(dtype)
    w = rng.standard_normal((16, c, kh, kw)).astype(dtype)
    padded_image = c * (h + 2 * p) * (wd + 2 * p) * x.itemsize
    buffers = fastconv.CHUNK_BYTES * (1 + 1 / fastconv.WIDE_RATIO)
    bound = buffers + padded_image * (1 if stride == (1, 1) else 2) + (64 << 10)
    ho = cs.output_size(h, kh, stride=stride[0], padding=p)
    wo = cs.output_size(wd, kw, stride=stride[1], padding=p)
    whole_patch_matrix = n * c * kh * kw * ho * wo * x.itemsize
    assert whole_patch_matrix > 3 * bound

    extra, y = extra_memory(lambda: fastconv.conv2d_nchw(x, w, stride, (p, p)))

    assert extra <= bound
    np.testing.assert_allclose(
        y[:, :, ::37, ::41],
        scipy_conv2d(x, w, stride, (p, p))[:, :, ::37, ::41],
        rtol=1e-4,
        atol=1e-4 * np.sqrt(c * kh * kw),
    )


# Backward pass and locally connected layer: the same patch copies, chunked the same way.
# chunk: rows per band (None: the default CHUNK_BYTES, one band for these small layers)
LAYERS = [
    pytest.param((2, 3, 11, 9), (4, 3, 3, 2), (2, 3), (1, 2), None, id="whole"),
    pytest.param((2, 3, 13, 12), (4, 3, 3, 3), (1, 1), (1, 1), 1, id="row-each"),
    pytest.param((3, 2, 17, 16), (5, 2, 5, 4), (2, 2), (2, 0), 4, id="bands"),
]


def set_band(monkeypatch, rows, row_bytes, h_out):
    """Set CHUNK_BYTES so that a band has ``rows`` output rows (None: one band); check it."""
    if rows is not None:
        monkeypatch.setattr(fastconv, "CHUNK_BYTES", rows * row_bytes + row_bytes // 2)
    assert fastconv._band(h_out, row_bytes) == (h_out if rows is None else rows)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("x_shape", "w_shape", "stride", "padding", "chunk"), LAYERS)
def test_backward_matches_the_dense_matrix(
    monkeypatch, dtype, x_shape, w_shape, stride, padding, chunk
):
    """grad_x = M.T @ grad_y with M = conv2d_matrix; grad_w sums grad_y times every patch."""
    rng = np.random.default_rng(2)
    x = rng.standard_normal(x_shape).astype(dtype)
    w = rng.standard_normal(w_shape).astype(dtype)
    y = fastconv.conv2d_nchw(x, w, stride, padding)
    grad_y = rng.standard_normal(y.shape).astype(dtype)
    set_band(monkeypatch, chunk, np.prod(w_shape[1:]) * y.shape[3] * x.itemsize, y.shape[2])

    grad_x, grad_w = fastconv.conv2d_backward_nchw(x, w, grad_y, stride, padding)

    assert grad_x.dtype == grad_w.dtype == dtype
    m = cs.conv2d_matrix(w.astype(np.float64), x_shape[1:], stride=stride, padding=padding)
    expected_x = (grad_y.reshape(len(x), -1).astype(np.float64) @ m).reshape(x.shape)
    cols = cs.im2col(x.astype(np.float64), w_shape[2:], stride=stride, padding=padding)
    expected_w = np.einsum("nol,nkl->ok", grad_y.reshape(*y.shape[:2], -1), cols)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    for got, expected in [(grad_x, expected_x), (grad_w, expected_w.reshape(w.shape))]:
        scale = np.abs(expected).max()
        np.testing.assert_allclose(got, expected, rtol=tolerance, atol=tolerance * scale)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("x_shape", "w_shape", "stride", "padding", "chunk"), LAYERS)
def test_locally_connected_matches_patches_times_own_weights(
    monkeypatch, dtype, x_shape, w_shape, stride, padding, chunk
):
    rng = np.random.default_rng(3)
    x = rng.standard_normal(x_shape).astype(dtype)
    c_out, _, kh, kw = w_shape
    ho = cs.output_size(x_shape[2], kh, stride=stride[0], padding=padding[0])
    wo = cs.output_size(x_shape[3], kw, stride=stride[1], padding=padding[1])
    set_band(monkeypatch, chunk, len(x) * np.prod(w_shape[1:]) * wo * x.itemsize, ho)
    w = rng.standard_normal((ho, wo, *w_shape)).astype(dtype)

    y = fastconv.locally_connected2d_nchw(x, w, stride, padding)

    assert y.dtype == dtype
    cols = cs.im2col(x.astype(np.float64), (kh, kw), stride=stride, padding=padding)
    expected = np.einsum("pok,nkp->nop", w.reshape(ho * wo, c_out, -1), cols)
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    scale = np.abs(expected).max()
    np.testing.assert_allclose(y, expected.reshape(y.shape), rtol=tolerance, atol=tolerance * scale)


def test_public_layers_on_the_engine_keep_float32():
    """conv1d, locally_connected2d and conv2d_backward run on the engine: float32 stays float32."""
    rng = np.random.default_rng(4)
    x32 = rng.standard_normal((2, 3, 12, 10)).astype(np.float32)
    w32 = rng.standard_normal((4, 3, 3, 3)).astype(np.float32)
    g32 = rng.standard_normal((2, 4, 6, 5)).astype(np.float32)
    lc32 = rng.standard_normal((6, 5, 4, 3, 3, 3)).astype(np.float32)
    kwargs = {"stride": 2, "padding": 1}
    results = {
        "conv1d": lambda dt: [
            cs.conv1d(x32[:, :, 0].astype(dt), w32[:, :, 0].astype(dt), **kwargs)
        ],
        "locally_connected2d": lambda dt: [
            cs.locally_connected2d(x32.astype(dt), lc32.astype(dt), **kwargs)
        ],
        "conv2d_backward": lambda dt: list(
            cs.conv2d_backward(x32.astype(dt), w32.astype(dt), g32.astype(dt), **kwargs)
        ),
    }
    for name, run in results.items():
        single, double = run(np.float32), run(np.float64)
        for a, b in zip(single, double, strict=True):
            assert a.dtype == np.float32, name
            assert b.dtype == np.float64, name
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4 * np.abs(b).max())
