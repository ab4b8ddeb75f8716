import json
from importlib.resources import files
from statistics import median

# `make lighthouse` wrote it (mobile, each row the median of its runs); it ships with convshare
data = files("convshare").joinpath("data/lighthouse.json").read_text(encoding="utf-8")
run = json.loads(data)
spread = [max(r["performance_runs"]) - min(r["performance_runs"]) for r in run["pages"].values()]
print(f"Lighthouse {run['lighthouse']}: {run['settings']}.")
print(f"A page's performance score moved by up to {max(spread):.2f} between its runs", end=" ")
print(f"(by {median(spread):.2f} on the median page).")
print()
print("| page | performance | accessibility | LCP (s) | TBT (ms) | CLS | KiB sent |")
print("|---|---:|---:|---:|---:|---:|---:|")
for page, r in sorted(run["pages"].items()):
    cells = [f"{r['performance']:.2f}", f"{r['accessibility']:.2f}", f"{r['lcp_ms'] / 1000:.1f}"]
    cells += [f"{r['tbt_ms']:,}", f"{r['cls']:.3f}", f"{r['bytes'] / 1024:,.0f}"]
    print(f"| `/{page}` | " + " | ".join(cells) + " |")
