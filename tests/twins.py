"""The two editions of a page: what a Chinese twin (``X.zh.md``) must carry over unchanged from
its English page (``X.md``), and which pages have no twin yet and why.

A twin is a translation of the prose only. Everything the tests check on the English page, and
everything a reader copies or compares, must be the same, in the same order: code fences
(verbatim, with their titles), ``--8<--`` targets, output blocks (snippet, ``table`` flag and the
printed text), image sources, display-math bodies, exercises and solution blocks, links into the
API reference and ``{#id}`` of every heading. ``X.zh.ipynb`` has the same code cells as
``X.ipynb``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

from markdown.extensions.toc import slugify

import tests.nav
from tests.outputs import ROOT, parse_page

DOCS = ROOT / "docs"
LANGUAGE = "zh"

# --- pages without a Chinese twin -------------------------------------------------------------
# ONE list, emptied page by page by the translators: the page's path under docs/ and the reason
# it has no twin yet. A page listed here that has a twin fails the test (take it off the list).
NOT_YET_TRANSLATED: dict[str, str] = {}
# Pages that stay English in the Chinese edition for good, with the reason a reader would accept.
ENGLISH_ONLY: dict[str, str] = {}


# --- the pages ----------------------------------------------------------------------------------


def nav_pages() -> list[str]:
    """Every page in ``nav:``, as paths under docs/, in reading order."""
    return [page.removeprefix("docs/") for page in tests.nav.nav_pages()]


def twin_path(page: str) -> str:
    """``notebooks/playground.ipynb`` -> ``notebooks/playground.zh.ipynb``."""
    stem, suffix = page.rsplit(".", 1)
    return f"{stem}.{LANGUAGE}.{suffix}"


def english_path(twin: str) -> str:
    """``glossary.zh.md`` -> ``glossary.md``."""
    stem, suffix = twin.rsplit(".", 1)
    return f"{stem.removesuffix('.' + LANGUAGE)}.{suffix}"


def twins(docs: Path = DOCS) -> list[str]:
    """Every Chinese page or notebook under docs/, as paths under docs/."""
    found = [*docs.rglob(f"*.{LANGUAGE}.md"), *docs.rglob(f"*.{LANGUAGE}.ipynb")]
    return sorted(p.relative_to(docs).as_posix() for p in found)


# --- what a Markdown page must carry over unchanged -------------------------------------------

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})(?P<info>.*)$")
SNIPPET_TARGET = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(?P<target>[^"']+)\1""")
IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)[^)]*\)|<img\b[^>]*\bsrc=[\"'](?P<img>[^\"']+)")
DISPLAY_MATH = re.compile(r"\$\$(?P<body>.+?)\$\$", re.S)
API_LINK = re.compile(r"\]\[(?P<id>convshare(?:\.\w+)+)\]")
MKDOCSTRINGS = re.compile(r"^[ \t]*:::[ \t]+(?P<id>\S+)")
HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}[ \t]*$")
ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>\?\?\?\+?|!!!)[ \t]*(?P<type>[\w-]+)")
# "**Exercise 2.**" in English, "**练习 2**" (or "练习 2.", "练习 2：") in Chinese
EXERCISE = re.compile(r"\*\*(?:Exercise|练习)[ \t]*(?P<n>\d+)[ \t]*[.．:：]?\*\*")
PYTEST_MARKER = re.compile(r"<!--[-\s]*pytest[^>]*-->")


def _split(text: str, page: str) -> tuple[list[str], list[list[str]], list[tuple]]:
    """The page's prose lines (fences and output blocks blanked), its fences, its output blocks."""
    lines = text.splitlines()
    outputs = []
    for block in parse_page(text, page):
        outputs.append((block.snippet, block.table, block.shown.strip("\n")))
        for i in range(block.line - 1, block.end_line):
            lines[i] = ""
    fences, prose = [], []
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i])
        if m is None:
            prose.append(lines[i])
            i += 1
            continue
        marks, start = m.group("marks"), i
        i += 1
        while i < len(lines) and not lines[i].lstrip().startswith(marks):
            i += 1
        fences.append(lines[start : i + 1])
        prose.extend([""] * (i + 1 - start))
        i += 1
    return prose, fences, outputs


def heading_id(text: str) -> str:
    """The anchor of a heading: its ``{#id}``, else what MkDocs' toc derives from its text."""
    m = HEADING_ID.search(text)
    if m:
        return m.group("id")
    plain = re.sub(r"[`*_]|\$[^$]*\$", "", text)
    return slugify(unicodedata.normalize("NFKC", plain), "-")


