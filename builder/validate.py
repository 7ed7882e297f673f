"""Validate a built plan graph against the SHACL shapes in shapes/ and report what falls short.

``validate_graph`` runs pySHACL and turns the standard ``sh:ValidationReport`` into plain
``Finding`` records (plan, rule, severity, the recommendation or action, its number, label and
source line, message); ``format_findings`` prints them for a person, grouped by plan then rule.
``validate_plans`` does the same for a build's TriG one plan at a time, in worker processes.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SH, XSD
from rdflib.term import Node

from .prepared import install as remember_parsed_queries
from .resources import SHAPES_DIR
from .workers import watched_by_this_process

remember_parsed_queries()

AP = Namespace("https://w3id.org/plangraph/ontology#")
APS = Namespace("https://w3id.org/plangraph/shapes#")

SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = ("Violation", "Warning", "Info")
NO_PLAN = "Not part of exactly one plan"
# The kind of node a finding is about, by class (first match wins: a team is an ap:Owner and
# an org:OrganizationalUnit), and the property holding its printed number.
KINDS = ((AP.ActionPlan, "plan", None),
         (AP.Recommendation, "recommendation", AP.recommendationNumber),
         (AP.Action, "action", AP.actionNumber),
         (AP.Owner, "owner", None),
         (AP.Tool, "tool", None),
         (AP.Framework, "tool", None),
         (ORG.Organization, "organisation", None),
         (ORG.OrganizationalUnit, "organisation", None))
PLAN_PARTS = (AP.Recommendation, AP.Action)


@dataclass(frozen=True)
class Finding:
    """One validation result, in the terms of the plan."""

    plan: URIRef | None  # None where the node is not part of exactly one plan
    plan_label: str
    rule: str  # sh:name of the shape that reported it
    severity: str  # "Violation", "Warning" or "Info"
    focus_node: Node  # the recommendation, action, plan, owner ... the finding is about
    kind: str  # "plan", "recommendation", "action", "owner", "tool", "organisation" or "node"
    number: str | None  # the recommendation or action number, where printed
    label: str | None
    source_line: int | None  # first line of the source document it was read from
    message: str


@dataclass(frozen=True)
class ValidationOutcome:
    conforms: bool  # sh:conforms of the report: false on any result, Warnings included
    report: Graph  # the standard sh:ValidationReport
    findings: list[Finding]
    plans: dict[URIRef, str]  # every plan of the data graph -> its label

    @property
    def has_violations(self) -> bool:
        return any(finding.severity == "Violation" for finding in self.findings)


def load_shapes(directory: Path = SHAPES_DIR) -> Graph:
    """All shapes files of the directory in one graph."""
    shapes = Graph()
    for path in sorted(directory.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def validate_graph(data: Graph, shapes: Graph | None = None, in_place: bool = False) -> ValidationOutcome:
    """Validate ``data`` against ``shapes`` (by default those in shapes/).  ``in_place``: the caller
    will not use ``data`` again, so pySHACL need not copy it first (a third of its time for a plan)."""
    if shapes is None:
        shapes = load_shapes()
    # advanced=True for the SPARQL targets of the plan rules. No inference: the shapes list
    # their target classes, and expanding the graph with RDFS would cost more than the check.
    conforms, report, _ = validate(data, shacl_graph=shapes, advanced=True, inference="none", inplace=in_place)
    report.bind("aps", APS)
    report.bind("ap", AP)
    index = _PlanIndex(data)
    plans = {plan: _label(data, plan) or str(plan) for plan in index.plans}
    findings = [_finding(data, shapes, report, result, index, plans)
                for result in report.subjects(RDF.type, SH.ValidationResult)]
    return ValidationOutcome(conforms, report, sorted(findings, key=_finding_order), plans)


def format_findings(outcome: ValidationOutcome) -> str:
    """A report a person can read: per plan, per rule (Violations first), per source line."""
    by_plan: dict[URIRef | None, list[Finding]] = defaultdict(list)
    for finding in outcome.findings:
        by_plan[finding.plan].append(finding)
    lines = [_headline(f"{_count(len(outcome.plans), 'plan')} validated", outcome.findings)]
    plan_order = sorted(outcome.plans, key=lambda plan: outcome.plans[plan])
    for plan in plan_order + ([None] if None in by_plan else []):
        findings = by_plan.get(plan, [])
        lines += ["", _headline(outcome.plans[plan] if plan else NO_PLAN, findings)]
        by_rule: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in findings:
            by_rule[(finding.severity, finding.rule)].append(finding)
        for (severity, rule), rule_findings in by_rule.items():
            lines.append(f"  {severity}: {rule} ({len(rule_findings)})")
            for finding in rule_findings:
                lines.append(f"    {_where(finding)}")
                lines.append(f"      {finding.message}")
    return "\n".join(lines)


def validate_command(graph_file: Path, fmt: str, out: TextIO) -> int:
    """``plangraph validate FILE [--format text|turtle]``: 1 when there is any Violation,
    2 when there is no graph to validate, else 0."""
    if fmt not in ("text", "turtle"):
        raise ValueError(f"unknown report format {fmt!r}: expected 'text' or 'turtle'")
    if not graph_file.is_file():
        print(f"{graph_file} does not exist: build the graph first (plangraph build)", file=sys.stderr)
        return 2
    trig = graph_file.with_suffix(".trig")
    outcome = validate_plans(trig) if trig.is_file() else validate_graph(Graph().parse(graph_file), in_place=True)
    if fmt == "turtle":
        out.write(outcome.report.serialize(format="turtle"))
    else:
        out.write(format_findings(outcome) + "\n")
    return 1 if outcome.has_violations else 0


# ---------------------------------------------------------------- one plan at a time

IN_FLIGHT = 16  # plans handed to the workers at once: memory stays flat however many plans there are
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# what says which plan a thing belongs to (_PlanIndex), kept beside the things shapes across plans check
MEMBERSHIP = {str(AP.hasRecommendation), str(AP.hasAction), str(AP.addresses)}
Part = tuple[bool, bytes, list["Finding"], dict[URIRef, str]]


def validate_plans(trig: Path, workers: int | None = None) -> ValidationOutcome:
    """A build validated plan by plan, in worker processes: each plan's named graph against the
    shapes about a plan's own nodes, and once, the things plans share (owners, organisations,
    tools, with every plan's names for them) against the shapes marked ``aps:acrossPlans``.  It
    finds what validating the whole graph at once finds (the tests compare them), in time that
    grows with the number of plans and no faster."""
    with ProcessPoolExecutor(workers, **watched_by_this_process()) as pool:
        shared = pool.submit(_validate_across_plans, trig.with_suffix(".ttl"))
        parts = list(_bounded_map(pool, partial(_validate_ntriples, across=False), plan_graphs(trig), IN_FLIGHT))
        parts.append(shared.result())
    return _merged(parts)


def split_shapes(shapes: Graph) -> tuple[set[Node], set[Node]]:
    """(the shapes about one plan's nodes, the shapes marked ``aps:acrossPlans``): those with targets."""
    targeted = {shape for target in TARGETS for shape in shapes.subjects(target, None)}
    across = {shape for shape in targeted if (shape, APS.acrossPlans, Literal(True)) in shapes}
    return targeted - across, across


def plan_graphs(trig: Path) -> Iterator[bytes]:
    """Each named graph of a build's TriG as N-Triples, read as the file goes (a build writes each
    plan's graph in one piece)."""
    seen = set()
    for name, quads in groupby(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG), key=lambda quad: quad.graph_name):
        if name in seen:
            raise ValueError(f"{trig}: the graph {name} is written in several pieces; validate its Turtle instead")
        seen.add(name)
        yield ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)


