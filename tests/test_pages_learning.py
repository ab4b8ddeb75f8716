"""The learning chapter: its figure shows the snippet's runs, and the run says what the prose says.
(Numbers in the prose are checked for every page by test_prose_numbers.py; the snippet's output
on the page is checked by test_snippets.py.)"""

from __future__ import annotations

import re

import numpy as np

import convshare as cs
from convshare.figures.learning import SIZES, experiment
from tests.outputs import ROOT, parse_page

PAGE = "docs/learning-shared-weights.md"
ROW = re.compile(r"^\| (\d+) \| ([a-z ]+) \| (\d+)% \| (\d+)% \| (\d+)% \|$", re.M)
NAMES = {"conv": "conv2d", "locally connected": "locally_connected2d"}  # shown: the function


def shown_table() -> dict[tuple[int, str], tuple[int, int, int]]:
    """The accuracies the page shows for snippets/learning_generalise.py, in whole percent."""
    text = (ROOT / PAGE).read_text(encoding="utf-8")
    (block,) = [b for b in parse_page(text, PAGE) if b.snippet.endswith("learning_generalise.py")]
    rows = ROW.findall(block.shown)
    return {(int(n), NAMES[name]): (int(a), int(b), int(c)) for n, name, a, b, c in rows}


def test_figure_draws_the_runs_the_page_shows() -> None:
    """The figure's own runs (figures/learning.py) give the snippet's numbers, row by row."""
    runs = experiment()
    shown = shown_table()
    assert sorted(shown) == sorted(runs)
    assert sorted({n for n, _ in runs}) == list(SIZES)
    for key, accuracies in runs.items():
        assert tuple(int(f"{a:.0%}".rstrip("%")) for a in accuracies) == shown[key], key


def test_the_run_shows_what_the_prose_says() -> None:
    """Convolution transfers to the unseen part; the locally connected layer stays at chance."""
    runs = experiment()
    for n in SIZES:
        conv, local = runs[n, "conv2d"], runs[n, "locally_connected2d"]
        assert local[0] >= 0.95, "the locally connected layer fits its training images"
        assert local[2] <= 0.5, "…and guesses where it never saw the pattern"
        assert conv[2] > local[2] + 0.15, "the convolution finds the pattern where it never saw it"
        assert abs(conv[2] - conv[1]) <= 0.02, "…as well as where it did"
        if n >= 8:
            assert conv[2] >= 0.95


def test_hidden_pattern_puts_the_pattern_only_in_the_given_columns() -> None:
    """The two regions do not overlap: right-part pixels of a training image are only noise."""
    rng = np.random.default_rng(1)
    x, t = cs.examples.hidden_pattern(200, range(4), rng, amplitude=100.0)
    assert list(t[:4]) == [0, 1, 0, 1]
    strong = np.abs(x[:, 0]) > 50  # pattern pixels only (noise is never that large)
    assert not strong[t == 0].any()
    assert strong[t == 1].reshape(-1, 12, 12).sum(axis=(1, 2)).tolist() == [9] * 100
    assert not strong[:, :, 6:].any()  # left edge in 0..3: the pattern ends by column 5
    assert strong[:, :, 0].any()
    assert strong[:, :, 5].any()
