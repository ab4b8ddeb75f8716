"""Each edition searches its own pages, from an index of its own.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). mkdocs-static-i18n writes one search index for
the whole site, ``/search/search_index.json``, with both editions in it (912 KB,
216 KB gzipped), and every page, English or Chinese, loads all of it: a reader of one edition
downloaded the other's text too, and its pages came up among the results (a Chinese page for
an English query). Here each edition gets the entries of its own pages:
``/search/search_index.json`` the English ones, ``/zh/search/search_index.json`` the Chinese
ones, their locations relative to the edition's root, the index's settings unchanged.

Material's search reads ``search/search_index.json`` under the page's ``base`` (the ``base`` of
the ``__config`` object in each page, which Material's own template sets to the site's root),
and resolves each result's location against it; so a page of the Chinese edition is given its
edition's root as ``base``. Material uses the same ``base`` to find ``sitemap.xml``, which
``hooks/edition_sitemaps.py`` puts at each edition's root. ``tests/test_build.py`` checks the
indexes and the ``base`` of every page; ``tests/test_browser.py`` searches in both editions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"
# Material's template writes the config as JSON: `{"annotate": null, "base": "../..", ...`.
BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def editions(config: MkDocsConfig) -> list[str]:
    """The root (``"zh/"``) of every edition but the default one, which is the site's root."""
    i18n = config.plugins["i18n"]
    return [
        language.link.strip("/") + "/"
        for language in i18n.config.languages
        if language.build and not language.default
    ]


def edition_of(location: str, roots: list[str]) -> str:
    """The root of the edition a location (relative to the site's root) belongs to, or ``""``."""
    return next((root for root in roots if location.startswith(root)), "")


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """A page of another edition than the default searches under its edition's root."""
    root = edition_of(page.url, editions(config))
    if not root:
        return output
    output, count = BASE.subn(lambda m: f"{m[1]}{m[2]}/{root}{m[3]}", output, count=1)
    if count != 1:
        raise ValueError(f"{page.url}: no Material __config with a base to point at {root}")
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the editions and the index
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # the other editions' build, inside mkdocs-static-i18n's: the index is not whole
    site = Path(config.site_dir)
    whole = json.loads((site / INDEX).read_text(encoding="utf-8"))
    roots = editions(config)
    for root in ["", *roots]:
        docs = [
            {**doc, "location": doc["location"].removeprefix(root)}
            for doc in whole["docs"]
            if edition_of(doc["location"], roots) == root
        ]
        if not docs:
            continue  # `mkdocs serve --dirty` built only the page just edited: keep the others'
        (site / root / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (site / root / INDEX).write_text(
            json.dumps({**whole, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
