"""Figures of the page "Why convolution is a matrix product" (docs/performance.md).

``performance-im2col.svg`` is drawn from the library (``cs.im2col`` and ``cs.conv2d``);
``performance-bench.svg`` from the committed benchmark results, ``cs.benchmark_results()``
(written by ``make bench`` to ``src/convshare/data/bench.json``), so a new measurement makes the
committed figure stale.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

import convshare as cs
from convshare.figures.style import BLUE, GREEN, GREY, INK, ORANGE, PAPER, PURPLE

#: Colours of the output positions (0, 0), (0, 1), (1, 0), (1, 1) and of their columns.
POSITION_COLOURS = [BLUE, ORANGE, GREEN, PURPLE]
LIGHT = {BLUE: "#cfe3f3", ORANGE: "#fbe3b0", GREEN: "#c4eadb", PURPLE: "#f3d6e6"}
#: Bar colours of the benchmark figure, per method (the caption names them).
METHOD_COLOURS = {"naive": GREY, "classic": ORANGE, "conv2d": BLUE, "torch": GREEN}


def im2col_example() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``x`` (1, 4, 4) = 1..16, ``w`` (1, 1, 3, 3) the classic kernel, ``P = im2col(x)``, ``y``."""
    x = np.arange(1.0, 17.0).reshape(1, 4, 4)
    _, w = cs.examples.five_by_five()
    cols = cs.im2col(x, (3, 3))
    y = cs.conv2d(x, w)
    return x, w, cols, y


def _grid(ax, left, top, values, faces, size=11):
    """Unit cells with numbers, top-left corner at (left, top), y growing downwards."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(Rectangle((left + c, top + r), 1, 1, fc=faces[r][c], ec=GREY, lw=0.8))
            ax.text(
                left + c + 0.5,
                top + r + 0.53,
                f"{values[r, c]:g}",
                ha="center",
                va="center",
                fontsize=size,
                color=INK,
            )


def _label(ax, x, y, text):
    ax.text(x, y, text, ha="center", va="center", fontsize=16, color=INK)


def im2col_figure():
    """``x`` with its four 3×3 patches, the patch matrix ``P``, and ``w P = y`` (Falk's scheme)."""
    x, w, cols, y = im2col_example()
    fig, ax = plt.subplots(figsize=(6.4, 5.2), facecolor=PAPER)
    # the input, each patch outlined in the colour of its output position
    _grid(ax, 0, 0, x[0], [[PAPER] * 4] * 4)
    for k, colour in enumerate(POSITION_COLOURS):
        r, c = divmod(k, 2)
        inset = 0.06 + 0.07 * k
        ax.add_patch(
            Rectangle(
                (c + inset, r + inset),
                3 - 2 * inset,
                3 - 2 * inset,
                fill=False,
                ec=colour,
                lw=2.2,
                zorder=5,
            )
        )
    _label(ax, 2, -0.7, "$x$")
    ax.annotate(
        "", xy=(9.6, 2), xytext=(4.4, 2), arrowprops={"arrowstyle": "->", "color": INK, "lw": 1.5}
    )
    # P: one column per output position, coloured like its patch
    left, top = 10, 0
    faces = [[LIGHT[colour] for colour in POSITION_COLOURS] for _ in range(cols.shape[0])]
    _grid(ax, left, top, cols, faces)
    _label(ax, left + 2, top - 0.7, "$P$")
    # w as one row of 9 numbers, at the height of y (w P = y)
    w_row = w.reshape(1, -1)
    _grid(ax, 0, 10, w_row, [["#eeeeee"] * 9])
    _label(ax, 4.5, 11.7, "$w$")
    y_row = y.reshape(1, -1)
    _grid(ax, left, 10, y_row, [[LIGHT[colour] for colour in POSITION_COLOURS]])
    _label(ax, left + 2, 11.7, "$y$")
    _label(ax, 9.5, 10.5, "$=$")
    ax.set_xlim(-0.3, 14.3)
    ax.set_ylim(12.3, -1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(0, 0, 1, 1)
    return fig


def bench_figure():
    """Time of each method divided by the equal-FLOP GEMM time, per case, log scale."""
    run = cs.benchmark_results()["runs"][0]
    dtypes = sorted({r["dtype"] for r in run["results"]})
    fig, axes = plt.subplots(1, len(dtypes), figsize=(9, 3.6), sharey=True, facecolor=PAPER)
    for ax, dtype in zip(np.atleast_1d(axes), dtypes, strict=True):
        rows = [r for r in run["results"] if r["dtype"] == dtype]
        width = 0.8 / len(METHOD_COLOURS)
        for k, (method, colour) in enumerate(METHOD_COLOURS.items()):
            xs = [i for i, r in enumerate(rows) if method in r["ms"]]
            ratios = [rows[i]["ms"][method] / rows[i]["ms"]["gemm"] for i in xs]
            offsets = [i - 0.4 + width * (k + 0.5) for i in xs]
            ax.bar(offsets, ratios, width, color=colour, zorder=3)
        ax.axhline(1.0, color=INK, lw=1.2, zorder=4)
        ax.set_yscale("log")
        ax.set_xticks(range(len(rows)), [r["case"] for r in rows])
        ax.grid(axis="y", color="#dddddd", zorder=0)
        ax.set_facecolor(PAPER)
    np.atleast_1d(axes)[0].set_ylabel(r"$t \,/\, t_{\mathrm{GEMM}}$")
    fig.tight_layout()
    return fig


FIGURES = {
    "performance-im2col.svg": im2col_figure,
    "performance-bench.svg": bench_figure,
}
