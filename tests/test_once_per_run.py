"""tests/conftest.py's once_per_run: what is costly is made once per test run, by one process."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from tests.conftest import SHARED, once_per_run


class _Config:
    """The part of a pytest config once_per_run reads: where the run's shared folder is."""

    def __init__(self, shared: Path) -> None:
        self.stash = {SHARED: shared}


def _make_slowly(folder: Path) -> dict:
    time.sleep(0.3)  # long enough for every process to ask while it is being made
    (folder / "made").write_text("x")
    with open(folder.parent / "count", "a") as count:
        count.write("1")
    return {"by": multiprocessing.current_process().name}


def _ask(shared: str) -> str:
    return once_per_run(_Config(Path(shared)), "thing", _make_slowly)["by"]


def test_made_once_for_every_process_that_asks(tmp_path: Path) -> None:
    with multiprocessing.get_context("fork").Pool(4) as pool:
        makers = pool.map(_ask, [str(tmp_path)] * 8)
    assert (tmp_path / "count").read_text() == "1"  # one make for 8 requests from 4 processes
    assert len(set(makers)) == 1  # every process got what that one process made
    assert (tmp_path / "thing" / "made").is_file()


def test_a_failed_make_is_tried_again(tmp_path: Path) -> None:
    def fail(folder: Path) -> dict:
        (folder / "half").write_text("x")
        raise RuntimeError("cannot")

    with pytest.raises(RuntimeError, match="cannot"):
        once_per_run(_Config(tmp_path), "thing", fail)
    assert once_per_run(
        _Config(tmp_path), "thing", lambda folder: {"files": len(list(folder.iterdir()))}
    ) == {"files": 0}
