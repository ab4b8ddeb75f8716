import convshare as cs

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
(setting,) = (f"{key}={value}" for key, value in run["malloc_env"].items())
print("| case | conv2d ms | faults per call | GEMM faults | conv2d ÷ GEMM |", end="")
print(f" with {setting}: conv2d ms | faults per call | conv2d ÷ GEMM |")
print("|---|" + "---:|" * 7)
for r in run["results"]:
    ms, faults = r["ms"], r["faults"]
    malloc, malloc_faults = r["malloc"]["ms"], r["malloc"]["faults"]
    cells = [f"{ms['conv2d']:.3g}", f"{faults['conv2d']:.1f}", f"{faults['gemm']:.1f}"]
    cells += [f"{ms['conv2d'] / ms['gemm']:.2f}", f"{malloc['conv2d']:.3g}"]
    cells += [f"{malloc_faults['conv2d']:.1f}", f"{malloc['conv2d'] / malloc['gemm']:.2f}"]
    print(f"| {r['case']}, {r['dtype']} | " + " | ".join(cells) + " |")
