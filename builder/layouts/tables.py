"""The layout of tab-separated plans: table rows whose cells hold HTML lists.

Recognised by structure: lines of tab-separated cells under a heading row naming the
recommendation number and target date columns.  A recommendation is a numbered row and the
continuation rows under it; each response cell becomes actions by its parallel owner and date
lists (see ``table_cells``).  Rows lost at page breaks are kept as recommendations whose number
is inferred and whose text is marked missing, never silently merged into a neighbour.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..header import read_header
from ..normalise.owners import begins_like_a_post, is_whole_post, split_owner_cell
from ..model import RawAction, RawMeasure, RawPlan, RawRecommendation, SourceDocument, Span
from ..text import fold, split_addressee, strip_markup
from . import register
from .table_cells import MEASURES_LEAD, Unit, list_items, parts_of, units_of
from .table_rows import TableRow, is_table_line, table_rows

_CUT = re.compile(r"[^.:;!?)\]]\s*$")  # a paragraph that does not end is cut by the page break


@dataclass
class _Segment:
    """A row's response with the owner and date items of the rows that complete it."""

    row: TableRow
    owners: list[str]
    dates: list[str]
    lines: list[int]


@dataclass
class _Recommendation:
    raw: RawRecommendation
    groups: list[list[_Segment]] = field(default_factory=list)  # split at page breaks


class TableLayout:
    name = "html-table"

    def detect(self, doc: SourceDocument) -> float:
        lines = doc.lines
        tabbed = sum(is_table_line(line) for line in lines)
        if tabbed < 3:
            return 0.0
        return 0.4 + (0.5 if table_rows(lines) else 0.0) + min(tabbed / max(len(lines), 1), 0.1)

    def extract(self, doc: SourceDocument) -> RawPlan:
        header = read_header(doc.lines)
        plan = RawPlan(source=doc, layout=self.name, title=header.title, inspected=header.inspected,
                       submitted=header.submitted, published=header.published, summary=header.summary,
                       summary_line=header.summary_line)
        recommendations = _Reader(plan).read(table_rows(doc.lines))
        plan.recommendations = [_with_actions(rec, plan) for rec in recommendations]
        return plan


