"""`make bench`: how build time and page weight grow with the size of the guide.

For each size (the real guide's, 250, 1,000 and 3,000 entity pages) it writes a
synthetic knowledge base in a temp folder, builds it with the real engine and,
side by side, the same pages as plain Markdown with no macros or hook (the
floor: what MkDocs and the theme cost on their own). It reports build seconds
(median of 5: single builds on a shared 2-core machine move by 10 to 20 %),
peak memory, HTML per entity page, site and search-index size,
and what a phone downloads on a first visit. On the real guide it also times
the `mkdocs serve` rebuild after one YAML edit. Results go to RESULTS.md beside
this file, with the machine they were measured on.

This is a measurement, not a test: it prints figures and whether they meet the
targets, and exits 0 either way unless a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE.parent)]

from benchmark.synthetic_kb import ids_linked_from, write_synthetic_data  # noqa: E402
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS  # noqa: E402

BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides")
GZIP_LEVEL = 6  # what common web servers use
SERVE_ARGS = ("serve", "--no-strict")  # as `make serve` runs it

TARGETS = {
    "overhead": 1.25,       # engine / plain-Markdown floor at 1,000 pages
    "growth": 3.3,          # t(3,000) / t(1,000)
    "page_drift": 0.10,     # median entity page at 1,000 vs at the real size
    "first_visit_kb": 150,  # HTML + CSS + JS + search index, compressed
    "serve_s": 2.0,         # `mkdocs serve` rebuild after one YAML edit
}


# Building ------------------------------------------------------------------
def copy_project(dest: Path, data: Path | None = None) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    if data is not None:
        shutil.copytree(data, dest / "data")
    return dest


def timed_build(project: Path, config: str, site: Path) -> tuple[float, int, float]:
    """Build once in a fresh process; return (wall seconds, peak memory in bytes, CPU seconds)."""
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", config, "--site-dir", str(site)],
                                cwd=project, env=ENV, stdout=log, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            sys.exit(f"build of {project / config} failed:\n{log.read().decode()[-4000:]}")
    return seconds, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def probe(project: Path, floor: Path) -> dict:
    out = project.parent / f"{project.name}-probe.json"
    result = subprocess.run([sys.executable, str(HERE / "build_probe.py"), str(project), str(floor), str(out)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"probe build of {project} failed:\n{result.stderr[-4000:]}")
    return json.loads(out.read_text())


# Measuring the output --------------------------------------------------------
def entity_pages(site: Path) -> list[Path]:
    pages = []
    for kind in PAGE_KINDS:
        pages += [p for p in (site / KIND_FOLDERS[kind]).glob("*/index.html")]
    return pages


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """Compressed bytes a browser fetches for `page` on an empty cache: the page, its CSS and JS,
    the search worker and the search index (Material fetches the index on every page load)."""
    html = page.read_text(encoding="utf-8")
    parts = {"html": gz(html.encode()), "css": 0, "js": 0}
    refs = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    refs += re.findall(r'<script[^>]+src="([^"]+)"', html)
    for ref in refs:
        if "//" in ref:
            continue
        target = (page.parent / ref.split("?")[0]).resolve()
        parts["css" if ref.split("?")[0].endswith(".css") else "js"] += gz(target.read_bytes())
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    worker = json.loads(config.group(1)).get("search") if config else None
    if worker:
        parts["js"] += gz((page.parent / worker).resolve().read_bytes())
    index = site / "search" / "search_index.json"
    parts["search index"] = gz(index.read_bytes()) if index.exists() and worker else 0
    parts["total"] = sum(parts.values())
    return parts


def site_figures(site: Path) -> dict:
    sizes = sorted(p.stat().st_size for p in entity_pages(site))
    # Readers' search index, loaded when someone searches (macros/render/reader_search.py); the theme's is empty.
    index = site / "search" / "reader_index.json"
    if not index.exists():
        index = site / "search" / "search_index.json"
    condition = sorted((site / "conditions").glob("*/index.html"))[0]
    return {
        "entity_pages": len(sizes),
        "page_median": statistics.median(sizes),
        "page_max": sizes[-1],
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "search_index": index.stat().st_size if index.exists() else 0,
        "search_index_gz": gz(index.read_bytes()) if index.exists() else 0,
        "first_visit": first_visit(site, condition),
        "first_visit_page": condition.parent.relative_to(site).as_posix(),
    }


# One size ------------------------------------------------------------------------
def measure(work: Path, label: str, pages: int | None, repeats: int, real_data: Path | None = None) -> dict:
    """Build one guide (synthetic of `pages` pages, or the real data) with the engine and its floor."""
    project = work / f"{label}-project"
    if real_data is not None:
        copy_project(project, real_data)
        counts = {kind: len(list((real_data / KIND_FOLDERS[kind]).glob("*.yml"))) for kind in KIND_FOLDERS}
    else:
        copy_project(project)
        counts = write_synthetic_data(project / "data", pages, keep_ids=ids_linked_from(ROOT / "docs"))
    floor = work / f"{label}-floor"
    print(f"[{label}] {sum(counts[k] for k in PAGE_KINDS)} entity pages, {counts['source']} sources", flush=True)
    reads = probe(project, floor)
    runs = {"engine": [], "floor": []}
    for _ in range(repeats):  # interleaved, so drift in the machine's speed hits both alike
        runs["engine"].append(timed_build(project, "mkdocs.yml", work / f"{label}-site"))
        runs["floor"].append(timed_build(floor, "mkdocs.floor.yml", work / f"{label}-floor-site"))
    result = {"label": label, "counts": counts, "probe": reads, "load_average": os.getloadavg()[0]}
    for variant, samples in runs.items():
        result[variant] = {"seconds": statistics.median(s for s, _, _ in samples),
                           "all_seconds": [round(s, 2) for s, _, _ in samples],
                           "cpu_seconds": statistics.median(c for _, _, c in samples),
                           "peak_memory": max(m for _, m, _ in samples)}
    # Each engine build is paired with the floor build right after it, so both met the machine
    # in the same state; the overhead is the median of those ratios. On a shared machine a
    # ratio of the two medians can pair a slow moment with a quick one.
    pairs = list(zip(runs["engine"], runs["floor"]))
    result["overhead"] = statistics.median(e[0] / f[0] for e, f in pairs)
    result["cpu_overhead"] = statistics.median(e[2] / f[2] for e, f in pairs)
    result["overhead_of_medians"] = result["engine"]["seconds"] / result["floor"]["seconds"]
    result["site"] = site_figures(work / f"{label}-site")
    result["floor_site"] = site_figures(work / f"{label}-floor-site")
    shutil.rmtree(work / f"{label}-site")
    shutil.rmtree(work / f"{label}-floor-site")
    e, f = result["engine"], result["floor"]
    print(f"[{label}] engine {e['seconds']:.2f} s, floor {f['seconds']:.2f} s, overhead {result['overhead']:.2f}x "
          f"(CPU {result['cpu_overhead']:.2f}x; ratio of the medians {result['overhead_of_medians']:.2f}x), "
          f"page median {result['site']['page_median'] / 1024:.1f} KB, load average {result['load_average']:.1f}",
          flush=True)
    return result


# mkdocs serve ---------------------------------------------------------------
def serve_rebuild(project: Path, edits: int = 3) -> dict:
    """Seconds from saving one condition's YAML file to `mkdocs serve` reloading the browser."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), *SERVE_ARGS, "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.perf_counter(), l)) for l in proc.stdout], daemon=True)
    reader.start()

    def wait_for(words: str, after: float, timeout: float = 120) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for when, line in list(lines):
                if when >= after and words in line:
                    return when, line
            if proc.poll() is not None:
                break
            time.sleep(0.01)
        raise RuntimeError(f"mkdocs serve never said '{words}':\n" + "".join(l for _, l in lines[-30:]))

    try:
        wait_for("Serving on", 0)
        target = sorted((project / "data" / "conditions").glob("*.yml"))[0]
        original = target.read_text(encoding="utf-8")
        reload_s, build_s = [], []
        for i in range(edits):
            time.sleep(1.5)
            edited = re.sub(r"(?m)^reviewed_by: .*$", f"reviewed_by: Guide editors {i}", original, count=1)
            assert edited != original, f"{target.name} has no reviewed_by line to edit"
            saved = time.perf_counter()
            target.write_text(edited, encoding="utf-8")
            built_at, built = wait_for("Documentation built in", saved)
            reloaded_at, _ = wait_for("Reloading browsers", built_at)
            reload_s.append(reloaded_at - saved)
            build_s.append(float(re.search(r"built in ([\d.]+)", built).group(1)))
        target.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"file": f"data/conditions/{target.name}", "reload_seconds": statistics.median(reload_s),
            "all_reload_seconds": [round(s, 2) for s in reload_s], "build_seconds": statistics.median(build_s)}