def across_plans(turtle: Path, shapes: Graph) -> bytes:
    """From the merged graph: the things ``shapes`` target by class, what is said of them and what
    names them, and which plan each recommendation and action is of, as N-Triples."""
    classes = {str(cls) for cls in shapes.objects(None, SH.targetClass)}
    # read twice, streaming: a thing is known by its type, which may come after what names it
    rdf_type, plan_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AP.ActionPlan))
    things, plans = set(), set()
    for quad in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE):
        if quad.predicate == rdf_type and quad.object.value in classes:
            things.add(quad.subject)
        elif quad.predicate == rdf_type and quad.object == plan_class:
            plans.add(quad.subject)
    return ox.serialize((quad.triple for quad in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)
                         if quad.subject in things or quad.object in things or quad.subject in plans
                         or quad.predicate.value in MEMBERSHIP), format=ox.RdfFormat.N_TRIPLES)


def _bounded_map(pool: Executor, function: Callable, items: Iterable, in_flight: int) -> Iterator:
    """``pool.map`` that reads ahead of the results by ``in_flight`` items only."""
    pending = []
    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= in_flight:
            yield pending.pop(0).result()
    for future in pending:
        yield future.result()


@lru_cache(maxsize=2)
def _shapes(across: bool) -> Graph:
    """The shapes that look across plans (or those that do not), once per worker process: the
    others lose their targets.  (pySHACL's own choice of shapes, use_shapes, finds nothing with
    SHACL-AF targets.)"""
    shapes = load_shapes()
    for shape in split_shapes(shapes)[0 if across else 1]:
        for target in TARGETS:
            shapes.remove((shape, target, None))
    return shapes


def _validate_ntriples(data: bytes, across: bool) -> Part:
    outcome = validate_graph(rdflib_graph(data), _shapes(across), in_place=True)
    return outcome.conforms, outcome.report.serialize(format="nt", encoding="utf-8"), outcome.findings, outcome.plans


def _validate_across_plans(turtle: Path) -> Part:
    return _validate_ntriples(across_plans(turtle, _shapes(across=True)), across=True)


