"""Dependency analysis on a small hand-written graph, read through SPARQL like the app does."""
import networkx as nx
import pytest
from rdflib import Graph

from builder.analysis import (ACTION, AP, CENTRAL, LOCAL, blocked_actions, date_conflicts, dependency_cycles,
                              explain, framework_impact, load_dependencies, rdflib_select, state, waiting_actions)

ID = "https://w3id.org/plangraph/id/"
TURTLE = """
@prefix ap: <https://w3id.org/plangraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/plangraph/id/> .
id:p1 rdfs:label "Plan one" ; ap:hasRecommendation id:r1 .
id:p2 rdfs:label "Plan two" ; ap:hasRecommendation id:r2 .
id:r1 ap:hasAction id:a , id:b , id:c , id:d , id:e , id:g , id:h , id:i , id:j , id:k .
id:r2 ap:hasAction id:f .
id:a rdfs:label "A" ; ap:progress ap:Planned ; ap:targetDate "2019-10"^^xsd:gYearMonth ;
  ap:hasDependency id:a-1 . id:a-1 ap:dependencyTarget id:framework ; ap:dependencyEvidence "framework in development" .
id:b rdfs:label "B" ; ap:progress ap:Planned ; ap:targetDate "2019-06"^^xsd:gYearMonth ;
  ap:hasDependency id:b-1 . id:b-1 ap:dependencyTarget id:a ; ap:dependencyEvidence "to be integrated into A" .
id:c rdfs:label "C" ; ap:progress ap:Completed .
id:d rdfs:label "D" ; ap:progress ap:Completed ; ap:hasDependency id:d-1 .
id:d-1 ap:dependencyTarget id:e ; ap:dependencyEvidence "see E" .
id:e rdfs:label "E" ; ap:progress ap:Completed ; ap:hasDependency id:e-1 .
id:e-1 ap:dependencyTarget id:d ; ap:dependencyEvidence "see D" .
id:f rdfs:label "F" ; ap:progress ap:Ongoing ; ap:hasDependency id:f-1 .
id:f-1 ap:dependencyTarget id:framework ; ap:dependencyEvidence "once the framework is available" .
id:g rdfs:label "G" ; ap:progress ap:Completed ; ap:hasDependency id:g-1 .
id:g-1 ap:dependencyTarget id:framework ; ap:dependencyEvidence "done before the framework came" .
id:h rdfs:label "H" ; ap:progress ap:Planned ; ap:hasDependency id:h-1 .
id:h-1 ap:dependencyTarget id:guidance ; ap:dependencyEvidence "in line with the guidance" .
id:i rdfs:label "Action 9 (Plan one)" ; ap:progress ap:Planned ; ap:hasDependency id:i-1 .
id:i-1 ap:dependencyTarget id:vacancies ; ap:dependencyEvidence "once the vacancies are filled" .
id:j rdfs:label "Action 10 (Plan one)" ; ap:progress ap:Planned ; ap:hasDependency id:j-1 .
id:j-1 ap:dependencyTarget id:i ; ap:dependencyEvidence "see 9 above" .
id:k rdfs:label "Action 11 (Plan one)" ; ap:progress ap:Ongoing ; ap:hasDependency id:k-1 .
id:k-1 ap:dependencyTarget id:h ; ap:dependencyEvidence "after H" .
id:vacancies a ap:Deliverable , ap:LocalPrerequisite ; rdfs:label "CASPO vacancies" ; ap:availability ap:InDevelopment .
id:guidance a ap:Deliverable , ap:CentralDeliverable ; rdfs:label "Guidance" ; ap:availability ap:Available .
id:framework a ap:Deliverable , ap:CentralDeliverable ; rdfs:label "Quality framework" ; ap:availability ap:InDevelopment ;
  ap:developedBy id:central . id:central rdfs:label "Central Team" .
"""


@pytest.fixture
def graph():
    return load_dependencies(rdflib_select(Graph().parse(data=TURTLE, format="turtle")))


