"""Counting parameters: fully connected vs locally connected vs convolution (exact ints)."""

from __future__ import annotations

from convshare.validation import divides, flag, integer, output_size_args, pair, shape_tuple


def output_size(n, kernel_size, *, stride=1, padding=0, dilation=1):
    """Length of the output along one axis: ``(n + 2p - d(k - 1) - 1) // s + 1``.

    Parameters
    ----------
    n : int
        Input length (height or width), >= 1.
    kernel_size : int
        Kernel length k, >= 1.
    stride : int
        Step s >= 1 between window starts.
    padding : int
        Zeros p >= 0 added at both ends.
    dilation : int
        Spacing d >= 1 between kernel taps (1: a plain kernel).

    Returns
    -------
    int
        The number of positions where the (dilated) kernel fits in the padded input.

    Raises
    ------
    ValueError
        n, kernel_size, stride or dilation < 1, padding < 0, or a (dilated) kernel longer than
        the padded input.
    TypeError
        An argument that is not an integer (floats and bools are refused).

    Examples
    --------
    AlexNet's first layer: 227 pixels, 11-pixel kernels, stride 4.

    >>> import convshare as cs
    >>> cs.output_size(227, 11, stride=4)
    55

    By hand: the last window starts at ``4 * 54 = 216`` and ends at ``216 + 11 = 227``.

    >>> (227 + 2 * 0 - 1 * (11 - 1) - 1) // 4 + 1
    55
    """
    n, k, s, p, d = output_size_args(n, kernel_size, stride, padding, dilation)
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def params_fully_connected(n_in, n_out, *, bias=True):
    """Weights (and biases) of a fully connected layer: ``n_in * n_out (+ n_out)``.

    Parameters
    ----------
    n_in : int
        Inputs, >= 1.
    n_out : int
        Outputs, >= 1.
    bias : bool
        Count one bias per output.

    Returns
    -------
    int
        The size of ``w`` (n_out, n_in) plus that of ``b`` (n_out,).

    Raises
    ------
    ValueError
        n_in or n_out < 1.
    TypeError
        A size that is not an integer, or a ``bias`` that is not True or False.

    Examples
    --------
    A 1000×1000 image fully connected to 10⁶ hidden units: 10¹² weights.

    >>> import convshare as cs
    >>> cs.params_fully_connected(1000 * 1000, 10**6, bias=False)
    1000000000000

    By hand: one weight per (input, output) pair, plus one bias per output when counted:

    >>> cs.params_fully_connected(3, 2), 3 * 2 + 2
    (8, 8)
    """
    n_in = integer(n_in, "n_in", minimum=1)
    n_out = integer(n_out, "n_out", minimum=1)
    return n_in * n_out + (n_out if flag(bias, "bias") else 0)


def params_conv2d(c_in, c_out, kernel_size, *, bias=True, groups=1):
    """Weights (and biases) of a convolution: ``c_out * (c_in / groups) * kH * kW (+ c_out)``.

    The count does not depend on the image size: the kernels are shared by every position.
    With ``groups`` each kernel sees only the ``c_in / groups`` input channels of its group
    (a depthwise convolution, ``groups = c_in = c_out``, has ``c_in * kH * kW`` weights).

    Parameters
    ----------
    c_in : int
        Input channels, >= 1.
    c_out : int
        Output channels (kernels), >= 1.
    kernel_size : int or (int, int)
        ``(kH, kW)``.
    bias : bool
        Count one bias per output channel.
    groups : int
        As in `conv2d`; it must divide c_in and c_out.

    Returns
    -------
    int
        The size of ``w`` (C_out, C_in/groups, kH, kW) plus that of ``b`` (C_out,).

    Raises
    ------
    ValueError
        c_in, c_out, groups or a kernel size < 1, a kernel_size pair of the wrong length, or
        ``groups`` that does not divide c_in or c_out.
    TypeError
        A size that is not an integer, or a ``bias`` that is not True or False.

    Examples
    --------
    AlexNet's first layer, 96 kernels of 11×11×3:

    >>> import convshare as cs
    >>> cs.params_conv2d(3, 96, 11)
    34944

    By hand: ``96 * (3 * 11 * 11 + 1) = 96 * 364``.

    >>> 96 * (3 * 11 * 11 + 1)
    34944
    """
    c_in = integer(c_in, "c_in", minimum=1)
    c_out = integer(c_out, "c_out", minimum=1)
    kh, kw = pair(kernel_size, "kernel_size", minimum=1)
    groups = integer(groups, "groups", minimum=1)
    divides(groups, c_in, "c_in")
    divides(groups, c_out, "c_out")
    return c_out * (c_in // groups) * kh * kw + (c_out if flag(bias, "bias") else 0)


def params_locally_connected2d(input_shape, c_out, kernel_size, *, stride=1, padding=0, bias=True):
    """Weights (and biases) of a locally connected layer: a kernel set per output position.

    ``H_out * W_out * c_out * (c_in * kH * kW + 1)`` with bias (one bias per output unit, as
    Keras' ``LocallyConnected2D``), ``H_out * W_out * c_out * c_in * kH * kW`` without.

    Parameters
    ----------
    input_shape : (int, int, int)
        ``(C_in, H, W)``.
    c_out : int
        Output channels, >= 1.
    kernel_size : int or (int, int)
        ``(kH, kW)``.
    stride : int or (int, int)
        As in `locally_connected2d`.
    padding : int or (int, int)
        As in `locally_connected2d`.
    bias : bool
        Count one bias per output unit.

    Returns
    -------
    int
        The size of ``w`` (H_out, W_out, C_out, C_in, kH, kW) plus that of ``b``.

    Raises
    ------
    ValueError
        ``input_shape`` not three positive sizes, c_out or a kernel size < 1, stride < 1,
        padding < 0, or a kernel larger than the padded input.
    TypeError
        A size that is not an integer, an ``input_shape`` that is not a tuple, or a ``bias``
        that is not True or False.

    Examples
    --------
    AlexNet's first layer without sharing: 55×55 positions, each with 96 kernels of 363 + 1.

    >>> import convshare as cs
    >>> cs.params_locally_connected2d((3, 227, 227), 96, 11, stride=4)
    105705600

    By hand: 55 × 55 positions × 96 kernels × (3·11·11 weights + 1 bias):

    >>> 55 * 55 * 96 * (3 * 11 * 11 + 1)
    105705600
    """
    c_in, h, w = shape_tuple(input_shape, "input_shape", "(C_in, H, W)")
    c_out = integer(c_out, "c_out", minimum=1)
    kh, kw = pair(kernel_size, "kernel_size", minimum=1)
    sh, sw = pair(stride, "stride", minimum=1)
    ph, pw = pair(padding, "padding", minimum=0)
    h_out = output_size(h, kh, stride=sh, padding=ph)
    w_out = output_size(w, kw, stride=sw, padding=pw)
    units = h_out * w_out * c_out
    return units * c_in * kh * kw + (units if flag(bias, "bias") else 0)
