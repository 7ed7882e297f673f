"""The one core object of the web app: a built plan graph, its store and its ready-made queries.

Views are thin layers over ``Plangraph``: they call ``run``/``select`` for SPARQL, read
``readside`` (builder/readside: the pages' tables, search and the ready-made answers, computed once
per build) through the table component (webapp/tables.py), and render HTML or JSON.  ``current()`` gives the instance of the running app.
"""
from __future__ import annotations

import logging
import re
import time
from functools import cached_property
from pathlib import Path

from flask import current_app, g, has_request_context
from rdflib import Graph, URIRef

from builder.readside import ReadSide, readside_for
from builder.readside.canned import load_queries
from builder.store import store_for
from builder.resources import ONTOLOGY

from . import guard
from .store import Answer, CachingStore, EmbeddedStore, Job, RdflibStore, RemoteStore

PREFIXES = {
    "ap": "https://w3id.org/plangraph/ontology#", "id": "https://w3id.org/plangraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
}
PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
# what the app derives for a graph built without it (``plangraph serve --graph FILE``) takes a while
_say = logging.getLogger("plangraph").info
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
        self.readside = ReadSide(readside_for(self.graph_path, Path(config["STORE_DIR"]), _say))

    def run(self, sparql: str, solutions: str = "json", graphs: str = "nt",
            default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> Answer:
        """Any query a visitor sends, answered in the formats named (see ``Job``): refused if it
        updates, federates or names graphs outside the store; bounded in time, rows and bytes;
        never given the worker kept for the app's own pages."""
        guard.measure(sparql, self.config["MAX_QUERY_LENGTH"])
        job = Job(sparql, solutions, graphs, visitor=True, guarded=self.config["SPARQL_GUARD"],
                  default_graphs=default_graphs, named_graphs=named_graphs,
                  max_rows=self.config["MAX_RESULT_ROWS"], max_bytes=self.config["MAX_RESULT_BYTES"])
        return self.store.run(job, request_deadline())

    def select(self, sparql: str) -> list[dict]:
        """The app's own queries (with the standard prefixes): rows of rdflib terms."""
        return self.store.run(PREFIX_LINES + sparql, request_deadline()).rows

    @cached_property
    def graph_names(self) -> list[str]:
        """The store's named graphs: one per plan, named by the plan's IRI."""
        return sorted(str(row["g"]) for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))

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
        folder = store_for(graph_path, Path(config["STORE_DIR"]), _say)
        return CachingStore(EmbeddedStore(folder, config["QUERY_TIMEOUT"], config["QUERY_WORKERS"],
                                          config["APP_WORKERS"], config["WORKER_MEMORY"]),
                            config["ANSWER_CACHE_BYTES"])
    if kind == "rdflib":
        return CachingStore(RdflibStore(graph_path), config["ANSWER_CACHE_BYTES"])
    return RemoteStore(kind, config["QUERY_TIMEOUT"])  # another server's graph may change: asked every time


def start_request_clock() -> None:
    """The time limit covers a whole request, however many queries it makes."""
    g.query_deadline = time.monotonic() + current_app.config["QUERY_TIMEOUT"]


def request_deadline() -> float | None:
    return g.get("query_deadline") if has_request_context() else None


def current() -> Plangraph:
    return current_app.extensions["plangraph"]
