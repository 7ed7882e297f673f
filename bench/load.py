"""A load test on loopback only: N concurrent clients asking the ready-made queries for S seconds.

Usage: python -m bench.load --graph build/plangraph.ttl [--clients 20] [--seconds 60] [--max-requests 20000]

Starts `plangraph serve` on a free 127.0.0.1 port, runs the clients (threads with urllib: no extra
dependency), stops by itself, and prints one markdown row: requests, errors, p50/p95/p99 latency.
"""
from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.run import PYTHON, free_port, wait_until_up
from webapp.core import load_queries


def client(endpoint: str, queries: list[str], deadline: float, budget: itertools.count, limit: int,
           latencies: list[float], errors: list[str]) -> None:
    for index in itertools.count():
        if time.monotonic() > deadline or next(budget) >= limit:
            return
        body = urllib.parse.urlencode({"query": queries[index % len(queries)]}).encode()
        request = urllib.request.Request(endpoint, data=body, headers={"Accept": "application/sparql-results+json"})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
            latencies.append(time.perf_counter() - began)
        except (urllib.error.URLError, OSError) as error:
            errors.append(str(error))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=Path("build/plangraph.ttl"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=20_000)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(PYTHON + ["serve", "--graph", str(args.graph), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/sparql")
        queries = [query.bound({}) for query in load_queries().values()]
        latencies: list[float] = []
        errors: list[str] = []
        budget = itertools.count()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(f"http://127.0.0.1:{port}/sparql", queries, deadline,
                                                         budget, args.max_requests, latencies, errors))
                   for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(30)
    print("| clients | seconds | requests | errors | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {args.clients} | {args.seconds:g} | {len(latencies)} | {len(errors)} | "
          f"{percentile(latencies, .5):.1f} | {percentile(latencies, .95):.1f} | {percentile(latencies, .99):.1f} |")
    if errors:
        print(f"first error: {errors[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
