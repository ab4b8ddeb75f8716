import json
from importlib.resources import files
from statistics import median

# `make lighthouse` wrote it (mobile, each row the median of its runs); it ships with convshare
data = files("convshare").joinpath("data/lighthouse.json").read_text(encoding="utf-8")
run = json.loads(data)
pages = sorted(run["pages"].items())
spread = [max(r["performance_runs"]) - min(r["performance_runs"]) for _, r in pages]
print(f"Lighthouse {run['lighthouse']}: {run['settings']}.")
print(f"A page's performance score moved by up to {max(spread):.2f} between its runs", end=" ")
print(f"(by {median(spread):.2f} on the median page).")
low = [f"/{page} ({r['accessibility']:.2f})" for page, r in pages if r["accessibility"] < 1]
print("Accessibility:", f"below 1.00 on {', '.join(low)}." if low else "1.00 on every page.")
print(f"CLS: at most {max(r['cls'] for _, r in pages):.3f} on every page.")
print()
print("| page | performance | LCP (s) | TBT (ms) | KiB sent |")
print("|---|---:|---:|---:|---:|")
for page, r in pages:
    cells = [f"{r['performance']:.2f}", f"{r['lcp_ms'] / 1000:.1f}", f"{r['tbt_ms']:,}"]
    print(f"| /{page} | " + " | ".join([*cells, f"{r['bytes'] / 1024:,.0f}"]) + " |")
