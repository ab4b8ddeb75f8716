"""Patch matrices (im2col) and their adjoint (col2im), built from a few large copies.

Internal helpers for :mod:`convshare.fastconv` and the other fast layers. Arrays are NCHW and
already validated; ``stride`` and ``padding`` are ``(h, w)`` pairs of ints; nothing is checked.

The patch matrix of one image has rows ``(c, i, j)`` (channel, kernel row, kernel column, the
row order of ``torch.nn.functional.unfold``) and columns ``(r, s)`` (output row, output column).
Two ways to build it:

* :func:`fill_patches`: ``kH·kW`` slice copies of shape ``(C, rows, W_out)``, each reading
  unit-stride runs. For a stride ``s > 1`` the padded image is first split into ``s×s`` phase
  sub-images (:func:`phases`), so that every kernel offset reads a contiguous window of one phase.
  Few Python steps, each moving a lot of data: best for large layers.
* :func:`take_index`: one flat index array (cached per shape) and a single ``np.take``: the least
  Python overhead, best for tiny layers.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


def out_size(n: int, k: int, s: int, p: int) -> int:
    """Output length along one axis: ``(n + 2p - k) // s + 1``."""
    return (n + 2 * p - k) // s + 1


def phases(
    x: np.ndarray,
    padding: tuple[int, int],
    stride: tuple[int, int],
    out: np.ndarray | None = None,
) -> dict[tuple[int, int], np.ndarray]:
    """The ``sh×sw`` phase sub-images of the zero-padded images ``x`` (..., H, W).

    Phase ``(a, b)`` is ``x_pad[..., a::sh, b::sw]`` as a contiguous array, so that the input
    pixel under kernel offset ``(i, j)`` at output ``(r, s)`` is ``phase[i % sh, j % sw]`` at
    ``(r + i // sh, s + j // sw)``: a unit-stride window. For stride 1 the one phase is the
    padded image itself (``x`` itself without padding). They are written straight from ``x``
    (no padded copy first), into consecutive parts of ``out`` when it is given (a flat scratch
    array of at least :func:`phases_size` elements, any contents: the zero borders are written
    too), else into new arrays.
    """
    (sh, sw), (ph, pw) = stride, padding
    if sh == sw == 1 and ph == pw == 0:
        return {(0, 0): x}
    h, w = x.shape[-2:]
    parts, used = {}, 0
    for a in range(sh):
        for b in range(sw):
            shape = (*x.shape[:-2], len(range(a, h + 2 * ph, sh)), len(range(b, w + 2 * pw, sw)))
            size = int(np.prod(shape))
            part = np.empty(shape, x.dtype) if out is None else out[used : used + size]
            part = part.reshape(shape)
            used += size
            write_phase(part, x, (a, b), stride, padding)
            parts[a, b] = part
    return parts


def phases_size(shape: tuple[int, ...], padding: tuple[int, int], stride: tuple[int, int]) -> int:
    """Elements of all the phases of images of ``shape`` (..., H, W): the padded size."""
    lead = int(np.prod(shape[:-2]))
    return lead * (shape[-2] + 2 * padding[0]) * (shape[-1] + 2 * padding[1])


