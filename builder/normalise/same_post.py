"""One owner, one name: the spellings of one post within a plan become one owner.

Within one plan and one organisation, two owner cells name the same post when they differ only
by what cannot change a post: spacing and punctuation inside an abbreviation ("Head of M/C N PDU",
"Head of M/CN PDU"), a compass point before or after its place ("Head of N M/C PDU"), capitals,
"&" for "and", "of" or "the" ("Head HR"), singular and plural ("HR Lead", "HR Leads"), or a short
name against the words the plan itself spells it out with ("HoP&Q", "Head of P&Q" and "Head of
Performance and Quality", where the plan defines "Head of Performance and Quality (HoP&Q)").
The spelling the plan uses most names the owner; the others are kept as alternative names, and
each merge is reported with its lines.  What is only likely is left apart and reported as such:
the same words in another order ("Cluster Deputy Leads", "Deputy Cluster Leads"), or a word that
may be short for another ("Ops", "Operations") where the plan does not say so.  Plans are never
merged with each other: this runs on one plan at a time.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations

from ..model import Action, BuildWarning, Owner, Recommendation

_HEAD_OF = re.compile(r"^H[oO]([A-Z&][A-Za-z&]*)$")  # "HoP&Q", "HOI": the plans' short form of "Head of ..."
_COMPASS = {"n", "s", "e", "w", "north", "south", "east", "west", "central", "ne", "nw", "se", "sw"}
_UNITS = {"pdu", "pdus", "ldu", "ldus", "crc", "crcs", "region", "cluster", "clusters", "team", "teams", "unit"}
_SILENT = {"of", "the"}
_SINGULAR = {"managers", "leads", "directors", "officers", "teams", "heads", "members", "partners",
             "administrators", "practitioners", "coordinators", "chairs", "executives", "groups", "boards"}


def one_owner_per_post(recommendations: list[Recommendation], glossary: dict[str, str],
                       source: str) -> list[BuildWarning]:
    """Merge the spellings of each post, in place; return a warning for each merge and for each
    pair kept apart that may be the same post."""
    actions = [action for rec in recommendations for action in rec.actions]
    short_names = _short_names(glossary)
    groups: dict[tuple, list[Owner]] = defaultdict(list)
    for owner in _in_print_order(actions):
        groups[(owner.organisation, _spelling(owner, short_names))].append(owner)
    lines = _lines(actions)
    printed = Counter((owner.key, owner.label) for action in actions for owner in action.owners)
    chosen: dict[str, Owner] = {}
    warnings = []
    for spellings in groups.values():
        one = _one_owner(spellings, printed, short_names)
        chosen.update({owner.key: one for owner in spellings})
        labels = {owner.label.lower() for owner in spellings}
        if len(labels) > 1:
            warnings.append(BuildWarning(source, lines[one.key][0], _merged_message(one, spellings, lines)))
    for action in actions:
        action.owners = list({chosen[o.key].key: chosen[o.key] for o in action.owners}.values())
    return warnings + _maybe_the_same(groups, chosen, lines, source)


def _in_print_order(actions: list[Action]) -> list[Owner]:
    return list({owner.key + "|" + owner.label: owner for action in actions for owner in action.owners}.values())


def _lines(actions: list[Action]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for action in actions:
        for owner in action.owners:
            if action.span.first not in found[owner.key]:
                found[owner.key].append(action.span.first)
    return found


def _short_names(glossary: dict[str, str]) -> dict[str, str]:
    """The plan's short names, with those a "Head of" short name contains: "HoP&Q" defined as
    "Head of Performance and Quality" shows P&Q is "Performance and Quality"."""
    names = dict(glossary)
    for short, long in glossary.items():
        m = _HEAD_OF.match(short)
        if m and long.lower().startswith("head of ") and len(m.group(1)) > 1:
            names.setdefault(m.group(1), long[len("head of "):])
    return names


def _spelling(owner: Owner, short_names: dict[str, str]) -> tuple[str, ...]:
    """What is left of a post's name when what cannot change the post is taken out."""
    words = []
    for word in _compass_last(owner.label.split()):
        m = _HEAD_OF.match(word)
        if m and any(_HEAD_OF.match(short) for short in short_names):  # "HoOps": the plan's "Head of Ops"
            words += ["Head", "of"] + short_names.get(m.group(1), m.group(1)).split()
        else:
            words += short_names.get(word, word).split()
    return tuple(_canonical(words))


