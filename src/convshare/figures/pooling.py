"""Figures of the chapter "Pooling and receptive fields" (docs/pooling-and-receptive-fields.md)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch, Rectangle

import convshare as cs
from convshare.figures.style import BLUE, GREEN, GREY, INK, ORANGE, PAPER, PURPLE

#: The 4×4 map of snippets/pooling_by_hand.py.
MAP = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 8]])
#: One colour per 2×2 block, row by row.
BLOCK_COLOURS = [BLUE, ORANGE, GREEN, PURPLE]
#: The stack of the receptive-field figure: three 3×3 layers, stride 1, and units per row.
LAYERS, UNITS = [(3, 1)] * 3, 13


def _cells(ax, values, x0, y0, colour_of, fmt="{:g}") -> None:
    """Draw a grid of numbered unit cells with its top-left corner at (x0, y0)."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            face = to_rgba(colour_of(r, c), 0.35)
            ax.add_patch(Rectangle((x0 + c, y0 - r - 1), 1, 1, fc=face, ec=INK, lw=0.8))
            ax.text(x0 + c + 0.5, y0 - r - 0.5, fmt.format(values[r, c]), ha="center",
                    va="center", fontsize=13, color=INK)  # fmt: skip


def by_hand() -> plt.Figure:
    """The 4×4 map in four coloured blocks; its max pooling and average pooling, 2×2, stride 2."""
    x = MAP[None].astype(float)
    pooled = [cs.max_pool2d(x, 2)[0], cs.avg_pool2d(x, 2)[0]]
    fig, ax = plt.subplots(figsize=(6.4, 4.2), facecolor=PAPER)
    _cells(ax, MAP, 0, 4, lambda r, c: BLOCK_COLOURS[2 * (r // 2) + c // 2])
    places = [(4.6, 3.55, r"$\max$"), (1.9, 0.85, r"$\frac{1}{4}\sum$")]  # grid, symbol, text
    for (top, label_y, symbol), y in zip(places, pooled, strict=True):
        _cells(ax, y, 7, top, lambda r, c: BLOCK_COLOURS[2 * r + c])
        ax.add_patch(FancyArrowPatch((4.3, 2), (6.7, top - 1), arrowstyle="-|>", mutation_scale=16,
                                     color=GREY, lw=1.6))  # fmt: skip
        ax.text(5.4, label_y, symbol, ha="center", va="center", fontsize=14)
    ax.text(2, 4.45, "$x$", ha="center", fontsize=15)
    ax.set_xlim(-0.2, 9.2)
    ax.set_ylim(-0.3, 5.0)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig


def receptive_field() -> plt.Figure:
    """One unit of the third of three 3×3 layers and every unit it depends on, down to x."""
    depth, centre = len(LAYERS), UNITS // 2
    fig, ax = plt.subplots(figsize=(7.0, 3.9), facecolor=PAPER)
    for level in range(depth + 1):  # 0 is the input x, `depth` the top layer
        size, _ = cs.receptive_field(LAYERS[level:])  # what a top unit sees of this level
        half = size // 2
        seen = range(centre - half, centre + half + 1)
        if level > 0:  # edges from every seen unit of this level to its 3 inputs below
            for u in seen:
                for v in (u - 1, u, u + 1):
                    ax.plot([u, v], [level, level - 1], color=ORANGE, lw=1.4, zorder=1)
        for u in range(UNITS):
            face = (BLUE if level == 0 else ORANGE) if u in seen else PAPER
            ax.add_patch(plt.Circle((u, level), 0.28, fc=face, ec=INK if u in seen else GREY,
                                    lw=1.1, zorder=2))  # fmt: skip
        label = "$x$" if level == 0 else f"$h_{level}$"
        ax.text(-1.1, level, label, ha="center", va="center", fontsize=15)
        ax.text(UNITS + 0.3, level, f"${size}$", ha="center", va="center", fontsize=14,
                color=BLUE if level == 0 else ORANGE)  # fmt: skip
    ax.set_xlim(-1.7, UNITS + 0.8)
    ax.set_ylim(-0.5, depth + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig


FIGURES = {
    "pooling-by-hand.svg": by_hand,
    "pooling-receptive-field.svg": receptive_field,
}
