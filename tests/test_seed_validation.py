"""SHACL validation of the seed corpus: the findings a policy officer should see (read in the documents)."""
from __future__ import annotations

import pytest

from builder.validate import format_findings, validate_graph


@pytest.fixture(scope="module")
def outcome(corpus_graph):
    return validate_graph(corpus_graph)


def findings(outcome, plan_start, rule):
    return [f for f in outcome.findings if f.plan_label.startswith(plan_start) and f.rule == rule]


def test_the_seed_corpus_has_no_violations(outcome):
    assert not outcome.has_violations, format_findings(outcome)


def test_004_actions_left_without_owner_or_date_are_warnings_with_their_lines(outcome):
    # line 48: "SWM CRC will retain focus on emerging themes ..." has neither owner nor target date
    without_owner = findings(outcome, "Staffordshire", "Action has an owner")
    not_time_bound = findings(outcome, "Staffordshire", "Action is time-bound")
    assert 48 in {f.source_line for f in without_owner} and 48 in {f.source_line for f in not_time_bound}
    assert all(f.severity == "Warning" for f in without_owner + not_time_bound)


def test_every_partly_agreed_recommendation_is_checked_for_its_rationale(outcome):
    # 000 rec 8: "Partly agreed (resourcing need and affordability will need to be balanced)": a permitted reason
    assert not [f for f in findings(outcome, "Cheshire", "Rationale names a permitted reason")]
    assert not [f for f in findings(outcome, "Cheshire", "Not fully agreed recommendation explains why")]
    # 001 rec 8 (line 84): "partly agreed as the ... SPO middle manager group is now fully staffed",
    # naming none of commissioning, policy, operational or affordability reasons
    region = findings(outcome, "Greater Manchester Region", "Rationale names a permitted reason")
    assert [(f.number, f.severity, f.source_line) for f in region] == [("8", "Warning", 84)]


def test_summary_tables_match_the_recommendations(outcome):
    assert not [f for f in outcome.findings if f.rule.startswith("Summary")]


def test_the_readable_report_names_plan_rule_number_and_line(outcome):
    text = format_findings(outcome)
    assert "Staffordshire and West Midlands CRC action plan" in text and "line 48" in text
