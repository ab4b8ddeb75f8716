"""Every large or fractional number that a chapter states in prose is printed by a snippet on
the same page, so a number edited by hand in the text (not only in a table) fails the suite.
A power of ten in prose (10⁸) is an order of magnitude: some number of that order must be
printed on the page."""

from __future__ import annotations

import pytest

from tests.outputs import ROOT
from tests.prose import missing_numbers

# Pages whose prose states computed numbers. The API reference, glossary and this site's
# own test page describe code and tools rather than results.
PAGES = [
    "docs/index.md",
    "docs/local-connectivity.md",
    "docs/convolution.md",
    "docs/multi-channel.md",
    "docs/filters.md",
    "docs/parameter-sharing.md",
    "docs/when-sharing-fails.md",
    "docs/performance.md",
    "docs/benchmarks.md",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_printed_on_the_page(page: str) -> None:
    missing = missing_numbers((ROOT / page).read_text(encoding="utf-8"), page)
    assert not missing, (
        f"{page}: numbers in the prose that no snippet on the page prints: {missing}"
    )


@pytest.mark.parametrize(
    ("prose", "missing"),
    [
        ("The layer has 34,944 parameters.", []),
        ("The layer has 34,945 parameters.", ["34,945"]),
        ("99.96% of them are free.", ["99.96%"]),
        ("In all, $10^{12}$ weights.", []),
        ("About $10^5$ of them.", []),  # 90,000 is printed: of the order 10⁵
        ("About $10^9$ of them.", ["10⁹"]),
        ("See [the paper](https://example.org/1409.1556).", []),
    ],
)
def test_the_check_catches_a_number_typed_by_hand(prose: str, missing: list[str]) -> None:
    output = "34,944 parameters, 90,000 local, 1,000,000,000,000 in all"
    text = (
        f"{prose}\n\n<!-- output: snippets/x.py -->\n\n```text\n{output}\n```\n\n<!-- /output -->\n"
    )
    assert missing_numbers(text, "docs/example.md") == missing
