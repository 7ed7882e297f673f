"""One meaning of "blocked on central frameworks": every view of it gives the same actions.

The expected set is read in the seed plans (README, "Dependencies found on the seeds"): things a
central or national body is still developing block 000's 1.8 and 3.4 (frameworks the Central
Team is developing) and 3.2 (through 1.8), 003's Enablers of Change tool in accreditation, its
training package and its Sentencer Engagement Strategy, and 004's pathfinder programme with the
NPS.  001's CASPO vacancies and second-stage review are local work, and 000's 4.4 waits on 3.1.
"""
from __future__ import annotations

import re

import pytest

from builder.analysis import blocked_actions, waiting_actions
from builder.cli import main

ID = "https://w3id.org/plangraph/id/plan/"
CGM = ID + "cheshire-and-greater-manchester-crc/action/"
MERSEYSIDE = ID + "merseyside-crc/action/"
GM_REGION = ID + "greater-manchester-region-2023/action/"
BLOCKED = {CGM + "1.8", CGM + "3.4", CGM + "3.2", MERSEYSIDE + "r3-2", MERSEYSIDE + "r3-3", MERSEYSIDE + "r5-5",
           ID + "staffordshire-and-west-midlands-crc-2020/action/r2-6"}
WAITING = {GM_REGION + "r27-2": "Waits on local work", GM_REGION + "r27-3": "Waits on local work",
           CGM + "4.4": "Waits on another action of the same plan"}


def test_the_analysis_blocks_what_the_plans_say_is_developed_centrally(corpus_dependencies):
    assert set(blocked_actions(corpus_dependencies)) == BLOCKED


def test_the_ready_made_query_gives_the_same_set(client):
    data = client.get("/queries/blocked-on-central-frameworks.json").get_json()
    assert data["error"] is None
    assert {row["action"] for row in data["rows"]} == BLOCKED


def test_the_blocked_page_gives_the_same_set(client):
    rows = client.get("/blocked.json").get_json()["rows"]
    assert {row["Action IRI"] for row in rows} == BLOCKED


def test_the_dependency_picture_colours_the_same_set_as_blocked(client):
    elements = client.get("/api/graphs/dependencies").get_json()["elements"]
    states = {e["data"]["id"]: e["data"].get("state") for e in elements if "source" not in e["data"]}
    assert {node for node, colour in states.items() if colour == "blocked"} == BLOCKED
    assert {node for node, colour in states.items() if colour == "waiting"} == set(WAITING)


def test_the_command_lists_the_same_set(graph_file, corpus_dependencies, capsys):
    assert main(["dependencies", str(graph_file)]) == 0
    out = capsys.readouterr().out
    listed = re.search(r"\nBlocked on central frameworks \(\d+\):\n((?:  .*\n)*)", out).group(1).splitlines()
    labels = {corpus_dependencies.nodes[action]["label"] for action in BLOCKED}
    assert {line.strip() for line in listed} == labels
    assert "CASPO vacancies  [local work, in development]" in out
    assert "Waits on local work, not on a central framework: it waits on the CASPO vacancies" in out


def test_the_action_pages_say_blocked_for_the_same_set(client, corpus_dependencies):
    verdicts = {}
    for action in (node for node in corpus_dependencies if corpus_dependencies.out_degree(node)):
        verdicts[action] = client.get(action.replace(ID, "/id/plan/") + ".json").get_json()["action"]["verdict"]
    assert {action for action, verdict in verdicts.items() if verdict and verdict["blocked"]} == BLOCKED
    assert {action: verdict["why"].split(",")[0] for action, verdict in verdicts.items()
            if verdict and not verdict["blocked"]} == WAITING


@pytest.mark.parametrize("action", sorted(WAITING))
def test_local_prerequisites_and_other_actions_are_labelled_as_such(action, corpus_dependencies):
    from builder.analysis import explain

    found = waiting_actions(corpus_dependencies)[action]
    assert not found.blocked and explain(corpus_dependencies, found).startswith(WAITING[action])


def test_short_names_are_spelt_out_where_the_plan_defines_them(client):
    rows = client.get("/blocked.json").get_json()["rows"]
    eoc = next(row for row in rows if row["Action IRI"].endswith("merseyside-crc/action/r3-2"))
    assert eoc["Waits on"] == "Enablers of Change (EoC)"
    assert "the Enablers of Change (EoC) tool" in eoc["Why"]
