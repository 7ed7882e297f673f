"""Responsible-owner cells: one cell can name several posts ("Head of M/C N PDU & HoP&Q").

A cell is split at "&", ",", "/", "and" only where the part before is already a whole post
("Head of Ops and HoP&Q" -> two owners) so that names such as "Risk and Quality Manager" or
"Head of Performance and Quality" stay whole.
"""
from __future__ import annotations

import re

from ..ids import slug
from ..model import Owner
from ..text import fold

_ROLE_NOUNS = {
    "manager", "managers", "lead", "leads", "director", "directors", "officer", "officers",
    "team", "teams", "unit", "executive", "head", "heads", "group", "board", "members",
    "pdu", "ldu", "panel", "administrators", "practitioners", "chair", "coordinator",
    "sosm", "som", "spo", "spos", "slt", "smt", "partner", "partners", "staff",
    "centre", "service", "crc", "crcs",
}
# an owner ending in one of these is a body, not a post: "Quality team", "Professional Service Centre",
# "Interserve and the CRCs"
_UNIT_NOUNS = {"pdu", "pdus", "ldu", "ldus", "crc", "crcs", "centre", "region", "regions", "unit"}
_TEAM_NOUNS = {"team", "teams", "group", "board", "panel", "slt", "smt", "partnership"} | _UNIT_NOUNS
_ROLE_STARTS = re.compile(r"^(head|deputy|director|all|chief|senior|community|business|cluster|"
                          r"quality|performance|learning|public|inspection|hr|health)\b", re.I)
_SEPARATORS = re.compile(r"\s+&\s*|\s+and\s+|\s+with\s+|\s*[,;/]\s*(?!\s*\d)")
_NEXT_HEAD = re.compile(r"(?<=[\w)])(?<!\band)(?<!\bor)(?<!\bwith)(?<!\bof)(?<!\bthe)\s+(?=(Deputy Director|Head of|Director)\b)")
_HEADED_POST = re.compile(r"(Deputy Director|Head of|Director)\s+[^\s;][^;]*")
_LEAD_THEN_ROLE = re.compile(r"(?<=[\w)] Lead)\s+(?=(?:[A-Z][a-z]+|[A-Z]{2,}) [A-Z][a-z]+s?\b)")


# a short name in brackets ("(CSC)", "(RPP)"), not a patch ("Area Director (Kent)")
_DEFINED_INSIDE = re.compile(r"\s*\([A-Z][a-z&]*[A-Z][A-Za-z&]*\)(?=\s|$)")
_SHORT_POST = re.compile(r"^([A-Z]{2,}[a-z]?) (Leads?|Managers?|Officers?|Team)$")


def _is_abbreviation(word: str) -> bool:
    letters = word.rstrip("s")
    return sum(ch.isupper() for ch in letters) >= 2 or (letters.isupper() and len(letters) >= 2)


