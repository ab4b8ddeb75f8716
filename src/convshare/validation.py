"""Every argument check of the library, in one place.

Each public function calls these first, so bad input fails before any arithmetic with a
``ValueError`` (bad value or shape) or ``TypeError`` (wrong kind of thing) whose message names
the argument and shows what it got, e.g. ``"`w` has C_in=4 but `x` has 3 channels"``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

X_SHAPES = "(C_in, H, W) or (N, C_in, H, W)"


def integer(value: object, name: str, *, minimum: int) -> int:
    """``value`` as a Python int >= ``minimum`` (Python and NumPy integers only, not bool)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise TypeError(f"`{name}` must be an integer, got {value!r} ({type(value).__name__})")
    if value < minimum:
        raise ValueError(f"`{name}` must be >= {minimum}, got {value}")
    return int(value)


def pair(value: object, name: str, *, minimum: int) -> tuple[int, int]:
    """An int or an ``(h, w)`` pair of ints, as a pair of Python ints >= ``minimum``."""
    if isinstance(value, tuple | list):
        if len(value) != 2:
            raise ValueError(
                f"`{name}` must be an int or a pair (h, w), got {value!r} of length {len(value)}"
            )
        return (
            integer(value[0], f"{name}[0]", minimum=minimum),
            integer(value[1], f"{name}[1]", minimum=minimum),
        )
    if isinstance(value, np.ndarray):
        raise TypeError(f"`{name}` must be an int or a tuple (h, w), got an array {value!r}")
    return (integer(value, name, minimum=minimum),) * 2


def shape_tuple(value: object, name: str, meaning: str) -> tuple[int, ...]:
    """A tuple of positive ints with as many entries as ``meaning`` names, e.g. "(C_in, H, W)"."""
    length = meaning.count(",") + 1
    if not isinstance(value, tuple | list):
        raise TypeError(f"`{name}` must be a tuple {meaning}, got {value!r}")
    if len(value) != length:
        raise ValueError(f"`{name}` must be a tuple {meaning}, got {value!r}")
    return tuple(integer(v, f"{name}[{i}]", minimum=1) for i, v in enumerate(value))


def flag(value: object, name: str) -> bool:
    """A bool (Python or NumPy)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"`{name}` must be True or False, got {value!r}")
    return bool(value)


def array(value: object, name: str, ndims: tuple[int, ...], meaning: str) -> np.ndarray:
    """``value`` as a real numeric array with one of ``ndims`` dimensions, no empty axis."""
    try:
        a = np.asarray(value)
    except ValueError as error:
        raise ValueError(f"`{name}` is not a rectangular array of numbers: {error}") from None
    if a.dtype.kind not in "biuf":
        raise TypeError(f"`{name}` must hold real numbers, got an array of dtype {a.dtype}")
    if a.ndim not in ndims:
        raise ValueError(f"`{name}` must have shape {meaning}, got shape {a.shape} ({a.ndim}-D)")
    if 0 in a.shape:
        raise ValueError(f"`{name}` has an empty axis: shape {a.shape}")
    return a


def float_dtype(*arrays: np.ndarray | None) -> np.dtype:
    """The dtype to compute in: the floats' common type (at least float32), else float64."""
    floats = [a.dtype for a in arrays if a is not None and a.dtype.kind == "f"]
    if not floats:
        return np.dtype(np.float64)
    return np.promote_types(np.result_type(*floats), np.float32)


def as_dtype(dtype: np.dtype, *arrays: np.ndarray | None) -> list[np.ndarray | None]:
    """Each array converted to ``dtype`` (no copy when it already has it); None stays None."""
    return [None if a is None else a.astype(dtype, copy=False) for a in arrays]


def channels(c_in: int, x: np.ndarray) -> None:
    """The C_in of the weights must match the channel axis (axis 1) of batched ``x``."""
    if c_in != x.shape[1]:
        raise ValueError(f"`w` has C_in={c_in} but `x` has {x.shape[1]} channels")


