import convshare as cs

bench = cs.benchmark_results()  # `make bench` wrote them; they ship with convshare
m = bench["runs"][0]["machine"]
print(f"CPU: {m['cpu']}, {m['nproc']} logical CPUs (nproc), Python {m['python']}")
for blas in m["blas"]:
    print(f"NumPy {m['numpy']} with {blas['internal_api']} {blas['version']}: ", end="")
    print(f"kernel {blas['architecture']}, {blas['num_threads']} threads (threadpoolctl)")
if m["torch"]:
    print(f"PyTorch {m['torch']}, {m['torch_threads']} threads")
else:
    print(bench["runs"][0]["note"])
for key, value in m["env"].items():
    print(f"environment: {key}={value}" if value else f"environment: {key} not set")
print(f"median of {bench['runs'][0]['rounds']} interleaved rounds after one warm-up round")
print("to reproduce:", bench["command"])
