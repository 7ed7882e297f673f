"""Abbreviations a plan defines for itself."""
from builder.normalise.glossary import find_definitions


def test_expansion_spelled_by_initials():
    text = ("managed with the Regional Case Audit Tool (RCAT) and the Head of Performance and "
            "Quality (HoP&Q) with the Offender Assessment System (OASys) and Spousal Assault Risk "
            "Assessment (SARA3) and Senior Probation Officers (SPOs).")
    glossary = find_definitions(text)
    assert glossary["RCAT"] == "Regional Case Audit Tool"
    assert glossary["HoP&Q"] == "Head of Performance and Quality"
    assert glossary["OASys"] == "Offender Assessment System"
    assert glossary["SARA3"] == "Spousal Assault Risk Assessment"
    assert glossary["SPOs"] == "Senior Probation Officers"


def test_no_definition_when_initials_do_not_match():
    assert find_definitions("we will do this soon (ABC) and (see 3.1)") == {}


def test_generic_trailing_noun_is_dropped():
    glossary = find_definitions("the Effective Management Oversight process (EMO) is used")
    assert glossary["EMO"] == "Effective Management Oversight"


def test_initials_with_minor_words_or_a_short_name_inside():
    glossary = find_definitions("The Head of Interventions (HOI) and The Quality SPO (QSPO) will meet.")
    assert glossary["HOI"] == "Head of Interventions"
    assert glossary["QSPO"] == "Quality SPO"
