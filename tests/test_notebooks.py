"""The notebooks in docs/notebooks/: stored without outputs, and every cell runs.

mkdocs-jupyter executes them on every build (``execute: true``, ``allow_errors: false``). These
tests run them the same way, with nbclient, the notebook's ``python3`` kernel and the notebook's
folder as working directory, against the installed library; so a notebook that a library change
breaks fails ``make test`` with the cell that broke. A broken cell is shown to fail both here and
in a build that uses the plugin settings of mkdocs.yml.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from mkdocs.utils.yaml import yaml_load
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import convshare

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))  # with the Chinese twins (X.zh.ipynb)
# The Chinese twins have the same code cells (tests/test_twins.py): running the English ones
# runs that code.
ENGLISH_NOTEBOOKS = [p for p in NOTEBOOKS if not p.name.endswith(".zh.ipynb")]
TIMEOUT_SECONDS = 600  # per cell; a hung kernel fails instead of blocking the suite
BAD_CELL = "import convshare as cs\ncs.output_size(5, 3, stride=0)"


def execute(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel, as mkdocs-jupyter does; raise on the first error."""
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        allow_errors=False,
        resources={"metadata": {"path": str(FOLDER)}},
    )
    return client.execute()


@functools.cache
def executed(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` run once per test session (the number check reads its outputs)."""
    return execute(read(path))


def read(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    return notebook


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_two_notebooks_exist() -> None:
    names = {path.name for path in NOTEBOOKS}
    assert {"playground.ipynb", "count-a-real-network.ipynb"} <= names, names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    stored = [
        f"cell {index}: {len(cell.outputs)} output(s), execution_count {cell.execution_count}"
        for index, cell in enumerate(read(path).cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not stored, (
        f"{path.name} is stored with outputs (the build makes them); clear them "
        "(Jupyter: Edit > Clear Outputs of All Cells, or `jupyter nbconvert --clear-output "
        f"--inplace {path.relative_to(ROOT)}`):\n" + "\n".join(stored)
    )


@pytest.mark.parametrize("path", ENGLISH_NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_error_or_warning(path: Path) -> None:
    notebook = executed(path)
    cells = code_cells(notebook)
    assert cells, f"{path.name} has no code cell"
    assert all(cell.execution_count is not None for cell in cells)
    # A warning (or anything else on stderr) would be printed on the page.
    stderr = [
        f"cell {index}: {output.text.strip()}"
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert not stderr, f"{path.name} writes to stderr:\n" + "\n".join(stderr)


def test_the_kernel_uses_this_python_and_the_installed_library() -> None:
    notebook = nbformat.v4.new_notebook(metadata=read(NOTEBOOKS[0]).metadata)
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import sys, convshare\nprint(sys.prefix)\nprint(convshare.__file__)"
        )
    )
    output = code_cells(execute(notebook))[0].outputs[0].text.split()
    assert output == [sys.prefix, convshare.__file__]


