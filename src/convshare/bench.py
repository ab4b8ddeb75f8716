"""The committed benchmark results of ``make bench``, shipped with the package.

``benchmarks/bench_conv2d.py`` writes them to ``src/convshare/data/bench.json``; the site's
performance tables and figure, and any reader's copy of their snippets, read them through
:func:`benchmark_results`, so the snippets run outside the repository too.
"""

from __future__ import annotations

import json
from importlib import resources

#: Where the results live inside the installed package.
RESOURCE = ("data", "bench.json")


def benchmark_results() -> dict:
    """Return the benchmark results that ship with convshare (written by ``make bench``).

    Returns
    -------
    dict
        A fresh copy of the parsed JSON on every call: ``"command"`` (how to reproduce them)
        and ``"runs"``, one per OpenBLAS environment, each with its ``"label"``, the
        ``"machine"`` it ran on, the number of ``"rounds"`` and its ``"results"``: one entry
        per layer and dtype with the shapes of ``x`` and ``w``, ``stride``, ``padding``, the
        GFLOP of one call, the median milliseconds ``"ms"`` of each method and its
        ``"gflops"``.

    Examples
    --------
    >>> import convshare as cs
    >>> bench = cs.benchmark_results()
    >>> bench["command"]
    'make bench'

    One result by hand: the FLOPs of a layer are two (multiply, add) per weight use, so the
    stored GFLOP is ``2 * N * C_out * H_out * W_out * C_in * kH * kW / 1e9``:

    >>> r = bench["runs"][0]["results"][0]
    >>> (n, c_in, h, w), (c_out, _, kh, kw) = r["x"], r["w"]
    >>> h_out = cs.output_size(h, kh, stride=r["stride"], padding=r["padding"])
    >>> w_out = cs.output_size(w, kw, stride=r["stride"], padding=r["padding"])
    >>> flops = 2 * n * c_out * h_out * w_out * c_in * kh * kw
    >>> bool(abs(flops / 1e9 / r["gflop"] - 1) < 1e-3)  # stored to 4 significant digits
    True
    """
    path = resources.files("convshare").joinpath(*RESOURCE)
    return json.loads(path.read_text(encoding="utf-8"))
