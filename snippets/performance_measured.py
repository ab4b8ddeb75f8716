import convshare as cs

run = cs.benchmark_results()["runs"][0]  # `make bench` wrote them; they ship with convshare
r = next(r for r in run["results"] if (r["case"], r["dtype"]) == ("D", "float32"))
m = run["machine"]
print(f"layer D, {r['description']}, float32: {r['gflop']:.3g} GFLOP per call")
print(f"median of {run['rounds']} rounds, {m['cpu']}, {m['nproc']} cores")
names = {"gemm": "GEMM of the same size", "conv2d": "conv2d", "classic": "classic im2col"}
names["torch"] = "PyTorch"
for method, name in names.items():
    if method in r["ms"]:
        ms = r["ms"][method]
        print(f"{name:21} {ms:6.3g} ms = {ms / r['ms']['gemm']:5.2f} × the GEMM")
