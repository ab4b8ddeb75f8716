"""The engine behind ``conv2d``: validated NCHW arrays in, NCHW array out.

Convolution is a matrix product: with the patch matrix ``P`` of an image (one column per output
position, one row per weight, see :mod:`convshare.patches`) and the weights flattened to
``W`` (C_out, C_in·kH·kW), the output is ``W @ P``. The work is in building ``P`` cheaply:

* tiny layers (at most ``TAKE_LIMIT`` (image, channel, output position) triples): one cached
  flat index array and one ``np.take`` for the whole batch, then one batched matmul;
* larger layers: ``kH·kW`` unit-stride slice copies into a preallocated buffer, then one GEMM
  per image written straight into the output. The buffer holds the patches of a group of whole
  images, or of a band of output rows of one image when one image's patch matrix is larger than
  ``CHUNK_BYTES``;
* stride-1 layers with many weights per output channel (``C_in·kH·kW >= WIDE_RATIO·C_out``, e.g.
  a ResNet block): the same, with patch columns over the whole padded width, so that each copy
  is one long contiguous run (see ``_conv_wide``);
* 3×3 stride-1 layers with many channels: Winograd's minimal filtering
  (:mod:`convshare.winograd`), fewer multiplications than ``W @ P``; see "Choosing a path".

Choosing a path (a measured rule)
---------------------------------
The take path for tiny batches (measured: one ``np.take`` beats ``kH·kW`` copies below about
``TAKE_LIMIT`` triples); the wide path for stride-1 layers with ``C_in·kH·kW >= WIDE_RATIO·C_out``;
else the GEMM path; except for 3×3 stride-1 layers (no dilation, one group), which take
Winograd's F(m×m, 3×3) when ``winograd_tile`` says so:

* ``min(C_in, C_out) >= WINOGRAD_CHANNELS`` and ``min(C_in, C_out)² · min(H_out, W_out) >=
  WINOGRAD_WORK``: the transforms cost about ``C_in + C_out`` per tile, the products they save
  about ``C_in · C_out``, and the products run faster on more tiles (at 64 channels from 56×56
  on, at 128 from 14×14);
* ``min(H_out, W_out) >= WINOGRAD_F2_SIDE``: on smaller images the 16 or 36 products have too
  few columns (tiles) to run near the speed of one large GEMM, and they read the transformed
  weights (16 or 36 times ``C_out · C_in``) for little work (at 512×7×7, 1.8-2.1× slower);
* F(4×4, 3×3) when ``min(H_out, W_out) >= WINOGRAD_F4_SIDE``, or ``>= WINOGRAD_F4_SIDE / 2``
  with ``min(C_in, C_out) >= WINOGRAD_F4_CHANNELS``; else F(2×2, 3×3): F(4×4) saves more
  products (2.25 instead of 4 per output and weight, against 9) but needs more image, or more
  channels, to fill its 36 GEMMs, and its tiles of 4×4 outputs waste more at the image's edge.

Measured (float32, one image, OpenBLAS's default threads (two here), wall time; the median of
six runs, each the median of 15 interleaved rounds; ``OPENBLAS_CORETYPE=Haswell`` / unset
(SkylakeX here)), time of Winograd ÷ time of the direct (wide) path on square layers C×S×S with
C 3×3 filters, padding 1, and the path the rule takes:

=======  =========  =========  ======
layer    F(2×2)     F(4×4)     takes
=======  =========  =========  ======
32×56    1.44/1.23  1.40/1.31  direct
64×14    1.36/0.99  1.79/1.67  direct
64×28    1.15/1.02  1.23/1.42  direct
64×56    1.17/1.71  0.99/1.15  F(4×4)
128×14   0.93/1.12  1.22/1.48  F(2×2)
128×28   1.08/1.20  0.74/1.09  F(4×4)
256×7    1.09/1.34  2.53/2.06  direct
256×14   0.80/1.05  0.98/1.40  F(2×2)
256×28   0.79/1.05  0.61/0.87  F(4×4)
512×7    1.58/1.92  2.38/3.07  direct
512×14   0.95/1.29  1.11/1.58  F(2×2)
=======  =========  =========  ======

(64×56 with 8 images: 1.19/1.71 and 0.98/1.16, F(4×4).) The six runs of a cell spread widely on
this machine: 64×56 with Haswell, F(4×4), took 0.77-0.82 of the direct path in three runs and
1.17-1.33 in the other three (cause not found). The rule keeps F(4×4) there: it beat F(2×2) in
all six runs, and the direct path in ``make bench`` with Haswell. F(4×4) beat F(2×2) on
128×28 in all six runs too. The rule follows the first setting, the one this project's
machine sets; with OpenBLAS's own kernel (AVX-512 here) the direct GEMM is faster and
Winograd wins clearly only on 256×28 (F(4×4)). The gains are modest because the NumPy
transforms (copies, additions, two small GEMMs with Kronecker matrices and the strided output
writes) run on one core while OpenBLAS runs the products on all of them, and the 16 or 36
products are smaller GEMMs than the direct one. ``make bench`` reports what the rule gives on
the benchmark layers, with both OpenBLAS settings.

Memory
------

Extra memory of the large paths, besides the output: the patch buffer, at most
``max(CHUNK_BYTES, bytes of one output row of patches of one image)``, on the wide path also the
product of one chunk (at most ``1 / WIDE_RATIO`` of the patch buffer), plus the zero-padded images
of one chunk (as ``s×s`` phase sub-images for a stride ``s``: the same size in total). The take
path holds the whole patch matrix, which it only takes when that is small. The Winograd path
holds four transformed chunks of at most ``max(winograd.CHUNK_BYTES, one row of tiles of one
image)`` each and the padded images of one chunk (as phases for F(2×2)). All of these are
scratch buffers of :mod:`convshare.workspace`: kept per thread between calls (at most
``workspace.LIMIT_BYTES`` per thread), so that repeated calls on the same shapes allocate
nothing but their output and touch no fresh pages whatever the allocator does.
The Winograd path also caches transformed weights (at most ``winograd.CACHE_BYTES`` per thread,
but the latest entry is kept however large).

Threads: every call uses only its own thread's buffers and caches, so calls from several threads
at once are safe (each thread holds its own buffers, freed when the thread ends). Callers have
already validated and converted their inputs: nothing here checks arguments.
"""

