"""Every ```python fence on every page runs, after its --8<-- lines are expanded like the site does.

pytest-codeblocks (its public ``extract_from_buffer`` / ``CodeBlock``) finds the fences and its
markers (``cont``, ``expected-output``, ``<!--pytest.mark.skip(reason=...)-->``). On its own it
reads the raw Markdown, so it would run ``--8<-- "snippets/x.py"`` as Python, and it silently skips
any fence whose info string is not exactly ``python``. Here:

* each ``--8<--`` line is expanded by pymdownx.snippets' own preprocessor, configured from the
  ``pymdownx.snippets`` entry of ``mkdocs.yml`` (base paths taken from the repository root, where
  ``mkdocs build`` runs);
* every block runs in a fresh namespace with ``__name__ == "__main__"`` (working directory = the
  repository root), and a failure names the page, the fence line and, for a line that came from
  a snippet, the snippet's file and line;
* a fence the suite would not run (``py``, ``python3``, ``pycon``, ``~~~``, ``{.python}``) and a
  marker it does not know fail ``test_page_fences_and_markers`` with a message saying what to write.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import re
import sys
import textwrap
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import numpy as np
import pytest
from pytest_codeblocks import CodeBlock, extract_from_buffer

from tests.mkdocs_config import markdown_extension

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# pytest-codeblocks keywords a page may use (CONTRIBUTING.md); anything else fails the page.
KNOWN_KEYWORDS = {"cont", "expected-output", "expected-output-ignore-whitespace"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<marks>`{3,}|~{3,})(?P<info>.*)$")
CODEBLOCKS_MARKER = re.compile(r"<!--[-\s]*pytest-codeblocks:(?P<keyword>.*)-->")
MARK_MARKER = re.compile(r"<!--[-\s]*(?P<mark>pytest\.mark\..*)-->")
ANY_PYTEST_COMMENT = re.compile(r"<!--[-\s]*pytest", re.I)
SKIP_MARK = re.compile(r"""pytest\.mark\.skip\(reason=("[^"]+"|'[^']+')\)""")
PYTHONISH = re.compile(r"^\{?\.?(py|python\S*|pycon|ipython\S*|py3)\b", re.I)


# --- reading mkdocs.yml's snippets settings -------------------------------------------------


def snippets_config(mkdocs_yml: Path = ROOT / "mkdocs.yml") -> dict:
    """The ``pymdownx.snippets`` options of ``mkdocs.yml``, as the site uses them."""
    return markdown_extension("pymdownx.snippets", mkdocs_yml)


def make_preprocessor(config: dict, root: Path = ROOT):
    """pymdownx.snippets' preprocessor with the site's options.

    Relative base paths are taken from ``root`` (``mkdocs build`` runs there). ``auto_append``
    adds text at the end of a whole page, never inside a fence, so it is left out here.
    """
    options = dict(config)
    options.pop("auto_append", None)
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    options["base_path"] = [str((root / base).resolve()) for base in bases]
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options}
    )
    return md.preprocessors["snippet"]


# --- fences, with the page lines they came from ------------------------------------------------


@dataclass
class Fence:
    line: int  # 1-based line of the opening fence on the page
    indent: int
    info: str
    body: list[str]  # lines between the fences, as pytest-codeblocks cuts them


@dataclass
class Origin:
    """Where one line of a block's code came from."""

    file: str
    line: int
    via: str | None = None  # "page:line" of the --8<-- line that pulled it in

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" + (f" (included at {self.via})" if self.via else "")


@dataclass
class Block:
    page: str
    codeblock: CodeBlock
    code: str = ""
    origins: list[Origin] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.page}:{self.codeblock.lineno}"


def scan(text: str) -> tuple[list[Fence], list[tuple[int, str]]]:
    """All fences of a page (pytest-codeblocks' rules) and the marker-looking comments."""
    lines = text.splitlines(keepends=True)
    fences, comments = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line.rstrip("\n"))
        if m is None:
            if ANY_PYTEST_COMMENT.search(line):
                comments.append((i + 1, line.strip()))
            i += 1
            continue
        marks = m.group("marks")
        indent = len(line) - len(line.lstrip())
        body = []
        j = i + 1
        while j < len(lines) and not lines[j].lstrip().startswith(marks):
            raw = lines[j]
            cut = min(indent, len(raw) - len(raw.lstrip()))
            body.append(raw[cut:])
            j += 1
        fences.append(Fence(i + 1, indent, marks[0] * 3 + m.group("info").strip(), body))
        i = j + 1
    return fences, comments


