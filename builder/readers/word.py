"""Word documents (.docx), read from their own structure with python-docx: the body's paragraphs
in order, and each table's rows and cells, merged cells included (a cell spanning grid columns,
``gridSpan``; a cell merged down over the rows below, ``vMerge``).  In a cell, a paragraph in a
list (numbered or bulleted, or in a list style) is a list item."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from ..model import BuildError, Location, SourceDocument
from .form import Cell, ReadForm, Row, cell_html

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def read(path: Path, data: bytes) -> SourceDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as err:
        raise BuildError(path.name, "the Word document is damaged or is not a Word document "
                         f"(.docx): {err}") from err
    form = ReadForm()
    tables = 0
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            form.text(_paragraph_text(block))
        elif block.tag == qn("w:tbl"):
            tables += 1
            form.table(_rows(block, tables))
    if not tables:
        raise BuildError(path.name, "this Word document has no tables, so it is not an action plan: "
                         "a plan prints its recommendations, responses, owners and dates in a table")
    return form.document(path, data, "word", MEDIA_TYPE)


def _rows(table, number: int) -> list[Row]:
    rows = []
    for index, tr in enumerate(table.iterchildren(qn("w:tr")), 1):
        cells = [Cell()] * tr.grid_before
        for tc in tr.iterchildren(qn("w:tc")):
            merged = tc.vMerge == "continue"
            cells.append(Cell("" if merged else cell_html(_blocks(tc)), merged))
            cells += [Cell(merged=merged)] * (tc.grid_span - 1)  # the grid columns a wide cell covers
        rows.append(Row(tuple(cells), Location(table=number, row=index)))
    return rows


def _blocks(tc) -> list[tuple[str, str]]:
    blocks = []
    for p in tc.iterchildren(qn("w:p")):
        text = _paragraph_text(p)
        if text.strip():
            blocks.append(("li" if _in_list(p) else "p", text))
    return blocks


def _in_list(p) -> bool:
    properties = p.pPr
    if properties is None:
        return False
    style = properties.find(qn("w:pStyle"))
    return properties.find(qn("w:numPr")) is not None or (
        style is not None and "list" in (style.get(qn("w:val")) or "").lower())


def _paragraph_text(p) -> str:
    text = qn("w:t")
    return "".join((node.text or "") if node.tag == text else " "  # a tab or line break parts words
                   for node in p.iter(text, qn("w:tab"), qn("w:br"), qn("w:cr")))

