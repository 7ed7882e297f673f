"""Cues that tell an owner or target-date cell from response text, when a dump has lost the grid.

Owner cells are short runs of capitalised words ending in a post ("Head of Operations",
"All Community / Directors"); date cells open with a month and year, a state ("Completed")
or a start ("Commence October 2018") and may run on over several short lines
("June 19 TBC / NB dependant on / provision of ...").  Response text is long, lower-case
and punctuated.  These functions judge one line at a time so the readers stay simple.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalise.dates import _MONTH_WORD

NARROW = 40  # owner and date columns are narrow: their lines are short
_CONNECTORS = {"and", "of", "with", "for", "the", "&", "-", "in", "to"}
_ROLE_WORDS = {"lead", "leads", "manager", "managers", "team", "unit", "director", "directors",
               "officer", "officers", "members", "executive", "group", "board", "crcs"}
# a date cell opens with a date ("May 19", "w/c 14 October 2019", "End of March 2020", "By September"
# wrapped before its year), a quarter ("Q3 2019/20"), a season ("Autumn 2020"), or a state or frequency
_DATE_START = re.compile(
    rf"(?<![\w.])(?:(?:w/c\s+|week commencing\s+)?(?:\d{{1,2}}\s*(?:st|nd|rd|th)?\s+)?{_MONTH_WORD}[\s.,]*(?:\d{{4}}|\d{{2}})\b"
    rf"|(?:(?:the )?end of|by(?: the end of)?|before|early|mid|late)\s+{_MONTH_WORD}\b"
    r"|q[1-4]\s+\d{4}(?:/\d{2,4})?\b|(?:spring|summer|autumn|winter)\s+\d{4}\b"
    r"|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})\b"
    # "Completed" opens a cell with a capital: "completed to a consistent standard via:" goes on a sentence
    r"|(?-i:Completed?|COMPLETED?)\b|(?:ongoing|on-going|tbc|commenc\w*|to be (?:commenced|set up|confirmed|agreed)"
    r"|monthly|quarterly|weekly|annually|by end)\b)",
    re.I)
# a cell line ending on a joining word or mark goes on in the next line ("Interchange Managers and")
RUN_ON = re.compile(r"(\b(with|on|of|from|in|and|to|by|the)|[-–&(/,])\s*$", re.I)
_DATE_CONTINUATION = re.compile(rf"^\s*(nb\b|\(|checkpoint\b|{_MONTH_WORD}\b|\d)", re.I)
_SENTENCE_END = re.compile(r"[.;:!?]\s*$")
_NOTE = re.compile(r"\bNB\b")
_QUALIFIER = re.compile(r"\([A-Z][A-Za-z&,' -]*\)")
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s+")


@dataclass(frozen=True)
class CellLine:
    """A line holding a date cell, with the text and owner printed before it on the same line."""

    text: str
    owner: str
    date: str


def is_owner_like(text: str) -> bool:
    """Short, capitalised, no digits, not a sentence or a list item: a line of an owner cell."""
    stripped = text.strip()
    if not stripped or len(stripped) > NARROW or any(ch.isdigit() for ch in stripped):
        return False
    if _QUALIFIER.fullmatch(stripped):  # "Area Director / (Kent)": the post's patch, on a line of its own
        return True
    if stripped[0] in "•▪-–(" or _SENTENCE_END.search(stripped) or _DATE_START.match(stripped):
        return False
    words = [w for w in re.split(r"[\s/]+", stripped) if w]
    first = words[0].strip(",") or "&"
    if first[0].islower() and first.lower() not in _ROLE_WORDS | {"and", "with", "of"}:  # "Head" / "of Operations"
        return False
    return all(_owner_word(w) for w in words)


def _owner_word(word: str) -> bool:
    bare = word.strip(",()")
    return (not bare or bare[0].isupper() or bare.lower() in _CONNECTORS or bare.lower() in _ROLE_WORDS)


def date_start(text: str) -> int | None:
    m = _DATE_START.search(text)
    return m.start() if m else None


def cell_line(text: str) -> CellLine | None:
    """Split "…by 10.5.19. Community Directors May 19" into text, owner and date, if it ends so."""
    for m in _DATE_START.finditer(text):
        before, date = text[: m.start()], text[m.start():].strip()
        if not _is_date_tail(date):
            continue
        if not before.strip() or is_owner_like(before):
            return CellLine("", before.strip(), date)
        text_part, owner = owner_tail(before)
        if owner:
            return CellLine(text_part, owner, date)
    return None


def _is_date_tail(date: str) -> bool:
    """What follows a date cell's opening stays short and never ends a sentence."""
    return (len(date) <= NARROW and not date.endswith(".") and len(date.split()) <= 6
            and not _SENTENCE_BREAK.search(date))


def owner_tail(text: str) -> tuple[str, str]:
    """ "…by 01.05.19. All Community" -> ("…by 01.05.19.", "All Community"); else (text, "")."""
    breaks = list(_SENTENCE_BREAK.finditer(text))
    if not breaks:
        return text, ""
    tail = text[breaks[-1].end():].strip()
    if tail and is_owner_like(tail):
        return text[: breaks[-1].end()].rstrip(), tail
    return text, ""


def continues_date(date_so_far: str, line: str) -> bool:
    """Whether a short line after a date cell still belongs to it ("NB dependant on / provision of")."""
    stripped = line.strip()
    if not stripped or len(stripped) > NARROW or stripped[0] in "•▪":
        return False
    if date_so_far.count("(") > date_so_far.count(")") or RUN_ON.search(date_so_far):
        return True
    if _NOTE.search(date_so_far) and stripped.lower() in _ROLE_WORDS and date_so_far.split()[-1][:1].isupper():
        return True  # "NB ... framework from Seetec Central / Team": a name in the note, wrapped
    if stripped[0].islower() and stripped.endswith("."):  # "Sept 19" / "and communicated to all staff."
        return False  # a sentence's end printed below its cells after a page break, not the date's
    opens_like_date = stripped[0].islower() or bool(_DATE_CONTINUATION.match(stripped))
    return opens_like_date and not is_owner_like(stripped)
