"""benchmarks/lighthouse.py keeps, per page, the run of median performance, and the committed
summary (src/convshare/data/lighthouse.json) says how many runs each row stands for.

Lighthouse itself is never run here (a benchmark, not a test): only what its summary is made of.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import re

import pytest

from tests.outputs import ROOT


def load_lighthouse():
    """benchmarks/lighthouse.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("lighthouse", ROOT / "benchmarks/lighthouse.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LIGHTHOUSE = load_lighthouse()
SUMMARY = json.loads((ROOT / "src/convshare/data/lighthouse.json").read_text(encoding="utf-8"))


def run(performance, tbt_ms):
    return {"performance": performance, "tbt_ms": tbt_ms}


def test_the_docstring_example_holds():
    result = doctest.testmod(LIGHTHOUSE, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 1
    assert result.failed == 0


@pytest.mark.parametrize(
    ("runs", "kept"),
    [
        ([run(0.8, 300)], run(0.8, 300)),
        ([run(0.9, 100), run(0.5, 900), run(0.7, 400)], run(0.7, 400)),
        # even count: the worse of the two middle runs
        ([run(0.9, 100), run(0.5, 900), run(0.7, 400), run(0.8, 350)], run(0.7, 400)),
        # equal scores: ordered by blocking time, longest first
        ([run(0.7, 100), run(0.7, 900), run(0.7, 400), run(0.7, 600)], run(0.7, 600)),
    ],
)
def test_the_median_run_is_kept_with_every_score(runs, kept):
    assert LIGHTHOUSE.median_run(runs) == {
        **kept,
        "performance_runs": [r["performance"] for r in runs],
    }


def test_no_run_is_an_error_not_a_row():
    with pytest.raises(ValueError, match="runs is empty"):
        LIGHTHOUSE.median_run([])


def report(lcp=2500.4):
    """A Lighthouse report with what summary_of reads (``lcp=None``: LCP not measured)."""
    audits = {
        "largest-contentful-paint": {"numericValue": lcp} if lcp else {"errorMessage": "NO_LCP"},
        "total-blocking-time": {"numericValue": 180.6},
        "cumulative-layout-shift": {"numericValue": 0.0123},
        "total-byte-weight": {"numericValue": 250_000},
        "color-contrast": {"score": 0},
        "image-alt": {"score": 1},
    }
    refs = [{"id": "color-contrast"}, {"id": "image-alt"}]
    categories = {
        "performance": {"score": 0.96 if lcp else None},
        "accessibility": {"score": 0.93, "auditRefs": refs},
    }
    return {"audits": audits, "categories": categories}


def test_a_report_gives_the_numbers_of_the_table():
    assert LIGHTHOUSE.summary_of(report(), "http://x/") == {
        "performance": 0.96,
        "accessibility": 0.93,
        "lcp_ms": 2500,
        "tbt_ms": 181,
        "cls": 0.012,
        "bytes": 250_000,
        "failed_accessibility_audits": ["color-contrast"],
    }


def test_a_metric_lighthouse_could_not_measure_is_named_not_a_key_error():
    with pytest.raises(LIGHTHOUSE.MissingMetric, match="no largest-contentful-paint, performance"):
        LIGHTHOUSE.summary_of(report(lcp=None), "http://x/")


@pytest.mark.parametrize("failures", [0, 1, LIGHTHOUSE.RETRIES])
def test_a_run_without_a_metric_is_run_again(monkeypatch, capsys, failures):
    calls = []

    def audit(url, path):
        calls.append(url)
        if len(calls) <= failures:
            raise LIGHTHOUSE.MissingMetric(f"lighthouse on {url} measured no x")
        return run(0.9, 100)

    monkeypatch.setattr(LIGHTHOUSE, "audit", audit)
    assert LIGHTHOUSE.audit_until_measured("http://x/", None) == run(0.9, 100)
    assert len(calls) == failures + 1
    assert capsys.readouterr().err.count("run again") == failures


def test_a_page_that_never_measures_stops_the_benchmark(monkeypatch):
    calls = []

    def audit(url, path):
        calls.append(url)
        raise LIGHTHOUSE.MissingMetric("never")

    monkeypatch.setattr(LIGHTHOUSE, "audit", audit)
    with pytest.raises(LIGHTHOUSE.MissingMetric, match="never"):
        LIGHTHOUSE.audit_until_measured("http://x/", None)
    assert len(calls) == LIGHTHOUSE.RETRIES + 1


def test_the_committed_summary_says_how_many_runs_each_row_is():
    match = re.search(r"(one run|median of (\d+) runs) per page", SUMMARY["settings"])
    assert match, SUMMARY["settings"]
    runs = int(match[2] or 1)
    for page, row in SUMMARY["pages"].items():
        if runs == 1:
            assert "performance_runs" not in row, page
            continue
        scores = row["performance_runs"]
        assert len(scores) == runs, page
        assert row["performance"] == sorted(scores)[(runs - 1) // 2], page
