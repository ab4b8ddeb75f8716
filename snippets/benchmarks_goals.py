import convshare as cs

results = cs.benchmark_results()["runs"][0]["results"]


def check(ratio, goal, at_most):  # as many decimals as it takes to tell the ratio from the goal
    digits = 2
    while round(ratio, digits) == goal and ratio != goal:
        digits += 1
    met = ratio <= goal if at_most else ratio >= goal
    return f"{ratio:.{digits}f}×", "met" if met else "NOT met"


for r in results:
    if r["dtype"] == "float32" and r["case"] in ("D", "E"):
        shown, verdict = check(r["ms"]["conv2d"] / r["ms"]["gemm"], 1.3, at_most=True)
        print(f"{r['case']}, float32: conv2d ÷ GEMM = {shown}  (goal at most 1.3×: {verdict})")
speedups = [(r["ms"]["classic"] / r["ms"]["conv2d"], r["case"], r["dtype"]) for r in results]
low, case, dtype = min(speedups)
shown, verdict = check(low, 2, at_most=False)
print(f"classic ÷ conv2d, smallest: {shown} ({case}, {dtype})  (goal at least 2×: {verdict})")
torch = [r["ms"]["conv2d"] / r["ms"]["torch"] for r in results if "torch" in r["ms"]]
if torch:
    print(f"conv2d ÷ PyTorch: from {min(torch):.2f}× to {max(torch):.2f}×")
