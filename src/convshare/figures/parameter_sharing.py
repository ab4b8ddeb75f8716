"""Figures of the chapter "Parameter sharing" (docs/parameter-sharing.md)."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import FancyArrowPatch, Rectangle

import convshare as cs
from convshare import kernels
from convshare.figures.style import BLUE, GREEN, GREY, INK, ORANGE, PAPER, PURPLE, RED, SKY, YELLOW

#: One colour per kernel weight 1..9 (Okabe & Ito, then two of Paul Tol's for 8 and 9).
WEIGHT_COLOURS = [BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, "#882255", "#332288"]
#: The small 2-D example of the matrix picture: a 5×5 input, a 3×3 kernel, a 3×3 output.
SHAPE, K = (1, 5, 5), 3


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = to_rgb(colour)
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else PAPER


def dense(layer, n_in: int) -> np.ndarray:
    """The matrix of a linear ``layer`` (flat input of ``n_in`` -> array), column by column."""
    return np.stack([np.ravel(layer(column)) for column in np.eye(n_in)], axis=1)


def draw_cells(ax, fills, labels=None) -> None:
    """Draw a matrix as unit cells: ``fills[r][c]`` a colour or None (a zero), optional digits."""
    rows, cols = len(fills), len(fills[0])
    for r in range(rows):
        for c in range(cols):
            face = fills[r][c] or PAPER
            ax.add_patch(Rectangle((c, rows - r - 1), 1, 1, fc=face, ec="#d0d0d0", lw=0.6))
            if labels is not None and fills[r][c] is not None:
                ax.text(c + 0.5, rows - r - 0.5, labels[r][c], ha="center", va="center",
                        fontsize=8, color=ink_on(face))  # fmt: skip
    ax.add_patch(Rectangle((0, 0), cols, rows, fill=False, ec=INK, lw=1.0))
    ax.set_xlim(-0.2, cols + 0.2)
    ax.set_ylim(-0.2, rows + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")


def matrix_panels() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three 9×25 matrices drawn by :func:`matrices`, computed by the library.

    Fully connected: random weights, none zero. Locally connected: the matrix of
    ``locally_connected2d`` with a random kernel per position. Convolution: ``conv2d_matrix``
    of the kernel 1..9, so that each entry is the number of the weight it is (0: no weight).
    """
    rng = np.random.default_rng(0)
    n_in = int(np.prod(SHAPE))
    side = cs.output_size(SHAPE[1], K)
    fc = rng.random((side * side, n_in))
    w_local = rng.random((side, side, 1, 1, K, K))
    local = dense(lambda col: cs.locally_connected2d(col.reshape(SHAPE), w_local), n_in)
    numbers = cs.conv2d_matrix(np.arange(1.0, K * K + 1).reshape(1, 1, K, K), SHAPE)
    return fc, local, np.rint(numbers).astype(int)


def matrices() -> plt.Figure:
    """Fully connected, locally connected and convolution as 9×25 weight matrices."""
    grey = plt.get_cmap("Greys")

    def free(value):  # a free parameter: its own grey
        return grey(0.25 + 0.5 * value)

    fc, local, number = matrix_panels()

    fig, axes = plt.subplots(3, 1, figsize=(7.6, 8.4), facecolor=PAPER)
    draw_cells(axes[0], [[free(v) for v in row] for row in fc])
    draw_cells(axes[1], [[free(v) if v else None for v in row] for row in local])
    draw_cells(
        axes[2],
        [[WEIGHT_COLOURS[k - 1] if k else None for k in row] for row in number],
        [[str(k) for k in row] for row in number],
    )
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, hspace=0.12)
    return fig


