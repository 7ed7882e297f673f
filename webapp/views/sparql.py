"""The SPARQL 1.1 Protocol endpoint: read-only, bounded in time and size, open to other origins.

Parameters are read from the raw query string or body, so that malformed UTF-8 is refused (400)
rather than silently replaced.  CORS allows any origin to query, without credentials: the
endpoint is public and read-only, as public SPARQL endpoints are.
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, Response, render_template, request

from ..core import PREFIXES, current
from ..errors import QueryError
from ..results import choose, render

blueprint = Blueprint("sparql", __name__)
_UNSUPPORTED = "Ask for one of the formats this endpoint offers (see the service description)."
_FORM, _QUERY, _UPDATE = "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update"
_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-Plangraph-Truncated, Retry-After"}
_PREFLIGHT = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
              "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}


class _Refusal(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def sparql():
    if request.method == "OPTIONS":
        return Response(status=204, headers={**_CORS, **_PREFLIGHT})
    try:
        fields, body_query = _fields()
    except _Refusal as refusal:
        return _error(refusal.status, str(refusal))
    query = body_query if body_query is not None else _one(fields, "query")
    if query is None:
        return _service_description()
    return _answer(query, fields)


def _answer(query: str, fields: list[tuple[str, str]]) -> Response:
    output = _one(fields, "format")
    solutions = choose(request.accept_mimetypes, output, "select")
    graphs = choose(request.accept_mimetypes, output, "graph")
    core = current()
    try:
        answer = core.run(query, solutions or "", graphs or "", _all(fields, "default-graph-uri"),
                          _all(fields, "named-graph-uri"))
    except QueryError as error:
        response = _error(error.status, str(error))
        if error.retry_after:
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    name = solutions if answer.kind in ("select", "ask") else graphs
    if not name:
        return _error(406, _UNSUPPORTED)
    body, mimetype = render(answer, name)
    response = Response(body, content_type=mimetype, headers=_CORS)
    if answer.truncated:
        response.headers["X-Plangraph-Truncated"] = f"true; the answer was cut at {answer.cut}"
    return response


def _fields() -> tuple[list[tuple[str, str]], str | None]:
    """The protocol's parameters, and the query if it is the body; refused when malformed."""
    fields = _decoded(request.query_string)
    if request.method == "GET":
        if any(name == "update" for name, _ in fields):
            raise _Refusal(400, "Updates are not sent by GET, and this endpoint is read-only.")
        return fields, None
    limit = 4 * current().config["MAX_QUERY_LENGTH"] + 65_536
    if (request.content_length or 0) > limit:
        raise _Refusal(413, f"The request body is longer than the {limit} bytes this endpoint reads.")
    kind, body = request.mimetype, request.get_data()
    if kind == _UPDATE:
        raise _Refusal(403, "This endpoint is read-only: updates are refused.")
    if kind == _QUERY:
        return fields, _text(body)
    if kind == _FORM or (not kind and not body):
        fields += _decoded(body)
        if any(name == "update" for name, _ in fields):
            raise _Refusal(403, "This endpoint is read-only: updates are refused.")
        return fields, None
    raise _Refusal(415, f"A query is sent as {_FORM} or {_QUERY}, not {kind or 'without a type'}.")


def _decoded(raw: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(_text(raw), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise _Refusal(400, "The request is not valid UTF-8 once percent-decoded.") from None


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refusal(400, "The request is not valid UTF-8.") from None


def _one(fields: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in fields if key == name), None)


def _all(fields: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    return tuple(value for key, value in fields if key == name)


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain", headers=_CORS)


def _service_description() -> Response:
    body = render_template("service.ttl", endpoint=request.base_url, prefixes=PREFIXES, graphs=current().graph_names)
    return Response(body, mimetype="text/turtle", headers=_CORS)
