"""Front matter and summary table, printed alike in every layout.

Plans open with "Action Plan Submitted:", "A Response to the HMI Probation Inspection:",
"Report Published:" and "ACTION PLAN: <body>", and most end with a summary table
("Recommendations / Agreed 27 / Partly Agreed 1 / Not Agreed 0 / Total 28").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import strip_markup

_SUBMITTED = re.compile(r"^action plan submitted\s*:\s*(.*)$", re.I)
_PUBLISHED = re.compile(r"^reports?(?:\(s\))? published\s*:\s*(.*)$", re.I)
_RESPONSE = re.compile(r"^a response to the .*?inspection\s*:\s*(.*)$", re.I)
_TITLE = re.compile(r"^action plan\s*:\s*(.+)$", re.I)
# the report's title before the body's name: "An inspection of probation services in: Kent, Surrey and Sussex region"
_REPORT_TITLE = re.compile(r"^an? (?:\w+ )?(?:inspection|review) of (?:[\w ]+? )?in:?\s+(?=\S)", re.I)
_SUMMARY_ROW = re.compile(r"^(agreed|partly agreed|not agreed|total)\s+(\d+)$", re.I)
_STOP = re.compile(r"^(report|introduction|action plan|his |her |hm )", re.I)
SUMMARY_KEYS = {"agreed": "Agreed", "partly agreed": "Partly Agreed",
                "not agreed": "Not Agreed", "total": "Total"}


@dataclass
class Header:
    title: str | None = None
    inspected: str | None = None
    submitted: str | None = None
    published: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    summary_line: int | None = None


def plain_lines(lines: list[str]) -> list[str]:
    """Each line as plain text, tabs read as cell breaks."""
    return [strip_markup(line.replace("\t", " ")) for line in lines]


def read_header(lines: list[str]) -> Header:
    plain = plain_lines(lines)
    header = Header()
    for index, line in enumerate(plain):
        if header.submitted is None and (m := _SUBMITTED.match(line)):
            header.submitted = m.group(1) or None
        elif header.published is None and (m := _PUBLISHED.match(line)):
            header.published = m.group(1) or None
        elif header.inspected is None and (m := _RESPONSE.match(line)):
            header.inspected = _REPORT_TITLE.sub("", _continued(m.group(1), plain[index + 1:]) or "") or None
        elif header.title is None and (m := _TITLE.match(line)):
            header.title = _REPORT_TITLE.sub("", m.group(1).strip())
    header.summary, header.summary_line = read_summary(plain)
    return header


def _continued(first: str, following: list[str]) -> str | None:
    """The inspected body's name may wrap onto the next line or two."""
    parts = [first] if first else []
    for line in following[:6]:
        if not line:
            continue
        if _STOP.match(line) or len(parts) >= 3:
            break
        parts.append(line)
    return " ".join(parts).strip() or None


def read_summary(plain: list[str]) -> tuple[dict[str, int], int | None]:
    """The last run of "Agreed N / Partly Agreed N / Not Agreed N / Total N" lines."""
    summary: dict[str, int] = {}
    first_line = None
    for index in range(len(plain) - 1, -1, -1):
        line = plain[index]
        if not line:
            continue
        m = _SUMMARY_ROW.match(line)
        if not m:
            if summary:
                break
            continue
        summary.setdefault(SUMMARY_KEYS[m.group(1).lower()], int(m.group(2)))
        first_line = index + 1
    if "Total" not in summary and len(summary) < 2:
        return _summary_across(plain)
    return summary, first_line


_SUMMARY_HEADING = re.compile(r"\s*(total(?: number of recommendations)?|partly agreed|not agreed|agreed)\s*", re.I)


def _summary_across(plain: list[str]) -> tuple[dict[str, int], int | None]:
    """The summary printed across: a row of headings ("Total number of recommendations Agreed
    Partly Agreed Not Agreed") over a row of numbers ("6 4 1 1"), as a web page's table prints it."""
    for index in range(len(plain) - 2, -1, -1):
        headings = list(_SUMMARY_HEADING.finditer(plain[index]))
        numbers = plain[index + 1].split()
        whole = "".join(m.group(0) for m in headings) == plain[index]  # the row holds nothing else
        if len(headings) >= 3 and whole and len(numbers) == len(headings) and all(n.isdigit() for n in numbers):
            keys = [SUMMARY_KEYS[m.group(1).lower().split(" number")[0]] for m in headings]
            return dict(zip(keys, map(int, numbers))), index + 1
    return {}, None
