"""Max and average pooling, and their backward passes: one number per window, no weights.

PyTorch's semantics (``torch.nn.functional.max_pool2d`` / ``avg_pool2d`` with their defaults):
the stride defaults to the kernel size, max pooling pads with −inf (padding never wins), average
pooling counts the padded zeros (``count_include_pad=True``), windows that do not fit are dropped
(``ceil_mode=False``), and the padding is at most half the kernel.

The fast versions look at all windows at once (a strided view of the padded input, no loop over
positions); ``max_pool2d_naive`` and ``avg_pool2d_naive`` loop over them one at a time.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from convshare.patches import add_patches
from convshare.validation import pool2d_args, pool2d_backward_args


def _windows(x4, kernel, stride, padding, fill):
    """All windows of ``x4`` padded with ``fill``: a view (N, C, H_out, W_out, kH, kW)."""
    (ph, pw), (sh, sw) = padding, stride
    padded = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    return sliding_window_view(padded, kernel, axis=(2, 3))[:, :, ::sh, ::sw], padded.shape


def max_pool2d(x, kernel_size, *, stride=None, padding=0):
    """The largest value of each ``kH×kW`` window, channel by channel.

    ``y[n, c, r, s] = max(x_pad[n, c, r*sh : r*sh + kH, s*sw : s*sw + kW])`` with ``x_pad`` the
    input padded with −inf, so a padded pixel never wins.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (N, C, H, W)
        Input maps, channels first.
    kernel_size : int or (int, int)
        Window ``(kH, kW)``; ``(H, W)`` pools each map to one number (global max pooling).
    stride : int or (int, int), optional
        Step between neighbouring windows; by default the kernel size (windows do not overlap).
    padding : int or (int, int)
        Rows and columns of −inf added on both sides, at most half the kernel size.

    Returns
    -------
    y : ndarray, shape (C, H_out, W_out) or (N, C, H_out, W_out)
        ``H_out = (H + 2*padding - kH) // stride + 1``, likewise ``W_out``. float32 stays
        float32; integers are computed in float64.

    Raises
    ------
    ValueError
        ``x`` not 3-D or 4-D, a kernel size or stride < 1, padding < 0 or more than half the
        kernel size, or a kernel larger than the padded input.
    TypeError
        A non-integer kernel size, stride or padding, or an ``x`` that does not hold real numbers.

    Examples
    --------
    A 4×4 map, 2×2 windows, stride 2 (the default):

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]]])
    >>> print(cs.max_pool2d(x, 2))
    [[[4. 2.]
      [2. 8.]]]

    By hand, ``y[0, 0, 1]`` is the largest of the top-right window ``x[0, 0:2, 2:4]``:

    >>> print(x[0, 0:2, 2:4], x[0, 0:2, 2:4].max())
    [[2 0]
     [1 1]] 2
    """
    x4, kernel, stride, padding, batched = pool2d_args(x, kernel_size, stride, padding)
    windows, _ = _windows(x4, kernel, stride, padding, -np.inf)
    y = windows.max(axis=(4, 5))
    return y if batched else y[0]


def avg_pool2d(x, kernel_size, *, stride=None, padding=0):
    """The mean of each ``kH×kW`` window, channel by channel, padded zeros included.

    ``y[n, c, r, s] = sum(x_pad[n, c, r*sh : r*sh + kH, s*sw : s*sw + kW]) / (kH*kW)`` with
    ``x_pad`` the input padded with zeros, which count in the mean (PyTorch's default
    ``count_include_pad=True``).

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (N, C, H, W)
        Input maps, channels first.
    kernel_size : int or (int, int)
        Window ``(kH, kW)``; ``(H, W)`` averages each map to one number (global average pooling).
    stride : int or (int, int), optional
        Step between neighbouring windows; by default the kernel size.
    padding : int or (int, int)
        Rows and columns of zeros added on both sides, at most half the kernel size.

    Returns
    -------
    y : ndarray, shape (C, H_out, W_out) or (N, C, H_out, W_out)
        As for `max_pool2d`.

    Raises
    ------
    ValueError
        As for `max_pool2d`.
    TypeError
        As for `max_pool2d`.

    Examples
    --------
    The map of the `max_pool2d` example, 2×2 windows:

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]]])
    >>> print(cs.avg_pool2d(x, 2))
    [[[2.5  1.  ]
      [1.25 6.5 ]]]

    By hand, ``y[0, 1, 0]`` is the mean of the bottom-left window ``[[0, 1], [2, 2]]``:

    >>> print((0 + 1 + 2 + 2) / 4)
    1.25
    """
    x4, kernel, stride, padding, batched = pool2d_args(x, kernel_size, stride, padding)
    windows, _ = _windows(x4, kernel, stride, padding, 0)
    y = windows.sum(axis=(4, 5)) / (kernel[0] * kernel[1])
    return y if batched else y[0]


def max_pool2d_backward(x, grad_y, kernel_size, *, stride=None, padding=0):
    """Gradient of a loss through ``y = max_pool2d(x, kernel_size, ...)`` with respect to ``x``.

    Each window passes its gradient ``grad_y[n, c, r, s]`` to the one input pixel that was its
    maximum (the first one in row-major order on a tie, as PyTorch); every other pixel of the
    window gets nothing. Overlapping windows add up.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (N, C, H, W)
        The input of the forward pass.
    grad_y : array_like, shape (C, H_out, W_out) or (N, C, H_out, W_out)
        Gradient of the loss with respect to the output ``y`` (batched like ``x``).
    kernel_size : int or (int, int)
        As in the forward pass.
    stride : int or (int, int), optional
        As in the forward pass.
    padding : int or (int, int)
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``

    Raises
    ------
    ValueError
        Everything `max_pool2d` refuses, and a ``grad_y`` that does not have the shape of the
        output (batched exactly when ``x`` is).
    TypeError
        As for `max_pool2d`, and a ``grad_y`` that does not hold real numbers.

    Examples
    --------
    Global max pooling of a 2×3 map: the whole gradient goes to the largest pixel.

    >>> import numpy as np
    >>> import convshare as cs
    >>> x = np.array([[[1, 5, 2], [0, 3, 4]]])
    >>> print(cs.max_pool2d_backward(x, np.array([[[10]]]), (2, 3)))
    [[[ 0. 10.  0.]
      [ 0.  0.  0.]]]

    By hand: the window's maximum 5 is ``x[0, 0, 1]``, so ``grad_x[0, 0, 1] = grad_y = 10``.
    """
    x4, grad_y, kernel, stride, padding, batched = pool2d_backward_args(
        x, grad_y, kernel_size, stride, padding
    )
    n, c, h, wd = x4.shape
    (ph, pw), (sh, sw), (kh, kw) = padding, stride, kernel
    windows, (_, _, hp, wp) = _windows(x4, kernel, stride, padding, -np.inf)
    ho, wo = windows.shape[2:4]
    # offset of each window's (first) maximum, then its row and column in the padded input
    best = windows.reshape(n, c, ho, wo, kh * kw).argmax(axis=4)
    rows = np.arange(ho)[:, None] * sh + best // kw
    cols = np.arange(wo)[None, :] * sw + best % kw
    maps = np.arange(n * c).reshape(n, c, 1, 1)
    flat = (maps * hp + rows) * wp + cols
    grad = np.bincount(flat.ravel(), weights=grad_y.ravel(), minlength=n * c * hp * wp)
    grad = grad.reshape(n, c, hp, wp)[:, :, ph : ph + h, pw : pw + wd].astype(x4.dtype)
    return grad if batched else grad[0]


def avg_pool2d_backward(x, grad_y, kernel_size, *, stride=None, padding=0):
    """Gradient of a loss through ``y = avg_pool2d(x, kernel_size, ...)`` with respect to ``x``.

    Each window spreads ``grad_y[n, c, r, s] / (kH*kW)`` evenly over its pixels (the share of
    padded zeros is dropped). Overlapping windows add up.

    Parameters
    ----------
    x : array_like, shape (C, H, W) or (N, C, H, W)
        The input of the forward pass (only its shape and dtype matter).
    grad_y : array_like, shape (C, H_out, W_out) or (N, C, H_out, W_out)
        Gradient of the loss with respect to the output ``y`` (batched like ``x``).
    kernel_size : int or (int, int)
        As in the forward pass.
    stride : int or (int, int), optional
        As in the forward pass.
    padding : int or (int, int)
        As in the forward pass.

    Returns
    -------
    grad_x : ndarray, shape of ``x``

    Raises
    ------
    ValueError
        As for `max_pool2d_backward`.
    TypeError
        As for `max_pool2d_backward`.

    Examples
    --------
    One 2×2 window: each of its four pixels gets a quarter of the gradient.

    >>> import numpy as np
    >>> import convshare as cs
    >>> print(cs.avg_pool2d_backward(np.zeros((1, 2, 2)), np.array([[[8]]]), 2))
    [[[2. 2.]
      [2. 2.]]]

    By hand: ``y = (x00 + x01 + x10 + x11) / 4``, so each ``dy/dx = 1/4`` and ``8 / 4 = 2``.
    """
    x4, grad_y, kernel, stride, padding, batched = pool2d_backward_args(
        x, grad_y, kernel_size, stride, padding
    )
    n, c, h, wd = x4.shape
    (ph, pw), (kh, kw) = padding, kernel
    ho, wo = grad_y.shape[2:]
    share = grad_y / (kh * kw)
    grad = np.zeros((n, c, h + 2 * ph, wd + 2 * pw), x4.dtype)
    spread = np.broadcast_to(share[:, :, None, None], (n, c, kh, kw, ho, wo))
    add_patches(grad, spread, stride, (0, ho))
    grad = np.ascontiguousarray(grad[:, :, ph : ph + h, pw : pw + wd])
    return grad if batched else grad[0]


def max_pool2d_naive(x, kernel_size, *, stride=None, padding=0):
    """Same as `max_pool2d` (same arguments), in plain loops: one window at a time."""
    x4, (kh, kw), (sh, sw), (ph, pw), batched = pool2d_args(x, kernel_size, stride, padding)
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=-np.inf)
    n, c, hp, wp = xp.shape
    y = np.empty((n, c, (hp - kh) // sh + 1, (wp - kw) // sw + 1), x4.dtype)
    for i, ch, r, s in np.ndindex(y.shape):
        y[i, ch, r, s] = xp[i, ch, r * sh : r * sh + kh, s * sw : s * sw + kw].max()
    return y if batched else y[0]


def avg_pool2d_naive(x, kernel_size, *, stride=None, padding=0):
    """Same as `avg_pool2d` (same arguments), in plain loops: one window at a time."""
    x4, (kh, kw), (sh, sw), (ph, pw), batched = pool2d_args(x, kernel_size, stride, padding)
    xp = np.pad(x4, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    n, c, hp, wp = xp.shape
    y = np.empty((n, c, (hp - kh) // sh + 1, (wp - kw) // sw + 1), x4.dtype)
    for i, ch, r, s in np.ndindex(y.shape):
        y[i, ch, r, s] = xp[i, ch, r * sh : r * sh + kh, s * sw : s * sw + kw].sum() / (kh * kw)
    return y if batched else y[0]