import numpy as np

from convshare import winograd, workspace
from convshare.patches import (
    add_patches,
    fill_patches,
    out_size,
    phases,
    phases_size,
    take_index,
    write_phase,
)

#: Batches with at most this many (image, channel, output position) triples take the ``np.take``
#: path: there one ``np.take`` costs less than ``kH·kW`` slice copies and their Python overhead.
TAKE_LIMIT = 2048
#: Largest patch buffer of the large path (bytes), unless one output row needs more.
CHUNK_BYTES = 8 << 20
#: Stride-1 layers with ``C_in·kH·kW >= WIDE_RATIO·C_out`` take the wide path (see _conv_wide).
WIDE_RATIO = 4
#: Winograd for 3×3 stride-1 layers with at least this many input and output channels ...
WINOGRAD_CHANNELS = 64
#: ... whose channels squared times output side (the smaller ones) reach this (128 channels at
#: 14×14, 64 at 56×56) ...
WINOGRAD_WORK = 128 * 128 * 14
#: ... and whose output is at least this high and wide: F(2×2, 3×3) ...
WINOGRAD_F2_SIDE = 14
#: ... or F(4×4, 3×3) from this side on ...
WINOGRAD_F4_SIDE = 56
#: ... or from half that side with this many input and output channels.
WINOGRAD_F4_CHANNELS = 128


