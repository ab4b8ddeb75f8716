"""Backpropagation through conv2d and locally_connected2d: a shared weight collects gradient
from every position, an unshared one from its own position only."""

from __future__ import annotations

from convshare import fastconv
from convshare.validation import conv2d_backward_args, locally_connected2d_backward_args


def conv2d_backward(x, w, grad_y, *, stride=1, padding=0, dilation=1, groups=1):
    """Gradients of a loss through ``y = conv2d(x, w, b, stride=..., padding=..., ...)``.

    Because the kernel is shared, ``grad_w`` is a sum over all output positions (and over the
    batch): ``grad_w[o, i, :, :] = sum over n, r, c of grad_y[n, o, r, c] * patch[n, r, c][i]``,
    ``patch[n, r, c][i]`` the window of input channel ``i`` (of ``o``'s group, with groups).

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        The input of the forward pass.
    w : array_like, shape (C_out, C_in/groups, kH, kW)
        The kernels of the forward pass.
    grad_y : array_like, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)
        Gradient of the loss with respect to the output ``y`` (batched like ``x``).
    stride : int or (int, int)
        As in the forward pass.
    padding : int or (int, int)
        As in the forward pass.
    dilation : int or (int, int)
        As in the forward pass.
    groups : int
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``
    grad_w : ndarray, shape (C_out, C_in/groups, kH, kW)
    grad_b : ndarray, shape (C_out,)

    Raises
    ------
    ValueError
        Everything `conv2d` refuses, and a ``grad_y`` that does not have the shape of the output
        (batched exactly when ``x`` is).
    TypeError
        A non-integer stride, padding, dilation or groups, or an array that does not hold real
        numbers.

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
    x4, w, grad_y, stride, padding, dilation, groups, batched = conv2d_backward_args(
        x, w, grad_y, stride, padding, dilation, groups
    )
    # one GEMM per chunk of patches for each gradient (convshare.fastconv), no loop over positions
    if dilation == (1, 1) and groups == 1:
        grad_x, grad_w = fastconv.conv2d_backward_nchw(x4, w, grad_y, stride, padding)
    else:
        grad_x, grad_w = fastconv.conv2d_grouped_backward_nchw(
            x4, w, grad_y, stride, padding, dilation, groups
        )
    grad_b = grad_y.sum(axis=(0, 2, 3))
    return (grad_x if batched else grad_x[0]), grad_w, grad_b


def locally_connected2d_backward(x, w, grad_y, *, stride=1, padding=0):
    """Gradients of a loss through ``y = locally_connected2d(x, w, b, stride=..., padding=...)``.

    Nothing is shared between positions, so each position's kernels get the gradient of that
    position only (summed over the batch):
    ``grad_w[r, c, o, i, :, :] = sum over n of grad_y[n, o, r, c] * patch[n, r, c][i]``.
    Summing ``grad_w`` over the positions ``(r, c)`` gives `conv2d_backward`'s ``grad_w`` when
    every position holds the same kernels: the shared gradient is the sum of the per-position
    ones.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        The input of the forward pass.
    w : array_like, shape (H_out, W_out, C_out, C_in, kH, kW)
        The kernels of the forward pass, one set per output position.
    grad_y : array_like, shape (C_out, H_out, W_out) or (N, C_out, H_out, W_out)
        Gradient of the loss with respect to the output ``y`` (batched like ``x``).
    stride : int or (int, int)
        As in the forward pass.
    padding : int or (int, int)
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``
    grad_w : ndarray, shape (H_out, W_out, C_out, C_in, kH, kW)
    grad_b : ndarray, shape (C_out, H_out, W_out)

    Raises
    ------
    ValueError
        Everything `locally_connected2d` refuses, and a ``grad_y`` that does not have the shape
        of the output (batched exactly when ``x`` is).
    TypeError
        A non-integer stride or padding, or an array that does not hold real numbers.

    Examples
    --------
    The 1×1×3 image of the `locally_connected2d` example, two positions with 1×2 patches, and
    the loss ``sum(y)`` (``grad_y`` all ones): each position's weights get its own patch.

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[[1, 2, 3]]])
    >>> w = np.array([[[[[[1, 1]]]], [[[[10, -1]]]]]])
    >>> grad_x, grad_w, grad_b = cs.locally_connected2d_backward(x, w, np.ones((1, 1, 2)))
    >>> print(grad_w[0, 0, 0, 0], grad_w[0, 1, 0, 0])
    [[1. 2.]] [[2. 3.]]
    >>> print(grad_x)
    [[[ 1. 11. -1.]]]

    By hand, ``x[0, 0, 1]`` is read by both positions, with weights ``1`` and ``10``:

    >>> print(1 * 1 + 1 * 10)
    11
    """
    x4, w, grad_y, stride, padding, batched = locally_connected2d_backward_args(
        x, w, grad_y, stride, padding
    )
    # one batched product per band of output rows (convshare.fastconv), no loop over positions
    grad_x, grad_w = fastconv.locally_connected2d_backward_nchw(x4, w, grad_y, stride, padding)
    grad_b = grad_y.sum(axis=0)
    return (grad_x if batched else grad_x[0]), grad_w, grad_b
