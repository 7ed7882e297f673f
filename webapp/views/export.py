"""Exports for other systems: the whole graph or one plan, as Turtle, N-Triples, JSON-LD or TriG.

Written by Oxigraph from the build output, streaming: a corpus of thousands of plans is never
loaded into memory to be downloaded.  One plan is its named graph, read from the store by the
graph's index, not found by reading every plan's TriG.
"""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, request

from builder import jsonld
from builder.output import OUTPUT_PREFIXES
from ..core import current
from ..tables import page_links, requested_page
from ..worker import Job
from .common import page

blueprint = Blueprint("export", __name__)
FORMATS = {"ttl": (ox.RdfFormat.TURTLE, "text/turtle"), "nt": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
           "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"), "trig": (ox.RdfFormat.TRIG, "application/trig")}
PLANS_A_PAGE = 100
PLAN_GRAPH = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"


@blueprint.get("/export.json")
@blueprint.get("/export")
def index():
    """The whole graph's downloads, and each plan's, a hundred plans a page (from the read side)."""
    core = current()
    number = requested_page(request.args)
    total = core.readside.count("plans")
    rows = core.readside.rows("plans", (), (("label", False),), PLANS_A_PAGE, (number - 1) * PLANS_A_PAGE)
    plans = [{"key": row["iri"][len(core.base) + len("plan/"):], "label": row["label"]} for row in rows
             if row["iri"].startswith(core.base + "plan/")]
    return page("export.html", {"formats": list(FORMATS), "plans": plans, "total": total,
                                **page_links(number, total, PLANS_A_PAGE, lambda other: f"/export?_page={other}")})


@blueprint.get("/export/plangraph.<extension>")
def whole(extension: str):
    core = current()
    if extension == "ttl":  # the build output itself
        return _attachment(core.graph_path.read_bytes(), extension, "plangraph")
    if extension == "trig":
        return _attachment(core.graph_path.with_suffix(".trig").read_bytes(), extension, "plangraph")
    return _download(ox.parse(path=str(core.graph_path), format=ox.RdfFormat.TURTLE), extension, "plangraph")


@blueprint.get("/export/plan/<key>.<extension>")
def plan(key: str, extension: str):
    core = current()
    iri = core.iri(f"plan/{key}")
    if iri is None or extension not in FORMATS:
        abort(404)
    answer = core.store.run(Job(PLAN_GRAPH.format(iri=iri), graphs="nt", max_rows=10_000_000, max_bytes=1 << 30))
    if answer.truncated:  # no plan is near that size: never send a plan cut short as if whole
        abort(500, f"The plan is larger than a download may be ({answer.cut}).")
    triples = [quad.triple for quad in ox.parse(answer.ntriples, format=ox.RdfFormat.N_TRIPLES)]
    if not triples:
        abort(404)
    name = ox.NamedNode(str(iri))
    return _download([ox.Quad(*t, name) for t in triples] if extension == "trig" else triples, extension, key)


def _download(statements, extension: str, name: str) -> Response:
    if extension not in FORMATS:
        abort(404)
    if extension == "jsonld":  # compacted, with the context embedded
        return _attachment(jsonld.to_bytes(statements), extension, name)
    rdf_format = FORMATS[extension][0]
    prefixes = OUTPUT_PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return _attachment(ox.serialize(statements, format=rdf_format, prefixes=prefixes), extension, name)


def _attachment(body: bytes, extension: str, name: str) -> Response:
    if extension not in FORMATS:
        abort(404)
    return Response(body, mimetype=FORMATS[extension][1],
                    headers={"Content-Disposition": f"attachment; filename={name}.{extension}"})
