"""Extract stage for dumps that print the owner and date columns after the text of each page.

On such a page the response text comes first, then the owner column, then the date column,
each padded with blank lines that keep every entry at the height it had on the page.  So an
entry belongs to the action (or measure) printed at the same height: the columns are aligned
with the bullets by the offsets between their entries, not merely by order.  The top padding of
a column is lost in the dump, so the alignment is the shift that lands most entries on bullets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import RawAction, RawMeasure, RawPlan, RawRecommendation, Span
from ..normalise.dates import parse_target
from ..normalise.owners import is_whole_post
from ..text import fold
from .cells import NARROW, RUN_ON, date_start, is_owner_like
from .pdf_rows import Line, RecommendationBlock

_ITEM = re.compile(r"^\s*(?P<mark>[•●]|[-–](?=\s))\s*(?P<text>.*)$")
_LIST_INSIDE = re.compile(r"^\s*[▪◦○]")
_MEASURES = re.compile(r"^\s*(measuring progress|measures?|measure the impact by|success measures?)\b.*:\s*$", re.I)
_ACTIONS = re.compile(r"^\s*(actions?|.{0,60}\bwill(?: continue to| ensure that)?)\s*:\s*$", re.I)
_OTHER = {"owner": "date", "date": "owner"}
_POST_ENDS = {"manager", "managers", "lead", "leads", "officer", "officers", "director", "directors"}  # no post alone


@dataclass
class Item:
    """A bullet of a page: an action, or a measure after "Measuring Progress:"."""

    block: int
    kind: str  # "action" or "measure"
    level: int  # 0 for "•", 1 for "-" items under a bullet
    row: int
    lines: list[Line]
    parent: "Item | None" = None
    cells: dict[str, list[str]] = field(default_factory=lambda: {"owner": [], "date": []})


@dataclass
class Entry:
    """One owner or date cell of a page's column: its height (rows) and its lines."""

    row: int
    lines: list[Line]
    squeezed: bool  # printed hard against the line before: the padding above it was lost

    @property
    def text(self) -> str:
        return fold(" ".join(line.text for line in self.lines))

    @property
    def kind(self) -> str:
        return "date" if date_start(self.text) == 0 else "owner"


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    text_rows: int = 0
    column_rows: int = 0
    squeezed_at: dict[str, int] = field(default_factory=dict)  # column -> item of its squeezed top entry


def read_page_columns(blocks: list[RecommendationBlock], plan: RawPlan) -> list[RawRecommendation]:
    from .columns import recommendation

    pages = _pages(blocks)
    _Aligner(plan).align(pages)
    column_lines = frozenset(line.number for page in pages for entry in page.entries for line in entry.lines)
    recommendations = [recommendation(block, column_lines) for block in blocks]
    for item in (item for page in pages for item in page.items):
        _add(recommendations[item.block], item)
    return recommendations


# ---------------------------------------------------------------- segment into pages


def _pages(blocks: list[RecommendationBlock]) -> list[Page]:
    pages, page = [], Page()
    previous: Line | None = None
    for index, block in enumerate(blocks):
        mode, current = "action", None
        width = max((len(line.text.rstrip()) for line in block.response), default=0)
        for line in block.response:
            if _is_column_line(line, previous, in_column=bool(page.entries)):
                _add_to_column(page, line, previous)
            elif line.is_padding:
                page.column_rows += bool(page.entries)
                page.text_rows += not page.entries
            else:
                if page.entries:
                    pages.append(page)
                    page = Page()
                    if current is not None and line.text[:1].islower():
                        # "... with a practice development" / (page break) / "session in each cluster
                        # ...": the bullet goes on; its cells stay with the page it began on
                        current.lines.append(line)
                        page.text_rows, previous = 1, line
                        continue
                    current = None
                mode, current = _read_text_line(page, index, line, mode, current, previous, width)
                page.text_rows += 1
            previous = line
    pages.append(page)
    return pages