def fence_problems(text: str, page: str) -> list[str]:
    """Fences and markers on a page that the suite would not run or not understand."""
    problems = []
    fences, comments = scan(text)
    for fence in fences:
        where = f"{page}:{fence.line}"
        info = fence.info[3:]
        language = info.split()[0] if info.split() else ""
        if fence.info.startswith("~~~"):
            problems.append(
                f"{where}: a ~~~ fence is not collected by the tests; write it with ``` "
                "(```python for code, ```text for output)"
            )
        elif language != "python" and PYTHONISH.match(language):
            problems.append(
                f"{where}: ```{info} is not run by the tests; write ```python "
                '(attributes after a space, e.g. ```python title="snippets/x.py") and show '
                "output in a ```text fence"
            )
    for lineno, comment in comments:
        where = f"{page}:{lineno}"
        m = CODEBLOCKS_MARKER.fullmatch(comment)
        mark = MARK_MARKER.fullmatch(comment)
        if m is not None:
            keyword = m.group("keyword").strip("- ")
            if keyword not in KNOWN_KEYWORDS:
                problems.append(
                    f"{where}: unknown marker {comment!r}; use <!--pytest-codeblocks:cont-->, "
                    "<!--pytest-codeblocks:expected-output--> or "
                    '<!--pytest.mark.skip(reason="...")-->'
                )
        elif mark is not None:
            text_mark = mark.group("mark").strip()
            if not SKIP_MARK.fullmatch(text_mark):
                problems.append(
                    f"{where}: {comment!r}: the only mark a page may use is "
                    '<!--pytest.mark.skip(reason="why a reader would accept")-->'
                )
        else:
            problems.append(
                f"{where}: {comment!r} is not a pytest-codeblocks marker, so it would be ignored; "
                "write <!--pytest-codeblocks:cont-->, <!--pytest-codeblocks:expected-output--> "
                'or <!--pytest.mark.skip(reason="...")-->'
            )
    return problems


def python_blocks(text: str, page: str, preprocessor) -> list[Block]:
    """The page's ```python blocks, expanded, each line with its origin."""
    codeblocks = extract_from_buffer(io.StringIO(text))
    fences, _ = scan(text)
    # Replay pytest-codeblocks' grouping to know which fences make up each block.
    pending = None
    groups: list[list[Fence]] = []
    markers = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = CODEBLOCKS_MARKER.fullmatch(line.strip())
        if m is not None:
            markers[lineno] = m.group(1).strip("- ")
    marker_lines = sorted(markers)
    previous = 0
    for fence in fences:
        for lineno in marker_lines:
            if previous < lineno < fence.line:
                keyword = markers[lineno]
                pending = "cont" if keyword == "cont" else "output"
        if pending == "cont" and groups:
            groups[-1].append(fence)
        elif pending != "output":
            groups.append([fence])
        pending = None
        previous = fence.line + len(fence.body) + 1
    if [g[0].line for g in groups] != [c.lineno for c in codeblocks]:
        raise AssertionError(f"{page}: harness and pytest-codeblocks disagree on the fences")

    blocks = []
    for codeblock, group in zip(codeblocks, groups, strict=True):
        if (codeblock.syntax or "").split()[:1] != ["python"]:
            continue
        if "".join("".join(f.body) for f in group) != codeblock.code:
            raise AssertionError(f"{page}:{codeblock.lineno}: harness lost track of the lines")
        block = Block(page, codeblock)
        lines: list[str] = []
        for fence in group:
            body = [line.rstrip("\n") for line in fence.body]
            offset = 0
            while offset < len(body):
                page_line = fence.line + 1 + offset
                m = preprocessor.RE_ALL_SNIPPETS.match(body[offset])
                if m and m.group("block_marker") and not m.group("escape"):
                    # Block form: --8<-- / paths / --8<--, expanded together.
                    end = next(
                        (
                            k
                            for k in range(offset + 1, len(body))
                            if (e := preprocessor.RE_ALL_SNIPPETS.match(body[k]))
                            and e.group("block_marker")
                        ),
                        len(body) - 1,
                    )
                    expanded = preprocessor.run(body[offset : end + 1])
                    origins = [Origin(page, page_line)] * len(expanded)
                    offset = end + 1
                else:
                    expanded, origins = expand_line(body[offset], page, page_line, preprocessor)
                    offset += 1
                lines.extend(expanded)
                block.origins.extend(origins)
        block.code = "\n".join(lines) + "\n"
        blocks.append(block)
    return blocks


