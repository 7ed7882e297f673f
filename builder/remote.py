"""Publish built plans to any SPARQL 1.1 server over the Graph Store HTTP Protocol.

Each plan goes to its own named graph (named by the plan's IRI) with PUT, so rebuilding a plan
replaces exactly its graph and nothing else; the ontology goes to a graph of its own.  Query
the server with its union of named graphs as the default graph (Oxigraph:
``--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso
query the union by default).
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from rdflib import Dataset, Graph, URIRef

from .model import BuildError
from .resources import ONTOLOGY

ONTOLOGY_GRAPH = URIRef("https://w3id.org/plangraph/ontology")


def put_graph(store_url: str, name: URIRef, graph: Graph, timeout: float = 60.0) -> None:
    """Replace one named graph of the store with ``graph``."""
    url = f"{store_url}?{urllib.parse.urlencode({'graph': str(name)})}"
    body = graph.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except (urllib.error.URLError, TimeoutError) as error:
        raise BuildError(store_url, f"the SPARQL server refused graph {name}: {error}") from None


def publish(dataset: Dataset, store_url: str) -> int:
    """Every plan's named graph and the ontology; returns how many graphs were written."""
    written = 0
    for graph in dataset.graphs():
        if len(graph) and isinstance(graph.identifier, URIRef):
            put_graph(store_url, graph.identifier, graph)
            written += 1
    put_graph(store_url, ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY, format="turtle"))
    return written + 1
