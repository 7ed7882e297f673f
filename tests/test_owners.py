"""Owner cells that name several posts, and posts whose names contain 'and'."""
import pytest

from builder.normalise.owners import normalise_owner, split_owner_cell


@pytest.mark.parametrize("cell, owners", [
    ("Head of M/C N PDU & HoP&Q", ["Head of M/C N PDU", "HoP&Q"]),
    # posts run together when a cell's lines are joined, and a cell's items joined by ";"
    ("Deputy Director RPP Deputy Director Training & Quality", ["Deputy Director RPP", "Deputy Director Training & Quality"]),
    ("Deputy Director Quality Head of Partnerships.", ["Deputy Director Quality", "Head of Partnerships"]),
    ("Deputy Director Unpaid Work; Deputy Director Offender Management",
     ["Deputy Director Unpaid Work", "Deputy Director Offender Management"]),
    ("Deputy Director Women; Equality & Diversity; Quality", ["Deputy Director Women; Equality & Diversity; Quality"]),
    ("Head of Operations and Head of Performance", ["Head of Operations", "Head of Performance"]),
    # from plans the builder had not seen: a post ending after "and", one post in two patches
    ("Head of Quality and Performance / Area Managers", ["Head of Quality and Performance", "Area Managers"]),
    ("Area Manager North Tyneside / Area Manager Sunderland", ["Area Manager North Tyneside", "Area Manager Sunderland"]),
    ("Head of Ops and HoP&Q", ["Head of Ops", "HoP&Q"]),
    ("Business Manager, Quality team and SPOs", ["Business Manager", "Quality team", "SPOs"]),
    ("Risk and Quality Manager/Business and Project Manager", ["Risk and Quality Manager", "Business and Project Manager"]),
    ("Community Director/ Training lead", ["Community Director", "Training lead"]),
    ("TTG Lead Interchange Managers/Strategic Managers", ["TTG Lead", "Interchange Managers", "Strategic Managers"]),
    ("Deputy Director RPP Deputy Director Quality", ["Deputy Director RPP", "Deputy Director Quality"]),
    ("Inspection and Quality Lead and Cluster Leads", ["Inspection and Quality Lead", "Cluster Leads"]),
    ("HR Leads and Health and Safety Leads", ["HR Leads", "Health and Safety Leads"]),
    ("HoCI &HJL", ["HoCI", "HJL"]),
    ("Community Director with Training Lead", ["Community Director", "Training Lead"]),
    ("Community Director/ Professional Service Centre", ["Community Director", "Professional Service Centre"]),
    ("Community Director/ Lead Interchange Managers", ["Community Director", "Lead Interchange Managers"]),
    # 001 lines 143 and 149: a post named by its short title and portfolio, then a head's post
    ("Head of GM Courts, SOSM Courts & Head of P&Q", ["Head of GM Courts", "SOSM Courts", "Head of P&Q"]),
    # names that contain a separator stay whole
    ("Head of Performance and Quality", ["Head of Performance and Quality"]),
    ("Quality, Policy and Performance Unit", ["Quality, Policy and Performance Unit"]),
    ("All LDU Deputy Director", ["All LDU Deputy Director"]),
    ("Deputy Director, Probation Workforce Programme", ["Deputy Director, Probation Workforce Programme"]),
    ("", []),
    ("Purple Futures HR Business Partner/", ["Purple Futures HR Business Partner"]),  # a separator ends the cell
    # from the third set of unseen plans: a post named with "and" after a head's post; a director's post
    ("Head of Operations with Learning and Development Manager", ["Head of Operations", "Learning and Development Manager"]),
    ("Head of Interventions & Business and Performance Manager", ["Head of Interventions", "Business and Performance Manager"]),
    ("Head of Quality and Performance and HoO", ["Head of Quality and Performance", "HoO"]),
    ("Director of Operations & NPS South West Divisional Director",
     ["Director of Operations", "NPS South West Divisional Director"]),
])
def test_split_owner_cell(cell, owners):
    assert split_owner_cell(cell) == owners


def test_a_short_name_the_plan_defines_as_heads_of_a_service_is_a_post_to_split_at():
    assert split_owner_cell("HoO / SPOs", {"HoO": "Heads of Operations"}) == ["HoO", "SPOs"]


def test_abbreviation_expanded_from_the_plans_own_definitions():
    owner = normalise_owner("HoP&Q", {"HoP&Q": "Head of Performance and Quality"}, "greater-manchester-region")
    assert owner.label == "Head of Performance and Quality"
    assert owner.raw == "HoP&Q"
    assert owner.key == "greater-manchester-region/head-of-performance-and-quality"


def test_a_short_name_typed_with_a_small_l_for_a_capital_i_is_the_one_the_plan_defines():
    # 001 defines "Head of Community Integration, HoCI" (line 119) and prints "HoCl" and "HOCl" in its cells
    glossary = {"HoCI": "Head of Community Integration", "HJL": "Health and Justice lead"}
    for typed in ("HoCI", "HoCl", "HOCl"):
        owner = normalise_owner(typed, glossary, "greater-manchester-region")
        assert (owner.label, owner.raw) == ("Head of Community Integration", "HoCI"), typed
    assert normalise_owner("HoCL Team", glossary, None).label == "HoCL Team"  # a name of its own


def test_teams_are_units_not_posts():
    assert normalise_owner("Quality team", {}, None).is_team
    assert not normalise_owner("Head of Operations", {}, None).is_team
    # 003 lines 1301-1313: bodies named as owners are organisational units, not posts
    assert normalise_owner("Interserve and the CRCs", {}, None).is_team
    assert normalise_owner("Professional Service Centre", {}, None).is_team
    assert not normalise_owner("Head of M/C N PDU", {}, None).is_team


def test_a_post_named_short_and_long_is_one_post():
    glossary = {"CSC": "Customer Service Centre"}
    long = normalise_owner("Customer Service Centre (CSC) Lead", glossary, "northshire-crc")
    short = normalise_owner("CSC Lead", glossary, "northshire-crc")
    assert long.key == short.key == "northshire-crc/customer-service-centre-lead"
    assert (long.label, short.raw) == ("Customer Service Centre Lead", "CSC Lead")


def test_a_defined_short_name_that_is_no_post_is_not_split_off():
    glossary = {"SFO": "Serious Further Offence", "BM": "Business Manager"}
    assert split_owner_cell("SFO & Complaints SOSM", glossary) == ["SFO & Complaints SOSM"]
    assert split_owner_cell("BM & SPOs", glossary) == ["BM", "SPOs"]
