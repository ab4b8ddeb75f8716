"""docs/performance.md (the reader's chapter) and docs/benchmarks.md (the contributors' page) show
the committed benchmark results (cs.benchmark_results()), not others.

The pages' tables are generated output blocks (checked against their snippets by
tests/test_snippets.py); here: the JSON is a complete result of the benchmark as it is defined
now, the tables compute what their headers say, every measured number in either page's prose
comes from a generated block on that page, a goal's verdict agrees with the ratio it prints, and
the figure draws the JSON. Timings themselves are never asserted.
"""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pytest

import convshare as cs
from convshare import fastconv
from convshare.figures import performance as figures
from tests.outputs import ROOT, parse_page

PAGES = ["docs/performance.md", "docs/benchmarks.md"]


def load_benchmark():
    """benchmarks/bench_conv2d.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_conv2d", ROOT / "benchmarks/bench_conv2d.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = load_benchmark()
DATA = cs.benchmark_results()
TEXTS = {page: (ROOT / page).read_text(encoding="utf-8") for page in PAGES}
PAGE_BLOCKS = {page: parse_page(text, page) for page, text in TEXTS.items()}
BLOCKS = {block.snippet: block for blocks in PAGE_BLOCKS.values() for block in blocks}


@pytest.mark.parametrize("run", DATA["runs"], ids=lambda run: run["label"])
def test_results_are_a_complete_run_of_the_benchmark_as_defined_now(run):
    assert DATA["command"] == "make bench"
    assert run["rounds"] >= 7
    assert run["machine"]["env"]["MALLOC_MMAP_THRESHOLD_"] is None  # the plain process
    assert run["malloc_env"] == BENCH.MALLOC_ENV
    expected = [(case[0], dtype) for case in BENCH.CASES for dtype in BENCH.DTYPES]
    assert [(r["case"], r["dtype"]) for r in run["results"]] == expected
    has_torch = run["machine"]["torch"] is not None
    assert (run["note"] is None) == has_torch
    for r, (case, dtype) in zip(run["results"], expected, strict=True):
        definition = next(c for c in BENCH.CASES if c[0] == case)
        _, description, x, w, stride, padding = definition
        assert (r["description"], r["x"], r["w"]) == (description, list(x), list(w))
        assert (r["stride"], r["padding"]) == (stride, padding)
        methods = {"classic", "conv2d", "gemm"} | ({"torch"} if has_torch else set())
        if BENCH.flops(definition) <= BENCH.NAIVE_MAX_FLOPS:
            methods.add("naive")
        if BENCH.three_by_three(definition):  # the engine's paths, forced one by one
            methods |= set(BENCH.PATHS)
        assert set(r["ms"]) == methods == set(r["gflops"]) == set(r["faults"])
        assert all(f >= 0 for f in r["faults"].values())
        # the second run, in a child process with the allocator setting
        assert set(r["malloc"]["ms"]) == set(r["malloc"]["faults"]) == set(BENCH.MALLOC_METHODS)
        if BENCH.three_by_three(definition) and dtype == "float32":
            errors = {"conv2d", *BENCH.PATHS} | ({"torch"} if has_torch else set())
            assert set(r["error"]) == errors
            assert all(0 <= e < 1e-4 for e in r["error"].values())
        else:
            assert "error" not in r
        # the FLOPs from the formula, recomputed here from the shapes
        (n, c_in, h, wd), (c_out, _, kh, kw) = x, w
        h_out = (h + 2 * padding - kh) // stride + 1
        w_out = (wd + 2 * padding - kw) // stride + 1
        flops = 2 * n * c_out * h_out * w_out * c_in * kh * kw
        assert r["gflop"] == pytest.approx(flops / 1e9, rel=1e-3)
        assert r["output_mib"] == pytest.approx(
            n * c_out * h_out * w_out * np.dtype(dtype).itemsize / 2**20, rel=1e-3
        )
        for method, ms in r["ms"].items():
            assert r["gflops"][method] == pytest.approx(flops / (ms * 1e-3) / 1e9, rel=2e-3)
        assert r["peak_mib"]["conv2d"] >= r["output_mib"] * (1 - 1e-3)  # holds its output


def table_rows(snippet: str) -> list[list[str]]:
    """The body rows of a generated Markdown table on the page, as lists of cell strings."""
    lines = [line.strip() for line in BLOCKS[snippet].shown.splitlines()]
    rows = [line.strip("|").split("|") for line in lines if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]  # skip header and rule


def test_ratio_table_divides_the_right_times():
    run = DATA["runs"][0]
    rows = table_rows("snippets/benchmarks_ratios.py")
    assert len(rows) == len(run["results"])
    for row, r in zip(rows, run["results"], strict=True):
        ms, out = r["ms"], r["output_mib"]
        assert row[0] == f"{r['case']}, {r['dtype']}"
        assert float(row[1]) == pytest.approx(ms["conv2d"] / ms["gemm"], abs=0.006)
        assert float(row[2]) == pytest.approx(ms["classic"] / ms["conv2d"], abs=0.006)
        if "torch" in ms:
            assert float(row[3]) == pytest.approx(ms["conv2d"] / ms["torch"], abs=0.006)
        extra_conv2d, extra_classic, output = (float(cell) for cell in row[-3:])
        assert extra_conv2d == pytest.approx(r["peak_mib"]["conv2d"] - out, abs=0.006)
        assert extra_classic == pytest.approx(r["peak_mib"]["classic"] - out, abs=0.006)
        assert output == pytest.approx(out, abs=0.006)


def test_time_table_shows_the_committed_milliseconds():
    run = DATA["runs"][0]
    rows = table_rows("snippets/benchmarks_table.py")
    header = [cell.strip() for cell in BLOCKS["snippets/benchmarks_table.py"].shown.split("\n")]
    header = next(line for line in header if line.startswith("|")).strip("|").split("|")
    names = [cell.strip() for cell in header][1:-1]
    key = {"naive": "naive", "classic": "classic", "conv2d": "conv2d"}
    key |= {"GEMM": "gemm", "PyTorch": "torch"}
    for row, r in zip(rows, run["results"], strict=True):
        for name, cell in zip(names, row[1:-1], strict=True):
            if key[name] not in r["ms"]:
                assert cell == "–"
            else:
                assert float(cell.replace(",", "")) == pytest.approx(r["ms"][key[name]], rel=5e-3)
        assert float(row[-1]) == pytest.approx(r["gflops"]["conv2d"], rel=5e-3)


def test_faults_table_shows_the_committed_faults_and_both_runs():
    run = DATA["runs"][0]
    rows = table_rows("snippets/benchmarks_faults.py")
    assert len(rows) == len(run["results"])
    for row, r in zip(rows, run["results"], strict=True):
        ms, malloc = r["ms"], r["malloc"]["ms"]
        assert row[0] == f"{r['case']}, {r['dtype']}"
        cells = [float(cell) for cell in row[1:]]
        assert cells[0] == pytest.approx(ms["conv2d"], rel=5e-3)
        assert cells[1:3] == pytest.approx([r["faults"]["conv2d"], r["faults"]["gemm"]], abs=0.06)
        assert cells[3] == pytest.approx(ms["conv2d"] / ms["gemm"], abs=0.006)
        assert cells[4] == pytest.approx(malloc["conv2d"], rel=5e-3)
        assert cells[5] == pytest.approx(r["malloc"]["faults"]["conv2d"], abs=0.06)
        assert cells[6] == pytest.approx(malloc["conv2d"] / malloc["gemm"], abs=0.006)


def test_winograd_table_shows_the_committed_paths_and_the_rule():
    run = DATA["runs"][0]
    rows = table_rows("snippets/performance_winograd_measured.py")
    layers = [r for r in run["results"] if r["dtype"] == "float32" and "winograd2" in r["ms"]]
    assert [r["case"] for r in layers] == ["D", "F", "G"]
    assert len(rows) == len(layers)
    for row, r in zip(rows, layers, strict=True):
        for i, key in enumerate(("direct", "winograd2", "winograd4")):
            ratio, error = float(row[1 + 2 * i]), float(row[2 + 2 * i])
            assert ratio == pytest.approx(r["ms"][key] / r["ms"]["gemm"], abs=0.006)
            assert error == pytest.approx(r["error"][key], rel=0.06)
        (_, c_in, h, w), c_out = r["x"], r["w"][0]
        m = fastconv.winograd_tile(c_in, c_out, (3, 3), (1, 1), (h, w))
        assert row[-1] == {0: "K P (GEMM)", 2: "F(2×2, 3×3)", 4: "F(4×4, 3×3)"}[m]


def prose(text: str) -> str:
    """The page without code fences, generated blocks, math, HTML tags and link targets."""
    text = re.sub(r"<!-- output:.*?<!-- /output -->", " ", text, flags=re.S)
    text = re.sub(r"^[ \t]*```.*?^[ \t]*```", " ", text, flags=re.S | re.M)
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>|\]\([^)]*\)|`[^`]*`", " ", text)
    return text


MEASURED = re.compile(r"\d[\d,.]*\s*(?:×|ms\b|MiB\b|GFLOP/s|%)")


@pytest.mark.parametrize("page", PAGES)
def test_every_measured_number_in_the_prose_comes_from_a_generated_block(page):
    generated = " ".join(block.shown for block in PAGE_BLOCKS[page])
    found = MEASURED.findall(prose(TEXTS[page]))
    if page == "docs/performance.md":  # its prose quotes measured ratios
        assert found, "the check found no number with a unit at all: the pattern is broken"
    for number in found:
        value = re.match(r"[\d,.]*\d", number).group()
        assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", generated), (
            f"{number!r} is written in the prose of {page} but printed by no "
            "snippet on the page: take it from an output block"
        )


GOAL = re.compile(r"(\d+\.\d+)× [^\n]*?\(goal at (most|least) (\d+(?:\.\d+)?)×: (met|NOT met)\)")


def test_a_goal_verdict_agrees_with_the_ratio_it_prints():
    """'1.30× (goal at most 1.3×: NOT met)' reads as a contradiction: print enough digits."""
    shown = BLOCKS["snippets/benchmarks_goals.py"].shown
    verdicts = GOAL.findall(shown)
    has_torch = all("torch" in r["ms"] for r in DATA["runs"][0]["results"])
    assert len(verdicts) == (8 if has_torch else 5), verdicts
    faults = re.compile(
        r"at most (\d+\.\d) \(\w\) plain,\s+(\d+\.\d) \(\w\) with MALLOC_\*\s+"
        r"\(goal about 0, at most 1: (met|NOT met)\)"
    )
    ((plain, malloc, verdict),) = faults.findall(shown)
    assert (max(float(plain), float(malloc)) <= 1) == (verdict == "met")
    for shown, side, goal, verdict in verdicts:
        ratio, goal = float(shown), float(goal)
        assert (ratio <= goal if side == "most" else ratio >= goal) == (verdict == "met"), (
            f"the page prints {shown}× against the goal {goal}× and says {verdict!r}"
        )
        assert ratio != goal or verdict == "met", f"{shown}× is the goal itself yet {verdict!r}"


def test_page_states_machine_command_and_both_openblas_settings():
    text = TEXTS["docs/benchmarks.md"]
    assert "<!-- output: snippets/benchmarks_machine.py -->" in text
    assert "<!-- output: snippets/benchmarks_table.py table -->" in text
    assert "<!-- output: snippets/benchmarks_ratios.py table -->" in text
    assert "<!-- output: snippets/benchmarks_kernels.py table -->" in text
    assert "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE make bench" in text
    assert "<!-- output: snippets/performance_measured.py -->" in TEXTS["docs/performance.md"]
    assert "(benchmarks.md)" in TEXTS["docs/performance.md"]  # the reader finds the details
    machine = BLOCKS["snippets/benchmarks_machine.py"].shown
    assert "to reproduce: make bench" in machine
    assert "nproc" in machine
    assert "threadpoolctl" in machine
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    bench = re.search(r"^bench:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "benchmarks/bench_conv2d.py" in bench
    assert "MALLOC" not in makefile  # a plain process; the script runs the MALLOC_* child
    assert "<!-- output: snippets/benchmarks_faults.py table -->" in text


def test_what_the_benchmarks_page_says_of_winograd_holds_in_every_committed_run():
    """ "D, F and G take Winograd's path; with the Haswell kernel it beats the patch matrix on
    all three, with OpenBLAS's own (faster GEMM) not on every one; the call and the same path
    forced differ by far more than a last digit; the other kernel's GEMM is faster on every
    large layer and conv2d's ratio to it larger on D, F, G": both editions say it, and every
    committed run must agree (else the sentences must be rewritten)."""
    en = TEXTS["docs/benchmarks.md"]
    zh = (ROOT / "docs/benchmarks.zh.md").read_text(encoding="utf-8")
    assert "On the 3×3 layers D, F and G `conv2d` takes Winograd's path" in en
    assert "在 3×3 的层 D、F 和 G 上，`conv2d` 走 Winograd 路径" in zh
    assert "beats the patch matrix on all three layers" in en
    assert "does not on every layer" in en
    runs = {run["machine"]["env"]["OPENBLAS_CORETYPE"] or "unset": run for run in DATA["runs"]}
    assert sorted(runs) == ["Haswell", "unset"]
    beats, gaps = {}, []
    for name, run in runs.items():
        layers = {r["case"]: r for r in run["results"] if r["dtype"] == "float32"}
        assert sorted(c for c, r in layers.items() if "winograd2" in r["ms"]) == ["D", "F", "G"]
        for case in "DFG":
            r = layers[case]
            (_, c_in, h, w), c_out = r["x"], r["w"][0]
            m = fastconv.winograd_tile(c_in, c_out, (3, 3), (1, 1), (h, w))
            assert m > 0, f"{case} takes Winograd's path"
            ms = r["ms"]
            beats[name, case] = ms[f"winograd{m}"] < ms["direct"]
            ratios = [round(ms[k] / ms["gemm"], 2) for k in ("conv2d", f"winograd{m}")]
            gaps.append(abs(ratios[0] - ratios[1]))
    assert all(beats["Haswell", case] for case in "DFG"), beats
    assert not all(beats["unset", case] for case in "DFG"), beats
    assert max(gaps) >= 0.05, f"'far more than a last digit': {gaps}"
    # "took another kernel than Haswell; its GEMM runs faster on every large layer; on D, F, G
    # conv2d's ratio to the GEMM is larger in that run"
    assert all(b["architecture"] != "Haswell" for b in runs["unset"]["machine"]["blas"])
    haswell = {(r["case"], r["dtype"]): r for r in runs["Haswell"]["results"]}
    for r in runs["unset"]["results"]:
        if r["case"] in "DEFG":
            other = haswell[r["case"], r["dtype"]]
            assert r["gflops"]["gemm"] > other["gflops"]["gemm"], (r["case"], r["dtype"])
            if r["case"] != "E":
                ratio = r["ms"]["conv2d"] / r["ms"]["gemm"]
                assert ratio > other["ms"]["conv2d"] / other["ms"]["gemm"], r["case"]


def test_bench_figure_draws_the_committed_ratios():
    figure = figures.bench_figure()
    run = DATA["runs"][0]
    for ax, dtype in zip(figure.axes, sorted(BENCH.DTYPES), strict=True):
        drawn = sorted(round(bar.get_height(), 9) for bar in ax.patches)
        rows = [r for r in run["results"] if r["dtype"] == dtype]
        expected = sorted(
            round(r["ms"][m] / r["ms"]["gemm"], 9)
            for r in rows
            for m in figures.METHOD_COLOURS
            if m in r["ms"]
        )
        assert drawn == expected
        assert [t.get_text() for t in ax.get_xticklabels()] == [r["case"] for r in rows]


def test_im2col_figure_example_is_a_matrix_product():
    x, w, cols, y = figures.im2col_example()
    assert cols.shape == (9, 4)
    np.testing.assert_array_equal(w.reshape(1, -1) @ cols, y.reshape(1, -1))
    np.testing.assert_array_equal(cols[:, 1], x[0, 0:3, 1:4].ravel())  # column 1 = patch (0, 1)
    np.testing.assert_array_equal(y, cs.conv2d_naive(x, w))


def test_benchmark_without_torch_leaves_the_torch_column_out():
    """On a machine without PyTorch the benchmark still runs its other methods, no torch column."""
    small, large = BENCH.CASES[0], next(c for c in BENCH.CASES if c[0] == "E")
    assert set(BENCH.methods(small, "float32", None)) == {"naive", "classic", "conv2d", "gemm"}
    assert set(BENCH.methods(large, "float32", None)) == {"classic", "conv2d", "gemm"}
    for name, (library, function) in BENCH.methods(small, "float64", None).items():
        assert library == "numpy", name
        assert function().dtype == np.float64, name
