"""The one core object of the web app: a built plan graph, its store and its ready-made queries.

Views are thin layers over ``Plangraph``: they call ``run``/``select`` for SPARQL, read
``readside`` (builder/readside: the pages' tables, search and the ready-made answers, computed once
per build) through the table component (webapp/tables.py), and render HTML or JSON.  ``current()`` gives the instance of the running app.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from flask import current_app
from rdflib import Graph, URIRef

from builder.readside import ReadSide, readside_for
from builder.readside.canned import load_queries

from .store import Answer, EmbeddedStore, RdflibStore, RemoteStore, guard

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "plangraph.ttl"
PREFIXES = {
    "ap": "https://w3id.org/plangraph/ontology#", "id": "https://w3id.org/plangraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
}
PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
_IRI_PATH = re.compile(r"(?:[A-Za-z0-9._~:@!$&'()*+,;=/-]|%[0-9A-Fa-f]{2})+")  # a lone "%" is no IRI


class Plangraph:
    """A built plan graph served read-only: the store answers SPARQL; exports stream the build output."""

    def __init__(self, config: dict):
        self.config = config
        self.graph_path = Path(config["GRAPH_PATH"])
        self.base = config["BASE_IRI"]
        self.queries = load_queries()
        self.store = _store(config, self.graph_path)
        # what the app's own pages read (never the query workers, so visitors' SPARQL cannot starve them)
        self.readside = ReadSide(readside_for(self.graph_path, Path(config["STORE_DIR"])))

    def run(self, sparql: str) -> Answer:
        """Any query a visitor sends: refused if it updates or federates, bounded in time and rows."""
        guard(sparql, self.config["MAX_QUERY_LENGTH"])
        return self.store.run(sparql)

    def select(self, sparql: str) -> list[dict]:
        """The app's own queries (with the standard prefixes): rows of rdflib terms."""
        return self.store.run(PREFIX_LINES + sparql).rows

    @cached_property
    def ontology(self) -> Graph:
        return Graph().parse(ONTOLOGY, format="turtle")

    def iri(self, path: str) -> URIRef | None:
        """The IRI of an app path under the base, or None if the path cannot be part of an IRI
        (so that nothing a visitor types is ever spliced into a query but a well-formed IRI)."""
        return URIRef(self.base + path) if _IRI_PATH.fullmatch(path) else None

    def local_path(self, iri) -> str | None:
        """The app path of an IRI under the base (``/id/...``), or None for outside IRIs."""
        text = str(iri)
        return "/id/" + text[len(self.base):] if text.startswith(self.base) else None

    def close(self) -> None:
        self.store.close()
        self.readside.close()


def _store(config: dict, graph_path: Path):
    """The backend the configuration names: "embedded" (default), "rdflib", or a SPARQL endpoint URL."""
    kind = config.get("STORE", "embedded")
    if kind == "embedded":
        return EmbeddedStore(graph_path, Path(config["STORE_DIR"]), config["QUERY_TIMEOUT"],
                             config["MAX_RESULT_ROWS"], config["QUERY_WORKERS"], extra=[ONTOLOGY])
    if kind == "rdflib":
        return RdflibStore([graph_path, ONTOLOGY], config["MAX_RESULT_ROWS"])
    return RemoteStore(kind, config["QUERY_TIMEOUT"], config["MAX_RESULT_ROWS"])


def current() -> Plangraph:
    return current_app.extensions["plangraph"]