class _Reader:
    """Rows -> recommendations with their segments, keeping rows lost at page breaks."""

    def __init__(self, plan: RawPlan):
        self.plan = plan
        self.recommendations: list[_Recommendation] = []
        self.addressee: str | None = None
        self.heading_since_last = False
        self.printed: set[int] = set()

    def read(self, rows: list[TableRow]) -> list[_Recommendation]:
        # a number printed further down is out of order, not lost (the checks stage reports it)
        self.printed = {int(row.number) for row in rows if row.number}
        for row in rows:
            if row.addressee:
                self.addressee, self.heading_since_last = row.addressee, True
            elif row.number:
                self._numbered(row)
            else:
                self._continuation(row)
        if self.heading_since_last:  # "Wigan PDU should:" and nothing after it: the plan was cut
            heading = next(row for row in reversed(rows) if row.addressee)
            self.plan.warn(heading.line, f"the table ends after the heading '{heading.addressee} should:': "
                           "the recommendations it introduces are missing", cross_check=True)
        return self.recommendations

    @property
    def last_number(self) -> int:
        return max((int(rec.raw.number) for rec in self.recommendations), default=0)

    def _numbered(self, row: TableRow) -> None:
        missing = [n for n in range(self.last_number + 1, int(row.number)) if n not in self.printed]
        if missing and self.recommendations:
            self._recover_lost(missing, row)
        addressee, text = split_addressee(strip_markup(row.recommendation))
        rec = RawRecommendation(number=row.number, span=Span(row.line, row.line), text=text,
                                agreement=strip_markup(row.agreement) or None,
                                addressee=addressee or self.addressee, agreement_line=row.line)
        self.recommendations.append(_Recommendation(rec))
        self.heading_since_last = False
        if row.cells < 6:
            self.plan.warn(row.line, f"the row of recommendation {row.number} has {row.cells} of the table's 6 "
                           "cells: it is cut short, and what it held after them is missing", cross_check=True)
        self._add_segment(row)

    def _recover_lost(self, missing: list[int], row: TableRow) -> None:
        """Numbers skipped in the sequence: the last page-break groups before this row were theirs."""
        previous = self.recommendations[-1]
        taken = previous.groups[1:][-len(missing):] if len(previous.groups) > 1 else []
        previous.groups = previous.groups[: len(previous.groups) - len(taken)]
        offset = len(missing) - len(taken)
        for index, number in enumerate(missing):
            groups = [taken[index - offset]] if index >= offset else []
            line = groups[0][0].row.line if groups else row.line
            self.recommendations.insert(len(self.recommendations), self._lost(number, line, groups, bool(groups)))

    def _lost(self, number: int, line: int, groups: list[list[_Segment]], traced: bool = True) -> _Recommendation:
        if traced:
            self.plan.warn(line, f"recommendation {number}: its row was lost at a page break; the number "
                           "is inferred from the sequence and its text is missing from the document")
        else:  # nothing of it is printed: the plan reads as less than it says
            self.plan.warn(line, f"recommendation {number} is missing: nothing of its row is printed before "
                           f"recommendation {number + 1} (line {line}); only its number is kept", cross_check=True)
        rec = RawRecommendation(number=str(number), span=Span(line, line), text=None, agreement=None,
                                addressee=self.addressee, number_inferred=True, text_missing=True)
        return _Recommendation(rec, groups)

    def _continuation(self, row: TableRow) -> None:
        if not self.recommendations or self.heading_since_last:
            self.recommendations.append(self._lost(self.last_number + 1, row.line, []))
            self.heading_since_last = False
        rec = self.recommendations[-1]
        rec.raw.span = rec.raw.span.union(Span(row.line, row.line))
        if strip_markup(row.recommendation):  # the recommendation's text runs on into this row
            rec.raw.text = fold(f"{rec.raw.text or ''} {strip_markup(row.recommendation)}")
        if row.artefact and _repeats(row.response, rec):
            self.plan.warn(row.line, "this row repeats text already printed above (a conversion "
                           "artefact); it is kept once")
            return
        if strip_markup(row.response) or not rec.groups:
            self._add_segment(row)
        else:  # only an owner and a date: they complete the row above
            last = rec.groups[-1][-1]
            last.owners += list_items(row.owner)
            last.dates += list_items(row.date, dates=True)
            last.lines.append(row.line)

    def _add_segment(self, row: TableRow) -> None:
        rec = self.recommendations[-1]
        segment = _Segment(row, list_items(row.owner), list_items(row.date, dates=True), [row.line])
        if row.after_break or not rec.groups:
            rec.groups.append([segment])
        else:
            rec.groups[-1].append(segment)


def _repeats(response: str, rec: _Recommendation) -> bool:
    """Whether most sentences of a row were already printed in this recommendation."""
    printed = " ".join(strip_markup(s.row.response) for group in rec.groups for s in group)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", strip_markup(response)) if len(s) > 20]
    return bool(sentences) and sum(s in printed for s in sentences) * 2 >= len(sentences)


# ---------------------------------------------------------------- segments -> actions


def _with_actions(rec: _Recommendation, plan: RawPlan) -> RawRecommendation:
    raw = rec.raw
    segments = [segment for group in rec.groups for segment in group]
    raw.response = fold(" ".join(strip_markup(s.row.response) for s in segments))
    measuring = False
    row_owner = None  # the owner the last row printed once, for all its actions
    for segment in segments:
        first_new = len(raw.actions)
        measuring = _read_segment(raw, segment, measuring, plan)
        if segment.owners:
            row_owner = segment.owners[0] if len(set(segment.owners)) == 1 else None
        elif row_owner and segment.dates and segment.row.after_break and segment.row.number is None:
            _carry_owner(raw, raw.actions[first_new:], row_owner, segment.row.line, plan)
    return raw