def images(x: object, stride: object, padding: object, meaning: str = X_SHAPES):
    """Checked ``(x4, stride, padding, batched)`` for 2-D images: x4 is ``x`` as (N, C, H, W),
    stride and padding are (h, w) pairs."""
    x = array(x, "x", (3, 4), meaning)
    stride = pair(stride, "stride", minimum=1)
    padding = pair(padding, "padding", minimum=0)
    batched = x.ndim == 4
    return (x if batched else x[None]), stride, padding, batched


def kernel_fits(
    size: tuple[int, ...], kernel: tuple[int, ...], padding: tuple[int, ...], names: str = "HW"
) -> None:
    """The kernel must fit inside the zero-padded input along each axis."""
    for n, k, p, axis in zip(size, kernel, padding, names, strict=True):
        if k > n + 2 * p:
            raise ValueError(
                f"kernel size k{axis}={k} is larger than the padded input: "
                f"{axis} + 2*padding = {n} + 2*{p} = {n + 2 * p}"
            )


def grid(size: tuple[int, int], kernel: tuple[int, int], stride, padding) -> tuple[int, int]:
    """The output grid (H_out, W_out) of a checked input size, kernel, stride and padding."""
    return tuple(
        (n + 2 * p - k) // s + 1 for n, k, s, p in zip(size, kernel, stride, padding, strict=True)
    )


def bias(b: np.ndarray | None, expected: tuple[int, ...], meaning: str) -> None:
    """``b`` must be None or have exactly the shape ``expected``."""
    if b is not None and b.shape != expected:
        raise ValueError(f"`b` must have shape {meaning} = {expected}, got {b.shape}")


def divides(groups: int, size: int, what: str) -> None:
    """``groups`` must divide a channel count ``size``; ``what`` names it, e.g. "C_in=6 (...)"."""
    if size % groups:
        raise ValueError(
            f"`groups`={groups} does not divide {what}: {size} % {groups} = {size % groups}"
        )


def dilated_kernel_fits(size, kernel, padding, dilation) -> None:
    """The dilated kernel, ``d·(k - 1) + 1`` pixels wide, must fit inside the padded input."""
    if dilation == (1, 1):
        kernel_fits(size, kernel, padding)
        return
    for n, k, p, d, axis in zip(size, kernel, padding, dilation, "HW", strict=True):
        if d * (k - 1) + 1 > n + 2 * p:
            raise ValueError(
                f"kernel size k{axis}={k} with dilation {d} spans d*(k - 1) + 1 = "
                f"{d * (k - 1) + 1} pixels, more than the padded input: "
                f"{axis} + 2*padding = {n} + 2*{p} = {n + 2 * p}"
            )


def conv2d_args(x, w, b, stride, padding, dilation=1, groups=1):
    """Checked ``(x4, w, b, stride, padding, dilation, groups, batched)`` for conv2d: x4 is
    (N, C_in, H, W), stride, padding and dilation are (h, w) pairs, groups an int."""
    x4, stride, padding, batched = images(x, stride, padding)
    w = array(
        w, "w", (4,), "(C_out, C_in/groups, kH, kW)" if groups != 1 else "(C_out, C_in, kH, kW)"
    )
    b = None if b is None else array(b, "b", (1,), "(C_out,)")
    dilation = pair(dilation, "dilation", minimum=1)
    groups = integer(groups, "groups", minimum=1)
    if groups == 1:
        channels(w.shape[1], x4)
    else:
        divides(groups, x4.shape[1], "C_in, the channels of `x`")
        divides(groups, w.shape[0], "C_out, the first axis of `w`")
        if w.shape[1] * groups != x4.shape[1]:
            raise ValueError(
                f"`w` has C_in/groups={w.shape[1]} channels per group but `x` has "
                f"{x4.shape[1]} channels / groups={groups} = {x4.shape[1] // groups}"
            )
    dilated_kernel_fits(x4.shape[2:], w.shape[2:], padding, dilation)
    bias(b, (w.shape[0],), "(C_out,)")
    x4, w, b = as_dtype(float_dtype(x4, w, b), x4, w, b)
    return x4, w, b, stride, padding, dilation, groups, batched


