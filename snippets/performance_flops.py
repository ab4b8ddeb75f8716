import convshare as cs

bench = cs.benchmark_results()  # `make bench` wrote them; they ship with convshare
print("| case | layer | x (N, C_in, H, W) | w (C_out, C_in, kH, kW) | stride, padding | FLOPs |")
print("|---|---|---|---|---|---:|")
for r in bench["runs"][0]["results"]:
    if r["dtype"] != "float32":  # the same layers again in float64
        continue
    (n, c_in, h, wd), (c_out, _, kh, kw) = r["x"], r["w"]
    h_out = cs.output_size(h, kh, stride=r["stride"], padding=r["padding"])
    w_out = cs.output_size(wd, kw, stride=r["stride"], padding=r["padding"])
    flops = 2 * n * c_out * h_out * w_out * c_in * kh * kw  # one multiply + one add per weight use
    x, w = "×".join(map(str, r["x"])), "×".join(map(str, r["w"]))
    s, p = r["stride"], r["padding"]
    print(f"| {r['case']} | {r['description']} | {x} | {w} | {s}, {p} | {flops:,} |")
