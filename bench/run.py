"""The benchmark: build, validate and query the seed corpus at 1x, 10x, 100x (and 1000x) its size.

Usage: python -m bench.run [--scales 1,10,100,1000] [--repeat 10] [--load-seconds 60] [--out bench/RESULTS.md]
       [--build-only]

Every number comes from this one run on this machine: build time, CPU per plan and peak memory of the real
``plangraph build`` (a subprocess), rebuild time after one changed plan (the incremental cache),
SHACL validation time (`plangraph validate`: per plan, in parallel), and p50/p95 latency
of every ready-made query over HTTP for the embedded store (``plangraph serve``), rdflib's
in-memory store (``plangraph serve --store rdflib``, up to 100x: beyond, it takes longer to load
than the run can wait) and an Oxigraph server; then the load test (``bench/load.py``: 20 clients)
on the 100x corpus, or the largest scale run.  Prints markdown, with each target met or missed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


from bench.build import measure_build, tree_rss_kb
from bench.corpus import generate
from bench.formats import measure as measure_formats
from bench.pages import measure as measure_pages
from bench.sparql import RATIO_TARGET, measure as measure_sparql
from builder.remote import ONTOLOGY
from builder.validate import validate_plans
from webapp.core import load_queries

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data").glob("*.txt"))
PYTHON = [sys.executable, "-m", "builder.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def corpus(scale: int, folder: Path) -> Path:
    if scale == 1:
        return ROOT / "data"
    target = folder / f"corpus-{scale}"
    generate(SEEDS, len(SEEDS) * scale, target, seed=scale)
    return target


def rebuild_one(source: Path, output: Path) -> float:
    """Warm the cache, change one plan, and time the rebuild."""
    subprocess.run(PYTHON + ["build", "-q", "-o", str(output), str(source)], capture_output=True, check=True)
    victim = sorted(source.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return measure_build(source, output)["build s"]


def shacl_seconds(trig: Path, workers: int = 2) -> float:
    """``plangraph validate``'s own way: each plan's graph on its own, in worker processes."""
    started = time.perf_counter()
    validate_plans(trig, workers)
    return time.perf_counter() - started


def wait_until_up(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


TIMEOUT = 60.0  # seconds a single run may take before the query counts as timed out


def uncached(sparql: str, run: int) -> str:
    """The query made new for each run (a comment): the app keeps answers to questions asked
    before, and a timing is of the query, not of that memory."""
    return f"{sparql}\n# run {run}"


def latencies(endpoint: str, sparql: str, repeat: int, budget: float) -> list[float]:
    """Seconds per run; a run over TIMEOUT ends the series with an infinite time."""
    times: list[float] = []
    started = time.monotonic()
    for run in range(repeat):
        request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": uncached(sparql, run)}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                json.load(response)
        except (TimeoutError, OSError):
            return times + [float("inf")]
        times.append(time.perf_counter() - began)
        if time.monotonic() - started > budget:
            break
    return times


def serve(backend: str, graph: Path, folder: Path):
    """Start a server for a backend; returns (process, SPARQL endpoint URL)."""
    port = free_port()
    if backend == "oxigraph server":
        store = folder / f"oxigraph-{port}"
        process = subprocess.Popen(["oxigraph", "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        for turtle in (graph, ONTOLOGY):  # the default graph: the engine measured, not union bookkeeping
            request = urllib.request.Request(f"http://127.0.0.1:{port}/store?default", data=turtle.read_bytes(),
                                             method="POST", headers={"Content-Type": "text/turtle"})
            urllib.request.urlopen(request, timeout=600).read()
        return process, f"http://127.0.0.1:{port}/query"
    extra = ["--store", "rdflib"] if backend == "rdflib (baseline)" else []
    process = subprocess.Popen(PYTHON + ["serve", "--graph", str(graph), "--port", str(port), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/sparql")
    return process, f"http://127.0.0.1:{port}/sparql"


RDFLIB_MAX_SCALE = 100


def resident_mb(pid: int) -> int:
    return tree_rss_kb(pid) // 1024


def run_scale(scale: int, folder: Path, repeat: int, build_only: bool = False) -> tuple[dict, list[dict], list[dict], list[dict]]:
    source = corpus(scale, folder)
    output = folder / f"build-{scale}" / "plangraph.ttl"
    summary = {"scale": f"{scale}x", **measure_build(source, output, "--no-cache", "-j", "2")}
    if build_only:
        return summary, [], [], []
    copy = folder / f"copy-{scale}"
    shutil.copytree(source, copy)
    summary |= {"rebuild after 1 change s": rebuild_one(copy, folder / f"rebuild-{scale}" / "plangraph.ttl"),
                "SHACL s": shacl_seconds(output.with_suffix(".trig"))}
    rows = []
    for backend in ("embedded", "rdflib (baseline)", "oxigraph server"):
        if (backend == "oxigraph server" and not shutil.which("oxigraph")) or \
                (backend.startswith("rdflib") and scale > RDFLIB_MAX_SCALE):
            continue
        rows += query_latencies(scale, backend, output, folder, repeat)
    graph = output.resolve()  # inside the build's generation, beside its store and read side
    endpoint = measure_sparql(scale, graph, repeat)
    return summary, rows, measure_pages(f"{scale}x", graph, repeat, serve, resident_mb), [endpoint] if endpoint else []


def query_latencies(scale: int, backend: str, graph: Path, folder: Path, repeat: int) -> list[dict]:
    process, endpoint = serve(backend, graph, folder)
    rows, slow = [], False
    try:
        budget = 30 if backend.startswith("rdflib") else 10
        for name, query in load_queries().items():
            times = [float("inf")] if slow else latencies(endpoint, query.bound({}), repeat, budget)
            slow = slow or times[-1] == float("inf")  # a server still busy with a runaway query
            rows.append({"scale": f"{scale}x", "backend": backend, "query": name, "runs": len(times),
                         "p50 ms": 1000 * statistics.median(times),
                         "p95 ms": 1000 * sorted(times)[max(0, round(0.95 * len(times)) - 1)]})
        rss = tree_rss_kb(process.pid) // 1024  # after the queries: what serving them costs
    finally:
        process.terminate()
        process.wait(30)
    return [{**row, "serving RSS MB": rss} for row in rows]


def load_test(scale: int, folder: Path, clients: int, seconds: float) -> dict:
    from bench.load import load

    process, endpoint = serve("embedded", folder / f"build-{scale}" / "plangraph.ttl", folder)
    try:
        return {"scale": f"{scale}x", **load(endpoint, clients, seconds, max_requests=100_000)}
    finally:
        process.terminate()
        process.wait(30)


def targets(summaries: list[dict], queries: list[dict], pages: list[dict] = (), endpoint: list[dict] = ()) -> list[dict]:
    """Each target of the brief, at the scales this run measured, with what was measured."""
    by_scale = {row["scale"]: row for row in summaries}
    found = []

    def check(target: str, scale: str, measured: float | None, limit: float, higher_is_better: bool = False):
        if measured is None:
            return
        met = measured >= limit if higher_is_better else measured < limit
        found.append({"target": target, "scale": scale, "measured": measured, "met": "yes" if met else "NO"})

    def slowest(scale: str, backend: str) -> float | None:
        times = [row["p95 ms"] for row in queries if row["scale"] == scale and row["backend"] == backend]
        return max(times) if times else None

    for scale, row in by_scale.items():
        check("build: at least 50 plans/s", scale, row["plans/s"], 50, higher_is_better=True)
        check("build: CPU per plan < 40 ms", scale, row["build CPU ms per plan"], 40)
    if "1000x" in by_scale:
        check("build peak memory < 1.5 GB (MB)", "1000x", by_scale["1000x"]["build peak MB"], 1536)
    if "SHACL s" in by_scale.get("100x", {}):
        check("rebuild after one changed plan < 2 s", "100x", by_scale["100x"]["rebuild after 1 change s"], 2)
        check("SHACL validation of the whole graph < 60 s", "100x", by_scale["100x"]["SHACL s"], 60)
    check("every ready-made query p95 < 100 ms (embedded)", "100x", slowest("100x", "embedded"), 100)
    check("every ready-made query p95 < 1000 ms (embedded)", "1000x", slowest("1000x", "embedded"), 1000)
    embedded = {row["query"]: row["p50 ms"] for row in queries if row["scale"] == "100x" and row["backend"] == "embedded"}
    baseline = {row["query"]: row["p50 ms"] for row in queries if row["scale"] == "100x" and row["backend"].startswith("rdflib")}
    if embedded and baseline:
        check("every query at least 10x faster than rdflib (p50 ratio, lowest)", "100x",
              min(baseline[name] / embedded[name] for name in embedded), 10, higher_is_better=True)
    rss = [row["serving RSS MB"] for row in queries if row["scale"] == "1000x" and row["backend"] == "embedded"]
    check("serving resident memory < 1 GB (MB)", "1000x", max(rss) if rss else None, 1024)
    for scale, limit in (("100x", 100), ("1000x", 250)):
        drawn = [row["p95 ms"] for row in pages if row["scale"] == scale]
        check(f"every page the app draws p95 < {limit} ms", scale, max(drawn) if drawn else None, limit)
    after_pages = [row["serving RSS MB"] for row in pages if row["scale"] == "1000x"]
    check("serving resident memory after every page < 1 GB (MB)", "1000x", max(after_pages) if after_pages else None, 1024)
    for row in endpoint:
        check(f"/sparql 10,000-row JSON p50 within {RATIO_TARGET}x of oxigraph serve-read-only", row["scale"],
              row["ratio"], RATIO_TARGET)
    return found


def table(rows: list[dict]) -> str:
    if not rows:
        return "(not measured in this run)"
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(f"{row[c]:.2f}" if isinstance(row[c], float) else str(row[c])
                                       for c in columns) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    return (f"{os.cpu_count()} cores ({cpu}), {memory} memory, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--load-clients", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument("--build-only", action="store_true",
                        help="measure the build alone: no rebuild, validation, queries or load test")
    args = parser.parse_args()
    scales = [int(scale) for scale in args.scales.split(",")]
    summaries, queries, pages, endpoint = [], [], [], []
    load_scale = 100 if 100 in scales else max(scales)
    loaded = None
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            print(f"scale {scale}x ...", file=sys.stderr, flush=True)
            summary, rows, drawn, answered = run_scale(scale, Path(folder), args.repeat, args.build_only)
            summaries.append(summary)
            queries += rows
            pages += drawn
            endpoint += answered
            if scale == load_scale and not args.build_only:
                print(f"load test at {load_scale}x ...", file=sys.stderr, flush=True)
                loaded = load_test(load_scale, Path(folder), args.load_clients, args.load_seconds)
            report = _report(args, summaries, queries, pages, endpoint, loaded)  # written after each scale: a crash keeps the rest
            Path(args.out).write_text(report, encoding="utf-8")
        print("PDF, Word and HTML input ...", file=sys.stderr, flush=True)
        report = _report(args, summaries, queries, pages, endpoint, loaded, measure_formats(Path(folder), args.repeat))
        Path(args.out).write_text(report, encoding="utf-8")
    print(report)


def _report(args: argparse.Namespace, summaries: list[dict], queries: list[dict], pages: list[dict],
            endpoint: list[dict], loaded: dict | None, formats: list[dict] = ()) -> str:
    return (f"# Plangraph benchmark\n\nMachine: {machine()}\n\nCommand: `python -m bench.run --scales "
            f"{args.scales} --repeat {args.repeat} --load-seconds {args.load_seconds:g}`\n\n"
            f"## Targets\n\n{table(targets(summaries, queries, pages, endpoint))}\n\n"
            f"## Build and validation\n\n{table(summaries)}\n\n"
            f"## Ready-made queries over HTTP (their SPARQL, as a visitor sends it)\n\n{table(queries)}\n\n"
            f"## Pages the app draws, over HTTP (embedded default)\n\n{table(pages)}\n\n"
            f"## /sparql against oxigraph serve-read-only (same store, same query)\n\n{table(endpoint)}\n\n"
            f"## Load test (embedded store, loopback)\n\n{table([loaded] if loaded else [])}\n"
            f"\n## Reading PDF, Word and HTML documents (five plans, serial)\n\n{table(list(formats))}\n")


if __name__ == "__main__":
    main()
