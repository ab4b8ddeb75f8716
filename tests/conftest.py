"""Shared fixtures: the strictly built site (built once per test session) and its local server."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Figures and code blocks draw without a display.
os.environ.setdefault("MPLBACKEND", "Agg")


@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the folder the site was built into
    url: str  # the address it was built for, and is served at by `site_url`
    returncode: int
    log: str  # everything `mkdocs build` printed

    @property
    def warnings(self) -> list[str]:
        return [
            line
            for line in self.log.splitlines()
            if line.lstrip().startswith(("WARNING", "ERROR", "CRITICAL"))
        ]


def build_site(site_dir: Path, url: str | None = None) -> BuiltSite:
    """``mkdocs build --strict`` into ``site_dir`` from the repository root, as `make build`.

    ``url`` sets ``site_url`` (through the SITE_URL variable ``mkdocs.yml`` reads): Material's
    instant navigation only follows links that match the sitemap, which is written for it.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if url is not None:
        env["SITE_URL"] = url
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return BuiltSite(site_dir, url or "", proc.returncode, proc.stdout + proc.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def _server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[http.server.HTTPServer]:
    """A server bound to a free port on 127.0.0.1 for the site folder (not serving yet)."""
    site_dir = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.site_dir = site_dir  # type: ignore[attr-defined]
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_server: http.server.HTTPServer) -> BuiltSite:
    """The site, built strictly once per session, for the address it will be served at."""
    url = f"http://127.0.0.1:{_server.server_address[1]}/"
    return build_site(_server.site_dir, url)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def site_dir(built_site: BuiltSite) -> Path:
    """The built site's folder; fails (never skips) the tests that need it if the build failed."""
    if built_site.returncode != 0 or not (built_site.path / "index.html").is_file():
        shown = built_site.warnings or built_site.log.splitlines()[-30:]
        pytest.fail(
            f"mkdocs build --strict failed (exit status {built_site.returncode}):\n"
            + "\n".join(shown),
            pytrace=False,
        )
    return built_site.path


@pytest.fixture(scope="session")
def site_url(site_dir: Path, built_site: BuiltSite, _server) -> Iterator[str]:
    """The built site served on 127.0.0.1 (an http.server thread); its base URL."""
    thread = threading.Thread(target=_server.serve_forever, daemon=True)
    thread.start()
    yield built_site.url
    _server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium through Playwright (never a downloaded browser), one per session."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is pinned")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`", pytrace=False)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
