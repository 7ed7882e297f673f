"""The SPARQL 1.1 Protocol as the standard says: faults answered with their status, the dataset
as the data is (a named graph per plan, their merge as default graph), and open to other origins."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Graph, Namespace

from conftest import needs_chromium

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
PLANS = "PREFIX ap: <https://w3id.org/plangraph/ontology#> SELECT ?plan WHERE { ?plan a ap:ActionPlan }"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [{k: v["value"] for k, v in row.items()} for row in response.get_json(force=True)["results"]["bindings"]]


@pytest.fixture(scope="module")
def plans(app):
    return sorted(row["plan"] for row in bindings(app.test_client().get("/sparql", query_string={"query": PLANS})))


def test_get_with_update_is_400(client):
    response = client.get("/sparql", query_string={"update": "DROP ALL"})
    assert response.status_code == 400


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x",
                                          "application/sparql-results+json"])
def test_an_unsupported_content_type_is_415(client, content_type):
    response = client.post("/sparql", data=PLANS, content_type=content_type)
    assert response.status_code == 415 and "application/sparql-query" in response.get_data(as_text=True)


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql?query=SELECT%20%3Fx%20%7B%20BIND(%22%C3%28%22%20AS%20%3Fx)%20%7D"),
    lambda c: c.post("/sparql", data=b'SELECT ?x { BIND("\xc3\x28" AS ?x) }', content_type="application/sparql-query"),
    lambda c: c.post("/sparql", data=b"query=SELECT%20%3Fx%20%7B%20BIND(%22%FF%22%20AS%20%3Fx)%20%7D",
                     content_type="application/x-www-form-urlencoded"),
])
def test_malformed_utf8_is_400_not_replaced(client, send):
    response = send(client)
    assert response.status_code == 400 and "UTF-8" in response.get_data(as_text=True)


def test_well_formed_utf8_passes(client):
    query = 'SELECT ?x { BIND("Café – ünïcode" AS ?x) }'
    assert bindings(client.get("/sparql", query_string={"query": query})) == [{"x": "Café – ünïcode"}]


def test_graph_count_gives_one_row_per_plan(client, plans):
    rows = bindings(client.get("/sparql", query_string={"query": PER_GRAPH}))
    assert sorted(row["g"] for row in rows) == plans and all(int(row["n"]) > 100 for row in rows)


def test_the_default_graph_is_the_merge_of_the_plans_with_the_ontology(client, plans):
    one = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/plangraph/id/org/hmpps> ?p ?o }"
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/plangraph/id/org/hmpps> ?p ?o } }"
    merged = int(bindings(client.get("/sparql", query_string={"query": one}))[0]["n"])
    assert 0 < merged < int(bindings(client.get("/sparql", query_string={"query": per_graph}))[0]["n"])
    label = "ASK { <https://w3id.org/plangraph/ontology#ActionPlan> ?p ?o }"
    assert client.get("/sparql", query_string={"query": label}).get_json(force=True)["boolean"] is True


def test_default_graph_uri_names_one_plans_graph(client, plans):
    response = client.get("/sparql", query_string={"query": PLANS, "default-graph-uri": plans[0]})
    assert [row["plan"] for row in bindings(response)] == [plans[0]]


def test_named_graph_uri_limits_what_graph_finds(client, plans):
    response = client.post("/sparql", data={"query": PER_GRAPH, "named-graph-uri": plans[:2]})
    assert sorted(row["g"] for row in bindings(response)) == plans[:2]


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_outside_the_store_is_400(client, parameter):
    response = client.get("/sparql", query_string={"query": PLANS, parameter: "http://127.0.0.1:9/elsewhere"})
    assert response.status_code == 400 and "is not one of them" in response.get_data(as_text=True)


def test_from_names_a_plans_graph(client, plans):
    query = f"PREFIX ap: <https://w3id.org/plangraph/ontology#> SELECT ?plan FROM <{plans[1]}> WHERE {{ ?plan a ap:ActionPlan }}"
    assert [row["plan"] for row in bindings(client.get("/sparql", query_string={"query": query}))] == [plans[1]]


def test_the_service_description_states_the_dataset(client, plans):
    response = client.get("/sparql")
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    service = next(graph.subjects(SD.endpoint, None))
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    dataset = graph.value(service, SD.defaultDataset)
    assert graph.value(dataset, SD.defaultGraph) is not None
    assert sorted(str(graph.value(named, SD.name)) for named in graph.objects(dataset, SD.namedGraph)) == plans


def test_cors_headers_and_preflight(client):
    response = client.get("/sparql", query_string={"query": PLANS}, headers={"Origin": "http://elsewhere.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = client.options("/sparql", headers={"Origin": "http://elsewhere.example",
                                                   "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    assert client.post("/sparql", data={"update": "DROP ALL"}).headers["Access-Control-Allow-Origin"] == "*"


CROSS_ORIGIN_PAGE = """<!doctype html><title>elsewhere</title><script>
const endpoint = new URLSearchParams(location.search).get("endpoint");
const query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";
Promise.all([
  fetch(endpoint + "?query=" + encodeURIComponent(query), {headers: {Accept: "application/sparql-results+json"}}),
  fetch(endpoint, {method: "POST", body: query,
                   headers: {"Content-Type": "application/sparql-query", Accept: "application/sparql-results+json"}}),
]).then(rs => Promise.all(rs.map(r => r.json())))
  .then(answers => { document.title = "done"; window.answers = answers; })
  .catch(error => { document.title = "failed: " + error; });
</script>"""


@pytest.fixture
def other_origin():
    """A tiny site on another loopback port: another origin, as a notebook or a YASGUI elsewhere."""
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            body = CROSS_ORIGIN_PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
@needs_chromium
def test_a_page_on_another_origin_can_query_the_endpoint(page, live_server, other_origin, plans):
    page.goto(f"{other_origin}/?endpoint={live_server}/sparql")
    page.wait_for_function("document.title !== 'elsewhere'", timeout=20_000)
    assert page.title() == "done"
    for answer in page.evaluate("window.answers"):
        assert sorted(row["g"]["value"] for row in answer["results"]["bindings"]) == plans
