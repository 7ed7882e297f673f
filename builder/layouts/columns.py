"""The layout of PDF-to-text dumps: a table whose columns come out as runs of lines.

Recognised by structure: no tab-separated cells, the column headings of an action plan
("Rec No", "Recommendation", "Response", "Owner", "Target Date") and rows that open with a
recommendation number followed by an agreement cell.  Each response is read by the reader
that fits it: numbered actions with their cells interleaved, or page columns.
"""
from __future__ import annotations

import re

from ..header import read_header
from ..model import RawMeasure, RawPlan, RawRecommendation, SourceDocument, Span
from ..text import fold
from . import register
from .interleaved import has_numbered_actions, read_numbered_actions
from .page_columns import read_page_columns
from .pdf_rows import RecommendationBlock, dump_lines, split_recommendations, table_body

_HEADINGS = [re.compile(p, re.I) for p in (r"\brec(ommendation)?\b", r"\bresponse\b",
                                             r"\bowner\b", r"\btarget\s*date\b", r"\bagreed\b")]


class ColumnDumpLayout:
    name = "pdf-columns"

    def detect(self, doc: SourceDocument) -> float:
        lines = doc.lines
        if not lines or sum("\t" in line for line in lines) > len(lines) * 0.02:
            return 0.0
        head = "\n".join(lines[:400])
        score = sum(0.15 for pattern in _HEADINGS if pattern.search(head))
        body = table_body(dump_lines(lines), lines)
        if split_recommendations(body):
            score += 0.25
        return min(score, 1.0)

    def extract(self, doc: SourceDocument) -> RawPlan:
        header = read_header(doc.lines)
        plan = RawPlan(source=doc, layout=self.name, title=header.title, inspected=header.inspected,
                       submitted=header.submitted, published=header.published, summary=header.summary,
                       summary_line=header.summary_line)
        blocks = split_recommendations(table_body(dump_lines(doc.lines), doc.lines))
        # most rows number their actions ("1.1", "1.1.1"): a row without (a Not Agreed one) does not
        # make the plan a page-columns one
        answered = [b for b in blocks if b.agreement]
        if answered and sum(has_numbered_actions(b.response, b.number) for b in answered) * 2 > len(answered):
            plan.recommendations = [_numbered(block) for block in blocks]
        else:
            plan.recommendations = read_page_columns(blocks, plan)
        for block in blocks:
            if block.agreement is None:
                plan.warn(block.span.first, f"recommendation {block.number}: no agreement cell was found")
        return plan


def recommendation(block: RecommendationBlock, column_lines: frozenset[int] = frozenset()) -> RawRecommendation:
    """The row's own cells; the response's actions are added by the reader that fits it.  The
    response is its text alone: lines the reader found to be owner or date cells are left out."""
    return RawRecommendation(number=block.number, span=block.span, text=block.text,
                             agreement=block.agreement, addressee=block.addressee,
                             agreement_line=block.agreement_line,
                             response=fold(" ".join(line.text for line in block.response
                                                    if line.number not in column_lines)))


def _numbered(block: RecommendationBlock) -> RawRecommendation:
    rec = recommendation(block)
    rec.actions = read_numbered_actions(block.response, block.number)
    for action in rec.actions:
        action.text, measures = _measures_out(action.text)
        rec.measures += [RawMeasure(text, action.span) for text in measures]
    return rec


# "... This will be evidenced through: • Improved quality outcomes ... • Feedback from ...":
# what will show progress, listed inside the action's cell, is measures, not the action
_EVIDENCED = re.compile(r"\b(?:evidenced|measured|monitored) (?:through|by)\s*:\s*(?=•)", re.I)


def _measures_out(text: str) -> tuple[str, list[str]]:
    m = _EVIDENCED.search(text)
    if m is None:
        return text, []
    # the sentence that says so goes too, from the last sentence end or bullet before it (found
    # here, not by the pattern: a pattern matching back to it tried every position before it)
    sentence = max(text.rfind(mark, 0, m.start()) for mark in ".!?•") + 1
    items = [fold(item) for item in text[m.end():].split("•") if fold(item)]
    return text[:sentence].strip(), items


register(ColumnDumpLayout())
