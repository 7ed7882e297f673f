"""Organisations a plan names: the inspected body, its units, addressees, partners, central bodies.

Names are put in one canonical form ("Cumbria & Lancashire Community Rehabilitation Company"
and "Cumbria and Lancashire CRC" are the same body) so that keys are shared across plans.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..ids import slug
from ..model import Organisation
from ..text import fold
from .reference import Reference

_LONG_FORMS = (
    (re.compile(r"\bCommunity Rehabilitation Compan(y|ies)\b", re.I), "CRC"),
    (re.compile(r"\bProbation Delivery Units?\b", re.I), "PDU"),
    (re.compile(r"\bLocal Delivery Units?\b", re.I), "LDU"),
)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# "Tameside PDU", "Cardiff and Vale PDU" (an "and" inside a name, never after a PDU)
UNIT_NAME = re.compile(r"\b((?:(?!(?:PDU|LDU)\b)[A-Z][\w'’]{2,}\s+(?:(?:&|and)\s+(?=[A-Z]))?){1,4})(PDU|LDU)\b")
_REGION = re.compile(r"\b((?:[A-Z][\w'’]{2,}\s+){1,4})[Rr]egion\b")
_CRC = re.compile(r"\b((?:[A-Z][\w'’]{2,}\s+(?:(?:&|and)\s+)?){1,5})(?:\([A-Z]+\)\s+)?CRC\b")
# each pattern of a body's name, with the words it cannot match without: most texts have none of them,
# and a substring test is far cheaper than the pattern's try at every capitalised word
_BODY_NAMES = ((UNIT_NAME, ("PDU", "LDU")), (_REGION, ("egion",)), (_CRC, ("CRC",)))
_OWNED_BY = re.compile(r"\b(?:led|owned|run|operated) by (?:the )?([A-Z][\w ]+)")
KIND_WORDS = {"PDU": "PDU", "LDU": "PDU", "Region": "Region", "CRC": "CRC"}
# "Staffordshire and West Midlands CRC (SWM CRC)": the plan's own short name for a body
_ALIAS = re.compile(r"\b((?:[A-Z][\w'’]+ +(?:(?:&|and) +)?){1,5}(?:CRC|PDU|LDU)) *\(([A-Z]{2,} +(?:CRC|PDU|LDU))\)")
# words that open a sentence or a phrase, never a body's name: "Here Merseyside CRC will ..."
_NOT_A_NAME = {"here", "there", "the", "this", "that", "these", "those", "our", "their", "its", "each", "every",
               "all", "both", "in", "for", "with", "within", "across", "and", "as", "at", "by", "from", "of", "on",
               "to", "when", "where", "while", "if", "once", "then", "also", "whole", "wider"}
# "Probation Service Officer" is a post, not the Probation Service
_POST_AFTER = re.compile(r"\s+(?:Officers?|Managers?|Leads?|Directors?|Heads?|Staff)\b")


@lru_cache(maxsize=None)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def canonical_name(text: str) -> str:
    name = fold(_PARENTHESES.sub("", text))
    for pattern, short in _LONG_FORMS:
        name = pattern.sub(short, name)
    name = re.sub(r"\s*&\s*", " and ", name)
    name = re.sub(r"^(the|a response to)\s+", "", name, flags=re.I)
    name = re.sub(r"\s+should\s*:?\s*$", "", name, flags=re.I)
    name = re.sub(r"\bregion\b", "Region", name)
    return fold(name.strip(" :.,*"))


def _inside_a_name(text: str, start: int) -> bool:
    """ "Greater Manchester Probation Service" is a body of its own, not the Probation Service
    (a short, generic name after a capitalised word is part of a longer name)."""
    before = re.search(r"([A-Z][\w'’]*)\s+$", text[max(0, start - 40):start])
    return before is not None and before.group(1).lower() not in _NOT_A_NAME


def _named_body(m: re.Match, group: int = 0) -> tuple[int, int, None, str] | None:
    """A pattern's match without the words that open a phrase, or None if no name is left
    ("NPS and CRC allocation" names two bodies, not one)."""
    words = m.group(group).split()
    while words and words[0].lower() in _NOT_A_NAME:
        words = words[1:]
    if len(words) < 2 or words[-2].lower() in ("and", "&"):
        return None
    name = " ".join(words)
    return m.end(group) - len(name), m.end(group), None, name


def kind_of(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return KIND_WORDS.get(last, "Organisation")


class OrganisationIndex:
    """The organisations of one plan, found by name and keyed by slug."""

    def __init__(self, reference: Reference, text: str = ""):
        self.reference = reference
        self.found: dict[str, Organisation] = {}
        self.inspected: str | None = None
        self.aliases = {canonical_name(m.group(2)): canonical_name(_named_body(m, group=1)[3])
                        for m in _ALIAS.finditer(text) if _named_body(m, group=1)}

    def add(self, name: str, parent: str | None = None) -> str:
        canonical = canonical_name(name)
        canonical = self.aliases.get(canonical, canonical)
        key = self.reference.names.get(canonical) or self.reference.names.get(name.strip()) or slug(canonical)
        known = self.found.get(key) or self.reference.organisations.get(key)
        organisation = known or Organisation(key=key, label=canonical, kind=kind_of(canonical), parent=parent)
        if parent and not organisation.parent:
            organisation = replace(organisation, parent=parent)
        self.found[key] = organisation
        return key

    def set_parent(self, key: str, parent: str) -> None:
        if key in self.found and key != parent and not self.found[key].parent:
            self.found[key] = replace(self.found[key], parent=parent)

    def resolve_addressee(self, name: str) -> str:
        """ "The CRC" / "The PDU" stand for the inspected body when it is of that kind."""
        canonical = canonical_name(name)
        inspected = self.found.get(self.inspected or "")
        if inspected and canonical in KIND_WORDS and KIND_WORDS[canonical] == inspected.kind:
            return inspected.key
        return self.add(name)

    def mentions(self, text: str) -> list[str]:
        """Keys of the organisations named in a text, in order of first mention; a name inside a
        longer one ("Probation Service" in "National Probation Service") is not a mention."""
        spans: list[tuple[int, int, str | None, str | None]] = []  # start, end, known key or name to add
        for name, key in self.reference.names.items():
            if name in text:  # a substring test first: most names are in no given text
                spans += [(m.start(), m.end(), key, None) for m in _name_pattern(name).finditer(text)
                          if not _POST_AFTER.match(text, m.end())
                          and not (len(name.split()) <= 2 and _inside_a_name(text, m.start()))]
        for pattern, needed in _BODY_NAMES:
            if any(word in text for word in needed):
                spans += [span for m in pattern.finditer(text) if (span := _named_body(m))]
        keys = []
        for start, end, key, name in sorted(spans):
            if any(s <= start and end <= e and e - s > end - start for s, e, _, _ in spans):
                continue
            key = key or self.add(name)
            if key in self.reference.organisations:
                self.found.setdefault(key, self.reference.organisations[key])
            keys.append(key)
        return list(dict.fromkeys(keys))

    def owners_named(self, text: str) -> list[str]:
        """Owning companies a sentence says lead or own a body ("one of five CRCs led by Interserve")."""
        owners = []
        for m in _OWNED_BY.finditer(text):
            key = self.reference.names.get(m.group(1).split(".")[0].strip())
            if key is None:
                key = next((k for n, k in self.reference.names.items() if m.group(1).startswith(n)), None)
            if key and self.reference.organisations[key].kind == "Company":
                owners.append(key)
        return owners
