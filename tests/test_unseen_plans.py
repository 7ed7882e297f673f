"""Plans the builder was not written against, checked against a person's reading of them.

Each folder tests/fixtures/unseen*/ holds plans written by someone who had not read the builder, in
the seeds' layouts or as plans are published (Word documents, PDFs and web pages, with the scripts
that wrote them), with their reading (EXPECTED.md, or one beside each plan) written before the first
build. Only what those readings say is asserted here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline import build_document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def plan():
    built = {}

    def read(name):
        if name not in built:
            document = build_document(next(path for path in FIXTURES.glob(f"unseen*/{name}.*")
                                           if path.suffix in (".txt", ".docx", ".pdf", ".html")))
            assert document.error is None, document.error
            built[name] = document.plan
        return built[name]
    return read


def actions(plan, number):
    return next(r for r in plan.recommendations if r.number == number).actions


def owners(action):
    return [owner.label for owner in action.owners]


def test_a_not_agreed_row_without_numbered_actions_leaves_the_plan_numbered(plan):
    kss = plan("kss_pdf_interleaved")
    assert [len(r.actions) for r in kss.recommendations] == [6, 4, 2, 0, 4]
    assert [a.number for a in actions(kss, "1")] == ["1.1", "1.1.1", "1.1.2", "1.1.3", "1.2", "1.3"]
    not_agreed = kss.recommendations[3]
    assert not_agreed.agreement == "NotAgreed" and set(not_agreed.reasons) == {"Operational", "Affordability"}


def test_interleaved_owners_with_their_patch_and_week_commencing_dates(plan):
    kss = plan("kss_pdf_interleaved")
    one_three, five_one = actions(kss, "1")[5], actions(kss, "5")[0]
    assert owners(one_three) == ["Area Director (Kent)"] and one_three.target.due.isoformat() == "2020-01-01"
    assert owners(five_one) == ["Director of Operations (Surrey and Sussex)"]
    assert five_one.target.due.isoformat() == "2019-10-14"  # "w/c 14 October 2019"


def test_once_the_framework_has_been_developed_centrally_is_a_dependency(plan):
    kss, northumbria = plan("kss_pdf_interleaved"), plan("northumbria_tab_continuation")
    assert {d.on_deliverable for d in kss.dependencies if d.action_key == "2.2"} == {"quality-assurance-framework"}
    assert [d.action_key for d in northumbria.dependencies] == ["r4-1"]
    wales = plan("wales_crc_page_columns")  # "once the revised national specification has been published by HMPPS"
    assert [(d.action_key, d.on_deliverable.rsplit("/", 1)[-1]) for d in wales.dependencies] == [
        ("r3-1", "revised-national-specification")]


def test_a_paragraph_saying_why_is_not_an_action(plan):
    northumbria = plan("northumbria_tab_continuation")
    partly = actions(northumbria, "2")
    assert [owners(a) for a in partly] == [["Director of Operations"], ["Head of Business Support"]]
    assert partly[0].text.startswith("Implement the Sodexo Workload Measurement Tool")
    assert actions(northumbria, "3") == []  # Not Agreed: no actions
    wales = plan("wales_tab_lost_row")
    assert [owners(a) for a in actions(wales, "2")] == [["Head of Operations"], ["Regional Workforce Lead"]]
    assert actions(wales, "7") == []


def test_the_reasons_of_a_not_agreed_recommendation_are_read_past_its_first_sentence(plan):
    northumbria = plan("northumbria_tab_continuation").recommendations[2]
    assert set(northumbria.reasons) == {"Commissioning", "Affordability"}
    wales = plan("wales_crc_page_columns").recommendations[3]  # no "not agreed" in the response at all
    assert set(wales.reasons) == {"Operational", "Affordability"} and "not affordable" in wales.rationale


def test_owner_cells_of_posts_with_patches_and_posts_ending_after_and(plan):
    northumbria = plan("northumbria_tab_continuation")
    assert owners(actions(northumbria, "1")[1]) == ["Area Manager North Tyneside", "Area Manager Sunderland"]
    assert owners(actions(northumbria, "4")[2]) == ["Head of Quality and Performance", "Area Managers"]


def test_a_lost_rows_orphaned_actions_keep_their_own_cells(plan):
    wales = plan("wales_tab_lost_row")
    lost = next(r for r in wales.recommendations if r.number == "5")
    assert lost.number_inferred and lost.text_missing and lost.agreement == "Agreed"
    assert [owners(a) for a in lost.actions] == [["Head of Community Integration"], ["Community Integration Lead"]]
    assert [a.target.due.isoformat() for a in lost.actions] == ["2024-07-01", "2024-04-01"]
    assert not [w for w in wales.warnings if "printed beside" in w.message]


def test_a_unit_named_with_and_is_one_unit(plan):
    wales = plan("wales_tab_lost_row")  # "*Cardiff and Vale PDU and Swansea Neath Port Talbot PDU*"
    assert wales.inspected == "wales-region"
    assert {"cardiff-and-vale-pdu", "swansea-neath-port-talbot-pdu"} <= set(wales.organisations)
    assert "vale-pdu" not in wales.organisations
    # "The Head of Cardiff and Vale PDU (HoCV)": the short name is spelt out, PDU and all
    assert owners(actions(wales, "1")[0]) == ["Head of Cardiff and Vale PDU"]
    assert [m.text for m in next(r for r in wales.recommendations if r.number == "1").measures] == [
        "Regional Case Audit Tool (RCAT) findings", "monthly Service Level reporting"]  # "monitored through:"


def test_page_columns_give_bullets_their_cells_before_the_items_under_them(plan):
    wales = plan("wales_crc_page_columns")
    bullets = [a for a in actions(wales, "1") if a.parent_key is None]
    assert [owners(a) for a in bullets] == [["Head of Learning and Development"], ["Senior Operational Managers"],
                                            ["Head of Quality"]]
    quarterly = bullets[2].target  # "Quarterly from" / "December 2019" on two lines: one date cell
    assert (quarterly.raw, quarterly.recurrence, quarterly.start.isoformat()) == (
        "Quarterly from December 2019", "quarterly", "2019-12-01")


@pytest.mark.parametrize("name", ["kss_pdf_interleaved", "northumbria_tab_continuation", "wales_crc_page_columns",
                                  "wales_tab_lost_row"])
def test_the_case_management_system_is_a_tool_used_where_it_is_named(plan, name):
    assert "ndelius" in plan(name).tools  # every reading lists nDelius among the tools


def test_two_target_dates_joined_by_and_are_due_by_the_last(plan):
    campaigns = actions(plan("wales_tab_lost_row"), "2")[1]  # "June 2024 and November 2024"
    assert campaigns.target.due.isoformat() == "2024-11-01"


def test_interleaved_owner_cells_opening_on_the_texts_last_line_or_wrapped_in_a_note(plan):
    kss = plan("kss_pdf_interleaved")
    report = actions(kss, "1")[2]  # "... on the intranet from Performance and" / "Information" / "Manager"
    assert owners(report) == ["Performance and Information Manager"]
    assert report.text.endswith("to be published on the intranet from")
    framework = actions(kss, "2")[1]  # "NB dependant on / ... / framework from / Seetec Central / Team"
    assert owners(framework) == ["Head of Quality"]
    assert framework.target.raw.endswith("framework from Seetec Central Team")


def test_date_cells_that_open_with_end_of_by_a_quarter_or_a_season(plan):
    thames = plan("thames_valley_page_columns")  # page columns: such cells stay in the date column
    assert [owners(a) for a in actions(thames, "2")] == [
        ["Area Managers", "Senior Probation Officers"], ["HR Business Partner"], ["Area Managers"],
        ["Director of Operations"]]
    by, quarter = actions(thames, "2")[0].target, actions(thames, "2")[1].target
    assert (by.raw, by.due.isoformat()) == ("By September 2020", "2020-09-01")
    assert (quarter.raw, quarter.due.isoformat()) == ("Q1 2020/21", "2020-06-01")  # April to June 2020
    bench = plan("bench_pdf_interleaved")  # interleaved: "Quality Manager Q3 2019/20" on one line
    audits = actions(bench, "1")[4]
    assert owners(audits) == ["Quality Manager"] and audits.target.due.isoformat() == "2019-12-01"
    estates = actions(bench, "3")[0]  # "Head of Estates" / "By June 2020"
    assert owners(estates) == ["HMPPS Head of Estates"] and estates.target.raw == "By June 2020"
    autumn = actions(bench, "1")[2].target  # a season is kept as printed, not guessed, and warned of
    assert (autumn.raw, autumn.due) == ("Autumn 2019", None)
    assert any("'Autumn 2019' could not be read" in w.message for w in bench.warnings)


def test_agreed_in_part_is_partly_agreed(plan):
    dtv = plan("dtv_tab_paragraphs").recommendations[1]  # "Agreed in part"
    assert dtv.agreement == "PartlyAgreed" and dtv.reasons == ["Affordability"]
    assert not dtv.actions[0].text.startswith("This recommendation is agreed in part")


def test_a_heads_portfolio_is_one_post(plan):
    london = plan("london_tab_li_owners")
    assert owners(actions(london, "4")[0]) == ["Head of Lewisham and Southwark PDU"]
    assert "southwark-pdu" not in london.organisations
    dtv = plan("dtv_tab_paragraphs")
    assert owners(actions(dtv, "2")[2]) == ["Head of Learning, Quality and Development"]


def test_subject_to_approval_by_a_committee_is_a_wait(plan):
    dtv = plan("dtv_tab_paragraphs")  # "... subject to approval by the HMPPS Executive Committee."
    (waits,) = [d for d in dtv.dependencies if d.action_key == "r3-1"]
    assert waits.on_deliverable == "hmpps-executive-committee" and "subject to approval" in waits.evidence


def test_a_page_column_bullet_cut_by_a_page_break_goes_on_over_the_page(plan):
    bulletins = actions(plan("thames_valley_page_columns"), "1")[4]
    assert bulletins.text.endswith("with a practice development session in each cluster following each bulletin.")
    assert (bulletins.owner_raw, bulletins.target.raw) == ("Head of Public Protection", "Quarterly")


# ---------------------------------------------------------------- the third set (unseen3/, a reading each)


def test_the_third_set_reads_every_plan_with_its_recommendations(plan):
    expected = {"yorkshire_tab_html": ([3, 4, 3, 2, 3, 2, 3, 3, 3, 3, 3, 3], 1),
                "bgsw_broken_table": ([6, 4, 5, 4, 4, 4], 1),
                "hiow_pdf_interleaved": ([7, 6, 5, 3, 3, 0], 1),
                "ddc_page_columns": ([4, 4, 3, 7, 5], 1)}
    for name, (counts, partly) in expected.items():
        read = plan(name)
        assert [len(r.actions) for r in read.recommendations] == counts, name
        assert [r.agreement for r in read.recommendations].count("PartlyAgreed") == partly, name
    hiow = plan("hiow_pdf_interleaved").recommendations[5]  # HMPPS should: not agreed, no actions
    assert hiow.agreement == "NotAgreed" and set(hiow.reasons) == {"Commissioning", "Affordability"}
    lost = plan("yorkshire_tab_html").recommendations[8]  # line 71: the row cut at the page break
    assert (lost.number, lost.number_inferred, lost.text_missing, lost.agreement) == ("9", True, True, "Agreed")


def test_owners_as_the_third_sets_readers_name_them(plan):
    yorkshire, hiow, ddc = plan("yorkshire_tab_html"), plan("hiow_pdf_interleaved"), plan("ddc_page_columns")
    # lines 55 and 63: "HoHERPDU &amp; Head of Public" / (break) / "Protection (HoPP)", then SPOs, HoPP
    assert [owners(a) for a in actions(yorkshire, "7")] == [
        ["Head of Hull and East Riding PDU", "Head of Public Protection"], ["Senior Probation Officers"],
        ["Head of Public Protection"]]
    assert owners(actions(yorkshire, "1")[2]) == ["Head of Leeds PDU", "Head of Performance & Quality"]
    assert owners(actions(hiow, "2")[3]) == ["Head of Operations", "Learning and Development Manager"]  # 2.2
    assert owners(actions(hiow, "4")[1]) == ["Head of Interventions", "Business and Performance Manager"]
    # lines 410-423: "Purple Futures HR / Business Partner/", "Ongoing", the footer "Page 4 of 5", "Head of Operations"
    assert owners(actions(hiow, "5")[0]) == ["Purple Futures HR Business Partner", "Head of Operations"]
    assert not [a for r in hiow.recommendations for a in r.actions if "Page 4 of 5" in a.text]
    assert owners(actions(ddc, "1")[1]) == ["Heads of Operations", "Senior Probation Officers"]  # "HoO / SPOs"
    assert owners(actions(ddc, "2")[1]) == ["Head of Quality and Performance", "Heads of Operations"]
    assert owners(actions(ddc, "5")[0]) == ["Director of Operations", "NPS South West Divisional Director"]


def test_page_columns_give_a_lone_owner_to_the_action_not_the_measures_and_to_every_dated_action(plan):
    ddc = plan("ddc_page_columns")
    audit = actions(ddc, "1")[3]  # line 215, then two measures; "SPOs and Head of / Quality and / Performance"
    assert owners(audit) == ["Senior Probation Officers", "Head of Quality and Performance"]
    assert audit.target.raw == "Quarterly"
    assert (owners(actions(ddc, "2")[3]), actions(ddc, "2")[3].target.raw) == (["Chief Executive"], "Ongoing")
    # lines 378-380: "Through the Gate Manager" printed once beside three dated bullets
    assert [owners(a) for a in actions(ddc, "3")] == [["Through the Gate Manager"]] * 3
    assert owners(actions(ddc, "5")[4]) == [] and actions(ddc, "5")[4].target.progress == "Completed"


def test_cells_merged_into_the_text_after_head_of_and_a_wait_on_a_publication(plan):
    bgsw = plan("bgsw_broken_table")
    bbr = actions(bgsw, "1")[4]  # line 36: "... (BBR) programme Head of October 2020 and ... Interventions ..."
    assert (owners(bbr), bbr.target.due.isoformat()) == (["Head of Interventions"], "2020-10-01")
    assert "Head of October" not in bbr.text
    (waits,) = [d for d in bgsw.dependencies if d.action_key == "r3-1"]
    assert waits.on_deliverable == "hmpps-effective-supervision-framework"
    assert "dependent on the publication of" in waits.evidence
    assert owners(actions(bgsw, "3")[4]) == [] and actions(bgsw, "3")[4].target is None  # line 56: empty cells
    (ap,) = [d for d in plan("yorkshire_tab_html").dependencies if d.action_key == "r10-1"]
    assert ap.on_deliverable == "national-approved-premises-referral-framework"


def test_what_an_action_waits_on_where_the_sentence_names_only_its_kind(plan):
    hiow, ddc = plan("hiow_pdf_interleaved"), plan("ddc_page_columns")
    waits = {d.action_key: d.on_deliverable for d in hiow.dependencies}
    # 1.5: "... in line with the national Risk Management Framework which HMPPS is still developing",
    # target "NB timing dependent on publication of the framework by HMPPS": the framework, not the guidance
    assert waits["1.5"] == "national-risk-management-framework"
    # 2.4: "Implement the revised OASys risk of serious harm screening once it is released by HMPPS"
    screening = hiow.deliverables[waits["2.4"]]
    assert screening.label == "revised OASys risk of serious harm screening" and screening.developer == "hmpps"
    # 4.3: "adopt the CMQF ... once the national framework has been published by HMPPS"
    assert [(d.action_key, d.on_deliverable) for d in ddc.dependencies] == [("r4-6", "cmqf")]
    assert ddc.deliverables["cmqf"].label == "Case Management Quality Framework"


# ---------------------------------------------------------------- the fourth set: a Word plan, a PDF, a text dump


def test_the_fourth_set_reads_every_plan_with_its_recommendations(plan):
    expected = {"wwm_tab_breaks": [3, 3, 3, 4, 3, 2, 0], "east_of_england_word": [4, 3, 3, 4, 3, 0],
                "kss_region_pdf": [4, 3, 3, 4, 3, 2]}
    for name, counts in expected.items():
        read = plan(name)
        assert [len(r.actions) for r in read.recommendations] == counts, name
        assert [r.number for r in read.recommendations] == [str(n) for n in range(1, len(counts) + 1)], name
    # the PDF: a heading row spanning the table ("The Kent, Surrey and Sussex region should:") is no
    # recommendation, and the report's title is not the body's name
    kss = plan("kss_region_pdf")
    assert kss.inspected == "kent-surrey-and-sussex-region" and kss.warnings == []
    lost = plan("wwm_tab_breaks").recommendations[3]  # its row was lost at the page break
    assert (lost.number_inferred, lost.text_missing, lost.agreement) == (True, True, "Agreed")
    assert not lost.actions[0].text.endswith("the CRC will:")  # the lost row's lead-in is no action


def test_numbered_paragraphs_each_open_an_action_and_a_baseline_before_them_is_none(plan):
    wwm = plan("wwm_tab_breaks")  # line 29: a baseline paragraph, then "1.", "2.", "3.", owners split by <br>
    assert [(a.text[:3], owners(a)) for a in actions(wwm, "1")] == [
        ("1. ", ["Head of Learning and Development"]), ("2. ", ["Head of Quality"]), ("3. ", ["Senior Probation Officers"])]
    resettlement = actions(wwm, "5")[0]  # two owners joined by <br>, one date printed once
    assert owners(resettlement) == ["Head of Through the Gate", "Nacro Service Manager"]
    assert resettlement.target.raw == "July 2019"
    assert owners(actions(wwm, "6")[0]) == ["Head of Court Services, NPS Midlands"]  # the post and where it is
    assert [(d.action_key, d.on_deliverable) for d in wwm.dependencies] == [("r4-4", "national-enforcement-framework")]


def test_a_word_plans_merged_owner_cell_owns_every_action_it_spans(plan):
    word = plan("east_of_england_word")
    assert [owners(a) for a in actions(word, "4")] == [["Head of Essex North PDU"]] * 3 + [
        ["Head of Essex North PDU", "SPOs"]]
    assert [(d.action_key, d.on_deliverable) for d in word.dependencies] == [
        ("r5-3", "national-sentence-management-specification")]
    assert word.recommendations[5].agreement == "NotAgreed" and "equip" in word.tools


def test_a_pdf_row_cut_by_a_page_break_is_one_action_with_its_cells(plan):
    board = actions(plan("kss_region_pdf"), "4")[1]  # pages 3-4: one row, its owner and date on page 3
    assert board.text.startswith("A regional Accommodation Partnership Board will be set up")
    assert board.text.endswith("so that practitioners are aware of the housing options available in each area.")
    assert (owners(board), board.target.raw) == (["Regional Probation Director"], "Ongoing")
    assert [owners(a) for a in actions(plan("kss_region_pdf"), "4")[2:]] == [["Head of Kent PDU"]] * 2


# ---------------------------------------------------------------- the fifth set: a web page, two column dumps


def test_a_plan_published_as_a_web_page_with_its_summary_printed_across(plan):
    wales = plan("wales_region")  # rowspans, a colspan heading row, and "Total number of recommendations | Agreed ..."
    assert wales.inspected == "wales" and wales.warnings == []
    assert wales.summary == {"Total": 6, "Agreed": 4, "Partly Agreed": 1, "Not Agreed": 1}
    assert [len(r.actions) for r in wales.recommendations] == [3, 2, 3, 2, 0, 3]
    assert [owners(a) for a in actions(wales, "1")[1:]] == [["Heads of PDU", "Senior Probation Officers"]] * 2
    assert [(d.action_key, d.on_deliverable) for d in wales.dependencies] == [
        ("3.3", "national-approved-premises-referral-pathway")]


def test_interleaved_owner_cells_wrapped_at_head_and_a_text_tail_after_the_date(plan):
    london = plan("london_crc_interleaved")
    implement = actions(london, "1")[0]  # "... completed to a consistent standard via:" / "Head of Quality/Head" / "of Operations"
    assert (owners(implement), implement.target.raw) == (["Head of Quality", "Head of Operations"], "Sept 19")
    assert owners(actions(london, "4")[1]) == ["Head of Quality", "Head of Operations"]
    protocol = actions(london, "2")[0]  # line 201, after its owner and date: "and communicated to all staff."
    assert protocol.target.raw == "Sept 19" and protocol.text.endswith("and communicated to all staff.")
    assert owners(next(a for a in actions(london, "1") if a.number == "1.3")) == []  # a date, no owner


def test_page_columns_with_a_page_shared_by_two_recommendations(plan):
    sy = plan("sy_page_columns")
    assert [len(r.actions) for r in sy.recommendations] == [9, 4, 4, 0]
    assert [owners(a) for a in actions(sy, "1")[1:3]] == [["Head of Operations", "Area Managers"]] * 2
    assert [a.target.raw for a in actions(sy, "3")] == ["December 2018", "January 2019",
                                                         "June 2019 (subject to accreditation)", "Ongoing"]
    assert sy.recommendations[3].agreement == "NotAgreed"


# ---------------------------------------------------------------- the sixth set: two more table dumps


def test_the_sixth_set_reads_owners_dates_and_what_actions_wait_on(plan):
    north_west, dlnr = plan("north_west_tab_html"), plan("dlnr_broken_table")
    assert [len(r.actions) for r in north_west.recommendations] == [3, 4, 3, 3, 3, 3, 2, 3, 2]
    assert owners(actions(north_west, "1")[0]) == ["Head of Cumbria PDU", "Head of Performance and Quality"]
    assert [owners(a) for a in actions(north_west, "3")] == [["Head of Cumbria PDU"]] * 3  # one owner, a list
    # 6.3: "subject to the national roll-out of the Probation Reset policy by HMPPS"
    assert [(d.action_key, d.on_deliverable) for d in north_west.dependencies] == [("r6-3", "probation-reset-policy")]
    assert north_west.deliverables["probation-reset-policy"].developer == "hmpps"
    # line 31: "... dependent on the HMPPS national roll-out of the new Risk Assessment tool"
    assert [(d.action_key, d.on_deliverable) for d in dlnr.dependencies] == [("r1-4", "risk-assessment-tool")]
    assert owners(actions(dlnr, "1")[1]) == ["Head of Operations", "Senior Probation Officers"]


# ---------------------------------------------------------------- the seventh set: a column dump of each kind


def test_the_seventh_set_agreement_cells_cut_in_two_and_owners_over_a_page_break(plan):
    essex, hlny = plan("essex_page_columns"), plan("hlny_interleaved")
    # lines 448-450: "Partly Essex CRC agrees ..." / "Agreed released from custody ...": one cell, two lines
    partly = essex.recommendations[3]
    assert partly.agreement == "PartlyAgreed" and essex.warnings == []  # the summary table agrees now
    assert actions(essex, "2")[3].owner_raw == "Learning and Development Manager"  # "Manager" over the page
    # "Management oversight guidance issued ... once the new national practice framework has been developed
    # centrally": the framework is what it waits on, not the guidance it issues
    assert [(d.action_key, d.on_deliverable) for d in essex.dependencies] == [
        ("r2-3", "essex-crc/national-practice-framework")]
    assert [len(r.actions) for r in hlny.recommendations] == [7, 6, 5, 0, 3]
    assert owners(actions(hlny, "1")[6]) == ["Community Director", "Quality Lead"]  # "Community Director/Quality Lead"
    assert hlny.recommendations[3].agreement == "NotAgreed" and hlny.recommendations[3].reasons == ["Policy"]


# ---------------------------------------------------------------- the eighth set: a Word plan in two tables, a dump


def test_a_word_plan_in_two_tables_with_a_summary_after_a_heading(plan):
    word = plan("south_west_word")  # the second table's heading row is no lost recommendation
    assert [r.number for r in word.recommendations] == ["1", "2", "3", "4", "5", "6"] and word.warnings == []
    assert [len(r.actions) for r in word.recommendations] == [3, 2, 3, 3, 3, 0]
    assert owners(actions(word, "1")[0]) == ["Head of Devon and Torbay PDU", "SPOs"]
    assert [owners(a) for a in actions(word, "3")] == [["Head of Devon and Torbay PDU"]] * 3
    assert [(d.action_key, d.on_deliverable) for d in word.dependencies] == [
        ("r4-2", "national-unpaid-work-placement-framework")]


def test_a_baseline_paragraph_above_a_list_of_the_actions_is_no_action(plan):
    wd = plan("wd_broken_table")  # line 29: the OSAG baseline, then three bullets and three owners
    assert [(a.text[:24], owners(a)) for a in actions(wd, "1")[:3]] == [
        ("All Responsible Officers", ["Deputy Director Training"]),
        ("Domestic abuse call-out ", ["Deputy Director Operations"]),
        ("OASys risk of harm revie", ["Deputy Director Quality"])]
    assert actions(wd, "3")[0].text.startswith("Weekly caseload and workload reports")  # the reason is none
    assert [(d.action_key, d.on_deliverable) for d in wd.dependencies] == [("r3-3", "hmpps-case-allocation-framework")]


# ---------------------------------------------------------------- the ninth set: a PDF ruled only across, a dump


def test_a_pdf_table_ruled_only_across_is_read_from_its_numbered_headings(plan):
    pdf = plan("east_midlands_pdf")  # lines under rows, none down: the columns from "1." ... "6." in the heading
    assert [len(r.actions) for r in pdf.recommendations] == [3, 3, 2, 4, 2] and pdf.warnings == []
    assert pdf.summary == {"Agreed": 4, "Partly Agreed": 1, "Not Agreed": 0, "Total": 5}  # a smaller table below
    assert owners(actions(pdf, "1")[1]) == ["Head of Nottingham PDU", "Senior Probation Officers"]
    assert not [a for r in pdf.recommendations for a in r.actions if "Page" in a.text]  # footers are no text
    assert [(d.action_key, d.on_deliverable) for d in pdf.dependencies] == [
        ("2.3", "national-approved-premises-referral-framework")]


def test_two_rows_lost_at_page_breaks_keep_their_actions(plan):
    north_east = plan("north_east_tab_html")
    lost = [r for r in north_east.recommendations if r.number_inferred]
    assert [(r.number, r.agreement, len(r.actions)) for r in lost] == [("1", "Agreed", 3), ("6", "Agreed", 2)]
    assert [(d.action_key, d.on_deliverable) for d in north_east.dependencies] == [
        ("r5-2", "hmpps-national-sentence-management-specification")]


# ---------------------------------------------------------------- the tenth set: a web page, a broken table


def test_a_web_page_with_actions_split_by_line_breaks_and_cells_saying_not_applicable(plan):
    london = plan("greater_london")  # <br><br> between actions, "Action 1:" lead-ins, "N/A" cells
    assert [len(r.actions) for r in london.recommendations] == [3, 2, 3, 0, 2, 4] and london.warnings == []
    partly = london.recommendations[1]  # "We cannot agree to a fixed cap ..." comes before "Action 1:"
    assert partly.agreement == "PartlyAgreed" and actions(london, "2")[0].text.startswith("Action 1: Run a targeted")
    assert owners(actions(london, "2")[0]) == ["Regional Probation Director", "Head of Operations"]
    assert london.recommendations[3].agreement == "NotAgreed" and london.recommendations[3].reasons == ["Affordability"]


def test_a_broken_table_with_a_four_cell_row_of_measures_and_an_action_without_cells(plan):
    wy = plan("wy_broken_table")
    assert [len(r.actions) for r in wy.recommendations] == [4, 4, 4, 4, 3]
    assert len(wy.recommendations[0].measures) == 4  # line 32: four cells, the measures in the fourth
    training = actions(wy, "4")[3]  # line 53: "WY CRC will deliver ..." after a break, its cells empty
    assert training.text.startswith("WY CRC will deliver management oversight training") and training.owners == []
    assert [(d.action_key, d.on_deliverable) for d in wy.dependencies] == [("r2-4", "hmpps-effective-proposal-framework")]
