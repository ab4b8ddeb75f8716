"""Every large or fractional number that a chapter states in prose is printed by a snippet on
the same page, so a number edited by hand in the text (not only in a table) fails the suite.
A power of ten in prose (10⁸) is an order of magnitude: some number of that order must be
printed on the page."""

from __future__ import annotations

import pytest

from tests.nav import nav_pages
from tests.outputs import ROOT
from tests.prose import missing_from, missing_numbers, prose
from tests.test_notebooks import executed

# Every page of `nav:` in mkdocs.yml (so a new page is covered without editing this test), but
# the references: their numbers are bibliographic (arXiv numbers, pages) or credit a number to
# its source; the chapter that states such a number prints it and is checked here.
NOT_RESULTS = {"docs/references.md"}
PAGES = [page for page in nav_pages() if page not in NOT_RESULTS]
MARKDOWN = [page for page in PAGES if page.endswith(".md")]
NOTEBOOKS = [page for page in PAGES if page.endswith(".ipynb")]


def test_the_pages_come_from_the_nav() -> None:
    assert "docs/index.md" in PAGES
    assert "docs/parameter-sharing.md" in PAGES
    assert NOTEBOOKS, "no notebook in nav: the notebook check would check nothing"
    assert NOT_RESULTS <= set(nav_pages()), "an excluded page is no longer in nav: drop it"


@pytest.mark.parametrize("page", MARKDOWN)
def test_every_number_in_the_prose_is_printed_on_the_page(page: str) -> None:
    missing = missing_numbers((ROOT / page).read_text(encoding="utf-8"), page)
    assert not missing, (
        f"{page}: numbers in the prose that no snippet on the page prints: {missing}"
    )


def notebook_text(page: str) -> tuple[str, str]:
    """A notebook's Markdown cells, and everything its code cells print when run."""
    notebook = executed(ROOT / page)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    stated = prose("\n\n".join(markdown), page)  # without code fences and link targets
    shown = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output.output_type == "stream":
                shown.append(output.text)
            else:
                data = output.get("data", {})
                shown += [data[kind] for kind in ("text/plain", "text/markdown") if kind in data]
    return stated, "\n".join(shown)


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_every_number_in_a_notebooks_text_is_printed_by_its_cells(page: str) -> None:
    stated, shown = notebook_text(page)
    missing = missing_from(stated, shown)
    assert not missing, (
        f"{page}: numbers in the Markdown cells that no cell of the notebook prints: {missing}"
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