def is_whole_post(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    last = words[-1].strip(".").lower()
    if len(last) < 2:
        return False
    if last in _ROLE_NOUNS or _is_abbreviation(words[-1]):
        return True
    return bool(re.match(r"^(?:heads? of|director of|deputy director of) \S", text, re.I)) and len(words) >= 3


def _starts_post(text: str) -> bool:
    """Whether the rest of a cell opens with another whole post ("Health and Safety Leads")."""
    if not text.split():  # a cell ending in a separator: "Purple Futures HR Business Partner/"
        return False
    first = text.split()[0]
    if _is_abbreviation(first):
        return True
    ends = [m.start() for m in _SEPARATORS.finditer(text)] + [len(text)]
    return any(is_whole_post(text[:end]) or (_ROLE_STARTS.match(text) and len(text[:end].split()) > 1)
               for end in ends[:3])


def split_owner_cell(cell: str, glossary: dict[str, str] | None = None) -> list[str]:
    """The posts a cell names, in order, as printed: split where what follows is a post too."""
    return [post for piece in _split_item(fold(cell), glossary) for post in _split_at_next_head(piece)]


_POST_OPENERS = re.compile(r"^(head|heads|deputy|director|chief|senior|assistant|area|all|the)\b", re.I)


def _opens_post(text: str) -> bool:
    """Whether what follows a separator begins a post of its own, not the rest of a portfolio
    ("Southwark PDU" of "Head of Lewisham and Southwark PDU" names a unit, not a post)."""
    following = _SEPARATORS.search(text)
    segment = text[:following.start()] if following else text
    words = segment.split()
    return bool(words) and (_is_abbreviation(words[0]) or bool(_POST_OPENERS.match(segment)) or
                            (is_whole_post(segment) and words[-1].lower() not in _UNIT_NOUNS) or
                            _named_with_and(text))


def _named_with_and(text: str) -> bool:
    """ "Business and Performance Manager", "Learning and Development Manager": a post whose name
    has an "and" in it, opening with a word posts open with."""
    opening = re.match(r"\S+ (?:and|&) ", text)
    if not opening or not _ROLE_STARTS.match(text):
        return False
    rest = text[opening.end():]
    following = _SEPARATORS.search(rest)
    name = text[:opening.end() + (following.start() if following else len(rest))]
    return name.split()[-1].lower() in _ROLE_NOUNS - _UNIT_NOUNS


def begins_like_a_post(text: str) -> bool:
    """Whether an owner item opens as posts do (a short name, "Head of", "Senior", "Business" ...),
    not as the rest of a name a page break cut ("Protection (HoPP)", "Courts & Head of P&Q")."""
    words = text.split()
    return bool(words) and (_is_abbreviation(words[0]) or bool(_POST_OPENERS.match(text) or _ROLE_STARTS.match(text)))


def _names_a_body(text: str) -> bool:
    """ "NPS Midlands" after "Head of Court Services,": the body the post is in, not another post."""
    following = _SEPARATORS.search(text)
    segment = text[:following.start()] if following else text
    words = segment.split()
    return bool(words) and _is_abbreviation(words[0]) and words[0].lower().rstrip("s") not in _ROLE_NOUNS \
        and not is_whole_post(segment)


def _same_post_again(before: str, after: str) -> bool:
    """ "Area Manager North Tyneside / Area Manager Sunderland": one post, two patches."""
    head, again = before.lower().split()[:2], after.lower().split()[:2]
    return len(head) == 2 and head == again


def _ends_name(mark: str, after: str) -> bool:
    """ "Head of Quality and Performance / Area Managers": the word after "and" ends the first
    post, where another separator follows it at once."""
    if mark.lower() not in ("and", "&"):
        return False
    following = _SEPARATORS.search(after)
    word = after[:following.start()] if following else ""
    return bool(following) and following.group().strip().lower() not in ("and", "&") and \
        len(word.split()) == 1 and not is_whole_post(word)


def _short_title_then_head(before: str, after: str) -> bool:
    """ "SOSM Courts & Head of P&Q": a post named by its short title and its portfolio ends where
    a head's post begins."""
    words = before.split()
    return len(words) >= 2 and _is_abbreviation(words[0]) and bool(_HEADED_POST.match(after))


def _split_at_next_head(text: str) -> list[str]:
    """Posts run together without a separator when a cell's lines are joined: "Deputy Director RPP
    Deputy Director Training & Quality", "Deputy Director Quality Head of Partnerships"."""
    pieces, start = [], 0
    for m in _NEXT_HEAD.finditer(text):
        if _HEADED_POST.fullmatch(text[start:m.start()]):
            pieces.append(text[start:m.start()])
            start = m.end()
    return pieces + [text[start:]]


def _split_item(text: str, glossary: dict[str, str] | None) -> list[str]:
    """Split at "&", "and", "," only after a whole post ("Risk and Quality Manager" is one); at ";"
    (which also joins a cell's items) wherever a post follows, but "Deputy Director Women;
    Equality & Diversity; Quality" is one post.  A short name the plan defines as something other
    than a post ("SFO & Complaints SOSM": SFO is Serious Further Offence) is not split off."""
    text = _LEAD_THEN_ROLE.sub(" ; ", text)
    parts: list[str] = []
    position = 0
    for separator in _SEPARATORS.finditer(text):
        before = text[position:separator.start()].strip()
        after = text[separator.end():].strip()
        not_a_post = before in (glossary or {}) and not is_whole_post(glossary[before])
        mark = separator.group().strip()
        # "Head of Lewisham and Southwark PDU", "Head of Learning, Quality and Development": a
        # head's portfolio goes on until another post begins
        portfolio = _HEADED_POST.match(before) and mark != ";" and not _opens_post(after)
        whole = (is_whole_post(before) and not portfolio) or mark == ";" or _short_title_then_head(before, after)
        follows = whole and _starts_post(after) and not _ends_name(mark, after) and \
            not (mark == "," and _names_a_body(after))
        if after and not not_a_post and (follows or (mark in ",/" and _same_post_again(before, after))):
            parts.append(before)
            position = separator.end()
    parts.append(text[position:].strip())
    return [part.strip(" ;,./") for part in parts if part.strip(" ;,./")]


def normalise_owner(raw: str, glossary: dict[str, str], organisation: str | None) -> Owner:
    """A post with abbreviations expanded where the whole name is one the plan defines."""
    # "Customer Service Centre (CSC) Lead", "Deputy Director Risk & Public Protection (RPP)": the post, not its short name
    label = _DEFINED_INSIDE.sub("", raw)
    abbreviation = None
    if (defined := _defined_as(raw, glossary)) and _is_abbreviation(raw.split()[0]):
        label, abbreviation = _capitalise(glossary[defined]), defined
    elif (m := _SHORT_POST.match(raw)) and m.group(1) in glossary:  # "CSC Lead"
        label, abbreviation = f"{_capitalise(glossary[m.group(1)])} {m.group(2)}", raw
    words = label.split()
    is_team = bool(words) and words[-1].lower() in _TEAM_NOUNS and not _HEADED_POST.match(label)  # "Head of X PDU"
    key = f"{organisation}/{slug(label)}" if organisation else slug(label)
    return Owner(key=key, label=label, raw=abbreviation or raw, organisation=organisation, is_team=is_team)


def _defined_as(raw: str, glossary: dict[str, str]) -> str | None:
    """The short name the plan defines that ``raw`` is, also where it is typed with a small L for a
    capital I, in other capitals ("HoCl", "HOCl" for the plan's "HoCI")."""
    if raw in glossary:
        return raw
    typed = raw.replace("l", "I").lower()
    return next((name for name in glossary if name.replace("l", "I").lower() == typed and " " not in name), None)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
