"""The pages on parameter sharing, on where it fails, and the landing page state only computed
numbers: every large or fractional number in their prose is printed by a snippet on the same
page, so a number edited by hand in the text (not only in a table) fails the suite."""

from __future__ import annotations

import re

import pytest

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
