"""Serve the web app with waitress, a production WSGI server (never Flask's debug server)."""
from __future__ import annotations

import logging
from pathlib import Path

from waitress import serve

from . import create_app


def run(graph_path: Path, host: str = "127.0.0.1", port: int = 5000, config: dict | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = create_app({"GRAPH_PATH": Path(graph_path), **(config or {})})
    print(f"Plangraph is serving {graph_path} on http://{host}:{port}/  (Ctrl+C stops it)")
    try:
        serve(app, host=host, port=port, threads=8, channel_timeout=30)
    finally:
        app.extensions["plangraph"].close()
