"""The site builds with ``mkdocs build --strict`` without a warning, and loads nothing from the web.

Links (``<a href>``) to sources and papers are fine: the reader follows them on purpose. What a
page *loads* by itself (scripts, stylesheets, images, fonts, frames) must come with the site.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BuiltSite
from tests.mkdocs_config import markdown_extension

pytestmark = pytest.mark.build

# <link rel=...> values that make the browser fetch something (canonical, alternate: it doesn't).
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}
# (tag, attribute) pairs whose URL the browser loads as part of the page.
LOADED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
}
CSS_URL = re.compile(r"""(?:url\(\s*|@import\s+)['"]?(?P<url>[^'")\s]+)""", re.I)


def is_remote(url: str) -> bool:
    """True for a URL that points to another machine (http:, https:, or protocol-relative)."""
    url = url.strip()
    return urlsplit(url).scheme in {"http", "https", "ftp", "ws", "wss"} or url.startswith("//")


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []  # (line, description)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        urls = []
        if tag == "link" and FETCHING_RELS & set(values.get("rel", "").lower().split()):
            urls.append(("href", values.get("href", "")))
        for name, value in values.items():
            if (tag, name) in LOADED or (tag in {"image", "use"} and name == "xlink:href"):
                parts = [p.split()[0] for p in value.split(",") if p.split()]
                urls += [(name, part) for part in (parts if "srcset" in name else [value])]
            if name == "style":
                urls += [("style", m.group("url")) for m in CSS_URL.finditer(value)]
        for name, url in urls:
            if is_remote(url):
                self.found.append((line, f"<{tag} {name}={url!r}>"))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for m in CSS_URL.finditer(data):
                if is_remote(m.group("url")):
                    self.found.append((self.getpos()[0], f"<style> url({m.group('url')})"))


def remote_loads_in_html(html: str) -> list[tuple[int, str]]:
    parser = _Loads()
    parser.feed(html)
    parser.close()
    return parser.found


def remote_loads_in_css(css: str) -> list[tuple[int, str]]:
    found = []
    for m in CSS_URL.finditer(css):
        if is_remote(m.group("url")):
            found.append((css.count("\n", 0, m.start()) + 1, f"url({m.group('url')})"))
    return found


def remote_loads(site: Path) -> list[str]:
    """Every place in the built site that would load something from another machine."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            hits = remote_loads_in_html(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            hits = remote_loads_in_css(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{path.relative_to(site)}:{line}: {what}" for line, what in hits]
    return found


def test_strict_build_has_no_warnings(built_site: BuiltSite) -> None:
    if built_site.returncode != 0 or built_site.warnings:
        pytest.fail(
            f"mkdocs build --strict: exit status {built_site.returncode}, "
            f"{len(built_site.warnings)} warning(s):\n"
            + "\n".join(built_site.warnings or built_site.log.splitlines()[-40:]),
            pytrace=False,
        )


def test_every_page_and_notebook_is_built(site_dir: Path) -> None:
    """Every page in both editions: English under /, Chinese under /zh/ (a page without a
    Chinese twin is built there in English)."""
    from tests.twins import url_path

    docs = Path(__file__).resolve().parent.parent / "docs"
    sources = [p for p in docs.rglob("*.md") if "vendor" not in p.parts]
    sources += list(docs.rglob("*.ipynb"))
    missing = []
    for source in sources:
        page = source.relative_to(docs).as_posix()
        for language in ("en", "zh"):
            built = Path(url_path(page, language)) / "index.html"
            if not (site_dir / built).is_file():
                missing.append(f"{page} -> {built}")
    assert not missing, f"pages that were not built: {missing}"


ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')


def test_terms_carry_their_tooltip_on_every_page_and_in_the_docstrings(site_dir: Path) -> None:
    """Every <abbr> of the built site is a term of the glossary with its own tooltip, the
    chapters have them, and so do the API reference's docstrings (mkdocstrings converts each
    docstring with the site's Markdown extensions, so the glossary reaches them too)."""
    glossary, wrong, per_page = markdown_extension("abbr")["glossary"], [], {}
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        found = [(html.unescape(title), term) for title, term in ABBR.findall(text)]
        wrong += [
            f"{page}: {term!r} has {title!r}"
            for title, term in found
            if glossary.get(term) != title
        ]
        docstrings = (
            text.split('<div class="doc doc-contents', 1)[-1] if "doc-contents" in text else ""
        )
        per_page[page] = (len(found), len(ABBR.findall(docstrings)))
    assert not wrong, wrong
    assert per_page["convolution/index.html"][0] > 0, per_page["convolution/index.html"]
    for reference in ("reference/index.html", "zh/reference/index.html"):
        assert per_page[reference][1] > 0, f"no tooltip in the docstrings of {reference}"


HEADING_ID = re.compile(r'<h[1-6] id="([^"]*)"')
TOC_LINK = re.compile(r'<a href="#([^"]*)" class="md-nav__link">')


def test_a_chinese_notebook_keeps_the_english_headings_anchors(site_dir: Path) -> None:
    """mkdocs-jupyter's ASCII-only slug gives a Chinese heading ``id=""``: the hook
    hooks/notebook_headings.py gives it the English one, and the contents link to it."""
    from tests.twins import english_path, twins, url_path

    notebooks = [t for t in twins() if t.endswith(".ipynb")]
    assert notebooks, "no Chinese notebook to check"
    for twin in notebooks:
        page = english_path(twin)
        english = (site_dir / url_path(page, "en") / "index.html").read_text(encoding="utf-8")
        chinese = (site_dir / url_path(twin) / "index.html").read_text(encoding="utf-8")
        want = HEADING_ID.findall(english)
        assert want, f"{page}: no heading found"
        assert all(want), f"{page}: headings without an id: {want}"
        assert HEADING_ID.findall(chinese) == want, f"{twin}: not the anchors of {page}"
        toc = TOC_LINK.findall(chinese)
        assert toc, f"{twin}: no table of contents found"
        assert set(toc) <= set(want), f"{twin}: contents link to {set(toc) - set(want)}"


# Terms that jieba cuts in two unless i18n/jieba-user-dict.txt keeps them whole.
WHOLE_TERMS = ["参数共享", "感受野", "权值共享", "互相关"]


def search_terms(index: dict, location_prefix: str) -> set[str]:
    """The words the search finds in the entries under ``location_prefix``: their text cut at
    the index's own separator, as Material's search cuts it in the browser."""
    separator = re.compile(index["config"]["separator"])
    terms = set()
    for entry in index["docs"]:
        if entry["location"].startswith(location_prefix):
            text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"])
            terms.update(t for t in separator.split(text) if t)
    return terms


def test_the_search_index_has_chinese_words_as_terms(site_dir: Path) -> None:
    """jieba cut the Chinese text into words when the site was built (U+200B between them);
    the separator must split there, and the user dictionary keep the site's terms whole."""
    import json

    index = json.loads((site_dir / "zh" / SEARCH_INDEX).read_text(encoding="utf-8"))
    terms = search_terms(index, "glossary/")
    glued = sorted(t for t in terms if "\u200b" in t)[:5]
    assert not glued, f"words still joined by U+200B (the separator misses it): {glued}"
    missing = [term for term in WHOLE_TERMS if term not in terms]
    assert not missing, f"cut in two (not in i18n/jieba-user-dict.txt?): {missing}"


SEARCH_INDEX = Path("search") / "search_index.json"
EDITION_ROOTS = ["", "zh/"]  # English at the site's root, Chinese under zh/
CONFIG_BASE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base": "([^"]*)"')


def edition_root(path: str) -> str:
    return "zh/" if path.startswith("zh/") else ""


def test_each_edition_searches_its_own_pages(site_dir: Path) -> None:
    """Each edition's search index (at its root) holds every page of that edition and nothing
    else, and each page's Material config points its search at its own edition's root
    (hooks/edition_search.py): an English reader neither downloads nor finds the Chinese text."""
    import json
    from urllib.parse import urljoin

    from tests.built_pages import built_pages

    pages = built_pages(site_dir)
    problems = []
    for root in EDITION_ROOTS:
        index = json.loads((site_dir / root / SEARCH_INDEX).read_text(encoding="utf-8"))
        found = sorted({root + doc["location"].split("#")[0] for doc in index["docs"]})
        wanted = [page for page in pages if edition_root(page) == root]
        if found != wanted:
            strays, missing = sorted(set(found) - set(wanted)), sorted(set(wanted) - set(found))
            problems.append(f"/{root}{SEARCH_INDEX}: other editions' {strays}, missing {missing}")
    for page in pages:
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        base = CONFIG_BASE.search(html)
        # Material resolves the base against the page's address, as urljoin does.
        searched = urljoin(f"http://site/{page}", base[1]) if base else None
        if searched != f"http://site/{edition_root(page)}":
            problems.append(f"/{page}: searches under {searched}, not its edition's root")
    assert not problems, "\n".join(problems)


def test_nothing_is_loaded_from_another_machine(site_dir: Path) -> None:
    found = remote_loads(site_dir)
    if found:
        pytest.fail(
            f"{len(found)} thing(s) in the built site would be loaded from another machine "
            "(vendor them under docs/ instead):\n" + "\n".join(found),
            pytrace=False,
        )


# --- the detector itself must be able to fail -------------------------------------------------

EXTERNAL_PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="canonical" href="https://convshare.github.io/convshare/">
<link rel="icon" href="assets/favicon.png">
<style>@font-face { src: url("//fonts.gstatic.com/x.woff2"); }</style>
</head><body>
<a href="https://arxiv.org/abs/1404.5997">a source, fine</a>
<img src="../figures/a.svg" srcset="a.png 1x, https://example.org/a@2x.png 2x">
<div style="background: url(https://example.org/bg.png)"></div>
<script src="javascripts/vendor/mathjax/tex-mml-chtml.js"></script>
<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
</body></html>
"""


def test_detector_flags_external_loads_and_spares_links() -> None:
    found = remote_loads_in_html(EXTERNAL_PAGE)
    assert [line for line, _ in found] == [3, 6, 9, 10, 12]
    text = "\n".join(what for _, what in found)
    assert "fonts.googleapis.com" in text
    assert "fonts.gstatic.com" in text
    assert "https://example.org/a@2x.png" in text
    assert "bg.png" in text
    assert "cdn.jsdelivr.net" in text
    assert "arxiv.org" not in text
    assert "convshare.github.io" not in text


def test_detector_reads_css_files(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text(
        "@import 'https://example.org/x.css';\n"
        ".a { background: url(data:image/png;base64,AAAA); }\n"
        "@font-face { src: url(../fonts/x.woff2), url('https://example.org/y.woff2'); }\n",
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    assert remote_loads(tmp_path) == [
        "a.css:1: url(https://example.org/x.css)",
        "a.css:3: url(https://example.org/y.woff2)",
    ]
