"""Dependencies the seed plans state in words, found as edges (expected values read in the documents)."""
from __future__ import annotations

from builder.analysis import AP, blocked_actions, framework_impact

ID = "https://w3id.org/plangraph/id/"
CGM = ID + "plan/cheshire-and-greater-manchester-crc/action/"


def test_000_actions_blocked_on_frameworks_the_central_team_is_developing(corpus_dependencies):
    graph = corpus_dependencies
    blocked = blocked_actions(graph)
    for number in ("1.8", "3.4"):  # "NB dependant on provision of framework from Central Team ..."
        chain = blocked[CGM + number].chain
        framework = graph.nodes[chain[-1]]
        assert framework["kind"] == "deliverable" and framework["availability"] == AP + "InDevelopment"
        assert framework["developerLabel"] == "Central Team"
        assert "Central Team" in blocked[CGM + number].reason or "centrally" in blocked[CGM + number].reason


def test_000_blocked_through_another_action_and_cross_references(corpus_dependencies):
    graph = corpus_dependencies
    blocked = blocked_actions(graph)
    # 3.2 "(To be integrated into the quality observations roll out due June 19.)" -> 1.8
    assert blocked[CGM + "3.2"].chain[:2] == (CGM + "3.2", CGM + "1.8")
    assert graph.has_edge(CGM + "4.4", CGM + "3.1")  # "(See 3.1 above)"
    assert not graph.has_edge(CGM + "1.9", ID + "tool/iqam")  # IQAM is in use, not in development


def test_003_training_package_waits_on_a_deliverable_in_development(corpus_dependencies, plans):
    graph = corpus_dependencies
    plan = plans["003"]
    action = next(a for r in plan.recommendations for a in r.actions if "training package" in a.text)
    training = f"{ID}plan/{plan.key}/action/{action.key}"  # "Deliver the training package (once ...)"
    targets = [graph.nodes[t] for t in graph.successors(training)]
    assert any(t["kind"] == "deliverable" and t["availability"] == AP + "InDevelopment" for t in targets)
    assert "once it has been developed" in graph.edges[training, next(graph.successors(training))]["evidence"]


def test_no_action_is_blocked_without_a_stated_reason(corpus_dependencies):
    graph = corpus_dependencies
    for blocked in blocked_actions(graph).values():
        links = zip(blocked.chain, blocked.chain[1:])
        assert all(graph.edges[a, b]["evidence"].strip() for a, b in links)


def test_the_central_team_framework_holds_up_actions(corpus_dependencies):
    impact = {row["label"]: row for row in framework_impact(corpus_dependencies)}
    assert impact["Quality Observations framework"]["actions"] >= 2  # 1.8 directly, 3.2 through it
