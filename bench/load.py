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

from bench.run import PYTHON, free_port, table, wait_until_up
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


def load(endpoint: str, clients: int, seconds: float, max_requests: int) -> dict:
    """Run the clients against a SPARQL endpoint; one row: requests, errors, p50/p95/p99 latency."""
    queries = [query.bound({}) for query in load_queries().values()]
    latencies: list[float] = []
    errors: list[str] = []
    budget = itertools.count()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(endpoint, queries, deadline, budget, max_requests,
                                                     latencies, errors)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"first error: {errors[0]}", file=sys.stderr)
    return {"clients": clients, "seconds": seconds, "requests": len(latencies), "errors": len(errors),
            "p50 ms": percentile(latencies, .5), "p95 ms": percentile(latencies, .95),
            "p99 ms": percentile(latencies, .99)}


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
        row = load(f"http://127.0.0.1:{port}/sparql", args.clients, args.seconds, args.max_requests)
    finally:
        server.terminate()
        server.wait(30)
    print(table([row]))


if __name__ == "__main__":
    main()
