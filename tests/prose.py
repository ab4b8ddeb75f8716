"""What a page says in prose, and what its snippets print: the two sides of the number check."""

from __future__ import annotations

import math
import re

from tests.outputs import parse_page

# 98,208,100 / 3.1707 / 99.96% / 10,000 ... (not years, section numbers or small counts)
# ASCII word boundaries (re.ASCII): with Unicode ones a Chinese character counts as a letter
# and "为0.98" would hide its number.
NUMBER = re.compile(r"(?<![\w.§-])(\d{1,3}(?:,\d{3})+|\d+\.\d+%?|\d+%)(?![\w.]\d)", re.ASCII)
# 10^{12} or 10^8 in a formula, shown as 10¹² or 10⁸ in the printed tables
POWER = re.compile(r"10\^\{?(\d+)\}?")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```[ \t]*$", re.M | re.S)
TEXT_FENCE = re.compile(r"^[ \t]*```text[ \t]*$(.*?)^[ \t]*```[ \t]*$", re.M | re.S)
LINK_TARGET = re.compile(r"\]\([^)\s]+\)|^\[[^\]]+\]:\s+\S+", re.M)  # URLs are not prose


def prose(text: str, page: str) -> str:
    """The page without its code fences, generated output blocks and link targets."""
    lines = text.splitlines(keepends=True)
    for block in reversed(parse_page(text, page)):
        del lines[block.line - 1 : block.end_line]
    return LINK_TARGET.sub("]", FENCE.sub("", "".join(lines)))


def printed(text: str, page: str) -> str:
    """Everything the page shows as printed: output blocks and checked ```text fences."""
    blocks = [block.shown for block in parse_page(text, page)]
    return "\n".join(blocks + TEXT_FENCE.findall(text))


def numbers_in(prose: str) -> list[str]:
    """Large or fractional numbers, and powers of ten written as 10¹² (as the tables print)."""
    powers = [f"10{p.translate(SUPERSCRIPT)}" for p in POWER.findall(prose)]
    return NUMBER.findall(prose) + powers


PRINTED_INTEGER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,]\d)|(?<![\w.,])\d+(?![\w.,]\d)", re.ASCII
)


def orders_of_magnitude(printed: str) -> set[str]:
    """10ⁿ for every whole number printed: a power of ten in prose is an order of magnitude,
    stated correctly when the page prints a number of that order (90,000 is about 10⁵)."""
    orders = set()
    for token in PRINTED_INTEGER.findall(printed):
        value = int(token.replace(",", ""))
        if value > 0:
            orders.add(f"10{str(round(math.log10(value))).translate(SUPERSCRIPT)}")
    return orders


def missing_numbers(text: str, page: str) -> list[str]:
    """Numbers the page states in prose that none of its printed outputs shows."""
    return missing_from(prose(text, page), printed(text, page))


def missing_from(stated: str, shown: str) -> list[str]:
    """Numbers in the prose ``stated`` that the printed text ``shown`` does not show."""
    orders = orders_of_magnitude(shown)
    return sorted({n for n in numbers_in(stated) if n not in shown and n not in orders})


# Every number written in digits (12, 3.5, 99.96%, 1,000): what a translation must keep in
# digits. "2-D" is left out: Chinese writes dimensions as words (二维).
DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*%?(?!\w|-D\b)", re.ASCII)


def digits_dropped(english: str, translation: str, page: str, twin: str) -> list[str]:
    """Numbers the English prose of ``page`` writes in digits and its translation does not
    (written as words, 一百 for 100, or left out)."""
    kept = set(DIGITS.findall(prose(translation, twin)))
    return sorted(set(DIGITS.findall(prose(english, page))) - kept, key=lambda n: (len(n), n))
