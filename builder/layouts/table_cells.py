"""Cells of tab-separated plans: HTML lists read into parts, and parts grouped into actions.

A response cell holds paragraphs (``<p>``), lists (``<ul><li>``, or ``<ul>`` with "•" bullets)
and bare text whose paragraphs are separated by double spaces.  The owner and date cells are
parallel lists, one item per action.  How the response's parts make actions is not printed, so
the grouping that gives as many actions as the owner and date cells have items is chosen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import NOT_FULLY_AGREED, fold, strip_markup

_STRUCTURE = re.compile(r"<p\b[^>]*>(?P<p>.*?)</p>|<li\b[^>]*>(?P<li>.*?)</li>|(?P<ul><ul\b[^>]*>)|"
                        r"(?P<end></ul>)|(?P<text>[^<]+)|<[^>]*>", re.S | re.I)
_PARAGRAPH_BREAK = re.compile(r"\s{2,}")
_BULLET = re.compile(r"\s*[•●▪]\s*")
_NOT_APPLICABLE = re.compile(r"n/?a|not applicable|-+|–", re.I)  # an owner or date cell saying there is none
_MONTH_YEAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}", re.I)
AGREEMENT_STATEMENT = re.compile(rf"^(?:(?:this|the) recommendation is {NOT_FULLY_AGREED}\b"
                                 r"|(?:we|\S+(?: \S+){0,3}) (?:do not|does not|cannot|can not|partly|partially) "
                                 r"(?:fully )?agrees?\b)", re.I)
MEASURES_LEAD = re.compile(r"(measur\w+ (the )?(impact|progress|success)|impact will be measured|"
                           r"(measured|monitored) (through|by)|success measures?)[^.]*:\s*$", re.I)


@dataclass(frozen=True)
class Part:
    kind: str  # "p" (a paragraph) or "li" (a list item)
    text: str


@dataclass
class Unit:
    """One action as the response cell prints it: a paragraph, with the list it introduces."""

    parts: list[Part]
    measures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The action's words; a list item after the paragraph that leads into it keeps its bullet,
        as the column dumps print it ("... the following relevant trackers: • Completion ...")."""
        return fold(" ".join(f"• {part.text}" if part.kind == "li" and index else part.text
                             for index, part in enumerate(self.parts)))


def parts_of(cell: str) -> list[Part]:
    """The paragraphs and list items of a cell, in order, as plain text."""
    parts: list[Part] = []
    in_list = False
    for m in _STRUCTURE.finditer(cell or ""):
        if m.group("ul") or m.group("end"):
            in_list = bool(m.group("ul"))
        elif m.group("li") is not None or (m.group("text") is not None and in_list):
            parts += [Part("li", text) for text in _pieces(m.group("li") or m.group("text"), _BULLET)]
        elif m.group("p") is not None or m.group("text") is not None:
            parts += _paragraphs(m.group("p") if m.group("p") is not None else m.group("text"))
    return parts


def _paragraphs(html: str) -> list[Part]:
    """Paragraphs split at double spaces; a "•" opens a list item."""
    parts = []
    for paragraph in _PARAGRAPH_BREAK.split(html):
        pieces = _BULLET.split(paragraph)
        parts += [Part("li" if index else "p", text) for index, text in enumerate(map(strip_markup, pieces))
                  if text]
    return parts


def _pieces(html: str, pattern: re.Pattern) -> list[str]:
    return [text for text in (strip_markup(piece) for piece in pattern.split(html)) if text]


def list_items(cell: str, dates: bool = False) -> list[str]:
    """An owner or date cell as its items: <p> items, or items separated by double spaces."""
    items = [part.text for part in parts_of(cell) if not _NOT_APPLICABLE.fullmatch(part.text)]
    if dates and len(items) == 1 and len(_MONTH_YEAR.findall(items[0])) > 1 and \
            not _MONTH_YEAR.sub("", items[0]).strip():
        items = _MONTH_YEAR.findall(items[0])  # "July 2020 May 2020": two cells run together
    return items


def units_of(parts: list[Part], wanted: int, continues: bool, cut_before: bool = False) -> tuple[list[Part], list[Unit]]:
    """Group parts into actions, ``wanted`` of them if any grouping gives that many.

    Returns the parts that continue the previous row's last action (a cut sentence or list)
    and the units.  Groupings tried, in order: lists kept with the paragraph that introduces
    them and leading list items read as continuing; then without the continuation; then every
    part its own action.
    """
    cut, rest = _cut_sentence(parts, cut_before) if continues else ([], parts)
    if cut and not rest and wanted:
        cut, rest = _sentence_ended(cut[0])
    # "This recommendation is partly agreed. ... cannot be funded ..." says why, and is an action
    # only where the cells need it to be one
    stated = bool(rest) and AGREEMENT_STATEMENT.match(rest[0].text) is not None
    tries = [(cut, numbered)] if len(numbered := _numbered(rest)) == wanted > 1 else []
    if wanted > 1 and rest and rest[0].kind == "p" and len(rest) == wanted + 1 and \
            all(part.kind == "li" for part in rest[1:]) and not rest[0].text.rstrip().endswith(":"):
        tries.append((cut, [Unit([part]) for part in rest[1:]]))  # a baseline above a list of the actions
    for body_parts in ([rest[1:], rest] if stated else [rest]):
        for merge in (True, False):
            for lead in ((True, False) if continues else (False,)):
                leading, body = _leading_items(body_parts) if lead else ([], body_parts)
                tries.append((cut + leading, _group(body, merge)))
    for leading, units in tries:
        if len(units) == wanted:
            return leading, units
    return tries[0] if wanted == 0 or tries[0][1] else tries[-1]


