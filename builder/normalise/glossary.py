"""Abbreviations a document defines for itself: "Head of Performance and Quality (HoP&Q)".

An expansion is accepted only when the initials of the words before the brackets spell the
abbreviation, so "managed by the Regional Case Audit Tool (RCAT)" yields
RCAT -> "Regional Case Audit Tool" and never "managed by the ...".
"""
from __future__ import annotations

import re

_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9&/]{1,9}(?: [A-Z][A-Za-z0-9&/]{1,9})?)\)")
_WORD = re.compile(r"[A-Za-z0-9][\w'’&-]*|&")
_MINOR = {"of", "and", "&", "the", "for", "to", "in", "on", "with", "at", "a"}
_TRAILING_GENERIC = {"process", "framework", "model", "tool", "team", "programme", "meetings", "meeting"}
MAX_WORDS = 9


def abbreviation_key(abbreviation: str) -> str:
    """The letters an expansion's initials must spell: capitals and digits ("HoP&Q" -> "HPQ")."""
    stem = abbreviation[:-1] if abbreviation.endswith("s") and abbreviation[:-1].isupper() else abbreviation
    capitals = "".join(ch for ch in stem if ch.isupper() or ch.isdigit())
    return capitals or stem.upper()


def _initials(words: list[str]) -> set[str]:
    """What the words' initials can spell: without the minor words, with them ("Head of
    Interventions (HOI)"), and with a short name inside spelt whole ("Quality SPO (QSPO)")."""
    major = [word for word in words if word.lower() not in _MINOR]
    return {"".join(word[0].upper() for word in major),
            "".join(word[0].upper() for word in words if word != "&"),
            "".join(word if word.isupper() and len(word) > 1 else word[0].upper() for word in major)}


def _expansion(words: list[str], key: str) -> str | None:
    """The shortest run of words ending the list (less a generic trailing noun) that spells key."""
    candidates = [words]
    # "... process (EMO)" names the process; "Head of Cardiff and Vale PDU (HoCV)" leaves out a
    # short name the words end in, and the post keeps it
    named_unit = bool(words) and len(words[-1]) > 1 and words[-1].isupper()
    if words and (words[-1].lower() in _TRAILING_GENERIC or named_unit):
        candidates.append(words[:-1])
    for run in candidates:
        for size in range(1, min(len(run), MAX_WORDS) + 1):
            tail = run[-size:]
            if tail[0].lower() in _MINOR or not tail[0][0].isupper() and not tail[0][0].isdigit():
                continue
            initials = _initials(tail)
            if key in initials or (key.rstrip("0123456789") in initials and key[-1].isdigit()):
                if run is words:
                    return " ".join(words[-size:])
                return " ".join(words[-size - 1:] if named_unit else run[-size:])
    return None


def find_definitions(text: str) -> dict[str, str]:
    """Every "Long Name (ABBR)" the text defines, first definition winning."""
    glossary: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        abbreviation = m.group(1)
        if abbreviation in glossary or abbreviation.islower():
            continue
        before = _WORD.findall(text[max(0, m.start() - 160): m.start()])
        expansion = _expansion(before, abbreviation_key(abbreviation))
        if expansion:
            glossary[abbreviation] = expansion
    return glossary
