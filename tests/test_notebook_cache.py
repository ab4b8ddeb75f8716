"""hooks/notebook_cache.py: under mkdocs serve, notebook output is reused until src/ changes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "notebook_cache", ROOT / "hooks" / "notebook_cache.py"
)
notebook_cache = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(notebook_cache)


def test_src_digest_follows_content_not_bytecode(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n")
    before = notebook_cache.src_digest(tmp_path)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert notebook_cache.src_digest(tmp_path) == before
    (tmp_path / "pkg" / "a.py").write_text("x = 2\n")
    assert notebook_cache.src_digest(tmp_path) != before


class _Files:
    def __init__(self, pages):
        self.pages = pages

    def documentation_pages(self):
        return self.pages


def test_a_change_in_src_rebuilds_every_page_under_serve(tmp_path: Path, monkeypatch) -> None:
    built = [tmp_path / "a" / "index.html", tmp_path / "nb" / "index.html"]
    for path in built:
        path.parent.mkdir()
        path.write_text("<html></html>")
    files = _Files([SimpleNamespace(abs_dest_path=str(p)) for p in built])
    digests = iter(["one", "one", "two"])
    monkeypatch.setattr(notebook_cache, "src_digest", lambda: next(digests))
    monkeypatch.setattr(notebook_cache, "_digest", None)
    notebook_cache.on_startup(command="serve", dirty=True)
    notebook_cache.on_files(files, {})  # first build
    notebook_cache.on_files(files, {})  # an edit to a page: src/ unchanged
    assert all(p.exists() for p in built)
    notebook_cache.on_files(files, {})  # src/ changed
    assert not any(p.exists() for p in built)


def test_builds_never_use_the_cache() -> None:
    plugin = SimpleNamespace(config={"cache": True, "cache_dir": "x"})
    config = SimpleNamespace(plugins={"mkdocs-jupyter": plugin})
    notebook_cache.on_startup(command="build", dirty=False)
    notebook_cache.on_config(config)
    assert plugin.config["cache"] is False
