import convshare as cs
from convshare import fastconv

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
paths = {0: "direct", 2: "winograd2", 4: "winograd4"}
names = {0: "K P (GEMM)", 2: "F(2×2, 3×3)", 4: "F(4×4, 3×3)"}
head = [f"{names[m]}: time ÷ GEMM | error" for m in paths]
print("| layer, float32 | " + " | ".join(head) + " | conv2d takes |")
print("|---|" + "---:|---:|" * len(paths) + "---|")
for r in run["results"]:
    if r["dtype"] == "float32" and "winograd2" in r["ms"]:
        (_, c_in, h, w), c_out = r["x"], r["w"][0]
        cells = []
        for key in paths.values():
            cells += [f"{r['ms'][key] / r['ms']['gemm']:.2f}", f"{r['error'][key]:.1e}"]
        m = fastconv.winograd_tile(c_in, c_out, (3, 3), (1, 1), (h, w))  # padding 1: same size
        print(f"| {r['case']}: {c_in}×{h}×{w} | " + " | ".join(cells) + f" | {names[m]} |")
