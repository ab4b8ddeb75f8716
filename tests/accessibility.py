"""axe-core in a page: its violations (default rules, and two Lighthouse adds), one per line.

axe-core is pinned in ``tests/axe/package.json`` and installed by ``make test`` with ``npm ci``.
Its default rules are the WCAG 2.x A and AA rules and the best practices (contrast of every text
including code comments, names of controls and dialogs, links told apart from text, heading
order, ...); to them this adds the two experimental rules that Lighthouse also runs.
``tests/test_browser.py`` runs it on every page in both palettes, once each page has been
rendered; ``tests/test_accessibility.py`` shows that it catches the faults this site had.
"""

from __future__ import annotations

import functools

import pytest

from tests.conftest import ROOT

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# Rules that axe calls experimental and leaves out of its defaults, but that Lighthouse runs: a
# table of numbers must say which row and column each cell is in (td-has-header), and a caption
# must be a <caption> (table-fake-caption).
EXPERIMENTAL_RULES = ["td-has-header", "table-fake-caption"]

# What each violation says: the rule, its impact, and up to three of the elements it found.
RUN_AXE = """async ([rules, exclude, experimental]) => {
  const options = { resultTypes: ["violations"] };
  if (rules) options.runOnly = { type: "rule", values: rules };
  else options.rules = Object.fromEntries(experimental.map(id => [id, { enabled: true }]));
  const result = await axe.run(exclude ? { exclude } : document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary
      .replace(/\\s+/g, " ").slice(0, 200)),
    count: v.nodes.length,
  }));
}"""


@functools.cache
def axe_script() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs axe-core with npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(page, rules: list[str] | None = None, exclude: list[str] | None = None) -> list[str]:
    """axe's violations on the page open in ``page``, one line per rule (with its elements):
    of its default rules and ``EXPERIMENTAL_RULES``, or of ``rules`` only; outside the
    elements ``exclude`` selects."""
    page.evaluate("document.fonts.ready.then(() => true)")
    if not page.evaluate("() => typeof axe === 'object'"):
        page.add_script_tag(content=axe_script())
    found = page.evaluate(RUN_AXE, [rules, exclude, EXPERIMENTAL_RULES])
    return [
        f"{v['id']} ({v['impact']}, {v['count']} element(s)): {v['help']}\n      "
        + "\n      ".join(v["nodes"])
        for v in found
    ]


PHONE = {"width": 390, "height": 844}  # the narrowest phone a reader is likely to have

# The rules whose outcome depends on the width: at 1280 px few boxes scroll sideways.
NARROW_RULES = ["scrollable-region-focusable"]
# Boxes that Material's script makes focusable, or not, as they start or stop scrolling: its
# code blocks and tables (on a touch screen, on purpose, not at all). Everything else that
# scrolls is the site's own: formulas, notebook cells, the widgets' grids and formulas.
MATERIAL_BOXES = [".md-typeset pre > code", ".md-typeset__scrollwrap"]


def narrow_violations(page) -> list[str]:
    """Violations of ``NARROW_RULES`` with the page open in ``page`` made a phone's width (a
    window that narrow, with a mouse: a box that scrolls sideways must be reachable by keyboard,
    its hidden part cannot be read otherwise), ``MATERIAL_BOXES`` aside."""
    page.set_viewport_size(PHONE)
    return violations(page, NARROW_RULES, MATERIAL_BOXES)