def _is_column_line(line: Line, previous: Line | None, in_column: bool) -> bool:
    text = line.text.strip()
    if not text or len(text) > NARROW or _ITEM.match(text) or _LIST_INSIDE.match(text) or text[-1] in ".:;":
        return False
    if in_column:
        return True
    if not (is_owner_like(text) or date_start(text) == 0):
        return False
    wraps = (previous is not None and not previous.is_padding and line.number - previous.number <= 2
             and previous.text.strip()[-1:] not in ".:;" and not line.text[:1].isspace())
    return not wraps


def _add_to_column(page: Page, line: Line, previous: Line | None) -> None:
    squeezed = previous is not None and line.number - previous.number == 1 and line.text[:1].isspace()
    last = page.entries[-1] if page.entries else None
    joined = (last is not None and previous is not None and not previous.is_padding
              and last.lines[-1] is previous and last.squeezed == squeezed and not _starts_new(last, line))
    if joined:
        last.lines.append(line)
    else:
        page.entries.append(Entry(page.column_rows, [line], squeezed))
    page.column_rows += 1


def _starts_new(entry: Entry, line: Line) -> bool:
    """A date opening under an owner, or under a date already whole, is a new entry."""
    if date_start(line.text.strip()) != 0:
        return False
    if entry.kind == "owner":
        return True
    target = parse_target(entry.text)
    return bool(target.due or target.progress) and not RUN_ON.search(entry.text)


def _read_text_line(page: Page, block: int, line: Line, mode: str, current: Item | None,
                    previous: Line | None, width: int) -> tuple[str, Item | None]:
    text = line.text
    if _MEASURES.match(text):
        return "measure", None
    if _ACTIONS.match(text):
        return "action", None
    m = _ITEM.match(text)
    if m:
        level = 0 if m.group("mark") in "•●" else 1
        parent = _parent(page, block, level)
        item = Item(block, mode, level, page.text_rows, [line], parent)
        page.items.append(item)
        return mode, item
    follows = previous is not None and not previous.is_padding and not _ends_paragraph(previous, width)
    if current is not None and (follows or _LIST_INSIDE.match(text)):
        current.lines.append(line)
        return mode, current
    return mode, None


def _ends_paragraph(line: Line, width: int) -> bool:
    """A sentence ending well short of the column's width: the line did not wrap, the paragraph
    ended there, and what follows ("Please note the actions ... are relevant to ...") is not the
    bullet's text."""
    text = line.text.rstrip()
    return text[-1:] in ".!?" and len(text) < 0.7 * width


def _parent(page: Page, block: int, level: int) -> Item | None:
    if level == 0:
        return None
    return next((i for i in reversed(page.items) if i.level == 0 and i.block == block), None)


# ---------------------------------------------------------------- align columns with bullets


