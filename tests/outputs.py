"""Generated output blocks: the printed output of a snippet, shown on a page and kept true.

A page shows what a snippet prints between two HTML comments::

    <!-- output: snippets/convolution_worked_example.py -->

    ```text
    [[4. 3. 4.]]
    ```

    <!-- /output -->

With ``table`` after the path, the snippet prints a Markdown table and its output is inserted as
it is, so that it renders as a table. The markers may be indented (inside an admonition or a
``??? success`` block); the generated lines then get the same indentation.

``python -m tests.outputs --write`` runs every referenced snippet (a fresh ``python`` process,
working directory = the repository root, so ``__name__ == "__main__"``) and rewrites the blocks;
``python -m tests.outputs --check`` lists the blocks that are stale. ``tests/test_snippets.py``
uses the same functions, so the check in ``make test`` and the writer cannot disagree.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = "docs"
SNIPPETS = "snippets"
MAX_SNIPPET_LINES = 25
SNIPPET_TIMEOUT_SECONDS = 300

OPEN = re.compile(r"^(?P<indent>[ \t]*)<!--\s*output:\s*(?P<args>.*?)\s*-->\s*$")
CLOSE = re.compile(r"^[ \t]*<!--\s*/output\s*-->\s*$")
ANY_MARKER = re.compile(r"^[ \t]*<!--\s*/?output\b")  # a marker that starts a line
# A page embeds a whole snippet file with  --8<-- "snippets/NAME.py"  (quotes ' or ").
EMBED = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(?P<path>snippets/[^"':]+?)\1[ \t]*$""", re.M)


class OutputBlockError(ValueError):
    """A malformed output block, or a snippet that cannot produce its output."""


@dataclass(frozen=True)
class OutputBlock:
    """One ``<!-- output: PATH [table] -->`` ... ``<!-- /output -->`` region of a page."""

    page: str  # repository-relative path of the page, e.g. "docs/convolution.md"
    line: int  # 1-based line of the opening marker
    end_line: int  # 1-based line of the closing marker
    snippet: str  # repository-relative path of the snippet, e.g. "snippets/x.py"
    table: bool
    indent: str
    shown: str  # the lines between the markers, as they are on the page

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def pages(root: Path = ROOT) -> list[Path]:
    """Every Markdown page under docs/, sorted."""
    return sorted((root / DOCS).rglob("*.md"))


def snippet_files(root: Path = ROOT) -> list[str]:
    """Every ``snippets/*.py`` file, as repository-relative paths."""
    return sorted(p.relative_to(root).as_posix() for p in (root / SNIPPETS).glob("*.py"))


def parse_page(text: str, page: str) -> list[OutputBlock]:
    """Find the output blocks of one page; raise OutputBlockError on a malformed one."""
    lines = text.splitlines(keepends=True)
    blocks: list[OutputBlock] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = OPEN.match(line)
        if m is None:
            if CLOSE.match(line):
                raise OutputBlockError(
                    f"{page}:{i + 1}: <!-- /output --> without an opening marker"
                )
            if ANY_MARKER.search(line):
                raise OutputBlockError(
                    f"{page}:{i + 1}: an output marker must stand alone on its line, as in "
                    "'<!-- output: snippets/NAME.py [table] -->' or '<!-- /output -->'"
                )
            i += 1
            continue
        args = m.group("args").split()
        if not args or len(args) > 2 or (len(args) == 2 and args[1] != "table"):
            raise OutputBlockError(
                f"{page}:{i + 1}: expected '<!-- output: snippets/NAME.py -->' or "
                f"'<!-- output: snippets/NAME.py table -->', got {line.strip()!r}"
            )
        snippet = args[0]
        if not snippet.startswith(f"{SNIPPETS}/") or not snippet.endswith(".py"):
            raise OutputBlockError(
                f"{page}:{i + 1}: the output of {snippet!r} cannot be shown: "
                f"only files in {SNIPPETS}/ ending in .py are run"
            )
        for j in range(i + 1, len(lines)):
            if CLOSE.match(lines[j]):
                break
            if ANY_MARKER.match(lines[j]) and not OPEN.match(lines[j]):
                raise OutputBlockError(
                    f"{page}:{j + 1}: an output marker must stand alone on its line, as in "
                    "'<!-- /output -->'"
                )
            if OPEN.match(lines[j]):
                raise OutputBlockError(
                    f"{page}:{i + 1}: output block for {snippet} is not closed "
                    f"before the next one at line {j + 1} (add <!-- /output -->)"
                )
        else:
            raise OutputBlockError(
                f"{page}:{i + 1}: output block for {snippet} has no closing <!-- /output -->"
            )
        blocks.append(
            OutputBlock(
                page=page,
                line=i + 1,
                end_line=j + 1,
                snippet=snippet,
                table=len(args) == 2,
                indent=m.group("indent"),
                shown="".join(lines[i + 1 : j]),
            )
        )
        i = j + 1
    return blocks


def find_blocks(root: Path = ROOT) -> list[OutputBlock]:
    """Every output block on every page under docs/."""
    blocks = []
    for path in pages(root):
        page = path.relative_to(root).as_posix()
        blocks.extend(parse_page(path.read_text(encoding="utf-8"), page))
    return blocks


