"""A real server on a loopback port, queried by real SPARQL clients; answers equal in-process ones."""
from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

PREFIX = "PREFIX ap: <https://w3id.org/plangraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
SELECT = PREFIX + "SELECT ?action ?due WHERE { ?action ap:targetDate ?due } ORDER BY ?action"
ASK = PREFIX + "ASK { ?r ap:agreement ap:PartlyAgreed }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?tool rdfs:label ?label } WHERE { ?tool a ap:Tool ; rdfs:label ?label }"


@pytest.fixture(scope="module")
def local(graph_file):
    return Graph().parse(graph_file)


def wrapper(live_server, query, return_format):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(query)
    client.setReturnFormat(return_format)
    return client.query()


def expected_rows(local):
    return [(str(row.action), str(row.due)) for row in local.query(SELECT)]


def test_select_as_json(live_server, local):
    result = wrapper(live_server, SELECT, JSON).convert()
    got = [(b["action"]["value"], b["due"]["value"]) for b in result["results"]["bindings"]]
    assert got == expected_rows(local) and len(got) > 100


def test_select_as_xml(live_server, local):
    document = wrapper(live_server, SELECT, XML).convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert values == [action for action, _ in expected_rows(local)]


def test_select_as_csv(live_server, local):
    text = wrapper(live_server, SELECT, CSV).convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["action", "due"] and [tuple(r) for r in rows[1:]] == expected_rows(local)


def test_ask(live_server, local):
    assert wrapper(live_server, ASK, JSON).convert()["boolean"] is local.query(ASK).askAnswer is True


def test_construct_as_turtle(live_server, local):
    data = wrapper(live_server, CONSTRUCT, TURTLE).convert()
    remote = Graph().parse(data=data, format="turtle")
    assert isomorphic(remote, local.query(CONSTRUCT).graph) and len(remote) > 5


def test_rdflib_sparql_store(live_server, local):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = Graph(store=SPARQLStore(f"{live_server}/sparql"))
    remote = sorted((str(r.action), str(r.due)) for r in store.query(SELECT))
    assert remote == sorted(expected_rows(local))
    assert store.query(ASK).askAnswer is True
