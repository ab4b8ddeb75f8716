"""Tiled convolution: a few kernels used in rotation (Goodfellow et al., *Deep Learning*, §9.5).

A convolution uses one kernel at every output position; a locally connected layer uses a
different kernel at each. A tiled convolution sits between them: it learns ``tH·tW`` kernels,
and output position ``(r, s)`` uses kernel ``(r % tH, s % tW)``. With a ``1×1`` tile it is a
convolution; with a tile as large as the output it is a locally connected layer.

Not exported by ``convshare`` itself; use ``from convshare import tiled``.
"""

import numpy as np

from convshare import validation
from convshare.im2col import im2col


def params_tiled_conv2d(c_in, c_out, kernel_size, tile, *, bias=True):
    """Number of parameters of a tiled convolution with ``tH·tW`` kernels.

    Parameters
    ----------
    c_in, c_out : int
        Input and output channels.
    kernel_size : int or (int, int)
        ``kH, kW``.
    tile : int or (int, int)
        ``tH, tW``: how many kernels in rotation along each axis (``1`` is a convolution).
    bias : bool
        One bias per output channel and kernel, as in :func:`tiled_conv2d`.

    Returns
    -------
    int
        ``tH·tW·(c_out·c_in·kH·kW + c_out)`` (without ``+ c_out`` when ``bias=False``).

    Raises
    ------
    TypeError
        If a size is not an integer, or ``bias`` is not a bool.
    ValueError
        If a size is smaller than 1, or ``kernel_size``/``tile`` is a pair of the wrong length.

    Examples
    --------
    Two 3×3 kernels in each direction, one input and one output channel: four kernels of
    9 weights and 1 bias each.

    >>> params_tiled_conv2d(1, 1, 3, 2)
    40
    """
    c_in = validation.integer(c_in, "c_in", minimum=1)
    c_out = validation.integer(c_out, "c_out", minimum=1)
    kh, kw = validation.pair(kernel_size, "kernel_size", minimum=1)
    th, tw = validation.pair(tile, "tile", minimum=1)
    bias = validation.flag(bias, "bias")
    per_kernel = c_out * c_in * kh * kw + (c_out if bias else 0)
    return th * tw * per_kernel


def tiled_conv2d(x, w, b=None, *, stride=1, padding=0):
    """Tiled convolution: output position ``(r, s)`` uses kernel ``w[r % tH, s % tW]``.

    Parameters
    ----------
    x : ndarray, shape (C_in, H, W) or (N, C_in, H, W)
        Input.
    w : ndarray, shape (tH, tW, C_out, C_in, kH, kW)
        ``tH·tW`` kernels; the tile ``(tH, tW)`` is read from the first two axes and must not be
        larger than the output.
    b : ndarray, shape (C_out, tH, tW), optional
        One bias per output channel and kernel.
    stride, padding : int or (int, int), keyword-only
        As in :func:`convshare.conv2d` (zero padding on both sides).

    Returns
    -------
    ndarray, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)
        ``y[o, r, s] = sum(w[r % tH, s % tW, o] * patch(r, s)) + b[o, r % tH, s % tW]``.

    Raises
    ------
    TypeError
        If an array does not hold real numbers, or ``stride``/``padding`` is not an integer.
    ValueError
        If a shape is wrong: ``x`` and ``w`` disagree on ``C_in``, the kernel does not fit the
        padded input, the tile is larger than the output grid, or ``b`` is not
        ``(C_out, tH, tW)``.

    Examples
    --------
    A 1×4 input, 1×2 kernels, two kernels in rotation along the width: output 0 and 2 use the
    first kernel ``[1, 1]``, output 1 uses the second ``[1, -1]``:
    ``y[0, 0, 1] = 1·2 + (-1)·3 = -1``.

    >>> x = np.array([[[1.0, 2.0, 3.0, 4.0]]])
    >>> w = np.array([[1.0, 1.0], [1.0, -1.0]]).reshape(1, 2, 1, 1, 1, 2)
    >>> tiled_conv2d(x, w)
    array([[[ 3., -1.,  7.]]])
    """
    x4, w, b, stride, padding, batched = _checked(x, w, b, stride, padding)
    n = x4.shape[0]
    th, tw, c_out, c_in, kh, kw = w.shape
    h_out, w_out = validation.grid(x4.shape[2:], (kh, kw), stride, padding)
    cols = im2col(x4, (kh, kw), stride=stride, padding=padding)
    cols = cols.reshape(n, c_in * kh * kw, h_out, w_out)
    y = np.empty((n, c_out, h_out, w_out), dtype=cols.dtype)
    for r in range(th):
        for s in range(tw):
            kernel = w[r, s].reshape(c_out, c_in * kh * kw)
            # every output position (r + tH·i, s + tW·j) uses this kernel
            y[:, :, r::th, s::tw] = np.einsum("ok,nkij->noij", kernel, cols[:, :, r::th, s::tw])
            if b is not None:
                y[:, :, r::th, s::tw] += b[:, r, s][None, :, None, None]
    return y if batched else y[0]


def _checked(x, w, b, stride, padding):
    """Checked ``(x4, w, b, stride, padding, batched)``: x4 is (N, C_in, H, W)."""
    x4, stride, padding, batched = validation.images(x, stride, padding)
    w = validation.array(w, "w", (6,), "(tH, tW, C_out, C_in, kH, kW)")
    b = None if b is None else validation.array(b, "b", (3,), "(C_out, tH, tW)")
    validation.channels(w.shape[3], x4)
    validation.kernel_fits(x4.shape[2:], w.shape[4:], padding)
    h_out, w_out = validation.grid(x4.shape[2:], w.shape[4:], stride, padding)
    if w.shape[0] > h_out or w.shape[1] > w_out:
        raise ValueError(
            f"`w` has a tile of {w.shape[0]}x{w.shape[1]} kernels (its first two axes), larger "
            f"than the output grid {h_out}x{w_out}: some kernels would never be used"
        )
    validation.bias(b, (w.shape[2], w.shape[0], w.shape[1]), "(C_out, tH, tW)")
    x4, w, b = validation.as_dtype(validation.float_dtype(x4, w, b), x4, w, b)
    return x4, w, b, stride, padding, batched