def checked_conv2d(function: Callable) -> Callable:
    """Decorate a readable conv2d body with the checks: it gets clean arrays and int pairs."""

    @functools.wraps(function)
    def checked(x, w, b=None, *, stride=1, padding=0, dilation=1, groups=1):
        x4, w, b, stride, padding, dilation, groups, batched = conv2d_args(
            x, w, b, stride, padding, dilation, groups
        )
        x = x4 if batched else x4[0]
        return function(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)

    return checked


def dilated_grid(size, kernel, stride, padding, dilation) -> tuple[int, int]:
    """The output grid (H_out, W_out) of a checked input, kernel, stride, padding and dilation."""
    spans = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation, strict=True))
    return grid(size, spans, stride, padding)


def conv1d_args(x, w, b, stride, padding):
    """Checked ``(x3, w, b, stride, padding, batched)`` for conv1d: x3 is (N, C_in, L)."""
    x = array(x, "x", (2, 3), "(C_in, L) or (N, C_in, L)")
    w = array(w, "w", (3,), "(C_out, C_in, k)")
    b = None if b is None else array(b, "b", (1,), "(C_out,)")
    stride = integer(stride, "stride", minimum=1)
    padding = integer(padding, "padding", minimum=0)
    batched = x.ndim == 3
    x3 = x if batched else x[None]
    channels(w.shape[1], x3)
    kernel_fits(x3.shape[2:], w.shape[2:], (padding,), names="L")
    bias(b, (w.shape[0],), "(C_out,)")
    x3, w, b = as_dtype(float_dtype(x, w, b), x3, w, b)
    return x3, w, b, stride, padding, batched


def im2col_args(x, kernel_size, stride, padding):
    """Checked ``(x4, kernel, stride, padding, batched)`` for im2col."""
    x4, stride, padding, batched = images(x, stride, padding, "(C, H, W) or (N, C, H, W)")
    kernel = pair(kernel_size, "kernel_size", minimum=1)
    kernel_fits(x4.shape[2:], kernel, padding)
    return x4.astype(float_dtype(x4), copy=False), kernel, stride, padding, batched


def conv2d_matrix_args(w, input_shape, stride, padding):
    """Checked ``(w, (C_in, H, W), stride, padding)`` for conv2d_matrix."""
    w = array(w, "w", (4,), "(C_out, C_in, kH, kW)")
    input_shape = shape_tuple(input_shape, "input_shape", "(C_in, H, W)")
    stride = pair(stride, "stride", minimum=1)
    padding = pair(padding, "padding", minimum=0)
    if w.shape[1] != input_shape[0]:
        raise ValueError(
            f"`w` has C_in={w.shape[1]} but `input_shape` has {input_shape[0]} channels"
        )
    kernel_fits(input_shape[1:], w.shape[2:], padding)
    return w.astype(float_dtype(w), copy=False), input_shape, stride, padding


def fully_connected_args(x, w, b):
    """Checked ``(x, w, b)`` for fully_connected, in one float dtype."""
    x = array(x, "x", tuple(range(1, 33)), "(..., n_in)")
    w = array(w, "w", (2,), "(n_out, n_in)")
    b = None if b is None else array(b, "b", (1,), "(n_out,)")
    if w.shape[1] != x.shape[-1]:
        raise ValueError(f"`w` has n_in={w.shape[1]} but `x` has {x.shape[-1]} features")
    bias(b, (w.shape[0],), "(n_out,)")
    return as_dtype(float_dtype(x, w, b), x, w, b)