def one_d() -> plt.Figure:
    """The 1-D net: x1..x5 below, h1..h3 above; edges of one colour share one weight."""
    fig, ax = plt.subplots(figsize=(6.0, 3.0), facecolor=PAPER)
    # which input feeds which output with which weight, read off the library's matrix
    m = cs.conv2d_matrix(np.array([1.0, 2.0, 3.0]).reshape(1, 1, 1, 3), (1, 1, 5)).astype(int)
    xs_in, xs_out, y_in, y_out = np.arange(5), np.arange(1, 4), 0.0, 2.0
    for i, j in zip(*np.nonzero(m), strict=True):
        k = m[i, j]
        ax.plot([xs_in[j], xs_out[i]], [y_in, y_out], color=WEIGHT_COLOURS[k - 1], lw=2.6,
                solid_capstyle="round", zorder=1)  # fmt: skip
    for j, x in enumerate(xs_in):
        ax.add_patch(plt.Circle((x, y_in), 0.26, fc=PAPER, ec=INK, lw=1.2, zorder=2))
        ax.text(x, y_in, f"$x_{j}$", ha="center", va="center", fontsize=13, zorder=3)
    for i, x in enumerate(xs_out):
        ax.add_patch(plt.Circle((x, y_out), 0.26, fc="#eeeeee", ec=INK, lw=1.2, zorder=2))
        ax.text(x, y_out, f"$h_{i}$", ha="center", va="center", fontsize=13, zorder=3)
    for k in range(3):  # the key: a short stroke of each colour and its weight
        x0 = 4.9
        ax.plot([x0, x0 + 0.45], [1.55 - 0.45 * k] * 2, color=WEIGHT_COLOURS[k], lw=2.6)
        ax.text(x0 + 0.6, 1.55 - 0.45 * k, f"$w_{k}$", va="center", fontsize=13)
    ax.set_xlim(-0.45, 5.9)
    ax.set_ylim(-0.45, 2.45)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)
    return fig


def equivariance() -> plt.Figure:
    """A pattern and the same pattern moved (top); their feature maps, moved alike (bottom)."""
    rng = np.random.default_rng(0)
    x = np.zeros((1, 12, 12))
    x[0, 2:5, 2:5] = rng.random((3, 3))  # as in snippets/parameter_sharing_equivariance.py
    shift = (4, 5)
    moved = np.roll(x, shift, axis=(1, 2))
    w = kernels.to_weight("laplacian")
    maps = [cs.conv2d(x, w)[0], cs.conv2d(moved, w)[0]]
    limit = max(np.abs(m).max() for m in maps)
    fig, axes = plt.subplots(2, 2, figsize=(6.4, 6.6), facecolor=PAPER)
    for col, (image, fmap) in enumerate(zip([x[0], moved[0]], maps, strict=True)):
        axes[0, col].imshow(image, cmap="Greys", vmin=0, vmax=1)
        axes[1, col].imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
    # the same arrow in both rows: from where the pattern was to where it is
    for row, (r0, c0) in enumerate([(3, 3), (2, 2)]):  # centres: pattern in x, response in y
        ax = axes[row, 1]
        ax.add_patch(Rectangle((c0 - 1.5 - row, r0 - 1.5 - row), 3 + 2 * row, 3 + 2 * row,
                               fill=False, ec=ORANGE, lw=1.6, ls="--"))  # fmt: skip
        arrow = FancyArrowPatch((c0, r0), (c0 + shift[1], r0 + shift[0]), arrowstyle="-|>",
                                mutation_scale=16, color=ORANGE, lw=2)  # fmt: skip
        ax.add_patch(arrow)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color(GREY)
    for ax, symbol in zip(axes[:, 0], ["$x$", "$y$"], strict=True):
        ax.set_ylabel(symbol, fontsize=15, rotation=0, labelpad=14, va="center")
    fig.subplots_adjust(left=0.08, right=0.99, top=0.99, bottom=0.01, wspace=0.06, hspace=0.06)
    return fig


FIGURES = {
    "parameter-sharing-matrices.svg": matrices,
    "parameter-sharing-1d.svg": one_d,
    "parameter-sharing-equivariance.svg": equivariance,
}
