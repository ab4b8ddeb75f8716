"""Figures of the page "Sharing taken further" (docs/sharing-further.md)."""

import matplotlib.pyplot as plt
import numpy as np

import convshare as cs
from convshare.figures.style import BLUE, GREY, INK, ORANGE, PAPER

#: The 1-D picture of the dilation figure: inputs per row, three 3-tap layers.
LENGTH, K = 17, 3
DILATIONS = {"plain": (1, 1, 1), "dilated": (1, 2, 4)}


def reached(dilations: tuple[int, ...]) -> list[np.ndarray]:
    """Boolean masks, input first, of the units the centre output depends on.

    Read off the library: the gradient of the centre output of a stack of ``same``-padded 1×3
    convolutions (``conv2d_backward`` with dilation), layer by layer down to the input.
    """
    w = np.ones((1, 1, 1, K))
    grad = np.zeros((1, 1, LENGTH))
    grad[0, 0, LENGTH // 2] = 1
    masks = [grad[0, 0] != 0]
    for d in reversed(dilations):
        ones = np.ones((1, 1, LENGTH))
        grad = cs.conv2d_backward(ones, w, grad, padding=(0, d), dilation=(1, d))[0]
        masks.append(grad[0, 0] != 0)
    return masks[::-1]


def dilation() -> plt.Figure:
    """Three 3-tap layers, 1-D: dilation 1, 1, 1 (left) against 1, 2, 4 (right)."""
    fig, axes = plt.subplots(1, 2, figsize=(8.4, 3.4), facecolor=PAPER)
    for ax, dilations in zip(axes, DILATIONS.values(), strict=True):
        masks = reached(dilations)
        for level, d in enumerate(dilations):  # edges from level + 1 down to level
            for j in np.flatnonzero(masks[level + 1]):
                for t in (j - d, j, j + d):
                    if 0 <= t < LENGTH:
                        ax.plot([j, t], [level + 1, level], color=BLUE, lw=1.2, alpha=0.7)
            ax.text(LENGTH - 0.2, level + 0.5, f"$d = {d}$", fontsize=11, color=INK, va="center")
        for level, mask in enumerate(masks):
            colour = ORANGE if level == len(masks) - 1 else BLUE
            xs = np.arange(LENGTH)
            ax.scatter(xs[~mask], [level] * (~mask).sum(), s=28, fc=PAPER, ec=GREY, zorder=3)
            ax.scatter(xs[mask], [level] * mask.sum(), s=40, fc=colour, ec=colour, zorder=3)
        ax.text(-1.0, 0, "$x$", fontsize=14, color=INK, ha="right", va="center")
        ax.text(-1.0, len(masks) - 1, "$y$", fontsize=14, color=INK, ha="right", va="center")
        size = int(masks[0].sum())
        ax.text(LENGTH // 2, -0.6, f"${size}$", fontsize=13, color=INK, ha="center", va="top")
        ax.set_xlim(-2.2, LENGTH + 1.6)
        ax.set_ylim(-1.2, len(masks) - 0.6)
        ax.set_axis_off()
    fig.subplots_adjust(left=0.01, right=0.99, top=0.98, bottom=0.02, wspace=0.05)
    return fig


FIGURES = {"sharing-further-dilation.svg": dilation}