# Report -----------------------------------------------------------------------------
def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor() or "unknown")
    mem = next((int(l.split()[1]) * 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0)
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 2**30, 1),
        "os": platform.platform(), "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"), "mkdocs-material": metadata.version("mkdocs-material"),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 2**20:,.1f} MB"


def verdicts(results: list[dict], real: dict | None, serve: dict | None) -> list[tuple[str, str, bool | None]]:
    by = {r["label"]: r for r in results}
    out = []
    if "1000" in by:
        r, cpu = by["1000"]["overhead"], by["1000"]["cpu_overhead"]
        out.append(("engine overhead over the plain-Markdown floor at 1,000 pages",
                    f"{r:.2f}x in wall time, {cpu:.2f}x in CPU time; ratio of the median builds "
                    f"{by['1000']['overhead_of_medians']:.2f}x (target <= {TARGETS['overhead']}x)",
                    r <= TARGETS["overhead"]))
    if "1000" in by and "3000" in by:
        g = by["3000"]["engine"]["seconds"] / by["1000"]["engine"]["seconds"]
        gc = by["3000"]["engine"]["cpu_seconds"] / by["1000"]["engine"]["cpu_seconds"]
        out.append(("build time growth t(3,000) / t(1,000)",
                    f"{g:.2f} in wall time, {gc:.2f} in CPU time (target <= {TARGETS['growth']})",
                    g <= TARGETS["growth"]))
    if "1000" in by and "real" in by:
        a, b = by["1000"]["site"]["page_median"], by["real"]["site"]["page_median"]
        d = a / b - 1
        out.append(("median HTML per entity page, 1,000 pages vs real size",
                    f"{kb(a)} vs {kb(b)}: {d:+.1%} (target within 10 %)", abs(d) <= TARGETS["page_drift"]))
    reads = [r["probe"] for r in results]
    if reads:
        worst_read = max(p["max_reads_of_one_data_file"] for p in reads)
        all_read = all(p["data_files_read"] == p["data_files"] for p in reads)
        out.append(("data files read per build", f"each file read {worst_read} time(s) at most, "
                    f"all read: {all_read}", worst_read == 1 and all_read))
        compiles = {json.dumps(p["compiles"], sort_keys=True) for p in reads}
        out.append(("templates compiled per build", "the same set and count at every size" if len(compiles) == 1
                    else "compile counts differ between sizes", len(compiles) == 1))
    site = (real or by.get("real") or {}).get("site")
    if site:
        fv = site["first_visit"]["total"]
        out.append((f"first visit to a condition page ({site['first_visit_page']}/), compressed",
                    f"{kb(fv)} (target <= {TARGETS['first_visit_kb']} KB)", fv <= TARGETS["first_visit_kb"] * 1024))
    if serve:
        out.append((f"`mkdocs serve` rebuild after editing {serve['file']}",
                    f"{serve['reload_seconds']:.2f} s to reload (build {serve['build_seconds']:.2f} s; "
                    f"target <= {TARGETS['serve_s']} s)", serve["reload_seconds"] <= TARGETS["serve_s"]))
    return out