_ENUMERATED = re.compile(r"^(?:action\s+)?(\d{1,2})[.):]\s", re.I)  # "1. ...", "Action 2: ..."


def _numbered(parts: list[Part]) -> list[Unit]:
    """ "1. ...", "2. ...", "3. ...": paragraphs numbered from one each open an action, with what
    follows them up to the next; what comes before the first (a baseline, a lead-in) is the
    response's context, not an action.  Empty if the paragraphs are not so numbered."""
    def number(part: Part) -> int | None:
        m = _ENUMERATED.match(part.text) if part.kind == "p" else None
        return int(m.group(1)) if m else None

    numbers = list(map(number, parts))
    printed = [n for n in numbers if n is not None]
    if len(printed) < 2 or printed != list(range(1, len(printed) + 1)):
        return []
    units: list[Unit] = []
    for part, printed_number in zip(parts, numbers):
        if printed_number is not None:
            units.append(Unit([part]))
        elif units:
            units[-1].parts.append(part)
    return units


def _cut_sentence(parts: list[Part], cut_before: bool) -> tuple[list[Part], list[Part]]:
    """A row that opens in lower case, or after a sentence left unfinished ("... the use of
    the Court" / "Case Audit Tool (CCAT). ..."), carries on the sentence the last row was cut in."""
    if parts and (parts[0].text[:1].islower() or (cut_before and parts[0].kind == "p" and len(parts) > 1
                                                  and not _opens_sentence(parts[0].text))):
        return parts[:1], parts[1:]
    return [], parts


_SENTENCE_END = re.compile(r"(?<=[a-z)][.!?])\s+(?=[A-Z])")


def _sentence_ended(part: Part) -> tuple[list[Part], list[Part]]:
    """A row that only finishes the cut sentence yet has an owner and a date of its own: its next
    sentence starts the action they belong to ("... in local clusters. SWM CRC will instigate ...")."""
    pieces = _SENTENCE_END.split(part.text, maxsplit=1)
    if len(pieces) == 1:
        return [part], []
    return [Part(part.kind, pieces[0])], [Part("p", pieces[1])]


_OPENERS = {"the", "this", "these", "that", "those", "a", "an", "all", "each", "every", "in", "to", "we", "our",
            "it", "there", "where", "when", "following", "monthly", "quarterly"}
_VERBS = {"will", "is", "are", "has", "have", "was", "were", "can", "should", "must"}


def _opens_sentence(text: str) -> bool:
    """Whether a paragraph reads as a sentence of its own ("SWM CRC will ...", "The ..."), not as
    the rest of one ("Minority and RPD focus groups ...", "Case Audit Tool (CCAT). ...")."""
    words = text.lower().split()
    return bool(words) and (words[0] in _OPENERS or bool(_VERBS & set(words[1:4])))


def _leading_items(parts: list[Part]) -> tuple[list[Part], list[Part]]:
    count = next((i for i, part in enumerate(parts) if part.kind != "li"), len(parts))
    return parts[:count], parts[count:]


def _group(parts: list[Part], merge_lists: bool) -> list[Unit]:
    units: list[Unit] = []
    for part in parts:
        last = units[-1] if units else None
        introduced = last is not None and last.parts[-1].text.rstrip().endswith(":")
        if part.kind == "li" and last is not None and MEASURES_LEAD.search(last.parts[-1].text):
            last.measures.append(part.text)
        elif part.kind == "li" and introduced and (merge_lists or last.measures or len(last.parts) == 1):
            last.parts.append(part)  # "Specific areas to improve and identified actions:" is no action alone
        elif part.kind == "li" and merge_lists and last is not None and last.parts[-1].kind == "li" \
                and len(last.parts) > 1:
            last.parts.append(part)
        elif part.kind == "p" and introduced and len(last.parts) == 1 and not last.measures \
                and not MEASURES_LEAD.search(last.parts[0].text):
            last.parts.append(part)  # "... in the following ways:" leads into an action, is none itself
        else:
            units.append(Unit([part]))
    return units
