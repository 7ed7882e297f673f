"""The one core object of the web app: a built plan graph, its store and its ready-made queries.

Views are thin layers over ``Plangraph``: they call ``run``/``select`` for SPARQL, ``entity``
for an entity page, ``plans`` for the home page and ``queries`` for the canned queries, and
render the result as HTML or JSON.  ``current()`` gives the instance of the running app.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from flask import current_app
from rdflib import Graph, URIRef

from .store import Answer, EmbeddedStore, RdflibStore, RemoteStore, guard

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "plangraph.ttl"
QUERIES = Path(__file__).resolve().parent / "queries"
PREFIXES = {
    "ap": "https://w3id.org/plangraph/ontology#", "id": "https://w3id.org/plangraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "owl": "http://www.w3.org/2002/07/owl#",
}
PREFIX_LINES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
_HEADER = re.compile(r"^#\s*(title|description|parameter):\s*(.*)$")
_IRI_PATH = re.compile(r"(?:[A-Za-z0-9._~:@!$&'()*+,;=/-]|%[0-9A-Fa-f]{2})+")  # a lone "%" is no IRI


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    default: str
    pattern: str  # a value must match this whole, so nothing but data reaches the query


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sparql: str
    parameters: tuple[Parameter, ...] = ()

    def bound(self, values: dict[str, str]) -> str:
        """The query with its parameters filled in; a value of the wrong form is refused."""
        sparql = self.sparql
        for parameter in self.parameters:
            value = values.get(parameter.name) or parameter.default
            if not re.fullmatch(parameter.pattern, value):
                raise ValueError(f"{parameter.label}: {value!r} is not of the form {parameter.default}")
            sparql = sparql.replace("{{" + parameter.name + "}}", value)
        return sparql


def load_queries(folder: Path = QUERIES) -> dict[str, CannedQuery]:
    """Ready-made queries, one file each: ``# title:``, ``# description:``, ``# parameter:`` lines, then SPARQL."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        header: dict[str, list[str]] = {"title": [], "description": [], "parameter": []}
        for line in path.read_text(encoding="utf-8").splitlines():
            if m := _HEADER.match(line):
                header[m.group(1)].append(m.group(2).strip())
        parameters = tuple(Parameter(*[part.strip() for part in spec.split("|")]) for spec in header["parameter"])
        queries[path.stem] = CannedQuery(path.stem, header["title"][0], " ".join(header["description"]),
                                         path.read_text(encoding="utf-8"), parameters)
    return queries


class Plangraph:
    """A built plan graph served read-only: the store answers SPARQL; exports stream the build output."""

    def __init__(self, config: dict):
        self.config = config
        self.graph_path = Path(config["GRAPH_PATH"])
        self.base = config["BASE_IRI"]
        self.queries = load_queries()
        self.store = _store(config, self.graph_path)

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