def _cut_owner_finished(rec: RawRecommendation, segment: _Segment) -> _Segment:
    """A row after a page break with one owner more than its dates, the first not opening a post
    ("Protection (HoPP)"): it finishes the owner cell the break cut ("HoHERPDU & Head of Public"),
    the last one given; the rest are this row's."""
    owners = segment.owners
    last = next((action for action in reversed(rec.actions) if action.owner), None)
    if segment.row.number is not None or last is None or len(owners) < 2 or len(owners) != len(segment.dates) + 1 \
            or begins_like_a_post(owners[0]):
        return segment
    last.owner = f"{last.owner} {owners[0]}"
    return replace(segment, owners=owners[1:])


def _carry_owner(rec: RawRecommendation, actions: list[RawAction], owner: str, line: int, plan: RawPlan) -> None:
    """A row's list goes on after a page break with dates beside it but no owner: the owner cell
    printed once for the row ended before the break, and still stands for the row's actions."""
    given = [action for action in actions if not action.owner]
    for action in given:
        action.owner = owner
    if given:
        plan.warn(line, f"recommendation {rec.number}: the owner {owner!r}, printed once for the row before the "
                  f"page break, is given to the {len(given)} actions after the break")


def _read_segment(rec: RawRecommendation, segment: _Segment, measuring: bool, plan: RawPlan) -> bool:
    """Adds the segment's actions and measures; returns whether a measures list is still open."""
    span = Span(min(segment.lines), max(segment.lines))
    segment = _cut_owner_finished(rec, segment)
    owners, dates = _parallel(segment, plan)
    wanted = max(len(owners), len(dates))
    parts = parts_of(segment.row.response)
    if measuring and not wanted:
        if parts and rec.measures and parts[0].text[:1].islower():  # a measure cut by the page break
            last = rec.measures[-1]
            last.text, last.span, parts = f"{last.text} {parts[0].text}", last.span.union(span), parts[1:]
        rec.measures += [RawMeasure(part.text, span) for part in parts]
        return True
    previous = rec.actions[-1] if rec.actions else None
    cut = not plan.source.whole_rows  # a text dump's row may be cut by a page break; a table read from its cells is not
    cut_before = cut and previous is not None and _CUT.search(previous.text) is not None
    leading, units = units_of(parts, wanted, continues=segment.row.number is None, cut_before=cut_before)
    if measuring and leading and all(part.kind == "li" for part in leading):  # the measures list goes on
        rec.measures += [RawMeasure(part.text, span) for part in leading]
        leading = []
    if leading and not previous and leading[-1].text.rstrip().endswith(":") and len(units) == wanted:
        leading = []  # "... compliance and enforcement practice, the CRC will:": a lost row's lead-in
    if leading and not previous:  # the start of this action was lost with a row; its cells may not be
        previous = RawAction(fold(" ".join(p.text for p in leading)), span)
        rec.actions.append(previous)
    elif leading:
        previous.text = fold(f"{previous.text} {' '.join(p.text for p in leading)}")
        previous.span = previous.span.union(span)
    if leading and previous and not (previous.owner or previous.target) and len(units) < wanted:
        previous.owner, previous.target = _cell(owners, 0), _cell(dates, 0)
        owners, dates, wanted = owners[1:], dates[1:], wanted - 1
    elif leading and previous and cut_before and units and len(units) < wanted:
        owners, dates = _finish_cut_cells(previous, segment, owners, dates, len(units))
        wanted = max(len(owners), len(dates))
    if units and not wanted and MEASURES_LEAD.search(units[-1].parts[-1].text):
        lead = units.pop()  # "... and measure the impact by:" opens a list of measures, no action
        rec.measures += [RawMeasure(text, span) for text in lead.measures]
        measuring = True
    if len(units) == 1 and not wanted and previous is not None and segment.row.after_break \
            and segment.row.number is None and not _CELLS_IN_TEXT.search(units[0].text) \
            and units[0].text.split()[:2] != previous.text.split()[:2]:  # "WY CRC will ...": an action
        # one paragraph goes on after a page break with no owner or date beside it: the cells were
        # printed before the break, beside the action it carries on (as a row's paragraphs beyond
        # its cells join the action before them)
        previous.text, previous.span = fold(f"{previous.text} {units[0].text}"), previous.span.union(span)
        rec.measures += [RawMeasure(text, span) for text in units[0].measures]
        return bool(units[0].measures)
    if not units and wanted:
        plan.warn(span.first, f"recommendation {rec.number}: owner {owners[:1]} and date {dates[:1]} are "
                  "printed beside no action of their own; they are not linked to an action")
        return measuring
    for index, unit in enumerate(_fit(units, wanted, cut)):
        text, opens_measures = _without_measures_lead(unit.text)
        owner, target = _cell(owners, index), _cell(dates, index)
        if (m := _CELLS_IN_TEXT.search(text)) and (owner or target):
            plan.warn(span.first, f"recommendation {rec.number}: {m.group(0)!r} reads like an owner and date "
                      "printed inside an action's text (cells merged by the conversion); they are left there")
        elif m:
            before, text, owner, target = _cells_taken_out(text, m)
            if before:
                rec.actions.append(RawAction(before, span))
            plan.warn(span.first, f"recommendation {rec.number}: owner {owner!r} and date {target!r} are printed "
                      "inside the text of the action beside no cells (merged by the conversion); they are read "
                      "as that action's owner and date")
        number, text = _action_number(text, rec.number)
        rec.actions.append(RawAction(text, span, number=number, owner=owner, target=target))
        rec.measures += [RawMeasure(text, span) for text in unit.measures]
        measuring = (opens_measures and not unit.measures) or bool(unit.measures)  # a list may go on
    if len(units) < wanted:
        if len(units) > 1 or len(set(dates)) > 1:  # one action with one date: the owners are all its own
            plan.warn(span.first, f"recommendation {rec.number}: {wanted} owners or dates are printed beside "
                      f"{len(units)} actions; the extra ones are given to the last action")
        last = rec.actions[-1] if rec.actions else None
        if last is not None:  # a cell printed once for them all counts once ("July 2019", not twice)
            last.owner = "; ".join(dict.fromkeys(filter(None, owners[len(units) - 1:]))) or last.owner
            last.target = "; ".join(dict.fromkeys(filter(None, dates[len(units) - 1:]))) or last.target
    return measuring


