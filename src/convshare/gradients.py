"""Backpropagation through conv2d: a shared weight collects gradient from every position."""

from __future__ import annotations

import numpy as np

from convshare.validation import conv2d_backward_args


def conv2d_backward(x, w, grad_y, *, stride=1, padding=0):
    """Gradients of a loss through ``y = conv2d(x, w, b, stride=stride, padding=padding)``.

    Because the kernel is shared, ``grad_w`` is a sum over all output positions (and over the
    batch): ``grad_w[o, i, :, :] = sum over n, r, c of grad_y[n, o, r, c] * patch[n, r, c]``.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        The input of the forward pass.
    w : array_like, shape (C_out, C_in, kH, kW)
        The kernels of the forward pass.
    grad_y : array_like, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)
        Gradient of the loss with respect to the output ``y`` (batched like ``x``).
    stride : int or (int, int), keyword-only
        As in the forward pass.
    padding : int or (int, int), keyword-only
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``
    grad_w : ndarray, shape (C_out, C_in, kH, kW)
    grad_b : ndarray, shape (C_out,)

    Examples
    --------
    With the loss ``sum(y)`` (``grad_y`` all ones) on the classic 5×5 example, each weight's
    gradient is the sum of the 9 input pixels it touched:

    >>> import numpy as np
    >>> import convshare as cs
    >>> x, w = cs.examples.five_by_five()
    >>> grad_x, grad_w, grad_b = cs.conv2d_backward(x, w, np.ones((1, 3, 3)))
    >>> print(grad_w[0, 0])
    [[6. 7. 6.]
     [4. 7. 7.]
     [4. 6. 6.]]
    >>> print(grad_b)
    [9.]

    By hand, ``w[0, 0, 0, 0]`` touched ``x[0, 0:3, 0:3]``, whose sum is 6:

    >>> print(x[0, 0:3, 0:3].sum())
    6.0
    """
    x4, w, grad_y, (sh, sw), (ph, pw), batched = conv2d_backward_args(x, w, grad_y, stride, padding)
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    _, _, kh, kw = w.shape
    h_out, w_out = grad_y.shape[2:]
    grad_xp = np.zeros_like(xp)
    grad_w = np.zeros_like(w)
    for i in range(kh):  # one kernel offset at a time, every position at once
        for j in range(kw):
            window = (slice(None), slice(None), slice(i, i + sh * (h_out - 1) + 1, sh))
            window += (slice(j, j + sw * (w_out - 1) + 1, sw),)
            grad_w[:, :, i, j] = np.einsum("norc,nirc->oi", grad_y, xp[window])
            grad_xp[window] += np.einsum("norc,oi->nirc", grad_y, w[:, :, i, j])
    grad_x = grad_xp[:, :, ph : ph + x4.shape[2], pw : pw + x4.shape[3]]
    grad_b = grad_y.sum(axis=(0, 2, 3))
    return (grad_x if batched else grad_x[0]), grad_w, grad_b
