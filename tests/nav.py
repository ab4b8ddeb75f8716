"""The pages of the site, in the order of `nav:` in mkdocs.yml (a new page is covered by every
check that uses this list without editing the check)."""

from __future__ import annotations

from mkdocs.utils.yaml import yaml_load

from tests.outputs import ROOT


def nav_pages() -> list[str]:
    """Paths such as ``docs/index.md`` or ``docs/notebooks/playground.ipynb``, in nav order."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        nav = yaml_load(handle)["nav"]
    pages: list[str] = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif not value.startswith(("http://", "https://")):
                pages.append(f"docs/{value}")

    walk(nav)
    return pages
