"""Backpropagation through conv2d: a shared weight collects gradient from every position."""

from __future__ import annotations

from convshare import fastconv
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
    stride : int or (int, int)
        As in the forward pass.
    padding : int or (int, int)
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``
    grad_w : ndarray, shape (C_out, C_in, kH, kW)
    grad_b : ndarray, shape (C_out,)

    Raises
    ------
    ValueError
        Everything `conv2d` refuses, and a ``grad_y`` that does not have the shape of the output
        (batched exactly when ``x`` is).
    TypeError
        A non-integer stride or padding, or an array that does not hold real numbers.

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
    x4, w, grad_y, stride, padding, batched = conv2d_backward_args(x, w, grad_y, stride, padding)
    # one GEMM per chunk of patches for each gradient (convshare.fastconv), no loop over positions
    grad_x, grad_w = fastconv.conv2d_backward_nchw(x4, w, grad_y, stride, padding)
    grad_b = grad_y.sum(axis=(0, 2, 3))
    return (grad_x if batched else grad_x[0]), grad_w, grad_b
