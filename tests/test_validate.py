"""builder/validate.py: findings in the terms of the plan, the text report, the command."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH

from builder.validate import format_findings, load_shapes, validate_command, validate_graph, validate_plans

AP = Namespace("https://w3id.org/plangraph/ontology#")
SHAPE_FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
CLEAN = SHAPE_FIXTURES / "clean.ttl"
PLAN = URIRef("https://w3id.org/plangraph/id/plan/example-crc-2019")
PLAN_LABEL = "Example CRC action plan (2019)"
REC_2 = URIRef(f"{PLAN}/recommendation/2")
ACTION_1_1, ACTION_R2_1 = URIRef(f"{PLAN}/action/1.1"), URIRef(f"{PLAN}/action/r2-1")
OWNER = URIRef("https://w3id.org/plangraph/id/owner/example-crc/head-of-operations")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture
def flawed() -> Graph:
    """clean.ttl with one Violation (a wrong summary total) and two Warnings."""
    data = Graph().parse(CLEAN)
    data.set((PLAN, AP.summaryTotal, Literal(3)))
    data.remove((ACTION_R2_1, AP.owner, None))
    data.remove((ACTION_1_1, AP.targetDate, None))
    data.remove((ACTION_1_1, AP.progress, None))
    return data


def test_findings_name_the_item_its_number_label_and_source_line(shapes, flawed):
    findings = {f.rule: f for f in validate_graph(flawed, shapes).findings}
    time_bound = findings["Action is time-bound"]
    assert (time_bound.plan, time_bound.plan_label) == (PLAN, PLAN_LABEL)
    assert (time_bound.severity, time_bound.focus_node, time_bound.kind) == ("Warning", ACTION_1_1, "action")
    assert (time_bound.number, time_bound.label, time_bound.source_line) == ("1.1", "Action 1.1 (Example CRC)", 31)
    owner = findings["Action has an owner"]
    assert (owner.number, owner.label, owner.source_line) == (
        None, "Action 1 of recommendation 2 (Example CRC)", 40)
    total = findings["Summary total matches the recommendations"]
    assert (total.severity, total.focus_node, total.kind, total.source_line) == ("Violation", PLAN, "plan", None)
    assert total.message == "The summary table gives a total of 3 recommendations, but the plan lists 2."


def test_outcome_separates_violations_from_warnings(shapes):
    warnings_only = Graph().parse(SHAPE_FIXTURES / "smart-action-without-owner.ttl")
    outcome = validate_graph(warnings_only, shapes)
    assert not outcome.conforms and not outcome.has_violations
    assert validate_graph(Graph().parse(SHAPE_FIXTURES / "consistency-summary-total.ttl"), shapes).has_violations


def test_plan_wide_rule_names_the_duplicate_not_the_plan(shapes):
    outcome = validate_graph(Graph().parse(SHAPE_FIXTURES / "structure-duplicate-recommendation-number.ttl"), shapes)
    assert sorted((f.kind, f.label, f.source_line) for f in outcome.findings) == [
        ("recommendation", "Recommendation 1 (Example CRC)", 30),
        ("recommendation", "Recommendation 2 (Example CRC)", 39)]
    assert {f.message for f in outcome.findings} == {
        "Recommendation number 1 is used by more than one recommendation in this plan."}


def test_owner_finding_belongs_to_the_plan_whose_actions_name_it(shapes):
    outcome = validate_graph(Graph().parse(SHAPE_FIXTURES / "structure-owner-without-label.ttl"), shapes)
    [finding] = outcome.findings
    assert (finding.focus_node, finding.kind, finding.plan) == (OWNER, "owner", PLAN)


def test_node_outside_any_plan_is_reported_apart(shapes):
    outcome = validate_graph(Graph().parse(SHAPE_FIXTURES / "structure-recommendation-outside-plan.ttl"), shapes)
    [finding] = outcome.findings
    assert (finding.focus_node, finding.plan) == (REC_2, None)
    assert "Not part of exactly one plan: 1 violation, 0 warnings" in format_findings(outcome)


def test_report_groups_by_plan_then_rule_violations_first(shapes, flawed):
    text = format_findings(validate_graph(flawed, shapes))
    assert text.splitlines()[0] == "1 plan validated: 1 violation, 2 warnings"
    assert f"{PLAN_LABEL}: 1 violation, 2 warnings" in text
    rules = [line.strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert rules == ["Violation: Summary total matches the recommendations (1)",
                     "Warning: Action has an owner (1)",
                     "Warning: Action is time-bound (1)"]
    assert "    line 31, action 1.1: Action 1.1 (Example CRC)" in text
    assert "    line 40, action: Action 1 of recommendation 2 (Example CRC)" in text
    assert "      The plan does not say who is responsible for this action." in text


def test_report_lists_every_plan_even_without_findings(shapes):
    data = Graph().parse(CLEAN)
    other = URIRef("https://w3id.org/plangraph/id/plan/other-pdu-2023")
    data.add((other, RDF.type, AP.ActionPlan))
    data.add((other, AP.hasRecommendation, URIRef(f"{other}/recommendation/1")))
    text = format_findings(validate_graph(data, shapes))
    assert f"{PLAN_LABEL}: no findings" in text
    assert f"{other}: 1 violation, 0 warnings" in text  # unlabelled: named by its IRI


@pytest.mark.parametrize("fixture, exit_code", [
    ("clean", 0), ("smart-target-tbc", 0), ("rules-rationale-missing", 1)])
def test_command_exits_non_zero_only_on_a_violation(fixture, exit_code):
    out = io.StringIO()
    assert validate_command(SHAPE_FIXTURES / f"{fixture}.ttl", "text", out) == exit_code
    assert out.getvalue().startswith("1 plan validated:")


def test_command_writes_the_standard_validation_report_as_turtle():
    out = io.StringIO()
    assert validate_command(SHAPE_FIXTURES / "rules-rationale-without-reason.ttl", "turtle", out) == 0
    report = Graph().parse(data=out.getvalue(), format="turtle")
    [node] = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    [result] = report.objects(node, SH.result)
    assert report.value(result, SH.focusNode) == REC_2
    assert report.value(result, SH.resultSeverity) == SH.Warning
    assert report.value(result, SH.resultPath) == AP.rationaleReason


def test_command_reports_a_missing_graph(tmp_path, capsys):
    assert validate_command(tmp_path / "plangraph.ttl", "text", io.StringIO()) == 2
    assert "does not exist" in capsys.readouterr().err


def test_command_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="unknown report format"):
        validate_command(CLEAN, "html", io.StringIO())


def test_cli_validate_is_wired_to_the_command(capsys):
    from builder.cli import main

    assert main(["validate", str(SHAPE_FIXTURES / "consistency-summary-count.ttl")]) == 1
    assert "Summary table matches the recommendations" in capsys.readouterr().out


def test_the_shapes_queries_are_parsed_once_for_all_plans(seed_path):
    from builder.pipeline import build_document
    from builder.prepared import _translated
    from builder.validate import load_shapes, validate_graph

    shapes = load_shapes()
    first = validate_graph(build_document(seed_path("004")).graph, shapes)
    parsed = _translated.cache_info().currsize
    second = validate_graph(build_document(seed_path("004")).graph, shapes)
    assert parsed > 0 and _translated.cache_info().currsize == parsed  # nothing parsed again
    assert [f.message for f in first.findings] == [f.message for f in second.findings] != []


def _said(outcome) -> list[tuple]:
    return [(f.plan, f.plan_label, f.rule, f.severity, f.focus_node, f.kind, f.number, f.label, f.source_line,
             f.message) for f in outcome.findings]


def _results(report: Graph) -> list[tuple]:
    return sorted(tuple(str(report.value(result, term)) for term in (SH.focusNode, SH.resultPath, SH.value,
                                                                      SH.resultSeverity, SH.resultMessage))
                  for result in report.subjects(RDF.type, SH.ValidationResult))


@pytest.mark.parametrize("generated", [False, True], ids=["seeds", "generated plans"])
def test_validating_plan_by_plan_finds_what_validating_the_whole_graph_finds(shapes, corpus, graph_file, tmp_path,
                                                                            generated):
    if generated:
        from bench.corpus import generate
        from builder.pipeline import build_corpus, serialize

        built = build_corpus(generate(sorted(d.path for d in corpus.documents), 6, tmp_path / "data", seed=7))
        graph_file = tmp_path / "plangraph.ttl"
        graph_file.write_bytes(serialize(built.graph(), "turtle"))
        graph_file.with_suffix(".trig").write_bytes(serialize(built.dataset(), "trig"))
    whole = validate_graph(Graph().parse(graph_file), shapes)
    each = validate_plans(graph_file.with_suffix(".trig"), workers=2)
    assert _said(each) == _said(whole) and len(whole.findings) > 10
    assert (each.conforms, each.plans) == (whole.conforms, whole.plans)
    assert _results(each.report) == _results(whole.report)
    assert len(list(each.report.subjects(RDF.type, SH.ValidationReport))) == 1


def test_what_only_two_plans_together_show_is_found_plan_by_plan_too(shapes, tmp_path):
    """Two plans whose actions share an owner without a name, and that give their organisation
    different names: the whole graph reports the owner once, in no single plan, and the two names,
    which neither plan shows alone; so does validating plan by plan."""
    first = Graph().parse(SHAPE_FIXTURES / "structure-owner-without-label.ttl")
    second = Graph()
    for triple in first:
        second.add(tuple(URIRef(str(term).replace(str(PLAN), str(PLAN) + "-b")) if isinstance(term, URIRef)
                         else Literal(str(term).replace("Example CRC", "Other CRC"), datatype=term.datatype)
                         if isinstance(term, Literal) and term.datatype is None and "Example CRC" in str(term)
                         else term for term in triple))
    trig = tmp_path / "plangraph.trig"
    trig.write_text("\n".join(f"<{iri}> {{\n{graph.serialize(format='nt')}}}" for iri, graph in
                              ((PLAN, first), (URIRef(str(PLAN) + "-b"), second))), encoding="utf-8")
    (first + second).serialize(trig.with_suffix(".ttl"), format="turtle")  # the merge, as a build writes it beside
    whole = validate_graph(first + second, shapes)
    each = validate_plans(trig, workers=2)
    said = [(f.focus_node, f.plan, f.rule) for f in whole.findings]
    assert (OWNER, None, "Owner, tool or organisation has a name") in said
    assert (URIRef("https://w3id.org/plangraph/id/org/example-crc"), None, "Owner, tool or organisation has one name") in said
    assert _said(each) == _said(whole)
    assert _results(each.report) == _results(whole.report)


def test_the_command_says_the_same_of_a_build_plan_by_plan_as_of_its_turtle_alone(graph_file, tmp_path):
    by_plan, whole = io.StringIO(), io.StringIO()
    validate_command(graph_file, "text", by_plan)  # a TriG beside it: plan by plan
    bare = tmp_path / "plangraph.ttl"
    bare.write_bytes(graph_file.read_bytes())
    validate_command(bare, "text", whole)  # no TriG: the whole graph at once
    assert by_plan.getvalue() == whole.getvalue() and by_plan.getvalue().startswith("5 plans validated:")
