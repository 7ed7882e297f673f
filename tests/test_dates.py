"""Target-date cells as the plans print them, read by a person first."""
from datetime import date

import pytest

from builder.normalise.dates import parse_date, parse_target, recurrence_in


@pytest.mark.parametrize("raw, due, precision, progress, recurrence", [
    ("May 19", date(2019, 5, 1), "month", "Planned", None),
    ("May19 – Aug 19", date(2019, 8, 1), "month", "Planned", None),
    ("01.05.19", date(2019, 5, 1), "day", "Planned", None),
    ("April 19 – July 19", date(2019, 7, 1), "month", "Planned", None),
    ("June 19 TBC", date(2019, 6, 1), "month", "Planned", None),
    ("Completed April 2019", date(2019, 4, 1), "month", "Completed", None),
    ("Complete and monthly", None, None, "Completed", "monthly"),
    ("Monthly from July 2023", date(2023, 7, 1), "month", "Ongoing", "monthly"),
    ("August 2023 and quarterly thereafter", date(2023, 8, 1), "month", "Ongoing", "quarterly"),
    ("Commence October 2018", None, "month", "Planned", None),  # a start, not a due date
    ("To be commenced April 2019", None, "month", "Planned", None),
    ("Oct 19 (NB timing dependant on provision of framework from Central Team)", date(2019, 10, 1), "month", "Planned", None),
    ("Completed", None, None, "Completed", None),
    ("Ongoing", None, None, "Ongoing", None),
    ("July.19", date(2019, 7, 1), "month", "Planned", None),
    ("Sept 19", date(2019, 9, 1), "month", "Planned", None),
    ("Complete and as and when required", None, None, "Completed", "as and when required"),
    ("Wave 4 concluded April 2023", date(2023, 4, 1), "month", "Completed", None),
    ("June 2024 and November 2024", date(2024, 11, 1), "month", "Planned", None),  # done when the last is
    ("April 19 with checkpoint Sept 19", date(2019, 4, 1), "month", "Planned", None),
])
def test_target_cells(raw, due, precision, progress, recurrence):
    target = parse_target(raw)
    assert (target.due, target.due_precision, target.progress, target.recurrence) == (due, precision, progress, recurrence)
    assert target.raw == raw


def test_a_start_is_kept_as_the_start():
    assert parse_target("Commence October 2018").start == date(2018, 10, 1)
    assert parse_target("Monthly from July 2023").start == date(2023, 7, 1)
    starting = parse_target("Starting May 2019, complete by March 2020")
    assert (starting.start, starting.due) == (date(2019, 5, 1), date(2020, 3, 1))


def test_range_keeps_its_start():
    assert parse_target("April 19 – July 19").start == date(2019, 4, 1)


def test_qualifiers_are_kept():
    target = parse_target("June 19 TBC NB dependant on provision of framework from Central Team")
    assert target.qualifiers == ("TBC", "NB dependant on provision of framework from Central Team")
    assert parse_target("Oct 19 (NB timing dependant on X)").qualifiers == ("NB timing dependant on X",)
    assert "checkpoint Sept 19" in parse_target("April 19 with checkpoint Sept 19").qualifiers


def test_unreadable_target_is_not_guessed():
    target = parse_target("Water 2020")
    assert target.due is None and target.progress is None


def test_header_dates():
    assert parse_date("22 nd June 2023") == date(2023, 6, 22)
    assert parse_date("10/06/2019") == date(2019, 6, 10)
    assert parse_date("5 March 2020") == date(2020, 3, 5)
    assert parse_date("no date here") is None


@pytest.mark.parametrize("text, recurrence", [
    ("communicated to Managers on a fortnightly basis", "fortnightly"),
    ("to ensure bi monthly new Case Manager starter induction", "bi-monthly"),  # not "monthly"
    ("themed practitioner forums which will be held bi-monthly", "bi-monthly"),
    ("Bi-annual meetings between Senior Managers", "six-monthly"),
    ("meetings in each location (at least 1 per Annum to engage with staff)", "annually"),
    ("Monthly audits, with a quarterly report to the board", "monthly"),  # the first named wins
    ("The provision of 125 UPW places per week", None),  # a capacity, not a frequency
    ("Review the induction programme", None),
])
def test_recurrence_named_in_action_text(text, recurrence):
    assert recurrence_in(text) == recurrence
