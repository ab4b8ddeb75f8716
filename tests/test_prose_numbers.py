"""Every large or fractional number that a chapter states in prose is printed by a snippet on
the same page, so a number edited by hand in the text (not only in a table) fails the suite.
A power of ten in prose (10⁸) is an order of magnitude: some number of that order must be
printed on the page."""

from __future__ import annotations

import nbformat
import pytest

from tests.nav import nav_pages
from tests.outputs import ROOT
from tests.prose import digits_dropped, missing_from, missing_numbers, prose
from tests.test_notebooks import executed
from tests.twins import english_path, twin_path

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


# --- the Chinese edition ------------------------------------------------------------------------

# The Chinese twins of the same pages (docs/X.zh.md, docs/notebooks/X.zh.ipynb; tests/twins.py).
TWINS = [twin_path(page) for page in PAGES if (ROOT / twin_path(page)).is_file()]


def markdown_cells(path: str) -> str:
    """A notebook's Markdown cells, as one text."""
    notebook = nbformat.read(ROOT / path, as_version=4)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


@pytest.mark.parametrize("twin", TWINS)
def test_a_chinese_page_states_the_numbers_of_its_english_page_in_digits(twin: str) -> None:
    """The same check on the Chinese twin (every number in its prose printed on the page; a
    notebook's by its cells, which are the English notebook's), and every number the English
    prose writes in digits is in digits in the Chinese prose too."""
    page = english_path(twin)
    if twin.endswith(".ipynb"):
        english, chinese = markdown_cells(page), markdown_cells(twin)
        missing = missing_from(prose(chinese, twin), notebook_text(page)[1])
    else:
        english = (ROOT / page).read_text(encoding="utf-8")
        chinese = (ROOT / twin).read_text(encoding="utf-8")
        missing = missing_numbers(chinese, twin)
    assert not missing, (
        f"{twin}: numbers in the prose that no snippet on the page prints: {missing}"
    )
    dropped = digits_dropped(english, chinese, page, twin)
    assert not dropped, (
        f"{twin}: numbers {page} writes in digits and the translation does not: {dropped}"
    )


def test_the_chinese_check_has_pages_to_check() -> None:
    assert "docs/index.zh.md" in TWINS


@pytest.mark.parametrize(
    ("chinese", "missing", "dropped"),
    [
        ("这一层有 34,944 个参数，占 99.96%。", [], []),
        ("这一层有34,945个参数，占 99.96%。", ["34,945"], ["34,944"]),  # no space: still a number
        ("准确率为0.97，占 99.96%。", ["0.97"], ["34,944"]),
        ("这一层有三万多个参数，几乎全部（99.96%）。", [], ["34,944"]),
        ("这一层有 34,944 个参数，几乎全部。", [], ["99.96%"]),
    ],
)
def test_the_chinese_check_catches_numbers_hidden_or_written_in_words(
    chinese: str, missing: list[str], dropped: list[str]
) -> None:
    output = (
        "\n\n<!-- output: snippets/x.py -->\n\n```text\n34,944 99.96%\n```\n\n<!-- /output -->\n"
    )
    english = "The layer has 34,944 parameters, 99.96% of them free." + output
    assert missing_numbers(chinese + output, "docs/x.zh.md") == missing
    assert digits_dropped(english, chinese + output, "docs/x.md", "docs/x.zh.md") == dropped
