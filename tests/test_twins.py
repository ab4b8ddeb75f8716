"""The Chinese edition carries the same code, outputs, tables, figures, formulas and links as the
English one (see tests/twins.py for what is compared), and no page of ``nav:`` lacks a twin
without a reason."""

from __future__ import annotations

import textwrap

import pytest

from tests import twins
from tests.twins import DOCS, ENGLISH_ONLY, NOT_YET_TRANSLATED

TWINS = twins.twins()
NAV = twins.nav_pages()


def test_some_pages_are_translated() -> None:
    """The comparisons below must have something to compare."""
    assert {"index.zh.md", "glossary.zh.md"} <= set(TWINS), TWINS


@pytest.mark.parametrize("twin", TWINS)
def test_twin_carries_over_what_the_english_page_has(twin: str) -> None:
    """Pages: see tests/twins.py; notebooks: the same code cells."""
    english = twins.english_path(twin)
    assert (DOCS / english).is_file(), f"docs/{twin} has no English original docs/{english}"
    if twin.endswith(".ipynb"):
        problems = twins.notebook_differences(DOCS / english, DOCS / twin)
    else:
        problems = twins.differences(
            (DOCS / english).read_text(encoding="utf-8"),
            (DOCS / twin).read_text(encoding="utf-8"),
            f"docs/{english}",
        )
    assert not problems, f"docs/{twin} differs from docs/{english}:\n" + "\n".join(problems)


def test_every_nav_page_has_a_twin_or_a_reason() -> None:
    problems = []
    for page in NAV:
        has_twin = (DOCS / twins.twin_path(page)).is_file()
        listed = {**NOT_YET_TRANSLATED, **ENGLISH_ONLY}
        if not has_twin and not listed.get(page, "").strip():
            problems.append(f"{page}: no {twins.twin_path(page)}, and no reason in tests/twins.py")
        if has_twin and page in listed:
            problems.append(f"{page}: translated, take it off the list in tests/twins.py")
    for page in {**NOT_YET_TRANSLATED, **ENGLISH_ONLY}:
        if page not in NAV:
            problems.append(f"{page}: listed in tests/twins.py but not a page of nav:")
    for page in set(NOT_YET_TRANSLATED) & set(ENGLISH_ONLY):
        problems.append(f"{page}: listed both as not yet translated and as English-only")
    assert not problems, "\n".join(problems)


def test_every_twin_is_a_nav_page() -> None:
    strays = [t for t in TWINS if twins.english_path(t) not in NAV]
    assert not strays, f"Chinese pages whose English page is not in nav: {strays}"


# --- the comparison itself must be able to fail ------------------------------------------------

ENGLISH = textwrap.dedent(
    """\
    # Shapes

    The weights of a layer ([`convshare.conv2d`][convshare.conv2d]).

    ## The count { #the-count }

    ```python title="snippets/a.py"
    --8<-- "snippets/a.py"
    ```

    <!-- output: snippets/a.py table -->

    | a | b |
    |---|---|
    | 1 | 2 |

    <!-- /output -->

    ![A grid](figures/a.svg)

    $$
    P = C_\\text{out}\\,(C_\\text{in} k^2 + 1)
    $$

    ## Exercises

    **Exercise 1.** Count them.

    ??? success "Solution"

        ```python
        print(1)
        ```
    """
)
CHINESE = textwrap.dedent(
    """\
    # 形状 {#shapes}

    一层的权重（[`convshare.conv2d`][convshare.conv2d]）。

    ## 数一数 {#the-count}

    ```python title="snippets/a.py"
    --8<-- "snippets/a.py"
    ```

    <!-- output: snippets/a.py table -->

    | a | b |
    |---|---|
    | 1 | 2 |

    <!-- /output -->

    ![一个网格](figures/a.svg)

    $$
    P = C_\\text{out}\\,(C_\\text{in} k^2 + 1)
    $$

    ## 练习 {#exercises}

    **练习 1.** 数一数。

    ??? success "解答"

        ```python
        print(1)
        ```
    """
)


def test_a_faithful_translation_passes() -> None:
    assert twins.differences(ENGLISH, CHINESE, "docs/a.md") == []


@pytest.mark.parametrize(
    ("english", "chinese", "kind"),
    [
        ("print(1)", "print(2)", "code fences"),
        ('--8<-- "snippets/a.py"', '--8<-- "snippets/b.py"', "--8<-- targets"),
        ("| 1 | 2 |", "| 1 | 3 |", "output blocks"),
        ("snippets/a.py table -->", "snippets/a.py -->", "output blocks"),
        ("](figures/a.svg)", "](figures/b.svg)", "image sources"),
        ("k^2 + 1", "k^2", "display math"),
        ("**练习 1.**", "练习一：", "exercises"),
        ('??? success "解答"', '!!! success "解答"', "admonitions and solutions"),
        ("][convshare.conv2d]", "][convshare.conv1d]", "API-reference links"),
        ("## 数一数 {#the-count}", "## 数一数", "headings and {#ids}"),
        ("# 形状 {#shapes}", "# 形状 {#shape}", "headings and {#ids}"),
    ],
)
def test_the_comparison_catches_a_change(english: str, chinese: str, kind: str) -> None:
    changed = CHINESE.replace(english, chinese, 1)
    assert changed != CHINESE, f"the test's text has no {english!r}"
    problems = twins.differences(ENGLISH, changed, "docs/a.md")
    assert any(p.startswith(kind) for p in problems), problems


def test_notebook_twins_compare_code_cells(tmp_path) -> None:
    import nbformat

    def notebook(markdown: str, code: str):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(markdown), nbformat.v4.new_code_cell(code)]
        return nb

    nbformat.write(notebook("# Play", "x = 1"), tmp_path / "a.ipynb")
    nbformat.write(notebook("# 试一试", "x = 1"), tmp_path / "a.zh.ipynb")
    nbformat.write(notebook("# 试一试", "x = 2"), tmp_path / "b.zh.ipynb")
    assert twins.notebook_differences(tmp_path / "a.ipynb", tmp_path / "a.zh.ipynb") == []
    assert twins.notebook_differences(tmp_path / "a.ipynb", tmp_path / "b.zh.ipynb") == [
        "code cell #1: English has 'x = 1', the twin 'x = 2'"
    ]
    nbformat.write(notebook("## 试一试", "x = 1"), tmp_path / "c.zh.ipynb")
    assert twins.notebook_differences(tmp_path / "a.ipynb", tmp_path / "c.zh.ipynb") == [
        "headings: English has levels [1], the twin [2]"
    ]
