"""PDF documents, read with PDFium (pypdfium2): each page's characters with their boxes, made into
words, and its ruling lines (the page's path objects).  Ruled tables are read from their cells
(``ruled``), into the rows-and-cells form Word tables give; the text around them, and a PDF without
ruled tables, as lines of text top to bottom, the form of the column dumps.  A PDF that cannot be
read is refused with the reason: a damaged file, one locked with a password, or a scan with no text
to read (that needs OCR, which plangraph does not do)."""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import BuildError, Location, SourceDocument
from .form import ReadForm
from .ruled import DocumentTable, lines_of, page_tables, word_lines

_RULE = 3.0  # points: a path this thin is a ruling line
_GAP = 1.5  # points between two characters with no space between them that part two words


def read(path: Path, data: bytes) -> SourceDocument:
    if not data.startswith(b"%PDF-"):
        raise BuildError(path.name, "the file is damaged or is not a PDF (it does not start with %PDF-)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if err.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise BuildError(path.name, "the PDF is encrypted with a password, so its text cannot be read: "
                             "save a copy without the password and build that") from err
        raise BuildError(path.name, f"the PDF is damaged and cannot be read ({err})") from err
    try:
        pages = [_page(page) for page in document]
    finally:
        document.close()
    if not any(words for words, _, _ in pages):
        images = sum(count for _, _, count in pages)
        raise BuildError(path.name, f"the PDF has no text layer: its {len(pages)} pages are images "
                         "(a scanned document); reading it needs OCR, which plangraph does not do"
                         if images else "the PDF contains no text")
    form = _read_pages(pages)
    return form.document(path, data, "pdf" if form.has_table else "pdf-text", "application/pdf")


def _page(page) -> tuple[list[dict], list[dict], int]:
    """The page's words and ruling lines, measured from its top, and how many images it has."""
    height = page.get_height()
    words = _words(page.get_textpage(), height)
    edges = [edge for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4)
             for edge in _edges(obj.get_bounds(), height)]
    edges += _columns_from_heading(words, edges)
    images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
    return words, edges, images


def _words(text_page, height: float) -> list[dict]:
    words: list[dict] = []
    current: dict | None = None
    for index in range(text_page.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(text_page, index))
        if char.isspace() or not char.isprintable():
            current = None
            continue
        left, bottom, right, top = text_page.get_charbox(index, loose=True)
        box = {"x0": left, "x1": right, "top": height - top, "bottom": height - bottom}
        if current and abs(box["top"] - current["top"]) <= 2 and left - current["x1"] <= _GAP:
            current["text"] += char
            current["x1"] = max(current["x1"], right)
        else:
            current = dict(box, text=char)
            words.append(current)
    return words


def _edges(bounds: tuple[float, float, float, float], height: float) -> list[dict]:
    """A thin path is one rule (its middle line); a wider one, a rectangle, is four."""
    left, bottom, right, top = bounds
    width, tall = right - left, top - bottom
    if width <= _RULE < tall:
        middle = (left + right) / 2
        return [_edge("v", middle, middle, height - top + width / 2, height - bottom - width / 2)]
    if tall <= _RULE < width:
        middle = height - (top + bottom) / 2
        return [_edge("h", left + tall / 2, right - tall / 2, middle, middle)]
    if width > _RULE and tall > _RULE:
        upper, lower = height - top, height - bottom
        return [_edge("h", left, right, upper, upper), _edge("h", left, right, lower, lower),
                _edge("v", left, left, upper, lower), _edge("v", right, right, upper, lower)]
    return []


_HEADING_NUMBERS = ["1.", "2.", "3.", "4.", "5.", "6."]  # "1. Rec No" ... "6. Target Date"


def _columns_from_heading(words: list[dict], edges: list[dict]) -> list[dict]:
    """A table ruled only across (a line under each row, none down): its columns are where its
    numbered headings start, so rules down the table are drawn there, from the line above the
    heading row to the page's last line across."""
    across = [edge for edge in edges if edge["orientation"] == "h"]
    if not across or any(edge["orientation"] == "v" for edge in edges):
        return []
    widest = max(edge["x1"] - edge["x0"] for edge in across)
    across = [edge for edge in across if edge["x1"] - edge["x0"] >= 0.9 * widest]  # not a smaller table's
    for line in word_lines(words):
        numbered = sorted((word for word in line if word["text"] in _HEADING_NUMBERS), key=lambda word: word["x0"])
        if [word["text"] for word in numbered] == _HEADING_NUMBERS:
            top = line[0]["top"]
            upper = max((edge["top"] for edge in across if edge["top"] <= top), default=top - 2)
            lower = max(edge["top"] for edge in across)
            xs = [min(edge["x0"] for edge in across)] + [word["x0"] - 2 for word in numbered[1:]] + \
                [max(edge["x1"] for edge in across)]
            return [_edge("v", x, x, upper, lower) for x in xs] if lower > top else []
    return []


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def _read_pages(pages) -> ReadForm:
    """Text lines and tables in reading order; a table running over pages is read as one, where it starts."""
    items: list[tuple[int, float, object]] = []
    tables: list[DocumentTable] = []
    for number, (words, edges, _) in enumerate(pages, 1):
        on_page = page_tables(number, edges)
        outside = []  # the page's words outside its tables
        for word in words:
            table = next((t for t in on_page if t.takes(word)), None)
            if table:
                table.add(word)
            else:
                outside.append(word)
        for table in on_page:
            if not (tables and tables[-1].continues_on(table)):
                tables.append(DocumentTable(len(tables) + 1, table))
                items.append((number, table.top, tables[-1]))
            tables[-1].add(table)
        items += [(number, top, text) for top, _, text in lines_of(outside)]
        items.append((number, float("inf"), None))  # the page ends
    furniture = _furniture(items)
    form = ReadForm()
    for page, top, item in sorted(items, key=lambda i: (i[0], i[1])):
        if isinstance(item, str) and _undigited(item) in furniture:
            continue
        if isinstance(item, DocumentTable):
            form.table(item.rows())
        elif item is None:
            form.blank()
        else:
            form.text(item, Location(page=page, top=top))
    return form


def _furniture(items: list[tuple[int, float, object]]) -> set[str]:
    """A page's header and footer: a line of text printed on three pages or more, its numbers apart
    ("East Midlands region action plan – Page 4"), is no part of the plan."""
    pages: dict[str, set[int]] = {}
    for page, _, item in items:
        if isinstance(item, str):
            pages.setdefault(_undigited(item), set()).add(page)
    return {text for text, found in pages.items() if len(found) >= 3 and text.strip()}


def _undigited(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())
