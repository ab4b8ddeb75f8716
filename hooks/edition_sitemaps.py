"""Each edition's root gets the site's sitemap.xml (``/zh/sitemap.xml`` beside ``/sitemap.xml``).

Material's language switcher fetches ``sitemap.xml`` under every ``<link rel=alternate>`` in
``<head>`` (the editions' roots, ``extra.alternate`` in mkdocs.yml) to find the page's twin;
mkdocs-static-i18n writes one sitemap, at the site's root, listing both editions with their
alternates. Without the copy the browser logs a 404 on every Chinese page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SITEMAP = "sitemap.xml"


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other editions
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    i18n = config.plugins["i18n"]
    for language in i18n.config.languages:
        if language.default or not language.build:
            continue
        edition = site / language.link.strip("/")
        if (site / SITEMAP).is_file() and edition.is_dir():
            shutil.copyfile(site / SITEMAP, edition / SITEMAP)
