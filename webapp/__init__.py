"""Plangraph's web app: ``create_app(config)`` builds a Flask app over one built plan graph."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, make_response, render_template, request

from .core import Plangraph, start_request_clock
from .errors import QueryError
from .views import BLUEPRINTS
from .views.common import wants_json

DEFAULTS = {  # folders relative to the current directory, as the `plangraph` command takes them
    "GRAPH_PATH": Path("build") / "plangraph.ttl",
    "STORE_DIR": Path("build") / "stores",  # stores derived for graphs built without one beside them
    "STORE": "embedded",  # or the URL of a SPARQL 1.1 endpoint
    "BASE_IRI": "https://w3id.org/plangraph/id/",
    "QUERY_TIMEOUT": 10.0,  # seconds
    "MAX_QUERY_LENGTH": 20_000,  # characters
    "MAX_RESULT_ROWS": 10_000,  # rows or triples
    "MAX_RESULT_BYTES": 16_000_000,  # of an answer, as sent
    "QUERY_WORKERS": 2,  # visitors' queries answered at once
    "APP_WORKERS": 1,  # workers kept for the app's own pages, which visitors never take
    "WORKER_MEMORY": 1024,  # MB of heap each query worker may use (enforced by the OS)
    "ANSWER_CACHE_BYTES": 64_000_000,  # answers kept in memory, to answer the same question again at once
    "SPARQL_GUARD": True,  # False only in the test that shows the workers' network wall holds alone
}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
log = logging.getLogger("plangraph")


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["plangraph"] = Plangraph(app.config)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.before_request(start_request_clock)
    app.after_request(_security_headers)
    _error_pages(app)
    return app


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def _error_pages(app: Flask) -> None:
    def page(status: int, title: str, message: str):
        if wants_json():
            return {"error": title, "message": message}, status
        return render_template("error.html", title=title, message=message, status=status), status

    @app.errorhandler(404)
    def not_found(error):
        return page(404, "Not found", f"There is nothing at {request.path} in this graph.")

    @app.errorhandler(405)
    def not_allowed(error):
        return page(405, "Not allowed", "This address does not accept that kind of request.")

    @app.errorhandler(QueryError)
    def unanswered(error):
        """A page the store could not answer for: its message, and when to try again if busy."""
        response = make_response(page(error.status, "The graph could not answer", str(error)))
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    @app.errorhandler(Exception)
    def failed(error):
        if hasattr(error, "code") and isinstance(error.code, int) and error.code < 500:
            return page(error.code, getattr(error, "name", "Error"), getattr(error, "description", ""))
        log.exception("unhandled error on %s", request.path)  # the details stay in the server's log
        return page(500, "Something went wrong", "The error has been logged; please try again.")