def test_blocked_directly_and_through_another_action(graph):
    blocked = blocked_actions(graph)
    assert blocked[ID + "a"].chain == (ID + "a", ID + "framework")
    assert blocked[ID + "a"].reason == "framework in development"
    assert blocked[ID + "b"].chain == (ID + "b", ID + "a", ID + "framework")  # through a, not complete
    assert ID + "c" not in blocked and ID + "d" not in blocked  # complete things block nothing
    assert ID + "g" not in blocked  # complete, though what it waited on is still in development
    assert set(blocked) == {ID + "a", ID + "b", ID + "f"}


def test_local_prerequisites_and_other_actions_are_waits_not_blocks(graph):
    waiting = waiting_actions(graph)
    assert {a: w.kind for a, w in waiting.items() if not w.blocked} == {ID + "i": LOCAL, ID + "j": LOCAL,
                                                                         ID + "k": ACTION}
    assert waiting[ID + "b"].kind == CENTRAL and waiting[ID + "j"].chain == (ID + "j", ID + "i", ID + "vacancies")
    assert ID + "h" not in waiting  # what it follows is available


def test_why_an_action_waits_in_words(graph):
    waiting = waiting_actions(graph)
    assert explain(graph, waiting[ID + "b"]) == (
        "Blocked on a central framework: it waits on action A, which waits on the Quality framework, "
        "which the Central Team is still developing.")
    assert explain(graph, waiting[ID + "i"]).startswith("Waits on local work, not on a central framework: "
                                                         "it waits on the CASPO vacancies")
    assert explain(graph, waiting[ID + "k"]) == ("Waits on another action of the same plan, not on a central "
                                                 "framework: it waits on action H, not yet complete.")


def test_framework_impact_counts_actions_and_plans(graph):
    (impact,) = framework_impact(graph)
    assert impact["label"] == "Quality framework" and impact["developer"] == "Central Team"
    assert impact["actions"] == 3 and impact["plans"] == 2  # a, b (through a), f; not g, complete
    # the available guidance holds nothing up, so it is not listed


def test_cycles_are_findings(graph):
    cycles = dependency_cycles(graph)
    assert sorted(map(sorted, cycles)) == [[ID + "d", ID + "e"]]


def test_date_conflicts(graph):
    assert date_conflicts(graph) == [{"action": ID + "b", "due": "2019-06", "dependsOn": ID + "a", "dependsOnDue": "2019-10"}]


def test_an_action_in_no_dependency_is_left_out_of_the_whole_graph(graph):
    """C neither waits nor is waited on: nothing any view asks of the graph concerns it."""
    assert ID + "c" not in graph and {ID + "d", ID + "e", ID + "framework", ID + "vacancies"} <= set(graph)


def test_states(graph):
    blocked = blocked_actions(graph)
    assert state(graph, ID + "b", blocked) == "blocked"
    assert state(graph, ID + "d", blocked) == "complete"
    assert state(graph, ID + "framework", blocked) == "in-development"
    waiting = waiting_actions(graph)
    assert state(graph, ID + "i", waiting) == "waiting" and state(graph, ID + "b", waiting) == "blocked"
    assert state(graph, ID + "vacancies", waiting) == "local-prerequisite"


def test_one_actions_graph_gives_the_verdict_the_whole_graph_gives(corpus_graph, corpus_dependencies):
    """An action page loads only what its action depends on; its verdict must be the whole graph's."""
    select = rdflib_select(corpus_graph)
    whole = waiting_actions(corpus_dependencies)
    chained = [action for action, found in whole.items() if len(found.chain) > 2][:3]
    assert chained and any(found.blocked for found in whole.values())
    for action in chained + [action for action in whole if whole[action].blocked][:3]:
        alone = load_dependencies(select, action=action)
        assert waiting_actions(alone).get(action) == whole[action]
        assert set(alone) == {action} | nx.descendants(corpus_dependencies, action)
