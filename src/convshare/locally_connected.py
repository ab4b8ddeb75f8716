"""A locally connected layer: local patches like a convolution, but no weight sharing."""

from __future__ import annotations

from convshare import fastconv
from convshare.validation import locally_connected2d_args


def locally_connected2d(x, w, b=None, *, stride=1, padding=0):
    """Like `conv2d`, but each output position ``(r, c)`` has its own kernels ``w[r, c]``.

    ``y[n, o, r, c] = sum(x_pad[n, :, r*sh : r*sh + kH, c*sw : c*sw + kW] * w[r, c, o])
    + b[o, r, c]``. With every ``w[r, c]`` equal to one kernel it equals `conv2d`.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        Input images, channels first.
    w : array_like, shape (H_out, W_out, C_out, C_in, kH, kW)
        A separate set of kernels for each output position.
    b : array_like, shape (C_out, H_out, W_out), optional
        One bias per output unit (as Keras' ``LocallyConnected2D``).
    stride : int or (int, int)
        Step between neighbouring patches.
    padding : int or (int, int)
        Zeros added on both sides.

    Returns
    -------
    y : ndarray, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)

    Raises
    ------
    ValueError
        Arrays of the wrong ndim, channels that differ, a kernel larger than the padded input,
        ``w`` or ``b`` whose grid is not the output grid (H_out, W_out), stride < 1 or
        padding < 0.
    TypeError
        A non-integer stride or padding, or an array that does not hold real numbers.

    Examples
    --------
    A 1×1×3 image, 1×2 patches: two positions, each with its own weights.

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[[1, 2, 3]]])
    >>> w = np.array([[[[[[1, 1]]]], [[[[10, -1]]]]]])
    >>> w.shape
    (1, 2, 1, 1, 1, 2)
    >>> print(cs.locally_connected2d(x, w))
    [[[ 3. 17.]]]

    By hand, position 1 uses its own weights ``w[0, 1]`` on its patch ``x[:, :, 1:3]``:

    >>> print(np.sum(w[0, 1, 0] * x[:, :, 1:3]), 10 * 2 - 1 * 3)
    17 17
    """
    x4, w, b, stride, padding, batched = locally_connected2d_args(x, w, b, stride, padding)
    # patches as for conv2d, then one small product per position (convshare.fastconv)
    y = fastconv.locally_connected2d_nchw(x4, w, stride, padding)
    if b is not None:
        y += b
    return y if batched else y[0]
