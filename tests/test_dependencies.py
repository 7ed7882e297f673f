"""The dependency stage alone, on a hand-made plan worded unlike the seeds."""
from pathlib import Path

from builder.dependencies import find_dependencies, sentences
from builder.model import RawAction, RawPlan, RawRecommendation, SourceDocument, Span
from builder.normalise.plan import normalise_plan


def plan_with(actions: list[RawAction], response: str = ""):
    source = SourceDocument(path=Path("deps.txt"), text="Action Plan Submitted: 01/02/2021\n" * 12, sha256="cd" * 32)
    rec = RawRecommendation(number="1", span=Span(1, 12), text="Improve supervision.", agreement="Agreed",
                            response=response, actions=actions)
    raw = RawPlan(source=source, layout="test", title="Northshire CRC", recommendations=[rec])
    return find_dependencies(normalise_plan(raw))


def test_framework_in_development_by_a_central_body():
    plan = plan_with([RawAction("2.1 Roll out the Supervision Standards framework.", Span(2, 2), number="2.1",
                                target="Sept 21 NB dependent on provision of framework from Central Team")])
    (dependency,) = plan.dependencies
    deliverable = plan.deliverables[dependency.on_deliverable]
    assert dependency.action_key == "2.1"
    assert deliverable.label == "Supervision Standards framework"
    assert deliverable.developer == "central-team" and deliverable.availability == "InDevelopment"
    assert "Central Team" in dependency.evidence


def test_cross_reference_to_another_action():
    plan = plan_with([RawAction("Audit home visits.", Span(2, 2), number="1.1"),
                      RawAction("(See 1.1 above) Share audit results.", Span(3, 3), number="1.2")])
    assert [(d.action_key, d.on_action) for d in plan.dependencies] == [("1.2", "1.1")]


def test_integration_into_another_actions_roll_out():
    plan = plan_with([RawAction("Launch peer mentoring scheme by May.", Span(2, 2), number="3.1"),
                      RawAction("Train mentors (to be integrated into the peer mentoring roll out).", Span(3, 3), number="3.2")])
    assert [(d.action_key, d.on_action) for d in plan.dependencies] == [("3.2", "3.1")]


def test_condition_still_to_be_met():
    plan = plan_with([RawAction("Evaluate the hub once the coordinator posts are filled.", Span(2, 2))])
    (dependency,) = plan.dependencies
    assert plan.deliverables[dependency.on_deliverable].label == "coordinator posts"
    assert plan.deliverables[dependency.on_deliverable].local  # posts to fill: the plan's own work


def test_local_prerequisites_and_central_work_told_apart():
    plan = plan_with([RawAction("Evaluate the hub. A peer review will be undertaken to assess wider roll out.",
                                Span(2, 2)),
                      RawAction("Adopt the Desistance Practice framework, currently being developed.", Span(3, 3)),
                      RawAction("Pilot the Remote Reporting review being developed by HMPPS.", Span(4, 4))])
    found = {plan.deliverables[d.on_deliverable].label: plan.deliverables[d.on_deliverable] for d in plan.dependencies}
    assert found["peer review"].local  # its own review
    assert not found["Desistance Practice framework"].local  # a framework developed elsewhere
    assert not found["Remote Reporting review"].local and found["Remote Reporting review"].developer == "hmpps"


def test_narrative_statement_reaches_the_actions_that_name_it():
    plan = plan_with([RawAction("Use the Victim Contact Strategy in all cases.", Span(2, 2)),
                      RawAction("Audit ten cases a month.", Span(3, 3))],
                     response="The Victim Contact Strategy is in development by HMPPS.")
    (dependency,) = plan.dependencies
    assert dependency.action_key == "r1-1"
    assert plan.deliverables[dependency.on_deliverable].developer == "hmpps"


def test_existing_framework_is_a_dependency_that_does_not_block():
    plan = plan_with([RawAction("In accordance with the Northshire Allocation framework, review caseloads.", Span(2, 2))])
    (dependency,) = plan.dependencies
    assert plan.deliverables[dependency.on_deliverable].availability == "Available"


def test_no_cue_no_dependency():
    plan = plan_with([RawAction("Hold monthly team meetings.", Span(2, 2), target="May 21")])
    assert plan.dependencies == []


def test_sentences_split_on_bullets_and_brackets():
    assert sentences("One thing. • Two (three) four.") == ["One thing.", "Two", "three", "four."]


def test_one_deliverable_however_the_plan_capitalises_it():
    plan = plan_with([RawAction("Audit cases in accordance with the Northshire quality strategy.", Span(2, 2)),
                      RawAction("Report in accordance with the Northshire Quality Strategy.", Span(3, 3))])
    assert list(plan.deliverables) == ["northshire-quality-strategy"]
    assert {d.on_deliverable for d in plan.dependencies} == {"northshire-quality-strategy"}


def test_a_tool_in_development_is_named_by_its_own_name():
    plan = plan_with([RawAction("Roll out the Northshire Risk Tool (NRT) to all teams.", Span(2, 2))],
                     response="Northshire Risk Tool (NRT) is a new assessment tool which is progressing through "
                              "accreditation.")
    (dependency,) = plan.dependencies
    deliverable = plan.deliverables[dependency.on_deliverable]
    assert dependency.evidence.startswith("Northshire Risk Tool (NRT) is a new assessment tool")
    assert deliverable.availability == "InDevelopment"


def test_work_in_line_with_a_document_waits_on_nothing():
    plan = plan_with([RawAction("Give feedback in line with the Northshire Quality Strategy.", Span(2, 2))])
    assert plan.dependencies == []
