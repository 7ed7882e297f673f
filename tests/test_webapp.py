"""The web app through Flask's test client: every page, as HTML and as JSON."""
from __future__ import annotations

import importlib

import pytest
from rdflib import Graph

CGM = "/id/plan/cheshire-and-greater-manchester-crc"


def test_home_lists_every_plan_with_its_counts(client):
    data = client.get("/index.json").get_json()
    plans = {plan["Plan"]: plan for plan in data["rows"]}
    assert len(plans) == 5 == data["total"]
    region = next(p for label, p in plans.items() if label.startswith("Greater Manchester Region"))
    assert region["Recommendations"] == 28 and region["Partly agreed"] == 1
    html = client.get("/").get_data(as_text=True)
    assert "Merseyside CRC action plan" in html and 'href="/id/plan/merseyside-crc"' in html
    assert "Actions blocked on central frameworks" in html  # the ready-made questions are offered


@pytest.mark.parametrize("path", ["/queries", "/query", "/ontology", "/export", "/blocked",
                                  "/graphs/dependencies", "/graphs/organisations", "/graphs/tools"])
def test_every_page_renders_in_plain_html(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "<nav>" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/queries.json", "/ontology.json", "/export.json", "/blocked.json",
                                  "/api/blocked", "/api/vocabulary", "/api/graphs/dependencies",
                                  "/api/graphs/organisations", "/api/graphs/tools"])
