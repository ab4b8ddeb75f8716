"""The headings of a Chinese notebook (``X.zh.ipynb``) keep the anchors of its English notebook.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). mkdocs-jupyter gives a notebook's heading an id
made from its text by an ASCII-only slug, so a Chinese heading such as ``## 输入`` gets
``id=""``, and the page's table of contents (made by Python-Markdown, with its own slug) links to
``#_1``, ``#_2``, …: anchors that no heading has. Here, after the page is rendered, the k-th
heading of ``X.zh.ipynb`` gets the id of the k-th heading of ``X.ipynb`` (``#the-input``, as the
Markdown twins' ``{#id}``), in the page (with its ¶ link) and in its table of contents.
``tests/twins.py`` checks that the two notebooks have the same headings, level by level; a
Chinese notebook whose headings do not match its English one fails the build, naming both.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_jupyter.utils import slugify
from nbconvert.filters.strings import _convert_header_id

TWIN = ".zh.ipynb"
MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HTML_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<body>.*?)</h(?P=level)>', re.S
)
ANCHOR_HREF = re.compile(r'(<a class="anchor-link" href=")#[^"]*(")')


def markdown_headings(notebook: Path) -> list[tuple[int, str]]:
    """(level, text) of every heading in the Markdown cells of a notebook, in order.

    Examples
    --------
    >>> import tempfile
    >>> cells = [{"cell_type": "markdown", "source": ["# Title\\n", "\\n", "## The input"]},
    ...          {"cell_type": "code", "source": ["# a comment, not a heading"]}]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "x.ipynb"
    ...     _ = path.write_text(json.dumps({"cells": cells}))
    ...     markdown_headings(path)
    [(1, 'Title'), (2, 'The input')]
    """
    headings = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        fence = None
        for line in source.splitlines():
            m = FENCE.match(line)
            if m and (fence is None or m.group(1).startswith(fence)):
                fence = None if fence else m.group(1)
                continue
            if fence is None and (h := MD_HEADING.match(line)):
                headings.append((len(h.group(1)), h.group(2)))
    return headings


def english_ids(notebook: Path) -> list[tuple[int, str]]:
    """(level, id) of the headings of an English notebook, as mkdocs-jupyter makes the ids.

    Examples
    --------
    >>> import tempfile
    >>> cells = [{"cell_type": "markdown", "source": "## Your own numbers, in colour"}]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "x.ipynb"
    ...     _ = path.write_text(json.dumps({"cells": cells}))
    ...     english_ids(path)
    [(2, 'your-own-numbers-in-colour')]
    """
    return [
        (level, _convert_header_id(slugify(text))) for level, text in markdown_headings(notebook)
    ]


def _toc_items(toc) -> list:
    items = []
    for item in toc:
        items.append(item)
        items.extend(_toc_items(item.children))
    return items


def on_page_content(html: str, page, config, files) -> str:
    src = page.file.src_uri
    if not src.endswith(TWIN):
        return html
    english = Path(config["docs_dir"]) / (src.removesuffix(TWIN) + ".ipynb")
    chinese = Path(page.file.abs_src_path)
    want = english_ids(english)
    levels = [level for level, _ in markdown_headings(chinese)]
    found = list(HTML_HEADING.finditer(html))
    if levels != [level for level, _ in want] or len(found) != len(want):
        raise PluginError(
            f"{src}: its headings (levels {levels}, {len(found)} in the page) are not those of "
            f"{english.name} (levels {[level for level, _ in want]}): translate every heading, "
            "add none"
        )
    toc = _toc_items(page.toc)
    if len(toc) != len(want):
        raise PluginError(f"{src}: {len(toc)} headings in its table of contents, {len(want)} in it")
    for item, (_, anchor) in zip(toc, want, strict=True):
        item.id = anchor

    ids = iter(anchor for _, anchor in want)

    def rename(m: re.Match) -> str:
        anchor = next(ids)
        body = ANCHOR_HREF.sub(rf"\g<1>#{anchor}\g<2>", m.group("body"))
        return f'<h{m.group("level")} id="{anchor}"{m.group("rest")}>{body}</h{m.group("level")}>'

    return HTML_HEADING.sub(rename, html)
