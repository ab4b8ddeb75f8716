"""The numbers behind the convolution stepper (``docs/javascripts/stepper.js``).

The stepper on the convolution and multi-channel pages shows, for every output position, the
receptive field on the padded input, the element-wise products with the filter and their sum. It
computes nothing itself: it reads ``docs/figures/stepper.json``, written here from the library, so
the page shows what the library computes (and the figure test fails when the file is stale).

Layout of the JSON (arrays are nested lists, channels first)::

    {"<example>": {
        "stride": [sH, sW], "padding": [pH, pW],
        "x": (C_in, H, W), "x_padded": (C_in, H + 2pH, W + 2pW),
        "w": (C_out, C_in, kH, kW), "b": (C_out,) or null, "y": (C_out, H_out, W_out),
        "positions": [{"i": i, "j": j, "rows": [r0, r1], "cols": [c0, c1]}, ...],
        "steps": [[{"products": (C_in, kH, kW), "channel_sums": (C_in,), "sum": s, "y": y}, ...]
                  for each filter o]}}

``rows``/``cols`` are half-open ranges in padded coordinates; ``y = sum + b[o]`` is the library's
``conv2d`` output at ``(o, i, j)``.
"""

from __future__ import annotations

import json

import numpy as np

import convshare as cs
from convshare import examples


def _number(value: float) -> int | float:
    """A plain JSON number: an int when the value is whole, else rounded to 6 decimals."""
    value = float(value)
    if value.is_integer():
        return int(value)
    return round(value, 6)


def _nested(array: np.ndarray) -> list | int | float:
    """``array`` as nested lists of plain numbers."""
    if array.ndim == 0:
        return _number(array)
    return [_nested(part) for part in array]


def example_steps(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None,
    *,
    stride: int,
    padding: int,
) -> dict:
    """Everything the stepper shows for one example: inputs, weights and every output position.

    Parameters
    ----------
    x : ndarray, shape (C_in, H, W)
    w : ndarray, shape (C_out, C_in, kH, kW)
    b : ndarray, shape (C_out,), or None
    stride, padding : int

    Returns
    -------
    dict
        The example's entry in ``stepper.json`` (see the module docstring).

    Examples
    --------
    The first position of the 5×5 example: the window in rows 0-2, columns 0-2, whose nine
    products sum to ``y[0, 0, 0] = 4``.

    >>> from convshare import examples
    >>> x, w = examples.five_by_five()
    >>> entry = example_steps(x, w, None, stride=1, padding=0)
    >>> entry["positions"][0]
    {'i': 0, 'j': 0, 'rows': [0, 3], 'cols': [0, 3]}
    >>> step = entry["steps"][0][0]
    >>> step["products"]
    [[[1, 0, 1], [0, 1, 0], [0, 0, 1]]]
    >>> step["sum"], step["y"]
    (4, 4)
    """
    y = cs.conv2d(x, w, b, stride=stride, padding=padding)
    x_padded = np.pad(x, ((0, 0), (padding, padding), (padding, padding)))
    c_out, _, kh, kw = w.shape
    _, h_out, w_out = y.shape
    positions = []
    steps: list[list[dict]] = [[] for _ in range(c_out)]
    for i in range(h_out):
        for j in range(w_out):
            r0, c0 = i * stride, j * stride
            positions.append({"i": i, "j": j, "rows": [r0, r0 + kh], "cols": [c0, c0 + kw]})
            field = x_padded[:, r0 : r0 + kh, c0 : c0 + kw]
            for o in range(c_out):
                products = field * w[o]
                total = products.sum()
                bias = 0.0 if b is None else b[o]
                if not np.isclose(total + bias, y[o, i, j]):
                    raise AssertionError(
                        f"products at (o={o}, i={i}, j={j}) sum to {total} + {bias}, "
                        f"but conv2d gives {y[o, i, j]}"
                    )
                steps[o].append(
                    {
                        "products": _nested(products),
                        "channel_sums": _nested(products.sum(axis=(1, 2))),
                        "sum": _number(total),
                        "y": _number(y[o, i, j]),
                    }
                )
    return {
        "stride": [stride, stride],
        "padding": [padding, padding],
        "x": _nested(x),
        "x_padded": _nested(x_padded),
        "w": _nested(w),
        "b": None if b is None else _nested(b),
        "y": _nested(y),
        "positions": positions,
        "steps": steps,
    }


def stepper_json() -> bytes:
    """``stepper.json``: the 5×5 ⊛ 3×3 example and the 3-channel demo (padding 1, stride 2)."""
    x, w = examples.five_by_five()
    x3, w3, b3 = examples.three_channel_demo()
    data = {
        "five_by_five": example_steps(x, w, None, stride=1, padding=0),
        "three_channel_demo": example_steps(x3, w3, b3, stride=2, padding=1),
    }
    return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


FIGURES = {"stepper.json": stepper_json}