def write_phase(
    part: np.ndarray,
    x: np.ndarray,
    phase: tuple[int, int],
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> None:
    """``part[..., q, t] = x_pad[..., a + q·sh, b + t·sw]`` for every ``(q, t)`` of ``part``.

    ``x_pad`` is ``x`` (..., H, W) with ``padding`` zeros before its rows and columns and zeros
    after them as far as ``part`` reaches: every element of ``part`` is written.
    """
    (a, b), (sh, sw), (ph, pw) = phase, stride, padding
    rows, cols = part.shape[-2:]
    # phase row q holds padded row a + q·sh, i.e. x row a - ph + q·sh (likewise columns)
    q0, t0 = max(0, -((a - ph) // sh)), max(0, -((b - pw) // sw))  # first rows inside x
    src = x[..., a - ph + q0 * sh :: sh, b - pw + t0 * sw :: sw][
        ..., : max(0, rows - q0), : max(0, cols - t0)
    ]
    q1, t1 = q0 + src.shape[-2], t0 + src.shape[-1]
    part[..., :q0, :] = 0
    part[..., q1:, :] = 0
    part[..., q0:q1, :t0] = 0
    part[..., q0:q1, t1:] = 0
    part[..., q0:q1, t0:t1] = src


# --8<-- [start:fill_patches]
def fill_patches(
    out: np.ndarray,
    parts: dict[tuple[int, int], np.ndarray],
    stride: tuple[int, int],
    rows: tuple[int, int],
) -> None:
    """Write the patches of output rows ``rows[0]:rows[1]`` into ``out``: ``kH·kW`` copies.

    ``out`` has shape (..., kH, kW, rows, W_out), its leading axes those of the phases ``parts``
    (from :func:`phases`), e.g. (N, C).
    """
    sh, sw = stride
    kh, kw, _, wo = out.shape[-4:]
    r0, r1 = rows
    for i in range(kh):
        for j in range(kw):
            part = parts[i % sh, j % sw]
            di, dj = i // sh, j // sw
            out[..., i, j, :, :] = part[..., r0 + di : r1 + di, dj : dj + wo]


# --8<-- [end:fill_patches]


@lru_cache(maxsize=64)
def take_index(
    image_shape: tuple[int, int, int],
    kernel_size: tuple[int, int],
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> np.ndarray:
    """Flat indices (C·kH·kW, H_out·W_out) into an image (C, H, W) raveled with one zero appended.

    Positions that fall in the zero padding point at the appended zero (index ``C·H·W``), so no
    padded copy of the image is needed. Read-only (it is cached and shared).
    """
    c, h, w = image_shape
    kh, kw = kernel_size
    (sh, sw), (ph, pw) = stride, padding
    ho, wo = out_size(h, kh, sh, ph), out_size(w, kw, sw, pw)
    rows = (np.arange(kh)[:, None] + sh * np.arange(ho)[None, :]) - ph  # (kH, H_out)
    cols = (np.arange(kw)[:, None] + sw * np.arange(wo)[None, :]) - pw  # (kW, W_out)
    r = rows[None, :, None, :, None]
    q = cols[None, None, :, None, :]
    ch = np.arange(c)[:, None, None, None, None]
    inside = (r >= 0) & (r < h) & (q >= 0) & (q < w)
    index = np.where(inside, (ch * h + r) * w + q, c * h * w)
    index = index.reshape(c * kh * kw, ho * wo).astype(np.intp)
    index.flags.writeable = False
    return index


def patch_matrix(
    x: np.ndarray, kernel_size: tuple[int, int], stride: tuple[int, int], padding: tuple[int, int]
) -> np.ndarray:
    """Patch matrices of a batch: (N, C, H, W) -> (N, C·kH·kW, H_out·W_out), dtype kept.

    One preallocated array filled by :func:`fill_patches` (``kH·kW`` unit-stride copies for the
    whole batch). It holds the whole patch matrix; :mod:`convshare.fastconv` chunks instead.
    """
    n, c, h, w = x.shape
    kh, kw = kernel_size
    ho, wo = out_size(h, kh, stride[0], padding[0]), out_size(w, kw, stride[1], padding[1])
    out = np.empty((n, c, kh, kw, ho, wo), x.dtype)
    fill_patches(out, phases(x, padding, stride), stride, (0, ho))
    return out.reshape(n, c * kh * kw, ho * wo)


def add_patches(
    out: np.ndarray, cols: np.ndarray, stride: tuple[int, int], rows: tuple[int, int]
) -> None:
    """The adjoint of :func:`fill_patches`: add patches back onto the padded images ``out``.

    ``cols`` has shape (..., kH, kW, rows, W_out) for output rows ``rows[0]:rows[1]``; ``out``
    (..., Hp, Wp) receives every entry at the pixel it was read from (overlaps add up).
    """
    sh, sw = stride
    kh, kw, _, wo = cols.shape[-4:]
    r0, r1 = rows
    for i in range(kh):
        for j in range(kw):
            rows_read = slice(i + sh * r0, i + sh * (r1 - 1) + 1, sh)
            out[..., rows_read, j : j + sw * (wo - 1) + 1 : sw] += cols[..., i, j, :, :]


def col2im(
    cols: np.ndarray,
    image_shape: tuple[int, int, int, int],
    kernel_size: tuple[int, int],
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> np.ndarray:
    """Adjoint of :func:`patch_matrix`: sum (N, C·kH·kW, H_out·W_out) back onto (N, C, H, W).

    Every patch entry is added to the input pixel it was read from (overlaps add up): ``kH·kW``
    strided slice additions, no Python loop over positions. This is the gradient of the input.
    """
    n, c, h, w = image_shape
    kh, kw = kernel_size
    (sh, sw), (ph, pw) = stride, padding
    ho, wo = out_size(h, kh, sh, ph), out_size(w, kw, sw, pw)
    grad = np.zeros((n, c, h + 2 * ph, w + 2 * pw), cols.dtype)
    add_patches(grad, cols.reshape(n, c, kh, kw, ho, wo), stride, (0, ho))
    return np.ascontiguousarray(grad[:, :, ph : ph + h, pw : pw + w])
