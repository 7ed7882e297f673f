"""Stage: a plan read against its own cross-checks, so that a plan that reads as less than it
says never passes quietly.

A plan carries its own checks: the summary table counts its recommendations by agreement; the
recommendations are numbered 1, 2, 3 ...; actions are numbered after their recommendation
("3.2"); and the definitions table says an agreed or partly agreed recommendation has actions,
each with an owner and a timescale.  Each disagreement is a warning naming the lines and what is
missing, marked ``cross_check`` (the build summary prints these, ``--strict`` fails on them).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .agreement import SUMMARY_NAMES
from .model import BuildWarning, Plan, RawPlan, Recommendation

_ENDS_SENTENCE = re.compile(r"[.!?:;)\]]\s*$")


def check_plan(raw: RawPlan, plan: Plan) -> list[BuildWarning]:
    """Every way the plan, as read, disagrees with what it says of itself."""
    found: list[tuple[int | None, str]] = []
    for check in (_summary_table, _number_sequence, _actions_numbered_elsewhere,
                  _agreed_without_actions, _cut_in_last_row):
        found += check(raw, plan.recommendations)
    return [BuildWarning(raw.source.name, line, message, cross_check=True) for line, message in found]


def _number(rec: Recommendation) -> int | None:
    return int(rec.number) if rec.number.isdigit() else None


def _numbers(numbers: list[int]) -> str:
    """ "4", "4 and 5", "4 to 8"."""
    if len(numbers) == 1:
        return str(numbers[0])
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{numbers[0]} to {numbers[-1]}"
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _summary_table(raw: RawPlan, recommendations: list[Recommendation]) -> list[tuple[int | None, str]]:
    """The counts the summary table prints against the recommendations read."""
    if not raw.summary:
        return []
    counted = Counter(SUMMARY_NAMES[rec.agreement] for rec in recommendations if rec.agreement)
    counted["Total"] = len(recommendations)
    found = [(raw.summary_line, f"the summary table says {name}: {printed}, but {counted[name]} "
              "recommendations were read") for name, printed in raw.summary.items() if counted[name] != printed]
    read = {_number(rec) for rec in recommendations}
    missing = [n for n in range(1, raw.summary.get("Total", 0) + 1) if n not in read]
    if found and missing:
        found.append((raw.summary_line, f"recommendation{'s' * (len(missing) > 1)} {_numbers(missing)} of "
                      f"the {raw.summary['Total']} the summary table counts "
                      f"{'are' if len(missing) > 1 else 'is'} missing from what was read"))
    return found


def _number_sequence(raw: RawPlan, recommendations: list[Recommendation]) -> list[tuple[int | None, str]]:
    """Recommendations are numbered 1, 2, 3 ...: a gap, a repeat or a step back means a row was
    lost, printed twice or moved."""
    found = []
    numbered = [(n, rec) for rec in recommendations if (n := _number(rec)) is not None]
    seen: dict[int, Recommendation] = {}
    for number, rec in numbered:
        highest = max(seen, default=0)
        if number in seen:
            found.append((rec.span.first, f"recommendation {number} is printed twice (lines "
                          f"{seen[number].span.first} and {rec.span.first})"))
        elif number < highest:
            found.append((rec.span.first, f"recommendation {number} is printed after recommendation "
                          f"{highest} (line {seen[highest].span.first}): the rows are out of order"))
        else:
            gap = [n for n in range(highest + 1, number) if n not in {m for m, _ in numbered}]
            went = f"the numbers go from {highest} to {number}" if highest else f"the first read is {number}"
            if gap:
                found.append((rec.span.first, f"recommendation{'s' * (len(gap) > 1)} {_numbers(gap)} "
                              f"{'are' if len(gap) > 1 else 'is'} missing: {went} (line {rec.span.first})"))
        seen.setdefault(number, rec)
    return found


def _actions_numbered_elsewhere(raw: RawPlan, recommendations: list[Recommendation]) -> list[tuple[int | None, str]]:
    """Actions numbered "4.1", "4.2" read under recommendation 2: recommendation 4's row was not
    found, and what it says is read as part of another."""
    misplaced: dict[tuple[str, str], list] = defaultdict(list)
    for rec in recommendations:
        for action in rec.actions:
            head = (action.number or "").split(".")[0]
            if head.isdigit() and head != rec.number:
                misplaced[(rec.number, head)].append(action)
    return [(actions[0].span.first, f"actions {actions[0].number} to {actions[-1].number} (lines "
             f"{actions[0].span.first}-{actions[-1].span.last}) are numbered for recommendation {head} "
             f"but are read under recommendation {number}: recommendation {head}'s row was not found")
            if len(actions) > 1 else
            (actions[0].span.first, f"action {actions[0].number} (line {actions[0].span.first}) is numbered "
             f"for recommendation {head} but is read under recommendation {number}")
            for (number, head), actions in misplaced.items()]


def _agreed_without_actions(raw: RawPlan, recommendations: list[Recommendation]) -> list[tuple[int | None, str]]:
    """The definitions table: an agreed or partly agreed recommendation is answered by actions."""
    found = []
    for rec in recommendations:
        if rec.actions or rec.agreement not in ("Agreed", "PartlyAgreed") or rec.text_missing:
            continue
        last = rec is recommendations[-1]
        found.append((rec.span.last, f"recommendation {rec.number} is {SUMMARY_NAMES[rec.agreement].lower()} "
                      f"but no action is read for it (lines {rec.span.first}-{rec.span.last})"
                      + (": the document may be cut after it" if last else "")))
    return found


def _cut_in_last_row(raw: RawPlan, recommendations: list[Recommendation]) -> list[tuple[int | None, str]]:
    """A document that stops in mid-row: its last action breaks off in mid-sentence with neither
    owner nor date."""
    if not recommendations or not recommendations[-1].actions:
        return []
    last_rec = recommendations[-1]
    last = last_rec.actions[-1]
    if last.owner_raw or last.target or _ENDS_SENTENCE.search(last.text):
        return []
    return [(last.span.last, f"the document stops in the middle of recommendation {last_rec.number} "
             f"(line {last.span.last}): its last action breaks off mid-sentence with no owner or date; "
             "what follows is missing")]
