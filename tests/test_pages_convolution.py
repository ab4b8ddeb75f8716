"""The sliding-window animation of docs/convolution.md shows the library's numbers, one frame
per output position, about a second each, and stays small enough for a page."""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image

import convshare as cs
from convshare.examples import five_by_five
from convshare.figures import convolution as figures
from tests.outputs import ROOT

GIF = ROOT / "docs" / "figures" / "convolution-sliding-window.gif"


def test_steps_scan_every_output_position_in_order() -> None:
    x, w = five_by_five()
    y = cs.conv2d(x, w)[0]
    steps = figures.steps()
    assert [(s["i"], s["j"]) for s in steps] == [(i, j) for i in range(3) for j in range(3)]
    assert len(steps) == y.size
    for n, step in enumerate(steps):
        i, j = step["i"], step["j"]
        # the products drawn are those of the window at (i, j) and sum to the output drawn
        assert np.array_equal(step["products"], x[0, i : i + 3, j : j + 3] * w[0, 0])
        assert step["products"].sum() == step["y"][i, j] == y[i, j]
        # the cells filled so far are exactly the first n + 1 in scan order
        assert np.array_equal(~np.isnan(step["y"]).ravel(), np.arange(y.size) <= n)
    assert np.array_equal(steps[-1]["y"], y)  # the last frame shows the whole output


def test_committed_gif_has_a_frame_per_output_and_one_second_each() -> None:
    x, w = five_by_five()
    positions = cs.conv2d(x, w)[0].size
    with Image.open(GIF) as gif:
        assert gif.n_frames == positions
        assert gif.info.get("loop") == 0  # loops forever
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
    assert durations == [figures.FRAME_MS] * positions
    assert 800 <= figures.FRAME_MS <= 1500
    assert GIF.stat().st_size < 500_000


def test_gif_frames_differ_where_the_window_moves() -> None:
    with Image.open(GIF) as gif:
        frames = []
        for k in range(gif.n_frames):
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB"), dtype=np.int16))
    for a, b in itertools.pairwise(frames):
        assert np.abs(a - b).sum() > 0  # each frame shows a new window


def test_gif_bytes_are_reproducible() -> None:
    assert figures.sliding_window() == figures.sliding_window()
