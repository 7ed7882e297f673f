"""The read form every reader writes: lines of text, and tables as tab-separated rows whose cells
hold HTML (``<p>`` paragraphs, ``<ul><li>`` lists), the form the layouts read; with where each
line was printed.

A table arrives as rows of grid cells, merged cells marked.  A cell merged down from the row
above belongs to both rows, and what that means depends on its column: the recommendation's own
cells (number, text, agreement: the columns before the response) are printed once, so a row under
a merged one continues the same recommendation; a merged owner or date cell stands for every
action beside it, so each row gets its text.  A heading row the document repeats (on every page)
is read once.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Location, SourceDocument
from ..text import fold, strip_markup

_RESPONSE = re.compile(r"\bresponse\b|\baction", re.I)


@dataclass(frozen=True)
class Cell:
    html: str = ""  # the cell's content as <p> and <ul><li> markup
    merged: bool = False  # the cell above goes on into this row (a vertical merge)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    location: Location


def cell_html(blocks: list[tuple[str, str]]) -> str:
    """Paragraphs and list items, ``("p" | "li", text)``, as the markup the layouts read."""
    out, in_list = [], False
    for kind, text in blocks:
        if (kind == "li") != in_list:
            out.append("<ul>" if kind == "li" else "</ul>")
            in_list = kind == "li"
        out.append(f"<{kind}>{html.escape(fold(text), quote=False)}</{kind}>")
    return " ".join(out + (["</ul>"] if in_list else []))


@dataclass
class ReadForm:
    lines: list[str] = field(default_factory=list)
    locations: list[Location | None] = field(default_factory=list)

    def text(self, line: str, location: Location | None = None) -> None:
        self.lines.append(fold(line))
        self.locations.append(location)

    def blank(self) -> None:
        self.text("")

    def table(self, rows: list[Row]) -> None:
        if not rows:
            return
        heading = _plain(rows[0])
        response = next((i for i, cell in enumerate(rows[0].cells) if _RESPONSE.search(strip_markup(cell.html))),
                        len(rows[0].cells))
        above: dict[int, str] = {}  # each column's last cell that was not merged
        for index, row in enumerate(rows):
            if index and _plain(row) == heading:
                continue  # the heading row repeated at the top of a page
            texts = []
            for column, cell in enumerate(row.cells):
                if not cell.merged:
                    above[column] = cell.html
                texts.append("" if cell.merged and column < response else above.get(column, ""))
            self.lines.append("\t".join(_one_line(text) for text in texts))
            self.locations.append(row.location)
        self.blank()

    def document(self, path: Path, data: bytes, reader: str, media_type: str) -> SourceDocument:
        return SourceDocument(path=path, text="\n".join(self.lines), sha256=hashlib.sha256(data).hexdigest(),
                              reader=reader, media_type=media_type, locations=tuple(self.locations),
                              whole_rows=self.has_table)

    @property
    def has_table(self) -> bool:
        return any("\t" in line for line in self.lines)


def _plain(row: Row) -> tuple[str, ...]:
    return tuple(strip_markup(cell.html) for cell in row.cells)


def _one_line(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text).strip()
