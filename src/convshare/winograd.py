"""Winograd's minimal filtering: 3×3 stride-1 layers with fewer multiplications.

In 1-D, two outputs of a 3-tap correlation, ``y0 = d0·g0 + d1·g1 + d2·g2`` and
``y1 = d1·g0 + d2·g1 + d3·g2``, take 6 multiplications. F(2, 3) takes 4:
``y = Aᵀ [(G g) ⊙ (Bᵀ d)]``, where ``G g`` depends only on the kernel (computed once) and
``Bᵀ d`` and ``Aᵀ`` only add and subtract. In 2-D, F(m×m, 3×3) computes an m×m block of
outputs from an (m+2)×(m+2) tile ``d`` of the input,

    Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A,

with ``(m+2)²`` multiplications instead of ``9·m²``: 16 instead of 36 for m = 2, 36 instead of
144 for m = 4. Summed over input channels, the ``⊙`` becomes, for each of the ``(m+2)²``
positions ξ of the transformed tile, one matrix product ``U[ξ] @ V[ξ]`` of the transformed
weights (C_out, C_in) and the transformed tiles (C_in, tiles): a batched GEMM with
``(m+2)² / (9·m²)`` of the multiplications of direct convolution.

The matrices come from interpolation (Toom-Cook, transposed): evaluate at points, multiply,
interpolate. They are built here exactly (fractions) from the points in ``POINTS``; the points
decide the sizes of the entries of ``Bᵀ`` and ``G`` and so the rounding error. F(2×2, 3×3)
with the points 0, 1, -1 has a float32 error of the order of direct convolution's (the tests
allow 3 times it). F(4×4, 3×3) with the textbook points 0, ±1, ±2 has a much larger one;
``POINTS[4]`` holds the points measured best here (see ``tests/test_winograd.py`` for the bound
it keeps).

The tiles overlap (by 2 pixels) and start every ``m`` pixels. F(2×2, 3×3) reads them from the
four phase sub-images of the padded input (as the strided layers of :mod:`convshare.patches`),
in which each of the 16 offsets of a tile is a unit-stride window; its input transform is 24
additions or subtractions of whole runs of memory (``Bᵀ`` has two entries ±1 per row: 8 for
the rows of the tiles, 16 for their columns), with one spare tile computed at the end of each
row of tiles so that a band of rows is one run. F(4×4, 3×3) copies its tiles, one strided view
of the padded input per offset (measured faster than going through 16 phases first), and
transforms them with one small GEMM with the Kronecker-product matrix ``kron(Bᵀ, Bᵀ)``.
The output transform is such a GEMM for both (``kron(Aᵀ, Aᵀ)``). Tiles that stick out of the
output (when ``m`` does not divide it) read zeros and their extra outputs are dropped. Work
goes in chunks of whole images or bands of tile rows of at most ``max(CHUNK_BYTES, one row of
tiles of one image)`` per transformed array; scratch memory comes from
:mod:`convshare.workspace` (four chunk-sized arrays and the phases or padded images of one chunk).

Transformed weights are cached per thread (at most ``CACHE_BYTES``, except that the latest entry
is kept however large), keyed by the weight array's address, shape, strides and dtype, and used
only after comparing every bit of the weights with a copy kept in the cache: a weight array
changed in place is transformed again.
Internal helpers for :mod:`convshare.fastconv`; nothing here checks arguments.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from fractions import Fraction
from functools import lru_cache

import numpy as np

from convshare import workspace
from convshare.patches import write_phase

#: Interpolation points (besides infinity) of F(m×m, 3×3), by m.
POINTS = {2: (0, 1, -1), 4: (0, 1, -1, Fraction(1, 2), -2)}
#: Largest transformed chunk (bytes of one of the arrays d, V, M).
CHUNK_BYTES = 2 << 20
#: Transformed weights a thread keeps at most (bytes of the transforms and weight copies).
CACHE_BYTES = 64 << 20

_cache = threading.local()


def _evaluation(points, size: int) -> list[list[Fraction]]:
    """Rows ``[p^0 … p^(size-1)]`` for each point, then the row of infinity ``[0 … 0 1]``."""
    rows = [[Fraction(p) ** j for j in range(size)] for p in points]
    return [*rows, [Fraction(0)] * (size - 1) + [Fraction(1)]]


def _inverse(matrix: list[list[Fraction]]) -> list[list[Fraction]]:
    """Exact inverse by Gauss-Jordan elimination."""
    n = len(matrix)
    rows = [row + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if rows[r][col] != 0)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        rows[col] = [v / rows[col][col] for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [row[n:] for row in rows]


@lru_cache(maxsize=8)
def transforms(m: int, r: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(Aᵀ, G, Bᵀ)`` of F(m, r): shapes (m, α), (α, r), (α, α) with α = m + r - 1.

    The linear convolution ``s = u * g`` (u of length m) is ``C [(A u) ⊙ (G g)]``: evaluate
    both at the points, multiply, interpolate (``C`` is the inverse of the evaluation matrix of
    ``s``). Correlation is its transpose: ``y = Aᵀ [(G g) ⊙ (Cᵀ d)]``, so ``Bᵀ = Cᵀ``. Each
    row of ``Bᵀ`` is scaled to whole numbers and ``G`` by the inverse (exact in float64 for
    the points used here: the fractions sit in ``G``, applied once to the weights).
    """
    alpha = m + r - 1
    points = POINTS[m]
    a = _evaluation(points, m)
    g = _evaluation(points, r)
    c = _inverse(_evaluation(points, alpha))
    a_t = [[a[i][j] for i in range(alpha)] for j in range(m)]
    b_t = [[c[j][i] for j in range(alpha)] for i in range(alpha)]
    for i in range(alpha):
        scale = Fraction(np.lcm.reduce([v.denominator for v in b_t[i]]))
        b_t[i] = [v * scale for v in b_t[i]]
        g[i] = [v / scale for v in g[i]]
    result = tuple(np.array([[float(v) for v in row] for row in mat]) for mat in (a_t, g, b_t))
    for mat in result:
        mat.flags.writeable = False
    return result


