"""Under ``mkdocs serve``, a notebook page is made again only when it or the library changed.

An MkDocs hook (``hooks:`` in ``mkdocs.yml``). Every build executes every notebook against
``src/`` (``hooks/notebook_execution.py``, which keeps the executed copies itself under
``mkdocs serve``). mkdocs-jupyter's own cache (of a notebook page's HTML) is keyed on the
notebook (and its settings) only, so on its own it would show outputs from an older library.
This hook turns that cache on only under ``mkdocs serve`` and puts it in a folder named after the
content of every file under ``src/`` (``.cache/notebooks/<sha256>/``): an edit to a page reuses
the notebook pages, while an edit to a notebook or to the library makes them again.
``mkdocs build`` (``make build``, the tests, CI) always executes and converts every notebook.

``make serve`` runs ``mkdocs serve --dirty``: after an edit only the changed page is built again
(about 1 CPU-second, against 7 for all pages). A change under ``src/`` is not a page, so then
this hook removes every built page first, and all of them, notebooks included, are built again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CACHE = ROOT / ".cache" / "notebooks"

_serving = False
_digest: str | None = None  # src/ at the last build under mkdocs serve


def src_digest(src: Path = SRC) -> str:
    """SHA-256 of the name and bytes of every file under ``src`` (caches and bytecode aside)."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        relative = path.relative_to(src).as_posix()
        if "__pycache__" in relative or ".egg-info" in relative:
            continue
        hasher.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_files(files, config):
    """Under ``mkdocs serve``: when ``src/`` changed since the last build, build every page."""
    global _digest
    if not _serving:
        return files
    digest = src_digest()
    if _digest is not None and digest != _digest:
        for file in files.documentation_pages():
            Path(file.abs_dest_path).unlink(missing_ok=True)
    _digest = digest
    return files


def on_config(config):
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return config
    if not _serving:
        plugin.config["cache"] = False
        return config
    digest = src_digest()
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(CACHE / digest)
    # Output executed against an older library is of no further use.
    if CACHE.is_dir():
        for old in CACHE.iterdir():
            if old.name != digest:
                shutil.rmtree(old, ignore_errors=True)
    return config
