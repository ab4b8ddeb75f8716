import convshare as cs
from convshare import fastconv

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
r = next(r for r in run["results"] if (r["case"], r["dtype"]) == ("D", "float32"))
m = run["machine"]
print(f"layer D, {r['description']}, float32: {r['gflop']:.3g} GFLOP per call")
print(f"median of {run['rounds']} rounds, {m['cpu']}, {m['nproc']} logical CPUs")
(_, c_in, h, w), c_out = r["x"], r["w"][0]
tile = fastconv.winograd_tile(c_in, c_out, (3, 3), (1, 1), (h, w))  # the path conv2d takes
names = {"gemm": "GEMM of the same size", "direct": "conv2d, patch matrix"}
names |= {"classic": "classic im2col", "torch": "PyTorch"}
names["conv2d"] = f"conv2d, F({tile}×{tile}, 3×3)" if tile else "conv2d"
for method, name in names.items():
    if method in r["ms"]:
        ms = r["ms"][method]
        print(f"{name:22} {ms:6.3g} ms = {ms / r['ms']['gemm']:5.2f} × the GEMM")
