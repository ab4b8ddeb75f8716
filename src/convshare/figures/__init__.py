"""Every figure on the site, drawn from the library.

Each module in this package (one per chapter) defines ``FIGURES``: a dict mapping a file name
under ``docs/figures/`` (``.svg``, ``.png``, ``.webp`` or ``.gif``) to a function with no
arguments that returns a :class:`matplotlib.figure.Figure` (saved here, reproducibly) or
``bytes`` (written as they are, e.g. an animated GIF or a WebP photograph).

``python -m convshare.figures OUTDIR`` writes them all; the tests regenerate them into a
temporary folder and compare with the committed files byte for byte. Importing this package
leaves matplotlib's backend alone: ``make figures`` sets ``MPLBACKEND=Agg``, and saving a figure
to a file needs no display anyway.

This package draws the site; it stays in the repository and is not part of the installed
package (``pyproject.toml`` excludes it from the wheel and the sdist).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Callable
from pathlib import Path

import matplotlib.figure
import matplotlib.pyplot as plt

FigureFunction = Callable[[], "matplotlib.figure.Figure | bytes"]

# Fixed settings so that the same code gives the same bytes on every run.
RC = {
    "svg.hashsalt": "convshare",
    "svg.fonttype": "path",  # glyphs as paths: no dependency on the reader's fonts
    "font.family": "DejaVu Sans",
    "path.simplify": False,
}
METADATA = {
    ".svg": {"Date": None, "Creator": None},
    ".png": {"Software": None},
}


def registry() -> dict[str, FigureFunction]:
    """Return ``{file name: drawing function}`` for every figure module in this package."""
    figures: dict[str, FigureFunction] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "style":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, function in getattr(module, "FIGURES", {}).items():
            if name in figures:
                raise ValueError(f"figure {name!r} is defined twice (second in {module.__name__})")
            figures[name] = function
    return figures


def render(name: str, function: FigureFunction) -> bytes:
    """Draw one figure and return the bytes of its file."""
    suffix = Path(name).suffix
    with plt.rc_context(RC):
        result = function()
        if isinstance(result, bytes):
            return result
        if suffix not in METADATA:
            raise ValueError(
                f"figure {name!r}: a Figure can be saved as .svg or .png, not {suffix}"
            )
        buffer = io.BytesIO()
        result.savefig(buffer, format=suffix[1:], metadata=METADATA[suffix])
        plt.close(result)
        return buffer.getvalue()


def write_all(outdir: str | Path) -> list[Path]:
    """Render every figure into ``outdir``; return the paths written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, function in registry().items():
        path = outdir / name
        path.write_bytes(render(name, function))
        written.append(path)
    return written
