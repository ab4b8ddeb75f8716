"""Shared fixtures: the strictly built site (built once per test session)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Figures and code blocks draw without a display.
os.environ.setdefault("MPLBACKEND", "Agg")


@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the folder the site was built into
    returncode: int
    log: str  # everything `mkdocs build` printed

    @property
    def warnings(self) -> list[str]:
        return [
            line
            for line in self.log.splitlines()
            if line.lstrip().startswith(("WARNING", "ERROR", "CRITICAL"))
        ]


def build_site(site_dir: Path) -> BuiltSite:
    """``mkdocs build --strict`` into ``site_dir``, from the repository root, as `make build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return BuiltSite(site_dir, proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built strictly once per session into a temporary folder."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_dir(built_site: BuiltSite) -> Path:
    """The built site's folder; fails (never skips) the tests that need it if the build failed."""
    if built_site.returncode != 0 or not (built_site.path / "index.html").is_file():
        pytest.fail(
            f"mkdocs build --strict failed (exit status {built_site.returncode}):\n"
            f"{built_site.log[-4000:]}",
            pytrace=False,
        )
    return built_site.path
