"""axe-core, as the browser tests run it on every page (``tests/accessibility.py``), catches the
faults this site had; and the search dialog's name comes from a one-line override of the theme.

The run on every page of the built site, in the light and the dark palette, is part of
``tests/test_browser.py::test_page``: each page is opened once per palette, rendered (widgets
built, formulas typeset) and checked there, axe included, with no violation allowed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accessibility import violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


# --- the check itself must be able to fail ----------------------------------------------------

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>broken</title></head><body><main>
<h1>A page with the faults this site had</h1>
<h3>a heading that skips a level</h3>
<p style="color:#717171;background:#f5f5f5">code comment grey on code grey (4.47:1)</p>
<p style="color:#212121">Text with <a href="#x" style="color:#4051b5;text-decoration:none">a
link told apart by colour only</a> inside it.</p>
<div role="dialog"><input type="text"></div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<table><caption>a grid of numbers whose cells have no row or column header</caption>
<tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td><td>5</td><td>6</td></tr>
<tr><td>7</td><td>8</td><td>9</td></tr></table>
</main></body></html>"""


def test_axe_catches_the_faults_this_site_had(browser) -> None:
    """A deliberately broken page: axe must report each of its faults."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(
            "http://127.0.0.1/broken.html",
            lambda route: route.fulfill(content_type="text/html", body=BROKEN_PAGE),
        )
        page.goto("http://127.0.0.1/broken.html", wait_until="load")
        found = violations(page)
    finally:
        context.close()
    rules = {line.split(" ", 1)[0] for line in found}
    assert {
        "color-contrast",
        "heading-order",
        "aria-dialog-name",
        "label",
        "image-alt",
        "td-has-header",
    } <= rules, found


def test_search_override_is_the_themes_partial_plus_the_dialog_name() -> None:
    """overrides/partials/search.html changes one line of the installed Material's own."""
    import material

    theme = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text("utf-8")
    theirs = theme.read_text("utf-8")

    def body(text: str) -> list[str]:  # the template after its leading comment, blank lines out
        return [line for line in text.split("-#}", 1)[1].splitlines() if line.strip()]

    changed = [(a, b) for a, b in zip(body(theirs), body(ours), strict=True) if a != b]
    assert changed == [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog"'
            " aria-label=\"{{ lang.t('search') }}\">",
        )
    ]
