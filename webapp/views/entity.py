"""Entity pages: every IRI under the base resolves here, as HTML, Turtle, JSON-LD or JSON; the actions
a page lists, whole, as CSV."""
from __future__ import annotations

from flask import Blueprint, Response, abort, request

from ..core import current
from ..entities import entity, entity_actions
from ..results import graph_bytes
from .common import page

blueprint = Blueprint("entity", __name__)
SUFFIXES = {".ttl": ("turtle", "text/turtle"), ".jsonld": ("jsonld", "application/ld+json"),
            ".nt": ("nt", "application/n-triples")}


@blueprint.get("/id/<path:path>")
def show(path: str):
    core = current()
    suffix = next((s for s in (*SUFFIXES, ".json", ".csv") if path.endswith(s)), "")
    iri = core.iri(path[: len(path) - len(suffix)] if suffix else path)
    if iri is None:
        abort(404)
    if suffix == ".csv":
        return _actions_csv(core, iri)
    rdf = SUFFIXES.get(suffix) or _negotiated()
    if rdf:
        return _rdf(core, iri, *rdf)
    data = entity(core, iri, request.args)
    if data is None:
        abort(404)
    return page("entity.html", data)


def _actions_csv(core, iri) -> Response:
    """The actions the page shows, whole, in the order it shows them: ``plan-x-actions.csv``."""
    table = entity_actions(core, iri)
    if table is None:
        abort(404)
    return table.download("csv", request.args, "-".join(core.local_path(iri).split("/")[2:]) + "-actions")


def _negotiated():
    offered = ["text/html", "application/json", "text/turtle", "application/ld+json", "application/n-triples"]
    best = request.accept_mimetypes.best_match(offered, default="text/html")
    return next((v for v in SUFFIXES.values() if v[1] == best), None)


def _rdf(core, iri, name: str, mimetype: str) -> Response:
    answer = core.store.run(f"DESCRIBE <{iri}>")
    if not answer.ntriples.strip():
        abort(404)
    return Response(graph_bytes(answer.ntriples, name), mimetype=mimetype)
