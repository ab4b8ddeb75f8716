"""The pages on parameter sharing, on where it fails, and the landing page state only computed
numbers: every large or fractional number in their prose is printed by a snippet on the same
page, so a number edited by hand in the text (not only in a table) fails the suite."""

from __future__ import annotations

import re

import numpy as np
import pytest

import convshare as cs
from convshare.figures.parameter_sharing import WEIGHT_COLOURS, matrix_panels
from tests.outputs import ROOT, parse_page

PAGES = ["docs/index.md", "docs/parameter-sharing.md", "docs/when-sharing-fails.md"]

# 98,208,100 / 3.1707 / 99.96% / 10,000 ... (not years, section numbers or small counts)
NUMBER = re.compile(r"(?<![\w.§-])(\d{1,3}(?:,\d{3})+|\d+\.\d+%?|\d+%)(?![\w.]\d)")
# 10^{12} or 10^8 in a formula, shown as 10¹² or 10⁸ in the printed tables
POWER = re.compile(r"10\^\{?(\d+)\}?")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```[ \t]*$", re.M | re.S)
TEXT_FENCE = re.compile(r"^[ \t]*```text[ \t]*$(.*?)^[ \t]*```[ \t]*$", re.M | re.S)


def prose(text: str, page: str) -> str:
    """The page without its code fences and generated output blocks."""
    lines = text.splitlines(keepends=True)
    for block in reversed(parse_page(text, page)):
        del lines[block.line - 1 : block.end_line]
    return FENCE.sub("", "".join(lines))


def printed(text: str, page: str) -> str:
    """Everything the page shows as printed: output blocks and checked ```text fences."""
    blocks = [block.shown for block in parse_page(text, page)]
    return "\n".join(blocks + TEXT_FENCE.findall(text))


def numbers_in(prose: str) -> list[str]:
    """Large or fractional numbers, and powers of ten written as 10¹² (as the tables print)."""
    powers = [f"10{p.translate(SUPERSCRIPT)}" for p in POWER.findall(prose)]
    return NUMBER.findall(prose) + powers


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_printed_on_the_page(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    shown = printed(text, page)
    numbers = numbers_in(prose(text, page))
    assert numbers, f"{page}: no computed number found in the prose; is the pattern wrong?"
    missing = sorted({n for n in numbers if n not in shown})
    assert not missing, (
        f"{page}: numbers in the prose that no snippet on the page prints: {missing}"
    )


def test_matrix_picture_zeros_are_local_connectivity_and_colours_are_sharing() -> None:
    """The centrepiece figure shows what its caption says, on the library's own matrices."""
    fc, local, numbers = matrix_panels()
    assert fc.shape == local.shape == numbers.shape == (9, 25)
    assert np.count_nonzero(fc) == fc.size  # fully connected: every entry free
    # locally connected: the zeros of the convolution exactly, and every non-zero its own value
    assert np.array_equal(local != 0, numbers != 0)
    assert np.count_nonzero(local) == cs.params_locally_connected2d((1, 5, 5), 1, 3, bias=False)
    assert len(np.unique(local[local != 0])) == np.count_nonzero(local)
    # convolution: 9 distinct weights (one colour each), every row the first one shifted
    assert sorted(np.unique(numbers[numbers != 0])) == list(range(1, 10))
    assert len(WEIGHT_COLOURS) == len(set(WEIGHT_COLOURS)) == 9
    for row, (r, s) in enumerate((r, s) for r in range(3) for s in range(3)):
        assert np.array_equal(numbers[row], np.roll(numbers[0], 5 * r + s))


def test_one_d_figure_is_the_tied_matrix() -> None:
    """The 1-D figure's edges come from conv2d_matrix: 9 edges, weights w1 w2 w3 on diagonals."""
    m = cs.conv2d_matrix(np.array([1.0, 2.0, 3.0]).reshape(1, 1, 1, 3), (1, 1, 5))
    expected = np.array([[1, 2, 3, 0, 0], [0, 1, 2, 3, 0], [0, 0, 1, 2, 3]])
    assert np.array_equal(m, expected)
