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
UNIT_NAME = re.compile(r"\b((?:[A-Z][\w'’]{2,}\s+){1,4})(PDU|LDU)\b")
_REGION = re.compile(r"\b((?:[A-Z][\w'’]{2,}\s+){1,4})[Rr]egion\b")
_CRC = re.compile(r"\b((?:[A-Z][\w'’]{2,}\s+(?:(?:&|and)\s+)?){1,5})(?:\([A-Z]+\)\s+)?CRC\b")
_OWNED_BY = re.compile(r"\b(?:led|owned|run|operated) by (?:the )?([A-Z][\w ]+)")
KIND_WORDS = {"PDU": "PDU", "LDU": "PDU", "Region": "Region", "CRC": "CRC"}


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


def kind_of(name: str) -> str:
    last = name.split()[-1] if name.split() else ""
    return KIND_WORDS.get(last, "Organisation")


class OrganisationIndex:
    """The organisations of one plan, found by name and keyed by slug."""

    def __init__(self, reference: Reference):
        self.reference = reference
        self.found: dict[str, Organisation] = {}
        self.inspected: str | None = None

    def add(self, name: str, parent: str | None = None) -> str:
        canonical = canonical_name(name)
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
        """Keys of the organisations named in a text, in order of first mention."""
        keys: list[tuple[int, str]] = []
        for name, key in self.reference.names.items():
            if name in text:  # a substring test first: most names are in no given text
                keys += [(m.start(), key) for m in _name_pattern(name).finditer(text)]
        for pattern in (UNIT_NAME, _REGION, _CRC):
            for m in pattern.finditer(text):
                keys.append((m.start(), self.add(m.group(0))))
        for _, key in sorted(keys):
            if key in self.reference.organisations:
                self.found.setdefault(key, self.reference.organisations[key])
        return list(dict.fromkeys(key for _, key in sorted(keys)))

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
