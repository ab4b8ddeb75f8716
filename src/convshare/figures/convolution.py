"""Figures of the chapter "The convolution operation" (docs/convolution.md)."""

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle
from PIL import Image

import convshare as cs
from convshare.examples import five_by_five
from convshare.figures.style import BLUE, GREEN, GREY, INK, ORANGE, PAPER

LIGHT_BLUE, LIGHT_ORANGE, LIGHT_GREEN, LIGHT_GREY = "#cfe3f3", "#fbe3b0", "#c4eadb", "#eeeeee"
UNREAD = "#f6c9b3"  # input pixels that no window reads (a light tint of RED)
#: The output element worked by hand on the page (row, column).
WORKED = (1, 2)
#: Milliseconds each frame of the animation is shown.
FRAME_MS = 1000
FRAME_DPI = 100


def steps() -> list[dict]:
    """One entry per output position of the 5×5 example, in scan order.

    ``patch`` and ``products`` are the window and its elementwise product with the kernel;
    ``y`` is the library's output with the positions not reached yet set to NaN.
    """
    x, w = five_by_five()
    x, k = x[0], w[0, 0]
    y = cs.conv2d(x[None], w)[0]
    out = []
    for n, (i, j) in enumerate(np.ndindex(*y.shape)):
        patch = x[i : i + k.shape[0], j : j + k.shape[1]]
        shown = np.full(y.shape, np.nan)
        shown.flat[: n + 1] = y.flat[: n + 1]
        out.append({"i": i, "j": j, "patch": patch, "products": patch * k, "y": shown})
    return out


def _cells(ax, x0, values, faces, size=13, y0=0.0, text=None):
    """A grid of unit cells, top-left corner at (x0, y0), y growing downwards."""
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(Rectangle((x0 + c, y0 + r), 1, 1, fc=faces[r][c], ec=GREY, lw=1))
            label = text[r][c] if text is not None else values[r, c]
            if isinstance(label, str) or not np.isnan(label):
                s = label if isinstance(label, str) else f"{label:g}"
                ax.text(
                    x0 + c + 0.5,
                    y0 + r + 0.52,
                    s,
                    ha="center",
                    va="center",
                    fontsize=size,
                    color=INK,
                )


def _outline(ax, x0, y0, h, w, colour, style="-"):
    ax.add_patch(Rectangle((x0, y0), w, h, fill=False, ec=colour, lw=2.6, ls=style, zorder=5))


def _draw_step(ax, step, x, k):
    """x ⊙ w = products, Σ → y, for one window position."""
    i, j = step["i"], step["j"]
    kh, kw = k.shape
    top = (x.shape[0] - kh) / 2  # the 3-row grids are centred on the 5-row input

    faces = [
        [LIGHT_BLUE if i <= r < i + kh and j <= c < j + kw else PAPER for c in range(x.shape[1])]
        for r in range(x.shape[0])
    ]
    _cells(ax, 0, x, faces)
    _outline(ax, j, i, kh, kw, BLUE)

    ax.text(5.6, 2.5, r"$\odot$", ha="center", va="center", fontsize=20, color=INK)
    _cells(ax, 6.2, k, [[LIGHT_ORANGE] * kw] * kh, y0=top)

    ax.text(9.8, 2.5, "$=$", ha="center", va="center", fontsize=20, color=INK)
    text = [
        [f"{p:g}·{q:g}" for p, q in zip(pr, kr, strict=True)]
        for pr, kr in zip(step["patch"], k, strict=True)
    ]
    _cells(ax, 10.4, step["products"], [[LIGHT_GREEN] * kw] * kh, size=12, y0=top, text=text)

    ax.text(14.25, 2.5, r"$\Sigma\!\to$", ha="center", va="center", fontsize=20, color=INK)
    y = step["y"]
    yfaces = [
        [LIGHT_GREY if np.isnan(y[r, c]) else PAPER for c in range(y.shape[1])]
        for r in range(y.shape[0])
    ]
    yfaces[i][j] = LIGHT_GREEN
    _cells(ax, 15.0, y, yfaces, y0=top)
    _outline(ax, 15.0 + j, top + i, 1, 1, GREEN)

    for x0, y0, symbol in [
        (2.5, 5.05, "$x$"),
        (7.7, top + kh + 0.05, "$w$"),
        (16.5, top + kh + 0.05, "$y$"),
    ]:
        ax.text(x0, y0, symbol, ha="center", va="top", fontsize=15, color=INK)
    ax.set_xlim(-0.1, 18.1)
    ax.set_ylim(5.75, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")


def _step_figure(step) -> plt.Figure:
    x, w = five_by_five()
    fig = plt.figure(figsize=(8.2, 2.65), facecolor=PAPER)
    ax = fig.add_axes((0.005, 0.01, 0.99, 0.98))
    _draw_step(ax, step, x[0], w[0, 0])
    return fig


def worked_example() -> plt.Figure:
    """The window of the element worked by hand, every output already filled in."""
    all_steps = steps()
    step = next(s for s in all_steps if (s["i"], s["j"]) == WORKED)
    return _step_figure({**step, "y": all_steps[-1]["y"]})


def sliding_window() -> bytes:
    """Animated GIF: one frame per output position, FRAME_MS each, looping."""
    frames = []
    for step in steps():
        fig = _step_figure(step)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=FRAME_DPI, metadata={"Software": None})
        plt.close(fig)
        rgb = Image.open(buffer).convert("RGB")
        frames.append(rgb.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=0))
    out = io.BytesIO()
    frames[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=FRAME_MS,
        loop=0,
        optimize=False,
    )
    return out.getvalue()


