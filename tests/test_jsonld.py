"""JSON-LD that other systems take without a fight: a context for the ontology's terms and
prefixes, @type for types, compact IRIs, and the same graph as the Turtle once expanded (pyld)."""
from __future__ import annotations

import json

from pyld import jsonld as pyld
from rdflib import Graph
from rdflib.compare import isomorphic

from builder import jsonld
from builder.cli import main

CGM = "/id/plan/cheshire-and-greater-manchester-crc"


def expanded_graph(document: dict) -> Graph:
    """The document as pyld expands it (no network: the context is embedded), as an rdflib graph."""
    return Graph().parse(data=pyld.to_rdf(document, {"format": "application/n-quads"}), format="nt")


def test_the_whole_graph_export_expands_to_the_turtle(client, graph_file):
    document = json.loads(client.get("/export/plangraph.jsonld").get_data())
    assert document["@context"]["ap"] == "https://w3id.org/plangraph/ontology#"
    assert isomorphic(expanded_graph(document), Graph().parse(graph_file, format="turtle"))


def test_nodes_use_type_terms_and_compact_iris(client):
    document = json.loads(client.get("/export/plangraph.jsonld").get_data())
    plan = next(node for node in document["@graph"] if node["@id"] == "id:plan/cheshire-and-greater-manchester-crc")
    assert "ActionPlan" in plan["@type"] and "rdf:type" not in plan
    assert all(not key.startswith("http") for node in document["@graph"] for key in node)
    assert {"@id": "id:plan/cheshire-and-greater-manchester-crc/recommendation/1"} in plan["hasRecommendation"]


def test_one_plans_export_and_an_entity_expand_to_what_the_store_holds(client):
    for address, turtle in ((f"/export/plan/cheshire-and-greater-manchester-crc.jsonld",
                             f"/export/plan/cheshire-and-greater-manchester-crc.ttl"),
                            (f"{CGM}/action/1.8.jsonld", f"{CGM}/action/1.8.ttl")):
        document = json.loads(client.get(address).get_data())
        assert "@context" in document
        assert isomorphic(expanded_graph(document), Graph().parse(data=client.get(turtle).get_data(), format="turtle"))


def test_a_construct_answer_in_json_ld_is_compacted(client):
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <https://w3id.org/plangraph/id{CGM[3:]}>"},
                          headers={"Accept": "application/ld+json"})
    document = json.loads(response.get_data())
    assert document["@context"]["id"] == "https://w3id.org/plangraph/id/" and document["@graph"][0]["@type"]


def test_the_context_is_served_at_a_stable_address_for_any_origin(client):
    response = client.get("/ontology/context.jsonld")
    assert response.mimetype == "application/ld+json" and response.headers["Access-Control-Allow-Origin"] == "*"
    served = response.get_json()["@context"]
    assert served == jsonld.context() and served["Action"] == "ap:Action" and served["hasAction"] == "ap:hasAction"


def test_plangraph_export_writes_the_same_json_ld(graph_file, tmp_path):
    out = tmp_path / "plans.jsonld"
    assert main(["export", "--graph", str(graph_file), "--format", "jsonld", "-o", str(out)]) == 0
    assert isomorphic(expanded_graph(json.loads(out.read_bytes())), Graph().parse(graph_file, format="turtle"))


def test_tricky_literals_survive(tmp_path):
    turtle = tmp_path / "tricky.ttl"
    turtle.write_text('<https://w3id.org/plangraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> '
                      '"quote \\" back\\\\slash\\nnew line é", "en"@en, "2019-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .\n',
                      encoding="utf-8")
    import pyoxigraph as ox

    document = json.loads(jsonld.to_bytes(ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)))
    assert isomorphic(expanded_graph(document), Graph().parse(turtle, format="turtle"))