def embeds(root: Path = ROOT) -> dict[str, list[str]]:
    """``{snippet path: [pages that embed the whole file with --8<--]}``."""
    found: dict[str, list[str]] = {}
    for path in pages(root):
        page = path.relative_to(root).as_posix()
        for m in EMBED.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group("path"), []).append(page)
    return found


def snippet_problems(snippet: str, root: Path = ROOT) -> list[str]:
    """What is wrong with one snippet file's place in the site (empty when nothing)."""
    problems = []
    n = len((root / snippet).read_text(encoding="utf-8").splitlines())
    if n > MAX_SNIPPET_LINES:
        problems.append(f"{snippet} has {n} lines; a snippet has at most {MAX_SNIPPET_LINES}")
    embedded_on = embeds(root).get(snippet, [])
    shown_on = [block.page for block in find_blocks(root) if block.snippet == snippet]
    if not embedded_on:
        problems.append(
            f'{snippet} is not embedded by any page: add  --8<-- "{snippet}"  in a '
            "```python fence on a page under docs/, or delete the file"
        )
    if not shown_on:
        problems.append(
            f"{snippet} has no output block: add  <!-- output: {snippet} -->  and  "
            "<!-- /output -->  after the fence that embeds it, then run `make figures`"
        )
    elif embedded_on and not set(embedded_on) & set(shown_on):
        problems.append(
            f"{snippet} is embedded on {', '.join(embedded_on)} but its output is shown on "
            f"{', '.join(shown_on)}: show the output on the page that embeds it"
        )
    return problems


@functools.cache
def run_snippet(snippet: str, root: Path = ROOT) -> str:
    """Run one snippet as a program (fresh process, cwd = root) and return its stdout."""
    path = root / snippet
    if not path.is_file():
        raise OutputBlockError(f"{snippet}: no such file")
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    env.pop("PYTHONSTARTUP", None)
    proc = subprocess.run(
        [sys.executable, snippet],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=SNIPPET_TIMEOUT_SECONDS,
        check=False,
    )
    if proc.returncode != 0:
        raise OutputBlockError(
            f"{snippet} failed (exit status {proc.returncode}):\n{proc.stderr.rstrip()}"
        )
    if not proc.stdout.strip():
        raise OutputBlockError(f"{snippet} printed nothing: a snippet must print its result")
    return proc.stdout


def render(block: OutputBlock, stdout: str) -> str:
    """The text that belongs between the markers of ``block`` for this stdout."""
    body = stdout.rstrip("\n").split("\n")
    if not block.table:
        body = ["```text", *body, "```"]
    lines = ["", *body, ""]
    return "".join(f"{block.indent}{line}".rstrip() + "\n" for line in lines)


def _core(text: str) -> str:
    """Text without the blank lines around it (layout, not content) or trailing spaces."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def expected(block: OutputBlock, root: Path = ROOT) -> str:
    return render(block, run_snippet(block.snippet, root))


def shows(block: OutputBlock, stdout: str) -> bool:
    """Whether the page shows exactly this stdout of the block's snippet (layout aside)."""
    return _core(block.shown) == _core(render(block, stdout))


def is_stale(block: OutputBlock, root: Path = ROOT) -> bool:
    return not shows(block, run_snippet(block.snippet, root))


def diff_from(block: OutputBlock, stdout: str, printed: str = "printed now") -> str:
    """A unified diff from what the page shows to this stdout of the block's snippet."""
    return "".join(
        difflib.unified_diff(
            (_core(block.shown) + "\n").splitlines(keepends=True),
            (_core(render(block, stdout)) + "\n").splitlines(keepends=True),
            fromfile=f"{block.where} (shown on the page)",
            tofile=f"{block.snippet} ({printed})",
        )
    )


def diff(block: OutputBlock, root: Path = ROOT) -> str:
    """A unified diff from what the page shows to what the snippet prints now."""
    return diff_from(block, run_snippet(block.snippet, root))


def write(root: Path = ROOT) -> tuple[list[OutputBlock], list[str]]:
    """Rewrite every block that is not in its generated form; return (changed, errors).

    A snippet that fails leaves its block as it is and is reported; the others are written.
    """
    changed, errors = [], []
    for path in pages(root):
        page = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            blocks = parse_page(text, page)
        except OutputBlockError as error:
            errors.append(str(error))
            continue
        lines = text.splitlines(keepends=True)
        # From the bottom up, so earlier line numbers stay valid.
        for block in reversed(blocks):
            try:
                new = expected(block, root)
            except OutputBlockError as error:
                errors.append(f"{block.where}: {error}")
                continue
            if block.shown != new:
                lines[block.line : block.end_line - 1] = [new]
                changed.append(block)
        new_text = "".join(lines)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
    return changed, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.outputs", description=__doc__.split("\n")[0]
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite every generated block")
    mode.add_argument("--check", action="store_true", help="list stale blocks, exit 1 if any")
    args = parser.parse_args(argv)
    try:
        if args.write:
            changed, errors = write()
            for block in changed:
                print(f"updated {block.where} <- {block.snippet}")
            for error in errors:
                print(f"error: {error}", file=sys.stderr)
            return 1 if errors else 0
        stale = [block for block in find_blocks() if is_stale(block)]
    except OutputBlockError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for block in stale:
        print(diff(block))
    if stale:
        print(f"{len(stale)} stale output block(s); run `make figures` to regenerate them.")
        return 1
    print("every output block is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