def rdflib_graph(ntriples: bytes) -> Graph:
    """N-Triples as an rdflib graph, read by Oxigraph: twice as fast as rdflib's own reader."""
    graph = Graph()
    graph.addN((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object), graph)
               for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    return graph


def _rdflib_term(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def _merged(parts: list[Part]) -> ValidationOutcome:
    """One outcome of the parts': their findings, and one report holding all their results."""
    conforms = all(part[0] for part in parts)
    report, plans = Graph(), {}
    for _, ntriples, _, labels in parts:
        report.parse(data=ntriples, format="nt")  # each part's blank nodes stay its own
        plans.update(labels)
    whole = BNode()
    for part in list(report.subjects(RDF.type, SH.ValidationReport)):
        for result in report.objects(part, SH.result):
            report.add((whole, SH.result, result))
        report.remove((part, None, None))
    report.add((whole, RDF.type, SH.ValidationReport))
    report.add((whole, SH.conforms, Literal(conforms)))
    findings = sorted((finding for part in parts for finding in part[2]), key=_finding_order)
    return ValidationOutcome(conforms, report, findings, plans)


# ---------------------------------------------------------------- building findings


class _PlanIndex:
    """Which plan a node belongs to: recommendations and actions directly, anything else
    (an owner, a tool, an organisation) through the recommendations and actions naming it."""

    def __init__(self, data: Graph):
        self._data = data
        self._plans: dict[Node, set[URIRef]] = defaultdict(set)
        # A node listing recommendations is a plan even where it is not typed as one.
        self.plans = set(data.subjects(RDF.type, AP.ActionPlan)) | set(data.subjects(AP.hasRecommendation))
        for plan in self.plans:
            self._plans[plan].add(plan)
        for plan, recommendation in data.subject_objects(AP.hasRecommendation):
            self._plans[recommendation].add(plan)
        for action, recommendation in data.subject_objects(AP.addresses):
            self._plans[action] |= self._plans.get(recommendation, set())
        for recommendation, action in data.subject_objects(AP.hasAction):
            self._plans[action] |= self._plans.get(recommendation, set())

    def plan_of(self, node: Node) -> URIRef | None:
        plans = self._plans.get(node)
        if plans is None:
            plans = {plan for subject in self._data.subjects(None, node)
                     for plan in self._plans.get(subject, ())}
        return next(iter(plans)) if len(plans) == 1 else None


def _finding(data: Graph, shapes: Graph, report: Graph, result: Node,
             index: _PlanIndex, plans: dict[URIRef, str]) -> Finding:
    node = _subject(data, report, result)
    kind, number = _kind_and_number(data, node)
    plan = index.plan_of(node)
    shape = report.value(result, SH.sourceShape)
    line = data.value(node, AP.sourceLineStart)
    messages = sorted(str(message) for message in report.objects(result, SH.resultMessage))
    return Finding(
        plan=plan, plan_label=plans[plan] if plan else NO_PLAN,
        rule=str(shapes.value(shape, SH.name) or shape),
        severity=SEVERITY_NAMES.get(report.value(result, SH.resultSeverity), "Violation"),
        focus_node=node, kind=kind, number=number, label=_label(data, node),
        source_line=int(line) if line is not None else None,
        message=" ".join(messages))


def _subject(data: Graph, report: Graph, result: Node) -> Node:
    """The node a result is about. Plan-wide rules (numbers unique within a plan) focus on the
    plan and report the offending recommendation or action as sh:value: name that instead."""
    value = report.value(result, SH.value)
    if isinstance(value, URIRef) and any((value, RDF.type, cls) in data for cls in PLAN_PARTS):
        return value
    return report.value(result, SH.focusNode)


def _kind_and_number(data: Graph, node: Node) -> tuple[str, str | None]:
    for cls, kind, number_property in KINDS:
        if (node, RDF.type, cls) in data:
            number = data.value(node, number_property) if number_property else None
            return kind, str(number) if number is not None else None
    return "node", None


def _label(data: Graph, node: Node) -> str | None:
    label = data.value(node, RDFS.label)
    return str(label) if label is not None else None


def _finding_order(finding: Finding) -> tuple:
    return (finding.plan_label, SEVERITY_ORDER.index(finding.severity), finding.rule,
            finding.source_line or 0, finding.label or str(finding.focus_node), finding.message)


# ---------------------------------------------------------------- text report


def _headline(title: str, findings: list[Finding]) -> str:
    shown = [severity for severity in SEVERITY_ORDER
             if severity != "Info" or any(f.severity == "Info" for f in findings)]
    counts = [_count(sum(f.severity == severity for f in findings), severity.lower()) for severity in shown]
    return f"{title}: " + (", ".join(counts) if findings else "no findings")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _where(finding: Finding) -> str:
    line = f"line {finding.source_line}" if finding.source_line else "no source line"
    what = f"{finding.kind} {finding.number}" if finding.number else finding.kind
    label = finding.label or str(finding.focus_node)
    return f"{line}, {what}: {label}"
