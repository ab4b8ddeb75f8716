import json
from importlib.resources import files

# `make lighthouse` wrote it (one mobile run per page); it ships with convshare
data = files("convshare").joinpath("data/lighthouse.json").read_text(encoding="utf-8")
run = json.loads(data)
print("| page | performance | accessibility | LCP (s) | TBT (ms) | CLS | KiB sent |")
print("|---|---:|---:|---:|---:|---:|---:|")
for page, r in sorted(run["pages"].items()):
    cells = [f"{r['performance']:.2f}", f"{r['accessibility']:.2f}", f"{r['lcp_ms'] / 1000:.1f}"]
    cells += [f"{r['tbt_ms']:,}", f"{r['cls']:.3f}", f"{r['bytes'] / 1024:,.0f}"]
    print(f"| `/{page}` | " + " | ".join(cells) + " |")
