"""Figures of the chapter "Local connectivity" (docs/local-connectivity.md)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

import convshare as cs
from convshare.figures.style import BLUE, GREY, INK, ORANGE, PAPER, RED

#: The pixel grid of the receptive-field figure: an n×n image, an n×n map, F×F patches.
N, F = 8, 3
#: The output neuron whose connections are drawn (row, column).
NEURON = (2, 5)
#: The image sides of the parameter table, marked on the plot.
SIDES = (28, 32, 100, 224, 1000)


def connections(kind: str) -> np.ndarray:
    """Boolean (N, N) mask of the input pixels wired to output neuron NEURON.

    The local mask is read off the library's dense matrix of a 3×3 convolution with "same"
    padding: row ``r`` of ``conv2d_matrix`` lists the inputs of output ``r``.
    """
    if kind == "fully_connected":
        return np.ones((N, N), dtype=bool)
    m = cs.conv2d_matrix(np.ones((1, 1, F, F)), (1, N, N), padding=(F - 1) // 2)
    return m[NEURON[0] * N + NEURON[1]].reshape(N, N) != 0


def _grid(ax, x0, y0, mask, fill):
    """Draw an N×N grid of unit cells with its top-left corner at (x0, y0); fill mask cells."""
    for r in range(N):
        for c in range(N):
            face = fill if mask[r, c] else PAPER
            ax.add_patch(Rectangle((x0 + c, y0 - r - 1), 1, 1, fc=face, ec=GREY, lw=0.8))


def receptive_field() -> plt.Figure:
    """One output neuron and its inputs: fully connected (left) and local (right)."""
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 5.4), facecolor=PAPER)
    gap = 3.0  # vertical distance between the input grid and the output grid
    for ax, kind in zip(axes, ("fully_connected", "local"), strict=True):
        mask = connections(kind)
        _grid(ax, 0, 0, mask, "#cfe3f3")  # input x: its top edge at y = 0
        neuron = np.zeros((N, N), dtype=bool)
        neuron[NEURON] = True
        _grid(ax, 0, -N - gap, neuron, ORANGE)  # output y, below
        ty = -N - gap - NEURON[0] - 0.5
        tx = NEURON[1] + 0.5
        rows, cols = np.nonzero(mask)
        colour = RED if kind == "fully_connected" else BLUE
        for r, c in zip(rows, cols, strict=True):
            ax.plot([c + 0.5, tx], [-r - 0.5, ty], color=colour, lw=0.7, alpha=0.55)
            ax.plot(c + 0.5, -r - 0.5, "o", color=colour, ms=2.5)
        ax.text(-0.4, -N / 2, "$x$", ha="right", va="center", fontsize=15, color=INK)
        ax.text(-0.4, -N - gap - N / 2, "$y$", ha="right", va="center", fontsize=15, color=INK)
        count = r"$W \cdot H = %d$" if kind == "fully_connected" else r"$F \cdot F = %d$"
        ax.text(N / 2, 0.5, count % mask.sum(), ha="center", va="bottom", fontsize=13, color=INK)
        ax.set_xlim(-1.6, N + 0.2)
        ax.set_ylim(-2 * N - gap - 0.3, 1.8)
        ax.set_aspect("equal")
        ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, wspace=0.08)
    return fig


def params_vs_side() -> plt.Figure:
    """Weights of one n×n → n×n layer against n, log–log, for the three layer kinds."""
    sides = np.unique(np.geomspace(10, 1000, 41).round().astype(int))

    def fully_connected(n):
        return cs.params_fully_connected(n * n, n * n, bias=False)

    def local(n, f):
        # zero-padded by f - 1 rows and columns, so that the output stays n×n
        return cs.params_locally_connected2d((1, n + f - 1, n + f - 1), 1, f, bias=False)

    def conv(n, f):
        return cs.params_conv2d(1, 1, f, bias=False)

    curves = [
        (fully_connected, None, RED, "-", "$n^4$"),
        (local, 10, ORANGE, "-", "$n^2 F^2,\\ F = 10$"),
        (local, 3, ORANGE, "--", "$n^2 F^2,\\ F = 3$"),
        (conv, 10, BLUE, "-", "$F^2,\\ F = 10$"),
        (conv, 3, BLUE, "--", "$F^2,\\ F = 3$"),
    ]
    fig, ax = plt.subplots(figsize=(6.4, 4.2), facecolor=PAPER)
    for function, f, colour, style, label in curves:

        def count(n, function=function, f=f):
            return function(n) if f is None else function(n, f)

        ax.plot(sides, [count(n) for n in sides], style, color=colour, lw=2, label=label)
        ax.plot(SIDES, [count(n) for n in SIDES], "o", color=colour, ms=5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(10, 1000)
    ax.set_ylim(1, 3e12)
    ax.set_xticks([10, *SIDES], [str(n) for n in (10, *SIDES)])
    ax.minorticks_off()
    labels = ax.get_xticklabels()
    labels[1].set_horizontalalignment("right")  # 28 and 32 are close: push their labels apart
    labels[2].set_horizontalalignment("left")
    ax.set_yticks([10.0**k for k in range(0, 13, 2)])
    ax.set_xlabel("$n \\;(W = H = X = Y = n)$", color=INK)
    ax.grid(True, which="major", color="#dddddd", lw=0.8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=11)
    fig.tight_layout()
    return fig


FIGURES = {
    "local-connectivity-receptive-field.svg": receptive_field,
    "local-connectivity-params-vs-side.svg": params_vs_side,
}
