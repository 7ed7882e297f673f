"""Target-date cells and header dates, parsed into due date, progress and recurrence.

The raw cell is always kept beside what is parsed from it; what cannot be read is
left unparsed (and reported by the caller) rather than guessed.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..model import Target
from ..text import fold

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_WORD = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
               r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# "May 19", "May19", "July.19", "June 2019", "22nd June 2023", "22 nd June 2023"
_WORD_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})\s*(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH_WORD})[\s.,]*(?P<year>\d{{4}}|\d{{2}})\b",
    re.I)
# "01.05.19", "10/06/2019"
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4}|\d{2})\b")
_BOTH = re.compile(r"\s(?:and|&)\s", re.I)
_QUARTER = re.compile(r"\bQ(?P<quarter>[1-4])\s+(?P<year>\d{4})(?P<next>/\d{2,4})?\b", re.I)
_RANGE_DASH = re.compile(r"\s[–—-]\s|\s+to\s+", re.I)

_COMPLETED = re.compile(r"\b(complete[d]?|concluded|achieved|in place|done)\b", re.I)
_ONGOING = re.compile(r"\b(ongoing|on-going|continuous|in progress)\b", re.I)
_TBC = re.compile(r"\bTBC\b|\bto be confirmed\b", re.I)
# the longer names first: "bi-monthly" and "six-monthly" also hold the word "monthly"
_RECURRENCE = (
    ("bi-monthly", re.compile(r"\bbi[- ]?monthly\b", re.I)),
    ("six-monthly", re.compile(r"\bsix[- ]monthly\b|\bbi-?annual(ly)?\b|\btwice (a|per|each) year\b|"
                                r"\btwice[- ]yearly\b|\bevery six months\b", re.I)),
    # "per week" is left out: "125 places per week" is a capacity, not how often the action recurs
    ("weekly", re.compile(r"\bweekly\b|\b(every|each) week\b", re.I)),
    ("fortnightly", re.compile(r"\bfortnightly\b|\bevery (two|2) weeks\b", re.I)),
    ("monthly", re.compile(r"\bmonthly\b|\b(every|each) (calendar )?month\b", re.I)),
    ("quarterly", re.compile(r"\bquarterly\b|\b(every|each) quarter\b", re.I)),
    ("annually", re.compile(r"\bannual(ly)?\b|\byearly\b|\bper annum\b|\b(every|each) year\b", re.I)),
    ("as and when required", re.compile(r"\bas and when\b", re.I)),
)
_STARTS = re.compile(r"\b(from|commenc\w*|starting|start|with effect from)\b", re.I)
_QUALIFIER_PARENS = re.compile(r"\(([^)]*)\)")
_NOTE = re.compile(r"\bNB\b.*$", re.I)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _month_number(word: str) -> int:
    return MONTHS[word[:3].lower()]


def find_dates(text: str) -> list[tuple[int, date, str]]:
    """Every date in the text, as (position, date, precision), in order."""
    found = []
    for m in _WORD_DATE.finditer(text):
        day = int(m.group("day")) if m.group("day") else None
        found.append((m.start(), _safe_date(_year(m.group("year")), _month_number(m.group("month")), day)))
    for m in _QUARTER.finditer(text):
        found.append((m.start(), _quarter_end(int(m.group("quarter")), int(m.group("year")), bool(m.group("next")))))
    for m in _NUMERIC_DATE.finditer(text):
        found.append((m.start(), _safe_date(_year(m.group("year")), int(m.group("month")), int(m.group("day")))))
    return sorted((pos, value[0], value[1]) for pos, value in found if value is not None)


def _quarter_end(quarter: int, year: int, financial: bool) -> tuple[date, str]:
    """The month a quarter ends: "Q3 2019/20" is October to December 2019 (the financial year
    starts in April); "Q3 2019" is July to September."""
    month = quarter * 3 + (3 if financial else 0)
    return (date(year + (month > 12), (month - 1) % 12 + 1, 1), "month")


def _safe_date(year: int, month: int, day: int | None) -> tuple[date, str] | None:
    try:
        return (date(year, month, day or 1), "day" if day else "month")
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """A header date such as "22nd June 2023", "10/06/2019" or "5 March 2020"."""
    if not text:
        return None
    dates = find_dates(text)
    return dates[0][1] if dates else None


@lru_cache(maxsize=1 << 14)  # asked of an action's target cell and again of its text
def recurrence_in(text: str) -> str | None:
    """How often the text says something repeats ("monthly", "per Annum" ...), or None.  The first
    named in the text wins: "monthly audits, reported quarterly" is a monthly action."""
    found = [(m.start(), name) for name, pattern in _RECURRENCE for m in [pattern.search(text)] if m]
    return min(found)[1] if found else None


def parse_target(raw: str) -> Target:
    text = fold(raw)
    dates = find_dates(text)
    recurrence = recurrence_in(text)
    completed = bool(_COMPLETED.search(text))
    ongoing = bool(_ONGOING.search(text))
    due = start = precision = None
    if dates:
        due, precision = dates[-1][1], dates[-1][2]
        if len(dates) > 1 and _RANGE_DASH.search(text[dates[0][0]:dates[-1][0]]):
            start = dates[0][1]
        elif recurrence:  # "Monthly from July 2023": first due when it starts
            start = dates[0][1]
        elif _STARTS.search(text[: dates[0][0]]):
            # "Commence October 2018" says when work starts, not when it is due: no due date is guessed
            start, precision = dates[0][1], dates[0][2]
            due = dates[-1][1] if len(dates) > 1 else None
        elif not (len(dates) > 1 and _BOTH.search(text[dates[0][0]:dates[-1][0]])):
            due, precision = dates[0][1], dates[0][2]  # else "June 2024 and November 2024": done when the last is
    if ongoing and not recurrence and completed:
        recurrence = "ongoing"
    return Target(raw=text, due=due, due_precision=precision, start=start,
                  progress=_progress(completed, ongoing, recurrence, due or start),
                  recurrence=recurrence, qualifiers=_qualifiers(text))


def _progress(completed: bool, ongoing: bool, recurrence: str | None, dated: date | None) -> str | None:
    if completed:
        return "Completed"
    if ongoing or recurrence:
        return "Ongoing"
    return "Planned" if dated else None


def _qualifiers(text: str) -> tuple[str, ...]:
    qualifiers = []
    if _TBC.search(text):
        qualifiers.append("TBC")
    for inner in _QUALIFIER_PARENS.findall(text):
        qualifiers.append(fold(inner))
    note = _NOTE.search(_QUALIFIER_PARENS.sub("", text))
    if note:
        qualifiers.append(fold(note.group(0)))
    if m := re.search(r"\bwith (checkpoint .*)$", text, re.I):
        qualifiers.append(fold(m.group(1)))
    return tuple(dict.fromkeys(q for q in qualifiers if q))
