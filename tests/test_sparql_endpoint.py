"""The SPARQL 1.1 Protocol endpoint: formats, errors, and the limits of a public read-only service."""
from __future__ import annotations

import csv
import io
import json
import time

import pytest
from rdflib import Graph

from conftest import make_app

SELECT = "PREFIX ap: <https://w3id.org/plangraph/ontology#> SELECT ?plan WHERE { ?plan a ap:ActionPlan } ORDER BY ?plan"
CONSTRUCT = ("PREFIX ap: <https://w3id.org/plangraph/ontology#> "
             "CONSTRUCT { ?plan a ap:ActionPlan } WHERE { ?plan a ap:ActionPlan }")


def plans_in_json(response) -> list[str]:
    return [b["plan"]["value"] for b in json.loads(response.get_data(as_text=True))["results"]["bindings"]]


def test_select_by_get_post_form_and_post_body(client):
    by_get = plans_in_json(client.get("/sparql", query_string={"query": SELECT}))
    assert len(by_get) == 5
    assert plans_in_json(client.post("/sparql", data={"query": SELECT})) == by_get
    assert plans_in_json(client.post("/sparql", data=SELECT, content_type="application/sparql-query")) == by_get


@pytest.mark.parametrize("accept, mimetype", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values")])
def test_select_formats_by_accept(client, accept, mimetype):
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == mimetype
    body = response.get_data(as_text=True)
    assert body.count("https://w3id.org/plangraph/id/plan/") == 5
    if mimetype == "text/csv":
        assert next(csv.reader(io.StringIO(body))) == ["plan"]


def test_format_parameter_for_links(client):
    response = client.get("/sparql", query_string={"query": SELECT, "format": "csv"})
    assert response.mimetype == "text/csv"


def test_ask(client):
    ask = "ASK { ?s a <https://w3id.org/plangraph/ontology#ActionPlan> }"
    assert json.loads(client.get("/sparql", query_string={"query": ask}).get_data())["boolean"] is True
    xml = client.get("/sparql", query_string={"query": ask}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in xml.get_data(as_text=True)


@pytest.mark.parametrize("accept, rdf_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                ("application/ld+json", "json-ld"),
                                                ("application/rdf+xml", "xml")])
def test_construct_formats(client, accept, rdf_format):
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    assert len(Graph().parse(data=response.get_data(as_text=True), format=rdf_format)) == 5


def test_describe(client):
    describe = "DESCRIBE <https://w3id.org/plangraph/id/tool/emo>"
    body = client.get("/sparql", query_string={"query": describe}, headers={"Accept": "text/turtle"})
    assert "Effective Management Oversight" in body.get_data(as_text=True) or "EMO" in body.get_data(as_text=True)


def test_service_description_without_a_query(client):
    response = client.get("/sparql")
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert response.mimetype == "text/turtle" and len(graph) > 5


def test_syntax_error_is_400_with_the_parsers_message(client):
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400 and len(response.get_data(as_text=True)) > 10


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "LOAD <http://127.0.0.1/x>",
    "CLEAR ALL", "DROP ALL", "CREATE GRAPH <urn:g>"])
def test_updates_are_refused(client, update):
    assert client.post("/sparql", data={"query": update}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", data=update, content_type="application/sparql-update").status_code == 403
    assert len(plans_in_json(client.get("/sparql", query_string={"query": SELECT}))) == 5


@pytest.mark.parametrize("host", ["127.0.0.1", "169.254.169.254", "localhost"])
def test_federated_queries_are_refused(client, host):
    query = f"SELECT * WHERE {{ SERVICE <http://{host}/sparql> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 403 and "SERVICE" in response.get_data(as_text=True)


def test_a_refused_service_query_fetches_nothing(client):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        for query in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"):
            client.get("/sparql", query_string={"query": query})
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody came: no request left this server


def test_keywords_inside_strings_and_names_are_not_refused(client):
    query = 'SELECT ?load WHERE { BIND("DROP INSERT SERVICE" AS ?load) }'
    assert client.get("/sparql", query_string={"query": query}).status_code == 200


def test_an_over_long_query_is_413(client):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000
    assert client.post("/sparql", data={"query": query}).status_code == 413


def test_unacceptable_format_is_406(client):
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_security_headers_and_no_inline_scripts(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)


@pytest.fixture(scope="module")
def limited(graph_file, tmp_path_factory):
    application = make_app(graph_file, tmp_path_factory.mktemp("limited"), QUERY_TIMEOUT=2.0,
                           MAX_RESULT_ROWS=7, QUERY_WORKERS=2)
    yield application.test_client()
    application.extensions["plangraph"].close()


def test_row_cap_is_stated(limited):
    response = limited.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(json.loads(response.get_data())["results"]["bindings"]) == 7
    assert response.headers["X-Plangraph-Truncated"].startswith("true")


def test_an_explosive_query_is_stopped_and_others_still_answered(limited):
    explosive = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    response = limited.get("/sparql", query_string={"query": explosive})
    assert response.status_code == 503 and "stopped" in response.get_data(as_text=True)
    assert time.monotonic() - started < 15  # the limit is 2 s; generous for a loaded machine
    assert len(plans_in_json(limited.get("/sparql", query_string={"query": SELECT}))) == 5