def report(results: list[dict], real: dict | None, serve: dict | None, serve_on: str, host: dict,
           repeats: int = 3) -> str:
    rows = [
        "| guide | entity pages | sources | build (engine) | build (floor) | overhead (CPU) | peak memory "
        "| HTML per entity page, median / max | whole site | search index (gzip) | load average |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ([real] if real else []) + results:
        c, s = r["counts"], r["site"]
        name = "real data" if r is real else ("synthetic, real size" if r["label"] == "real" else f"synthetic, {r['label']}")
        rows.append(
            f"| {name} | {sum(c[k] for k in PAGE_KINDS):,} | {c['source']:,} | {r['engine']['seconds']:.2f} s "
            f"| {r['floor']['seconds']:.2f} s | {r['overhead']:.2f}x ({r['cpu_overhead']:.2f}x) "
            f"| {mb(r['engine']['peak_memory'])} | {kb(s['page_median'])} / {kb(s['page_max'])} | {mb(s['site_bytes'])} "
            f"| {kb(s['search_index'])} ({kb(s['search_index_gz'])}) | {r['load_average']:.1f} |")
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (tests/benchmark/run_benchmark.py); do not edit by hand.",
        "",
        f"Measured {host['date']} on {host['cpu']}, {host['cores']} cores, {host['memory_gb']} GB RAM, "
        f"{host['os']}, Python {host['python']}, MkDocs {host['mkdocs']}, Material {host['mkdocs-material']}.",
        "",
        f"Build times are the median of {repeats} build(s), each a fresh `mkdocs build --strict` process (start-up included), "
        "engine and floor builds interleaved. *Floor* is the same pages as plain Markdown, with the same navigation "
        "and theme, and no macros or hook. Overhead is engine / floor: the median of the ratios of each engine "
        "build to the floor build right after it, in wall-clock time, and in CPU time in brackets (the load "
        "average is shown; other work on a shared machine moves single builds by 10 to 20 %).",
        "",
        *rows,
        "",
        "## Targets",
        "",
        "| what | measured | met |",
        "|---|---|---|",
    ]
    for what, figure, ok in verdicts(results, real, serve):
        lines.append(f"| {what} | {figure} | {'yes' if ok else 'NO'} |")
    site = (real or next((r for r in results if r["label"] == "real"), {})).get("site")
    if site:
        fv = site["first_visit"]
        lines += ["", f"First visit, {'real data' if real else 'synthetic, real size'}, page "
                  f"`/{site['first_visit_page']}/` (gzip level {GZIP_LEVEL}): " + ", ".join(
                      f"{k} {kb(v)}" for k, v in fv.items())]
    if serve:
        lines += ["", f"`mkdocs serve` ({serve_on}): edits of `{serve['file']}` reloaded after "
                  f"{', '.join(f'{s} s' for s in serve['all_reload_seconds'])} (polling every 0.5 s, then the build)."]
    lines += ["", "Raw figures: `results.json` beside this file.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,250,1000,3000",
                        help="comma-separated entity-page counts; 'real' = the size of data/")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)

    real_data = ROOT / "data"
    real_size = sum(len(list((real_data / KIND_FOLDERS[k]).glob("*.yml"))) for k in PAGE_KINDS)
    real_valid = subprocess.run([sys.executable, "-m", "macros.cli.check"], cwd=ROOT, env=ENV,
                                capture_output=True).returncode == 0
    host = machine()
    print(f"{host['cpu']}, {host['cores']} cores; real guide: {real_size} entity pages"
          f"{'' if real_valid else ' (data/ does not validate now: measured on synthetic data only)'}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    try:
        real = measure(work, "real-data", None, args.repeats, real_data) if real_valid else None
        if real:
            real["label"] = "real data"
        results = []
        for size in args.sizes.split(","):
            pages = real_size if size == "real" else int(size)
            results.append(measure(work, size, pages, args.repeats))
        serve = serve_on = None
        if not args.no_serve:
            if real_valid:
                serve_on, project = "the real guide", work / "real-data-project"
            else:
                serve_on, project = "synthetic guide of the real size", work / f"{'real' if 'real' in args.sizes else results[0]['label']}-project"
            print(f"[serve] timing rebuilds on {serve_on}", flush=True)
            serve = serve_rebuild(project)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, real, serve, serve_on, host, args.repeats)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "RESULTS.md").write_text(text)
    (args.out / "results.json").write_text(json.dumps(
        {"machine": host, "real": real, "synthetic": results, "serve": serve, "serve_on": serve_on,
         "targets": TARGETS}, indent=2, default=str))
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
