"""The PDF-column-dump layout, stage by stage, on small texts written in that layout."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from builder.layouts import detect_layout
from builder.layouts.cells import cell_line, continues_date, is_owner_like
from builder.layouts.columns import ColumnDumpLayout
from builder.layouts.pdf_rows import dump_lines, split_recommendations, table_body
from builder.model import SourceDocument

HEADINGS = """ACTION PLAN:  Northshire CRC
1.
Rec
No
2.
Recommendation
3.
Agreed/
Partly
Agreed/
Not
Agreed
4.
Response
5.
Responsible
Owner
6.
Target Date
"""


def document(text: str, name: str = "plan.txt") -> SourceDocument:
    return SourceDocument(Path(name), text, hashlib.sha256(text.encode()).hexdigest())


def extract(body: str):
    return ColumnDumpLayout().extract(document(HEADINGS + body))


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize("line", ["Head of Operations", "All Community", "Directors ", "lead",
                                  "Manager/Business", "and Project Manager", "Quality, Policy and",
                                  "with Training Lead", "Community Director/ "])
def test_owner_lines(line):
    assert is_owner_like(line)


@pytest.mark.parametrize("line", ["of serious harm, to ensure the quality", "• All Child Protection Cases",
                                  "01.06.19. ", "modern slavery", "Actions:", "needs analysis)",
                                  "Management Information made available by central team."])
def test_text_lines_are_not_owners(line):
    assert not is_owner_like(line)


def test_a_date_cell_at_the_end_of_a_sentence_with_its_owner():
    cell = cell_line("Enforcement day delivered in each Unit by 10.5.19. Community Directors May 19")
    assert (cell.text, cell.owner, cell.date) == ("Enforcement day delivered in each Unit by 10.5.19.",
                                                  "Community Directors", "May 19")


@pytest.mark.parametrize("line", ["Establishment of new SCM development group by April 19. Business and Project",
                                  "Implementation of the framework by June 19 which is currently",
                                  "01.09.19. ", "With effect from April 19 process to be introduced"])
def test_dates_inside_text_are_not_date_cells(line):
    assert cell_line(line) is None


def test_a_date_cell_runs_on_over_short_lines():
    assert continues_date("June 19 TBC", "NB dependant on")
    assert continues_date("NB dependant on", "provision of")
    assert continues_date("Oct 19 (NB timing", "Central Team")
    assert continues_date("April 19 with", "checkpoint Sept 19")
    assert not continues_date("Completed", "Managers/Strategic")
    assert not continues_date("May 19", "• All Case Manager domestic abuse cases")


# ---------------------------------------------------------------- rows


def test_rows_agreement_cells_and_addressees():
    body = """1 The CRC should:

Manage workloads so
that officers have time.

 Agreed

1.1     Do the first thing by May.
Head of Operations May 19
2 Purple Futures
should:
Make sure the CRC
has resources.
Partly
agreed
(affordability
will need to
be balanced)
2.1    Stage the briefings monthly.
Quality Unit
June 19
"""
    lines = (HEADINGS + body).split("\n")
    blocks = split_recommendations(table_body(dump_lines(lines), lines))
    assert [b.number for b in blocks] == ["1", "2"]
    assert blocks[0].addressee == "The CRC" and blocks[0].text == "Manage workloads so that officers have time."
    assert blocks[1].addressee == "Purple Futures"
    assert blocks[1].agreement == "Partly agreed (affordability will need to be balanced)"
    assert blocks[1].response[0].text.strip().startswith("2.1")


def test_the_summary_table_is_not_part_of_the_last_response():
    body = "1 Do this.\nAgreed 1.1 Act now.\nHead of Operations May 19\nRecommendations\nAgreed 1\nTotal 1\n"
    plan = extract(body)
    assert plan.summary == {"Agreed": 1, "Total": 1}
    assert "Total" not in plan.recommendations[0].response


# ---------------------------------------------------------------- interleaved cells


def test_numbered_actions_with_cells_before_after_and_inside_the_text():
    body = """1 Improve things.
Agreed 1.1     To implement the model across the area, to ensure resources
are deployed via:
Head of Operations
May 19
1.1.1. Dissemination of the model in all Teams by 01.05.19. All Community
Directors
May 19
1.2     Resource review to be integrated into team meetings (specifically sickness
Community Directors May 19


absence data) with evidence of remedial planning.
1.3     Quarterly workshops
TTG Lead
Interchange
Completed


