"""Convolution (cross-correlation, as in every deep-learning library): fast, naive and 1-D."""

from __future__ import annotations

import numpy as np

from convshare import fastconv
from convshare.validation import checked_conv2d, conv1d_args, conv2d_args


def conv2d(x, w, b=None, *, stride=1, padding=0, dilation=1, groups=1):
    """Slide each kernel over the input and take dot products (cross-correlation).

    Each output element is a dot product of one kernel with one input patch:
    ``y[n, o, r, c] = sum(x_pad[n, :, r*sh : r*sh + kH, c*sw : c*sw + kW] * w[o]) + b[o]``.
    The kernel is not flipped, so the numbers are those of ``torch.nn.functional.conv2d``.
    With ``dilation`` ``(dh, dw)`` the patch takes every ``dh``-th row and ``dw``-th column,
    ``x_pad[n, :, r*sh : r*sh + dh*(kH-1) + 1 : dh, ...]``; with ``groups`` ``g`` the channels
    are split into ``g`` blocks and output channel ``o`` sees only block ``o // (C_out / g)``.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        Input images, channels first.
    w : array_like, shape (C_out, C_in/groups, kH, kW)
        One kernel per output channel, over the input channels of its group.
    b : array_like, shape (C_out,), optional
        One bias per output channel.
    stride : int or (int, int)
        Step between neighbouring patches, for rows and columns.
    padding : int or (int, int)
        Rows and columns of zeros added on both sides of the input.
    dilation : int or (int, int)
        Spacing between kernel taps (1: neighbouring pixels, a plain kernel).
    groups : int
        Blocks of input and output channels convolved separately; it must divide C_in and
        C_out. ``groups = C_in`` with ``C_out = C_in`` is a depthwise convolution.

    Returns
    -------
    y : ndarray, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)
        ``H_out = (H + 2*padding - dilation*(kH - 1) - 1) // stride + 1``, likewise ``W_out``.
        float32 input stays float32 (float16 becomes float32); integers and bools are computed
        in float64.

    Raises
    ------
    ValueError
        Shapes that do not fit together (also a dilated kernel larger than the padded input),
        stride, dilation or groups < 1, padding < 0, ``groups`` that does not divide C_in or
        C_out, a ``w`` whose C_in/groups does not match ``x``, or a stride, padding or dilation
        pair of the wrong length.
    TypeError
        A non-integer stride, padding, dilation or groups, or an array that does not hold
        real numbers.

    Examples
    --------
    The classic 5×5 image and 3×3 kernel:

    >>> import numpy as np
    >>> import convshare as cs
    >>> x, w = cs.examples.five_by_five()
    >>> y = cs.conv2d(x, w)
    >>> print(y[0])
    [[4. 3. 4.]
     [2. 4. 3.]
     [2. 3. 4.]]

    By hand, ``y[0, 0, 1]`` is the patch in rows 0..2, columns 1..3 times the kernel, summed:

    >>> print(x[0, 0:3, 1:4])
    [[1. 1. 0.]
     [1. 1. 1.]
     [0. 1. 1.]]
    >>> print(np.sum(x[0, 0:3, 1:4] * w[0, 0]), y[0, 0, 1])
    3.0 3.0
    """
    x4, w, b, stride, padding, dilation, groups, batched = conv2d_args(
        x, w, b, stride, padding, dilation, groups
    )
    if dilation == (1, 1) and groups == 1:
        y = fastconv.conv2d_nchw(x4, w, stride, padding)
    else:
        y = fastconv.conv2d_grouped_nchw(x4, w, stride, padding, dilation, groups)
    if b is not None:
        y += b[:, None, None]  # y is new: no second output-sized array
    return y if batched else y[0]


