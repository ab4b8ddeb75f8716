"""docs/filters.md: its photographs stay light enough for a page, the colour figure shows what
the page says (grey levels lose the disc, the 3x3x3 filter finds it)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from convshare.figures import filters as figures
from tests.outputs import ROOT

PAGE = "docs/filters.md"
TEXT = (ROOT / PAGE).read_text(encoding="utf-8")
PHOTOS = sorted(name for name in figures.FIGURES if name.endswith(".webp"))
MAX_PHOTO_BYTES = 120_000


def test_the_photographs_are_webp() -> None:
    assert len(PHOTOS) == 4, PHOTOS  # corners, gallery, two maps, edges


@pytest.mark.parametrize("name", PHOTOS)
def test_photographs_are_small_webps_without_alpha(name: str) -> None:
    path = ROOT / "docs" / "figures" / name
    assert path.stat().st_size < MAX_PHOTO_BYTES, f"{name}: {path.stat().st_size} bytes"
    with Image.open(path) as image:
        assert image.format == "WEBP"
        assert image.mode == "RGB", f"{name} is {image.mode}: expected no alpha channel"
        assert image.width >= 700, f"{name} is {image.width} pixels wide: too small to read"


def test_grey_levels_lose_the_disc_that_the_colour_filter_finds() -> None:
    maps = figures.disc_maps()
    disc = maps["disc"]
    assert 0.2 < disc.mean() < 0.8  # the window holds both the disc and its ground
    red, green = maps["x"][:, disc], maps["x"][:, ~disc]
    assert np.all(red[1:] == 0)  # a red disc ...
    assert np.all(green[[0, 2]] == 0)  # ... on a green ground
    assert np.ptp(maps["gray"]) < 1e-12  # one grey level everywhere
    assert np.abs(maps["magnitude"]).max() < 1e-12  # so no edge in grey levels
    y = maps["y"]
    assert y[disc].mean() > 0.3  # red wins on the disc
    assert y[~disc].mean() < -0.1  # green wins on the ground


def test_the_corner_figure_shows_the_four_kernels_the_caption_names() -> None:
    caption = re.search(r"figures/filters-corners\.webp.*?</figcaption>", TEXT, re.S)
    assert caption, "the page no longer shows filters-corners.webp with a caption"
    for name in ("Sobel $x$", "Sobel $y$", "Laplacian", "sharpen"):
        assert name in caption.group(0)