def locally_connected2d_args(x, w, b, stride, padding):
    """Checked ``(x4, w, b, stride, padding, batched)`` for locally_connected2d."""
    x4, stride, padding, batched = images(x, stride, padding)
    w = array(w, "w", (6,), "(H_out, W_out, C_out, C_in, kH, kW)")
    b = None if b is None else array(b, "b", (3,), "(C_out, H_out, W_out)")
    channels(w.shape[3], x4)
    kernel_fits(x4.shape[2:], w.shape[4:], padding)
    h_out, w_out = grid(x4.shape[2:], w.shape[4:], stride, padding)
    if w.shape[:2] != (h_out, w_out):
        raise ValueError(
            f"`w` has an output grid of {w.shape[0]}x{w.shape[1]} (its first two axes) but `x` "
            f"of {x4.shape[2]}x{x4.shape[3]} with kernel {w.shape[4]}x{w.shape[5]}, "
            f"stride {stride} and padding {padding} gives {h_out}x{w_out}"
        )
    bias(b, (w.shape[2], h_out, w_out), "(C_out, H_out, W_out)")
    x4, w, b = as_dtype(float_dtype(x4, w, b), x4, w, b)
    return x4, w, b, stride, padding, batched


def conv2d_backward_args(x, w, grad_y, stride, padding, dilation=1, groups=1):
    """Checked ``(x4, w, grad_y4, stride, padding, dilation, groups, batched)`` for
    conv2d_backward."""
    x4, w, _, stride, padding, dilation, groups, batched = conv2d_args(
        x, w, None, stride, padding, dilation, groups
    )
    grad_y = array(grad_y, "grad_y", (3, 4), "(C_out, H_out, W_out) or (N, C_out, H_out, W_out)")
    expected = (w.shape[0], *dilated_grid(x4.shape[2:], w.shape[2:], stride, padding, dilation))
    meaning = "(C_out, H_out, W_out)"
    if batched:
        expected, meaning = (x4.shape[0], *expected), "(N, C_out, H_out, W_out)"
    if grad_y.shape != expected:
        raise ValueError(
            f"`grad_y` must have the shape of the output {meaning} = {expected}, got {grad_y.shape}"
        )
    dtype = float_dtype(x4, w, grad_y)
    x4, w, grad_y = as_dtype(dtype, x4, w, grad_y)
    grad_y = grad_y if batched else grad_y[None]
    return x4, w, grad_y, stride, padding, dilation, groups, batched


def output_size_args(n, kernel_size, stride, padding, dilation):
    """Checked Python ints ``(n, k, s, p, d)`` for output_size; the kernel must fit."""
    n = integer(n, "n", minimum=1)
    k = integer(kernel_size, "kernel_size", minimum=1)
    s = integer(stride, "stride", minimum=1)
    p = integer(padding, "padding", minimum=0)
    d = integer(dilation, "dilation", minimum=1)
    if d * (k - 1) + 1 > n + 2 * p:
        raise ValueError(
            f"the kernel spans dilation*(kernel_size - 1) + 1 = {d * (k - 1) + 1} inputs, more "
            f"than the padded input n + 2*padding = {n} + 2*{p} = {n + 2 * p}"
        )
    return n, k, s, p, d


def pool2d_args(x, kernel_size, stride, padding):
    """Checked ``(x4, kernel, stride, padding, batched)`` for max_pool2d and avg_pool2d.

    ``stride=None`` means the kernel size (PyTorch's default); padding may be at most half the
    kernel along each axis (PyTorch's rule: every window then holds at least one input pixel).
    """
    x4, _, padding, batched = images(x, 1, padding, "(C, H, W) or (N, C, H, W)")
    kernel = pair(kernel_size, "kernel_size", minimum=1)
    stride = kernel if stride is None else pair(stride, "stride", minimum=1)
    for p, k, axis in zip(padding, kernel, "HW", strict=True):
        if 2 * p > k:
            raise ValueError(
                f"`padding` must be at most half of `kernel_size` along each axis, got "
                f"padding {p} for k{axis}={k} (2*padding = {2 * p} > {k})"
            )
    kernel_fits(x4.shape[2:], kernel, padding)
    return x4.astype(float_dtype(x4), copy=False), kernel, stride, padding, batched


