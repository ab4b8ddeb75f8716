"""Every snippet runs, and every page shows exactly what its snippets print now.

The comparison lives in ``tests/outputs.py`` (also behind ``make figures``), so the writer and
this check cannot disagree. The last tests run the harness on small synthetic pages to show that
each check can fail.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests import outputs


def _blocks_by_page() -> tuple[list[str], list[outputs.OutputBlock]]:
    page_ids, blocks = [], []
    for path in outputs.pages():
        page = path.relative_to(outputs.ROOT).as_posix()
        page_ids.append(page)
        try:
            blocks.extend(outputs.parse_page(path.read_text(encoding="utf-8"), page))
        except outputs.OutputBlockError:
            pass  # reported by test_output_markers_are_well_formed
    return page_ids, blocks


PAGES, BLOCKS = _blocks_by_page()


@pytest.mark.parametrize("page", PAGES)
def test_output_markers_are_well_formed(page: str) -> None:
    text = (outputs.ROOT / page).read_text(encoding="utf-8")
    problem = None
    try:
        outputs.parse_page(text, page)
    except outputs.OutputBlockError as error:
        problem = str(error)
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.where}<-{b.snippet}" for b in BLOCKS])
def test_output_block_is_current(block: outputs.OutputBlock) -> None:
    problem = None
    try:
        stale = outputs.is_stale(block)
    except outputs.OutputBlockError as error:
        problem = f"{block.where}: {error}"
    if problem:  # outside the except block, so the report is not chained to the exception
        pytest.fail(problem, pytrace=False)
    if stale:
        pytest.fail(
            f"{block.where}: the output shown for {block.snippet} is not what it prints now "
            f"(run `make figures` if the change is intended):\n{outputs.diff(block)}",
            pytrace=False,
        )


@pytest.mark.parametrize("snippet", outputs.snippet_files())
def test_snippet_is_embedded_short_and_shown(snippet: str) -> None:
    problems = outputs.snippet_problems(snippet)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- the harness, on synthetic pages: each check must be able to fail -------------------------

TABLE_SNIPPET = """\
print("| $k$ | $k^2$ |")
print("|---:|---:|")
for k in (1, 2, 3):
    print(f"| {k} | {k * k} |")
"""


def _site(tmp_path: Path, page: str, snippets: dict[str, str]) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs" / "page.md").write_text(textwrap.dedent(page), encoding="utf-8")
    for name, code in snippets.items():
        (tmp_path / "snippets" / name).write_text(code, encoding="utf-8")
    return tmp_path


PAGE = """\
    # Page

    ```python
    --8<-- "snippets/squares.py"
    ```

    <!-- output: snippets/squares.py table -->
    | $k$ | $k^2$ |
    |---:|---:|
    | 1 | 1 |
    | 2 | 4 |
    | 3 | 9 |
    <!-- /output -->

    ??? success "Solution"

        ```python
        --8<-- "snippets/hello.py"
        ```

        <!-- output: snippets/hello.py -->
        ```text
        hello from __main__
        ```
        <!-- /output -->
"""
SNIPPETS = {"squares.py": TABLE_SNIPPET, "hello.py": "print('hello from', __name__)\n"}


def test_harness_accepts_current_blocks_and_writes_canonical_form(tmp_path: Path) -> None:
    root = _site(tmp_path, PAGE, SNIPPETS)
    blocks = outputs.find_blocks(root)
    assert [(b.snippet, b.table, b.indent) for b in blocks] == [
        ("snippets/squares.py", True, ""),
        ("snippets/hello.py", False, "    "),
    ]
    assert not any(outputs.is_stale(b, root) for b in blocks)
    # --write only adds the blank lines around the content (layout, not content).
    changed, errors = outputs.write(root)
    assert errors == []
    assert len(changed) == 2
    text = (root / "docs" / "page.md").read_text(encoding="utf-8")
    assert "<!-- output: snippets/squares.py table -->\n\n| $k$ | $k^2$ |" in text
    assert "    ```text\n    hello from __main__\n    ```\n\n    <!-- /output -->" in text
    assert outputs.write(root) == ([], [])


def test_harness_fails_on_a_number_changed_by_hand(tmp_path: Path) -> None:
    root = _site(tmp_path, PAGE.replace("| 2 | 4 |", "| 2 | 5 |"), SNIPPETS)
    block = outputs.find_blocks(root)[0]
    assert outputs.is_stale(block, root)
    report = outputs.diff(block, root)
    assert "docs/page.md:7 (shown on the page)" in report
    assert "-| 2 | 5 |" in report
    assert "+| 2 | 4 |" in report
    outputs.write(root)
    assert "| 2 | 4 |" in (root / "docs" / "page.md").read_text(encoding="utf-8")


def test_harness_fails_on_a_changed_snippet(tmp_path: Path) -> None:
    root = _site(tmp_path, PAGE, {**SNIPPETS, "hello.py": "print('hello again')\n"})
    stale = [b.snippet for b in outputs.find_blocks(root) if outputs.is_stale(b, root)]
    assert stale == ["snippets/hello.py"]


def test_harness_reports_a_failing_snippet_with_its_traceback(tmp_path: Path) -> None:
    root = _site(tmp_path, PAGE, {**SNIPPETS, "hello.py": "print(1)\nraise ValueError('x')\n"})
    block = outputs.find_blocks(root)[1]
    with pytest.raises(outputs.OutputBlockError, match=r"(?s)exit status 1.*line 2.*ValueError"):
        outputs.is_stale(block, root)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- output: snippets/squares.py tabel -->", "expected '<!-- output"),
        ("<!-- output: docs/page.md -->", "only files in snippets/"),
        ("<!-- output: snippets/squares.py --> trailing", "must stand alone"),
        ("<!-- output: snippets/squares.py -->\n| 1 | 2 |\n<!-- /output --> x", "must stand alone"),
    ],
)
def test_harness_rejects_malformed_markers(tmp_path: Path, marker: str, message: str) -> None:
    page = PAGE.replace("<!-- output: snippets/squares.py table -->", marker)
    with pytest.raises(outputs.OutputBlockError, match=message):
        outputs.parse_page(textwrap.dedent(page), "docs/page.md")


def test_harness_ignores_markers_quoted_in_prose() -> None:
    text = "Write `<!-- output: snippets/NAME.py -->` and `<!-- /output -->`.\n"
    assert outputs.parse_page(text, "docs/page.md") == []


def test_harness_rejects_an_unclosed_block() -> None:
    page = textwrap.dedent(PAGE).replace("<!-- /output -->\n\n??? success", "\n??? success", 1)
    with pytest.raises(outputs.OutputBlockError, match=r"docs/page\.md:7: .* not closed"):
        outputs.parse_page(page, "docs/page.md")


def test_harness_flags_orphan_long_and_unshown_snippets(tmp_path: Path) -> None:
    long_one = "".join(f"print({i})\n" for i in range(26))
    root = _site(tmp_path, PAGE, {**SNIPPETS, "orphan.py": long_one})
    assert outputs.snippet_problems("snippets/squares.py", root) == []
    problems = outputs.snippet_problems("snippets/orphan.py", root)
    assert len(problems) == 3
    assert "26 lines" in problems[0]
    assert "not embedded" in problems[1]
    assert "no output block" in problems[2]
