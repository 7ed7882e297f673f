"""Segment stage for tab-separated plans: source lines -> table rows with their six cells.

The table's rows are lines of tab-separated cells.  Page breaks leave blank lines, separator
rows ("--|---|--") and rows that lost cells: a 5-cell row lost its first cell, and "broken"
tables print continuation rows of three cells (response, owner, date), sometimes with the
response pushed into the owner cell.  Every row is brought back to the six columns here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold, split_addressee, strip_markup

COLUMNS = ("number", "recommendation", "agreement", "response", "owner", "date")
_HEADER = re.compile(r"rec(ommendation)?\.?\s*no", re.I)
_TARGET = re.compile(r"target\s*date", re.I)
_SEPARATOR = re.compile(r"^[-\s]*$")
_NUMBER = re.compile(r"^\s*(\d{1,2})\.?\s*$")
_SUMMARY = re.compile(r"^(summary(?: of recommendations)?|recommendations|agreed|partly agreed|not agreed"
                      r"|total(?: number of recommendations)?)$", re.I)
_LONG = 120  # owner and date cells are short; a long one holds response text


@dataclass(frozen=True)
class TableRow:
    line: int  # 1-based source line
    number: str | None
    recommendation: str
    agreement: str
    response: str
    owner: str
    date: str
    addressee: str | None = None  # the row is a "<b>X should:</b>" heading
    artefact: bool = False  # the response text was printed again in the owner and date cells
    after_break: bool = False  # blank lines or a separator row come before it: a page break
    cells: int = 6  # how many cells it printed, where a numbered row printed fewer than six


def is_table_line(line: str) -> bool:
    return line.count("\t") >= 2


def table_rows(lines: list[str]) -> list[TableRow]:
    """The rows after the column headings and before the summary table."""
    start = next((i + 1 for i, line in enumerate(lines)
                  if is_table_line(line) and _HEADER.search(line) and _TARGET.search(line)), None)
    if start is None:
        return []
    rows: list[TableRow] = []
    broken = False
    for index in range(start, len(lines)):
        cells = [cell.strip() for cell in lines[index].split("\t")]
        plain = [strip_markup(cell) for cell in cells]
        if _SUMMARY.match(plain[0]) and (len(cells) <= 2 or not any(plain[1:3])
                                         or all(_SUMMARY.match(cell) for cell in plain if cell)):
            break  # the summary table, printed down ("Agreed 27") or across (its headings in a row)
        heading = _HEADER.search(lines[index]) and _TARGET.search(lines[index])  # a next table's, or a page's
        if heading or not any(plain) or all(_SEPARATOR.match(cell) for cell in plain):
            broken = True
            continue
        rows.append(_row(index + 1, cells, broken))
        broken = False
    return rows


def _row(line: int, cells: list[str], after_break: bool) -> TableRow:
    heading = _addressee(cells)
    if heading:
        return TableRow(line, None, "", "", "", "", "", addressee=heading, after_break=after_break)
    printed = len(cells)
    if _NUMBER.match(strip_markup(cells[0])) and 2 <= printed < 6:  # a numbered row cut short
        cells = cells + [""] * (6 - printed)
    six = _six_columns(cells)
    number = _NUMBER.match(strip_markup(six[0]))
    owner, date = six[4], six[5]
    artefact = len(strip_markup(owner)) > _LONG and fold(strip_markup(owner)) == fold(strip_markup(date))
    response = six[3]
    if artefact:
        response, owner, date = response or owner, "", ""
    return TableRow(line, number.group(1) if number else None, six[1], six[2], response, owner, date,
                    artefact=artefact, after_break=after_break, cells=min(printed, 6))


def _addressee(cells: list[str]) -> str | None:
    filled = [strip_markup(cell) for cell in cells if strip_markup(cell)]
    if len(filled) != 1:
        return None
    who, rest = split_addressee(filled[0])
    return who if who and not rest else None


def _six_columns(cells: list[str]) -> list[str]:
    """Bring a row with lost cells back to the six columns of the table."""
    if len(cells) >= 6:
        return cells[:5] + [" ".join(cells[5:])]
    if len(cells) == 5:  # the first cell was lost
        return [""] + cells
    if len(cells) == 3:
        response, owner, date = cells
        if not response and not date and owner:  # the response slipped into the owner cell
            response, owner = owner, ""
        return ["", "", "", response, owner, date]
    if len(cells) == 4:
        if not any(strip_markup(cell) for cell in cells[:3]):  # three empty cells kept, the last two dropped
            return ["", "", "", cells[3], "", ""]
        return ["", "", "", " ".join(cells[:2]), cells[2], cells[3]]
    return ["", "", "", " ".join(cells), "", ""]