#: The cases of the padding and stride figure: (i, k, p, s).
CASES = ((5, 3, 1, 1), (5, 3, 1, 2), (10, 3, 0, 2))


def coverage(i: int, k: int, p: int, s: int) -> np.ndarray:
    """Boolean (i, i) mask of the input pixels that at least one window reads (from im2col)."""
    labels = np.arange(1, i * i + 1, dtype=float).reshape(1, i, i)
    read = np.unique(cs.im2col(labels, k, stride=s, padding=p))
    mask = np.zeros(i * i + 1, dtype=bool)
    mask[read.astype(int)] = True
    return mask[1:].reshape(i, i)  # label 0 is the zero padding


def padding_stride() -> plt.Figure:
    """Three inputs with their padding, first two windows and the centres of all windows."""
    fig, axes = plt.subplots(
        1, 3, figsize=(8.4, 3.6), facecolor=PAPER, gridspec_kw={"width_ratios": [7, 7, 10]}
    )
    for ax, (i, k, p, s) in zip(axes, CASES, strict=True):
        n = i + 2 * p
        covered = coverage(i, k, p, s)
        for r in range(n):
            for c in range(n):
                inside = p <= r < p + i and p <= c < p + i
                face = LIGHT_GREY
                if inside:
                    face = PAPER if covered[r - p, c - p] else UNREAD
                ax.add_patch(Rectangle((c, r), 1, 1, fc=face, ec=GREY, lw=0.8))
                if not inside:
                    ax.text(
                        c + 0.5, r + 0.55, "0", ha="center", va="center", fontsize=8, color=GREY
                    )
        o = cs.output_size(i, k, stride=s, padding=p)
        centres = np.arange(o) * s + k / 2
        for cy in centres:
            ax.plot(centres, np.full(o, cy), "o", color=INK, ms=3.5, zorder=6)
        _outline(ax, 0, 0, k, k, BLUE)
        _outline(ax, s, 0, k, k, ORANGE, "--")
        ax.text(
            n / 2,
            -0.5,
            f"$n={i},\\ k={k},\\ p={p},\\ s={s}$",
            ha="center",
            va="bottom",
            fontsize=10.5,
            color=INK,
        )
        ax.text(
            n / 2,
            n + 0.4,
            f"$H_{{\\mathrm{{out}}}}={o}$",
            ha="center",
            va="top",
            fontsize=12,
            color=INK,
        )
        ax.set_xlim(-0.2, n + 0.2)
        ax.set_ylim(n + 1.9, -1.9)
        ax.set_aspect("equal")
        ax.axis("off")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.98, bottom=0.02, wspace=0.12)
    return fig


FIGURES = {
    "convolution-worked-example.svg": worked_example,
    "convolution-sliding-window.gif": sliding_window,
    "convolution-padding-stride.svg": padding_stride,
}