class _Aligner:
    """Gives each page's column entries to the bullets at their height."""

    def __init__(self, plan: RawPlan):
        self.plan = plan
        self.pending: dict[str, list[Entry]] = {"owner": [], "date": []}
        self.last: dict[str, tuple[Entry, list[Item]] | None] = {"owner": None, "date": None}
        self.owners_before_bullets: list[tuple[str, Item]] = []  # (owner, the action it was given to)

    def align(self, pages: list[Page]) -> None:
        for page in pages:
            for kind in ("date", "owner"):  # dates first: owners then line up with dated bullets
                self._align_column(page, [e for e in page.entries if e.kind == kind], kind)
        items = [item for page in pages for item in page.items]
        for owner, first in self.owners_before_bullets:
            _spread_down(owner, first, items)
        for kind, entries in self.pending.items():
            for entry in entries:
                self.plan.warn(entry.lines[0].number, f"{kind} {entry.text!r} is printed with no "
                               "action on its page or after it; it is not linked to an action")
        for item in (item for page in pages for item in page.items):
            for kind in ("owner", "date"):
                if not item.cells[kind] and item.parent is not None:
                    item.cells[kind] = list(item.parent.cells[kind])

    def _align_column(self, page: Page, entries: list[Entry], kind: str) -> None:
        entries = self._continue_previous(entries, kind)
        if not page.items:
            self.pending[kind].extend(entries)
            return
        self._give_pending(page.items, kind)
        chosen = _alignment(page.items, entries, kind, _twin(page, entries, kind))
        for entry, index in zip(entries, chosen):
            self._give(entry, _spanned(page.items, index, entry, set(chosen), kind), kind)
        if kind == "owner" and len(entries) == 1:
            _one_owner_for_the_page(page, page.items[chosen[0]], entries[0])
        if entries and entries[0].squeezed:
            page.squeezed_at[kind] = chosen[0]

    def _continue_previous(self, entries: list[Entry], kind: str) -> list[Entry]:
        """An owner cell cut by a page break ("… Interchange Managers and" / "Business Project Manager",
        "Learning and Development" / "Manager")."""
        last = self.last[kind]
        if entries and last and (RUN_ON.search(last[0].text) or (
                entries[0].text.lower() in _POST_ENDS and not is_whole_post(last[0].text))):
            first = entries[0]
            for item in last[1]:
                item.cells[kind][-1] = f"{item.cells[kind][-1]} {first.text}"
            self.last[kind] = (first, last[1])
            return entries[1:]
        return entries

    def _give_pending(self, items: list[Item], kind: str) -> None:
        """Cells printed on a page before the row's bullets (cut off by a page break from the
        bullets they stand for) go to the next bullets without one, in order. A row's owner
        cell is printed once for the whole row: it goes on down the row (``_spread_down``)."""
        waiting = [i for i in items if not i.cells[kind]]
        for entry, item in zip(self.pending[kind], waiting):
            self.plan.warn(entry.lines[0].number, f"{kind} {entry.text!r} is printed on a page with no action; "
                           + ("it is given to the actions after it that have no owner, up to the next owner"
                              if kind == "owner" else "it is given to the next action without one")
                           + ", which may be wrong")
            self._give(entry, [item], kind)
            if kind == "owner":
                self.owners_before_bullets.append((entry.text, item))
        self.pending[kind] = self.pending[kind][len(waiting):]

    def _give(self, entry: Entry, items: list[Item], kind: str) -> None:
        for item in items:
            if item.cells[kind]:
                self.plan.warn(entry.lines[0].number, f"two {kind} cells line up with one action: "
                               f"{item.cells[kind][0]!r} and {entry.text!r}; both are kept")
            item.cells[kind].append(entry.text)
        self.last[kind] = (entry, items)


def _one_owner_for_the_page(page: Page, given: Item, entry: Entry) -> None:
    """One owner beside a page of actions that each have a date: printed once for them all (the
    column's top padding, and so its height, is lost), as a table's one owner cell stands for
    every action of its row."""
    actions = [item for item in page.items if item.kind == "action" and item.level == 0 and item.block == given.block]
    if len(actions) > 1 and all(item.cells["date"] for item in actions):
        for item in actions:
            if not item.cells["owner"]:
                item.cells["owner"].append(entry.text)


def _spread_down(owner: str, first: Item, items: list[Item]) -> None:
    """The actions of ``first``'s recommendation after it share its owner, up to one with an owner
    of its own (steps under a bullet and measures keep theirs: they take their parent's below)."""
    for item in items[items.index(first) + 1:]:
        if item.block != first.block or (item.kind == "action" and item.level == 0 and item.cells["owner"]):
            return
        if item.kind == "action" and item.level == 0:
            item.cells["owner"].append(owner)


def _twin(page: Page, entries: list[Entry], kind: str) -> int | None:
    """Both columns' top entries printed hard against the line before lost the same padding:
    they stand at one height, so the second lines up with the bullet the first went to."""
    other = page.squeezed_at.get(_OTHER[kind])
    return other if entries and entries[0].squeezed else None


