"""The ontology as documentation a person can read, and as Turtle."""
from __future__ import annotations

import json

from flask import Blueprint, Response
from rdflib import OWL, RDF, RDFS, URIRef

from builder import jsonld

from ..core import ONTOLOGY, current
from .common import page

blueprint = Blueprint("ontology", __name__)
KINDS = (("Classes", OWL.Class), ("Relations between things", OWL.ObjectProperty),
         ("Values", OWL.DatatypeProperty))


@blueprint.get("/ontology.json")
@blueprint.get("/ontology")
def ontology():
    graph = current().ontology
    sections = []
    for title, kind in KINDS:
        terms = [_term(graph, subject) for subject in graph.subjects(RDF.type, kind) if isinstance(subject, URIRef)]
        sections.append({"title": title, "terms": sorted(terms, key=lambda t: t["label"].lower())})
    return page("ontology.html", {"sections": sections})


@blueprint.get("/ontology/context.jsonld")
def context():
    """The JSON-LD context of the ontology's terms and prefixes, at a stable address any origin may read."""
    return Response(json.dumps({"@context": jsonld.context()}, indent=1), mimetype="application/ld+json",
                    headers={"Access-Control-Allow-Origin": "*"})


@blueprint.get("/ontology.ttl")
def turtle():
    return Response(ONTOLOGY.read_bytes(), mimetype="text/turtle",
                    headers={"Content-Disposition": "attachment; filename=plangraph-ontology.ttl"})


def _term(graph, subject) -> dict:
    def names(predicate):
        return [str(graph.value(o, RDFS.label) or o).rsplit("#", 1)[-1] for o in graph.objects(subject, predicate)
                if isinstance(o, URIRef)]
    return {"iri": str(subject), "id": str(subject).rsplit("#", 1)[-1],
            "label": str(graph.value(subject, RDFS.label) or subject),
            "comment": str(graph.value(subject, RDFS.comment) or ""),
            "parents": names(RDFS.subClassOf) + names(RDFS.subPropertyOf),
            "domain": names(RDFS.domain), "range": names(RDFS.range)}
