"""Every built page in a real browser (Debian's chromium through Playwright), light and dark.

The site is served on 127.0.0.1. On every page: no console error, no request to another
machine (each is recorded, blocked, and listed), every image loaded, every formula typeset (by
KaTeX when the site was built, so no TeX is left in the page), and no violation of axe-core's
default rules once it is rendered (``tests/accessibility.py``); the same after moving between
pages with Material's instant navigation; and the search finds what a reader would look for.
Every page of the built site is one of those checked (the sitemap and the site's HTML files
are compared with the list), so a new page, or a page in another language, is never missed.
A screenshot of each page in each theme is saved under ``test-artifacts/screenshots/`` (ignored
by git) for anyone to look at.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.accessibility import PHONE, narrow_violations, violations
from tests.browser import Watch, is_local
from tests.built_pages import EDITIONS, PAGES, built_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
THEMES = {"light": "default", "dark": "slate"}  # color scheme -> Material's palette scheme
SEARCH_QUERIES = ["parameter sharing"]
# Chinese queries, each a term that jieba would cut in two without i18n/jieba-user-dict.txt:
# two glossary headings, and one found only in running text. (How the index is cut into words
# is checked on the index itself in tests/test_build.py.)
CHINESE_QUERIES = ["参数共享", "感受野", "权值共享"]
TIMEOUT_MS = 30_000


def edition(path: str) -> str:
    """The language of the edition a URL path (relative to the site's root) belongs to."""
    return "zh" if path.startswith("zh/") else "en"


def twin(path: str, language: str) -> str:
    """The same page in the edition ``language``."""
    english = path.removeprefix("zh/")
    return english if language == "en" else f"zh/{english}"


def slug(path: str) -> str:
    return path.strip("/").replace("/", "_") or "index"


# The page's language and where the language switcher leads, as the reader's browser sees them.
EDITION_STATE = """() => ({
  lang: document.documentElement.lang,
  switcher: Object.fromEntries([...document.querySelectorAll('.md-select__link[hreflang]')]
    .map(a => [a.getAttribute('hreflang'), a.href])),
})"""


def edition_problems(page, site_url: str, path: str) -> list[str]:
    """<html lang> is the edition's, and each switcher entry links this page's twin."""
    state = page.evaluate(EDITION_STATE)
    problems = []
    if state["lang"] != edition(path):
        problems.append(f"<html lang={state['lang']!r}>, expected {edition(path)!r}")
    for language in EDITIONS:
        want = urljoin(site_url, twin(path, language))
        got = state["switcher"].get(language)
        if got != want:
            problems.append(f"the switcher's {language!r} entry links {got}, not the twin {want}")
    return problems


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
# On a notebook page, cells (and a Markdown cell's text) narrower than the article: a box that is
# laid out beside the floated download/Colab buttons instead of flowing around them.
NARROW_CELLS = """() => {
  const article = document.querySelector('.md-content__inner');
  if (!article) return [];
  const width = article.getBoundingClientRect().width;
  return [...article.querySelectorAll('.jp-Cell, .jp-RenderedMarkdown')]
    .filter(cell => cell.getBoundingClientRect().width < width - 40)
    .map(cell => `${cell.className.split(' ')[0]} ${Math.round(cell.getBoundingClientRect().width)}`
      + ` px wide in an article of ${Math.round(width)} px`);
}"""
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  for (const img of images) { img.loading = 'eager'; }
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !(img.complete && img.naturalWidth > 0))
    .map(img => img.getAttribute('src').slice(0, 120));
}"""


# A widget typesets its formulas when the reader gets near it (javascripts/calculator.js loads
# KaTeX then): visit each widget and each formula not yet typeset, as a reader scrolling down
# would (once every calculator is built: it starts after the theme's first page event), and
# stay at the last one while waiting; check_rendered goes back to the top afterwards.
VISIT_UNTYPESET = """async () => {
  const built = () => [...document.querySelectorAll('.cs-calculator')]
    .every(e => e.dataset.csReady);
  for (let i = 0; i < 200 && !built(); i++) await new Promise(r => setTimeout(r, 50));
  const pending = [...document.querySelectorAll('.cs-calculator, .cs-stepper, .arithmatex')]
    .filter(e => !e.classList.contains('arithmatex') || !e.querySelector('.katex'));
  for (const e of pending) {
    e.scrollIntoView({ block: 'center' });
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
}"""


def check_rendered(page, watch: Watch, timeout_ms: int = TIMEOUT_MS) -> list[str]:
    """Problems on the page now shown: formulas not typeset, TeX errors, broken images."""
    problems = []
    page.evaluate(VISIT_UNTYPESET)
    try:
        page.wait_for_function(f"() => ({UNTYPESET})().length === 0", timeout=timeout_ms)
    except Exception:
        problems += [f"formula not typeset: {text}" for text in page.evaluate(UNTYPESET)]
    page.evaluate("window.scrollTo(0, 0)")
    problems += [f"TeX error: {text}" for text in page.evaluate(MATH_ERRORS)]
    problems += [f"image did not load: {src}" for src in page.evaluate(BROKEN_IMAGES)]
    problems += [f"notebook cell too narrow: {cell}" for cell in page.evaluate(NARROW_CELLS)[:3]]
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


def test_every_built_page_is_checked(site_dir: Path) -> None:
    """Each HTML page of the built site is one of the pages test_page opens (and axe checks)."""
    assert built_pages(site_dir) == sorted(PAGES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page(path: str, theme: str, open_page, site_url: str) -> None:
    page, watch = open_page(theme)
    page.goto(path, wait_until="load")
    problems = check_rendered(page, watch) + edition_problems(page, site_url, path)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != THEMES[theme]:
        problems.append(f"palette is {scheme!r}, expected {THEMES[theme]!r}")
    problems += [f"axe: {line}" for line in violations(page)]
    (SCREENSHOTS / theme).mkdir(parents=True, exist_ok=True)
    # JPEG: for people to look at (nothing compares them), and encoded in half the time of a PNG
    page.screenshot(path=SCREENSHOTS / theme / f"{slug(path)}.jpg", full_page=True, quality=80)
    if theme == "light":  # the same boxes scroll in either palette
        problems += [f"axe at {PHONE['width']} px: {line}" for line in narrow_violations(page)]
    fail_if(problems, f"/{path} ({theme})")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("language", EDITIONS)
def test_instant_navigation_typesets_every_page(
    language: str, theme: str, open_page, site_url: str
) -> None:
    """From an edition's home page, click each link of the navigation in turn (no reload in
    between): every page typesets, keeps its edition's <html lang>, and the language switcher
    follows it to the new page's twin."""
    home = urljoin(site_url, twin("", language))
    page, watch = open_page(theme)
    page.goto(home, wait_until="load")
    problems = check_rendered(page, watch)
    links = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]"
        ".map(a => a.href.split('#')[0]))]"
    )
    targets = [link for link in links if link != home]
    in_edition = [p for p in PAGES if edition(p) == language]
    assert len(targets) >= len(in_edition) - 1, f"navigation links: {links}"
    strays = [t for t in targets if edition(t.removeprefix(site_url)) != language]
    assert not strays, f"the {language} navigation links another edition: {strays}"
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
        here = check_rendered(page, watch)
        here += edition_problems(page, site_url, target.removeprefix(site_url))
        if not page.evaluate("() => window.__sameDocument === true"):
            here.append("the page was reloaded, not swapped in by instant navigation")
        problems += [f"{target}: {p}" for p in here]
        watch.errors.clear()
        watch.off_machine.clear()
    fail_if(problems, f"instant navigation in the {language} edition ({theme})")


