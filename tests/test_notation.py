"""One notation, site-wide: every size symbol a page writes in TeX is defined in the notation
table of the overview page (docs/index.md), so F, k, k_h and k_H cannot all mean the kernel
again. The pages come from `nav:` in mkdocs.yml, notebooks included."""

from __future__ import annotations

import pytest

from tests.nav import nav_pages
from tests.notation import defined, symbols, tex
from tests.outputs import ROOT
from tests.twins import twin_path

TABLE = defined((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))


def test_the_table_defines_the_symbols_of_the_library():
    """The letters of the library's shapes and arguments, and the matrices of im2col."""
    for symbol in ["N", "C_\\text{in}", "C_\\text{out}", "H", "W", "k_H", "k_W", "k"]:
        assert symbol in TABLE, symbol
    for symbol in ["H_\\text{out}", "W_\\text{out}", "n_\\text{params}", "\\mathbf{P}"]:
        assert symbol in TABLE, symbol


# The Chinese twins too (their inline math is translated prose's; display math is the English).
PAGES = nav_pages() + [twin_path(p) for p in nav_pages() if (ROOT / twin_path(p)).is_file()]


@pytest.mark.parametrize("page", PAGES)
def test_every_size_symbol_on_the_page_is_in_the_notation_table(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    unknown = {}
    for formula in tex(text, page):
        for symbol in symbols(formula):
            if symbol not in TABLE:
                unknown.setdefault(symbol, formula.strip()[:60])
    assert not unknown, (
        f"{page} writes size symbols that the notation table on docs/index.md does not define "
        f"(symbol: in formula): {unknown}. Use the table's symbol, or add a row to the table."
    )


@pytest.mark.parametrize(
    ("formula", "found"),
    [
        (r"k_H \times k_W", ["k_H", "k_W"]),
        (r"k_h \times k_w", ["k_h", "k_w"]),
        (r"C_{in} \cdot C_\text{out}", ["C_{in}", "C_\\text{out}"]),
        (r"\mathbf{K} \mathbf{P} + F", ["\\mathbf{K}", "\\mathbf{P}", "F"]),
        (r"y_{i,j} = \sum_{u} w_{u,v} x_{i+u}", []),  # values and indices are free
        (r"\text{FLOPs} \in \mathbb{R}^{n}", ["n"]),
        (r"\lfloor (n + 2p - k)/s \rfloor", ["n", "k"]),
    ],
)
def test_the_scan_finds_size_symbols(formula: str, found: list[str]) -> None:
    assert symbols(formula) == found


def test_the_scan_reads_inline_and_display_math_but_not_code() -> None:
    page = "Text $k_h$ and\n\n$$\nX \\cdot Y\n$$\n\n`$N$` in code\n\n```python\n# $M$\n```\n"
    assert [s for f in tex(page, "docs/x.md") for s in symbols(f)] == ["k_h", "X", "Y"]
