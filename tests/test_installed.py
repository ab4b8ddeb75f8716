"""convshare as a reader gets it: the wheel, installed alone, runs every program of the site.

The session builds the sdist and the wheel once and installs the wheel with its declared
dependencies only (plus the ``examples`` extra, at the pinned versions) into one fresh venv
(tests/outside.py says how). Then each snippet, copied alone into an empty folder, must print
what its page shows; each notebook's code cells must run from an empty folder; README.md's
example must print what README.md shows. The snippets, notebooks and README examples are found,
never listed. The runs go two at a time through one thread pool.

Time, measured on the shared 2-core machine with the dependency wheels cached: the build about
15 s and the venv about 30 s at a load average near 10 (together 112 s at a load near 25); the
73 programs about 60 s of CPU in all, 5 minutes of wall time at that load.

Around that: what the wheel and the sdist contain, the metadata a package index shows, the
notebooks' install cell and the "Run in Colab" button.
"""

from __future__ import annotations

import ast
import dataclasses
import email.parser
import importlib.util
import json
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import outputs, outside
from tests.conftest import once_per_run

ROOT = outside.ROOT
PACKAGE = ROOT / "src" / "convshare"
SITE_BUILDING = PACKAGE / "figures"  # in the repository, not in the wheel
SNIPPETS = outputs.snippet_files()
NOTEBOOKS = outside.notebooks()
README_EXAMPLES = outside.readme_examples()
#: The first code cell of every notebook: installs convshare where it is missing (Colab).
INSTALL_CELL = """\
# Installs convshare where it is missing (Colab, a new kernel);
# does nothing where it is already installed.
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("convshare") is None:
    pip = [sys.executable, "-m", "pip", "install", "-q"]
    url = "git+https://github.com/convshare/convshare"
    subprocess.run([*pip, f"convshare @ {url}"], check=True)
    importlib.invalidate_caches()  # so that the import sees it"""
COLAB = "https://colab.research.google.com/github/convshare/convshare/blob/main/docs/"
# Import names of the library's dependencies that differ from their distribution names.
DISTRIBUTION = {"PIL": "pillow"}


def _build(folder: Path) -> dict:
    try:
        built = outside.build(folder)
    except outside.OutsideError as error:
        pytest.fail(str(error), pytrace=False)
    return {"sdist": str(built.sdist), "wheel": str(built.wheel)}


@pytest.fixture(scope="session")
def dists(pytestconfig: pytest.Config) -> outside.Dists:
    """The sdist and the wheel built from it, once per run (conftest.once_per_run)."""
    built = once_per_run(pytestconfig, "dist", _build)
    return outside.Dists(Path(built["sdist"]), Path(built["wheel"]))


@pytest.fixture(scope="session")
def reader_python(dists: outside.Dists, pytestconfig: pytest.Config) -> Path:
    """The python of one fresh venv holding the wheel and its declared dependencies only."""

    def make(folder: Path) -> dict:
        start = time.perf_counter()
        try:
            python = outside.make_venv(folder / "venv", dists.wheel)
        except outside.OutsideError as error:
            pytest.fail(str(error), pytrace=False)
        print(f"\nvenv with {dists.wheel.name}: {time.perf_counter() - start:.1f} s")
        return {"python": str(python)}

    return Path(once_per_run(pytestconfig, "reader", make)["python"])


def _selected(session: pytest.Session, test: str, argument: str) -> list:
    return [
        item.callspec.params[argument]
        for item in session.items
        if getattr(item, "originalname", None) == test and hasattr(item, "callspec")
    ]


def _programs(session: pytest.Session) -> dict[str, tuple[str, str]]:
    """The programs the selected tests run outside the repository: ``{key: (file, source)}``
    (every test process collects, and selects, every test)."""
    jobs = {}
    for snippet in _selected(session, "test_snippet_runs_outside_the_repository", "snippet"):
        jobs[snippet] = (Path(snippet).name, (ROOT / snippet).read_text(encoding="utf-8"))
    for path in _selected(session, "test_notebook_runs_outside_the_repository", "notebook"):
        jobs[path.name] = (f"{path.stem}.py", outside.notebook_script(path))
    for number in _selected(session, "test_readme_example_prints_what_it_shows", "number"):
        jobs[f"README.md:{number}"] = ("readme.py", README_EXAMPLES[number][0])
    return jobs


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest, reader_python: Path) -> dict[str, outside.Run]:
    """Every selected program, run once per test run in a pool of two; ``{key: Run}``."""

    def make(folder: Path) -> dict:
        with ThreadPoolExecutor(outside.WORKERS) as pool:
            futures = {
                key: pool.submit(outside.run_alone, reader_python, name, source)
                for key, (name, source) in _programs(request.session).items()
            }
            return {key: dataclasses.asdict(future.result()) for key, future in futures.items()}

    done = once_per_run(request.config, "runs", make)
    return {key: outside.Run(**run) for key, run in done.items()}


