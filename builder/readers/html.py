"""HTML pages of plans (.html, .htm), read with the standard library's parser: the text of the
page's paragraphs and headings in order, and each table's rows and cells with their ``rowspan``
and ``colspan``; inside a cell, ``<p>`` paragraphs and ``<li>`` list items."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ..model import BuildError, Location, SourceDocument
from .form import Cell, ReadForm, Row, cell_html

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "table", "title"}
_SKIPPED = {"script", "style", "head"}


class _Page(HTMLParser):
    """Collects the page's text lines and tables (rows of spanned cells) in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.form = ReadForm()
        self.skipping = 0
        self.text: list[str] = []  # text outside tables, since the last block boundary
        self.rows: list[list[tuple[list[tuple[str, str]], int, int]]] | None = None  # (blocks, rowspan, colspan)
        self.cell: list[tuple[str, str]] | None = None
        self.cell_kind = "p"
        self.tables = 0
        self.nested = 0  # tables inside a cell: their text is the cell's

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "table" and self.rows is None:
            self._flush_text()
            self.rows, self.tables = [], self.tables + 1
        elif tag == "table":
            self.nested += 1
        elif self.nested:
            return
        elif self.rows is not None and tag == "tr":
            self.rows.append([])
        elif self.rows is not None and tag in ("td", "th") and self.rows:
            spans = dict(attrs)
            self.rows[-1].append(([], _span(spans.get("rowspan")), _span(spans.get("colspan"))))
            self.cell, self.cell_kind = self.rows[-1][-1][0], "p"
        elif self.cell is not None and tag in ("p", "li", "div", "br"):
            self.cell_kind = "li" if tag == "li" else "p"
            self.cell.append((self.cell_kind, ""))
        elif self.rows is None and tag in _BLOCKS:
            self._flush_text()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag == "table" and self.nested:
            self.nested -= 1
        elif self.nested:
            return
        elif tag == "table" and self.rows is not None:
            self.form.table(_grid(self.rows, self.tables))
            self.rows = self.cell = None
        elif tag in ("td", "th"):
            self.cell = None
        elif self.rows is None and tag in _BLOCKS:
            self._flush_text()

    def handle_data(self, data):
        if self.skipping:
            return
        if self.cell is not None:
            if not self.cell:
                self.cell.append((self.cell_kind, ""))
            kind, text = self.cell[-1]
            self.cell[-1] = (kind, text + data)
        elif self.rows is None:
            self.text.append(data)

    def _flush_text(self):
        line = " ".join("".join(self.text).split())
        if line:
            self.form.text(line)
        self.text = []


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else 1


def _grid(rows, table: int) -> list[Row]:
    """Cells placed on the table's grid: a cell spanning rows is merged down into the rows below."""
    taken: dict[tuple[int, int], bool] = {}  # (row, column) -> covered by a cell from a row above
    grid: list[Row] = []
    for r, row in enumerate(rows):
        cells: dict[int, Cell] = {}
        column = 0
        for blocks, rowspan, colspan in row:
            while (r, column) in taken:
                column += 1
            cells[column] = Cell(cell_html([b for b in blocks if b[1].strip()]))
            for extra in range(colspan):
                for below in range(1, rowspan):
                    taken[(r + below, column + extra)] = True
                if extra:
                    cells[column + extra] = Cell()
            column += colspan
        for (at_row, at_column) in taken:
            if at_row == r:
                cells[at_column] = Cell(merged=True)
        width = max(cells, default=-1) + 1
        grid.append(Row(tuple(cells.get(c, Cell()) for c in range(width)), Location(table=table, row=r + 1)))
    return grid


def read(path: Path, data: bytes) -> SourceDocument:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BuildError(path.name, f"the HTML page is not UTF-8 (byte 0x{data[err.start]:02x} at offset "
                         f"{err.start})") from err
    page = _Page()
    page.feed(text)
    page.close()
    page._flush_text()
    if not page.tables:
        raise BuildError(path.name, "this HTML page has no tables, so it is not an action plan: a plan "
                         "prints its recommendations, responses, owners and dates in a table")
    return page.form.document(path, data, "html", "text/html")
