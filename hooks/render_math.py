"""Formulas typeset at build time: every page ships HTML + MathML, no math JavaScript.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). After each page is rendered it finds

- the formulas ``pymdownx.arithmatex`` (``generic: true``) wrapped in
  ``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``
  (Markdown pages, in every language of the site), and
- the ``$...$``, ``$$...$$``, ``\\(...\\)`` and ``\\[...\\]`` left in the text of a notebook's
  Markdown cells (``.jp-RenderedMarkdown``, as mkdocs-jupyter writes them; code is skipped),

and replaces each with KaTeX's HTML (what is drawn, with the fonts in
``docs/javascripts/vendor/katex/``) and MathML (what a screen reader reads; it carries the TeX
as an annotation, which is what a copy of the formula gives). KaTeX runs in one Node process,
``hooks/katex_server.js``, started on the first formula and kept for the whole build or
``mkdocs serve`` session; each distinct formula is rendered once per process (cached).

Search: Material's index would hold each formula three times (the drawing's text, the MathML's
and the TeX); the MathML (with the TeX) is marked ``data-search-exclude``, so an excerpt shows
the drawing's text once.

A formula that is all of a table's header cell is written as KaTeX's drawing alone, not hidden
from screen readers (they read its symbols in a row): with both, the drawing is hidden from
screen readers and the MathML from the eye, so the header cell would count as empty (axe:
empty-table-header).

A formula KaTeX cannot read fails the build, naming the page and the formula.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
KATEX_JS = ROOT / "docs" / "javascripts" / "vendor" / "katex" / "katex.min.js"
SERVER_JS = Path(__file__).resolve().parent / "katex_server.js"
KATEX_VERSION = "0.19.1"  # the vendored copy; see docs/javascripts/vendor/README.md

# pymdownx.arithmatex, generic mode: the TeX, HTML-escaped, between \( \) or \[ \].
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.S,
)
# KaTeX's MathML, with the TeX as its annotation: left out of the search index (Material's
# data-search-exclude), so that a result's excerpt shows each formula once, as the text of its
# drawing, not three times. (The drawing cannot be the one left out: Material's search parser
# ends an excluded element at the first closing tag of the same name, and the drawing is spans
# within spans; a MathML formula holds no other <math>.)
MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML"'
# A notebook's Markdown cell (its closing tag is found by counting <div>s).
NOTEBOOK_CELL = re.compile(r'<div class="[^"]*\bjp-Rendered(?:Markdown|Latex)\b[^"]*"[^>]*>')
DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.I)
TAG = re.compile(r"(<[^>]*>)")
# TeX in a notebook cell's text. "$" opens only before a non-space and closes only after one
# (as in Pandoc), so a price like "$5 or $6" stays text.
NOTEBOOK_MATH = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|\$(?P<i2>[^\s$](?:[^$]*?[^\s$])?)\$",
    re.S,
)


class KaTeX:
    """The Node process that renders TeX with the vendored KaTeX, and a cache of its answers."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._cache: dict[tuple[str, bool, str], str | Exception] = {}

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node")
        if node is None:
            raise PluginError(
                "render_math: Node.js (`node`) is needed to typeset the formulas at build time "
                "and is not on PATH; `make serve` and `make test` install it (Debian's nodejs)"
            )
        if not KATEX_JS.is_file():
            raise PluginError(f"render_math: the vendored KaTeX is missing: {KATEX_JS}")
        proc = subprocess.Popen(
            [node, str(SERVER_JS), str(KATEX_JS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        atexit.register(self.close)
        return proc

    def render(self, formulas: list[tuple[str, bool, str]]) -> list[str | Exception]:
        """HTML for each (tex, display, output), or KaTeX's error for it, in the same order.

        ``output`` is ``""`` (HTML + MathML) or ``"html"`` (the drawing alone)."""
        todo = list(dict.fromkeys(f for f in formulas if f not in self._cache))
        if todo:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            assert self._proc.stdin is not None
            assert self._proc.stdout is not None
            self._proc.stdin.write(json.dumps(todo) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
            if not line:
                raise PluginError("render_math: the KaTeX process (node) stopped unexpectedly")
            answers = json.loads(line)
            if not isinstance(answers, list):
                raise PluginError(f"render_math: KaTeX process: {answers.get('error')}")
            for formula, answer in zip(todo, answers, strict=True):
                html_or_error = answer.get("html")
                self._cache[formula] = html_or_error or ValueError(answer.get("error"))
        return [self._cache[f] for f in formulas]

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        self._proc = None


KATEX = KaTeX()


def _notebook_cells(content: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each notebook Markdown cell in ``content``."""
    spans = []
    for start in NOTEBOOK_CELL.finditer(content):
        depth = 1
        for tag in DIV_TAG.finditer(content, start.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                spans.append((start.end(), tag.start()))
                break
    return spans


TH_CELL = re.compile(r"<th\b[^>]*>\s*$")


def _alone_in_header_cell(content: str, start: int, end: int) -> bool:
    """Whether the formula at ``content[start:end]`` is all there is in a ``<th>``."""
    return bool(TH_CELL.search(content, max(0, start - 200), start)) and bool(
        re.match(r"\s*</th>", content[end : end + 20])
    )


def _find(content: str) -> list[tuple[int, int, str, bool, str]]:
    """Every formula in ``content``: (start, end, tex, display, wrapper tag or "")."""
    found = [
        (m.start(), m.end(), html.unescape(m["tex"]).strip(), m["open"] == "[", m["tag"])
        for m in ARITHMATEX.finditer(content)
    ]
    for cell_start, cell_end in _notebook_cells(content):
        position, in_code = cell_start, 0
        for part in TAG.split(content[cell_start:cell_end]):
            if part.startswith("<"):
                name = re.match(r"</?\s*(\w+)", part)
                if name and name[1].lower() in {"code", "pre"}:
                    in_code += -1 if part.startswith("</") else 1
            elif not in_code:
                for m in NOTEBOOK_MATH.finditer(part):
                    tex = next(g for g in m.groups() if g is not None)
                    display = m["d1"] is not None or m["d2"] is not None
                    found.append(
                        (
                            position + m.start(),
                            position + m.end(),
                            html.unescape(tex).strip(),
                            display,
                            "",
                        )
                    )
            position += len(part)
    return sorted(found)


def typeset(content: str, where: str) -> str:
    """``content`` with every formula replaced by KaTeX's HTML + MathML."""
    found = _find(content)
    if not found:
        return content
    outputs = ["html" if _alone_in_header_cell(content, s, e) else "" for s, e, *_ in found]
    rendered = KATEX.render(
        [(tex, display, out) for (_, _, tex, display, _), out in zip(found, outputs, strict=True)]
    )
    errors = [
        f"  {'display' if display else 'inline'} formula {tex!r}: {result}"
        for (_, _, tex, display, _), result in zip(found, rendered, strict=True)
        if isinstance(result, Exception)
    ]
    if errors:
        raise PluginError(
            f"render_math: KaTeX cannot typeset {len(errors)} formula(s) in {where}:\n"
            + "\n".join(errors)
        )
    out, last = [], 0
    for (start, end, _, _, tag), result, output in zip(found, rendered, outputs, strict=True):
        if output == "html":  # KaTeX hides its drawing from screen readers: not here
            result = result.replace(
                '<span class="katex-html" aria-hidden="true">', '<span class="katex-html">', 1
            )
        else:  # the search index reads the drawing's text only, not also the MathML and TeX
            result = result.replace(MATHML, MATHML + " data-search-exclude", 1)
        tag = tag or "span"  # in a notebook cell's <p>: KaTeX's display is a block <span>
        out += [content[last:start], f'<{tag} class="arithmatex">{result}</{tag}>']
        last = end
    out.append(content[last:])
    return "".join(out)


def on_page_content(html_content: str, page, config, files) -> str:
    return typeset(html_content, page.file.src_uri)


def on_shutdown() -> None:
    KATEX.close()
