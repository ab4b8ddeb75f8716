"""Scratch buffers (convshare.workspace): repeated calls allocate only their result, results are
never scratch, memory is bounded, and threads do not share buffers."""

from __future__ import annotations

import threading
import tracemalloc

import numpy as np
import pytest

from convshare import fastconv, winograd, workspace

RNG = np.random.default_rng(0)


def layer(x_shape, w_shape, dtype=np.float32):
    return RNG.standard_normal(x_shape).astype(dtype), RNG.standard_normal(w_shape).astype(dtype)


def call(path):
    """A function running one engine path on fixed arrays, and the path's name as a check."""
    if path == "take":
        x, w = layer((1, 3, 5, 5), (2, 3, 3, 3))
        return lambda: fastconv.conv2d_nchw(x, w, (2, 2), (1, 1))
    if path == "gemm":
        x, w = layer((2, 8, 40, 40), (16, 8, 5, 5))
        return lambda: fastconv.conv2d_nchw(x, w, (2, 2), (2, 2))
    if path == "wide":
        x, w = layer((1, 32, 30, 30), (16, 32, 3, 3))
        return lambda: fastconv.conv2d_nchw(x, w, (1, 1), (1, 1))
    if path == "winograd4":
        x, w = layer((1, 128, 28, 28), (128, 128, 3, 3))
        return lambda: fastconv.conv2d_nchw(x, w, (1, 1), (1, 1))
    if path == "winograd2":
        x, w = layer((1, 256, 14, 14), (256, 256, 3, 3))
        return lambda: fastconv.conv2d_nchw(x, w, (1, 1), (1, 1))
    if path == "backward":
        x, w = layer((2, 16, 60, 60), (16, 16, 3, 3))
        g = RNG.standard_normal((2, 16, 30, 30)).astype(np.float32)
        return lambda: fastconv.conv2d_backward_nchw(x, w, g, (2, 2), (1, 1))
    if path == "grouped":
        x, w = layer((2, 16, 30, 30), (32, 4, 3, 3))
        return lambda: fastconv.conv2d_grouped_nchw(x, w, (1, 1), (2, 2), (2, 2), 4)
    if path == "grouped_backward":
        x, w = layer((4, 16, 30, 30), (32, 4, 3, 3))
        g = RNG.standard_normal((4, 32, 15, 15)).astype(np.float32)
        return lambda: fastconv.conv2d_grouped_backward_nchw(x, w, g, (2, 2), (2, 2), (2, 2), 4)
    x, _ = layer((4, 16, 20, 20), (1,))
    w = RNG.standard_normal((10, 10, 6, 16, 3, 3)).astype(np.float32)
    if path == "locally_connected_backward":  # no padding: grad_x is all of the scratch image
        w = RNG.standard_normal((18, 18, 6, 16, 3, 3)).astype(np.float32)
        g = RNG.standard_normal((4, 6, 18, 18)).astype(np.float32)
        return lambda: fastconv.locally_connected2d_backward_nchw(x, w, g, (1, 1), (0, 0))
    return lambda: fastconv.locally_connected2d_nchw(x, w, (2, 2), (1, 1))


# Each layer's scratch buffers are larger than the allowance of the next test (256 KiB): a path
# that allocated them afresh on every call would fail it.
PATHS = [
    "take",
    "gemm",
    "wide",
    "winograd4",
    "winograd2",
    "backward",
    "locally_connected",
    "locally_connected_backward",
    "grouped",
    "grouped_backward",
]


def test_paths_are_what_their_names_say(monkeypatch):
    taken = []
    for name in ("_conv_take", "_conv_gemm", "_conv_wide"):
        original = getattr(fastconv, name)
        monkeypatch.setattr(fastconv, name, lambda *a, f=original, n=name: taken.append(n) or f(*a))
    conv3x3 = winograd.conv3x3

    def tile(x, w, padding, m):  # records m of F(m×m, 3×3)
        taken.append(f"winograd{m}")
        return conv3x3(x, w, padding, m)

    monkeypatch.setattr(winograd, "conv3x3", tile)
    for path in ("take", "gemm", "wide", "winograd4", "winograd2"):
        call(path)()
    assert taken == ["_conv_take", "_conv_gemm", "_conv_wide", "winograd4", "winograd2"]


