import convshare as cs

results = cs.benchmark_results()["runs"][0]["results"]


def verdict(ok):
    return "met" if ok else "NOT met"


for r in results:
    if r["dtype"] == "float32" and r["case"] in ("D", "E"):
        ratio = r["ms"]["conv2d"] / r["ms"]["gemm"]
        print(f"{r['case']}, float32: conv2d ÷ GEMM = {ratio:.2f}×", end="")
        print(f"  (goal at most 1.3×: {verdict(ratio <= 1.3)})")
speedups = [(r["ms"]["classic"] / r["ms"]["conv2d"], r["case"], r["dtype"]) for r in results]
low, case, dtype = min(speedups)
print(f"classic ÷ conv2d, smallest: {low:.2f}× ({case}, {dtype})", end="")
print(f"  (goal at least 2× on every case: {verdict(low >= 2)})")
torch = [r["ms"]["conv2d"] / r["ms"]["torch"] for r in results if "torch" in r["ms"]]
if torch:
    print(f"conv2d ÷ PyTorch: from {min(torch):.2f}× to {max(torch):.2f}×")
