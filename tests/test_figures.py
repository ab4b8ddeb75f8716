"""Every figure on the site is redrawn from the library and compared byte for byte.

The figures are drawn in a fresh process by the same command ``make figures`` uses
(``python -m convshare.figures OUTDIR``), into a temporary folder, and each file is compared with
the committed one in ``docs/figures/``. A file there that no function draws fails, and so does a
figure that no page (``docs/**/*.md``) or script (``docs/javascripts/*.js``) refers to.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from convshare.figures import registry
from tests.conftest import once_per_run

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "docs" / "figures"
NAMES = sorted(registry())
COMMITTED = sorted(p.name for p in FIGURES.iterdir() if p.is_file()) if FIGURES.is_dir() else []


def draw(outdir: Path, *names: str) -> subprocess.CompletedProcess:
    """Draw figures into ``outdir`` in a fresh process, as ``make figures`` does."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-m", "convshare.figures", str(outdir), *names],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def drawn(pytestconfig: pytest.Config) -> Path | None:
    """Every figure drawn in one process, once per test run (conftest.once_per_run); None if
    that failed (then each draws its own)."""

    def make(folder: Path) -> dict:
        return {"folder": str(folder), "ok": draw(folder).returncode == 0}

    figures = once_per_run(pytestconfig, "figures", make)
    return Path(figures["folder"]) if figures["ok"] else None


def drawn_bytes(name: str, drawn: Path | None, tmp_path: Path) -> bytes:
    if drawn is None:  # one figure's failure must not hide the others: draw this one alone
        proc = draw(tmp_path, name)
        if proc.returncode != 0:
            pytest.fail(f"drawing {name} failed:\n{proc.stderr}", pytrace=False)
        drawn = tmp_path
    return (drawn / name).read_bytes()


def references(root: Path = ROOT) -> str:
    """The text of every page and every script of the site, where figures are referred to."""
    docs = root / "docs"
    files = sorted(docs.rglob("*.md")) + sorted((docs / "javascripts").glob("*.js"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def difference(name: str, new: bytes, old: bytes) -> str:
    """Say how two versions of a figure differ (a short text diff for SVG and JSON)."""
    offset = next((i for i, (a, b) in enumerate(zip(new, old, strict=False)) if a != b), None)
    if offset is None:
        offset = min(len(new), len(old))
    lines = [f"{len(old)} bytes committed, {len(new)} drawn now; first difference at byte {offset}"]
    if name.endswith((".svg", ".json")):
        diff = difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            fromfile=f"docs/figures/{name} (committed)",
            tofile=f"{name} (drawn now)",
            lineterm="",
            n=1,
        )
        shown = list(diff)
        lines += shown[:30] + (
            [f"... ({len(shown) - 30} more diff lines)"] if len(shown) > 30 else []
        )
    return "\n".join(lines)


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_current(name: str, drawn: Path | None, tmp_path: Path) -> None:
    new = drawn_bytes(name, drawn, tmp_path)
    committed = FIGURES / name
    if not committed.exists():
        pytest.fail(f"docs/figures/{name} is missing: run `make figures`", pytrace=False)
    old = committed.read_bytes()
    if new != old:
        pytest.fail(
            f"docs/figures/{name} is not what the code draws now (run `make figures` if the "
            f"change is intended):\n{difference(name, new, old)}",
            pytrace=False,
        )


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_file_is_drawn_by_code(name: str) -> None:
    if name not in NAMES:
        pytest.fail(
            f"docs/figures/{name} is drawn by no function in convshare.figures: add it to a "
            "module's FIGURES dict, or delete the file",
            pytrace=False,
        )


@pytest.mark.parametrize("name", NAMES)
def test_figure_is_used(name: str) -> None:
    if f"figures/{name}" not in references():
        pytest.fail(
            f"figures/{name} is drawn but no page (docs/**/*.md) or script "
            "(docs/javascripts/*.js) refers to it: show it on a page, or remove its function",
            pytrace=False,
        )


# --- the comparison itself must be able to fail ---------------------------------------------


def test_difference_names_the_first_changed_byte() -> None:
    old = b"<svg>\n<path d='M 0 0'/>\n</svg>\n"
    new = old.replace(b"M 0 0", b"M 0 1")
    report = difference("x.svg", new, old)
    assert report.startswith(f"{len(old)} bytes committed, {len(new)} drawn now")
    assert f"first difference at byte {old.index(b'M 0 0') + 4}" in report
    assert "-<path d='M 0 0'/>" in report
    assert "+<path d='M 0 1'/>" in report
    assert "first difference at byte 3" in difference("x.png", b"abc", b"abcd")


def test_references_see_pages_and_scripts(tmp_path: Path) -> None:
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text("![x](figures/a.svg)\n", encoding="utf-8")
    (tmp_path / "docs" / "javascripts" / "s.js").write_text(
        'fetch("../figures/s.json")\n', encoding="utf-8"
    )
    text = references(tmp_path)
    assert "figures/a.svg" in text
    assert "figures/s.json" in text
    assert "figures/b.svg" not in text