def test_every_page_is_also_data(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.is_json and response.get_json()


def test_every_link_leads_to_a_page_not_to_data(client):
    """Links a person follows (the site menu, the home page, the questions) open HTML pages."""
    import re

    for path in ("/", "/queries", "/blocked"):
        html = client.get(path).get_data(as_text=True)
        html = re.sub(r'<p class="downloads">.*?</p>', "", html, flags=re.S)  # downloads are data, by design
        links = set(re.findall(r'<a [^>]*href="(/[^"#]*)"', html))
        assert len(links) > 8
        for link in links - {"/export/plangraph.ttl"}:
            if "/export/" in link or link.endswith((".ttl", ".jsonld", ".nt", ".trig")):
                continue
            assert not link.endswith(".json") and not link.startswith("/api/"), (path, link)
            response = client.get(link)
            assert response.status_code == 200 and response.mimetype == "text/html", (path, link)


def test_unknown_pages_are_404_in_plain_english(client):
    response = client.get("/id/plan/no-such-plan")
    assert response.status_code == 404 and "There is nothing at" in response.get_data(as_text=True)
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/graphs/no-such-graph").status_code == 404
    assert client.get("/id/plan/no-such-plan.json").get_json()["error"] == "Not found"


# ---------------------------------------------------------------- entity pages


def test_entity_page_shows_label_properties_links_and_source_text(client):
    html = client.get(f"{CGM}/action/1.8").get_data(as_text=True)
    assert "Action 1.8 (Cheshire and Greater Manchester CRC)" in html
    assert "Implementation of Quality Observations framework" in html  # the source text, as printed
    assert "lines 252–270" in html or "lines 2" in html
    assert f'href="{CGM}/recommendation/1"' in html  # links to what it addresses
    assert 'href="/id/owner/cheshire-and-greater-manchester-crc/head-of-operations"' in html


def test_entity_in_rdf_by_suffix_and_by_content_negotiation(client):
    turtle = client.get(f"{CGM}/action/1.8.ttl")
    assert turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
    assert len(graph) > 10
    negotiated = client.get(f"{CGM}/action/1.8", headers={"Accept": "text/turtle"})
    assert negotiated.mimetype == "text/turtle"
    assert len(Graph().parse(data=negotiated.get_data(as_text=True), format="turtle")) == len(graph)
    jsonld = client.get(f"{CGM}/action/1.8.jsonld")
    assert jsonld.mimetype == "application/ld+json"
    assert len(Graph().parse(data=jsonld.get_data(as_text=True), format="json-ld")) == len(graph)
    assert client.get(f"{CGM}/action/1.8.json").get_json()["label"].startswith("Action 1.8")


# ---------------------------------------------------------------- ontology and exports


def test_ontology_page_documents_classes_and_properties(client):
    data = client.get("/ontology.json").get_json()
    terms = {term["id"]: term for section in data["sections"] for term in section["terms"]}
    assert {"ActionPlan", "Recommendation", "Action", "Owner", "Tool", "dependsOn"} <= set(terms)
    assert all(term["comment"] for term in terms.values())
    assert Graph().parse(data=client.get("/ontology.ttl").get_data(as_text=True), format="turtle")


def test_whole_graph_export_is_the_build_output(client, graph_file):
    from rdflib.compare import isomorphic

    response = client.get("/export/plangraph.ttl")
    assert response.headers["Content-Disposition"] == "attachment; filename=plangraph.ttl"
    exported = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert isomorphic(exported, Graph().parse(graph_file))
    for extension, rdf_format in (("nt", "nt"), ("jsonld", "json-ld")):
        body = client.get(f"/export/plangraph.{extension}").get_data(as_text=True)
        assert len(Graph().parse(data=body, format=rdf_format)) == len(exported)


def test_trig_export_has_one_named_graph_per_plan(client):
    from rdflib import Dataset, URIRef

    dataset = Dataset().parse(data=client.get("/export/plangraph.trig").get_data(as_text=True), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert sum(name.startswith("https://w3id.org/plangraph/id/plan/") for name in names) == 5
    one = client.get("/export/plan/merseyside-crc.ttl")
    assert one.headers["Content-Disposition"] == "attachment; filename=merseyside-crc.ttl"
    merseyside = dataset.graph(URIRef("https://w3id.org/plangraph/id/plan/merseyside-crc"))
    assert len(Graph().parse(data=one.get_data(as_text=True), format="turtle")) == len(merseyside) > 500
    single = Dataset().parse(data=client.get("/export/plan/merseyside-crc.trig").get_data(as_text=True), format="trig")
    assert [str(g.identifier) for g in single.graphs() if len(g)] == [str(merseyside.identifier)]
    assert client.get("/export/plan/no-such-plan.ttl").status_code == 404
    assert client.get("/export/plan/merseyside-crc.exe").status_code == 404
    listed = client.get("/export.json").get_json()["plans"]
    assert {"key": "merseyside-crc", "label": "Merseyside CRC action plan"} in listed and len(listed) == 5


def test_the_download_page_lists_the_plans_a_page_at_a_time(client, monkeypatch):
    monkeypatch.setattr(importlib.import_module("webapp.views.export"), "PLANS_A_PAGE", 2)
    first, second = (client.get("/export.json", query_string={"_page": n}).get_json() for n in (1, 2))
    assert (first["total"], first["pages"], len(first["plans"])) == (5, 3, 2)
    assert first["next"] == "/export?_page=2" and first["previous"] is None
    labels = [plan["label"] for page in (first, second) for plan in page["plans"]]
    assert labels == sorted(labels) and len(set(labels)) == 4  # by name, none twice
    html = client.get("/export", query_string={"_page": 2}).get_data(as_text=True)
    assert "page 2 of 3" in html and 'rel="next"' in html and 'rel="prev"' in html


# ---------------------------------------------------------------- ready-made queries


def rows(client, name, **params):
    response = client.get(f"/queries/{name}.json", query_string=params)
    data = response.get_json()
    assert response.status_code == 200 and data["error"] is None, data["error"]
    return [{k: str(v) for k, v in row.items() if v is not None} for row in data["rows"]]


def test_blocked_on_central_frameworks(client):
    found = rows(client, "blocked-on-central-frameworks")
    central = {r["actionName"] for r in found if r.get("developer") == "Central Team"}
    assert {"Action 1.8 (Cheshire and Greater Manchester CRC)",
            "Action 3.4 (Cheshire and Greater Manchester CRC)"} <= central


def test_actions_due_in_a_month(client):
    names = {r["actionName"] for r in rows(client, "actions-due-in-month", month="2019-06")}
    assert "Action 1.8 (Cheshire and Greater Manchester CRC)" in names  # "June 19 TBC"
    assert "Action 1.1 (Cheshire and Greater Manchester CRC)" not in names  # "May 19"
    bad = client.get("/queries/actions-due-in-month.json", query_string={"month": '2019"}'}).get_json()
    assert bad["error"] and not bad["rows"]  # a parameter can never inject SPARQL


def test_answers_read_as_names_linked_to_their_pages(client):
    html = client.get("/queries/actions-due-in-month", query_string={"month": "2019-06"}).get_data(as_text=True)
    assert '<a href="/id/plan/cheshire-and-greater-manchester-crc/action/1.8">Action 1.8</a>' in html
    table = html[html.index("<table"):html.index("</table>")]
    assert ">Action</a></th>" in table and ">Plan and recommendation</a></th>" in table and "actionName" not in table
    cells = table[table.index("<tbody"):]
    assert "June 2019" in cells and "2019-06" not in cells and "gYearMonth" not in cells


def test_overdue_actions_are_not_complete(client):
    names = {r["actionName"] for r in rows(client, "overdue-actions", date="2019-09-01")}
    assert "Action 1.1 (Cheshire and Greater Manchester CRC)" in names  # May 19
    assert "Action 1.1.1 (Cheshire and Greater Manchester CRC)" not in names  # Completed


def test_actions_per_owner(client):
    owners = {(r["ownerName"], r.get("organisationName")): r for r in rows(client, "actions-per-owner")}
    head = owners[("Head of Operations", "Cheshire and Greater Manchester CRC")]
    # 1.1, 1.1.1, 1.1.4, 1.3, 1.6, 1.8, 1.9, 2.5, 2.8 and 3.2 name the Head of Operations
    assert head["actions"] == "10" and head["plans"] == "1"


def test_where_each_tool_is_used(client):
    tools = {r["acronym"]: r for r in rows(client, "tool-usage")}
    assert int(tools["EMO"]["plans"]) >= 2 and int(tools["OASys"]["plans"]) >= 2
    assert tools["RCAT"]["name"] == "Regional Case Audit Tool"


def test_recommendations_not_fully_agreed(client):
    found = {(r["planName"].split(" action plan")[0], r["number"]): r for r in rows(client, "not-fully-agreed")}
    purple = found[("Cheshire and Greater Manchester CRC", "8")]
    assert "affordability" in purple["rationale"] and "Affordability" in purple["permittedReasons"]
    assert ("Greater Manchester Region", "8") in found


def test_repeated_recommendations(client):
    found = {r["number"] for r in rows(client, "repeated-recommendations") if "Staffordshire" in r["planName"]}
    assert found == {"1", "2", "3"}  # "This recommendation has been repeated from the previous inspection."


def test_actions_without_owner_or_date(client):
    found = {(r["planName"].split(" action plan")[0], r["line"]) for r in rows(client, "actions-without-owner-or-date")}
    assert ("Staffordshire and West Midlands CRC", "48") in found  # "SWM CRC will retain focus ..." has neither


def test_recommendations_lost_at_page_breaks(client):
    assert {r["number"] for r in rows(client, "recommendations-lost-at-page-breaks")} == {"15", "18"}


def test_dependencies_with_their_evidence(client):
    found = {(r["actionName"], r["evidence"]) for r in rows(client, "dependencies-with-evidence")}
    assert ("Action 4.4 (Cheshire and Greater Manchester CRC)", "See 3.1 above") in found


def test_a_ready_made_query_has_a_shareable_page_and_opens_in_the_editor(client):
    html = client.get("/queries/overdue-actions?date=2019-09-01").get_data(as_text=True)
    assert 'value="2019-09-01"' in html and "/query?query=" in html and "<table" in html


# ---------------------------------------------------------------- graphs and the blocked table


def test_dependency_graph_elements(client):
    elements = client.get("/api/graphs/dependencies").get_json()["elements"]
    nodes = {e["data"]["id"]: e["data"] for e in elements if "source" not in e["data"]}
    action = "https://w3id.org/plangraph/id/plan/cheshire-and-greater-manchester-crc/action/1.8"
    assert nodes[action]["state"] == "blocked" and nodes[action]["href"].startswith(CGM)
    assert any(d["kind"] == "deliverable" and d["state"] == "in-development" for d in nodes.values())
    assert any(e["data"].get("source") == action for e in elements)


def test_blocked_page_names_framework_developer_and_owner(client):
    data = client.get("/blocked.json").get_json()
    one_eight = next(r for r in data["rows"] if r["Action IRI"].endswith("cheshire-and-greater-manchester-crc/action/1.8"))
    assert one_eight["Owner"] == "Head of Operations" and one_eight["Due"] == "2019-06"
    held = {item["Framework or deliverable"]: item for item in data["held_up"]}
    assert held[one_eight["Waits on"]]["Developed by"] == "Central Team"
    three_two = next(r for r in data["rows"] if r["Action IRI"].endswith("cheshire-and-greater-manchester-crc/action/3.2"))
    assert three_two["Waits on"] == "Quality Observations framework"  # what 1.8 waits on
    assert "action 1.8, which waits on the Quality Observations framework" in three_two["Why"]
    # drawn in one cell each on the page, but a column of its own each in a download
    assert "being developed centrally" in one_eight["In the plan's words"]
    assert one_eight["Plan"] == "Cheshire and Greater Manchester CRC action plan" and one_eight["Recommendation"] == 1
    assert one_eight["Recommendation IRI"].endswith("cheshire-and-greater-manchester-crc/recommendation/1")
    page = client.get("/blocked").get_data(as_text=True)
    assert '<blockquote class="plan-words"><details><summary>Implementation of Quality Observations framework' in page
    assert "Cheshire and Greater Manchester CRC action plan</a>, <a " in page and ">recommendation 1</a>" in page


def test_search_pages_its_hits_and_links_the_pages_either_side(client):
    """Many plans' actions name a manager: more hits than a page shows, each page linked to the next."""
    first = client.get("/search.json", query_string={"q": "manager"}).get_json()
    assert first["total"] > 20 and first["pages"] == -(-first["total"] // 20) and len(first["hits"]) == 20
    assert first["previous"] is None and first["next"] == "/search?q=manager&_page=2"
    second = client.get("/search.json", query_string={"q": "manager", "_page": "2"}).get_json()
    assert second["previous"] == "/search?q=manager&_page=1"
    assert not {hit["iri"] for hit in first["hits"]} & {hit["iri"] for hit in second["hits"]}
    assert client.get("/search.json", query_string={"q": "manager", "_page": "x"}).get_json()["page"] == 1
