"""`make lighthouse`: Lighthouse's four scores for the home, a condition and a technique page.

`python tests/benchmark/lighthouse_audit.py SITE_DIR` serves the built site on
loopback with gzip (as the static host does), runs Lighthouse 12.2.3 from
tests/benchmark/node_modules with Debian's Chromium, mobile profile (Lighthouse's
default: a mid-range phone on slow 4G), and prints performance, accessibility,
best practices and SEO for each page, with every audit that cost points.
Each page is audited 5 times and the run with the median performance score is
reported: Lighthouse's docs on variability say the median of 5 runs roughly
halves the spread of single runs.
Results also go to LIGHTHOUSE.md beside this file.

A measurement, not a test: it exits 0 unless Lighthouse itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import mimetypes
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-dev-shm-usage")
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")


# A static host: files, directory index pages, the site's 404 page, gzip -------------
class _StaticHost(BaseHTTPRequestHandler):
    root: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if self.root not in target.parents or not target.is_file():
            status, target = 404, self.root / "404.html"
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path):
    handler = type("Host", (_StaticHost,), {"root": site.resolve()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Lighthouse ------------------------------------------------------------------
def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("Chromium is missing: `make lighthouse` installs Debian's chromium package")


def audit(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chromium())
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        sys.exit(f"lighthouse could not load {url}: {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, int]:
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def lost_points(report: dict) -> list[str]:
    """Audits that count towards a category's score and did not fully pass."""
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            item = report["audits"][ref["id"]]
            if ref["weight"] > 0 and item["score"] is not None and item["score"] < 1:
                shown = f" ({item['displayValue']})" if item.get("displayValue") else ""
                lost.append(f"{category}: {ref['id']} scored {item['score']:.2f}{shown}: {item['title']}")
    return lost


def pick_pages(site: Path) -> dict[str, str]:
    def first(folder: str, preferred: str) -> str:
        if (site / folder / preferred / "index.html").exists():
            return f"{folder}/{preferred}/"
        return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / folder).glob("*/index.html"))[0]

    return {"home": "", "condition": first("conditions", "sciatica"),
            "technique": first("techniques", "swedish-massage")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "LIGHTHOUSE.md")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `make lighthouse`, which installs it")
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    browser = subprocess.run([chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    rows, details, met = [], [], True
    try:
        with serve(args.site) as base:
            for name, path in pick_pages(args.site).items():
                runs = [audit(base + path, work / f"{name}-{i}.json") for i in range(args.runs)]
                runs.sort(key=lambda r: scores(r)["performance"])
                report = runs[len(runs) // 2]
                s = scores(report)
                perf_all = [scores(r)["performance"] for r in runs]
                ok = all(s[c] >= TARGETS[c] for c in CATEGORIES)
                met &= ok
                weight = report["audits"]["total-byte-weight"]["numericValue"]
                lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
                rows.append(f"| {name} | `/{path}` | {s['performance']} ({', '.join(map(str, perf_all))}) "
                            f"| {s['accessibility']} | {s['best-practices']} | {s['seo']} | {lcp:.1f} s "
                            f"| {weight / 1024:.0f} KB | {'yes' if ok else 'NO'} |")
                print(f"{name:10} /{path:32} performance {s['performance']:3}  accessibility {s['accessibility']:3}  "
                      f"best practices {s['best-practices']:3}  SEO {s['seo']:3}", flush=True)
                for line in lost_points(report):
                    details.append(f"- {name}: {line}")
                    print(f"    {line}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        "# Lighthouse results",
        "",
        "Written by `make lighthouse` (tests/benchmark/lighthouse_audit.py); do not edit by hand.",
        "",
        f"Lighthouse {version}, {browser}, mobile profile (simulated slow 4G, 4x CPU slowdown), "
        f"site served on loopback with gzip. Measured {when} on {platform.machine()} with {os.cpu_count()} cores "
        f"(load average {os.getloadavg()[0]:.1f} at the end: other work on the machine slows the traces). "
        f"Performance is the median of {args.runs} runs (all runs in brackets); the other scores are from that run.",
        "",
        "| page | path | performance | accessibility | best practices | SEO | LCP | transferred | targets met |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
        "Targets: performance >= 95, accessibility, best practices and SEO 100.",
        "",
        "## Audits that cost points",
        "",
        *(details or ["None."]),
        "",
    ])
    args.out.write_text(text)
    print(f"\n{'all targets met' if met else 'some targets NOT met'}; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
