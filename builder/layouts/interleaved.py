"""Extract stage for dumps that print each action's owner and date right after its text.

Actions are numbered ("1.1", "1.1.1"); the owner and target cells follow the action's text,
on lines of their own or at the end of its last line, and sometimes in the middle of a
sentence that carries on after them ("... sickness / Community Directors May 19 / absence data)").
The target cell anchors the search: owner lines are the owner-like lines just before it (and
just after it, when the owner cell is taller than the date cell); everything else is text.
"""
from __future__ import annotations

import re

from ..model import RawAction, Span
from ..text import fold
from .cells import CellLine, cell_line, continues_date, is_owner_like, owner_tail
from .pdf_rows import Line

_ACTION_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<text>\S.*)?$")


def action_number(line: Line, recommendation: str) -> str | None:
    m = _ACTION_NUMBER.match(line.text)
    if m and m.group("number").split(".")[0] == recommendation:
        return m.group("number")
    return None


def has_numbered_actions(response: list[Line], recommendation: str) -> bool:
    return any(action_number(line, recommendation) for line in response)


def read_numbered_actions(response: list[Line], recommendation: str) -> list[RawAction]:
    starts = [i for i, line in enumerate(response) if action_number(line, recommendation)]
    ends = starts[1:] + [len(response)]
    return [_action(response[start:end], action_number(response[start], recommendation))
            for start, end in zip(starts, ends)]


def _action(lines: list[Line], number: str) -> RawAction:
    texts = [_ACTION_NUMBER.match(lines[0].text).group("text") or ""] + [l.text for l in lines[1:]]
    used = [l for l in lines if not l.is_padding]
    span = Span(used[0].number, used[-1].number)
    # the first line must keep some text of the action: "1.3 Quarterly workshops" is no date cell
    found = next(((i, c) for i, t in enumerate(texts) if (c := cell_line(t)) and (i or c.text)), None)
    if found is None:
        return _without_date(texts, number, span)
    index, cell = found
    owner_before, text_end = _owner_before(texts, index, cell)
    date, after = _date_after(texts, index + 1, cell.date)
    owner_after, resumed = _owner_after(texts, after)
    body = texts[:text_end] + [owner_before.text_left, cell.text] + texts[resumed:]
    owner = " ".join(p for p in [owner_before.owner, cell.owner, owner_after] if p)
    return RawAction(text=fold(" ".join(body)), span=span, number=number,
                     owner=owner or None, target=fold(date))


# "... on the intranet from Performance and" / "Information" / "Manager": the owner cell's first
# line printed at the end of the text's last line, cut at a joining word
_OWNER_OPENS = re.compile(r"(?<=\s)(?:[A-Z][\w&]*\s+)+(?:and|&|of)\s*$")


class _OwnerBefore:
    def __init__(self, owner: str, text_left: str):
        self.owner, self.text_left = owner, text_left


def _owner_before(texts: list[str], index: int, cell: CellLine) -> tuple[_OwnerBefore, int]:
    """Owner lines printed before the date line, and where the action's text before them ends."""
    parts: list[str] = []
    k = index - 1
    while k >= 1 and (not texts[k].strip() or is_owner_like(texts[k])):
        if texts[k].strip():
            parts.insert(0, texts[k].strip())
        k -= 1
    if k < 0:
        return _OwnerBefore(" ".join(parts), ""), 0
    if parts or not cell.owner:
        left, tail = owner_tail(texts[k])
        if not tail and parts and (m := _OWNER_OPENS.search(texts[k])):
            left, tail = texts[k][:m.start()].rstrip(), m.group(0).strip()
        if tail:
            return _OwnerBefore(" ".join([tail] + parts), left), k
    return _OwnerBefore(" ".join(parts), ""), k + 1


def _date_after(texts: list[str], index: int, date: str) -> tuple[str, int]:
    while index < len(texts) and continues_date(date, texts[index]):
        date = f"{date} {texts[index].strip()}"
        index += 1
    return date, _skip_padding(texts, index)


def _owner_after(texts: list[str], index: int) -> tuple[str, int]:
    """An owner cell taller than its date cell runs on below the date ("Completed / Managers")."""
    parts = []
    while index < len(texts) and (not texts[index].strip() or is_owner_like(texts[index])):
        if texts[index].strip():
            parts.append(texts[index].strip())
        index += 1
    return " ".join(parts), index


def _skip_padding(texts: list[str], index: int) -> int:
    while index < len(texts) and not texts[index].strip():
        index += 1
    return index


def _without_date(texts: list[str], number: str, span: Span) -> RawAction:
    """No target cell: owner-like lines at the end are still the owner."""
    end = len(texts)
    while end > 1 and (not texts[end - 1].strip() or is_owner_like(texts[end - 1])):
        end -= 1
    owner = fold(" ".join(texts[end:]))
    return RawAction(text=fold(" ".join(texts[:end])), span=span, number=number, owner=owner or None)
