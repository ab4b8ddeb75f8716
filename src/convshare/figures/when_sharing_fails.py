"""Figures of the chapter "When sharing fails" (docs/when-sharing-fails.md)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb

import convshare as cs
from convshare import tiled
from convshare.figures.parameter_sharing import draw_cells
from convshare.figures.style import BLUE, GREEN, GREY, ORANGE, PAPER, PURPLE, RED, SKY

#: One hue per kernel of a tiled convolution.
KERNEL_COLOURS = [BLUE, ORANGE, GREEN, RED, PURPLE, SKY]
#: The 1-D example of the tiled figure: a 1×8 input, kernels of 3, a 1×6 output.
LENGTH, K = 8, 3
TILES = (1, 2, 3, 6)


def where() -> plt.Figure:
    """The same pattern at two places (rows): input, convolution map, locally connected map."""
    rng = np.random.default_rng(0)  # the draws of snippets/when_sharing_fails_where.py
    pattern = rng.random((3, 3))
    a, b = np.zeros((1, 8, 8)), np.zeros((1, 8, 8))
    a[0, 1:4, 1:4] = pattern
    b[0, 4:7, 3:6] = pattern
    w = pattern.reshape(1, 1, 3, 3)
    w_local = rng.standard_normal((6, 6, 1, 1, 3, 3))
    conv = [cs.conv2d(x, w)[0] for x in (a, b)]
    local = [cs.locally_connected2d(x, w_local)[0] for x in (a, b)]
    limit = max(np.abs(m).max() for m in conv + local)
    fig, axes = plt.subplots(2, 3, figsize=(7.6, 5.2), facecolor=PAPER)
    for row, x in enumerate((a, b)):
        axes[row, 0].imshow(x[0], cmap="Greys", vmin=0, vmax=1)
        for col, fmap in ((1, conv[row]), (2, local[row])):
            axes[row, col].imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
            r, c = np.unravel_index(np.argmax(fmap), fmap.shape)  # what global max pooling keeps
            axes[row, col].plot(c, r, "o", ms=13, mfc="none", mec=GREEN, mew=2.5)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(GREY)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, wspace=0.08, hspace=0.06)
    return fig


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: 0 keeps it, 1 is white."""
    return tuple(c + (1 - c) * amount for c in to_rgb(colour))


def tiled_matrix(t: int) -> np.ndarray:
    """The (6, 8) weight matrix of a 1-D tiled convolution with ``t`` kernels of 3, as codes.

    Read off ``tiled.tiled_conv2d`` itself: kernel ``k`` holds the numbers ``10·k + 1``,
    ``10·k + 2``, ``10·k + 3``, so entry ``10·k + j`` is weight ``j`` of kernel ``k`` (0: none).
    """
    codes = 10.0 * np.arange(t)[:, None] + np.arange(1, K + 1)  # (t, K)
    w = codes.reshape(1, t, 1, 1, 1, K)
    columns = [tiled.tiled_conv2d(col.reshape(1, 1, LENGTH), w).ravel() for col in np.eye(LENGTH)]
    return np.rint(np.stack(columns, axis=1)).astype(int)


def tiled_matrices() -> plt.Figure:
    """1-D weight matrices of tiled convolutions with t = 1, 2, 3, 6 kernels in rotation.

    Hue: the kernel; the digit: the weight within it (see :func:`tiled_matrix`).
    """
    fig, axes = plt.subplots(2, 2, figsize=(7.6, 4.4), facecolor=PAPER)
    for ax, t in zip(axes.flat, TILES, strict=True):
        m = tiled_matrix(t)
        fills = [[_tint(KERNEL_COLOURS[v // 10], 0.12 * (v % 10 - 1)) if v else None for v in row]
                 for row in m]  # fmt: skip
        labels = [[str(v % 10) for v in row] for row in m]
        draw_cells(ax, fills, labels)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, hspace=0.12, wspace=0.08)
    return fig


FIGURES = {
    "when-sharing-fails-where.svg": where,
    "when-sharing-fails-tiled.svg": tiled_matrices,
}