def _verdict(verdict: outside.Verdict) -> None:
    if not verdict.ok:
        pytest.fail(verdict.detail, pytrace=False)


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_snippet_runs_outside_the_repository(snippet: str, runs: dict[str, outside.Run]) -> None:
    _verdict(outside.check_snippet(snippet, runs[snippet], outputs.find_blocks()))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_outside_the_repository(notebook: Path, runs: dict[str, outside.Run]) -> None:
    _verdict(outside.check_notebook(notebook, runs[notebook.name]))


@pytest.mark.parametrize("number", range(len(README_EXAMPLES)))
def test_readme_example_prints_what_it_shows(number: int, runs: dict[str, outside.Run]) -> None:
    run = runs[f"README.md:{number}"]
    _verdict(outside.check_readme(number + 1, README_EXAMPLES[number][1], run))


def test_installed_version_is_the_wheels(dists: outside.Dists, reader_python: Path) -> None:
    run = outside.run_alone(reader_python, "v.py", "import convshare\nprint(convshare.__version__)")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == dists.wheel.name.split("-")[1]


# --- what the wheel and the sdist hold ---------------------------------------------------------


def _library_files() -> set[str]:
    """The package's files in the repository, as wheel paths, without the site's figures."""
    return {
        f"convshare/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not path.is_relative_to(SITE_BUILDING)
    }


def test_the_wheel_holds_the_library_data_and_license_only(dists: outside.Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    info = f"convshare-{dists.wheel.name.split('-')[1]}.dist-info"
    assert {n for n in names if n.startswith("convshare/")} == _library_files()
    assert "convshare/data/bench.json" in names
    assert "convshare/py.typed" in names
    assert {n for n in names if not n.startswith("convshare/")} == {
        f"{info}/{name}"
        for name in ("METADATA", "WHEEL", "RECORD", "top_level.txt", "licenses/LICENSE")
    }


def test_the_sdist_builds_the_wheel_and_carries_no_tests(dists: outside.Dists) -> None:
    with tarfile.open(dists.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "src/convshare/data/bench.json"} <= names
    assert not [n for n in names if n.startswith("tests") or "figures" in n], sorted(names)
    # The wheel was built from this sdist (python -m build), so the sdist is complete.


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(info).decode())


