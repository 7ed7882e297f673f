"""The SHACL shapes in shapes/: well formed, documented, and each rule caught by its fixture.

Every file in tests/fixtures/shapes/ other than clean.ttl is clean.ttl with one change that
breaks one rule; validating it must report that rule and nothing else.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from pyshacl.entrypoints import meta_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH

from builder.validate import SHAPES_DIR, load_shapes, validate_graph

AP = Namespace("https://w3id.org/plangraph/ontology#")
FIXTURES = Path(__file__).parent / "fixtures"
SHAPE_FIXTURES = FIXTURES / "shapes"
PLAN = "https://w3id.org/plangraph/id/plan/example-crc-2019"
REC_1, REC_2 = f"{PLAN}/recommendation/1", f"{PLAN}/recommendation/2"
ACTION_1_1, ACTION_1_2, ACTION_R2_1 = f"{PLAN}/action/1.1", f"{PLAN}/action/1.2", f"{PLAN}/action/r2-1"
OWNER = "https://w3id.org/plangraph/id/owner/example-crc/head-of-operations"

# fixture -> (rule it breaks, severity, the nodes the findings are about)
BROKEN_RULES = {
    "structure-plan-without-source": ("Plan has a source document", "Violation", {PLAN}),
    "structure-invalid-plan-date": ("Plan dates are valid dates", "Violation", {PLAN}),
    "structure-duplicate-recommendation-number": (
        "Recommendation numbers are unique within a plan", "Violation", {REC_1, REC_2}),
    "structure-duplicate-action-number": (
        "Action numbers are unique within a plan", "Violation", {ACTION_1_1, ACTION_1_2}),
    "structure-recommendation-outside-plan": ("Recommendation belongs to one plan", "Violation", {REC_2}),
    "structure-recommendation-without-number": ("Recommendation has a number", "Violation", {REC_2}),
    "structure-recommendation-without-agreement": (
        "Recommendation is Agreed, Partly Agreed or Not Agreed", "Violation", {REC_1}),
    "structure-unknown-rationale-reason": ("Rationale reason is a permitted reason", "Violation", {REC_2}),
    "structure-action-without-recommendation": (
        "Action addresses one recommendation", "Violation", {ACTION_R2_1}),
    "structure-invalid-target-date": ("Target dates are valid dates", "Violation", {ACTION_1_1}),
    "structure-owner-without-label": ("Owner, tool or organisation has a name", "Violation", {OWNER}),
    "structure-owner-with-two-labels": ("Owner, tool or organisation has one name", "Warning", {OWNER}),
    "rules-agreed-without-action": ("Agreed recommendation has an action", "Violation", {REC_1}),
    "rules-rationale-missing": ("Not fully agreed recommendation explains why", "Violation", {REC_2}),
    "rules-rationale-without-reason": ("Rationale names a permitted reason", "Warning", {REC_2}),
    "smart-action-without-owner": ("Action has an owner", "Warning", {ACTION_R2_1}),
    "smart-target-tbc": ("Action is time-bound", "Warning", {ACTION_1_1}),
    "smart-target-ongoing": ("Action is time-bound", "Warning", {ACTION_R2_1}),
    "consistency-summary-count": ("Summary table matches the recommendations", "Violation", {PLAN}),
    "consistency-summary-total": ("Summary total matches the recommendations", "Violation", {PLAN}),
    "dependencies-due-before-dependency": (
        "Action is not due before what it waits on", "Warning", {ACTION_1_2}),
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _shape_nodes(shapes: Graph) -> set:
    return set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))


def test_every_shapes_file_parses_on_its_own():
    files = sorted(SHAPES_DIR.glob("*.ttl"))
    assert {path.name for path in files} >= {"structure.ttl", "plan-rules.ttl", "smart.ttl", "consistency.ttl"}
    for path in files:
        assert len(Graph().parse(path, format="turtle")) > 0, path


def test_shapes_conform_to_shacl_for_shacl(shapes):
    conforms, _, text = meta_validate(shapes, inference="none")
    assert conforms, text


def test_validation_with_meta_shacl_accepts_the_shapes(shapes):
    data = Graph().parse(SHAPE_FIXTURES / "clean.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, advanced=True, meta_shacl=True)
    assert conforms, text


def test_meta_shacl_rejects_a_malformed_shape(shapes):
    """The SHACL-for-SHACL check is not vacuous: a bad shape added to ours is caught."""
    broken = Graph() + shapes
    bad = URIRef("https://w3id.org/plangraph/shapes#BrokenShape")
    broken.add((bad, RDF.type, SH.PropertyShape))
    broken.add((bad, SH.path, AP.owner))
    broken.add((bad, SH.minCount, Literal("one")))
    assert not meta_validate(broken, inference="none")[0]
    with pytest.raises(ReportableRuntimeError):
        validate(Graph(), shacl_graph=broken, meta_shacl=True)


def test_every_shape_is_documented_for_a_policy_officer(shapes):
    nodes = _shape_nodes(shapes)
    assert len(nodes) >= 20
    for node in nodes:
        for predicate in (SH.name, SH.description, SH.message, SH.severity):
            assert shapes.value(node, predicate) is not None, f"{node} has no {predicate}"


def test_rule_names_are_unique(shapes):
    names = [str(shapes.value(node, SH.name)) for node in _shape_nodes(shapes)]
    assert len(names) == len(set(names))


def test_every_broken_fixture_is_listed():
    fixtures = {path.stem for path in SHAPE_FIXTURES.glob("*.ttl")} - {"clean"}
    assert fixtures == set(BROKEN_RULES)


@pytest.mark.parametrize("fixture", [FIXTURES / "sample.ttl", SHAPE_FIXTURES / "clean.ttl"], ids=lambda p: p.name)
def test_clean_plans_conform(shapes, fixture):
    outcome = validate_graph(Graph().parse(fixture), shapes)
    assert outcome.conforms
    assert outcome.findings == []


@pytest.mark.parametrize("fixture", sorted(BROKEN_RULES))
def test_fixture_breaks_exactly_its_rule(shapes, fixture):
    rule, severity, nodes = BROKEN_RULES[fixture]
    outcome = validate_graph(Graph().parse(SHAPE_FIXTURES / f"{fixture}.ttl"), shapes)
    assert not outcome.conforms
    assert {(f.rule, f.severity) for f in outcome.findings} == {(rule, severity)}
    assert {str(f.focus_node) for f in outcome.findings} == nodes


def _clean_with(shapes, *changes) -> list:
    data = Graph().parse(SHAPE_FIXTURES / "clean.ttl")
    for subject, predicate, value in changes:
        data.set((URIRef(subject), predicate, value))
    return [(f.rule, str(f.focus_node)) for f in validate_graph(data, shapes).findings]


def test_recurrence_of_only_ongoing_is_not_time_bound(shapes):
    assert _clean_with(shapes, (ACTION_R2_1, AP.recurrence, Literal("ongoing"))) == [
        ("Action is time-bound", ACTION_R2_1)]


def test_completed_action_without_date_is_time_bound(shapes):
    # Action 1.2 of clean.ttl is "Complete" with no date; make the same true of action 1.1.
    data = Graph().parse(SHAPE_FIXTURES / "clean.ttl")
    data.remove((URIRef(ACTION_1_1), AP.targetDate, None))
    data.set((URIRef(ACTION_1_1), AP.progress, AP.Completed))
    assert validate_graph(data, shapes).conforms


def test_not_agreed_recommendation_needs_no_action_but_a_reason(shapes):
    data = Graph().parse(SHAPE_FIXTURES / "clean.ttl")
    data.set((URIRef(REC_2), AP.agreement, AP.NotAgreed))
    data.remove((URIRef(REC_2), AP.hasAction, None))
    data.remove((URIRef(ACTION_R2_1), None, None))
    data.set((URIRef(PLAN), AP.summaryPartlyAgreed, Literal(0)))
    data.set((URIRef(PLAN), AP.summaryNotAgreed, Literal(1)))
    assert validate_graph(data, shapes).conforms
    data.remove((URIRef(REC_2), AP.agreementRationale, None))
    data.remove((URIRef(REC_2), AP.rationaleReason, None))
    assert [(f.rule, str(f.focus_node)) for f in validate_graph(data, shapes).findings] == [
        ("Not fully agreed recommendation explains why", REC_2)]


def test_plan_without_summary_table_is_not_count_checked(shapes):
    data = Graph().parse(SHAPE_FIXTURES / "clean.ttl")
    for predicate in (AP.summaryAgreed, AP.summaryPartlyAgreed, AP.summaryNotAgreed, AP.summaryTotal):
        data.remove((URIRef(PLAN), predicate, None))
    assert validate_graph(data, shapes).conforms