Managers/Strategic
Managers
1.4     Implementation of the framework which is being developed centrally.
Head of Operations June 19 TBC
NB dependant on
provision of
framework from
Central Team
"""
    actions = {a.number: a for a in extract(body).recommendations[0].actions}
    assert (actions["1.1"].owner, actions["1.1"].target) == ("Head of Operations", "May 19")
    assert actions["1.1"].text.endswith("deployed via:")
    assert actions["1.1.1"].owner == "All Community Directors"
    assert actions["1.1.1"].text == "Dissemination of the model in all Teams by 01.05.19."
    assert actions["1.2"].owner == "Community Directors"
    assert "absence data) with evidence" in actions["1.2"].text and "May 19" not in actions["1.2"].text
    assert actions["1.3"].owner == "TTG Lead Interchange Managers/Strategic Managers"
    assert actions["1.3"].target == "Completed"
    assert actions["1.4"].target == ("June 19 TBC NB dependant on provision of framework from Central Team")


# ---------------------------------------------------------------- page columns


PAGE = """1 Manage risk.
Agreed Narrative about the response.
Actions:
• First bullet of the page.

• Second bullet of the page.

• Third bullet of the page.
 
 
 
Owner One
 
 
 
 
Owner Three
 
 
December 2018
 
 
 
 
January 2019
 
Measuring Progress:
• A measure that is not an action.
"""


def test_page_columns_line_up_by_position_not_by_order():
    rec = extract(PAGE).recommendations[0]
    first, second, third = rec.actions
    assert (first.owner, first.target) == ("Owner One", "December 2018")
    assert (second.owner, second.target) == (None, None)  # nothing printed at its height
    assert (third.owner, third.target) == ("Owner Three", "January 2019")
    assert [m.text for m in rec.measures] == ["A measure that is not an action."]


def test_cells_printed_hard_against_the_text_line_up_by_their_spacing():
    """Top entries printed hard after the text lost their padding, not their spacing: the date
    column (Completed, then a date three rows lower) fits the second and third bullets only, and
    the owner printed hard beside "Completed" stands at the same height."""
    body = """1 Manage risk.
Agreed Narrative.
• From the groups there will be a framework.
 
• Agenda item for practice briefs.
 
 
• Practice days will be held.
 Managers
 Completed
 
 
December 2018
"""
    first, second, third = extract(body).recommendations[0].actions
    assert (first.owner, first.target) == (None, None)
    assert (second.owner, second.target) == ("Managers", "Completed")
    assert third.target == "December 2018"


def test_cells_on_a_page_without_bullets_are_passed_on_and_reported():
    body = """1 Involve service users.
Agreed A narrative page with no bullets at all.
 
Interserve and the
CRCs
 
November 2018
 
established to ensure a safe transition.
• Monitor the plan.
"""
    plan = extract(body)
    action = plan.recommendations[0].actions[0]
    assert (action.owner, action.target) == ("Interserve and the CRCs", "November 2018")
    assert any("no action" in w.message for w in plan.warnings)


def test_an_owner_cut_by_a_page_break_is_joined():
    body = """1 Train staff.
Agreed Narrative.
• Deliver training to managers.
 
Community Director, Interchange
Managers and
 
January 2019
 
 

• Run a workshop.
 
Business Project
Manager
 
Community Director
 
February 2019
"""
    first, second = extract(body).recommendations[0].actions
    assert first.owner == "Community Director, Interchange Managers and Business Project Manager"
    assert (second.owner, second.target) == ("Community Director", "February 2019")


# ---------------------------------------------------------------- detection


def test_detects_column_dumps_and_not_tables():
    layout = ColumnDumpLayout()
    assert layout.detect(document(HEADINGS + PAGE)) >= 0.5
    assert detect_layout(document(HEADINGS + PAGE)).name == "pdf-columns"
    tabbed = "\n".join("1\tRecommendation\tAgreed\tResponse\tOwner\tTarget Date" for _ in range(20))
    assert layout.detect(document(tabbed)) == 0.0


def test_what_will_evidence_an_action_is_measures_not_the_action():
    body = """1 Improve plans.
Agreed 1.1     Plans follow the screening tool.  This will be evidenced through:
• Improved audit outcomes
• Feedback from the service user council
TTG Lead July 19
"""
    rec = extract(body).recommendations[0]
    (action,) = rec.actions
    assert (action.text, action.owner, action.target) == ("Plans follow the screening tool.", "TTG Lead", "July 19")
    assert [m.text for m in rec.measures] == ["Improved audit outcomes", "Feedback from the service user council"]
