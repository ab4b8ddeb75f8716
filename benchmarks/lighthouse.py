"""Lighthouse on every page of the built site, as a phone sees it (`make lighthouse`).

Builds the site strictly into a temporary folder (or takes one already built with ``--site``),
serves it with gzip from 127.0.0.1, and runs Lighthouse 12 (``benchmarks/lighthouse/``, installed
by ``npm ci``) with Debian's chromium, default mobile settings (4x CPU slowdown, slow 4G), on
every page: every ``*.html`` of the built site but ``404.html``. Writes a JSON summary (scores,
largest contentful paint, total blocking time, cumulative layout shift, bytes transferred) and
prints it as a table. Timings depend on the machine and on what else runs on it; this is a
benchmark, never a test. One run of a page can differ from the next by 0.2 in performance (its
largest contentful paint by 2 s): ``--runs N`` audits every page N times and keeps, per page,
the run of median performance (as Lighthouse's own advice does), with every run's score beside it.

    python benchmarks/lighthouse.py --out benchmarks/results/lighthouse.json --runs 3
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".ipynb", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text files when the browser accepts it (as a host would)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def pages(site: Path) -> list[str]:
    """The address (relative to the site's root) of every page of a built site."""
    out = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith("assets/"):
            continue
        out.append(relative.removesuffix("index.html"))
    return out


def build(site: Path, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{proc.stdout}{proc.stderr}")


class MissingMetric(RuntimeError):
    """A run in which Lighthouse could not measure a metric (e.g. NO_LCP on a loaded machine)."""


#: A run without a metric is repeated at most this many times before the benchmark gives up.
RETRIES = 2


def audit_until_measured(url: str, report: Path) -> dict:
    """:func:`audit`, run again (at most ``RETRIES`` times, said on stderr) while a metric is
    missing."""
    for _ in range(RETRIES):
        try:
            return audit(url, report)
        except MissingMetric as error:
            print(f"{error}: run again", file=sys.stderr, flush=True)
    return audit(url, report)


def audit(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile, the defaults) on ``url``; the numbers this benchmark keeps."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility",
        "--chrome-flags=--headless --no-sandbox",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    return summary_of(json.loads(report.read_text()), url)


def summary_of(data: dict, url: str) -> dict:
    """The numbers this benchmark keeps from one Lighthouse report (``data``) of ``url``."""
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {data['runtimeError']}")
    audits = data["audits"]
    metrics = ["largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]
    missing = [key for key in metrics if "numericValue" not in audits[key]]
    if data["categories"]["performance"]["score"] is None:
        missing.append("performance")
    if missing:
        reasons = "; ".join(f"{k}: {audits[k].get('errorMessage')}" for k in missing if k in audits)
        raise MissingMetric(f"lighthouse on {url} measured no {', '.join(missing)} ({reasons})")
    failed_a11y = [
        key
        for key in data["categories"]["accessibility"]["auditRefs"]
        if audits[key["id"]].get("score") == 0
    ]
    return {
        "performance": data["categories"]["performance"]["score"],
        "accessibility": data["categories"]["accessibility"]["score"],
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": audits["total-byte-weight"]["numericValue"],
        "failed_accessibility_audits": [ref["id"] for ref in failed_a11y],
    }


def median_run(runs: list[dict]) -> dict:
    """The run of median performance score (ties: of median total blocking time), with the
    performance score of every run under ``"performance_runs"``, in the order they ran.

    >>> runs = [{"performance": p, "tbt_ms": t} for p, t in [(0.9, 100), (0.5, 900), (0.7, 400)]]
    >>> median_run(runs)
    {'performance': 0.7, 'tbt_ms': 400, 'performance_runs': [0.9, 0.5, 0.7]}
    """
    if not runs:
        raise ValueError("median_run: runs is empty, expected at least one Lighthouse run")
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["tbt_ms"]))
    scores = [r["performance"] for r in runs]
    return {**ordered[(len(ordered) - 1) // 2], "performance_runs": scores}


def table(results: dict[str, dict]) -> str:
    """The summary as a fixed-width table, one row per page."""
    head = f"{'page':<36} {'perf':>5} {'a11y':>5} {'LCP s':>6} {'TBT ms':>7} {'CLS':>6} {'KiB':>6}"
    rows = [head, "-" * len(head)]
    for page, r in results.items():
        rows.append(
            f"{'/' + page:<36} {r['performance']:>5.2f} {r['accessibility']:>5.2f} "
            f"{r['lcp_ms'] / 1000:>6.1f} {r['tbt_ms']:>7} {r['cls']:>6.3f} "
            f"{r['bytes'] / 1024:>6.0f}"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the JSON summary to write")
    parser.add_argument("--site", type=Path, help="a site already built for --port (else build)")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (0: any free one)")
    parser.add_argument("--only", nargs="*", help="only these pages (addresses as in the table)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `make lighthouse` (it runs npm ci)")
    if not Path(CHROME).exists():
        sys.exit(f"{CHROME} is missing: run `make chromium`")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        handler = functools.partial(GzipHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
        server.daemon_threads = True
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        if args.site is None:
            build(site, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results = {}
        for page in pages(site):
            if args.only and "/" + page not in args.only and page not in args.only:
                continue
            print(f"lighthouse /{page}", file=sys.stderr, flush=True)
            report = Path(tmp) / "report.json"
            runs = [audit_until_measured(base + page, report) for _ in range(args.runs)]
            results[page] = median_run(runs)
        server.shutdown()
    chromium = subprocess.run([CHROME, "--version"], capture_output=True, text=True, check=False)
    summary = {
        "command": "make lighthouse",
        "lighthouse": json.loads(
            (LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text()
        )["version"],
        "browser": chromium.stdout.strip(),
        "settings": "default mobile emulation (4x CPU slowdown, slow 4G); gzip; "
        + ("one run per page" if args.runs == 1 else f"median of {args.runs} runs per page"),
        "pages": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(table(results))


if __name__ == "__main__":
    main()