# a date in mid-sentence between a capitalised word and a lower-case one: "focused on Cluster Deputy May 2020
# areas", "programme Head of October 2020 and"
_CELLS_IN_TEXT = re.compile(r"\b(?:[A-Z][a-z]+ (?:of )?){1,3}"
                            r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? "
                            r"\d{4} (?=[a-z])")


# a run-in heading opening an action in mid-cell: "... partnership work. Planning: SWM CRC ensure ..."
_HEADING = re.compile(r"(?<=[.!?] )[A-Z][a-z]+: ")


def _cells_taken_out(text: str, m: re.Match) -> tuple[str, str, str, str]:
    """The owner and date a conversion printed inside an action's text, taken out of it: the text
    before the heading they sit under (an action of its own, its cells lost), the action's text,
    its owner and its date.  An owner cut short ("Cluster Deputy") ends in the first post word
    printed out of place after it ("... by setting Leads expectations ...")."""
    fragment = m.group(0).split()
    owner, target = " ".join(fragment[:-2]), " ".join(fragment[-2:])
    rest = text[m.end():]
    if not is_whole_post(owner):
        for word in re.finditer(r"(?<=[a-z] )([A-Z][a-z]+)(?= [a-z])", rest[:160]):
            if is_whole_post(f"{owner} {word.group(1)}"):
                owner, rest = f"{owner} {word.group(1)}", rest[:word.start()] + rest[word.end() + 1:]
                break
    text = f"{text[:m.start()]}{rest}"
    headings = [h.start() for h in _HEADING.finditer(text, 0, m.start())]
    split = headings[-1] if headings else 0
    return text[:split].strip(), text[split:].strip(), owner, target


