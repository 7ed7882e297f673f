"""The endpoint cannot be turned against its host: SERVICE in any spelling never connects anywhere.

Two walls, each shown on its own: the guard reads the query as SPARQL (so no spelling gets
past it), and the query workers cannot open a network connection at all (so the guard switched
off still lets nothing out).
"""
from __future__ import annotations

import itertools
import socket
import subprocess
import sys

import pytest

from conftest import make_app

LEAKS = ("refused", "Connection", "port", "127.0.0.1", "Permission", "os error")


def service_obfuscations(port: int) -> list[str]:
    """SERVICE written every way SPARQL allows, in every place a graph pattern may stand."""
    iri = f"http://127.0.0.1:{port}/sparql"
    targets = [f"<{iri}>", "loc:sparql", "loc:sp\\'ar\\-ql", "loc:%73parql", "<//127.0.0.1:%d/x>" % port]
    keywords = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service\tsilent"]
    gaps = ["", " ", "\n", "#}'\"<\n", " # SERVICE? no: a comment\n "]
    places = [
        "{{ {s} {{ ?s ?p ?o }} }}",
        "{{ FILTER(1<2){s} {{ ?s ?p ?o }} }}",
        "{{ ?x ?y ?z FILTER(?z<3) . {s}{{?s ?p ?o}} }}",
        "{{ BIND('\\'' AS ?q) {s} {{ }} }}",
        "{{ OPTIONAL {{ {s} {{ ?s ?p ?o }} }} }}",
        "{{ {{ {{ {{ {s} {{ ?s ?p ?o }} }} }} }} }}",
        "{{ ?a ?b ?c MINUS {{ {s} {{ ?s ?p ?o }} }} }}",
        "{{ FILTER EXISTS {{ {s} {{ ?s ?p ?o }} }} }}",
        "{{ FILTER NOT EXISTS {{ {s} {{ }} }} }}",
        "{{ {{ SELECT * WHERE {{ {s} {{ ?s ?p ?o }} }} }} }}",
        "{{ {{ ?a ?b ?c }} UNION {{ {s} {{ ?s ?p ?o }} }} }}",
        "{{ GRAPH ?g {{ {s} {{ ?s ?p ?o }} }} }}",
        "{{ ?a ?b ?c FILTER(?c IN (1, 2)) {s} {{ ?s ?p ?o FILTER(1<2) }} }}",
    ]
    forms = ["SELECT * WHERE {where}", "ASK {where}", "CONSTRUCT {{ ?s ?p ?o }} WHERE {where}",
             "SELECT (COUNT(*) AS ?n) {where}", "DESCRIBE ?s WHERE {where}"]
    prologue = f"PREFIX loc: <http://127.0.0.1:{port}/>\nBASE <http://127.0.0.1:{port}/>\n"
    queries = []
    combinations = [(keyword, gap, target, place)
                    for keyword, gap, target, place in itertools.product(keywords, gaps, targets, places)
                    if gap or target.startswith("<")]  # a keyword runs into a prefixed name without a gap
    for index, (keyword, gap, target, place) in enumerate(combinations):
        service = f"{keyword}{gap}{target}"
        where = place.format(s=service)
        queries.append(prologue + forms[index % len(forms)].format(where=where))
    return queries[::7]  # an even spread over every combination, few enough to stay quick


@pytest.fixture
def listener():
    """A loopback socket that notes any connection made to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        server.settimeout(0.5)
        yield server


def nobody_connected(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except socket.timeout:
        return True
    return False


@pytest.fixture(scope="module")
def unguarded(graph_file, tmp_path_factory):
    application = make_app(graph_file, tmp_path_factory.mktemp("unguarded"), SPARQL_GUARD=False)
    yield application.test_client()
    application.extensions["plangraph"].close()


def test_the_obfuscations_cover_enough_ground():
    queries = service_obfuscations(9)
    assert len(queries) >= 200 and len(set(queries)) == len(queries)


def test_the_guard_refuses_service_in_every_spelling_and_nothing_connects(client, listener):
    port = listener.getsockname()[1]
    for query in service_obfuscations(port):
        response = client.post("/sparql", data={"query": query})
        text = response.get_data(as_text=True)
        assert response.status_code == 403 and "SERVICE" in text, (query, text)
    assert nobody_connected(listener)


def test_with_the_guard_off_the_workers_still_cannot_connect(unguarded, listener):
    port = listener.getsockname()[1]
    statuses = set()
    for query in service_obfuscations(port):
        response = unguarded.post("/sparql", data={"query": query})
        statuses.add(response.status_code)
        if response.status_code != 200:  # SERVICE SILENT answers nothing, without an error
            text = response.get_data(as_text=True)
            assert not any(leak in text for leak in LEAKS), (query, text)
    assert nobody_connected(listener)
    assert 500 in statuses  # Oxigraph really tried, and the wall stopped it


def test_the_wall_denies_network_sockets_but_keeps_local_ones():
    code = ("import socket, sys; from webapp.sandbox import forbid_network\n"
            "assert forbid_network()\n"
            "a, b = socket.socketpair(); a.send(b'x'); assert b.recv(1) == b'x'\n"
            "for family in (socket.AF_INET, socket.AF_INET6):\n"
            "    try: socket.socket(family)\n"
            "    except PermissionError: continue\n"
            "    sys.exit('a network socket was opened')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("query", [
    "PREFIX ex: <http://example.org/> SELECT ?create ?service ?with WHERE { ?create ex:service ?with }",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:with service:create }",
    'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1/> {}" AS ?x) }',
    "SELECT ?x WHERE { BIND('with \\' SERVICE' AS ?x) }",
    'SELECT ?x WHERE { BIND("create"@en-with AS ?x) }',
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:load\\'s ?o } # SERVICE <http://x/>",
    "SELECT * WHERE { ?s <http://example.org/service#with> ?o FILTER(1<2) }",
])
def test_harmless_queries_using_the_words_pass(client, query):
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize("query", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <urn:> ADD ex:a TO ex:b", "COPY DEFAULT TO <urn:g>", "insert data{<urn:a><urn:b><urn:c>}"])
def test_updates_in_any_spelling_are_refused(client, query):
    assert client.post("/sparql", data={"query": query}).status_code == 403


def test_from_may_only_name_graphs_of_the_store(client, listener):
    port = listener.getsockname()[1]
    for query in (f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}",
                  f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * FROM NAMED x:g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"BASE <http://127.0.0.1:{port}/> SELECT * FROM <data> WHERE {{ ?s ?p ?o }}"):
        response = client.get("/sparql", query_string={"query": query})
        assert response.status_code == 403 and "FROM" in response.get_data(as_text=True)
    assert nobody_connected(listener)
