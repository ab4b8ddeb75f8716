"""The build-time math hook (hooks/render_math.py): what it finds, writes and refuses."""

from __future__ import annotations

import importlib.util
import re
import warnings

import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("render_math", ROOT / "hooks" / "render_math.py")
render_math = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_math)


def annotations(html: str) -> list[str]:
    """The TeX KaTeX keeps in each formula's MathML (what a copy of the formula gives)."""
    return re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>', html, re.S)


def test_arithmatex_inline_and_display_become_katex() -> None:
    page = (
        '<p>Weights <span class="arithmatex">\\(C_\\text{in} &lt; k\\)</span> and</p>\n'
        '<div class="arithmatex">\\[\ny = \\sum_{u=0}^{k-1} w_u\\, x_{i+u} .\n\\]</div>'
    )
    out = render_math.typeset(page, "test.md")
    assert "\\(" not in out
    assert "\\[" not in out
    assert out.count('class="katex"') == 2
    assert out.count('class="katex-display"') == 1  # only the display formula
    assert annotations(out) == ["C_\\text{in} &lt; k", "y = \\sum_{u=0}^{k-1} w_u\\, x_{i+u} ."]
    assert out.startswith('<p>Weights <span class="arithmatex"><span class="katex">')
    assert '</span></span> and</p>\n<div class="arithmatex">' in out


def test_notebook_markdown_cells_are_typeset_but_not_their_code_or_prices() -> None:
    cell = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        "<p>shape $(C_{in}, H, W)$, costs $5 or $6, <code>echo $HOME$x</code></p>"
        "<div><p>$$P = k_h k_w$$</p></div></div>"
        "<pre>$not a cell$</pre>"
    )
    out = render_math.typeset(cell, "nb.ipynb")
    assert annotations(out) == ["(C_{in}, H, W)", "P = k_h k_w"]
    assert "costs $5 or $6," in out
    assert "<code>echo $HOME$x</code>" in out
    assert out.endswith("</div></div><pre>$not a cell$</pre>")


def test_page_without_math_is_left_alone() -> None:
    page = "<p>No math here, $5 only.</p>"
    assert render_math.typeset(page, "plain.md") == page


def test_chinese_text_in_a_formula_is_typeset() -> None:
    out = render_math.typeset('<span class="arithmatex">\\(C_\\text{输入} = 3\\)</span>', "x.zh.md")
    assert annotations(out) == ["C_\\text{输入} = 3"]


def test_bad_tex_fails_the_build_naming_page_and_formula() -> None:
    page = '<span class="arithmatex">\\(\\frac{1}{\\nosuchmacro}\\)</span>'
    with pytest.raises(PluginError, match=r"(?s)in broken\.md.*\\\\nosuchmacro"):
        render_math.typeset(page, "broken.md")


def test_a_formula_alone_in_a_header_cell_is_drawn_for_all() -> None:
    page = (
        '<table><thead><tr><th><span class="arithmatex">\\(k\\)</span></th>'
        '<th>size <span class="arithmatex">\\(k\\)</span></th></tr></thead></table>'
    )
    out = render_math.typeset(page, "table.md")
    first, second = out.split("</th>")[:2]
    assert "katex-html" in first
    assert "aria-hidden" not in first  # the drawing is what a screen reader reads here
    assert "<math" not in first
    assert 'aria-hidden="true"' in second  # next to words: drawing + MathML, as everywhere
    assert "<math" in second


def test_the_search_index_reads_each_formula_once() -> None:
    """Material's search parser (what builds search_index.json) reads a typeset formula once,
    as the text of KaTeX's drawing: not also its MathML and the TeX (the same formula 3 times)."""
    with warnings.catch_warnings():  # jieba, which the plugin imports, still uses pkg_resources
        warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
        from material.plugins.search.plugin import Parser

    page = '<p>So <span class="arithmatex">\\(n_\\text{conv} = k^2\\)</span> weights.</p>'
    parser = Parser()
    parser.feed(render_math.typeset(page, "test.md"))
    parser.close()
    text = "".join(part for section in parser.data for part in section.text)
    assert text == "<p>So nconv\u200b=k2 weights.</p>", text  # KaTeX's drawing has a U+200B