def conv2d_nchw(
    x: np.ndarray,
    w: np.ndarray,
    stride: tuple[int, int],
    padding: tuple[int, int],
    tile: int | None = None,
) -> np.ndarray:
    """Cross-correlate ``x`` (N, C_in, H, W) with ``w`` (C_out, C_in, kH, kW), no bias.

    ``tile``: the Winograd F(m×m, 3×3) to use, ``m`` = 2 or 4 (a 3×3 stride-1 layer only), or 0
    for none (the benchmark compares them); by default the rule of :func:`winograd_tile`.
    """
    n, c, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho = out_size(h, kh, stride[0], padding[0])
    wo = out_size(wd, kw, stride[1], padding[1])
    k = c * kh * kw
    w2 = w.reshape(c_out, k)
    if n * c * ho * wo <= TAKE_LIMIT and n * k * ho * wo * x.itemsize <= CHUNK_BYTES:
        return _conv_take(x, w2, (kh, kw), stride, padding, (ho, wo))
    if tile is None:
        tile = winograd_tile(c, c_out, (kh, kw), stride, (ho, wo))
    if tile:
        return winograd.conv3x3(x, w, padding, tile)
    if stride == (1, 1) and k >= WIDE_RATIO * c_out and wd + 2 * padding[1] > wo:
        return _conv_wide(x, w2, (kh, kw), padding, (ho, wo))
    return _conv_gemm(x, w2, (kh, kw), stride, padding, (ho, wo))


def winograd_tile(c_in, c_out, kernel_size, stride, out_shape, dilation=(1, 1), groups=1) -> int:
    """``m`` of the F(m×m, 3×3) Winograd path a layer takes (see the rule above), or 0."""
    if kernel_size != (3, 3) or stride != (1, 1) or dilation != (1, 1) or groups != 1:
        return 0
    channels, side = min(c_in, c_out), min(out_shape)
    work = channels**2 * side
    if channels < WINOGRAD_CHANNELS or work < WINOGRAD_WORK or side < WINOGRAD_F2_SIDE:
        return 0
    many = channels >= WINOGRAD_F4_CHANNELS and 2 * side >= WINOGRAD_F4_SIDE
    return 4 if side >= WINOGRAD_F4_SIDE or many else 2


def _conv_take(x, w2, kernel_size, stride, padding, out_shape):
    """Tiny layers: the whole batch's patch matrix with one ``np.take``, one batched matmul."""
    n, c, h, wd = x.shape
    k, positions = w2.shape[1], out_shape[0] * out_shape[1]
    flat = workspace.scratch("padded", n * (c * h * wd + 1), x.dtype).reshape(n, -1)
    flat[:, :-1] = x.reshape(n, -1)
    flat[:, -1] = 0
    index = take_index((c, h, wd), kernel_size, stride, padding)
    cols = workspace.scratch("patches", n * k * positions, x.dtype).reshape(n, k, positions)
    np.take(flat, index, axis=1, out=cols, mode="clip")  # indices are in range: no buffering
    return np.matmul(w2, cols).reshape(n, w2.shape[0], *out_shape)


