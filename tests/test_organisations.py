"""Organisations named in a plan's text: whole names only, and the plan's own short names."""
from builder.normalise.organisations import OrganisationIndex
from builder.normalise.reference import load_reference


def index(text: str = "") -> OrganisationIndex:
    return OrganisationIndex(load_reference(), text)


def test_a_word_opening_the_sentence_is_not_part_of_the_name():
    assert index().mentions("Probation Liaison Committees.  Here Northshire CRC will present.") == ["northshire-crc"]


def test_two_bodies_joined_by_and_are_not_one_body():
    assert index().mentions("aligning NPS and CRC allocation processes") == ["nps"]


def test_a_name_inside_a_longer_name_or_a_post_is_no_mention():
    assert index().mentions("working with the National Probation Service") == ["nps"]
    assert index().mentions("Case Managers (Probation Service Officers) will attend") == []


def test_the_plans_own_short_name_is_the_same_body():
    organisations = index("A Response: Northshire and Eastmoor CRC (NEM CRC) will ensure ...")
    assert organisations.mentions("NEM CRC will audit cases.") == ["northshire-and-eastmoor-crc"]


def test_a_generic_name_inside_a_longer_proper_name_is_no_mention():
    assert index().mentions("Greater Manchester Probation Service (GMPS) will audit.") == []
    assert index().mentions("The Probation Service will deliver a unified model.") == ["probation-service"]
