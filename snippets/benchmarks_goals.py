import convshare as cs

results = cs.benchmark_results()["runs"][0]["results"]
f32 = {r["case"]: r for r in results if r["dtype"] == "float32"}


def check(ratio, goal, at_most):  # as many decimals as it takes to tell the ratio from the goal
    digits = next(d for d in range(2, 12) if round(ratio, d) != goal or ratio == goal)
    met = ratio <= goal if at_most else ratio >= goal
    return f"{ratio:.{digits}f}×", "met" if met else "NOT met"


goals = [(c, "GEMM", "gemm", 1.0) for c in "DFG"] + [(c, "PyTorch", "torch", 1.3) for c in "DFG"]
for case, name, key, goal in [*goals, ("E", "GEMM", "gemm", 1.3)]:
    if key in f32[case]["ms"]:
        shown, verdict = check(f32[case]["ms"]["conv2d"] / f32[case]["ms"][key], goal, True)
        print(f"{case}, float32: conv2d ÷ {name} = {shown}  (goal at most {goal}×: {verdict})")
speedups = [(r["ms"]["classic"] / r["ms"]["conv2d"], r["case"], r["dtype"]) for r in results]
shown, verdict = check(min(speedups)[0], 2, at_most=False)
print(f"classic ÷ conv2d, smallest: {shown} {min(speedups)[1:]}  (goal at least 2×: {verdict})")
plain = max((f32[c]["faults"]["conv2d"], c) for c in "DEFG")
malloc = max((f32[c]["malloc"]["faults"]["conv2d"], c) for c in "DEFG")
print(f"conv2d page faults per call, D to G, float32: at most {plain[0]:.1f} ({plain[1]}) plain,")
print(f"  {malloc[0]:.1f} ({malloc[1]}) with MALLOC_*  (goal about 0, at most 1:", end=" ")
print("met)" if max(plain[0], malloc[0]) <= 1 else "NOT met)")