@lru_cache(maxsize=8)
def _tile_matrices(m: int, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
    """``kron(Bᵀ, Bᵀ)`` (α², α²) and ``kron(Aᵀ, Aᵀ)`` (m², α²): 2-D transforms of flat tiles."""
    a_t, _, b_t = transforms(m)
    result = np.kron(b_t, b_t).astype(dtype), np.kron(a_t, a_t).astype(dtype)
    for mat in result:
        mat.flags.writeable = False
    return result


def kernel_transform(w: np.ndarray, m: int) -> np.ndarray:
    """``U = G g Gᵀ`` of every kernel of ``w`` (C_out, C_in, 3, 3): (α², C_out, C_in), cached.

    Computed in float64, stored in ``w``'s dtype. The cache of the calling thread is keyed by
    the address, shape, strides and dtype of ``w`` and checked against a copy of ``w`` bit for
    bit, so a changed weight (in place, or a new array at a freed address) is never served a
    stale transform. Read-only result: it is shared by later calls.
    """
    entries = getattr(_cache, "entries", None)
    if entries is None:
        entries = _cache.entries = OrderedDict()
    key = (m, w.__array_interface__["data"][0], w.shape, w.strides, w.dtype.str)
    hit = entries.get(key)
    if hit is not None and _same_bits(hit[0], w):
        entries.move_to_end(key)
        return hit[1]
    _, g, _ = transforms(m)
    alpha, (c_out, c_in) = m + 2, w.shape[:2]
    u = np.empty((alpha * alpha, c_out, c_in), w.dtype)
    # vec(G g Gᵀ) = kron(G, G) vec(g): one GEMM per block of kernels, in float64 (blocks of
    # about 1 MiB, so that the float64 copies stay small)
    block = max(1, (1 << 20) // (alpha * alpha * c_in * 8))
    for o0 in range(0, c_out, block):
        o1 = min(c_out, o0 + block)
        flat = w[o0:o1].reshape((o1 - o0) * c_in, 9).astype(np.float64)
        u[:, o0:o1] = (np.kron(g, g) @ flat.T).reshape(alpha * alpha, o1 - o0, c_in)
    u.flags.writeable = False
    entries.pop(key, None)
    entries[key] = (w.copy(), u)
    while len(entries) > 1 and sum(a.nbytes + b.nbytes for a, b in entries.values()) > CACHE_BYTES:
        entries.popitem(last=False)  # least recently used first
    return u


def _same_bits(saved: np.ndarray, w: np.ndarray) -> bool:
    """Whether ``w`` holds exactly the bits of ``saved`` (NaNs and signed zeros included)."""
    as_int = np.dtype(f"u{w.itemsize}")
    flags = workspace.scratch("compare", w.size, bool).reshape(w.shape)
    np.equal(saved.view(as_int), w.view(as_int), out=flags)
    return bool(flags.all())


def clear_cache() -> None:
    """Drop the calling thread's cached kernel transforms."""
    getattr(_cache, "entries", {}).clear()


def conv3x3(x: np.ndarray, w: np.ndarray, padding: tuple[int, int], m: int = 2) -> np.ndarray:
    """Cross-correlate ``x`` (N, C_in, H, W) with 3×3 kernels ``w``, stride 1, by F(m×m, 3×3)."""
    n, c, h, wd = x.shape
    c_out = w.shape[0]
    alpha = m + 2
    ho, wo = h + 2 * padding[0] - 2, wd + 2 * padding[1] - 2
    th, tw = -(-ho // m), -(-wo // m)  # tiles down and across (the last ones may stick out)
    # F(2×2): each row of tiles gets one spare tile on the right (its outputs are computed and
    # dropped), so that the tiles of a band of rows, at any offset, are one run of memory in a
    # phase (_phases) and a tile's right neighbour is the next element: the input transform is
    # then 24 additions of whole runs (_input_transform_f2). F(4×4) copies its tiles instead
    # and transforms them with one GEMM; a spare tile would cost it more (4 tiles to a row of
    # 16 outputs) than it saves.
    across = tw + 1 if m == 2 else tw
    y = np.empty((n, c_out, ho, wo), x.dtype)
    u = kernel_transform(w, m)
    a_kron = _tile_matrices(m, x.dtype)[1]
    column_bytes = alpha * alpha * max(c, c_out) * x.itemsize  # one tile, transformed
    group = max(1, min(n, CHUNK_BYTES // (th * across * column_bytes)))
    band = th if group > 1 else max(1, min(th, CHUNK_BYTES // (across * column_bytes)))
    size = group * band * across
    v = workspace.scratch("product", alpha * alpha * c * size, x.dtype)
    prod = workspace.scratch("winograd-m", alpha * alpha * c_out * size, x.dtype)
    out = workspace.scratch("winograd-y", m * m * c_out * size, x.dtype)
    for b0 in range(0, n, group):
        b1 = min(n, b0 + group)
        g = b1 - b0
        if m == 2:
            source = _phases(x[b0:b1], padding, (th, tw))
        else:
            source = _padded(x[b0:b1], padding, (m * th + 2, m * tw + 2))
        for r0 in range(0, th, band):
            r1 = min(th, r0 + band)
            cols = g * (r1 - r0) * across  # tiles in this chunk
            vv = v[: alpha * alpha * c * cols].reshape(alpha * alpha, c * cols)
            if m == 2:
                _input_transform_f2(source, (r0, r1), vv)
            else:
                _input_transform_tiles(source, (r0, r1), m, vv)
            mm = prod[: alpha * alpha * c_out * cols].reshape(alpha * alpha, c_out, cols)
            np.matmul(u, vv.reshape(alpha * alpha, c, cols), out=mm)  # sum over C_in of U ⊙ V
            yy = out[: m * m * c_out * cols].reshape(m * m, c_out * cols)
            np.matmul(a_kron, mm.reshape(alpha * alpha, c_out * cols), out=yy)  # Aᵀ M A
            yy = yy.reshape(m, m, c_out, g, r1 - r0, across).transpose(0, 1, 3, 2, 4, 5)
            for i in range(m):
                for j in range(m):
                    dest = y[b0:b1, :, m * r0 + i : min(ho, m * r1) : m, j::m]
                    dest[...] = yy[i, j, :, :, : dest.shape[2], : dest.shape[3]]
    return y


def _phases(x, padding, tiles) -> np.ndarray:
    """The four phase sub-images of the zero-padded images ``x`` (images, C_in, H, W) for
    F(2×2, 3×3) with ``tiles`` = (rows, columns) of tiles: (2, 2, C_in, images, rows + 1,
    columns + 1), from this thread's workspace.

    Phase (i, j) holds ``x_pad[i + 2·q, j + 2·s]``: offset (i, j) of tile (r, s) is element
    (r + i//2, s + j//2) of phase (i % 2, j % 2), and the rows of a phase follow each other in
    memory (see ``_input_transform_f2``).
    """
    g, c = x.shape[:2]
    rows, cols = tiles[0] + 1, tiles[1] + 1
    grid = workspace.scratch("phases", 4 * c * g * rows * cols, x.dtype)
    grid = grid.reshape(2, 2, c, g, rows, cols)
    for i in range(2):
        for j in range(2):
            part = grid[i, j].transpose(1, 0, 2, 3)  # (images, C_in, rows, columns)
            write_phase(part, x, (i, j), (2, 2), padding)
    return grid


def _padded(x, padding, shape) -> np.ndarray:
    """The images ``x`` (images, C_in, H, W) zero-padded to ``shape`` (rows, columns), as far
    as the tiles reach, from this thread's workspace: (images, C_in, *shape)."""
    g, c = x.shape[:2]
    image = workspace.scratch("padded", g * c * shape[0] * shape[1], x.dtype)
    image = image.reshape(g, c, *shape)
    write_phase(image, x, (0, 0), (1, 1), padding)  # zero borders, x inside
    return image


def _input_transform_tiles(image, rows, m, v) -> None:
    """``V = Bᵀ d B`` of F(m×m, 3×3) for every tile of the tile rows ``rows[0]:rows[1]`` of the
    padded images ``image`` (images, C_in, m·rows + 2, m·columns + 2): the tiles copied, one
    strided view per offset (i, j), ``image[..., i::m, j::m]``, then one GEMM with
    ``kron(Bᵀ, Bᵀ)``. ``v`` (α², C_in·images·tiles) is written."""
    g, c, _, wp = image.shape
    alpha, tw = m + 2, (wp - 2) // m
    r0, r1 = rows
    tiles = workspace.scratch("patches", v.size, v.dtype)
    tiles = tiles.reshape(alpha, alpha, c, g, r1 - r0, tw)
    for i in range(alpha):
        for j in range(alpha):
            part = image[:, :, m * r0 + i : m * r1 + i : m, j : j + m * tw : m]
            tiles[i, j] = part.transpose(1, 0, 2, 3)
    np.matmul(_tile_matrices(m, v.dtype)[0], tiles.reshape(alpha * alpha, -1), out=v)


def _input_transform_f2(grid, rows, v) -> None:
    """``V = Bᵀ d B`` of F(2×2, 3×3) for every tile of the tile rows ``rows[0]:rows[1]``, by
    additions of whole runs of memory.

    ``Bᵀ`` has two entries ±1 in each row, so each row of ``Bᵀ d`` is one addition or
    subtraction of two rows of the tiles, and each column of ``(Bᵀ d) B`` one of two columns.
    In the phases ``grid`` (2, 2, C_in, images, rows, across) of ``_phases``, flattened to one
    plane per channel and image, the tiles of a band of rows are one run of memory, the band
    one row of tiles further down is the same run ``across`` (tiles to a row, the spare one
    included) elements further on, and a tile's right neighbour is the next element.
    ``v`` (16, C_in·images·tiles) is written.
    """
    c, g, _, across = grid.shape[2:]
    phase = grid.reshape(2, 2, c, g, -1)  # contiguous: a view
    start, run = rows[0] * across, (rows[1] - rows[0]) * across  # per channel and image
    size = c * g * run
    # Bᵀ d of each column phase (and one spare element each, read by the last spare tile)
    sums = workspace.scratch("patches", 8 * (size + 1), v.dtype).reshape(4, 2, size + 1)
    sums[..., -1] = 0
    for b in range(2):  # column phase: even or odd columns of the tiles
        # row k of every tile: row phase k % 2, one row of tiles further down for k >= 2
        d = [phase[k % 2, b, :, :, start + k // 2 * across :][..., :run] for k in range(4)]
        for xi in range(4):
            _add_two(xi, d, sums[xi, b, :size].reshape(c, g, run))
    for xi in range(4):
        # column k of every tile: column phase k % 2, one tile further right for k >= 2
        e = [sums[xi, k % 2, k // 2 :][:size] for k in range(4)]
        for xj in range(4):
            _add_two(xj, e, v[4 * xi + xj])


def _add_two(row: int, terms, out) -> None:
    """``out = Σ_k Bᵀ[row, k]·terms[k]`` for F(2, 3)'s ``Bᵀ``: one addition or subtraction."""
    op, a, b = _f2_steps()[row]
    op(terms[a], terms[b], out=out)


@lru_cache(maxsize=1)
def _f2_steps() -> tuple[tuple[np.ufunc, int, int], ...]:
    """Each row of F(2, 3)'s ``Bᵀ`` as ``(np.add, k, l)`` (+1, +1) or ``(np.subtract, k, l)``
    (+1 at k, -1 at l)."""
    steps = []
    for row in transforms(2)[2]:
        plus, minus = np.flatnonzero(row == 1), np.flatnonzero(row == -1)
        if np.count_nonzero(row) != 2 or len(plus) + len(minus) != 2 or not len(plus):
            raise ValueError(f"a row of Bᵀ is not two entries ±1: {row}")  # POINTS[2] changed
        steps.append((np.add, *plus) if len(plus) == 2 else (np.subtract, plus[0], minus[0]))
    return tuple(steps)