def _action_number(text: str, recommendation: str) -> tuple[str | None, str]:
    """ "1.2 Workload Management tool to be reviewed ...": a plan that numbers its actions under
    their recommendation's number prints the number at the start of the action's cell."""
    m = _ACTION_NUMBER.match(text)
    if m and m.group(1).split(".")[0] == recommendation:
        return m.group(1), text[m.end():]
    return None, text


_ACTION_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")


def _finish_cut_cells(previous: RawAction, segment: _Segment, owners: list[str], dates: list[str],
                      count: int) -> tuple[list[str], list[str]]:
    """A cell cut with the sentence beside it: one item more than the row has actions, the first
    finishing the last action's cell ("Head of GM Courts, SOSM" / "Courts & Head of P&Q")."""
    if len(segment.owners) == count + 1 and previous.owner:
        previous.owner, owners = f"{previous.owner} {segment.owners[0]}", owners[1:]
    if len(segment.dates) == count + 1 and previous.target:
        previous.target, dates = f"{previous.target} {segment.dates[0]}", dates[1:]
    return owners[:count] if len(segment.owners) == 1 else owners, dates[:count] if len(segment.dates) == 1 else dates


def _without_measures_lead(text: str) -> tuple[str, bool]:
    """ "... SWM CRC will ensure actions are completed and measure the impact by:" ends the
    action's text and opens a list of measures: the action keeps the sentences before it."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 1 and MEASURES_LEAD.search(sentences[-1]):
        return " ".join(sentences[:-1]), True
    return text, False


def _parallel(segment: _Segment, plan: RawPlan) -> tuple[list[str], list[str]]:
    """Owner and date items, one per action: a single item stands for every action."""
    owners, dates = segment.owners, segment.dates
    if len(owners) == 1 and len(dates) > 1 and len(posts := split_owner_cell(owners[0])) == len(dates):
        owners = posts  # "Customer Service Centre (CSC) Lead CSC Lead": two cells run together
    count = max(len(owners), len(dates))
    if len(owners) == 1:
        owners = owners * count
    if len(dates) == 1:
        dates = dates * count
    if owners and dates and len(owners) != len(dates):
        plan.warn(segment.row.line, f"{len(segment.owners)} owners but {len(segment.dates)} dates are "
                  "printed side by side; they are paired in order")
    return owners, dates


def _fit(units: list[Unit], wanted: int, cut: bool) -> list[Unit]:
    """More paragraphs than owner items: a paragraph cut by the page break waits for the next
    row's cells; otherwise the extra paragraphs belong to the last action."""
    if wanted == 0 or len(units) <= wanted:
        return units
    if cut and _CUT.search(units[-1].text):
        return units
    units = _joined_back(units, wanted)
    head, tail = units[: wanted - 1], units[wanted - 1:]
    return head + [_joined(tail)]


# a paragraph that speaks of the one before it: "This will be reported monthly to ...", "These ..."
_REFERS_BACK = re.compile(r"(?:This|These|It|They|Such)\b")


def _joined_back(units: list[Unit], wanted: int) -> list[Unit]:
    """Paragraphs that speak of the one before go with it first ("... continuity of care
    performance." / "This will be reported monthly ..." / "To measure this locally HoCI ...":
    two actions, the second HoCI's), while there are more paragraphs than cells."""
    joined = units[:1]
    for index, unit in enumerate(units[1:], 1):
        surplus = len(joined) + len(units) - index > wanted
        if surplus and unit.parts[0].kind == "p" and _REFERS_BACK.match(unit.parts[0].text):
            joined[-1] = _joined([joined[-1], unit])
        else:
            joined.append(unit)
    return joined


def _joined(units: list[Unit]) -> Unit:
    return Unit([part for unit in units for part in unit.parts], [m for unit in units for m in unit.measures])


def _cell(items: list[str], index: int) -> str | None:
    return items[index] if index < len(items) else None


register(TableLayout())
