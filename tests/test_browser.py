"""Every built page in a real browser (Debian's chromium through Playwright), light and dark.

The site is served on 127.0.0.1. On every page: no console error, no request to another
machine (each is recorded, blocked, and listed), every image loaded, every formula typeset (by
KaTeX when the site was built, so no TeX is left in the page); the same after moving between
pages with Material's instant navigation; and the search finds what a reader would look for.
A screenshot of each page in each theme is saved under ``test-artifacts/screenshots/`` (ignored
by git) for anyone to look at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.utils.yaml import yaml_load

from tests.browser import Watch, is_local

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
THEMES = {"light": "default", "dark": "slate"}  # color scheme -> Material's palette scheme
SEARCH_QUERIES = ["parameter sharing"]
TIMEOUT_MS = 30_000


def page_paths() -> list[str]:
    """URL path of every page, from the sources (the sitemap is checked against this list)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    excluded = str(config.get("exclude_docs") or "").split()
    paths = []
    for source in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]):
        relative = source.relative_to(DOCS).as_posix()
        if relative in excluded or ".ipynb_checkpoints" in relative:
            continue
        stem = relative.rsplit(".", 1)[0]
        paths.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return paths


PAGES = page_paths()


def slug(path: str) -> str:
    return path.strip("/").replace("/", "_") or "index"


