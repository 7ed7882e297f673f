"""Stage: normalise a RawPlan (text as printed) into a Plan (parsed values, shared keys)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..agreement import SUMMARY_NAMES, agreement_value, near_agreement
from ..ids import slug
from ..model import (Action, BuildWarning, Measure, Owner, Plan, RawAction, RawPlan,
                     RawRecommendation, Recommendation)
from ..text import NOT_FULLY_AGREED, fold, strip_markup
from .dates import parse_date, parse_target, recurrence_in
from .glossary import find_definitions
from .organisations import UNIT_NAME, OrganisationIndex, canonical_name
from .owners import normalise_owner, split_owner_cell
from .reference import Reference, load_reference
from .same_post import one_owner_per_post
from .tools import mentioned_tools, tool_patterns, tools_defined

_REASONS = (("Commissioning", re.compile(r"\bcommission", re.I)),
            ("Policy", re.compile(r"\bpolic(y|ies)\b", re.I)),
            ("Operational", re.compile(r"\boperational", re.I)),
            ("Affordability", re.compile(r"\baffordab|\bafford\b", re.I)))
_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_RATIONALE_SENTENCE = re.compile(rf"\b(?:{NOT_FULLY_AGREED}|cannot|unable to|do not agree)\b", re.I)
_REASONS_NAMED = re.compile(r"\breasons?\b", re.I)
_REPEATED = re.compile(r"\bprevious inspection\b|\brepeated? (?:recommendation|from)\b", re.I)


@dataclass
class _Context:
    """What every recommendation of one plan is normalised against."""

    raw: RawPlan
    reference: Reference
    glossary: dict[str, str]
    organisations: OrganisationIndex
    tool_patterns: list
    warnings: list[BuildWarning]

    def warn(self, line: int | None, message: str, cross_check: bool = False) -> None:
        self.warnings.append(BuildWarning(self.raw.source.name, line, message, cross_check))


def normalise_plan(raw: RawPlan, reference: Reference | None = None) -> Plan:
    reference = reference or load_reference()
    plain_text = strip_markup(raw.source.text)
    glossary = find_definitions(plain_text)
    tools = tools_defined(glossary, plain_text, reference)
    context = _Context(raw, reference, glossary, OrganisationIndex(reference, raw.source.text),
                       tool_patterns(tools, glossary, reference), list(raw.warnings))
    inspected = _inspected_organisation(raw, context.organisations)
    recommendations = [_recommendation(rec, index, context) for index, rec in enumerate(raw.recommendations, 1)]
    _link_owning_companies(inspected, recommendations, plain_text, context.organisations)
    mentioned = {key for rec in recommendations for key in rec.tools + [t for a in rec.actions for t in a.tools]}
    for key in sorted(mentioned - tools.keys()):
        tools[key] = reference.tools[key]
    _infer_lost_agreements(raw, recommendations, context)
    context.warnings += one_owner_per_post(recommendations, glossary, raw.source.name)
    submitted, published = parse_date(raw.submitted), parse_date(raw.published)
    year = (submitted or published).year if (submitted or published) else None
    label = context.organisations.found[inspected].label if inspected else (raw.title or raw.source.name)
    return Plan(
        key=slug(label) + (f"-{year}" if year else ""), source=raw.source, layout=raw.layout,
        title=label, inspected=inspected, submitted=submitted, published=published,
        recommendations=recommendations, summary=dict(raw.summary),
        organisations=dict(sorted(context.organisations.found.items())),
        tools={key: tools[key] for key in sorted(mentioned)}, glossary=glossary,
        warnings=context.warnings)


def _inspected_organisation(raw: RawPlan, organisations: OrganisationIndex) -> str | None:
    """The inspected body, and the units listed with it ("... region / X PDU, Y PDU and Z PDU")."""
    name = raw.inspected or raw.title
    if not name:
        return None
    units = [m.group(0) for m in UNIT_NAME.finditer(name)]
    body = fold(name[: UNIT_NAME.search(name).start()]) if units else name
    if not body or canonical_name(body).split()[-1:] in (["and"], []):
        body = raw.title or name
    key = organisations.add(body)
    organisations.inspected = key
    if organisations.found[key].kind == "Region":
        organisations.set_parent(key, organisations.add("Probation Service"))
    for unit in units:
        organisations.add(unit, parent=key)
    return key


def _link_owning_companies(inspected: str | None, recommendations: list[Recommendation],
                           text: str, organisations: OrganisationIndex) -> None:
    """A company the plan addresses, or says leads the inspected body, owns it."""
    if not inspected:
        return
    owners = [rec.addressee for rec in recommendations
              if rec.addressee and organisations.found.get(rec.addressee) and
              organisations.found[rec.addressee].kind == "Company"]
    owners += organisations.owners_named(text)
    for owner in owners[:1]:
        organisations.found.setdefault(owner, organisations.reference.organisations[owner])
        organisations.set_parent(inspected, owner)


def _agreement(rec: RawRecommendation, context: _Context) -> str | None:
    """The agreement the cell states; a near miss of one agreement word is read as it, with a warning."""
    value = agreement_value(rec.agreement)
    if value is None and rec.agreement and (near := near_agreement(rec.agreement)):
        printed, value = near
        context.warn(rec.agreement_line or rec.span.first, f"recommendation {rec.number}: agreement "
                     f"{printed!r} is read as {SUMMARY_NAMES[value]}, the only agreement word it is "
                     "near (misspelt?)", cross_check=True)
    return value


def _rationale(rec: RawRecommendation, agreement: str | None) -> str | None:
    if agreement not in ("PartlyAgreed", "NotAgreed"):
        return None
    parts = [fold(inner) for inner in _PARENTHESIS.findall(rec.agreement or "")]
    parts += _rationale_sentences(re.split(r"(?<=[.!?])\s+", fold(rec.response or "")))
    return " ".join(dict.fromkeys(p for p in parts if p)) or None


def _rationale_sentences(sentences: list[str]) -> list[str]:
    """The sentences that say why: those that say it is not (fully) agreed, those that name
    "... reasons", and the ones straight after a "not agreed" that give a reason ("Provision is
    commissioned by HMPPS ...")."""
    kept, after_cue = [], False
    for sentence in sentences:
        cue = bool(_RATIONALE_SENTENCE.search(sentence))
        if cue or _REASONS_NAMED.search(sentence) or (after_cue and any(p.search(sentence) for _, p in _REASONS)):
            kept.append(sentence)
            after_cue = True
        else:
            after_cue = False
    return kept


def _recommendation(rec: RawRecommendation, ordinal: int, context: _Context) -> Recommendation:
    agreement = _agreement(rec, context)
    if agreement is None and not rec.text_missing:  # a lost row's agreement is looked for later
        context.warn(rec.span.first, f"recommendation {rec.number}: agreement "
                     f"{rec.agreement!r} is not Agreed, Partly Agreed or Not Agreed")
    organisations = context.organisations
    addressee = (organisations.resolve_addressee(rec.addressee) if rec.addressee
                 else organisations.inspected)
    rationale = _rationale(rec, agreement)
    whole_text = " ".join(filter(None, [rec.text, rec.response]))
    actions = _actions(rec, context, _owners_body(addressee, organisations))
    return Recommendation(
        number=rec.number, text=rec.text, span=rec.span, agreement=agreement,
        agreement_raw=rec.agreement, rationale=rationale, addressee=addressee, actions=actions,
        response=fold(rec.response),
        measures=[Measure(fold(m.text), m.span, fold(m.owner or "") or None, fold(m.target or "") or None)
                  for m in rec.measures],
        tools=mentioned_tools(whole_text, context.tool_patterns),
        reasons=[name for name, pattern in _REASONS if rationale and pattern.search(rationale)],
        organisations=organisations.mentions(whole_text),
        number_inferred=rec.number_inferred, text_missing=rec.text_missing,
        repeated=bool(_REPEATED.search(whole_text)))


def _owners_body(addressee: str | None, organisations: OrganisationIndex) -> str | None:
    """Where an owner sits when the cell does not say: in the body a recommendation is addressed
    to when that is a national or owning body ("HM Prison and Probation Service should:"),
    else in the inspected body (a region's posts serve all its PDUs)."""
    found = organisations.found.get(addressee or "")
    national = found is not None and found.kind in ("Government", "Company", "CentralBody")
    return addressee if national else organisations.inspected


def _actions(rec: RawRecommendation, context: _Context, body: str | None) -> list[Action]:
    actions: list[Action] = []
    seen: set[tuple] = set()
    numbers = {a.number.rstrip(".") for a in rec.actions if a.number}
    keys: dict[int, str] = {}  # raw index -> key, for sub-actions the plan does not number
    for index, raw in enumerate(rec.actions):
        identity = (fold(raw.text), fold(raw.owner or ""), fold(raw.target or ""))
        if identity in seen:
            context.warn(raw.span.first, f"recommendation {rec.number}: the same action is printed "
                         "twice (a conversion artefact); it is kept once")
            continue
        seen.add(identity)
        action = _action(raw, rec, len(actions) + 1, numbers, context, body)
        if raw.parent is not None:
            action.parent_key = keys.get(raw.parent)
        keys[index] = action.key
        actions.append(action)
    return actions


def _action(raw: RawAction, rec: RawRecommendation, ordinal: int, numbers: set[str],
            context: _Context, body: str | None) -> Action:
    number = raw.number.rstrip(".") if raw.number else None
    parent = number.rsplit(".", 1)[0] if number and "." in number else None
    target = parse_target(raw.target) if raw.target and fold(raw.target) else None
    if target and not (target.due or target.progress or target.recurrence):
        context.warn(raw.span.first, f"recommendation {rec.number}: target date {target.raw!r} "
                     "could not be read as a date or a state")
    return Action(
        key=number or f"r{rec.number}-{ordinal}", number=number, text=fold(raw.text), span=raw.span,
        owners=_owners(raw.owner, context, body), owner_raw=fold(raw.owner) if raw.owner else None,
        target=target, tools=mentioned_tools(raw.text, context.tool_patterns),
        parent_key=parent if parent in numbers else None,
        organisations=context.organisations.mentions(raw.text),
        recurrence=target.recurrence if target and target.recurrence else recurrence_in(fold(raw.text)))


def _owners(cell: str | None, context: _Context, body: str | None) -> list[Owner]:
    owners = []
    for part in split_owner_cell(cell or "", context.glossary):
        named = [key for key in context.organisations.mentions(part)
                 if context.organisations.found[key].kind in ("PDU", "Region", "CRC", "Company", "CentralBody")]
        organisation = named[0] if named else body
        owners.append(normalise_owner(part, context.glossary, organisation))
    return list({owner.key: owner for owner in owners}.values())


def _infer_lost_agreements(raw: RawPlan, recommendations: list[Recommendation], context: _Context) -> None:
    """A row lost at a page break took its agreement cell with it; the summary table can still
    tell, when exactly one value is short, and by exactly the number of lost rows."""
    lost = [rec for rec in recommendations if rec.agreement is None and rec.text_missing]
    if not lost or not raw.summary:
        return
    counted = Counter(rec.agreement for rec in recommendations if rec.agreement)
    short = {value: raw.summary.get(name, 0) - counted[value] for value, name in SUMMARY_NAMES.items()}
    if any(gap < 0 for gap in short.values()) or sorted(short.values())[-2:] != [0, len(lost)]:
        return
    value = max(short, key=short.get)
    for rec in lost:
        rec.agreement, rec.agreement_inferred = value, True
        context.warn(rec.span.first, f"recommendation {rec.number}: its agreement cell was lost; "
                     f"the summary table shows it can only be {SUMMARY_NAMES[value]}")
