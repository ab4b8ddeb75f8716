"""The notebooks are executed by this hook: at the same time, and once for both editions.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). With ``execute: true``, mkdocs-jupyter runs each
notebook when it renders its page: one after the other, and once per edition, though a Chinese
notebook has the same code cells as its English twin (``tests/test_twins.py``). Four kernels ran
in a row, about half of each build. This hook takes the execution over (it turns mkdocs-jupyter's
``execute`` off and honours ``allow_errors`` and ``kernel_name`` as the plugin would):

- When the build's files are known, every notebook starts executing, each in its own kernel, all
  at the same time and while the other pages are built, with the notebook's folder as working
  directory; notebooks with the same code (the same code cells, kernel and library, ``src/``)
  are executed once, and each gets the outputs of that run in its own cells.
- When a notebook's page is built, it waits for that run; a cell that raised stops the build, as
  before. mkdocs-jupyter renders the executed copy (the page's source path points at it while the
  page is rendered; the notebook offered for download is still the source, without outputs).

``mkdocs build`` executes every notebook every time, in memory. Under ``mkdocs serve`` the
executed copies are kept under ``.cache/executed-notebooks/<src digest>/`` by what they were
executed from (code, kernel, ``src/``), so an edit to a page executes nothing.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from notebook_cache import src_digest  # a sibling hook (MkDocs puts hooks/ on the path)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "executed-notebooks"
NOTEBOOK = ".ipynb"

_settings: dict = {}  # kernel_name, allow_errors: as mkdocs-jupyter was configured
_folder: Path | None = None  # where the executed copies are written
# Each thread only waits on one kernel (a process of its own): enough threads for every notebook
# of a site to run at once.
_pool = ThreadPoolExecutor(max_workers=64)
_runs: dict[str, Future] = {}  # the run of each code_key: an executed notebook, once done
_notebooks: dict[str, tuple] = {}  # source path -> (notebook, code_key, folder of its copy)
_rendering: dict[int, str] = {}  # id(page file) -> its source path, while its page renders


def on_startup(command: str, dirty: bool) -> None:
    global _folder
    if command == "serve":
        _folder = CACHE
    else:
        _folder = Path(tempfile.mkdtemp(prefix="convshare-notebooks-"))


def on_shutdown() -> None:
    _pool.shutdown(cancel_futures=True)
    if _folder is not None and _folder != CACHE:
        shutil.rmtree(_folder, ignore_errors=True)


def on_config(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["execute"]:
        _settings.clear()
        return config
    _settings.update(
        kernel_name=plugin.config["kernel_name"], allow_errors=plugin.config["allow_errors"]
    )
    plugin.config["execute"] = False  # this hook executes the notebooks
    return config


def code_key(notebook: nbformat.NotebookNode, folder: Path, settings: dict, src: str) -> str:
    """What a run of ``notebook`` depends on: its code cells, kernel, folder and the library."""
    kernel = settings.get("kernel_name") or notebook.metadata.get("kernelspec", {}).get("name")
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    what = [code, kernel, str(folder), settings.get("allow_errors"), src]
    return hashlib.sha256(json.dumps(what).encode()).hexdigest()


def execute(notebook: nbformat.NotebookNode, folder: Path, settings: dict):
    """``notebook`` run in a fresh kernel in ``folder``, as mkdocs-jupyter runs it."""
    client = NotebookClient(
        notebook,
        kernel_name=settings.get("kernel_name") or "",
        allow_errors=settings.get("allow_errors", False),
        store_widget_state=True,
        resources={"metadata": {"path": str(folder)}},
    )
    return client.execute()


def with_outputs(notebook: nbformat.NotebookNode, run: nbformat.NotebookNode):
    """``notebook`` with the outputs of ``run`` (a run of the same code cells) in its cells."""
    ran = iter([cell for cell in run.cells if cell.cell_type == "code"])
    for cell in notebook.cells:
        if cell.cell_type == "code":
            done = next(ran)
            cell.outputs, cell.execution_count = done.outputs, done.execution_count
    return notebook


def on_files(files, config):
    """Every notebook of the build starts executing (unless a run of its code is under way)."""
    if not _settings:
        return files
    src = src_digest()
    runs = _folder / src  # the copies executed against this library
    if _folder == CACHE and CACHE.is_dir():  # those executed against an older one are of no use
        for old in CACHE.iterdir():
            if old != runs:
                shutil.rmtree(old, ignore_errors=True)
    keys = set()
    for file in files.documentation_pages():
        path = file.abs_src_path
        if not (path and path.endswith(NOTEBOOK)):
            continue
        notebook = nbformat.read(path, as_version=4)
        key = code_key(notebook, Path(path).parent, _settings, src)
        keys.add(key)
        _notebooks[path] = (notebook, key, runs / key)
        if key in _runs:
            continue
        saved = runs / key / "run.ipynb"
        if _folder == CACHE and saved.is_file():
            _runs[key] = Future()
            _runs[key].set_result(nbformat.read(saved, as_version=4))
        else:  # the run fills its own copy with outputs
            todo = copy.deepcopy(notebook)
            _runs[key] = _pool.submit(execute, todo, Path(path).parent, _settings)
    for stale in [key for key in _runs if key not in keys]:  # after an edit under mkdocs serve
        del _runs[stale]
    return files


def on_page_markdown(markdown, page, config, files):
    """mkdocs-jupyter renders the executed copy of a notebook page (once its run is done)."""
    source = page.file.abs_src_path
    if source not in _notebooks:
        return markdown
    notebook, key, folder = _notebooks[source]
    run = _runs[key].result()  # a cell that raised stops the build here
    folder.mkdir(parents=True, exist_ok=True)
    if _folder == CACHE and not (folder / "run.ipynb").is_file():
        nbformat.write(run, folder / "run.ipynb")  # for the next mkdocs serve
    executed = folder / Path(source).name
    nbformat.write(with_outputs(notebook, run), executed)
    _rendering[id(page.file)] = source
    page.file.abs_src_path = str(executed)
    return markdown


def on_page_content(html, page, config, files):
    """Rendered: the page's source is the notebook again (the file offered for download)."""
    if id(page.file) in _rendering:
        page.file.abs_src_path = _rendering.pop(id(page.file))
    return html