def _canonical(words: list[str]) -> list[str]:
    words = [w for w in (word.replace("&", " and ").strip(",.;") for word in words) for w in w.split()]
    tokens = [_singular(word) for word in words if word.lower() not in _SILENT]
    joined: list[str] = []
    for token in tokens:  # "M/C N", "M/CN": the letters of an abbreviation, however spaced
        letters = re.sub(r"[^A-Za-z0-9]", "", token)
        if joined and _is_piece(token) and joined[-1].startswith("#"):
            joined[-1] += letters.upper()
        else:
            joined.append("#" + letters.upper() if _is_piece(token) else letters.lower())
    return joined


def _is_piece(token: str) -> bool:
    """Part of an abbreviation: capitals only, perhaps with "/" ("M/C", "N"), not a unit's name."""
    letters = re.sub(r"[/.]", "", token)
    return bool(letters) and letters.isupper() and letters.isalpha() and token.lower() not in _UNITS


def _singular(word: str) -> str:
    if word.lower() in _SINGULAR:
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():  # "SPOs"
        return word[:-1]
    return word


def _compass_last(tokens: list[str]) -> list[str]:
    """A compass point names the same place before or after it ("N M/C", "M/C N"): put it after."""
    out = list(tokens)
    for index in range(len(out) - 1):
        word, following = out[index], out[index + 1]
        if (word.lower() in _COMPASS and following.lower() not in _COMPASS | _UNITS | _SILENT
                and following[:1].isupper()):
            out[index], out[index + 1] = following, word
    return out


def _one_owner(spellings: list[Owner], printed: Counter, short_names: dict[str, str]) -> Owner:
    """The spelling in words (not the plan's short names) used most, the first printed on a tie,
    names the owner; the others are kept.  ``printed`` counts the plan's owners by key and label."""
    used = Counter()
    for key, label in {(owner.key, owner.label) for owner in spellings}:
        used[label] += printed[key, label]

    def rank(owner: Owner) -> tuple[bool, int]:
        in_words = not any(word in short_names or _HEAD_OF.match(word) for word in owner.label.split())
        return in_words, used[owner.label]
    named = max(spellings, key=rank)  # max keeps the first on a tie
    others = {text for owner in spellings for text in (owner.label, owner.raw)}
    alternatives = tuple(sorted(t for t in others if t.lower() not in (named.label.lower(), named.raw.lower())))
    return replace(named, alt_labels=alternatives)


def _merged_message(one: Owner, spellings: list[Owner], lines: dict[str, list[int]]) -> str:
    printed = "; ".join(f"'{owner.label}' (line{'s' * (len(lines[owner.key]) > 1)} "
                        f"{', '.join(map(str, lines[owner.key]))})"
                        for owner in spellings if owner.label != one.label or owner.key != one.key)
    return (f"owner '{one.label}': {printed} name the same post, spelt another way; one owner, "
            "the other spellings kept as its alternative names")


def _maybe_the_same(groups: dict[tuple, list[Owner]], chosen: dict[str, Owner],
                    lines: dict[str, list[int]], source: str) -> list[BuildWarning]:
    """Owners left apart that may be one post: the same words in another order, or a word that
    may be short for another."""
    warnings = []
    for (first, a), (second, b) in combinations(groups.items(), 2):
        if first[0] != second[0]:
            continue
        why = _why_maybe(first[1], second[1])
        if why:
            one, other = chosen[a[0].key], chosen[b[0].key]
            warnings.append(BuildWarning(source, lines[other.key][0], (
                f"owners '{one.label}' (line {lines[one.key][0]}) and '{other.label}' (line "
                f"{lines[other.key][0]}) may be the same post ({why}); they are kept apart")))
    return warnings


def _why_maybe(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    if a != b and sorted(a) == sorted(b):
        return "the same words in another order"
    if len(a) != len(b):
        return None
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) == 1:
        x, y = sorted(differing[0], key=len)
        if len(x) >= 3 and not x.startswith("#") and y.startswith(x.rstrip("s")) and len(y) > len(x) + 2:
            return f"'{x}' may be short for '{y}'"
    return None