def expand_line(line: str, page: str, page_line: int, preprocessor):
    """Expand one line of a block with the site's preprocessor; return (lines, origins)."""
    here = Origin(page, page_line)
    if "8<-" not in line or preprocessor.RE_ALL_SNIPPETS.match(line) is None:
        return [line], [here]
    expanded = preprocessor.run([line])
    m = preprocessor.RE_ALL_SNIPPETS.match(line)
    if m.group("escape") or not m.group("inline_marker"):
        return expanded, [here] * len(expanded)
    target = preprocessor.parse_snippet_target(m.group("snippet")[1:-1].strip())
    path = preprocessor.get_snippet_path(target["path"]) if target else None
    numbers = _source_lines(preprocessor, path, target) if path else None
    if numbers is not None and len(numbers) == len(expanded):
        file = Path(path).resolve()
        name = str(file)
        for base in map(Path, preprocessor.base_path):  # named as on the page
            if file.is_relative_to(base):
                name = file.relative_to(base).as_posix()
                break
        via = f"{page}:{page_line}"
        return expanded, [Origin(name, n, via) for n in numbers]
    # Nested includes or dedented sections: point at the --8<-- line itself.
    return expanded, [here] * len(expanded)


def _source_lines(preprocessor, path: str, target: dict) -> list[int] | None:
    """Line numbers (1-based) in ``path`` of the lines the preprocessor includes, if simple."""
    raw = preprocessor.read_lines(path)
    numbered = list(range(1, len(raw) + 1))
    if any(preprocessor.RE_ALL_SNIPPETS.match(line) for line in raw):
        return None
    if target["section"]:
        inside, kept = False, []
        for number, line in zip(numbered, raw, strict=True):
            m = preprocessor.match_section(line)
            if m is not None and m.group("name") == target["section"]:
                if m.group("type") == "start":
                    inside = True
                    continue
                break
            if m is not None:
                continue
            if inside:
                kept.append(number)
        return kept
    if target["start"] and target["end"]:
        kept = []
        for start, end in zip(target["start"], target["end"], strict=True):
            kept.extend(numbered[slice(start, end)])
        return kept
    return [
        n for n, line in zip(numbered, raw, strict=True) if not preprocessor.match_section(line)
    ]


# --- running a block ---------------------------------------------------------------------------


class BlockFailure(Exception):
    """A block raised or printed something else than the page shows."""


def run_block(block: Block) -> str:
    """Run a block like a reader's program; return what it printed."""
    filename = f"<{block.where}>"
    lines = block.code.splitlines(keepends=True)
    linecache.cache[filename] = (len(block.code), None, lines, filename)
    out = io.StringIO()
    saved_print_options = np.get_printoptions()
    try:
        code = compile(block.code, filename, "exec")
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "__main__", "__builtins__": __builtins__})
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        raise BlockFailure(describe(block, error, filename)) from None
    finally:
        np.set_printoptions(**saved_print_options)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        linecache.cache.pop(filename, None)
    return out.getvalue()


def describe(block: Block, error: BaseException, filename: str) -> str:
    """Say where a failing block failed: page, fence, and snippet file:line."""
    if isinstance(error, SyntaxError) and error.filename == filename and error.lineno:
        numbers = [error.lineno]
    else:
        frames = traceback.extract_tb(error.__traceback__)
        numbers = [f.lineno for f in frames if f.filename == filename and f.lineno]
    message = [f"{block.where}: the ```python block failed: {type(error).__name__}: {error}"]
    if numbers:
        origin = block.origins[numbers[-1] - 1]
        source = block.code.splitlines()[numbers[-1] - 1].strip()
        message.append(f"  at {origin}: {source}")
    # The traceback from the block's first line on (without the harness's own frame).
    tb = error.__traceback__.tb_next if error.__traceback__ else None
    message.append("".join(traceback.format_exception(type(error), error, tb)).rstrip())
    return "\n".join(message)


