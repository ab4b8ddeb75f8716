import convshare as cs
from convshare import fastconv

names = {0: "patch matrix", 2: "F(2×2, 3×3)", 4: "F(4×4, 3×3)"}
paths = {0: "direct", 2: "winograd2", 4: "winograd4"}
head = ["OPENBLAS_CORETYPE", "layer, float32", "conv2d takes", "time ÷ GEMM: conv2d"]
print("| " + " | ".join([*head, "that path, forced", "patch matrix, forced"]) + " |")
print("|---|---|---|---:|---:|---:|")
for run in cs.benchmark_results()["runs"]:  # `make bench` wrote them; they ship with convshare
    coretype = run["machine"]["env"]["OPENBLAS_CORETYPE"] or "unset"
    for r in run["results"]:
        if r["dtype"] == "float32" and "winograd2" in r["ms"]:
            (_, c_in, h, w), c_out = r["x"], r["w"][0]
            m = fastconv.winograd_tile(c_in, c_out, (3, 3), (1, 1), (h, w))  # padding 1
            ms = r["ms"]
            ratios = [ms[key] / ms["gemm"] for key in ("conv2d", paths[m], "direct")]
            cells = [coretype, r["case"], names[m], *(f"{v:.2f}" for v in ratios)]
            print("| " + " | ".join(cells) + " |")