def test_switching_edition_lands_on_the_twin(open_page, site_url: str) -> None:
    """After an instant navigation, the switcher leads to the new page's twin, with a full page
    load (the header, navigation and <html lang> of the other edition), and back."""
    page, watch = open_page("light")
    page.goto("glossary/", wait_until="load")
    target = urljoin(site_url, "convolution/")
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    page.wait_for_url(target)
    problems = []
    for language, path in [("zh", "zh/convolution/"), ("en", "convolution/")]:
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator(".md-header .md-select").first.hover()
        page.locator(f'.md-select__link[hreflang="{language}"]').first.click()
        page.wait_for_url(urljoin(site_url, path))
        page.wait_for_load_state("load")
        if page.evaluate("() => window.__sameDocument === true"):
            problems.append(f"{path}: swapped in by instant navigation, not loaded")
        problems += [f"{path}: {p}" for p in check_rendered(page, watch)]
        problems += [f"{path}: {p}" for p in edition_problems(page, site_url, path)]
        placeholder = page.locator("input.md-search__input").get_attribute("placeholder")
        if (placeholder == "搜索") != (language == "zh"):
            problems.append(f"{path}: the header is not the edition's (search box {placeholder!r})")
    fail_if(problems, "switching edition")


def test_the_switcher_leads_to_the_twin_while_the_next_page_is_coming(open_page, site_url) -> None:
    """Instant navigation changes the address at the click, and swaps the new page in (its
    switcher included) only when it has come. A click on the switcher in between leads to the
    twin of the page the address names, not of the page still shown: the test above once failed
    so (it landed on zh/glossary/), in the 7th of a series of browser-test runs. Here the new
    page is held back until the switcher has been clicked."""
    page, _ = open_page("light")
    # Material's instant navigation takes clicks once it has the sitemap (fetched after load);
    # a click before that is an ordinary page load, which the held request would stop forever.
    page.goto("glossary/", wait_until="networkidle")
    target = urljoin(site_url, "convolution/")
    held = []
    page.route(target, lambda route: held.append(route))  # not answered: the page never comes
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    page.wait_for_url(target)
    # The address changes at the click; the request reaches the route handler a moment later
    # (one run in 20 read `held` before it had: []). Wait for it, for at most 10 s.
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    asked = [(route.request.url, route.request.resource_type) for route in held]
    assert asked in ([(target, "xhr")], [(target, "fetch")]), f"not instant navigation: {asked}"
    page.locator(".md-header .md-select").first.hover()
    with page.expect_navigation(wait_until="load"):
        page.locator('.md-select__link[hreflang="zh"]').first.click()
    assert page.url == urljoin(site_url, "zh/convolution/")


