"""Every built page within the page-weight budget (tests/page_budget.py), every image sized, no
script holding up the first paint.

- Weight: each page is opened in Chromium at a phone's size; every file it fetches is counted as
  its gzip size, by kind (script, stylesheet, image, font, and in total) against ``BUDGET``.
- Images: every ``<img>`` of every page has a ``width`` and a ``height`` (so nothing moves when
  it arrives).
- Fonts: a page asks up front for exactly the KaTeX fonts its formulas use (none for nothing,
  none late: a formula drawn before its font arrives moves when it does).
- Sideways scrolling: at a phone's width (390 CSS pixels) no page is wider than the screen
  (wide code and tables scroll inside their own box), and no displayed formula is wider than
  its box: a formula does not scroll, since a reader on a phone would have to scroll it sideways
  (and a keyboard cannot: axe's scrollable-region-focusable).
- Render-blocking scripts: in ``<head>``, the only script that runs before the page is drawn is
  the theme's own small inline one (``__md_scope=...``); any other must be ``async``, ``defer``
  or a module, or go to the end of ``<body>`` (``extra_javascript`` does).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.accessibility import PHONE
from tests.browser import Watch
from tests.built_pages import PAGES, built_pages
from tests.page_budget import BUDGET, KIB, VIEWPORT

KINDS = ("script", "stylesheet", "image", "font")
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map", ".ipynb"}


def transferred(site_dir: Path, url: str, site_url: str) -> int:
    """Bytes a gzip-serving host would send for ``url``: a site file, compressed if text."""
    if url.startswith("data:"):
        return 0  # part of the file that holds it, counted there
    if not url.startswith(site_url):
        raise AssertionError(f"a request that is not to the site: {url}")
    path = site_dir / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    if path.suffix in COMPRESSED:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def weigh(page, site_dir: Path, site_url: str, path: str) -> dict[str, int]:
    """The bytes of each kind the page at ``path`` fetches when opened (and in total)."""
    responses = []

    def record(response) -> None:
        responses.append(response)

    page.on("response", record)
    page.goto(site_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.remove_listener("response", record)
    weight = dict.fromkeys((*KINDS, "total"), 0)
    for response in responses:
        size = transferred(site_dir, response.url, site_url)
        kind = response.request.resource_type
        if kind in weight:
            weight[kind] += size
        weight["total"] += size
    return weight


# The fonts the page asks for up front (<link rel=preload as=font>: hooks/math_fonts.py), and
# the KaTeX fonts its text uses once it is laid out, each named as its file (KaTeX_Main-Bold).
FONTS_ASKED_AND_USED = """() => ({
  asked: [...document.querySelectorAll('link[rel=preload][as=font]')]
    .map(link => link.href.split('/').pop().replace(/[.]woff2$/, '')),
  used: [...document.fonts].filter(f => f.status === 'loaded' && f.family.includes('KaTeX'))
    .map(f => f.family.replace(/["']/g, '') + '-' + ((/^(bold|700)$/.test(f.weight) ? 'Bold' : '')
      + (f.style === 'italic' ? 'Italic' : '') || 'Regular')),
})"""


def fonts_not_asked_for_as_used(page) -> list[str]:
    """With the page open in ``page``: fonts asked for up front that no text uses (downloaded for
    nothing), and KaTeX fonts in use that were not asked for (they come late, and the formulas
    move when they do)."""
    fonts = page.evaluate(FONTS_ASKED_AND_USED)
    asked, used = set(fonts["asked"]), set(fonts["used"])
    return [f"font asked for up front, used by no text: {f}" for f in sorted(asked - used)] + [
        f"font used by a formula, not asked for up front: {f}" for f in sorted(used - asked)
    ]


# How far the page scrolls sideways, and the outermost elements that stick out on the right.
SIDEWAYS = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const out = [...document.body.querySelectorAll('*')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5
      && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5);
  });
  return { by: root.scrollWidth - width, what: out.slice(0, 3).map(e =>
    e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '')) };
}"""


# Displayed formulas wider than their box (which then scrolls): width, box and the TeX.
WIDE_FORMULAS = """() => [...document.querySelectorAll('.md-typeset div.arithmatex')]
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => e.scrollWidth + ' px in ' + e.clientWidth + ' px: '
    + (e.querySelector('annotation') || e).textContent.replace(/\\s+/g, ' ').slice(0, 60))"""


def sideways(page) -> list[str]:
    """How the page open in ``page`` scrolls sideways at the phone's width: the page itself, and
    each displayed formula that does."""
    page.set_viewport_size(PHONE)
    found = page.evaluate(SIDEWAYS)
    width = PHONE["width"]
    problems = [
        f"formula scrolls sideways at {width} px ({f})" for f in page.evaluate(WIDE_FORMULAS)
    ]
    if found["by"] > 0:
        what = ", ".join(found["what"])
        problems.insert(0, f"scrolls sideways by {found['by']} px at {width} px: {what}")
    return problems


def over_budget(path: str, weight: dict[str, int], budget: dict[str, int]) -> list[str]:
    """One line per kind whose weight is over its budget."""
    return [
        f"/{path}: {kind} {weight[kind] / KIB:.1f} KiB > budget {budget[kind] / KIB:.0f} KiB"
        for kind in budget
        if weight[kind] > budget[kind]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_within_the_weight_budget_and_a_phones_width(
    path: str, browser, site_dir: Path, site_url: str
) -> None:
    """Every page of the site (``PAGES``; test_browser checks they are all the built pages),
    opened in a fresh browser context (nothing cached) at a phone's size."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        watch = Watch(page)
        weight = weigh(page, site_dir, site_url, path)
        problems = over_budget(path, weight, BUDGET)
        problems += [f"/{path}: {font}" for font in fonts_not_asked_for_as_used(page)]
        problems += [f"/{path}: {wide}" for wide in sideways(page)]
        problems += watch.problems()
    finally:
        context.close()
    if problems:
        pytest.fail(
            "over the page-weight budget (tests/page_budget.py), or too wide for a phone:\n  "
            + "\n  ".join(problems)
            + "\nweights (KiB): "
            + ", ".join(f"{k} {v / KIB:.1f}" for k, v in weight.items()),
            pytrace=False,
        )


IMG = re.compile(r"<img\b[^>]*>", re.S)
HEAD_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def images_without_size(html: str) -> list[str]:
    """The <img> tags of ``html`` that lack a width or a height."""
    return [
        tag[:120]
        for tag in IMG.findall(html)
        if not (re.search(r"\swidth=", tag) and re.search(r"\sheight=", tag))
    ]


def blocking_head_scripts(html: str) -> list[str]:
    """Scripts in ``<head>`` that hold up the first paint, but for the theme's own inline one."""
    head = html.split("</head>", 1)[0]
    found = []
    for m in HEAD_SCRIPT.finditer(head):
        attrs = m["attrs"]
        kind = re.search(r'type="([^"]*)"', attrs)
        if kind and kind[1] not in {"text/javascript", "module"}:
            continue  # data (JSON, templates), not run
        if re.search(r"\s(async|defer)\b", attrs) or (kind and kind[1] == "module"):
            continue
        if "src=" not in attrs and m["body"].lstrip().startswith("__md_scope="):
            continue  # the theme's: where the site lives, for its local storage
        found.append(m.group(0)[:120])
    return found


def found_in_pages(site_dir: Path, find) -> list[str]:
    """``/page: tag`` for every tag ``find`` returns from the HTML of each built page."""
    return [
        f"/{path}: {tag}"
        for path in built_pages(site_dir)
        for tag in find((site_dir / path / "index.html").read_text("utf-8"))
    ]


def test_every_image_has_width_and_height(site_dir: Path) -> None:
    problems = found_in_pages(site_dir, images_without_size)
    assert not problems, "images without width and height:\n" + "\n".join(problems)


def test_no_render_blocking_script_in_head(site_dir: Path) -> None:
    problems = found_in_pages(site_dir, blocking_head_scripts)
    assert not problems, "render-blocking scripts in <head>:\n" + "\n".join(problems)


# --- the checks themselves must be able to fail -----------------------------------------------


def test_detectors_flag_a_broken_page() -> None:
    page = (
        '<html><head><script>__md_scope=new URL("..",location)</script>'
        '<script src="x.js"></script><script src="y.js" defer></script>'
        '<script type="application/json">{}</script><script>var a = 1</script></head>'
        '<body><img src="a.png" width="10"><img src="b.png" width="10" height="5">'
        '<img alt="" src="c.svg"></body></html>'
    )
    assert blocking_head_scripts(page) == [
        '<script src="x.js"></script>',
        "<script>var a = 1</script>",
    ]
    assert images_without_size(page) == ['<img src="a.png" width="10">', '<img alt="" src="c.svg">']
    weight = {"script": 70 * KIB, "stylesheet": 0, "image": 0, "font": 0, "total": 70 * KIB}
    assert over_budget("x/", weight, {"script": 60 * KIB, "total": 500 * KIB}) == [
        "/x/: script 70.0 KiB > budget 60 KiB"
    ]


@pytest.mark.browser
def test_sideways_flags_a_page_wider_than_a_phone(browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        body = "<p>fits</p><div class='wide' style='width:400px'>x</div>"
        page.set_content(body)
        assert sideways(page) == ["scrolls sideways by 18 px at 390 px: div.wide"]
        page.set_content(
            "<p>fits</p><pre style='overflow:auto'><div style='width:900px'>x</div></pre>"
        )
        assert sideways(page) == []
        # a displayed formula that scrolls in its box (as the theme lets it) is flagged, with
        # its TeX; one that fits is not
        formula = (
            "<div class='md-typeset'><div class='arithmatex' style='overflow:auto'>"
            "<span style='display:inline-block;width:{}px'><annotation>y = {}</annotation>"
            "</span></div></div>"
        )
        page.set_content(formula.format(500, "a + b"))
        assert sideways(page) == [
            "formula scrolls sideways at 390 px (500 px in 374 px: y = a + b)"
        ]
        page.set_content(formula.format(360, "a"))
        assert sideways(page) == []
    finally:
        context.close()
