"""axe-core in a page: its violations of the default rules, one line per rule.

axe-core is pinned in ``tests/axe/package.json`` and installed by ``make test`` with ``npm ci``.
Its default rules are the WCAG 2.x A and AA rules and the best practices (contrast of every text
including code comments, names of controls and dialogs, links told apart from text, heading
order, ...). ``tests/test_browser.py`` runs it on every page in both palettes, once each page
has been rendered; ``tests/test_accessibility.py`` shows that it catches the faults this site had.
"""

from __future__ import annotations

import functools

import pytest

from tests.conftest import ROOT

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

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


@functools.cache
def axe_script() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs axe-core with npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[str]:
    """axe's violations on the page open in ``page``, one line per rule (with its elements)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.add_script_tag(content=axe_script())
    found = page.evaluate(RUN_AXE)
    return [
        f"{v['id']} ({v['impact']}, {v['count']} element(s)): {v['help']}\n      "
        + "\n      ".join(v["nodes"])
        for v in found
    ]
