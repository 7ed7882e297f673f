"""The tab-separated layout, stage by stage, on small tables written in that layout."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from builder.layouts import detect_layout
from builder.layouts.table_cells import Part, list_items, parts_of, units_of
from builder.layouts.table_rows import table_rows
from builder.layouts.tables import TableLayout
from builder.model import SourceDocument

HEAD = "ACTION PLAN: Northshire\n\n1. Rec No\t2. Recommendation\t3. Agreed\t4. Response\t5. Owner\t6. Target Date\n"


def row(*cells: str) -> str:
    return "\t".join(cells) + "\n"


def extract(body: str):
    text = HEAD + body
    return TableLayout().extract(SourceDocument(Path("plan.txt"), text, hashlib.sha256(text.encode()).hexdigest()))


# ---------------------------------------------------------------- cells


def test_parts_of_paragraphs_lists_and_bare_text():
    cell = "<p>First.</p> <ul style='x'> <li>• One</li> <li>• Two</li> </ul> <p>Last &amp; final.</p>"
    assert parts_of(cell) == [Part("p", "First."), Part("li", "One"), Part("li", "Two"), Part("p", "Last & final.")]
    assert [p.text for p in parts_of("Para one.  Para two.  • item")] == ["Para one.", "Para two.", "item"]
    assert [p.kind for p in parts_of("<ul> • a • b</ul>")] == ["li", "li"]


def test_owner_and_date_lists():
    assert list_items("<p>HoPP</p> <p>SPOs</p>") == ["HoPP", "SPOs"]
    assert list_items("Head of N M/C PDU and PM  HoPP and HoP&Q") == ["Head of N M/C PDU and PM", "HoPP and HoP&Q"]
    assert list_items("July 2020 May 2020", dates=True) == ["July 2020", "May 2020"]
    assert list_items("Complete and monthly", dates=True) == ["Complete and monthly"]


def test_units_follow_the_number_of_owners():
    parts = parts_of("<p>We will focus on:</p> <ul><li>A</li><li>B</li></ul>")
    assert len(units_of(parts, 1, continues=False)[1]) == 1  # the list belongs to its paragraph
    # or each item is an action, the paragraph that introduces them kept with the first: a lead-in
    # such as "Specific areas to improve and identified actions:" (002 line 29) is no action alone
    assert [unit.text for unit in units_of(parts, 2, continues=False)[1]] == ["We will focus on: • A", "B"]
    assert "We will focus on:" not in [unit.text for unit in units_of(parts, 3, continues=False)[1]]
    leading, units = units_of(parts_of("<ul><li>Cut list item</li></ul> <p>A.</p> <p>B.</p>"), 2, continues=True)
    assert [p.text for p in leading] == ["Cut list item"] and len(units) == 2


# ---------------------------------------------------------------- rows


def test_rows_are_brought_back_to_six_columns():
    body = (row("1", "Do it", "Agreed", "<p>A.</p>", "HoPP", "July 2023") + "\n\n"
            + row("", "", "--", "---", "--", "") + row("", "", "<p>B.</p>", "SPOs", "June 2023")
            + row("more text", "HR Lead", "June 2020") + row("", "<ul><li>item</li></ul>", ""))
    rows = table_rows((HEAD + body).split("\n"))
    assert [(r.number, r.response, r.owner, r.date) for r in rows] == [
        ("1", "<p>A.</p>", "HoPP", "July 2023"), (None, "<p>B.</p>", "SPOs", "June 2023"),
        (None, "more text", "HR Lead", "June 2020"), (None, "<ul><li>item</li></ul>", "", "")]
    assert rows[1].after_break and not rows[2].after_break


# ---------------------------------------------------------------- extract


def test_parallel_lists_continuations_and_owner_only_rows():
    body = (row("1", "Improve risk work", "Agreed", "<p>First action.</p> <p>Second action.</p>",
                "<p>HoPP</p> <p>SPOs</p>", "<p>Complete</p> <p>March 2024</p>")
            + "\n\n" + row("", "", "", "<p>continued sentence.</p> <p>Third action.</p> <p>Fourth.</p>",
                                 "HoCI", "December 2023")
            + row("", "", "", "", "HoHR", "Complete"))
    rec = extract(body).recommendations[0]
    assert [(a.text, a.owner, a.target) for a in rec.actions] == [
        ("First action.", "HoPP", "Complete"), ("Second action. continued sentence.", "SPOs", "March 2024"),
        ("Third action.", "HoCI", "December 2023"), ("Fourth.", "HoHR", "Complete")]


def test_a_row_lost_after_an_addressee_heading_and_a_gap_in_the_numbers():
    body = (row("14", "Assist people.", "Agreed", "<p>Brief staff.</p>", "SOSM", "July 2023")
            + row("<b>The region should:</b>", "", "", "", "", "")
            + "\n\n" + row("", "", "", "<p>Orphaned action.</p>", "PM", "July 2023")
            + row("16", "Consider the fund", "Agreed", "<p>Act.</p>", "HoCI", "July 2023")
            + row("", "<p>for people on probation</p>", "", "<p>More.</p>", "HoCI", "June 2023")
            + "\n\n" + row("", "", "", "<p>Meetings have been set up.</p>", "", "")
            + row("18", "Ensure staffing", "Agreed", "<p>Recruit.</p>", "HR", "May 2023"))
    plan = extract(body)
    recs = {r.number: r for r in plan.recommendations}
    assert list(recs) == ["14", "15", "16", "17", "18"]
    assert recs["15"].text_missing and recs["15"].number_inferred and recs["15"].addressee == "The region"
    assert [a.text for a in recs["15"].actions] == ["Orphaned action."]
    assert recs["16"].text == "Consider the fund for people on probation"
    assert [a.text for a in recs["17"].actions] == ["Meetings have been set up."] and recs["17"].text is None
    assert sum("lost at a page break" in w.message for w in plan.warnings) == 2


def test_measures_and_a_repeated_row():
    repeated = "SWM CRC will open learning to staff. SWM CRC will train all new managers well."
    body = (row("1", "Equip staff", "Agreed", "SWM CRC will open learning to staff.", "Cluster Heads", "March 2020")
            + row("SWM CRC will train all new managers well.", "Learning Lead", "April 2020")
            + row("", repeated * 3, repeated * 3)
            + row("SWM CRC will ensure actions are completed and measure the impact by:", "", "")
            + row("<ul> <li>Benchmarking performance</li> <li>A score card</li></ul>", "", ""))
    plan = extract(body)
    rec = plan.recommendations[0]
    assert [a.text for a in rec.actions] == ["SWM CRC will open learning to staff.",
                                              "SWM CRC will train all new managers well."]
    assert [m.text for m in rec.measures] == ["Benchmarking performance", "A score card"]
    assert any("conversion artefact" in w.message for w in plan.warnings)


def test_detects_tables_not_column_dumps():
    text = HEAD + row("1", "Do it", "Agreed", "A.", "HoPP", "July 2023") * 3
    doc = SourceDocument(Path("plan.txt"), text, "0" * 64)
    assert TableLayout().detect(doc) >= 0.5 and detect_layout(doc).name == "html-table"
    plain = SourceDocument(Path("plan.txt"), "ACTION PLAN: X\n1 Do it\nAgreed\n", "0" * 64)
    assert TableLayout().detect(plain) == 0.0


@pytest.mark.parametrize("cells", [("1",), ("1", "2"), ("", "", "", "", "", "", "", "")])
def test_odd_rows_never_crash(cells):
    extract(row("1", "Do it", "Agreed", "A.", "HoPP", "July 2023") + row(*cells))


def test_a_paragraph_that_leads_into_the_next_is_no_action_of_its_own():
    plan = extract(row("1", "Improve assessment.", "Agreed",
                       "The CRC will act in the following ways:  Assessment: audit every case.  "
                       "Review: hold monthly reviews.", "Quality Lead  Cluster Heads", "July 2020 May 2020"))
    first, second = plan.recommendations[0].actions
    assert first.text.startswith("The CRC will act in the following ways: Assessment: audit")
    assert (first.owner, first.target) == ("Quality Lead", "July 2020")
    assert (second.text, second.owner, second.target) == ("Review: hold monthly reviews.", "Cluster Heads", "May 2020")


def test_cells_merged_into_the_text_are_taken_out_and_reported():
    plan = extract(row("1", "Improve planning.", "Agreed", "Check referrals. Planning: the CRC ensures plans are "
                       "focused on Cluster Deputy May 2020 areas of risk by setting Leads targets.", "", ""))
    checks, planning = plan.recommendations[0].actions
    assert (checks.text, checks.owner, checks.target) == ("Check referrals.", None, None)
    assert planning.text == "Planning: the CRC ensures plans are focused on areas of risk by setting targets."
    assert (planning.owner, planning.target) == ("Cluster Deputy Leads", "May 2020")
    assert any("'Cluster Deputy Leads' and date 'May 2020' are printed inside the text" in w.message
               for w in plan.warnings)


def test_cells_merged_into_the_text_of_an_action_with_cells_are_left_and_reported():
    plan = extract(row("1", "Improve planning.", "Agreed",
                       "Planning: the CRC ensures plans are focused on Cluster Deputy May 2020 areas of risk.",
                       "Head of Quality", "June 2020"))
    (action,) = plan.recommendations[0].actions
    assert (action.owner, action.target) == ("Head of Quality", "June 2020") and "May 2020" in action.text
    assert any("'Cluster Deputy May 2020 ' reads like an owner and date" in w.message for w in plan.warnings)


def test_two_owners_run_together_are_parted_to_match_the_dates():
    plan = extract(row("1", "Improve allocation.", "Agreed", "Align allocation.  Improve checks.",
                       "Customer Service Centre (CSC) Lead CSC Lead", "April 2020 March 2020"))
    first, second = plan.recommendations[0].actions
    assert (first.owner, first.target) == ("Customer Service Centre (CSC) Lead", "April 2020")
    assert (second.owner, second.target) == ("CSC Lead", "March 2020")


def test_a_measure_cut_by_a_page_break_is_one_measure():
    plan = extract(row("1", "Improve plans.", "Agreed", "Audit plans.", "Lead", "May 2020")
                   + row("The CRC will ensure actions are completed and measure the impact by:", "", "")
                   + "<ul> <li>Benchmarking partnership work; Appropriate</li></ul>\n\n"
                   + row("", "<ul> <li>allocation of cases by PDMs.</li> <li>Fewer complaints.</li></ul>"))
    assert [m.text for m in plan.recommendations[0].measures] == [
        "Benchmarking partnership work; Appropriate allocation of cases by PDMs.", "Fewer complaints."]


def test_a_sentence_cut_by_a_page_break_is_finished_with_its_cells():
    plan = extract(row("1", "Improve court work.", "Agreed", "The Head of Courts will implement the use of the Court",
                       "Head of Courts, SOSM", "September 2023")
                   + "\n\n"
                   + row("", "", "", "<p>Case Audit Tool (CCAT). Assurance will follow.</p> "
                                     "<p>The SOSM will brief sentencers.</p>",
                         "<p>Courts &amp; Head of P&amp;Q</p> <p>SOSM Courts</p>", "July 2023"))
    first, second = plan.recommendations[0].actions
    assert first.text == "The Head of Courts will implement the use of the Court Case Audit Tool (CCAT). Assurance will follow."
    assert (first.owner, first.target) == ("Head of Courts, SOSM Courts & Head of P&Q", "September 2023")
    assert (second.text, second.owner, second.target) == ("The SOSM will brief sentencers.", "SOSM Courts", "July 2023")


def test_a_row_that_opens_a_new_sentence_is_not_glued_to_the_last():
    plan = extract(row("1", "Train staff.", "Agreed", "The CRC will train staff in risk work", "Lead", "May 2020")
                   + row("The CRC will embed learning for new officers.  The CRC will support the", "L&D Lead", "Ongoing")
                   + row("qualified officers in practice.", "L&D Lead", "April 2020"))
    texts = [a.text for a in plan.recommendations[0].actions]
    assert texts == ["The CRC will train staff in risk work", "The CRC will embed learning for new officers.",
                     "The CRC will support the qualified officers in practice."]


def test_a_measures_list_goes_on_after_the_page_break():
    plan = extract(row("1", "Develop staff.", "Agreed", "<p>Training will be monthly. The impact will be measured "
                       "through:</p> <ul><li>RCAT audits</li></ul>", "Head of PDU", "Monthly from July 2023")
                   + "\n\n" + row("", "", "", "<ul><li>Countersigning activity, and</li><li>Reflective supervision</li></ul>",
                                  "", ""))
    rec = plan.recommendations[0]
    assert [m.text for m in rec.measures] == ["RCAT audits", "Countersigning activity, and", "Reflective supervision"]
    assert "Countersigning" not in rec.actions[0].text


def test_a_paragraph_after_a_page_break_with_no_cells_goes_on_with_the_action_before_it():
    """Its owner and date were printed before the break; without a break, a row with empty cells is
    an action of its own whose cells are empty."""
    first = row("1", "Commission services.", "Agreed", "<p>Map the gaps.</p> <p>GM will co-commission a programme.</p>",
                "<p>HoCI</p> <p>HoCI</p>", "<p>July 2023</p> <p>September 2023</p>")
    added_value = row("", "", "", "There will be added value through investment in local organisations.", "", "")
    actions = extract(first + "--\t--\t--\t--\t--\t--\n\n" + added_value).recommendations[0].actions
    assert [(a.text, a.owner, a.target) for a in actions] == [
        ("Map the gaps.", "HoCI", "July 2023"),
        ("GM will co-commission a programme. There will be added value through investment in local organisations.",
         "HoCI", "September 2023")]
    actions = extract(first + added_value).recommendations[0].actions
    assert len(actions) == 3 and (actions[2].owner, actions[2].target) == (None, None)


def test_a_list_after_a_page_break_with_dates_and_no_owner_keeps_the_rows_one_owner():
    first = row("1", "Provide work.", "Agreed", "<p>The Head of UPW will ensure places through:</p> <ul><li>• Inductions.</li>"
                "<li>• Two groups a day.</li></ul>", "Head of UPW", "<p>Complete</p> <p>Complete</p>")
    after = row("", "", "", "<ul><li>• A women's group, and</li> <li>• Individual placements</li></ul>", "", "September 2023")
    plan = extract(first + "\n\n" + after)
    assert [a.owner for a in plan.recommendations[0].actions] == ["Head of UPW"] * 4
    assert "printed once for the row before the page break" in plan.warnings[-1].message
    # the row above named an owner per action: which one goes on is not known, so none is given
    first = first.replace("\tHead of UPW\t", "\t<p>Head of UPW</p> <p>UPW PQ</p>\t")
    assert [a.owner for a in extract(first + "\n\n" + after).recommendations[0].actions][2:] == [None, None]


def test_more_paragraphs_than_cells_join_the_one_that_speaks_of_the_paragraph_before():
    cell = "<p>The team will improve care.</p> <p>This will be reported monthly.</p> <p>To measure it the lead will report.</p>"
    actions = extract(row("1", "Improve care.", "Agreed", cell, "<p>HJL</p> <p>HoCI</p>", "July 2023")).recommendations[0].actions
    assert [(a.text, a.owner) for a in actions] == [
        ("The team will improve care. This will be reported monthly.", "HJL"), ("To measure it the lead will report.", "HoCI")]
    # without such a paragraph the last ones go together, as before
    cell = cell.replace("This will be reported", "Reports go out")
    actions = extract(row("1", "Improve care.", "Agreed", cell, "<p>HJL</p> <p>HoCI</p>", "July 2023")).recommendations[0].actions
    assert [a.text for a in actions] == ["The team will improve care.",
                                         "Reports go out monthly. To measure it the lead will report."]


def test_a_continuation_row_with_its_own_cells_starts_an_action_after_the_cut_sentence():
    parts = parts_of("moving to local clusters. SWM CRC will instigate new procedures for SPOCs")
    leading, units = units_of(parts, 1, continues=True)
    assert [p.text for p in leading] == ["moving to local clusters."]
    assert [u.text for u in units] == ["SWM CRC will instigate new procedures for SPOCs"]
    # without cells of its own the whole row still only carries on the cut sentence
    leading, units = units_of(parts, 0, continues=True)
    assert len(leading) == 1 and units == []
