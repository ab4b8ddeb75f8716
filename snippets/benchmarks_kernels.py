import convshare as cs

bench = cs.benchmark_results()  # `make bench` wrote them; they ship with convshare
print("| OPENBLAS_CORETYPE | kernel | case | GFLOP/s: GEMM | conv2d | PyTorch | conv2d ÷ GEMM |")
print("|---|---|---|---:|---:|---:|---:|")
for run in bench["runs"]:
    coretype = run["machine"]["env"]["OPENBLAS_CORETYPE"] or "unset"
    kernel = ", ".join(b["architecture"] for b in run["machine"]["blas"])
    for r in run["results"]:
        if r["case"] not in ("D", "E", "F", "G"):  # the large layers
            continue
        g = r["gflops"]
        cells = [coretype, kernel, f"{r['case']}, {r['dtype']}", f"{g['gemm']:.3g}"]
        cells += [f"{g['conv2d']:.3g}", f"{g['torch']:.3g}" if "torch" in g else "–"]
        cells.append(f"{r['ms']['conv2d'] / r['ms']['gemm']:.2f}")
        print("| " + " | ".join(cells) + " |")