@pytest.mark.parametrize("path", PATHS)
def test_repeated_calls_allocate_nothing_but_their_results(path):
    """The second call on the same shapes: tracemalloc sees only the result arrays, no scratch
    buffer (those are reused, so no fresh pages either). Allowed besides: Python objects and
    NumPy's own ufunc buffers for strided additions (8192 elements per operand, whatever the
    layer size: the backward passes add patches back with strided ``+=``)."""
    function = call(path)
    function()
    function()  # (Winograd's check of the cached weights takes its buffer on the first hit)
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    results = result if isinstance(result, tuple) else (result,)
    extra = peak - sum(r.nbytes for r in results)
    assert extra <= 256 << 10, f"{path}: {extra} bytes besides the results"


@pytest.mark.parametrize("path", PATHS)
def test_results_are_never_scratch(path):
    """A result must not share memory with a kept buffer: the next call would overwrite it."""
    result = call(path)()
    results = result if isinstance(result, tuple) else (result,)
    buffers = list(workspace._buffers().values())
    assert buffers  # the path did use scratch buffers
    for r in results:
        assert not any(np.shares_memory(r, b) for b in buffers)


def test_buffers_are_bounded(monkeypatch):
    monkeypatch.setattr(workspace, "LIMIT_BYTES", 1000)
    workspace.release()
    a = workspace.scratch("a", 100, np.float32)  # 400 bytes, kept
    assert a.shape == (100,)
    assert a.dtype == np.float32
    assert workspace.held_bytes() == 400
    assert workspace.scratch("a", 50, np.float64).base is a.base  # fits: the same memory
    workspace.scratch("b", 500, np.uint8)
    assert workspace.held_bytes() == 900
    workspace.scratch("c", 300, np.uint8)  # would pass the limit: the others go
    assert workspace.held_bytes() == 300
    big = workspace.scratch("d", 2000, np.uint8)  # larger than the limit: not kept
    assert big.size == 2000
    assert workspace.held_bytes() == 300
    workspace.release()
    assert workspace.held_bytes() == 0


def test_threads_have_their_own_buffers(monkeypatch):
    """Four threads run the Winograd and GEMM paths at once: each gets its own results."""
    monkeypatch.setattr(fastconv, "WINOGRAD_CHANNELS", 8)
    monkeypatch.setattr(fastconv, "WINOGRAD_WORK", 8)
    monkeypatch.setattr(fastconv, "WINOGRAD_F4_SIDE", 28)
    x, w = layer((1, 8, 30, 30), (8, 8, 3, 3), np.float64)
    assert fastconv.winograd_tile(8, 8, (3, 3), (1, 1), (30, 30)) == 4
    inputs = [x * (k + 1) for k in range(4)]
    expected = [fastconv.conv2d_nchw(a, w, (1, 1), (1, 1)) for a in inputs]
    expected_gemm = [fastconv.conv2d_nchw(a, w[:4], (2, 2), (1, 1)) for a in inputs]
    got, errors = {}, []
    start = threading.Barrier(4)

    def run(k):
        try:
            start.wait()
            for _ in range(20):
                got[k] = fastconv.conv2d_nchw(inputs[k], w, (1, 1), (1, 1))
                got[k, "gemm"] = fastconv.conv2d_nchw(inputs[k], w[:4], (2, 2), (1, 1))
            got[k, "held"] = workspace.held_bytes()
            got[k, "addresses"] = {b.ctypes.data for b in workspace._buffers().values()}
            start.wait()  # all threads still alive (and holding their buffers) here
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for k in range(4):
        np.testing.assert_array_equal(got[k], expected[k])
        np.testing.assert_array_equal(got[k, "gemm"], expected_gemm[k])
        assert 0 < got[k, "held"] <= workspace.LIMIT_BYTES
    addresses = [got[k, "addresses"] for k in range(4)]
    assert all(addresses)
    assert len(set().union(*addresses)) == sum(len(a) for a in addresses)  # none shared
