"""Convolution as one big matrix: sparse, with the same few weights repeated (tied)."""

from __future__ import annotations

import numpy as np

from convshare.validation import conv2d_matrix_args


def conv2d_matrix(w, input_shape, *, stride=1, padding=0):
    """The dense matrix ``M`` with ``M @ x.ravel() == conv2d(x, w).ravel()`` (no bias).

    Row ``(o*H_out + r)*W_out + c`` holds the weights of output ``y[o, r, c]`` at the columns of
    the input pixels its patch covers, and zeros elsewhere: local connectivity is the sparsity,
    parameter sharing is that every row repeats the same ``C_in*kH*kW`` weights. Taps that
    fall on zero padding are dropped.

    Parameters
    ----------
    w : array_like, shape (C_out, C_in, kH, kW)
        The kernels.
    input_shape : (int, int, int)
        ``(C_in, H, W)`` of the input the matrix applies to.
    stride : int or (int, int)
        Step between neighbouring patches.
    padding : int or (int, int)
        Zeros added on both sides of the input.

    Returns
    -------
    M : ndarray, shape (C_out*H_out*W_out, C_in*H*W)

    Raises
    ------
    ValueError
        ``w`` not 4-D, ``input_shape`` not three positive sizes, channels that differ, a kernel
        larger than the padded input, stride < 1 or padding < 0.
    TypeError
        A size that is not an integer, or a ``w`` that does not hold real numbers.

    Examples
    --------
    A 1-D-like case: one 1×2 kernel over a 1×3 image gives two outputs.

    >>> import numpy as np
    >>> import convshare as cs
    >>> M = cs.conv2d_matrix(np.array([[[[1, 2]]]]), (1, 1, 3))
    >>> print(M)
    [[1. 2. 0.]
     [0. 1. 2.]]

    By hand, for ``x = [5, 6, 7]`` the first output is ``1*5 + 2*6 = 17``:

    >>> x = np.array([[[5, 6, 7]]])
    >>> print(M @ x.ravel(), cs.conv2d(x, np.array([[[[1, 2]]]])).ravel())
    [17. 20.] [17. 20.]
    """
    w, (c_in, h, wd), (sh, sw), (ph, pw) = conv2d_matrix_args(w, input_shape, stride, padding)
    c_out, _, kh, kw = w.shape
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1
    o, ci, i, j, r, c = np.ix_(*map(np.arange, (c_out, c_in, kh, kw, h_out, w_out)))
    row, col = r * sh - ph + i, c * sw - pw + j  # the input pixel under each kernel tap
    out_index = (o * h_out + r) * w_out + c
    in_index = (ci * h + row) * wd + col
    inside = (row >= 0) & (row < h) & (col >= 0) & (col < wd)
    out_index, in_index, inside, values = np.broadcast_arrays(
        out_index, in_index, inside, w[:, :, :, :, None, None]
    )
    m = np.zeros((c_out * h_out * w_out, c_in * h * wd), dtype=w.dtype)
    m[out_index[inside], in_index[inside]] = values[inside]
    return m
