"""The page-weight budget: what one page may make a phone download, gzip-compressed, in bytes.

The one place the budget is set; ``tests/test_page_weight.py`` holds every built page to it and
``docs/how-this-site-is-tested.md`` shows it. A page's weight is what the browser fetches when
the page is opened at a phone's size (412 x 823 CSS pixels, as Lighthouse's mobile run): the
files of each kind, each counted as its gzip-compressed size (what a server sends), images and
fonts as they are (already compressed). Images further down the page are fetched only when the
reader scrolls to them (``loading="lazy"``), so they do not count here.
"""

from __future__ import annotations

KIB = 1024

BUDGET = {
    "script": 60 * KIB,  # the theme's bundle and the widgets: 56 KiB (KaTeX, for the calculator,
    # comes only when the reader scrolls to it)
    "stylesheet": 40 * KIB,  # the theme's CSS, KaTeX's, the widgets', a notebook page's own
    "image": 250 * KIB,  # the figures in view when the page opens
    "font": 100 * KIB,  # KaTeX's fonts that the formulas in use need (94 KiB on performance/)
    # All of the above, the HTML, and anything else the page fetches: the edition's search index
    # (about 100 KiB; both editions' together made 216 KiB) among it. 365 KiB on zh/filters/.
    "total": 400 * KIB,
}

VIEWPORT = {"width": 412, "height": 823}
