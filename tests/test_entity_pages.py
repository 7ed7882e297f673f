"""Entity pages shaped for what they show, in words a policy officer reads (expected values read in
the seed documents: 000 is the Cheshire and Greater Manchester CRC plan, 001 the Greater Manchester
Region plan of 2023)."""
from __future__ import annotations

import re

import pytest

CGM = "/id/plan/cheshire-and-greater-manchester-crc"
GMR = "/id/plan/greater-manchester-region-2023"
ONTOLOGY_WORDS = ("wasDerivedFrom", "postIn", "ordinal", "hasAction", "sourceLineStart", "gYearMonth")


def _outside_the_folded_statements(html: str) -> str:
    return re.sub(r'<details class="statements">.*?</details>', "", html, flags=re.S)


def test_a_plan_page_shows_its_body_dates_counts_and_recommendations_with_their_actions(client):
    data = client.get(GMR + ".json").get_json()
    plan = data["plan"]
    assert plan["body"]["text"] == "Greater Manchester Region"
    assert plan["submitted"] and plan["published"] == "25 May 2023"  # "Report published: 25 May 2023"
    charts = {chart["title"].split(" (")[0]: {p["label"]: p["count"] for p in chart["parts"]} for chart in plan["charts"]}
    assert sum(charts["Recommendations by agreement"].values()) == len(plan["recommendations"])
    numbers = [int(rec["number"]) for rec in plan["recommendations"]]
    assert numbers == sorted(numbers)  # 2 before 10
    rec = next(rec for rec in plan["recommendations"] if rec["number"] == "27")
    assert rec["text"].startswith("Ensure regions and PDUs have the appropriate level of middle management")
    assert rec["agreement"] == "Agreed" and rec["actions"]["total"] == 3
    headings = [column["heading"] for column in rec["actions"]["columns"]]
    assert headings[:5] == ["Action", "What the plan says", "Owner", "Due", "Progress"]
    second = rec["actions"]["rows"][1]  # each value plain, by its name, as a download gives it
    assert "A second stage review will be undertaken" in second["What the plan says"]
    assert second["Owner"] == "Deputy Director, Probation Workforce Programme"
    assert second["Owner IRI"].endswith("/deputy-director-probation-workforce-programme")
    assert second["Due"] == "2023-12" and second["Action IRI"].startswith(data["iri"] + "/action/")
    html = client.get(GMR).get_data(as_text=True)  # the page draws the same row in words and links
    assert ">Deputy Director, Probation Workforce Programme</a>" in html and "December 2023" in html


@pytest.mark.parametrize("path", [GMR, GMR + "/recommendation/27", "/id/org/hmpps", "/id/tool/oasys"])
def test_a_pages_json_twin_holds_values_never_markup(client, path):
    text = client.get(path + ".json").get_data(as_text=True)
    assert '"rows"' in text and "<a " not in text and "<details" not in text


def test_a_partly_agreed_recommendation_shows_why(client):
    plan = client.get(GMR + ".json").get_json()["plan"]
    partly = [rec for rec in plan["recommendations"] if rec["agreement"] == "Partly Agreed"]
    assert partly and all(rec["rationale"] for rec in partly)
    page = client.get(partly[0]["path"]).get_data(as_text=True)
    assert "Why not fully agreed" in page and partly[0]["rationale"][:40] in page.replace("&#39;", "'")


def test_an_action_page_says_what_who_when_status_and_why_it_is_blocked(client):
    action = client.get(CGM + "/action/3.2.json").get_json()["action"]
    assert action["owners"][0]["text"] == "Head of Operations" and action["due"] == "June 2019"
    assert action["progress"] == "Planned"
    assert action["verdict"]["blocked"] and [step["text"] for step in action["verdict"]["chain"]] == [
        "Action 1.8 (Cheshire and Greater Manchester CRC)", "Quality Observations framework"]
    assert action["verdict"]["why"] == ("Blocked on a central framework: it waits on action 1.8, which waits on "
                                        "the Quality Observations framework, which the Central Team is still developing.")
    assert action["waits_on"][0]["evidence"] == "To be integrated into the quality observations roll out due June 19."


def test_a_step_of_a_list_shows_the_words_that_introduce_it_and_the_list_its_steps(client):
    # 003, recommendation 1: "• Completion of the relevant PDGs:" then "- Risk and Safeguarding PDG"
    merseyside = "/id/plan/merseyside-crc/action/"
    step = client.get(merseyside + "r1-4.json").get_json()["action"]
    assert (step["lead_in"], step["text"]) == ("Completion of the relevant PDGs:", "Risk and Safeguarding PDG")
    assert step["part_of"] == {"iri": step["part_of"]["iri"], "path": merseyside + "r1-3",
                               "text": "Action 3 of recommendation 1"}
    html = client.get(merseyside + "r1-4").get_data(as_text=True)
    assert re.search(r'<p class="what"><span class="lead-in">Completion of the relevant PDGs:</span> '
                     r'Risk and Safeguarding PDG</p>', html)
    listing = client.get(merseyside + "r1-3.json").get_json()["action"]
    assert [(s["path"], s["what"]) for s in listing["steps"]] == [
        (merseyside + "r1-4", "Risk and Safeguarding PDG"), (merseyside + "r1-5", "Domestic Abuse PDG")]
    assert not listing["lead_in"] and not listing["part_of"]


