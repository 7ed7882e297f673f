"""Agreement cells: "Agreed", "Partly Agreed (affordability ...)", "Not Agreed", and near misses.

The words come from the plans' definitions table (Agreed / Partly Agreed / Not Agreed) and the
variants the plans print ("Partially agreed", "Agreed in part", "Disagreed").  A cell whose words
are one or two letters away from exactly one of them ("Agred", "Partly agred") is read as that
word, and the caller warns: it is a guess, made only where no other word is as near.
"""
from __future__ import annotations

import re
from functools import lru_cache

AGREEMENT_WORDS = {
    "agreed": "Agreed", "partly agreed": "PartlyAgreed", "partially agreed": "PartlyAgreed",
    "agreed in part": "PartlyAgreed", "not agreed": "NotAgreed", "disagreed": "NotAgreed",
}
SUMMARY_NAMES = {"Agreed": "Agreed", "PartlyAgreed": "Partly Agreed", "NotAgreed": "Not Agreed"}  # as the summary table prints them
_NOT_AGREED = re.compile(r"\bnot\s+agreed\b|\bdisagreed\b")
_LEADING_WORDS = re.compile(r"\s*([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")


def agreement_value(cell: str | None) -> str | None:
    """ "Agreed", "PartlyAgreed" or "NotAgreed" where the cell says so in so many words."""
    text = (cell or "").lower()
    if "partly" in text or "partially" in text or re.search(r"\bin\s+part\b", text):
        return "PartlyAgreed"
    if _NOT_AGREED.search(text):
        return "NotAgreed"
    return "Agreed" if "agreed" in text else None


def near_agreement(text: str) -> tuple[str, str] | None:
    """The words a cell opens with, where they are a near miss of exactly one agreement word:
    (the words as printed, the value they are read as).  Whole words only, longest first."""
    m = _LEADING_WORDS.match(text)
    return _near_words(tuple(word for word in m.groups() if word)) if m else None


@lru_cache(maxsize=1 << 14)  # the column-dump reader asks of the same lines many times over
def _near_words(words: tuple[str, ...]) -> tuple[str, str] | None:
    for count in range(len(words), 0, -1):
        printed = " ".join(words[:count])
        value = _nearest(printed.lower())
        if value:
            return printed, value
    return None


def _nearest(printed: str) -> str | None:
    if printed in AGREEMENT_WORDS:
        return None  # not a near miss: the exact reading applies
    allowed = 1 if len(printed) < 8 else 2
    distances = {phrase: _distance(printed, phrase) for phrase in AGREEMENT_WORDS
                 if len(phrase.split()) == len(printed.split())}
    near = {AGREEMENT_WORDS[p] for p, d in distances.items() if d <= allowed}
    best = min(distances.values(), default=allowed + 1)
    values = {AGREEMENT_WORDS[p] for p, d in distances.items() if d == best}
    return values.pop() if best <= allowed and len(near) == 1 and len(values) == 1 else None


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn a into b."""
    previous2, previous = [], list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]
