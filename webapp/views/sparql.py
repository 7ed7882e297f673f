"""The SPARQL 1.1 Protocol endpoint: read-only, bounded in time and size."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from ..core import PREFIXES, current
from ..results import choose, render
from ..store import QueryError

blueprint = Blueprint("sparql", __name__)
_UNSUPPORTED = "Ask for one of the formats this endpoint offers (see the service description)."


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql():
    if request.method == "POST" and ("update" in request.form or request.mimetype == "application/sparql-update"):
        return _error(403, "This endpoint is read-only: updates are refused.")
    query = _query_text()
    if query is None:
        return _service_description()
    core = current()
    try:
        answer = core.run(query)
    except QueryError as error:
        return _error(error.status, str(error))
    name = choose(request.accept_mimetypes, request.values.get("format"), answer.kind)
    if name is None:
        return _error(406, _UNSUPPORTED)
    body, mimetype = render(answer, name)
    response = Response(body, content_type=mimetype)
    if answer.truncated:
        response.headers["X-Plangraph-Truncated"] = f"true; the answer was cut at {core.config['MAX_RESULT_ROWS']} rows"
    return response


def _query_text() -> str | None:
    if request.method == "POST" and request.mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    return request.values.get("query")


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _service_description() -> Response:
    body = render_template("service.ttl", endpoint=request.base_url, prefixes=PREFIXES)
    return Response(body, mimetype="text/turtle")
