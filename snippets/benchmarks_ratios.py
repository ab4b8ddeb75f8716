import convshare as cs

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
has_torch = all("torch" in r["ms"] for r in run["results"])
head = "| case | conv2d ÷ GEMM | classic ÷ conv2d |" + " conv2d ÷ PyTorch |" * has_torch
print(head + " extra MiB: conv2d | extra MiB: classic | output MiB |")
print("|---|" + "---:|" * (5 + has_torch))
for r in run["results"]:
    ms, out = r["ms"], r["output_mib"]
    ratios = [ms["conv2d"] / ms["gemm"], ms["classic"] / ms["conv2d"]]
    ratios += [ms["conv2d"] / ms["torch"]] if has_torch else []
    mib = [r["peak_mib"]["conv2d"] - out, r["peak_mib"]["classic"] - out, out]
    cells = [f"{v:.2f}" for v in ratios] + [f"{v:.2f}" for v in mib]
    print(f"| {r['case']}, {r['dtype']} | " + " | ".join(cells) + " |")
