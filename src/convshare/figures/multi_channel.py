"""Figures of the chapter "Multi-channel input and several filters" (docs/multi-channel.md)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon, Rectangle

import convshare as cs
from convshare import examples
from convshare.figures import style

# The output element worked by hand on the page (snippets/multi_channel_by_hand.py).
FILTER, ROW, COL = 0, 1, 2
STRIDE, PADDING = 2, 1
HIGHLIGHT = "#FBE3B5"  # a light tint of style.ORANGE for the highlighted cells
PAD_FILL = "#EEEEEE"
WEIGHT_FILL = {1.0: "#D6E9F5", 0.0: style.PAPER, -1.0: "#F8D9C8"}


def _grid(ax, values, left, top, fills, *, size=1.0, fontsize=9.5, colours=None):
    """Draw ``values`` (2-D) as numbered cells; ``top`` is the upper edge (y grows downwards)."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            x0, y0 = left + c * size, top + r * size
            ax.add_patch(
                Rectangle((x0, y0), size, size, facecolor=fills[r][c], edgecolor=style.GREY, lw=0.6)
            )
            colour = style.INK if colours is None else colours[r][c]
            ax.text(
                x0 + size / 2,
                y0 + size / 2,
                f"{values[r, c]:.0f}",
                ha="center",
                va="center",
                fontsize=fontsize,
                color=colour,
            )


def _outline(ax, left, top, width, height, colour, lw=2.4):
    ax.add_patch(Rectangle((left, top), width, height, fill=False, edgecolor=colour, lw=lw))


def three_channel_demo() -> plt.Figure:
    """The 3-channel demo: x padded (3 slices), W0 and W1 (3 slices each), b, and y (2 maps)."""
    x, w, b = examples.three_channel_demo()
    y = cs.conv2d(x, w, b, stride=STRIDE, padding=PADDING)
    xp = np.pad(x, ((0, 0), (PADDING, PADDING), (PADDING, PADDING)))
    n = xp.shape[1]  # 7
    k = w.shape[2]  # 3
    gap = 1.6
    slice_top = [c * (n + gap) for c in range(3)]
    r0, c0 = STRIDE * ROW, STRIDE * COL  # top-left corner of the receptive field

    fig, ax = plt.subplots(figsize=(8.6, 8.0))
    ax.set_xlim(-2.2, 25.2)
    ax.set_ylim(3 * n + 2 * gap + 3.4, -1.6)
    ax.set_aspect("equal")
    ax.axis("off")

    # Input x, padded: padding cells grey, the receptive field of y[FILTER, ROW, COL] tinted.
    for c in range(3):
        fills = [[PAD_FILL] * n for _ in range(n)]
        colours = [[style.GREY] * n for _ in range(n)]
        for r in range(PADDING, n - PADDING):
            for q in range(PADDING, n - PADDING):
                fills[r][q], colours[r][q] = style.PAPER, style.INK
        for r in range(r0, r0 + k):
            for q in range(c0, c0 + k):
                fills[r][q] = HIGHLIGHT
        _grid(ax, xp[c], 0, slice_top[c], fills, colours=colours)
        _outline(ax, c0, slice_top[c] + r0, k, k, style.ORANGE)
        ax.text(-0.5, slice_top[c] + n / 2, f"$x[{c}]$", ha="right", va="center", fontsize=12)
    ax.text(n / 2, -0.6, "$x$", ha="center", va="bottom", fontsize=14)

    # Filters W0 and W1: one 3x3 slice per input channel, level with that channel.
    filter_left = [n + 1.6, n + 1.6 + k + 1.4]
    for o in range(2):
        for c in range(3):
            top = slice_top[c] + (n - k) / 2
            fills = [[WEIGHT_FILL[v] for v in row] for row in w[o, c]]
            _grid(ax, w[o, c], filter_left[o], top, fills)
            if o == FILTER:
                _outline(ax, filter_left[o], top, k, k, style.ORANGE)
        ax.text(filter_left[o] + k / 2, -0.6, f"$w_{o}$", ha="center", va="bottom", fontsize=14)
        # the bias under the filter
        bias_top = slice_top[2] + n + 1.2
        ax.text(
            filter_left[o] + k / 2 - 0.15,
            bias_top + 0.5,
            f"$b_{o}$",
            ha="right",
            va="center",
            fontsize=12,
        )
        fill = HIGHLIGHT if o == FILTER else style.PAPER
        _grid(ax, b[o : o + 1, None], filter_left[o] + k / 2, bias_top, [[fill]])
        if o == FILTER:
            _outline(ax, filter_left[o] + k / 2, bias_top, 1, 1, style.ORANGE)

    # Output y: two 3x3 maps, one per filter.
    out_left = filter_left[1] + k + 2.2
    for o in range(2):
        top = slice_top[o] + (n - k) / 2
        fills = [[style.PAPER] * k for _ in range(k)]
        if o == FILTER:
            fills[ROW][COL] = HIGHLIGHT
        _grid(ax, y[o], out_left, top, fills)
        if o == FILTER:
            _outline(ax, out_left + COL, top + ROW, 1, 1, style.ORANGE)
        ax.text(out_left + k + 0.4, top + k / 2, f"$y[{o}]$", ha="left", va="center", fontsize=12)
    ax.text(out_left + k / 2, -0.6, "$y$", ha="center", va="bottom", fontsize=14)

    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig


