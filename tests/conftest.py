"""Shared fixtures: the strictly built site (built once per test run) and its local server."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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


# What is costly to make is made once per run, however many processes run the tests (make test
# runs them on every core with pytest-xdist): the built site and its server, the package's sdist,
# wheel and venv, and the runs of the programs outside the repository (once_per_run). The first
# process to need one makes it in a folder of the whole run, under a lock; the others wait and
# read it. (Two sdist builds at once in the repository also break each other: both write
# convshare-0.1.0/ there, and the first to finish deletes it.) The site's server is a process of
# its own, stopped when the run ends (pytest_unconfigure in the process that started the run),
# since the process that started it may finish its tests first.
SHARED = pytest.StashKey[Path]()
_STARTED: dict[int, subprocess.Popen] = {}  # servers this process started, by process id


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the run's own process, not an xdist worker
        config.stash[SHARED] = Path(tempfile.mkdtemp(prefix="convshare-tests-"))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist: each worker is told where the run's shared folder is."""
    node.workerinput["convshare_shared"] = str(node.config.stash[SHARED])


def pytest_unconfigure(config: pytest.Config) -> None:
    shared = config.stash.get(SHARED, None)
    if shared is None:
        return
    record = shared / "site.json"  # the server of the built site (once_per_run)
    if record.is_file():
        server = json.loads(record.read_text(encoding="utf-8"))["server_pid"]
        with contextlib.suppress(ProcessLookupError):
            os.kill(server, signal.SIGTERM)
        if server in _STARTED:
            _STARTED.pop(server).wait()
    shutil.rmtree(shared, ignore_errors=True)


def _shared_folder(config: pytest.Config) -> Path:
    if hasattr(config, "workerinput"):
        return Path(config.workerinput["convshare_shared"])
    return config.stash[SHARED]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(folder: Path) -> tuple[int, subprocess.Popen]:
    """A static server (Python's http.server) for ``folder`` on a free port of 127.0.0.1,
    answering once it returns."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "-d", str(folder), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _STARTED[server.pid] = server
    for _ in range(200):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
            return port, server
        if server.poll() is not None:
            break
        time.sleep(0.05)
    server.kill()
    pytest.fail(f"the test server for {folder} did not start on port {port}", pytrace=False)


def once_per_run(config: pytest.Config, name: str, make: Callable[[Path], dict]) -> dict:
    """What ``make(folder)`` returned (JSON data) for an empty folder ``name`` of the run's shared
    folder: made by the first test process that asks, under a lock; the others wait for it and
    read what it saved (make test runs the tests in several processes). If ``make`` raises, the
    next process to ask tries again."""
    shared = _shared_folder(config)
    record = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not record.is_file():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            record.write_text(json.dumps(make(folder)), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))


def _build_and_serve(site_dir: Path) -> dict:
    port, server = _serve(site_dir)
    built = build_site(site_dir, f"http://127.0.0.1:{port}/")
    return {**dataclasses.asdict(built), "path": str(site_dir), "server_pid": server.pid}


@pytest.fixture(scope="session")
def built_site(pytestconfig: pytest.Config) -> BuiltSite:
    """The site, built strictly once per run, for the address it is served at (``site_url``)."""
    saved = once_per_run(pytestconfig, "site", _build_and_serve)
    del saved["server_pid"]
    return BuiltSite(**{**saved, "path": Path(saved["path"])})


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
def site_url(site_dir: Path, built_site: BuiltSite) -> str:
    """The base URL the built site is served at on 127.0.0.1 (by the run's http.server)."""
    return built_site.url


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
