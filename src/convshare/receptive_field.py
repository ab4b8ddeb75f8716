"""The receptive field of a stack of layers: how many input pixels one output unit sees."""

from __future__ import annotations

from convshare.validation import receptive_field_args


def receptive_field(layers):
    """Receptive field and jump of a stack of convolution or pooling layers, along one axis.

    For layers ``l = 1 .. L`` (input first) with kernel size ``k_l``, stride ``s_l`` and
    dilation ``d_l``:

    ``size = 1 + sum over l of (k_l - 1) * d_l * (s_1 * ... * s_(l-1))``, the width in input
    pixels (along one axis) of the window one output unit depends on (with dilation it may skip
    pixels inside that window), and ``jump = s_1 * ... * s_L``,
    the distance in input pixels between neighbouring output units. Padding changes neither.

    Parameters
    ----------
    layers : sequence of (int, int) or (int, int, int)
        One ``(kernel_size, stride)`` or ``(kernel_size, stride, dilation)`` tuple per layer,
        the layer nearest the input first. An empty sequence is the input itself: ``(1, 1)``.

    Returns
    -------
    size : int
        The receptive field: the width of that window, in input pixels along one axis.
    jump : int
        The distance in input pixels between neighbouring output units.

    Raises
    ------
    ValueError
        A layer that is not a tuple of 2 or 3 entries, or a kernel size, stride or dilation < 1.
    TypeError
        ``layers`` not a list or tuple, or an entry that is not an integer.

    Examples
    --------
    Three 3×3 convolutions with stride 1 see as far as one 7×7 convolution:

    >>> import convshare as cs
    >>> cs.receptive_field([(3, 1), (3, 1), (3, 1)])
    (7, 1)

    By hand: each layer adds ``(3 - 1) * 1`` pixels, ``1 + 2 + 2 + 2 = 7``. With a 2×2 pooling
    (stride 2) in front, the later layers' steps are 2 input pixels long:

    >>> cs.receptive_field([(2, 2), (3, 1), (3, 1)]), 1 + 1 * 1 + 2 * 2 + 2 * 2
    ((10, 2), 10)
    """
    size, jump = 1, 1
    for k, s, d in receptive_field_args(layers):
        size += (k - 1) * d * jump
        jump *= s
    return size, jump


def receptive_field_naive(layers):
    """Same as `receptive_field` (same argument), by following the input pixels back.

    Output unit 0 of the last layer reads inputs ``0 .. k - 1`` (spaced by the dilation) of that
    layer; walk back layer by layer, mapping each index ``i`` of a layer's output to the inputs
    ``i*s + j*d`` it reads, and measure the span of the input pixels reached. The jump is where
    output unit 1 starts, seen the same way.
    """

    def first_inputs(unit, stack):
        reached = {unit}
        for k, s, d in reversed(stack):
            reached = {i * s + j * d for i in reached for j in range(k)}
        return reached

    stack = receptive_field_args(layers)
    field = first_inputs(0, stack)
    return len(range(min(field), max(field) + 1)), min(first_inputs(1, stack)) - min(field)
