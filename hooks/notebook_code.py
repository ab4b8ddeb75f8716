"""A notebook's code cells can be scrolled with the keyboard.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). mkdocs-jupyter writes each code cell's source as
``<div class="highlight-ipynb ...">``, a box that scrolls sideways when a line is wider than the
page: 8 of the 9 code cells of each notebook do at a phone's 390 px. A box that scrolls must be
reachable by keyboard, or its hidden part cannot be read without a mouse (WCAG 2.1.1, axe's rule
scrollable-region-focusable, checked at 390 px by ``tests/test_browser.py``): each gets
``tabindex="0"``, as Material gives its own code blocks when they scroll. Other pages are left
as they are.
"""

from __future__ import annotations

import re

CELL = re.compile(r'<div class="highlight-ipynb(?: [^"]*)?"(?=>)')


def on_post_page(output: str, page, config) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return CELL.sub(lambda match: match.group(0) + ' tabindex="0"', output)