@checked_conv2d  # checks the arguments, then runs the plain loops below
# --8<-- [start:conv2d_naive]
def conv2d_naive(x, w, b=None, *, stride=1, padding=0, dilation=1, groups=1):
    """Same as `conv2d` (same arguments), in plain loops: one output at a time.

    Examples
    --------
    >>> import convshare as cs
    >>> x, w = cs.examples.five_by_five()  # y[0, 0, 1] by hand: patch * kernel
    >>> print(cs.conv2d_naive(x, w)[0, 0, 1], np.sum(x[0, 0:3, 1:4] * w[0, 0]))
    3.0 3.0
    """
    sh, sw = (stride, stride) if np.isscalar(stride) else stride
    ph, pw = (padding, padding) if np.isscalar(padding) else padding
    dh, dw = (dilation, dilation) if np.isscalar(dilation) else dilation
    xb = x if x.ndim == 4 else x[np.newaxis]  # a batch (N, C_in, H, W)
    xb = np.pad(xb, ((0, 0), (0, 0), (ph, ph), (pw, pw)))  # zero padding
    n, (c_out, c_group, kh, kw) = len(xb), w.shape  # c_group: C_in / groups
    h_out = (xb.shape[2] - dh * (kh - 1) - 1) // sh + 1
    w_out = (xb.shape[3] - dw * (kw - 1) - 1) // sw + 1
    y = np.zeros((n, c_out, h_out, w_out), dtype=np.result_type(x, w))
    bias = np.zeros(c_out, dtype=y.dtype) if b is None else b
    for i in range(n):
        for o in range(c_out):
            first = o // (c_out // groups) * c_group  # o's first input channel
            for r in range(h_out):
                for c in range(w_out):
                    rows = slice(r * sh, r * sh + dh * kh, dh)  # dh apart
                    cols = slice(c * sw, c * sw + dw * kw, dw)
                    patch = xb[i, first : first + c_group, rows, cols]
                    y[i, o, r, c] = np.sum(patch * w[o]) + bias[o]
    return y if x.ndim == 4 else y[0]
    # --8<-- [end:conv2d_naive]


def conv1d(x, w, b=None, *, stride=1, padding=0):
    """Slide 1-D kernels along a sequence: the shared-weight layer of the 1-D picture.

    ``y[n, o, t] = sum(x_pad[n, :, t*stride : t*stride + k] * w[o]) + b[o]``.

    Parameters
    ----------
    x : array_like, shape (C_in, L) or (N, C_in, L)
        Input sequences, channels first.
    w : array_like, shape (C_out, C_in, k)
        One kernel per output channel.
    b : array_like, shape (C_out,), optional
        One bias per output channel.
    stride : int
        Step between neighbouring windows.
    padding : int
        Zeros added at both ends.

    Returns
    -------
    y : ndarray, shape (C_out, L_out) or (N, C_out, L_out)
        ``L_out = (L + 2*padding - k) // stride + 1``.

    Raises
    ------
    ValueError
        ``x``/``w``/``b`` of the wrong ndim or shape, channels that differ, a kernel longer than
        the padded input, stride < 1 or padding < 0.
    TypeError
        A stride or padding that is not an integer (a pair is not accepted in 1-D), or an array
        that does not hold real numbers.

    Examples
    --------
    Five inputs, one kernel of three weights, three outputs ``h1, h2, h3``:

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[1, 2, 3, 4, 5]])
    >>> w = np.array([[[1, 0, -1]]])
    >>> h = cs.conv1d(x, w)
    >>> print(h)
    [[-2. -2. -2.]]

    By hand, ``h2 = w1*x2 + w2*x3 + w3*x4 = 1*2 + 0*3 - 1*4``:

    >>> print(1 * 2 + 0 * 3 - 1 * 4)
    -2
    """
    x3, w, b, stride, padding, batched = conv1d_args(x, w, b, stride, padding)
    # a 1-D sequence is an image of height 1: the conv2d engine, no loop over positions
    y = fastconv.conv2d_nchw(x3[:, :, None, :], w[:, :, None, :], (1, stride), (0, padding))
    y = y[:, :, 0]
    if b is not None:
        y += b[:, None]
    return y if batched else y[0]
