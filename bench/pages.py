"""Page timings: p50/p95 over HTTP of every page the app draws, on the embedded default.

Home, each ready-made answer's first page and a later page, each sort the pages offer (the sort links
found on those first pages), a search, a plan page, an action page and /blocked; then the serving
process tree's resident memory once every page has been asked.  Called from bench/run.py, or alone
on a built graph:  python -m bench.pages build/plangraph.ttl [--repeat 5]
"""
from __future__ import annotations

import argparse
import html
import math
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from builder.readside import FILE_NAME, ReadSide
from builder.readside.canned import load_queries

_SORT_LINK = re.compile(r'<th [^>]*><a href="([^"]*_sort(?:_desc)?=[^"]*)"')


def addresses(readside: ReadSide, base: str) -> list[tuple[str, str]]:
    """(what, path) for every page measured; sorts and later pages as the pages themselves link them."""
    plan = next(readside.rows("plans", limit=1))["iri"]
    action = next(readside.rows("actions", limit=1))["iri"]
    found = [("home", "/"), ("search", "/search?q=head+of+operations"), ("blocked", "/blocked"),
             ("plan page", _local(plan)), ("action page", _local(action))]
    for name in load_queries():
        first = f"/queries/{name}?date=2019-09-01&month=2019-06"
        found.append((f"{name}: first page", first))
        pages = -(-readside.answer(name)["rows"] // 50)
        if pages > 1:
            found.append((f"{name}: a later page", f"{first}&_page={max(2, pages // 2)}"))
        body = urllib.request.urlopen(base + first, timeout=120).read().decode()
        found += [(f"{name}: sorts", html.unescape(link)) for link in _SORT_LINK.findall(body)]
    body = urllib.request.urlopen(base + "/", timeout=120).read().decode()
    found += [("home: sorts", html.unescape(link)) for link in _SORT_LINK.findall(body)]
    return found


def _local(iri: str) -> str:
    return "/id/" + iri.split("/id/", 1)[1]


def timings(base: str, path: str, repeat: int) -> list[float]:
    """Seconds per request; a page that answers with an error counts as never drawn (infinite), so
    the report says it missed instead of the whole run stopping."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as error:
            print(f"{path}: HTTP {error.code}", file=sys.stderr)
            times.append(math.inf)
            continue
        times.append(time.perf_counter() - began)
    return times


def measure(scale: str, graph: Path, repeat: int, serve, resident_mb) -> list[dict]:
    """Rows for the report: each kind of page with its runs, p50 and p95, and the serving memory."""
    process, endpoint = serve("embedded", graph, graph.parent)
    base = endpoint.removesuffix("/sparql")
    try:
        readside = ReadSide(graph.resolve().with_name(FILE_NAME))
        grouped: dict[str, list[float]] = {}
        for what, path in addresses(readside, base):
            timings(base, path, 1)  # each page asked once before it is timed
            grouped.setdefault(what, []).extend(timings(base, path, repeat))
        rss = resident_mb(process.pid)
    finally:
        process.terminate()
        process.wait(30)
    return [{"scale": scale, "page": what, "runs": len(times), "p50 ms": 1000 * statistics.median(times),
             "p95 ms": 1000 * sorted(times)[max(0, round(0.95 * len(times)) - 1)], "serving RSS MB": rss}
            for what, times in grouped.items()]


def main() -> None:
    from bench.run import resident_mb, serve, table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", default="?")
    args = parser.parse_args()
    print(table(measure(args.scale, args.graph.resolve(), args.repeat, serve, resident_mb)))


if __name__ == "__main__":
    main()
