"""Every program of the site, run outside the repository against the installed package.

A reader installs convshare with pip, copies a snippet into an empty folder and runs it, or
downloads a notebook and runs it. This module does the same. It builds the sdist and, from the
sdist, the wheel (``python -m build --no-isolation``, with the pinned setuptools), installs the
wheel into a fresh virtual environment with its declared dependencies only plus the
``examples`` extra, at the versions pinned in requirements.txt, then

- copies each snippet alone into an empty temporary folder, runs it there and compares what it
  prints with every output block that shows it on a page (the comparison of tests/outputs.py);
- runs the code cells of each notebook, in order, from an empty folder;
- runs README.md's example and compares with the output README.md shows.

A snippet that only makes sense in a clone of the repository (it counts the repository's files)
must say so: outside a clone it prints nothing on stdout, writes ``CLONE_ONLY`` on stderr and
exits with a non-zero status. Nothing here is listed by hand: the snippets are the files of
``snippets/``, the notebooks every ``.ipynb`` under ``docs/``.

The dependencies come from a wheel folder beside pip's cache, ``~/.cache/convshare/wheels``
(``$XDG_CACHE_HOME/convshare/wheels``), with ``pip install --no-index``: quick and offline. When
it lacks a pinned version, ``pip download`` fills it once (through pip's own cache) and the
offline install is tried again.

    python -m tests.outside               # build, install into a temporary venv, run all
    python -m tests.outside --python PY   # run all with PY, where convshare is installed

``tests/test_installed.py`` runs the same functions in ``make test``; the release workflow runs
``python -m tests.outside --python`` against the wheel it is about to publish.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests import outputs

ROOT = outputs.ROOT
# Wheels of the pinned dependencies, kept between test runs and clones, beside pip's own cache.
WHEELHOUSE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "convshare" / "wheels"
)
REQUIREMENTS = ROOT / "requirements.txt"
README = ROOT / "README.md"
EXTRA = "examples"
CLONE_ONLY = "needs a clone of the convshare repository"
TIMEOUT_SECONDS = 300
WORKERS = 2  # this machine has two cores; a snippet mostly waits for its imports
# Variables that could let a program see the repository or the development environment.
LEAKY_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONUSERBASE")
FENCE = re.compile(r"^```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


class OutsideError(RuntimeError):
    """The package cannot be built or installed as a reader would."""


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Run:
    """One program run in an empty folder by the installed package's interpreter."""

    name: str
    returncode: int
    stdout: str
    stderr: str
    seconds: float


@dataclass(frozen=True)
class Verdict:
    name: str
    ok: bool
    result: str  # a few words for the table
    detail: str = ""  # what went wrong, for the failure message
    seconds: float = 0.0


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)


def build(outdir: Path) -> Dists:
    """The sdist, and the wheel built from it, of the working tree."""
    proc = _run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(outdir), str(ROOT)]
    )
    if proc.returncode != 0:
        raise OutsideError(f"python -m build failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    sdists, wheels = sorted(outdir.glob("*.tar.gz")), sorted(outdir.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        raise OutsideError(f"expected one sdist and one wheel in {outdir}, got {sdists + wheels}")
    return Dists(sdists[0], wheels[0])


def _install(python: Path, requirement: str) -> subprocess.CompletedProcess:
    return _run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"),
            *("--no-compile", "--no-index", "--find-links", str(WHEELHOUSE)),
            *("--constraint", str(REQUIREMENTS), requirement),
        ]
    )


def make_venv(folder: Path, wheel: Path) -> Path:
    """A fresh venv (no pip in it) with the wheel and its declared dependencies; its python.

    No bytecode is compiled at install time: the programs' first imports write what they use.
    """
    proc = _run([sys.executable, "-m", "venv", "--without-pip", str(folder)])
    if proc.returncode != 0:
        raise OutsideError(f"python -m venv failed:\n{proc.stderr}")
    python = folder / "bin" / "python"
    requirement = f"{wheel}[{EXTRA}]"
    proc = _install(python, requirement)
    if proc.returncode != 0:  # a pinned version is not in the wheel folder yet: fetch it once
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        fetched = _run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--only-binary", ":all:"),
                *("--dest", str(WHEELHOUSE), "--constraint", str(REQUIREMENTS), requirement),
            ]
        )
        for stale in WHEELHOUSE.glob("convshare-*"):
            stale.unlink()  # the wheel under test is always installed from its own path
        if fetched.returncode != 0:
            raise OutsideError(
                f"the dependencies of {wheel.name} are not in {WHEELHOUSE} and pip download "
                f"could not fetch them:\n{fetched.stderr[-3000:]}"
            )
        proc = _install(python, requirement)
    if proc.returncode != 0:
        raise OutsideError(f"pip install {requirement} failed:\n{proc.stderr[-3000:]}")
    return python


def environment() -> dict[str, str]:
    """The environment of a reader's shell: nothing that points at this repository or venv."""
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_VARIABLES}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # so the first run leaves bytecode for the others
    env.update(MPLBACKEND="Agg", PYTHONHASHSEED="0")  # as tests/outputs.py runs the snippets
    return env