def test_an_action_waiting_on_local_work_is_not_called_blocked(client):
    html = client.get(GMR + "/action/r27-3").get_data(as_text=True)
    assert "Waits on local work" in html and "Blocked on a central framework" not in html
    assert "local work, in development" in html  # the CASPO vacancies: a local prerequisite
    waiting = client.get(CGM + "/action/4.4.json").get_json()["action"]["verdict"]
    assert not waiting["blocked"] and waiting["why"].startswith("Waits on another action of the same plan")


def test_properties_read_in_plain_words_and_the_full_list_is_folded(client):
    html = client.get(CGM + "/action/1.8").get_data(as_text=True)
    shown = _outside_the_folded_statements(html)
    assert not [word for word in ONTOLOGY_WORDS if word in shown]
    folded = re.search(r'<details class="statements">(.*?)</details>', html, flags=re.S).group(1)
    assert "Read from the document" in folded and "Position in its recommendation" in folded
    assert "June 2019" in folded and "2019-06" not in folded and not [w for w in ONTOLOGY_WORDS if w in folded]


def test_an_organisation_page_pages_its_actions(client):
    first = client.get("/id/org/hmpps.json?_size=5").get_json()
    (table,) = [section["table"] for section in first["linked"]]
    assert table["total"] > 5 and len(table["rows"]) == 5 and table["next"]
    second = client.get(table["next"]).get_json()  # the .json twin pages as the page does
    assert second["linked"][0]["table"]["page"] == 2
    assert {"Short name": "HMPPS"}.items() <= {f["name"]: f["text"] for f in first["facts"]}.items()


def test_an_owner_page_names_the_body_its_post_is_in_once(client):
    # 003: the Community Director is a post in Merseyside CRC; the graph says so twice
    # (org:postIn and ap:ownerIn), the page once
    data = client.get("/id/owner/merseyside-crc/community-director.json").get_json()
    properties = {v["property"].rsplit("#", 1)[-1] for v in data["properties"]}
    assert {"postIn", "ownerIn"} <= properties
    assert [(f["name"], f["text"]) for f in data["facts"]] == [("A post in", "Merseyside CRC"),
                                                              ("Also written", "Community Directors")]


def test_a_tool_still_in_development_lists_where_it_is_used_and_who_waits_on_it(client):
    data = client.get("/id/tool/eoc.json").get_json()
    assert [section["title"] for section in data["linked"]] == [
        "Actions that use or mention it", "Actions that wait on it", "Actions it holds up, directly or through other actions"]
    assert {f["name"]: f["text"] for f in data["facts"]}["Full name"] == "Enablers of Change"


def test_every_entity_page_keeps_its_data(client):
    for suffix, kind in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"), (".json", "application/json")):
        response = client.get(CGM + suffix)
        assert response.status_code == 200 and response.mimetype == kind


def _csv_rows(response) -> list[dict]:
    import csv
    import io

    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_a_plans_csv_holds_every_action_of_the_plan_and_its_page_links_it(client, corpus_graph):
    plan = "https://w3id.org/plangraph/id/plan/greater-manchester-region-2023"
    in_graph = {str(row.a) for row in corpus_graph.query(
        f"PREFIX ap: <https://w3id.org/plangraph/ontology#> SELECT ?a WHERE {{ <{plan}> ap:hasRecommendation ?r . "
        "?a ap:addresses ?r }")}
    response = client.get(GMR + ".csv")
    assert 'filename="plan-greater-manchester-region-2023-actions.csv"' in response.headers["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == len(in_graph) > 50 and {row["Action IRI"] for row in rows} == in_graph
    assert {row["Plan"] for row in rows} == {"Greater Manchester Region action plan (2023)"}
    assert f'Download all {len(in_graph)} actions: <a href="{GMR}.csv" download>CSV</a>' in client.get(GMR).get_data(
        as_text=True)


def test_a_recommendations_csv_holds_its_actions_as_the_plan_prints_them(client):
    rows = _csv_rows(client.get(GMR + "/recommendation/27.csv"))
    assert len(rows) == 3  # recommendation 27 of the 2023 plan has three actions
    assert "A second stage review will be undertaken" in rows[1]["What the plan says"]
    assert rows[1]["Owner"] == "Deputy Director, Probation Workforce Programme" and rows[1]["Due"] == "2023-12"


def test_an_owners_csv_gives_the_actions_of_its_page_in_the_order_chosen_there(client):
    owner = "/id/owner/merseyside-crc/community-director"
    page = client.get(owner + ".json?_sort_desc=due").get_json()["linked"][0]["table"]
    assert page["downloads"] == {"csv": owner + ".csv?_sort_desc=due"}  # its JSON is the page's own .json
    rows = _csv_rows(client.get(page["downloads"]["csv"]))
    assert len(rows) == page["total"] and [row["Action IRI"] for row in rows][:len(page["rows"])] == [
        row["Action IRI"] for row in page["rows"]]
    assert all("Community Director" in row["Owner"].split("; ") for row in rows)
    assert [row["Due"] for row in rows if row["Due"]] == sorted((row["Due"] for row in rows if row["Due"]), reverse=True)
    html = client.get(owner).get_data(as_text=True)
    assert f'Download all {page["total"]}: <a href="{owner}.csv" download>CSV</a></p>' in html


def test_an_action_has_no_csv_of_actions(client):
    assert client.get(CGM + "/action/3.2.csv").status_code == 404
    assert client.get("/id/plan/no-such-plan.csv").status_code == 404