def broken_copy(path: Path) -> nbformat.NotebookNode:
    """The notebook with a failing cell inserted after its first code cell."""
    notebook = copy.deepcopy(read(path))
    first = next(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    notebook.cells.insert(first + 1, nbformat.v4.new_code_cell(BAD_CELL))
    return notebook


def test_a_broken_cell_fails_and_stops_the_run() -> None:
    notebook = broken_copy(FOLDER / "playground.ipynb")
    with pytest.raises(CellExecutionError, match="ValueError") as error:
        execute(notebook)
    assert "stride" in str(error.value)  # the library's message, naming the argument
    ran = [cell.execution_count is not None for cell in code_cells(notebook)]
    assert ran[:2] == [True, True]
    assert not any(ran[2:]), "cells after the broken one ran"


def jupyter_plugin_config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        plugins = yaml_load(handle)["plugins"]
    entries = [p for p in plugins if isinstance(p, dict) and "mkdocs-jupyter" in p]
    assert len(entries) == 1, "mkdocs.yml must configure mkdocs-jupyter once"
    return entries[0]["mkdocs-jupyter"]


def test_the_build_executes_notebooks_and_stops_on_errors() -> None:
    config = jupyter_plugin_config()
    assert config.get("execute") is True
    assert config.get("allow_errors") is False
    assert config.get("cache") is False  # a cached page would hide a notebook that broke
    assert config.get("include_source") is True  # the download button's file
    assert config.get("include") == ["*.ipynb"]


# The hooks of mkdocs.yml that execute the notebooks (mkdocs-jupyter's own execution is off).
NOTEBOOK_HOOKS = [ROOT / "hooks" / "notebook_cache.py", ROOT / "hooks" / "notebook_execution.py"]


def build(tmp_path: Path, *notebooks: nbformat.NotebookNode) -> subprocess.CompletedProcess:
    """A site of ``notebooks`` (``page.ipynb``, ``page2.ipynb``, ...) with the plugin settings and
    notebook hooks of mkdocs.yml, built like `make build`."""
    docs = tmp_path / "docs"
    (docs / "notebooks").mkdir(parents=True)
    (docs / "index.md").write_text("# Test\n", encoding="utf-8")
    for number, notebook in enumerate(notebooks, start=1):
        nbformat.write(notebook, docs / "notebooks" / f"page{number if number > 1 else ''}.ipynb")
    config = {
        "site_name": "test",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "plugins": [{"mkdocs-jupyter": jupyter_plugin_config()}],
        "hooks": [str(hook) for hook in NOTEBOOK_HOOKS],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_notebook_hooks_are_those_of_mkdocs_yml() -> None:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        hooks = [ROOT / hook for hook in yaml_load(handle)["hooks"]]
    assert [hook for hook in hooks if hook in NOTEBOOK_HOOKS] == NOTEBOOK_HOOKS


def small_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(metadata=read(NOTEBOOKS[0]).metadata)
    notebook.cells.append(nbformat.v4.new_markdown_cell("# Page\n\n$y = x \\star w$"))
    notebook.cells.append(
        nbformat.v4.new_code_cell("import convshare as cs\nprint(cs.output_size(5, 3))")
    )
    return notebook


def test_a_broken_cell_fails_the_site_build(tmp_path: Path) -> None:
    good = build(tmp_path / "good", small_notebook())
    assert good.returncode == 0, good.stdout + good.stderr
    page = (tmp_path / "good" / "site" / "notebooks" / "page" / "index.html").read_text("utf-8")
    assert "jp-OutputArea-output" in page  # executed: the output is on the page
    offered = tmp_path / "good" / "site" / "notebooks" / "page" / "page.ipynb"
    assert offered.is_file()  # the download: the source, without outputs
    assert all(not cell.get("outputs") for cell in nbformat.read(offered, as_version=4).cells)

    notebook = small_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell(BAD_CELL))
    bad = build(tmp_path / "bad", notebook)
    assert bad.returncode != 0
    assert "CellExecutionError" in bad.stdout + bad.stderr


PROCESS = "import os\nprint('kernel process', os.getpid())"
# A cell that says it has started (a file named after it) and waits for the other to say so: two
# notebooks holding one each finish only if they run at the same time.
MEET = """import pathlib, time
pathlib.Path("{me}.started").touch()
for _ in range(600):
    if pathlib.Path("{other}.started").exists():
        break
    time.sleep(0.1)
else:
    raise RuntimeError("{other} did not run while {me} ran")"""


def test_notebooks_with_the_same_code_are_executed_once_and_all_at_once(tmp_path: Path) -> None:
    """Two notebooks with the same code cells (as a notebook and its Chinese twin) and their own
    text: one run (one kernel process) gives both their outputs; a third, with other code, has its
    own run, at the same time (each waits, up to a minute, for the other to have started)."""
    english, twin, other = small_notebook(), small_notebook(), small_notebook()
    twin.cells[0].source = "# 页面\n\n$y = x \\star w$"
    for notebook in (english, twin):
        notebook.cells.append(nbformat.v4.new_code_cell(MEET.format(me="a", other="b")))
    other.cells.append(nbformat.v4.new_code_cell(MEET.format(me="b", other="a")))
    for notebook in (english, twin, other):
        notebook.cells.append(nbformat.v4.new_code_cell(PROCESS))
    built = build(tmp_path, english, twin, other)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    site = tmp_path / "site" / "notebooks"
    pages = [(site / name / "index.html").read_text("utf-8") for name in ("page", "page2", "page3")]
    kernels = [re.search(r"kernel process (\d+)", page)[1] for page in pages]
    assert kernels[0] == kernels[1] != kernels[2]
    headings = [re.findall(r"<h1[^>]*>([^<]*)", page) for page in pages]
    assert headings[0] == headings[2] == ["Page"]  # each notebook keeps its own text
    assert headings[1] == ["页面"]


def test_each_chinese_notebook_shares_its_english_twins_run() -> None:
    """The site's own notebooks: each Chinese one has the run key of its English twin, so the
    build executes each pair once (the build test above shows that a shared key is one run)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec = importlib.util.spec_from_file_location("notebook_execution", NOTEBOOK_HOOKS[1])
        hook = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hook)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    settings = {"kernel_name": "", "allow_errors": False}
    chinese = [p for p in NOTEBOOKS if p.name.endswith(".zh.ipynb")]
    assert chinese, "no Chinese notebook"
    for twin in chinese:
        english = twin.with_name(twin.name.replace(".zh.ipynb", ".ipynb"))
        keys = {hook.code_key(read(p), FOLDER, settings, "src") for p in (english, twin)}
        assert len(keys) == 1, f"{twin.name} would be executed apart from {english.name}"
