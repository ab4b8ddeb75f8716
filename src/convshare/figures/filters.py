"""Figures of the chapter "Different filters see different things" (docs/filters.md).

The photograph is matplotlib's ``grace_hopper.jpg`` (`convshare.images.load_photo`), averaged
over 2x2 blocks to 300x256 pixels so that each PNG stays small; the filters run on that image.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Rectangle
from PIL import Image

import convshare as cs
from convshare import images, kernels
from convshare.figures import style

LUMA = np.array([0.299, 0.587, 0.114])  # the weights of images.to_grayscale
# Red minus green: pink where red wins, green where green wins (colour-blind safe ends).
RED_GREEN = LinearSegmentedColormap.from_list("red_green", ["#1B7837", "#FFFFFF", "#C51B7D"])
DPI = 100


def _half_photo() -> np.ndarray:
    """The photograph averaged over 2x2 blocks: (3, 300, 256) in [0, 1]."""
    x = images.load_photo()
    c, h, w = x.shape
    return x.reshape(c, h // 2, 2, w // 2, 2).mean(axis=(2, 4))


def _signed(ax, m, *, cmap="gray", q=99.5):
    """Show a signed map, 0 in the middle of the colour scale, clipped at the q-th percentile."""
    v = float(np.percentile(np.abs(m), q))
    ax.imshow(m, cmap=cmap, vmin=-v, vmax=v, interpolation="nearest")
    ax.set_axis_off()


def _pixels(fig: plt.Figure, *, grey: bool) -> Image.Image:
    """The figure drawn at ``DPI``: 8-bit grey, or RGB."""
    fig.set_dpi(DPI)
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    plt.close(fig)
    image = Image.fromarray(rgba[..., :3].copy())
    return image.convert("L") if grey else image


def _webp(fig: plt.Figure, *, grey: bool, lossless: bool = False) -> bytes:
    """Save as WebP, no metadata: lossy (quality 85) for photographs, a third to a quarter of
    the PNG's bytes with no visible change; lossless for the small crops, where it beats both
    the PNG and the lossy WebP. The same Pillow (pinned) gives the same bytes on every run."""
    buffer = io.BytesIO()
    options = {"lossless": True, "quality": 100} if lossless else {"quality": 85}
    _pixels(fig, grey=grey).save(buffer, format="WEBP", method=6, exact=False, **options)
    return buffer.getvalue()


def _kernel_grid(ax, k, *, fontsize=10):
    """A 3x3 kernel drawn as numbered cells (numbers only, no words)."""
    scale = round(1 / np.abs(k[k != 0]).min()) if np.any(k % 1) else 1
    n = k.shape[0]
    for r in range(n):
        for c in range(n):
            ax.add_patch(
                Rectangle((c, r), 1, 1, facecolor=style.PAPER, edgecolor=style.GREY, lw=0.8)
            )
            label = f"{k[r, c] * scale:.0f}".replace("-", "\N{MINUS SIGN}")
            ax.text(
                c + 0.5,
                r + 0.5,
                label,
                ha="center",
                va="center",
                fontsize=fontsize,
                color=style.INK,
            )
    if scale != 1:
        ax.text(-0.25, n / 2, f"$\\frac{{1}}{{{scale}}}$", ha="right", va="center", fontsize=12)
    ax.set_xlim(-1.4, n + 0.1)
    ax.set_ylim(n + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()


def corners() -> bytes:
    """The signature figure: the photo in the middle, four filter outputs in the corners."""
    gray = images.to_grayscale(_half_photo())
    names = ["sobel_x", "sobel_y", "laplacian", "sharpen"]  # top left, top right, ...
    y = cs.conv2d(gray, kernels.to_weight(*names), padding=1)
    h, w = gray.shape[1:]
    fig_w, fig_h = 7.8, 6.3
    fig = plt.figure(figsize=(fig_w, fig_h), facecolor=style.PAPER)
    pw = 2.56  # width of a corner panel in inches (about one figure pixel per image pixel)
    ph = pw * h / w
    pad = 0.06
    left, right, low, high = pad, fig_w - pw - pad, pad, fig_h - ph - pad
    spots = [(left, high), (right, high), (left, low), (right, low)]
    for (left, bottom), name, m in zip(spots, names, y, strict=True):
        ax = fig.add_axes((left / fig_w, bottom / fig_h, pw / fig_w, ph / fig_h))
        if name == "sharpen":
            ax.imshow(m, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
            ax.set_axis_off()
        else:
            _signed(ax, m)
    # the original in the middle column, between the corners
    cw = fig_w - 2 * pw - 4 * pad
    ch = cw * h / w
    ax = fig.add_axes(((pw + 2 * pad) / fig_w, (fig_h - ch) / 2 / fig_h, cw / fig_w, ch / fig_h))
    ax.imshow(gray[0], cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    ax.set_axis_off()
    # each kernel next to its corner, above and below the original
    kw = 1.15
    free = (fig_h - ch) / 2
    left, right = pw + 2 * pad, fig_w - pw - 2 * pad - kw
    kspots = [(left, fig_h - free), (right, fig_h - free), (left, 0), (right, 0)]
    for (left, bottom), name in zip(kspots, names, strict=True):
        kax = fig.add_axes(
            (left / fig_w, (bottom + 0.05) / fig_h, kw / fig_w, (free - 0.1) / fig_h)
        )
        _kernel_grid(kax, kernels.KERNELS[name], fontsize=9)
    return _webp(fig, grey=True)


def gallery() -> bytes:
    """Six filters on a 96x96 crop around an eye (full resolution), drawn large."""
    gray = images.to_grayscale(images.load_photo())
    names = ["identity", "gaussian_blur", "sharpen", "sobel_x", "sobel_y", "laplacian"]
    y = cs.conv2d(gray, kernels.to_weight(*names), padding=1)
    rows, cols = slice(160, 256), slice(200, 296)
    fig, axes = plt.subplots(2, 3, figsize=(7.8, 5.4), facecolor=style.PAPER)
    for ax, name, m in zip(axes.ravel(), names, y, strict=True):
        crop = m[rows, cols]
        if name in ("identity", "gaussian_blur", "sharpen"):
            ax.imshow(crop, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
            ax.set_axis_off()
        else:
            _signed(ax, crop, q=99)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, wspace=0.04, hspace=0.04)
    return _webp(fig, grey=True, lossless=True)


def two_maps() -> bytes:
    """One layer, two 3x3x3 filters on the RGB photo: two feature maps."""
    x = _half_photo()
    w = np.zeros((2, 3, 3, 3))
    w[0] = LUMA[:, None, None] * kernels.SOBEL_X
    w[1, 0], w[1, 1] = kernels.BOX_BLUR, -kernels.BOX_BLUR
    y = cs.conv2d(x, w, np.zeros(2), padding=1)

    fig = plt.figure(figsize=(7.8, 4.6), facecolor=style.PAPER)
    grid = fig.add_gridspec(2, 3, width_ratios=[1.0, 0.7, 0.66], wspace=0.1, hspace=0.16)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.01)
    ax = fig.add_subplot(grid[:, 0])
    ax.imshow(np.moveaxis(x, 0, -1), interpolation="nearest")
    ax.set_title("$x$", fontsize=13)
    ax.set_axis_off()
    channel = [style.RED, style.GREEN, style.BLUE]
    for o in range(2):
        v = np.abs(w[o]).max()
        # the filter: its three 3x3 slices, each framed in the colour of its input channel
        sub = grid[o, 1].subgridspec(1, 3, wspace=0.18)
        for c in range(3):
            kax = fig.add_subplot(sub[c])
            kax.imshow(w[o, c], cmap="gray", vmin=-v, vmax=v, interpolation="nearest")
            kax.set_xticks([])
            kax.set_yticks([])
            for spine in kax.spines.values():
                spine.set_color(channel[c])
                spine.set_linewidth(2.4)
            if c == 1:
                kax.set_title(f"$w_{o}$", fontsize=12)
        map_ax = fig.add_subplot(grid[o, 2])
        if o == 0:
            _signed(map_ax, y[o])
        else:
            map_ax.imshow(y[o], cmap=RED_GREEN, vmin=-0.6, vmax=0.6, interpolation="nearest")
            map_ax.set_axis_off()
        map_ax.set_title(f"$y[{o}]$", fontsize=12)
    return _webp(fig, grey=False)


def disc_maps() -> dict[str, np.ndarray]:
    """A red disc on a green ground of the same brightness, and what three layers see in it.

    Returns ``x`` (3, 46, 46), its grey levels ``gray`` (46, 46), the Sobel edge magnitude of
    the grey image ``magnitude`` and the red-minus-green map ``y`` (both 46x46, no padding: the
    zeros around the image would draw a frame); ``disc`` marks the disc's pixels in that window.
    """
    n = 48
    r, c = np.mgrid[:n, :n]
    disc = (r - n / 2 + 0.5) ** 2 + (c - n / 2 + 0.5) ** 2 < (n / 3) ** 2
    red, green = np.array([0.6, 0.0, 0.0]), np.array([0.0, 0.6 * 0.299 / 0.587, 0.0])
    x = np.where(disc, red[:, None, None], green[:, None, None])
    gray = images.to_grayscale(x)
    w = np.zeros((1, 3, 3, 3))
    w[0, 0], w[0, 1] = kernels.BOX_BLUR, -kernels.BOX_BLUR
    edges = cs.conv2d(gray, kernels.to_weight("sobel_x", "sobel_y"))
    inner = (slice(1, -1), slice(1, -1))  # the window the 3x3 outputs cover
    return {
        "x": x[:, 1:-1, 1:-1],
        "gray": gray[0][inner],
        "magnitude": np.sqrt((edges**2).sum(axis=0)),
        "y": cs.conv2d(x, w)[0],
        "disc": disc[inner],
    }


def colour_blind_spot() -> plt.Figure:
    """The disc of `disc_maps`: grey levels see nothing, the 3x3x3 filter R - G sees it."""
    maps = disc_maps()
    x, gray, magnitude, y = maps["x"], maps["gray"], maps["magnitude"], maps["y"]
    fig, axes = plt.subplots(1, 4, figsize=(8.4, 2.5), facecolor=style.PAPER)
    axes[0].imshow(np.moveaxis(x, 0, -1), interpolation="nearest")
    axes[1].imshow(gray, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    axes[2].imshow(magnitude, cmap="gray", vmin=0, vmax=4, interpolation="nearest")
    axes[3].imshow(y, cmap=RED_GREEN, vmin=-0.6, vmax=0.6, interpolation="nearest")
    titles = ["$x$", "$0.299R + 0.587G + 0.114B$", "$\\sqrt{g_x^2 + g_y^2}$", "$R - G$"]
    for ax, title in zip(axes, titles, strict=True):
        ax.set_title(title, fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.subplots_adjust(left=0.01, right=0.99, top=0.86, bottom=0.02, wspace=0.06)
    return fig


def edges() -> bytes:
    """Sobel x, Sobel y and the edge magnitude of the photo."""
    gray = images.to_grayscale(_half_photo())
    gx, gy = cs.conv2d(gray, kernels.to_weight("sobel_x", "sobel_y"), padding=1)
    magnitude = np.sqrt(gx**2 + gy**2)
    fig, axes = plt.subplots(1, 3, figsize=(7.8, 3.35), facecolor=style.PAPER)
    _signed(axes[0], gx)
    _signed(axes[1], gy)
    v = float(np.percentile(magnitude, 99.5))
    axes[2].imshow(magnitude, cmap="gray_r", vmin=0, vmax=v, interpolation="nearest")
    axes[2].set_axis_off()
    titles = ["$g_x$", "$g_y$", "$\\sqrt{g_x^2 + g_y^2}$"]
    for ax, title in zip(axes, titles, strict=True):
        ax.set_title(title, fontsize=12)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.9, bottom=0.01, wspace=0.04)
    return _webp(fig, grey=True)


FIGURES = {
    "filters-corners.webp": corners,
    "filters-gallery.webp": gallery,
    "filters-two-maps.webp": two_maps,
    "filters-colour.svg": colour_blind_spot,
    "filters-edges.webp": edges,
}