def check_block(block: Block) -> None:
    """Run a block; compare its output with the page's expected-output fence, if any."""
    printed = run_block(block)
    expected = block.codeblock.expected_output
    if expected is None:
        return
    got = printed
    if block.codeblock.expected_output_ignore_whitespace:
        expected, got = re.sub(r"\s+", "", expected), re.sub(r"\s+", "", got)
    if expected != got:
        raise BlockFailure(
            f"{block.where}: the block printed\n{printed}\nbut the page shows\n"
            f"{block.codeblock.expected_output}"
        )


# --- the tests over the real pages -------------------------------------------------------------

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in DOCS.rglob("*.md"))
PREPROCESSOR = make_preprocessor(snippets_config())


def _collect() -> list:
    params = []
    for page in PAGES:
        if page.endswith(".zh.md"):
            # A Chinese twin's fences and markers are the English page's, verbatim
            # (tests/test_twins.py): running the English page's blocks runs them.
            continue
        text = (ROOT / page).read_text(encoding="utf-8")
        try:
            blocks = python_blocks(text, page, PREPROCESSOR)
        except Exception:  # reported, with its reason, by test_page_fences_and_markers
            continue
        for block in blocks:
            # Only the skip-with-a-reason mark is applied; others fail the page test.
            marks = [
                eval(mark, {"pytest": pytest})
                for mark in block.codeblock.marks
                if SKIP_MARK.fullmatch(mark.strip())
            ]
            params.append(pytest.param(block, id=block.where, marks=marks))
    return params