def _box(ax, left, bottom, width, height, depth, face, *, edge=style.INK, alpha=1.0, lw=0.9):
    """An oblique-projection box: front face at (left, bottom), depth drawn up and to the right."""
    dx, dy = 0.6 * depth, 0.45 * depth
    right, top_ = left + width, bottom + height
    front = [(left, bottom), (right, bottom), (right, top_), (left, top_)]
    top = [(left, top_), (right, top_), (right + dx, top_ + dy), (left + dx, top_ + dy)]
    side = [(right, bottom), (right + dx, bottom + dy), (right + dx, top_ + dy), (right, top_)]
    for points, shade in ((top, 0.88), (side, 0.76), (front, 1.0)):
        ax.add_patch(
            Polygon(
                points,
                closed=True,
                facecolor=_shade(face, shade),
                edgecolor=edge,
                lw=lw,
                alpha=alpha,
            )
        )
    return dx, dy


def _shade(colour: str, factor: float) -> tuple[float, float, float]:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return tuple(float(v) for v in rgb * factor)


def two_filters_volume() -> plt.Figure:
    """A 32x32x3 input, two 5x5x3 filters, two 28x28 maps (the sizes come from the library)."""
    side, depth, k, c_out = 32, 3, 5, 2
    out = cs.output_size(side, k)
    d = 2.4  # drawing units per channel of depth (depth is exaggerated to be visible)
    fig, ax = plt.subplots(figsize=(8.6, 4.0))
    ax.set_aspect("equal")
    ax.axis("off")

    # input volume x
    dx, dy = _box(ax, 0, 0, side, side, depth * d, "#DDE8F3")
    # the receptive field of one output unit: a 5x5x3 block in the input
    rf_left, rf_bottom = 17, 14
    _box(ax, rf_left, rf_bottom, k, k, depth * d, "#F6CF87", edge=style.ORANGE, lw=1.3)
    ax.text(side / 2, -1.2, f"${side}$", ha="center", va="top", fontsize=12)
    ax.text(-1.0, side / 2, f"${side}$", ha="right", va="center", fontsize=12)
    ax.text(side + dx / 2 + 0.8, dy / 2 - 0.6, f"${depth}$", ha="left", va="center", fontsize=12)
    ax.text(side / 2, side + dy + 1.0, "$x$", ha="center", va="bottom", fontsize=15)

    # the two filters
    colours = [style.ORANGE, style.BLUE]
    light = ["#F6CF87", "#A9D1EC"]
    f_left = side + dx + 7
    tops = [side - 1, 10]
    for o in range(c_out):
        _box(ax, f_left, tops[o] - k, k, k, depth * d, light[o], edge=colours[o], lw=1.3)
        ax.text(f_left + k / 2, tops[o] - k - 1.0, f"$w_{o}$", ha="center", va="top", fontsize=13)
    ax.text(f_left - 0.6, tops[0] - k / 2, f"${k}$", ha="right", va="center", fontsize=11)
    fdx, fdy = 0.6 * depth * d, 0.45 * depth * d
    ax.text(
        f_left + k / 2 + 0.2, tops[0] + fdy + 0.4, f"${k}$", ha="center", va="bottom", fontsize=11
    )
    ax.text(
        f_left + k + fdx / 2 + 0.6,
        tops[0] - k + fdy / 2 - 0.6,
        f"${depth}$",
        ha="left",
        va="center",
        fontsize=11,
    )

    # the output: two 28x28 maps, one per filter, stacked in depth
    o_left = f_left + k + 0.6 * depth * d + 8
    for o in reversed(range(c_out)):
        shift = o * 0.6 * d * 1.6
        _box(ax, o_left + shift, shift * 0.75, out, out, 0.6, light[o], edge=colours[o], lw=1.3)
    ax.text(o_left + out / 2, -1.2, f"${out}$", ha="center", va="top", fontsize=12)
    ax.text(
        o_left + out + 0.6 * d * 1.6 + 1.3, out / 2, f"${out}$", ha="left", va="center", fontsize=12
    )
    ax.text(o_left + out / 2 + 2, out + 4.2, "$y$", ha="center", va="bottom", fontsize=15)
    # the output unit computed from the highlighted block, with lines from the block's corners
    unit = (o_left + rf_left - 2 + 0.5, rf_bottom + 0.5)
    ax.add_patch(Rectangle((unit[0] - 0.5, unit[1] - 0.5), 1, 1, color=style.ORANGE))
    for cx, cy in ((rf_left + k, rf_bottom + k), (rf_left + k, rf_bottom)):
        ax.plot([cx, unit[0] - 0.5], [cy, unit[1]], color=style.ORANGE, lw=0.9, ls="--")

    ax.set_xlim(-4, o_left + out + 6)
    ax.set_ylim(-4, side + dy + 5)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig


FIGURES = {
    "multi-channel-demo.svg": three_channel_demo,
    "multi-channel-volumes.svg": two_filters_volume,
}