def run_alone(python: Path, name: str, source: str) -> Run:
    """Write ``source`` as ``name`` alone into a new empty folder and run it there."""
    with tempfile.TemporaryDirectory(prefix="convshare-reader-") as folder:
        (Path(folder) / name).write_text(source, encoding="utf-8")
        start = time.perf_counter()
        try:
            proc = _run(
                [str(python), "-s", name],  # -s: no user site-packages either
                cwd=folder,
                env=environment(),
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return Run(name, -1, "", f"timed out after {TIMEOUT_SECONDS} s", TIMEOUT_SECONDS)
        return Run(name, proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - start)


def check_snippet(snippet: str, run: Run, blocks: list[outputs.OutputBlock]) -> Verdict:
    """Does the snippet, run outside the repository, print what its pages show?"""
    shown = [block for block in blocks if block.snippet == snippet]
    if run.returncode != 0:
        if CLONE_ONLY in run.stderr and not run.stdout.strip():
            message = run.stderr.strip().splitlines()[-1]
            return Verdict(
                snippet,
                True,
                f"needs a clone: exits {run.returncode}, says so",
                message,
                run.seconds,
            )
        return Verdict(
            snippet,
            False,
            f"fails (exit status {run.returncode})",
            f"{snippet}, run alone in an empty folder against the installed wheel, failed "
            f"(exit status {run.returncode}):\n{run.stderr.rstrip()}",
            run.seconds,
        )
    if not shown:
        return Verdict(snippet, False, "no output block", f"no page shows {snippet}'s output")
    stale = [block for block in shown if not outputs.shows(block, run.stdout)]
    if stale:
        return Verdict(
            snippet,
            False,
            "prints something else",
            "\n".join(
                outputs.diff_from(block, run.stdout, "printed outside the repository")
                for block in stale
            ),
            run.seconds,
        )
    pages = ", ".join(sorted({block.page for block in shown}))
    return Verdict(snippet, True, f"prints what {pages} shows", "", run.seconds)


def notebooks() -> list[Path]:
    """Every notebook of the site (also those of a translation, in another folder)."""
    return sorted(
        p for p in (ROOT / "docs").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def notebook_script(path: Path) -> str:
    """The notebook's code cells, in order, as one program."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    return "".join(f"# --- code cell {i} ---\n{source}\n\n" for i, source in enumerate(code, 1))


def check_notebook(path: Path, run: Run) -> Verdict:
    if run.returncode != 0:
        return Verdict(
            path.name,
            False,
            f"fails (exit status {run.returncode})",
            f"the code cells of {path.name}, run in an empty folder against the installed wheel, "
            f"failed:\n{run.stderr.rstrip()}",
            run.seconds,
        )
    cells = notebook_script(path).count("# --- code cell ")
    return Verdict(path.name, True, f"all {cells} code cells run", "", run.seconds)


def readme_examples(text: str | None = None) -> list[tuple[str, str]]:
    """``(code, shown output)`` for each ```python fence of README.md followed by a ```text one."""
    text = README.read_text(encoding="utf-8") if text is None else text
    fences = [(m.group("lang"), m.group("body")) for m in FENCE.finditer(text)]
    return [
        (body, fences[i + 1][1])
        for i, (lang, body) in enumerate(fences[:-1])
        if lang == "python" and fences[i + 1][0] == "text"
    ]


def check_readme(number: int, shown: str, run: Run) -> Verdict:
    name = f"README.md example {number}"
    if run.returncode != 0:
        return Verdict(name, False, "fails", run.stderr.rstrip(), run.seconds)
    if run.stdout.strip() != shown.strip():
        return Verdict(
            name,
            False,
            "prints something else",
            f"README.md shows:\n{shown.rstrip()}\nit prints:\n{run.stdout.rstrip()}",
            run.seconds,
        )
    return Verdict(name, True, "prints what README.md shows", "", run.seconds)


def check_all(python: Path) -> list[Verdict]:
    """Every snippet, notebook and README example, run with ``python`` (two at a time)."""
    blocks = outputs.find_blocks()
    jobs = []  # (program name, source, how to judge its run)
    for snippet in outputs.snippet_files():
        source = (ROOT / snippet).read_text(encoding="utf-8")
        jobs.append((Path(snippet).name, source, lambda r, s=snippet: check_snippet(s, r, blocks)))
    for path in notebooks():
        jobs.append(
            (f"{path.stem}.py", notebook_script(path), lambda r, p=path: check_notebook(p, r))
        )
    for number, (code, shown) in enumerate(readme_examples(), 1):
        jobs.append(("readme.py", code, lambda r, n=number, s=shown: check_readme(n, s, r)))
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = pool.map(lambda job: run_alone(python, job[0], job[1]), jobs)
        return [judge(run) for (_, _, judge), run in zip(jobs, runs, strict=True)]


def table(verdicts: list[Verdict]) -> str:
    rows = ["| program | outside the repository | s |", "|---|---|---:|"]
    rows += [f"| {v.name} | {v.result} | {v.seconds:.1f} |" for v in verdicts]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.outside", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--python", type=Path, help="an interpreter where convshare is installed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="convshare-outside-") as folder:
        python = args.python
        try:
            if python is None:
                start = time.perf_counter()
                dists = build(Path(folder) / "dist")
                python = make_venv(Path(folder) / "venv", dists.wheel)
                print(
                    f"built and installed {dists.wheel.name} in {time.perf_counter() - start:.1f} s"
                )
                with zipfile.ZipFile(dists.wheel) as wheel:
                    print("the wheel holds:", *wheel.namelist(), sep="\n  ")
        except OutsideError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        start = time.perf_counter()
        verdicts = check_all(python)
        print(table(verdicts))
        print(f"ran {len(verdicts)} programs in {time.perf_counter() - start:.1f} s")
    failed = [v for v in verdicts if not v.ok]
    for verdict in failed:
        print(f"\n{verdict.name}: {verdict.detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
