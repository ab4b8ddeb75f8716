"""axe-core on every built page, in the light and the dark palette: no violation at all.

axe-core (pinned in ``tests/axe/package.json``, installed by ``make test`` with ``npm ci``) is
injected into each page of the built site (every page found in the site itself, so new pages and
other languages are checked too) and run with its default rules: WCAG 2.x A and AA, and the
best practices (contrast of every text including code comments, names of controls and dialogs,
links told apart from text, heading order, ...). Each theme is one test that lists every
violation of every page, with the elements concerned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import Watch
from tests.built_pages import built_pages
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
THEMES = {"light": "default", "dark": "slate"}  # color scheme -> Material's palette scheme

# What each violation says: the rule, its impact, and up to three of the elements it found.
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary
      .replace(/\\s+/g, " ").slice(0, 200)),
    count: v.nodes.length,
  }));
}"""


def axe_script() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs axe-core with npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(page, script: str) -> list[str]:
    """axe's violations on the page open in ``page``, one line per rule (with its elements)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.add_script_tag(content=script)
    found = page.evaluate(RUN_AXE)
    return [
        f"{v['id']} ({v['impact']}, {v['count']} element(s)): {v['help']}\n      "
        + "\n      ".join(v["nodes"])
        for v in found
    ]


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_violation_on_any_page(
    theme: str, browser, site_dir: Path, site_url: str
) -> None:
    script = axe_script()
    context = browser.new_context(color_scheme=theme, viewport={"width": 1280, "height": 900})
    problems = []
    try:
        page = context.new_page()
        watch = Watch(page)
        pages = built_pages(site_dir)
        assert pages, "the built site has no page"
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            scheme = page.get_attribute("body", "data-md-color-scheme")
            if scheme != THEMES[theme]:
                problems.append(f"/{path}: palette is {scheme!r}, expected {THEMES[theme]!r}")
            problems += [f"/{path}: {line}" for line in violations(page, script)]
        problems += watch.problems()
    finally:
        context.close()
    if problems:
        pytest.fail(f"axe ({theme}):\n  " + "\n  ".join(problems), pytrace=False)


# --- the check itself must be able to fail ----------------------------------------------------

BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>broken</title></head><body><main>
<h1>A page with the faults this site had</h1>
<h3>a heading that skips a level</h3>
<p style="color:#717171;background:#f5f5f5">code comment grey on code grey (4.47:1)</p>
<p style="color:#212121">Text with <a href="#x" style="color:#4051b5;text-decoration:none">a
link told apart by colour only</a> inside it.</p>
<div role="dialog"><input type="text"></div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
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
        found = violations(page, axe_script())
    finally:
        context.close()
    rules = {line.split(" ", 1)[0] for line in found}
    assert {
        "color-contrast",
        "heading-order",
        "aria-dialog-name",
        "label",
        "image-alt",
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