def _conv_gemm(x, w2, kernel_size, stride, padding, out_shape):
    """Larger layers: unit-stride copies into a bounded buffer, one GEMM per chunk.

    A chunk is a group of whole images (small images) or a band of output rows of one image
    (large images), chosen so that its patch matrix fits in ``CHUNK_BYTES``.
    """
    n, c = x.shape[:2]
    c_out, k = w2.shape
    ho, wo = out_shape
    y = np.empty((n, c_out, ho, wo), x.dtype)
    image_bytes = k * ho * wo * x.itemsize
    group = max(1, min(n, CHUNK_BYTES // image_bytes))
    band = ho if group > 1 else max(1, min(ho, CHUNK_BYTES // (k * wo * x.itemsize)))
    buffer = workspace.scratch("patches", group * k * band * wo, x.dtype)
    padded = workspace.scratch(
        "padded", phases_size((group, *x.shape[1:]), padding, stride), x.dtype
    )
    for b0 in range(0, n, group):
        b1 = min(n, b0 + group)
        parts = phases(x[b0:b1], padding, stride, padded)
        for r0 in range(0, ho, band):
            r1 = min(ho, r0 + band)
            m = (r1 - r0) * wo
            cols = buffer[: (b1 - b0) * k * m].reshape(b1 - b0, c, *kernel_size, r1 - r0, wo)
            fill_patches(cols, parts, stride, (r0, r1))
            out = y[b0:b1, :, r0:r1].reshape(b1 - b0, c_out, m)  # a view: rows are contiguous
            np.matmul(w2, cols.reshape(b1 - b0, k, m), out=out)
    return y


def _conv_wide(x, w2, kernel_size, padding, out_shape):
    """Stride 1, many weights per output channel: patch columns over the whole padded width.

    If the columns of a band's patch matrix run over all ``Wp`` columns of the padded image
    instead of the ``W_out`` output columns, row ``(c, i, j)`` is one contiguous run of the
    flattened padded image, from ``(r0 + i)·Wp + j``: one long copy per channel and offset
    instead of one short copy per output row. The GEMM then computes ``Wp - W_out`` wasted
    columns per row, cropped away; that pays when ``C_in·kH·kW >= WIDE_RATIO·C_out``.
    """
    n, c, h, wd = x.shape
    c_out, k = w2.shape
    kh, kw = kernel_size
    (ph, pw), (ho, wo) = padding, out_shape
    hp, wp = h + 2 * ph, wd + 2 * pw
    y = np.empty((n, c_out, ho, wo), x.dtype)
    band = _band(ho, k * wp * x.itemsize)
    group = max(1, min(n, CHUNK_BYTES // (k * ho * wp * x.itemsize))) if band == ho else 1
    # padded images, flattened, plus one zero row: a band's last run overruns by kW - 1 at most
    flat = workspace.scratch("padded", group * c * (hp + 1) * wp, x.dtype)
    flat = flat.reshape(group, c, (hp + 1) * wp)
    image = flat[..., : (hp + 1) * wp].reshape(group, c, hp + 1, wp)
    buffer = workspace.scratch("patches", group * k * band * wp, x.dtype)
    product = workspace.scratch("product", group * c_out * band * wp, x.dtype)
    for b0 in range(0, n, group):
        b1 = min(n, b0 + group)
        g = b1 - b0
        write_phase(image[:g], x[b0:b1], (0, 0), (1, 1), padding)  # zero borders, x inside
        for r0 in range(0, ho, band):
            r1 = min(ho, r0 + band)
            m = (r1 - r0) * wp
            cols = buffer[: g * k * m].reshape(g, c, kh, kw, m)
            for i in range(kh):
                for j in range(kw):
                    start = (r0 + i) * wp + j
                    cols[:, :, i, j] = flat[:g, :, start : start + m]
            out = product[: g * c_out * m].reshape(g, c_out, m)
            np.matmul(w2, cols.reshape(g, k, m), out=out)
            y[b0:b1, :, r0:r1] = out.reshape(g, c_out, r1 - r0, wp)[..., :wo]
    return y


def _band(rows: int, row_bytes: int) -> int:
    """Output rows per chunk so that a chunk's patches fit in ``CHUNK_BYTES`` (at least 1)."""
    return max(1, min(rows, CHUNK_BYTES // row_bytes))


def locally_connected2d_nchw(
    x: np.ndarray, w: np.ndarray, stride: tuple[int, int], padding: tuple[int, int]
) -> np.ndarray:
    """Locally connected layer, ``x`` (N, C_in, H, W), ``w`` (H_out, W_out, C_out, C_in, kH, kW).

    The patches of a band of output rows (for the whole batch) are built with the same copies as
    the convolution; then one small matrix product per output position, ``w[r, c]`` (C_out, K)
    times that position's patches (K, N), all in one batched ``np.matmul``. No bias.
    """
    n, c = x.shape[:2]
    ho, wo, c_out, _, kh, kw = w.shape
    k = c * kh * kw
    w3 = w.reshape(ho * wo, c_out, k)
    y = np.empty((n, c_out, ho, wo), x.dtype)
    band = _band(ho, n * k * wo * x.itemsize)
    buffer = workspace.scratch("patches", n * k * band * wo, x.dtype)
    product = workspace.scratch("product", band * wo * c_out * n, x.dtype)
    parts = phases(
        x,
        padding,
        stride,
        workspace.scratch("padded", phases_size(x.shape, padding, stride), x.dtype),
    )
    for r0 in range(0, ho, band):
        r1 = min(ho, r0 + band)
        m = (r1 - r0) * wo
        cols = buffer[: n * k * m].reshape(n, c, kh, kw, r1 - r0, wo)
        fill_patches(cols, parts, stride, (r0, r1))
        by_position = cols.reshape(n, k, m).transpose(2, 1, 0)  # (positions, K, N)
        out = product[: m * c_out * n].reshape(m, c_out, n)
        np.matmul(w3[r0 * wo : r1 * wo], by_position, out=out)  # (positions, C_out, N)
        y[:, :, r0:r1] = out.transpose(2, 1, 0).reshape(n, c_out, r1 - r0, wo)
    return y


def conv2d_backward_nchw(
    x: np.ndarray,
    w: np.ndarray,
    grad_y: np.ndarray,
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """``(grad_x, grad_w)`` of ``y = conv2d(x, w)`` for ``grad_y`` (N, C_out, H_out, W_out).

    Per image and band of output rows, with ``P`` the band's patch matrix and ``G`` its
    gradient (C_out, positions): ``grad_w += G @ P.T`` (the shared kernel sums over positions)
    and ``W.T @ G`` is added back onto the input pixels the patches were read from. Two GEMMs
    and ``2·kH·kW`` slice copies per chunk; the patch buffers are bounded like the forward pass.
    """
    n, c, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho, wo = grad_y.shape[2:]
    (ph, pw), k = padding, c * kh * kw
    w_t = np.ascontiguousarray(w.reshape(c_out, k).T)
    grad_w = np.zeros((c_out, k), x.dtype)
    grad_x = np.empty_like(x)
    part_w = workspace.scratch("grad-w", c_out * k, x.dtype).reshape(c_out, k)
    grad_padded = workspace.scratch("grad-padded", c * (h + 2 * ph) * (wd + 2 * pw), x.dtype)
    grad_padded = grad_padded.reshape(c, h + 2 * ph, wd + 2 * pw)
    band = _band(ho, k * wo * x.itemsize)
    buffer = workspace.scratch("patches", k * band * wo, x.dtype)
    back = workspace.scratch("product", k * band * wo, x.dtype)
    padded = workspace.scratch("padded", phases_size(x.shape[1:], padding, stride), x.dtype)
    for b in range(n):
        parts = phases(x[b], padding, stride, padded)
        grad_padded[...] = 0
        for r0 in range(0, ho, band):
            r1 = min(ho, r0 + band)
            m = (r1 - r0) * wo
            cols = buffer[: k * m].reshape(c, kh, kw, r1 - r0, wo)
            fill_patches(cols, parts, stride, (r0, r1))
            g = grad_y[b, :, r0:r1].reshape(c_out, m)
            grad_w += np.matmul(g, cols.reshape(k, m).T, out=part_w)
            grad_cols = np.matmul(w_t, g, out=back[: k * m].reshape(k, m))
            add_patches(grad_padded, grad_cols.reshape(c, kh, kw, r1 - r0, wo), stride, (r0, r1))
        grad_x[b] = grad_padded[:, ph : ph + h, pw : pw + wd]
    return grad_x, grad_w.reshape(w.shape)


def locally_connected2d_backward_nchw(
    x: np.ndarray,
    w: np.ndarray,
    grad_y: np.ndarray,
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """``(grad_x, grad_w)`` of ``y = locally_connected2d(x, w)`` for ``grad_y`` (N, C_out, H_out,
    W_out).

    Per band of output rows, with each position's patches ``P`` (K, N) and gradient ``G``
    (C_out, N): ``grad_w[r, c] = G @ P.T`` (summed over the batch only: nothing is shared
    between positions) and ``w[r, c].T @ G`` is added back onto the pixels the patches were read
    from. Batched ``np.matmul`` over positions, no Python loop over them.
    """
    n, c, h, wd = x.shape
    ho, wo, c_out, _, kh, kw = w.shape
    (ph, pw), k = padding, c * kh * kw
    w3 = w.reshape(ho * wo, c_out, k)
    grad_w = np.empty((ho * wo, c_out, k), x.dtype)
    grad_padded = workspace.scratch("grad-padded", n * c * (h + 2 * ph) * (wd + 2 * pw), x.dtype)
    grad_padded = grad_padded.reshape(n, c, h + 2 * ph, wd + 2 * pw)
    grad_padded[...] = 0
    band = _band(ho, n * k * wo * x.itemsize)
    buffer = workspace.scratch("patches", n * k * band * wo, x.dtype)
    product = workspace.scratch("product", n * k * band * wo, x.dtype)
    padded = workspace.scratch("padded", phases_size(x.shape, padding, stride), x.dtype)
    parts = phases(x, padding, stride, padded)
    for r0 in range(0, ho, band):
        r1 = min(ho, r0 + band)
        m = (r1 - r0) * wo
        cols = buffer[: n * k * m].reshape(n, c, kh, kw, r1 - r0, wo)
        fill_patches(cols, parts, stride, (r0, r1))
        by_position = cols.reshape(n, k, m).transpose(2, 0, 1)  # (positions, N, K)
        g = grad_y[:, :, r0:r1].reshape(n, c_out, m).transpose(2, 1, 0)  # (positions, C_out, N)
        np.matmul(g, by_position, out=grad_w[r0 * wo : r1 * wo])
        back = product[: m * k * n].reshape(m, k, n)  # (positions, K, N)
        np.matmul(w3[r0 * wo : r1 * wo].transpose(0, 2, 1), g, out=back)
        back = back.transpose(2, 1, 0).reshape(n, c, kh, kw, r1 - r0, wo)
        add_patches(grad_padded, back, stride, (r0, r1))
    grad_x = grad_padded[:, :, ph : ph + h, pw : pw + wd].copy()  # never the scratch itself
    return grad_x, grad_w.reshape(w.shape)


# Dilation and groups: a separate path, so that the default layer keeps the paths above.


def _dilated_patches(x, kernel_size, stride, padding, dilation, out_shape):
    """Patches (N, C, kH, kW, H_out, W_out) of ``x`` (N, C, H, W): ``kH·kW`` strided copies.

    Kernel offset ``(i, j)`` reads the padded image at rows ``i·dh + r·sh`` and columns
    ``j·dw + s·sw`` for the outputs ``(r, s)``.
    """
    n, c, h, wd = x.shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw), (ho, wo) = (
        kernel_size,
        stride,
        padding,
        dilation,
        out_shape,
    )
    padded = workspace.scratch("padded", n * c * (h + 2 * ph) * (wd + 2 * pw), x.dtype)
    padded = padded.reshape(n, c, h + 2 * ph, wd + 2 * pw)
    write_phase(padded, x, (0, 0), (1, 1), padding)  # zero borders, x inside
    cols = workspace.scratch("patches", n * c * kh * kw * ho * wo, x.dtype)
    cols = cols.reshape(n, c, kh, kw, ho, wo)
    for i in range(kh):
        for j in range(kw):
            rows = slice(i * dh, i * dh + sh * (ho - 1) + 1, sh)
            columns = slice(j * dw, j * dw + sw * (wo - 1) + 1, sw)
            cols[:, :, i, j] = padded[:, :, rows, columns]
    return cols


def _dilated_out_shape(x_shape, kernel_size, stride, padding, dilation):
    return tuple(
        out_size(n, d * (k - 1) + 1, s, p)
        for n, k, s, p, d in zip(x_shape[2:], kernel_size, stride, padding, dilation, strict=True)
    )


def _image_groups(n, k, m, itemsize):
    """Images per chunk so that a chunk's patch matrix (K, M per image) fits in CHUNK_BYTES."""
    return max(1, min(n, CHUNK_BYTES // (k * m * itemsize)))


def conv2d_grouped_nchw(
    x: np.ndarray,
    w: np.ndarray,
    stride: tuple[int, int],
    padding: tuple[int, int],
    dilation: tuple[int, int],
    groups: int,
) -> np.ndarray:
    """Dilated and/or grouped convolution, ``w`` (C_out, C_in/groups, kH, kW), no bias.

    The patches of a chunk of images are gathered with the dilation (``kH·kW`` strided copies),
    split into ``groups`` blocks of channels, and one batched ``np.matmul`` multiplies each
    block by its group's kernels: ``(groups, C_out/groups, K) @ (N, groups, K, H_out·W_out)``
    with ``K = C_in/groups·kH·kW``. Depthwise (``groups = C_in``) is the case ``K = kH·kW``.
    """
    n, c = x.shape[:2]
    c_out, c_group, kh, kw = w.shape
    ho, wo = _dilated_out_shape(x.shape, (kh, kw), stride, padding, dilation)
    k = c_group * kh * kw
    wg = w.reshape(groups, c_out // groups, k)
    y = np.empty((n, c_out, ho, wo), x.dtype)
    chunk = _image_groups(n, c * kh * kw, ho * wo, x.itemsize)
    for b0 in range(0, n, chunk):
        b1 = min(n, b0 + chunk)
        cols = _dilated_patches(x[b0:b1], (kh, kw), stride, padding, dilation, (ho, wo))
        out = y[b0:b1].reshape(b1 - b0, groups, c_out // groups, ho * wo)  # a view of y
        np.matmul(wg, cols.reshape(b1 - b0, groups, k, ho * wo), out=out)
    return y


def conv2d_grouped_backward_nchw(
    x: np.ndarray,
    w: np.ndarray,
    grad_y: np.ndarray,
    stride: tuple[int, int],
    padding: tuple[int, int],
    dilation: tuple[int, int],
    groups: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``(grad_x, grad_w)`` of :func:`conv2d_grouped_nchw` for ``grad_y`` (N, C_out, H_out, W_out).

    Per chunk of images and per group: ``grad_w += G @ P.T`` and ``W.T @ G`` added back onto the
    pixels the (dilated) patches were read from, with the same strided slices.
    """
    n, c, h, wd = x.shape
    c_out, c_group, kh, kw = w.shape
    ho, wo = grad_y.shape[2:]
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    k = c_group * kh * kw
    wg_t = w.reshape(groups, c_out // groups, k).transpose(0, 2, 1)
    grad_w = np.zeros((groups, c_out // groups, k), x.dtype)
    grad_x = np.empty_like(x)
    chunk = _image_groups(n, c * kh * kw, ho * wo, x.itemsize)
    for b0 in range(0, n, chunk):
        b1 = min(n, b0 + chunk)
        cols = _dilated_patches(x[b0:b1], (kh, kw), stride, padding, dilation, (ho, wo))
        cols = cols.reshape(b1 - b0, groups, k, ho * wo)
        g = grad_y[b0:b1].reshape(b1 - b0, groups, c_out // groups, ho * wo)
        part = workspace.scratch("grad-w", (b1 - b0) * groups * (c_out // groups) * k, x.dtype)
        part = part.reshape(b1 - b0, groups, c_out // groups, k)
        grad_w += np.matmul(g, cols.transpose(0, 1, 3, 2), out=part).sum(axis=0)
        back = workspace.scratch("product", (b1 - b0) * groups * k * ho * wo, x.dtype)
        back = back.reshape(b1 - b0, groups, k, ho * wo)
        np.matmul(wg_t, g, out=back)
        back = back.reshape(b1 - b0, c, kh, kw, ho, wo)
        size = (b1 - b0) * c * (h + 2 * ph) * (wd + 2 * pw)
        padded = workspace.scratch("grad-padded", size, x.dtype)
        padded = padded.reshape(b1 - b0, c, h + 2 * ph, wd + 2 * pw)
        padded[...] = 0
        for i in range(kh):
            for j in range(kw):
                rows = slice(i * dh, i * dh + sh * (ho - 1) + 1, sh)
                columns = slice(j * dw, j * dw + sw * (wo - 1) + 1, sw)
                padded[:, :, rows, columns] += back[:, :, i, j]
        grad_x[b0:b1] = padded[:, :, ph : ph + h, pw : pw + wd]
    return grad_x, grad_w.reshape(w.shape)