@pytest.mark.parametrize("page", PAGES)
def test_page_fences_and_markers(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    problems = fence_problems(text, page)
    if not problems:
        try:
            python_blocks(text, page, PREPROCESSOR)
        except Exception as error:
            problems.append(f"{page}: {type(error).__name__}: {error}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("block", _collect())
def test_python_block(block: Block, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failure = None
    try:
        check_block(block)
    except BlockFailure as error:
        failure = str(error)
    if failure:  # outside the except block, so the report is not chained to the exception
        pytest.fail(failure, pytrace=False)


# --- the harness itself, on synthetic pages: each check must be able to fail ----------------


def _blocks(tmp_path: Path, page: str, files: dict[str, str] | None = None) -> list[Block]:
    for name, content in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    preprocessor = make_preprocessor({"base_path": ["."], "check_paths": True}, tmp_path)
    return python_blocks(textwrap.dedent(page), "docs/page.md", preprocessor)


def test_snippets_settings_come_from_mkdocs_yml(tmp_path: Path) -> None:
    yml = tmp_path / "mkdocs.yml"
    yml.write_text(
        "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [src]\n", encoding="utf-8"
    )
    assert snippets_config(yml) == {"base_path": ["src"]}
    yml.write_text("markdown_extensions:\n  - admonition\n", encoding="utf-8")
    with pytest.raises(LookupError):
        snippets_config(yml)
    site = snippets_config()
    assert site["check_paths"] is True
    assert make_preprocessor(site).check_paths is True


@pytest.mark.parametrize(
    ("fence", "message"),
    [
        ("```py", "```py is not run"),
        ("```python3", "```python3 is not run"),
        ("```pycon", "```pycon is not run"),
        ("```{.python title='x'}", "is not run"),
        ("~~~python", "a ~~~ fence is not collected"),
        ("~~~", "a ~~~ fence is not collected"),
    ],
)
def test_detector_flags_fences_that_would_escape(fence: str, message: str) -> None:
    close = fence[:3]
    page = f'# Page\n\n??? success "Solution"\n\n    {fence}\n    print(1)\n    {close}\n'
    problems = fence_problems(page, "docs/page.md")
    assert len(problems) == 1
    assert problems[0].startswith("docs/page.md:5: ")
    assert message in problems[0]


@pytest.mark.parametrize(
    "fence", ["```python", '```python title="x.py"', '```python hl_lines="1" linenums="1"']
)
def test_detector_accepts_python_fences_with_attributes(fence: str, tmp_path: Path) -> None:
    page = f"{fence}\nprint(1)\n```\n\n```text\n1\n```\n\n````markdown\n```py\n````\n"
    assert fence_problems(page, "docs/page.md") == []
    assert [b.code for b in _blocks(tmp_path, page)] == ["print(1)\n"]


@pytest.mark.parametrize(
    "marker",
    [
        "<!--pytest-codeblocks:skip-->",
        "<!--pytest-codeblocks:expect-exception-->",
        "<!--pytest-codeblocks:contt-->",
        "<!--pytest.mark.skip-->",
        "<!--pytest.mark.xfail-->",
        "<!--pytest-codeblock:cont-->",
    ],
)
def test_detector_flags_unknown_or_reasonless_markers(marker: str) -> None:
    page = f"```python\nx = 1\n```\n\n{marker}\n\n```python\nprint(x)\n```\n"
    problems = fence_problems(page, "docs/page.md")
    assert len(problems) == 1
    assert problems[0].startswith("docs/page.md:5: ")


def test_included_failing_line_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    snippet = "import numpy as np\n\nx = np.zeros(3)\nprint(x.reshape(2, 2))\n"
    page = '# Page\n\nText.\n\n```python title="s.py"\n--8<-- "snippets/s.py"\n```\n'
    (block,) = _blocks(tmp_path, page, {"snippets/s.py": snippet})
    assert block.code == snippet + "\n"  # read_lines keeps the final empty line
    with pytest.raises(BlockFailure) as failure:
        check_block(block)
    report = str(failure.value)
    assert report.startswith("docs/page.md:5: the ```python block failed: ValueError")
    assert "at snippets/s.py:4 (included at docs/page.md:6): print(x.reshape(2, 2))" in report


def test_section_include_maps_to_the_library_line(tmp_path: Path) -> None:
    library = (
        "def f():\n    pass\n\n\n# --8<-- [start:demo]\nx = 1\n# --8<-- [end:demo]\ny = 1 / 0\n"
    )
    page = '```python\n--8<-- "lib.py:demo"\nassert x == 2, x\n```\n'
    (block,) = _blocks(tmp_path, page, {"lib.py": library})
    assert block.code == "x = 1\nassert x == 2, x\n"
    with pytest.raises(BlockFailure, match=r"at docs/page\.md:3: assert x == 2"):
        check_block(block)
    assert str(block.origins[0]) == "lib.py:6 (included at docs/page.md:2)"


def test_indented_block_in_solution_runs_as_main(tmp_path: Path) -> None:
    page = """\
        ??? success "Solution"

            ```python linenums="1"
            print(__name__)
            raise SystemExit(3)
            ```
        """
    (block,) = _blocks(tmp_path, page)
    with pytest.raises(BlockFailure, match=r"(?s)page\.md:3: .*SystemExit: 3.*page\.md:5"):
        check_block(block)
    ok = _blocks(tmp_path, page.replace("raise SystemExit(3)", "pass"))[0]
    assert run_block(ok) == "__main__\n"


def test_namespaces_are_fresh(tmp_path: Path) -> None:
    page = "```python\nsecret = 1\n```\n\n```python\nprint(secret)\n```\n"
    first, second = _blocks(tmp_path, page)
    run_block(first)
    with pytest.raises(BlockFailure, match="NameError"):
        run_block(second)


def test_cont_and_expected_output_markers(tmp_path: Path) -> None:
    page = """\
        ```python
        x = 2
        ```

        <!--pytest-codeblocks:cont-->

        ```python
        print(x * 3)
        ```

        <!--pytest-codeblocks:expected-output-->

        ```text
        6
        ```
        """
    (block,) = _blocks(tmp_path, page)
    assert [o.line for o in block.origins] == [2, 8]
    check_block(block)
    wrong = _blocks(tmp_path, page.replace("        6\n", "        7\n"))[0]
    with pytest.raises(BlockFailure, match=r"(?s)printed\n6\n\nbut the page shows\n7"):
        check_block(wrong)


def test_block_form_include_is_expanded(tmp_path: Path) -> None:
    page = "```python\n--8<--\nsnippets/a.py\nsnippets/b.py\n--8<--\nprint(a + b)\n```\n"
    files = {"snippets/a.py": "a = 1", "snippets/b.py": "b = 2"}
    (block,) = _blocks(tmp_path, page, files)
    assert block.code == "a = 1\nb = 2\nprint(a + b)\n"
    assert [o.line for o in block.origins] == [2, 2, 6]
    assert run_block(block) == "3\n"


def test_missing_snippet_fails_like_the_build(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="could not be found"):
        _blocks(tmp_path, '```python\n--8<-- "snippets/nope.py"\n```\n')