def pool2d_backward_args(x, grad_y, kernel_size, stride, padding):
    """Checked ``(x4, grad_y4, kernel, stride, padding, batched)`` for the pooling backward."""
    x4, kernel, stride, padding, batched = pool2d_args(x, kernel_size, stride, padding)
    meaning = "(C, H_out, W_out) or (N, C, H_out, W_out)"
    grad_y = array(grad_y, "grad_y", (3, 4), meaning)
    expected = x4.shape[:2] + grid(x4.shape[2:], kernel, stride, padding)
    meaning = "(N, C, H_out, W_out)" if batched else "(C, H_out, W_out)"
    if not batched:
        expected = expected[1:]
    if grad_y.shape != expected:
        raise ValueError(
            f"`grad_y` must have the shape of the output {meaning} = {expected}, got {grad_y.shape}"
        )
    x4, grad_y = as_dtype(float_dtype(x4, grad_y), x4, grad_y)
    return x4, grad_y if batched else grad_y[None], kernel, stride, padding, batched


def locally_connected2d_backward_args(x, w, grad_y, stride, padding):
    """Checked ``(x4, w, grad_y4, stride, padding, batched)`` for locally_connected2d_backward."""
    x4, w, _, stride, padding, batched = locally_connected2d_args(x, w, None, stride, padding)
    grad_y = array(grad_y, "grad_y", (3, 4), "(C_out, H_out, W_out) or (N, C_out, H_out, W_out)")
    expected = (w.shape[2], w.shape[0], w.shape[1])
    meaning = "(C_out, H_out, W_out)"
    if batched:
        expected, meaning = (x4.shape[0], *expected), "(N, C_out, H_out, W_out)"
    if grad_y.shape != expected:
        raise ValueError(
            f"`grad_y` must have the shape of the output {meaning} = {expected}, got {grad_y.shape}"
        )
    x4, w, grad_y = as_dtype(float_dtype(x4, w, grad_y), x4, w, grad_y)
    return x4, w, grad_y if batched else grad_y[None], stride, padding, batched


def receptive_field_args(layers) -> list[tuple[int, int, int]]:
    """Checked ``[(k, s, d), ...]`` for receptive_field (dilation 1 when a layer omits it)."""
    if isinstance(layers, str | bytes | np.ndarray) or not isinstance(layers, tuple | list):
        raise TypeError(
            "`layers` must be a list of (kernel_size, stride) or (kernel_size, stride, dilation) "
            f"tuples, got {layers!r}"
        )
    checked = []
    for index, layer in enumerate(layers):
        name = f"layers[{index}]"
        if not isinstance(layer, tuple | list) or len(layer) not in (2, 3):
            raise ValueError(
                f"`{name}` must be a tuple (kernel_size, stride) or (kernel_size, stride, "
                f"dilation), got {layer!r}"
            )
        k = integer(layer[0], f"{name}[0]", minimum=1)
        s = integer(layer[1], f"{name}[1]", minimum=1)
        d = integer(layer[2], f"{name}[2]", minimum=1) if len(layer) == 3 else 1
        checked.append((k, s, d))
    return checked


def hidden_pattern_args(n, columns, rng, amplitude):
    """Checked ``(n, columns, rng, amplitude)`` for examples.hidden_pattern (12×12 images)."""
    n = integer(n, "n", minimum=1)
    if isinstance(columns, str) or not isinstance(columns, tuple | list | range | np.ndarray):
        raise TypeError(f"`columns` must be a sequence of ints, got {columns!r}")
    if len(columns) == 0:
        raise ValueError(f"`columns` must name at least one column, got {columns!r}")
    columns = [integer(c, f"columns[{i}]", minimum=0) for i, c in enumerate(columns)]
    if max(columns) > 9:
        raise ValueError(f"`columns` must be in 0..9 (a 3×3 pattern in 12 columns), got {columns}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"`rng` must be a numpy.random.Generator, got {rng!r}")
    if isinstance(amplitude, bool | np.bool_) or not isinstance(amplitude, int | float | np.number):
        raise TypeError(f"`amplitude` must be a real number, got {amplitude!r}")
    return n, columns, rng, float(amplitude)
