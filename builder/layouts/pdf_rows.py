"""Segment stage for PDF-to-text dumps: source lines -> table body -> one block per recommendation.

A dumped table keeps the reading order of the page, not the grid: the number, recommendation
and agreement columns come out line by line, and the response, owner and date columns either
follow each action (interleaved) or are printed after the text of the page (page columns).
This module finds what both have in common: where the table starts, where each recommendation
row starts, its text, its agreement cell, and the lines of its response.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..agreement import near_agreement
from ..header import read_summary
from ..model import Span
from ..text import fold, split_addressee

_HEADER_END = re.compile(r"^\s*\d?\.?\s*target\s*date\b", re.I)
_REC_START = re.compile(r"^\s*(\d{1,2})\.?(?:\s+(\S.*))?$")
_AGREEMENT_CELL = re.compile(
    r"^\s*(?P<cell>(?:(?:partly|partially|not)\s+)?(?:agreed|disagreed)(?:\s*\([^)]*\))?)", re.I)
_AGREEMENT_LINES = 16
_MAX_GAP = 4  # rows a lost or moved run may take with it
_SUMMARY_TITLE = re.compile(r"^\s*(recommendations|summary)\s*$", re.I)


@dataclass(frozen=True)
class Line:
    """One non-empty source line: ``number`` is 1-based; a padding line holds only spaces."""

    number: int
    text: str

    @property
    def is_padding(self) -> bool:
        return not self.text.strip()

    @property
    def plain(self) -> str:
        return fold(self.text)


@dataclass
class RecommendationBlock:
    number: str
    lines: list[Line]  # every line of the row, padding included
    text: str | None
    addressee: str | None
    agreement: str | None
    agreement_line: int | None
    response: list[Line] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.lines[0].number, self.lines[-1].number)


# a page's number printed in its footer: "Page 4 of 5", "4 of 5", "- 4 -"
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|\d{1,3}\s+of\s+\d{1,3}|-\s*\d{1,3}\s*-)\s*$",
                          re.I)


def dump_lines(source_lines: list[str]) -> list[Line]:
    """Every line but the empty ones a PDF dump puts between printed lines; a page number in a
    footer is padding (it holds a row of the page, and says nothing of the plan)."""
    return [Line(index, " " if _PAGE_NUMBER.match(text) else text.rstrip())
            for index, text in enumerate(source_lines, 1) if text != ""]


def table_body(lines: list[Line], source_lines: list[str]) -> list[Line]:
    """The lines after the column headings ("... 6. Target Date") and before the summary table."""
    start = next((i + 1 for i, line in enumerate(lines) if _HEADER_END.match(line.text)), None)
    if start is None:
        return []
    _, summary_line = read_summary([fold(text) for text in source_lines])
    end = len(lines)
    if summary_line:
        end = next((i for i, line in enumerate(lines) if line.number >= summary_line), end)
        while end > start and (lines[end - 1].is_padding or _SUMMARY_TITLE.match(lines[end - 1].text)):
            end -= 1
    return lines[start:end]


def split_recommendations(body: list[Line]) -> list[RecommendationBlock]:
    """Rows start at "N ..." with N the next number in sequence and an agreement cell after it; or
    with a number out of sequence, not yet taken, that opens its text on the same line (a row lost
    or moved: the checks stage reports the sequence)."""
    starts: list[tuple[int, str]] = []
    taken: set[int] = set()
    for index, line in enumerate(body):
        m = _REC_START.match(line.text)
        if not m or int(m.group(1)) in taken:
            continue
        number, expected = int(m.group(1)), max(taken, default=0) + 1
        in_sequence = number == expected or (m.group(2) and 0 < number < expected + _MAX_GAP)
        if in_sequence and _agreement_follows(body, index + 1):
            starts.append((index, m.group(1)))
            taken.add(number)
    blocks = []
    for (index, number), following in zip(starts, [s[0] for s in starts[1:]] + [len(body)]):
        blocks.append(_block(number, body[index:following]))
    return blocks


def _agreement_follows(body: list[Line], index: int) -> bool:
    for position in range(index, min(index + 40, len(body))):
        if _agreement_match(body, position):
            return True
        if _REC_START.match(body[position].text) and not body[position].text.strip().endswith("."):
            return False
    return False


def _block(number: str, lines: list[Line]) -> RecommendationBlock:
    first_text = _REC_START.match(lines[0].text).group(2) or ""
    text_parts = [first_text]
    agreement_at = next((i for i in range(1, len(lines)) if _agreement_match(lines, i)), None)
    if agreement_at is None:
        return RecommendationBlock(number, lines, _join(text_parts + [l.text for l in lines[1:]]),
                                   None, None, None)
    qualified_at = _qualifier_above(lines, agreement_at)
    text_parts += [line.text for line in lines[1:qualified_at or agreement_at]]
    agreement, response_start, rest = _agreement_cell(lines, agreement_at)
    addressee, text = split_addressee(_join(text_parts))
    response = ([Line(lines[response_start - 1].number, rest)] if rest.strip() else []) + lines[response_start:]
    if qualified_at:  # "Partly Essex CRC agrees ..." / "Agreed released from custody ...": a cell cut in two
        qualifier, words = lines[qualified_at].text.strip().split(None, 1)
        agreement = f"{qualifier} {agreement}"
        response = [Line(lines[qualified_at].number, words)] + response
    m = _agreement_match(lines, agreement_at)
    cell_line = agreement_at + m.group(0)[:m.start("cell")].count("\n")  # past the padding lines
    return RecommendationBlock(number, lines, text, addressee, agreement, lines[cell_line].number, response)


def _qualifier_above(lines: list[Line], index: int) -> int | None:
    """The line above an "Agreed" cell that opens with "Partly" or "Not" and then the response's
    first words: the agreement cell wrapped, each of its lines beside a line of the response."""
    above = next((i for i in range(index - 1, 0, -1) if not lines[i].is_padding), None)
    if above is None or not re.match(r"^\s*agreed\b", lines[index].text, re.I):
        return None
    return above if re.match(r"^\s*(?:partly|partially|not)\s+\S", lines[above].text, re.I) else None


def _agreement_match(lines: list[Line], index: int) -> re.Match | None:
    """The agreement cell opening at this line, read across the lines it wraps over; a near miss
    ("Agred") too, so that one misspelt word does not hide its row (normalisation warns)."""
    text = "\n".join(line.text for line in lines[index:index + _AGREEMENT_LINES])
    m = _AGREEMENT_CELL.match(text)
    if m is None and (near := near_agreement(text)):
        words = r"\s+".join(map(re.escape, near[0].split()))
        m = re.match(rf"^\s*(?P<cell>{words}(?:\s*\([^)]*\))?)", text)
    return m


def _agreement_cell(lines: list[Line], index: int) -> tuple[str, int, str]:
    """The agreement cell may wrap ("Partly / agreed / (resourcing ... balanced)").

    Returns the cell, the index of the line after it and what follows the cell on its last line.
    """
    m = _agreement_match(lines, index)
    last = index + m.group(0).count("\n")
    consumed_on_last = len(m.group(0).rsplit("\n", 1)[-1])
    return fold(m.group("cell")), last + 1, lines[last].text[consumed_on_last:]


def _join(parts: list[str]) -> str | None:
    return fold(" ".join(parts)) or None