# JavaScript run in the page.
# Formulas left as raw TeX: an arithmatex element without KaTeX's output, or TeX delimiters
# still in the text of a notebook's Markdown cell (the build replaces them with KaTeX's output).
UNTYPESET = r"""() => {
  const raw = [...document.querySelectorAll('.arithmatex')]
    .filter(e => !e.querySelector('.katex'))
    .map(e => e.textContent.trim().slice(0, 80));
  for (const cell of document.querySelectorAll('.jp-RenderedMarkdown, .jp-RenderedLatex')) {
    const text = cell.cloneNode(true);
    text.querySelectorAll('.katex, code, pre').forEach(n => n.remove());
    const m = text.textContent.match(/\$\$[^$]+\$\$|\$[^$\s][^$]*\$|\\\(.+?\\\)|\\\[.+?\\\]/s);
    if (m) raw.push(m[0].slice(0, 80));
  }
  return raw;
}"""
MATH_ERRORS = """() => [...document.querySelectorAll('.katex-error')]
  .map(e => (e.getAttribute('title') || e.textContent).slice(0, 120))"""
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = 'eager'; }
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !(img.complete && img.naturalWidth > 0))
    .map(img => img.getAttribute('src').slice(0, 120));
}"""


def check_rendered(page, watch: Watch, timeout_ms: int = TIMEOUT_MS) -> list[str]:
    """Problems on the page now shown: formulas not typeset, TeX errors, broken images."""
    problems = []
    try:
        page.wait_for_function(f"() => ({UNTYPESET})().length === 0", timeout=timeout_ms)
    except Exception:
        problems += [f"formula not typeset: {text}" for text in page.evaluate(UNTYPESET)]
    problems += [f"TeX error: {text}" for text in page.evaluate(MATH_ERRORS)]
    problems += [f"image did not load: {src}" for src in page.evaluate(BROKEN_IMAGES)]
    return problems + watch.problems()


@pytest.fixture
def open_page(browser, site_url: str):
    """Open a fresh page in a given theme; returns (page, watch); closes it afterwards."""
    contexts = []

    def open_(theme: str):
        context = browser.new_context(
            color_scheme=theme, viewport={"width": 1280, "height": 900}, base_url=site_url
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        return page, Watch(page)

    yield open_
    for context in contexts:
        context.close()


def fail_if(problems: list[str], where: str) -> None:
    if problems:
        pytest.fail(f"{where}:\n" + "\n".join(f"  {p}" for p in problems), pytrace=False)


def test_sitemap_lists_every_page(site_dir: Path, site_url: str) -> None:
    tree = ET.parse(site_dir / "sitemap.xml")
    locs = [e.text or "" for e in tree.iter() if e.tag.endswith("loc")]
    assert locs, "the sitemap lists no page"
    assert all(loc.startswith(site_url) for loc in locs), locs
    assert sorted(loc.removeprefix(site_url) for loc in locs) == sorted(PAGES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page(path: str, theme: str, open_page) -> None:
    page, watch = open_page(theme)
    page.goto(path, wait_until="load")
    problems = check_rendered(page, watch)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != THEMES[theme]:
        problems.append(f"palette is {scheme!r}, expected {THEMES[theme]!r}")
    (SCREENSHOTS / theme).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / theme / f"{slug(path)}.png", full_page=True)
    fail_if(problems, f"/{path} ({theme})")


@pytest.mark.parametrize("theme", THEMES)
def test_instant_navigation_typesets_every_page(theme: str, open_page, site_url: str) -> None:
    """From the home page, click each link of the navigation in turn (no reload in between)."""
    page, watch = open_page(theme)
    page.goto("", wait_until="load")
    problems = check_rendered(page, watch)
    links = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]"
        ".map(a => a.href.split('#')[0]))]"
    )
    targets = [link for link in links if link != urljoin(site_url, "")]
    assert len(targets) >= len(PAGES) - 1, f"navigation links: {links}"
    page.evaluate("() => { window.__sameDocument = true; }")
    for target in targets:
        # Material has made the navigation's links absolute; click the one for `target`.
        page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
        page.wait_for_url(target)
        page.wait_for_function(
            "url => [...document.querySelectorAll('.md-nav--primary a.md-nav__link--active')]"
            ".some(a => a.href.split('#')[0] === url)",
            arg=target,
        )
        here = [f"{target}: {p}" for p in check_rendered(page, watch)]
        if not page.evaluate("() => window.__sameDocument === true"):
            here.append(f"{target}: the page was reloaded, not swapped in by instant navigation")
        problems += here
        watch.errors.clear()
        watch.off_machine.clear()
    fail_if(problems, f"instant navigation ({theme})")


@pytest.mark.parametrize("query", SEARCH_QUERIES)
def test_search_finds(query: str, open_page) -> None:
    page, watch = open_page("light")
    page.goto("", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    texts = results.all_inner_texts()
    words = query.lower().split()
    matching = [t for t in texts if all(w in t.lower() for w in words)]
    (SCREENSHOTS / "light").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "light" / f"search-{slug(query.replace(' ', '-'))}.png")
    problems = watch.problems()
    if not matching:
        problems.append(f"no search result contains {query!r}; results: {texts[:5]}")
    fail_if(problems, f"search for {query!r}")


# --- the watchers themselves must be able to fail ---------------------------------------------


def test_only_this_machine_counts_as_local() -> None:
    assert is_local("http://127.0.0.1:8123/assets/x.js")
    assert is_local("data:image/png;base64,AAAA")
    assert not is_local("https://cdn.jsdelivr.net/npm/katex@0.19.1/dist/katex.min.js")
    assert not is_local("https://api.github.com/repos/convshare/convshare")
    assert not is_local("http://127.0.0.2/")


def test_watch_catches_external_script_missing_image_and_raw_math(browser) -> None:
    """A deliberately bad page: every kind of problem must be reported."""
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(page)
        page.route(
            "http://127.0.0.1/bad.html",
            lambda route: route.fulfill(
                content_type="text/html",
                body=(
                    "<p class='arithmatex'>\\(x\\)</p><img src='/missing.png'>"
                    "<span class='katex-error' title='ParseError: \\foo'>\\foo</span>"
                    "<div class='jp-RenderedMarkdown'><p>cell $y^2$ <code>$HOME</code></p></div>"
                    "<script src='https://cdn.example.org/lib.js'></script>"
                    "<script>console.error('boom')</script>"
                ),
            ),
        )
        page.goto("http://127.0.0.1/bad.html", wait_until="load")
        page.wait_for_timeout(200)
        problems = check_rendered(page, watch, timeout_ms=500)
    finally:
        context.close()
    text = "\n".join(problems)
    assert "formula not typeset: \\(x\\)" in text
    assert "formula not typeset: $y^2$" in text
    assert "TeX error: ParseError: \\foo" in text
    assert "image did not load: /missing.png" in text
    assert "console error: boom" in text
    assert "request to another machine (blocked): https://cdn.example.org/lib.js" in text
