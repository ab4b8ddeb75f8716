"""The symbols a page writes in its TeX, and the notation table that defines them.

The notation table is the one on the overview page (docs/index.md, section "Notation"): its first
column lists the symbols, as TeX. A *size symbol* is what can drift between pages: any capital
letter (bold or not) with its subscript, and the kernel and side letters k and n with theirs
(C_{in} is not C_\\text{in}, k_h is not k_H). Lower-case letters that name values or indices
(x, w, i, j, u, v ...) are free.
"""

from __future__ import annotations

import json
import re

FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```[ \t]*$", re.M | re.S)
INLINE_CODE = re.compile(r"`[^`\n]*`")
MATH = re.compile(r"\$\$(.+?)\$\$|\$((?:(?!\n[ \t]*\n)[^$])+?)\$", re.S)  # inline: no blank line
SUBSCRIPT = r"(?:_(?:\\text\{[^{}]*\}|\{[^{}]*\}|[A-Za-z0-9]))?"
TOKEN = re.compile(
    r"(?P<skip>\\(?:text|mathrm|operatorname|mathbb|begin|end)\{[^{}]*\})"
    rf"|(?P<bold>\\mathbf\{{[A-Za-z]\}}{SUBSCRIPT})"
    r"|(?P<command>\\[A-Za-z]+)"
    rf"|(?P<letter>[A-Za-z]{SUBSCRIPT})"
)
SIZE_LETTERS = set("kn")


def tex(text: str, page: str) -> list[str]:
    """Every formula of a page (Markdown, or the Markdown cells of a notebook)."""
    if page.endswith(".ipynb"):
        cells = json.loads(text)["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    # Generated tables stay (they are shown as tables, TeX included); printed text is fenced.
    text = INLINE_CODE.sub(" ", FENCE.sub(" ", text))
    return [display or inline for display, inline in MATH.findall(text)]


def symbols(formula: str) -> list[str]:
    """The size symbols of one formula, spaces removed: 'k_H', 'C_\\text{in}', '\\mathbf{P}'."""
    found = []
    for match in TOKEN.finditer(formula):
        symbol = match.group("bold") or match.group("letter")
        if symbol is None:
            continue
        base = symbol[len("\\mathbf{")] if match.group("bold") else symbol[0]
        if match.group("bold") or base.isupper() or base in SIZE_LETTERS:
            found.append(re.sub(r"\s+", "", symbol))
    return found


def defined(index_md: str) -> set[str]:
    """The symbols the notation table of the overview page defines (its first column)."""
    section = index_md.split("\n## Notation", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| $")]
    table = set()
    for row in rows:
        first = row.split("|")[1]
        for formula in re.findall(r"\$([^$]+)\$", first):
            table.update(symbols(formula))
    return table