def _alignment(items: list[Item], entries: list[Entry], kind: str, anchor: int | None = None) -> list[int]:
    """The item each entry lines up with: entries go down the page in order, one item each,
    at the shift (first entry to some bullet) that puts them nearest to their items' rows.

    The padding above a column's first entry is lost, so several shifts can fit equally well.
    Ties go to bullets still without such a cell, then to bullets over the items listed under
    them, then to bullets the other column already gave a cell to, then to the lowest shift (a column hangs as low as its entries allow).
    With an ``anchor`` the first entry goes to that item.
    """
    if not entries:
        return []
    best: tuple | None = None
    for anchor in ([items[anchor]] if anchor is not None else items):
        shift = anchor.row - entries[0].row
        cost, chosen = _ordered_match([e.row + shift for e in entries], [i.row for i in items])
        filled = sum(bool(items[j].cells[kind]) for j in chosen)
        other = sum(bool(items[j].cells[_OTHER[kind]]) for j in chosen)
        under = sum(items[j].level > 0 for j in chosen)  # "- Cardiff and Swansea clusters" shares its bullet's cells
        measures = sum(items[j].kind == "measure" for j in chosen)
        key = (cost, filled, under, measures, -other, -shift)
        if best is None or key < best[0]:
            best = (key, chosen)
    return best[1]


def _ordered_match(rows: list[int], starts: list[int]) -> tuple[int, list[int]]:
    """Dynamic programming: increasing item indices minimising the total distance in rows.

    With more entries than items the surplus shares the last items (never silently dropped).
    """
    strict = len(rows) <= len(starts)
    # cost[i][j]: best cost of placing entries[:i+1] with entry i on item j
    cost = [[0] * len(starts) for _ in rows]
    back = [[0] * len(starts) for _ in rows]
    infinity = float("inf")
    for i, row in enumerate(rows):
        running, running_at = infinity, 0
        for j, start in enumerate(starts):
            if i == 0:
                cost[i][j] = abs(row - start)
                continue
            limit = j - 1 if strict else j
            if limit >= 0 and cost[i - 1][limit] < running:
                running, running_at = cost[i - 1][limit], limit
            cost[i][j] = running + abs(row - start)
            back[i][j] = running_at
    last = min(range(len(starts)), key=lambda j: cost[-1][j])
    chosen = [last]
    for i in range(len(rows) - 1, 0, -1):
        chosen.insert(0, back[i][chosen[0]])
    return cost[-1][last], chosen


def _spanned(items: list[Item], index: int, entry: Entry, chosen: set[int], kind: str) -> list[Item]:
    """A tall cell also covers the bullets that start beside it and get no cell of their own."""
    top = items[index].row
    bottom = top + len(entry.lines) - 1
    return [items[index]] + [item for j, item in enumerate(items) if j > index and j not in chosen
                             and top < item.row <= bottom and not item.cells[kind]]


# ---------------------------------------------------------------- back to raw recommendations


def _add(rec: RawRecommendation, item: Item) -> None:
    text = fold(" ".join(_ITEM.sub(r"\g<text>", line.text, count=1) if i == 0 else line.text
                         for i, line in enumerate(item.lines)))
    span = Span(item.lines[0].number, item.lines[-1].number)
    owner = "; ".join(item.cells["owner"]) or None
    target = "; ".join(item.cells["date"]) or None
    if item.kind == "measure":
        rec.measures.append(RawMeasure(text, span, owner, target))
        return
    parent = None
    if item.parent is not None and item.parent.kind == "action":
        parent = next((i for i, a in enumerate(rec.actions) if a.span.first == item.parent.lines[0].number), None)
    rec.actions.append(RawAction(text, span, owner=owner, target=target, parent=parent))
