"""The query editor (YASGUI on this app's own endpoint) and the vocabulary it completes from."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from rdflib import OWL, RDF, URIRef

from ..core import PREFIXES, current

blueprint = Blueprint("editor", __name__)


@blueprint.get("/query")
def editor():
    core = current()
    queries = [{"name": q.name, "title": q.title, "description": q.description,
                "sparql": q.bound({})} for q in core.queries.values()]
    return render_template("editor.html", queries=queries, query=request.args.get("query", ""),
                           prefixes=PREFIXES)


@blueprint.get("/api/vocabulary")
def vocabulary():
    """This graph's own classes and properties, for autocompletion (never an outside service)."""
    ontology = current().ontology
    classes = sorted(str(s) for s in ontology.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef))
    properties = sorted(str(s) for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
                        for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef))
    used = current().select("SELECT DISTINCT ?p WHERE { ?s ?p ?o } LIMIT 500")
    properties = sorted(set(properties) | {str(row["p"]) for row in used})
    return jsonify({"classes": classes, "properties": properties, "prefixes": PREFIXES})