@pytest.mark.parametrize("query", SEARCH_QUERIES)
def test_search_finds(query: str, open_page, site_url: str) -> None:
    """A query typed on the English home page finds a page that has it, and only pages of the
    English edition (each edition has its own index: hooks/edition_search.py)."""
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
    problems += [
        f"a result outside the English edition: {h}"
        for h in result_links(page)
        if edition(h.removeprefix(site_url)) != "en" or not h.startswith(site_url)
    ]
    fail_if(problems, f"search for {query!r}")


def result_links(page) -> list[str]:
    """The address of every page and section the search results link (absolute)."""
    return page.eval_on_selector_all(".md-search-result__link", "as => as.map(a => a.href)")


@pytest.mark.parametrize("how", ["typed", "?q="])
@pytest.mark.parametrize("query", CHINESE_QUERIES)
def test_chinese_search_finds_a_chinese_page_first(
    query: str, how: str, open_page, site_url: str
) -> None:
    """jieba cut the Chinese text into words when the site was built; a reader's query (one
    word to lunr) must find them, and the first result is a page of the Chinese edition."""
    page, watch = open_page("light")
    if how == "typed":
        page.goto("zh/", wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=40)
        # Material searches when a key comes up. A reader's input method commits Chinese text
        # with a key (Space or Enter); Playwright inserts it without key events, so that without
        # this key the query would run only if typed before the search index was loaded.
        box.press("End")
    else:
        page.goto(f"zh/?q={query}", wait_until="load")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible")
    try:  # results follow the typing: wait for those of the whole query
        page.wait_for_function(
            "q => (document.querySelector('.md-search-result__item')?.textContent || '')"
            ".replaceAll('\\u200b', '').includes(q)",
            arg=query,
            timeout=5_000,
        )
    except Exception:
        pass  # reported below, with what the first result shows
    href = first.get_attribute("href") or ""
    # The page's whole group of results, with the sections folded under "more results".
    text = (page.locator(".md-search-result__item").first.text_content() or "").replace(
        "\u200b", ""
    )
    (SCREENSHOTS / "light").mkdir(parents=True, exist_ok=True)
    # one file per query and way in (named by the query: 参数共享 and 权值共享 have one length)
    way = "typed" if how == "typed" else "address"
    page.screenshot(path=SCREENSHOTS / "light" / f"search-zh-{way}-{query}.png")
    problems = watch.problems()
    if not urljoin(site_url, href).startswith(urljoin(site_url, "zh/")):
        problems.append(f"the first result is not a Chinese page: {href}")
    problems += [
        f"a result outside the Chinese edition: {h}"
        for h in result_links(page)
        if not h.startswith(urljoin(site_url, "zh/"))
    ]
    if query not in text:
        problems.append(f"the first result does not show {query!r}: {text[:200]!r}")
    fail_if(problems, f"search for {query!r} ({how})")


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
                    "<article class='md-content__inner' style='width:600px'>"
                    "<div class='jp-Cell' style='width:400px'>x</div></article>"
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
    assert "notebook cell too narrow: jp-Cell 400 px wide in an article of 600 px" in text
    assert "console error: boom" in text
    assert "request to another machine (blocked): https://cdn.example.org/lib.js" in text
