"""Code made faster reads exactly as the plain form it replaced: each is checked, on random text,
against that plain form (the reference kept here, where its cost does not matter)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.layouts.columns import _measures_out
from builder.terms import _ESCAPES, quoted
from builder.text import fold

# text the way action cells look, with the characters the fast paths care about made common
WORDS = st.sampled_from(["This", "will", "be", "evidenced", "measured", "monitored", "through", "by", ":",
                         "•", ".", "!", "?", "  ", "\n", "\t", "\xa0", "\u2028", "\x1c", "audit", "Evidenced",
                         "unevidenced", '"', "\\", "\r", "\x00", "\x7f", "\ufffe", "é", "😀"])
CELLS = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=60)


def reference_measures_out(text: str) -> tuple[str, list[str]]:
    evidenced = re.compile(r"(?:(?<=[.!?])\s+)?[^.!?•]*\b(?:evidenced|measured|monitored) (?:through|by)\s*:\s*(?=•)",
                           re.I)
    m = evidenced.search(text)
    if m is None:
        return text, []
    return text[:m.start()].strip(), [fold(item) for item in text[m.end():].split("•") if fold(item)]


@settings(max_examples=200, deadline=None)
@given(CELLS)
def test_measures_are_taken_out_of_an_action_as_the_backtracking_pattern_took_them(text):
    assert _measures_out(text) == reference_measures_out(text)


def test_measures_out_of_an_action_text():
    text = ("Deliver training. This will be evidenced through: • Improved quality outcomes • Feedback from staff")
    assert _measures_out(text) == ("Deliver training.", ["Improved quality outcomes", "Feedback from staff"])


@settings(max_examples=200, deadline=None)
@given(CELLS)
def test_fold_is_the_white_space_regex(text):
    assert fold(text) == re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@settings(max_examples=200, deadline=None)
@given(CELLS)
def test_quoting_is_the_escape_table(text):
    assert quoted(text) == '"' + text.translate(_ESCAPES) + '"'
