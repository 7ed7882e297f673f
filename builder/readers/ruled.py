"""A PDF's ruled tables, read from the page's ruling lines and the positions of its words.

The vertical rules of a table mark its columns; in each column, the horizontal rules crossing it
close its cells.  A cell with no rule under it at the end of the page is cut by the page break: it
goes on in the first cell of its column on the next page (after the heading row, which a table
printed over several pages repeats at the top of each).  So a row cut by a page break is one row,
and a recommendation's cells merged down over its actions' rows are one cell, however the pages
fall.  Inside a cell, a line opening with a bullet starts a list item and a blank line a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Location
from ..text import fold
from .form import Cell, Row, cell_html

_SAME = 1.0  # points: rules and edges closer than this are one
_BULLETS = "•●▪"


@dataclass
class _Part:
    """A cell as one page prints it: its top and bottom, and whether a rule closes it."""

    page: int
    top: float
    bottom: float
    closed: bool
    words: list[dict] = field(default_factory=list)


@dataclass
class PageTable:
    page: int
    top: float
    bottom: float
    xs: list[float]  # the column rules, left to right
    columns: list[list[_Part]]  # each column's cells, top to bottom
    drawn: list[list[tuple[float, float]]] = field(default_factory=list)  # each rule's stretches (top, bottom)

    def takes(self, word: dict) -> bool:
        middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        return self.xs[0] <= middle_x <= self.xs[-1] and self.top <= middle_y <= self.bottom

    def add(self, word: dict) -> None:
        middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        column = next(c for c in range(len(self.xs) - 1) if middle_x <= self.xs[c + 1])
        while column > 0 and self.drawn and not self._ruled(column, middle_y):
            column -= 1  # no rule on its left at this height: a cell spanning columns, read as its first
        part = next((p for p in self.columns[column] if p.top <= middle_y <= p.bottom), None)
        if part is not None:
            part.words.append(word)

    def _ruled(self, index: int, y: float) -> bool:
        return any(top - _SAME <= y <= bottom + _SAME for top, bottom in self.drawn[index])

    def heading(self) -> tuple[str, ...]:
        return tuple(_plain(column[0]) if column else "" for column in self.columns)


def page_tables(page_number: int, edges: list[dict]) -> list[PageTable]:
    """The ruled tables of one page, from its edges (pdfplumber's lines and rectangle sides)."""
    verticals = sorted((e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > _SAME),
                       key=lambda e: e["top"])
    horizontals = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > _SAME]
    tables = []
    for top, bottom, xs in _regions(verticals):
        if len(xs) < 3:
            continue
        columns = [_cells(page_number, top, bottom, (left + right) / 2, horizontals)
                   for left, right in zip(xs, xs[1:])]
        drawn = [[(e["top"], e["bottom"]) for e in verticals if abs(e["x0"] - x) <= _SAME
                  and e["bottom"] >= top - _SAME and e["top"] <= bottom + _SAME] for x in xs]
        tables.append(PageTable(page_number, top, bottom, xs, columns, drawn))
    return tables


def _regions(verticals: list[dict]) -> list[tuple[float, float, list[float]]]:
    """Vertical rules that overlap from top to bottom make one table."""
    regions: list[list] = []
    for edge in verticals:
        if regions and edge["top"] <= regions[-1][1] + _SAME:
            regions[-1][1] = max(regions[-1][1], edge["bottom"])
            regions[-1][2].append(edge["x0"])
        else:
            regions.append([edge["top"], edge["bottom"], [edge["x0"]]])
    return [(top, bottom, _distinct(xs)) for top, bottom, xs in regions]


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SAME:
            out.append(value)
    return out


def _cells(page: int, top: float, bottom: float, middle: float, horizontals: list[dict]) -> list[_Part]:
    rules = _distinct([e["top"] for e in horizontals
                       if e["x0"] - _SAME <= middle <= e["x1"] + _SAME and top - _SAME <= e["top"] <= bottom + _SAME])
    if not rules or rules[0] > top + _SAME:
        rules.insert(0, top)
    parts = [_Part(page, upper, lower, True) for upper, lower in zip(rules, rules[1:])]
    if rules[-1] < bottom - _SAME:  # no rule under the last cell: the page break cuts it
        parts.append(_Part(page, rules[-1], bottom, False))
    return parts


def word_lines(words: list[dict]) -> list[list[dict]]:
    """Words on the same height (within 2 points of a line's first word), top to bottom, left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def lines_of(words: list[dict]) -> list[tuple[float, float, str]]:
    """Words on the same height as lines: (top, height, text), top to bottom."""
    return [(line[0]["top"], line[0]["bottom"] - line[0]["top"], " ".join(word["text"] for word in line))
            for line in word_lines(words)]


def _blocks(words: list[dict]) -> list[tuple[str, str]]:
    blocks: list[list[str]] = []
    last = None
    for top, height, text in lines_of(words):
        if text[:1] in _BULLETS:
            blocks.append(["li", text[1:].strip()])
        elif not blocks or top - last > 2 * height:  # a blank line before it: a new paragraph
            blocks.append(["p", text])
        else:
            blocks[-1][1] += " " + text
        last = top
    return [(kind, fold(text)) for kind, text in blocks]


def _plain(part: _Part) -> str:
    return " ".join(text for _, text in _blocks(part.words))


@dataclass
class DocumentTable:
    """A table over the pages it runs across: each column's cells, the cut ones joined."""

    number: int
    first: PageTable
    columns: list[list[list[_Part]]] = field(default_factory=list)  # column -> cells -> parts
    last_page: int = 0

    def continues_on(self, table: PageTable) -> bool:
        """The same columns at the top of the next page: the table goes on there."""
        return table.page == self.last_page + 1 and len(table.xs) == len(self.first.xs) and all(
            abs(a - b) <= 2 for a, b in zip(table.xs, self.first.xs))

    def add(self, table: PageTable) -> None:
        repeated = bool(self.columns) and table.heading() == self.first.heading()
        self.last_page = table.page
        for index, parts in enumerate(table.columns):
            if len(self.columns) <= index:
                self.columns.append([])
            cells = self.columns[index]
            for position, part in enumerate(parts[1:] if repeated else parts):
                if position == 0 and cells and not cells[-1][-1].closed:
                    cells[-1].append(part)  # the cell cut at the foot of the last page goes on here
                else:
                    cells.append([part])

    def rows(self) -> list[Row]:
        starts = sorted({(cell[0].page, round(cell[0].top)) for cells in self.columns for cell in cells})
        rows = []
        for index, start in enumerate(starts, 1):
            found = []
            for cells in self.columns:
                cell = next((c for c in cells if _start(c) == start), None)
                covering = cell is None and any(_start(c) < start <= _end(c) for c in cells)
                found.append(Cell(merged=True) if covering else Cell(cell_html(_joined(cell))) if cell else Cell())
            rows.append(Row(tuple(found), Location(page=start[0], top=float(start[1]), table=self.number, row=index)))
        return rows


def _start(cell: list[_Part]) -> tuple[int, int]:
    return cell[0].page, round(cell[0].top)


def _end(cell: list[_Part]) -> tuple[int, int]:
    return cell[-1].page, round(cell[-1].bottom) - 1


def _joined(cell: list[_Part]) -> list[tuple[str, str]]:
    """The blocks of a cell over its pages: the first paragraph on a page goes on with the last."""
    blocks: list[tuple[str, str]] = []
    for part in cell:
        more = _blocks(part.words)
        if blocks and more and more[0][0] == "p":
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]} {more[0][1]}")
            more = more[1:]
        blocks += more
    return blocks

