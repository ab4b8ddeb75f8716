"""``make bench``: conv2d against the classic im2col, an equal-FLOP GEMM and PyTorch.

One process, interleaved rounds: every round times each method once (a block of calls long
enough to measure, per-call time = block time / calls), in an order that rotates from round to
round; the table reports the median over ``ROUNDS`` rounds after one warm-up round. A pause
separates blocks of different libraries (OpenBLAS and PyTorch threads spin for a while after a
call and would steal the two cores from the next block). Minor page faults per call
(``resource.getrusage``) are counted over the same blocks: a call that touches fresh memory
pays one fault per page it touches (4 KiB, or larger with transparent huge pages, which NumPy
requests for large arrays). Peak memory is measured separately with tracemalloc (NumPy reports
its allocations to it; PyTorch does not, so it has no memory column), from an empty workspace:
it includes the scratch buffers ``conv2d`` then keeps for the next call.

The run measures this process as it is (no ``MALLOC_*`` settings from ``make``), then runs
itself again in a child process with ``MALLOC_MMAP_THRESHOLD_`` set (``MALLOC_ENV``; glibc then
trims freed memory at 128 KiB, as many ML stacks' allocator settings do) for ``conv2d`` and the
GEMM: their times and faults go into each result's ``"malloc"`` entry. On the 3×3 stride-1
layers it also times the engine without Winograd and with each Winograd tile size forced, and
stores the float32 error of each (max |y - y64| / max |y64|, y64 the float64 result).

Writes the results to ``src/convshare/data/bench.json``, which ships with the package and is read
through ``cs.benchmark_results()`` (one run per OpenBLAS environment: running it again with
another ``OPENBLAS_CORETYPE`` adds or replaces that run and keeps the others), prints the table,
then redraws the page's figure (``docs/figures/performance-bench.svg``).

    make bench                                              # the environment as set
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE make bench # OpenBLAS picks its own kernel
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import threadpoolctl

import convshare as cs
from convshare import fastconv, winograd, workspace
from convshare.figures import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from im2col_classic import conv_forward_im2col

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "src" / "convshare" / "data" / "bench.json"  # cs.benchmark_results()
FIGURE = ROOT / "docs" / "figures" / "performance-bench.svg"
ROUNDS = 15  # timed rounds, after one warm-up round
BLOCK_SECONDS = 0.05  # each timed block calls the method for at least this long
PAUSE_SECONDS = 0.2  # between blocks of different libraries
NAIVE_MAX_FLOPS = 2e6  # conv2d_naive (plain loops) only on the small cases

# (symbol, description, x shape, w shape, stride, padding)
CASES = [
    ("A", "3-channel demo", (1, 3, 5, 5), (2, 3, 3, 3), 2, 1),
    ("B", "28×28, one 5×5 filter", (1, 1, 28, 28), (1, 1, 5, 5), 1, 0),
    ("C", "32×32×3, 16 3×3 filters", (1, 3, 32, 32), (16, 3, 3, 3), 1, 1),
    ("D", "ResNet block, 64 3×3 filters", (1, 64, 56, 56), (64, 64, 3, 3), 1, 1),
    ("E", "ResNet stem, batch 8, 64 7×7 filters", (8, 3, 224, 224), (64, 3, 7, 7), 2, 3),
    ("F", "ResNet stage 2, 128 3×3 filters", (1, 128, 28, 28), (128, 128, 3, 3), 1, 1),
    ("G", "ResNet stage 3, 256 3×3 filters", (1, 256, 14, 14), (256, 256, 3, 3), 1, 1),
]
DTYPES = ["float32", "float64"]
#: The second run's allocator setting (the one `make bench` used to set for the whole run).
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "33554432"}
#: Methods timed again under MALLOC_ENV.
MALLOC_METHODS = ("conv2d", "gemm")
#: On 3×3 stride-1 layers: the engine's paths forced (Winograd tile size, 0 for none).
PATHS = {"direct": 0, "winograd2": 2, "winograd4": 4}


def three_by_three(case) -> bool:
    """A 3×3 stride-1 layer with at least WINOGRAD_CHANNELS channels (its paths are compared)."""
    _, _, x_shape, w_shape, stride, _ = case
    channels = min(x_shape[1], w_shape[0])
    return w_shape[2:] == (3, 3) and stride == 1 and channels >= fastconv.WINOGRAD_CHANNELS


def torch_module():
    """PyTorch if it is installed, else None (its column is then left out, with a note)."""
    try:
        import torch
    except ImportError:
        return None
    return torch


def methods(case, dtype, torch):
    """``{name: (library, function)}`` for one case: the functions take no arguments."""
    _, _, x_shape, w_shape, stride, padding = case
    rng = np.random.default_rng(0)
    x = rng.standard_normal(x_shape).astype(dtype)
    w = rng.standard_normal(w_shape).astype(dtype)
    n, _, h, wd = x_shape
    c_out, c_in, kh, kw = w_shape
    h_out = cs.output_size(h, kh, stride=stride, padding=padding)
    w_out = cs.output_size(wd, kw, stride=stride, padding=padding)
    a = rng.standard_normal((c_out, c_in * kh * kw)).astype(dtype)
    b = rng.standard_normal((c_in * kh * kw, n * h_out * w_out)).astype(dtype)
    found = {}
    if flops(case) <= NAIVE_MAX_FLOPS:
        found["naive"] = ("numpy", lambda: cs.conv2d_naive(x, w, stride=stride, padding=padding))
    found["classic"] = ("numpy", lambda: conv_forward_im2col(x, w, stride, padding))
    found["conv2d"] = ("numpy", lambda: cs.conv2d(x, w, stride=stride, padding=padding))
    found["gemm"] = ("numpy", lambda: a @ b)
    if three_by_three(case):
        pair = (padding, padding)
        for name, tile in PATHS.items():
            found[name] = ("numpy", lambda t=tile: fastconv.conv2d_nchw(x, w, (1, 1), pair, t))
    if torch is not None:
        tx, tw = torch.from_numpy(x), torch.from_numpy(w)

        def torch_conv():
            with torch.no_grad():
                return torch.nn.functional.conv2d(tx, tw, stride=stride, padding=padding)

        found["torch"] = ("torch", torch_conv)
    return found


def flops(case) -> int:
    """``2·N·C_out·H_out·W_out·C_in·kH·kW``: one multiply and one add per weight use."""
    _, _, (n, c_in, h, wd), (c_out, _, kh, kw), stride, padding = case
    h_out = cs.output_size(h, kh, stride=stride, padding=padding)
    w_out = cs.output_size(wd, kw, stride=stride, padding=padding)
    return 2 * n * c_out * h_out * w_out * c_in * kh * kw


def calls_per_block(function) -> int:
    """How many calls make a block of at least BLOCK_SECONDS (measured after two warm-up calls:
    the first call of a library can be much slower than the others)."""
    function()
    function()
    calls, seconds = 1, 0.0
    while seconds < BLOCK_SECONDS / 10:
        start = time.perf_counter()
        for _ in range(calls):
            function()
        seconds = time.perf_counter() - start
        calls *= 2
    once = seconds / (calls // 2)
    return max(1, int(BLOCK_SECONDS / once) + 1)


def minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def time_block(function, calls: int) -> tuple[float, float]:
    """(seconds per call, minor page faults per call) over one block of calls."""
    faults = minor_faults()
    start = time.perf_counter()
    for _ in range(calls):
        function()
    seconds = time.perf_counter() - start
    return seconds / calls, (minor_faults() - faults) / calls


def time_methods(found: dict) -> tuple[dict[str, float], dict[str, float]]:
    """Median seconds and median minor faults per call of each method, over interleaved
    rotating rounds."""
    names = list(found)
    calls = {name: calls_per_block(found[name][1]) for name in names}
    samples = {name: [] for name in names}
    faults = {name: [] for name in names}
    previous = None
    for round_ in range(ROUNDS + 1):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            library, function = found[name]
            if previous is not None and library != previous:
                time.sleep(PAUSE_SECONDS)
            previous = library
            seconds, per_call = time_block(function, calls[name])
            if round_ > 0:  # round 0 is the warm-up
                samples[name].append(seconds)
                faults[name].append(per_call)
    median = statistics.median
    return {n: median(samples[n]) for n in names}, {n: median(faults[n]) for n in names}


def peak_bytes(function) -> int:
    """Peak bytes NumPy allocates during one call (inputs already exist), tracemalloc, starting
    from an empty workspace and weight cache (so that the scratch buffers count)."""
    gc.collect()
    workspace.release()
    winograd.clear_cache()
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


def machine(torch) -> dict:
    """What the numbers were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    blas = [
        {key: info.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
        for info in threadpoolctl.threadpool_info()
        if info.get("user_api") == "blas"
    ]
    env = {key: os.environ.get(key) for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["MALLOC_MMAP_THRESHOLD_"] = os.environ.get("MALLOC_MMAP_THRESHOLD_")
    return {
        "cpu": model,
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas,
        "torch": None if torch is None else torch.__version__.split("+")[0],
        "torch_threads": None if torch is None else torch.get_num_threads(),
        "env": env,
    }


def sig(value: float, digits: int = 4) -> float:
    """Round to a few significant digits (keeps the committed JSON small and readable)."""
    return float(f"{value:.{digits}g}")


def float32_errors(case, torch) -> dict[str, float]:
    """max |y - y64| / max |y64| of conv2d, each forced path and PyTorch in float32, with y64
    computed in float64 from the same (float32) inputs."""
    _, _, x_shape, w_shape, stride, padding = case
    rng = np.random.default_rng(0)  # the arrays of methods(case, "float32", ...), in float64
    x = rng.standard_normal(x_shape).astype(np.float32).astype(np.float64)
    w = rng.standard_normal(w_shape).astype(np.float32).astype(np.float64)
    y64 = fastconv.conv2d_nchw(x, w, (stride, stride), (padding, padding), tile=0)
    scale = np.abs(y64).max()
    found = methods(case, "float32", torch)
    names = ["conv2d", *PATHS, "torch"]
    return {
        name: sig(float(np.abs(np.asarray(found[name][1]()) - y64).max() / scale), 2)
        for name in names
        if name in found
    }


def malloc_run() -> dict:
    """Times and faults of MALLOC_METHODS in a child process with MALLOC_ENV set."""
    env = {**os.environ, **MALLOC_ENV}
    child = subprocess.run(
        [sys.executable, __file__, "--malloc-child"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(child.stdout)


def malloc_child() -> int:
    """In the child: time MALLOC_METHODS on every case, print JSON {case/dtype: results}."""
    out = {}
    for case in CASES:
        for dtype in DTYPES:
            found = {m: f for m, f in methods(case, dtype, None).items() if m in MALLOC_METHODS}
            seconds, faults = time_methods(found)
            out[f"{case[0]}/{dtype}"] = {
                "ms": {name: sig(s * 1e3) for name, s in seconds.items()},
                "faults": {name: round(f, 1) for name, f in faults.items()},
            }
    print(json.dumps(out))
    return 0


def run() -> dict:
    torch = torch_module()
    results = []
    for case in CASES:
        for dtype in DTYPES:
            found = methods(case, dtype, torch)
            seconds, faults = time_methods(found)
            time.sleep(PAUSE_SECONDS)
            symbol, description, x_shape, w_shape, stride, padding = case
            output_bytes = flops(case) // (2 * np.prod(w_shape[1:])) * np.dtype(dtype).itemsize
            entry = {
                "case": symbol,
                "description": description,
                "x": list(x_shape),
                "w": list(w_shape),
                "stride": stride,
                "padding": padding,
                "dtype": dtype,
                "gflop": sig(flops(case) / 1e9),
                "ms": {name: sig(s * 1e3) for name, s in seconds.items()},
                "faults": {name: round(f, 1) for name, f in faults.items()},
                "gflops": {name: sig(flops(case) / s / 1e9) for name, s in seconds.items()},
                "output_mib": sig(output_bytes / 2**20),
                "peak_mib": {
                    name: sig(peak_bytes(found[name][1]) / 2**20) for name in ("classic", "conv2d")
                },
            }
            if three_by_three(case) and dtype == "float32":
                entry["error"] = float32_errors(case, torch)
            results.append(entry)
            print(summary_line(entry), flush=True)
    print(f"the same with {MALLOC_ENV} (a child process) ...", flush=True)
    malloc = malloc_run()
    for entry in results:
        entry["malloc"] = malloc[f"{entry['case']}/{entry['dtype']}"]
        print(malloc_line(entry), flush=True)
    label = "OPENBLAS_CORETYPE=" + os.environ.get("OPENBLAS_CORETYPE", "unset")
    note = None if torch is not None else "PyTorch is not installed: no torch column."
    return {
        "label": label,
        "machine": machine(torch),
        "rounds": ROUNDS,
        "malloc_env": MALLOC_ENV,
        "note": note,
        "results": results,
    }


def summary_line(entry: dict) -> str:
    """Each method: ms per call, ratio to the GEMM and to PyTorch, minor page faults per call."""
    ms, faults = entry["ms"], entry["faults"]
    lines = [
        f"{entry['case']} {entry['dtype']} {entry['gflop']:.4g} GFLOP ({entry['description']})"
    ]
    for name in ms:
        line = f"  {name:10s} {ms[name]:9.4g} ms  {ms[name] / ms['gemm']:6.2f}× GEMM"
        if "torch" in ms:
            line += f"  {ms[name] / ms['torch']:6.2f}× PyTorch"
        line += f"  {faults[name]:8.1f} faults/call"
        if name in entry.get("error", {}):
            line += f"  float32 error {entry['error'][name]:.1e}"
        lines.append(line)
    lines.append(
        f"  classic ÷ conv2d {ms['classic'] / ms['conv2d']:.1f}, peak MiB {entry['peak_mib']}"
    )
    return "\n".join(lines)


def malloc_line(entry: dict) -> str:
    plain, malloc = entry["ms"], entry["malloc"]["ms"]
    parts = [f"{entry['case']} {entry['dtype']} with {MALLOC_ENV}:"]
    for name in MALLOC_METHODS:
        faults = entry["malloc"]["faults"][name]
        parts.append(f"{name} {malloc[name]:.4g} ms ({malloc[name] / plain[name]:.2f}× plain,")
        parts.append(f"{faults:.1f} faults/call)")
    parts.append(f"conv2d ÷ GEMM {malloc['conv2d'] / malloc['gemm']:.2f}")
    return " ".join(parts)


def main() -> int:
    if sys.argv[1:] == ["--malloc-child"]:
        return malloc_child()
    new = run()
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"runs": []}
    runs, labels = data["runs"], [r["label"] for r in data["runs"]]
    if new["label"] in labels:
        runs[labels.index(new["label"])] = new  # replace, keep the order (the first is the page's)
    else:
        runs.append(new)
    data = {"command": "make bench", "runs": runs}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    from convshare.figures.performance import FIGURES  # reads the file just written

    name = FIGURE.name
    FIGURE.write_bytes(render(name, FIGURES[name]))
    print(f"wrote {FIGURE.relative_to(ROOT)}")
    if new["note"]:
        print(new["note"])
    print("now run `make figures` to regenerate the tables of docs/performance.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
