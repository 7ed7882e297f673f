"""Exports for other systems: the whole graph or one plan, as Turtle, N-Triples, JSON-LD or TriG."""
from __future__ import annotations

from flask import Blueprint, Response, abort
from rdflib import Dataset, Graph

from builder.emit import bind_prefixes
from ..core import current
from .common import page

blueprint = Blueprint("export", __name__)
FORMATS = {"ttl": ("turtle", "text/turtle"), "nt": ("nt", "application/n-triples"),
           "jsonld": ("json-ld", "application/ld+json"), "trig": ("trig", "application/trig")}


@blueprint.get("/export.json")
@blueprint.get("/export")
def index():
    core = current()
    plans = sorted(str(g.identifier).rsplit("/", 1)[-1] for g in core.dataset.graphs()
                   if str(g.identifier).startswith(core.base))
    return page("export.html", {"formats": list(FORMATS), "plans": plans})


@blueprint.get("/export/plangraph.<extension>")
def whole(extension: str):
    core = current()
    if extension == "trig":
        return _download(core.dataset, extension, "plangraph")
    return _download(core.graph, extension, "plangraph")


@blueprint.get("/export/plan/<key>.<extension>")
def plan(key: str, extension: str):
    core = current()
    iri = core.iri(f"plan/{key}")
    named = core.dataset.graph(iri) if iri else None
    if named is None or not len(named):
        abort(404)
    if extension == "trig":
        single = Dataset()
        single.graph(named.identifier).__iadd__(named)
        return _download(single, extension, key)
    return _download(bind_prefixes(Graph()) + named, extension, key)


def _download(graph: Graph | Dataset, extension: str, name: str) -> Response:
    if extension not in FORMATS:
        abort(404)
    rdflib_format, mimetype = FORMATS[extension]
    if extension == "trig" and not isinstance(graph, Dataset):
        abort(404)
    return Response(graph.serialize(format=rdflib_format, encoding="utf-8"), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={name}.{extension}"})