def carried_over(text: str, page: str) -> dict[str, list]:
    """What the twin of this page must have unchanged, each in page order."""
    prose_lines, fences, outputs = _split(text, page)
    prose = "\n".join(prose_lines)
    headings = [
        (len(m.group("level")), heading_id(m.group("text")))
        for m in map(HEADING.match, prose_lines)
        if m
    ]
    return {
        "code fences": ["\n".join(fence) for fence in fences],
        "--8<-- targets": [
            m.group("target") for line in text.splitlines() if (m := SNIPPET_TARGET.match(line))
        ],
        "output blocks": outputs,
        "image sources": [m.group("src") or m.group("img") for m in IMAGE.finditer(prose)],
        "display math": [" ".join(m.group("body").split()) for m in DISPLAY_MATH.finditer(prose)],
        "exercises": [int(m.group("n")) for m in EXERCISE.finditer(prose)],
        "admonitions and solutions": [
            (len(m.group("indent")), m.group("marker"), m.group("type"))
            for m in map(ADMONITION.match, prose_lines)
            if m
        ],
        "API-reference links": [m.group("id") for m in API_LINK.finditer(prose)]
        + [m.group("id") for m in map(MKDOCSTRINGS.match, prose_lines) if m],
        "pytest-codeblocks markers": PYTEST_MARKER.findall(prose),
        "headings and {#ids}": headings,
    }


def differences(english: str, chinese: str, page: str) -> list[str]:
    """What the Chinese text ``chinese`` changed of the English page ``page``: one line each."""
    problems = []
    want = carried_over(english, page)
    got = carried_over(chinese, twin_path(page))
    for kind, items in want.items():
        if got[kind] == items:
            continue
        for k, (a, b) in enumerate(zip(items, got[kind], strict=False)):
            if a != b:
                problems.append(f"{kind} #{k + 1}: English has {a!r}, the twin {b!r}")
                break
        else:
            want_n, got_n = len(items), len(got[kind])
            extra = f" (first extra: {got[kind][want_n]!r})" if got_n > want_n else ""
            missing = f" (first missing: {items[got_n]!r})" if want_n > got_n else ""
            problems.append(f"{kind}: English has {want_n}, the twin {got_n}{extra}{missing}")
    return problems


# --- notebooks ----------------------------------------------------------------------------------


def code_cells(path: Path) -> list[str]:
    """The source of every code cell of a notebook, in order."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]


def _notebook_headings():
    """hooks/notebook_headings.py, which gives a Chinese notebook's headings the English ids."""
    spec = importlib.util.spec_from_file_location(
        "notebook_headings", ROOT / "hooks" / "notebook_headings.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def heading_levels(path: Path) -> list[int]:
    """The level of every heading in the Markdown cells of a notebook, in order."""
    return [level for level, _ in _notebook_headings().markdown_headings(path)]


def notebook_differences(english: Path, chinese: Path) -> list[str]:
    want, got = code_cells(english), code_cells(chinese)
    problems = []
    for k, (a, b) in enumerate(zip(want, got, strict=False)):
        if a != b:
            problems.append(f"code cell #{k + 1}: English has {a[:80]!r}, the twin {b[:80]!r}")
    if len(want) != len(got):
        problems.append(f"code cells: English has {len(want)}, the twin {len(got)}")
    # the k-th heading of the twin gets the id of the k-th English one (hooks/notebook_headings.py)
    if heading_levels(english) != heading_levels(chinese):
        problems.append(
            f"headings: English has levels {heading_levels(english)}, "
            f"the twin {heading_levels(chinese)}"
        )
    return problems


# --- where the two editions put a page ----------------------------------------------------------


def url_path(page: str, language: str | None = None) -> str:
    """The URL path, relative to the site's root, of a page (a path under docs/) in an edition.

    ``glossary.md`` -> ``glossary/``, and ``zh/glossary/`` in Chinese; ``index.md`` -> ``""``
    and ``zh/``. A twin (``glossary.zh.md``) lives at its English page's Chinese path. An English
    page without a twin is served in English at its Chinese path too.
    """
    if f".{LANGUAGE}." in page:
        page, language = english_path(page), LANGUAGE
    stem = page.rsplit(".", 1)[0]
    path = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{language}/{path}" if language and language != "en" else path
