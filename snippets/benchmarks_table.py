import convshare as cs

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
names = {"naive": "naive", "classic": "classic", "conv2d": "conv2d", "gemm": "GEMM"}
names["torch"] = "PyTorch"
shown = [m for m in names if any(m in r["ms"] for r in run["results"])]


def ms(value):  # three significant digits, no exponent
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


print("| case | " + " | ".join(names[m] for m in shown) + " | conv2d GFLOP/s |")
print("|---|" + "---:|" * (len(shown) + 1))
for r in run["results"]:
    cells = [ms(r["ms"][m]) if m in r["ms"] else "–" for m in shown]
    cells.append(f"{r['gflops']['conv2d']:.3g}")
    print(f"| {r['case']}, {r['dtype']} | " + " | ".join(cells) + " |")
