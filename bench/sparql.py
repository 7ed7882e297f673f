"""/sparql against Oxigraph's own server: p50 of a 10,000-row SELECT in JSON over HTTP, on the same store.

The web app (``plangraph serve``) and ``oxigraph serve-read-only`` open the one store that
``plangraph build`` made beside the graph, and answer the same query; the ratio of their medians
is what the app's guard, worker pipe and caps cost over the engine alone.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000"
ROWS = 10_000
RATIO_TARGET = 1.5


def _p50_ms(endpoint: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds of GET requests for the JSON answer (after one warm-up), and its size;
    each a new query text (bench.run.uncached), for the server and for the app alike."""
    from bench.run import uncached

    times, size = [], 0
    for attempt in range(repeat + 1):
        request = urllib.request.Request(f"{endpoint}?{urllib.parse.urlencode({'query': uncached(QUERY, attempt)})}",
                                         headers={"Accept": "application/sparql-results+json"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            size = len(response.read())
        if attempt:
            times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), size


def measure(scale: int, graph: Path, repeat: int) -> dict | None:
    """One row for the report, or None where the corpus has fewer than 10,000 triples or no server."""
    from bench.run import free_port, serve, wait_until_up

    store = graph.parent / "store"
    if not shutil.which("oxigraph") or not store.exists() or scale < 10:
        return None
    port = free_port()
    oxigraph = subprocess.Popen(["oxigraph", "serve-read-only", "--location", str(store), "--bind",
                                 f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app, endpoint = serve("embedded", graph, graph.parent)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        runs = max(repeat, 20)
        engine_ms, engine_bytes = _p50_ms(f"http://127.0.0.1:{port}/query", runs)
        app_ms, app_bytes = _p50_ms(endpoint, runs)
    finally:
        for process in (oxigraph, app):
            process.terminate()
            process.wait(30)
    return {"scale": f"{scale}x", "rows": ROWS, "/sparql p50 ms": app_ms, "/sparql bytes": app_bytes,
            "oxigraph serve-read-only p50 ms": engine_ms, "oxigraph bytes": engine_bytes,
            "ratio": app_ms / engine_ms}