def _imported_distributions() -> set[str]:
    """Third-party distributions the installed library's modules import."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.is_relative_to(SITE_BUILDING):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "convshare":
                    found.add(DISTRIBUTION.get(top, top))
    return found


def test_declared_dependencies_are_exactly_what_the_library_imports(
    dists: outside.Dists,
) -> None:
    metadata = _metadata(dists.wheel)
    requires = metadata.get_all("Requires-Dist")
    plain = {r.split(">")[0].split("=")[0].split(";")[0].strip() for r in requires if ";" not in r}
    assert plain == _imported_distributions() == {"numpy", "matplotlib", "pillow"}
    assert metadata.get_all("Provides-Extra") == [outside.EXTRA]
    assert [r for r in requires if ";" in r] == [f'scipy>=1.11; extra == "{outside.EXTRA}"']


def test_the_index_page_metadata(dists: outside.Dists) -> None:
    metadata = _metadata(dists.wheel)
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert metadata["Author"] or metadata["Author-email"]
    assert metadata["Requires-Python"] == ">=3.11"
    assert "Python 3.11 or later" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert metadata["Keywords"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert urls["Homepage"] == "https://convshare.github.io/convshare/"
    assert urls["Source"] == "https://github.com/convshare/convshare"
    assert urls["Issues"] == "https://github.com/convshare/convshare/issues"
    assert "Typing :: Typed" in metadata.get_all("Classifier")
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().startswith("# convshare")  # README.md, readers first


def test_twine_check_strict_passes(dists: outside.Dists) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dists.sdist), str(dists.wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_project_pins_build_and_twine() -> None:
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for package in ["build", "twine", *build_requires["build-system"]["requires"]]:
        name = package.split("==")[0]
        assert any(line.startswith(f"{name}==") for line in pins), name
    assert "setuptools==" in build_requires["build-system"]["requires"][0]
    assert build_requires["build-system"]["requires"][0] in pins  # --no-isolation builds


# --- the site's figure code stays in the repository, and leaves matplotlib alone -------------

BACKEND_PROBE = """\
import matplotlib
before = dict.__getitem__(matplotlib.rcParams, "backend")
import convshare, convshare.figures
after = dict.__getitem__(matplotlib.rcParams, "backend")
print(before is after, repr(after))
"""


def test_importing_convshare_and_its_figures_leaves_the_backend_alone() -> None:
    env = {k: v for k, v in outside.environment().items() if k != "MPLBACKEND"}
    proc = subprocess.run(
        [sys.executable, "-c", BACKEND_PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == "True", f"the backend was set to {proc.stdout.split()[1]}"


def test_make_figures_entry_point_runs_from_the_editable_install(tmp_path: Path) -> None:
    name = "performance-im2col.svg"
    proc = subprocess.run(
        [sys.executable, "-m", "convshare.figures", str(tmp_path), name],
        env={**outside.environment(), "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / name).read_bytes() == (ROOT / "docs" / "figures" / name).read_bytes()


# --- the notebooks: a note, an install cell, a Colab button -----------------------------------


def _code(source: str) -> str:
    """The source without comments or blank lines (what runs)."""
    lines = (line.split("  #")[0].rstrip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.lstrip().startswith("#"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_a_note_and_the_install_cell(notebook: Path) -> None:
    cells = _cells(notebook)
    note = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown"
    assert note.startswith("# ")
    assert "Colab" in note  # the note on running it elsewhere
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert cells[1]["cell_type"] == "code"
    assert _code("".join(code[0]["source"])) == _code(INSTALL_CELL)  # comments may be translated
    assert not any("pip install" in "".join(cell["source"]) for cell in code[1:])


def _run_install_cell(convshare_found: bool) -> list[list[str]]:
    """Run the install cell with pip replaced by a recorder; the commands it would run."""
    commands: list[list[str]] = []

    def find_spec(name: str, *args: object):
        return object() if convshare_found else None

    def run(command: list[str], check: bool = False) -> None:
        assert check, "a failed installation must stop the notebook"
        commands.append(command)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.util, "find_spec", find_spec)
        patch.setattr(subprocess, "run", run)
        exec(compile(INSTALL_CELL, "install-cell", "exec"), {})
    return commands


def test_the_install_cell_does_nothing_where_convshare_is_installed() -> None:
    assert _run_install_cell(convshare_found=True) == []  # as in the site's build


def test_the_install_cell_installs_from_the_repository_where_it_is_missing() -> None:
    [command] = _run_install_cell(convshare_found=False)
    assert command == [
        sys.executable,
        *("-m", "pip", "install", "-q"),
        "convshare @ git+https://github.com/convshare/convshare",
    ]


@pytest.mark.build
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebook_page_has_a_run_in_colab_link(notebook: Path, site_dir: Path) -> None:
    source = notebook.relative_to(ROOT / "docs")
    # X.zh.ipynb is the page zh/notebooks/X/ of the Chinese edition
    stem, _, language = source.stem.partition(".")
    page = (site_dir / language / source.parent / stem / "index.html").read_text(encoding="utf-8")
    href = f"{COLAB}{source.as_posix()}"
    start = page.index(f'<a href="{href}"')  # an ordinary link, opened when clicked
    link = page[start : page.index("</a>", start)]
    # Its tooltip in the page's language
    assert ("在 Colab 中运行" if language == "zh" else "Run in Colab") in link, link
    assert "<svg" in link  # the theme's own icon, no remote badge
    assert "<img" not in link
    assert (ROOT / "docs" / href.removeprefix(COLAB)).is_file()


# --- the judge: each check can fail -------------------------------------------------------------

BLOCK_PAGE = """\
```python
--8<-- "snippets/x.py"
```

<!-- output: snippets/x.py -->

```text
42
```

<!-- /output -->
"""


def _judge(returncode: int, stdout: str, stderr: str = "") -> outside.Verdict:
    blocks = outputs.parse_page(BLOCK_PAGE, "docs/page.md")
    return outside.check_snippet(
        "snippets/x.py", outside.Run("x.py", returncode, stdout, stderr, 0), blocks
    )


def test_the_judge_accepts_the_shown_output_and_rejects_another() -> None:
    assert _judge(0, "42\n").ok
    verdict = _judge(0, "0\n")
    assert not verdict.ok
    assert "-42" in verdict.detail
    assert "+0" in verdict.detail


def test_the_judge_accepts_a_clone_only_snippet_only_when_it_says_so_and_prints_nothing() -> None:
    assert _judge(1, "", f"this program {outside.CLONE_ONLY}: run it in the clone's root").ok
    assert not _judge(1, "", "FileNotFoundError: docs/data/bench.json").ok
    assert not _judge(1, "| pages | 0 |\n", outside.CLONE_ONLY).ok  # never a table of zeros


def test_readme_examples_are_found_with_their_output() -> None:
    text = "x\n\n```python\nprint(1 + 1)\n```\n\nprints\n\n```text\n2\n```\n\n```sh\nls\n```\n"
    assert outside.readme_examples(text) == [("print(1 + 1)\n", "2\n")]
