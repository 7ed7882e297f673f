"""Stage: emit the triples of one normalised Plan.  A pure function: Plan in, triples out.

No blank nodes and no timestamps, so that building twice gives byte-identical Turtle and a
plan built alone gives the same triples as the same plan built in the whole corpus.  The
triples are plain values (builder/terms.py), written as N-Triples without rdflib.
"""
from __future__ import annotations

from rdflib import Graph

from . import __version__
from .ids import BASE
from .layouts.table_rows import COLUMNS
from .model import Action, Deliverable, Organisation, Owner, Plan, Recommendation, Target, Tool
from .normalise.reference import load_reference
from .text import strip_markup
from .terms import Iri, Typed, Vocabulary, rdflib_term

AP = Vocabulary("https://w3id.org/plangraph/ontology#")
ID = Vocabulary(BASE)
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
DCTERMS = Vocabulary("http://purl.org/dc/terms/")
ORG = Vocabulary("http://www.w3.org/ns/org#")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
SOFTWARE = ID[f"software/plangraph-{__version__}"]
ORG_CLASSES = {"PDU": AP.ProbationDeliveryUnit, "Region": AP.ProbationRegion,
               "CRC": AP.CommunityRehabilitationCompany, "Company": AP.OwningCompany,
               "Provider": AP.ServiceProvider, "CentralBody": AP.CentralBody,
               "Government": AP.GovernmentBody}
REASONS = {"Commissioning": AP.CommissioningReason, "Policy": AP.PolicyReason,
           "Operational": AP.OperationalReason, "Affordability": AP.AffordabilityReason}
PREFIXES = {"ap": AP, "id": ID, "dcterms": DCTERMS, "org": ORG, "prov": PROV, "skos": SKOS,
            "owl": OWL, "xsd": XSD}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace), override=True)
    return graph


def plan_iri(plan: Plan) -> Iri:
    return ID[f"plan/{plan.key}"]


def source_iri(plan: Plan) -> Iri:
    return ID[f"source/{plan.source.sha256[:16]}"]


def org_iri(key: str) -> Iri:
    return ID[f"org/{key}"]


def tool_iri(key: str) -> Iri:
    return ID[f"tool/{key}"]


def owner_iri(owner: Owner) -> Iri:
    return ID[f"owner/{owner.key}"]


def recommendation_iri(plan: Plan, number: str) -> Iri:
    return ID[f"plan/{plan.key}/recommendation/{number}"]


def action_iri(plan: Plan, key: str) -> Iri:
    return ID[f"plan/{plan.key}/action/{key}"]


Triples = list  # of (subject, predicate, object) values, duplicates allowed: the writers drop them


def emit_triples(plan: Plan) -> Triples:
    triples: Triples = []
    _plan(triples, plan)
    _provenance(triples, plan)
    for ordinal, rec in enumerate(plan.recommendations, 1):
        _recommendation(triples, plan, rec, ordinal)
    for organisation in _with_parents(plan.organisations):
        _organisation(triples, organisation)
    for key, tool in plan.tools.items():
        _tool(triples, key, tool)
    for deliverable in plan.deliverables.values():
        _deliverable(triples, deliverable)
    _dependencies(triples, plan)
    return triples


def emit_plan(plan: Plan) -> Graph:
    """The plan's triples as an rdflib Graph (the build itself writes them with `ntriples`)."""
    graph = bind_prefixes(Graph())
    for s, p, o in emit_triples(plan):
        graph.add((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    return graph


def _plan(triples: Triples, plan: Plan) -> None:
    subject = plan_iri(plan)
    year = f" ({plan.submitted.year})" if plan.submitted else ""
    triples.append((subject, RDF.type, AP.ActionPlan))
    triples.append((subject, RDFS.label, f"{plan.title} action plan{year}"))
    triples.append((subject, DCTERMS.title, plan.title))
    triples.append((subject, AP.layout, plan.layout))
    if plan.inspected:
        triples.append((subject, AP.inspectedOrganisation, org_iri(plan.inspected)))
    if plan.submitted:
        triples.append((subject, AP.submittedOn, Typed(plan.submitted.isoformat(), XSD.date)))
    if plan.published:
        triples.append((subject, AP.reportPublishedOn, Typed(plan.published.isoformat(), XSD.date)))
    names = {"Agreed": AP.summaryAgreed, "Partly Agreed": AP.summaryPartlyAgreed,
             "Not Agreed": AP.summaryNotAgreed, "Total": AP.summaryTotal}
    for name, count in plan.summary.items():
        triples.append((subject, names[name], count))
    for warning in plan.warnings:
        where = f"{warning.place}: " if warning.place else f"line {warning.line}: " if warning.line else ""
        triples.append((subject, AP.buildWarning, where + warning.message))


def _provenance(triples: Triples, plan: Plan) -> None:
    source, run = source_iri(plan), ID[f"build/{plan.source.sha256[:16]}"]
    triples.append((plan_iri(plan), PROV.wasDerivedFrom, source))
    triples.append((plan_iri(plan), PROV.wasGeneratedBy, run))
    triples.append((source, RDF.type, AP.SourceDocument))
    triples.append((source, RDFS.label, plan.source.name))
    triples.append((source, DCTERMS.title, plan.source.name))
    triples.append((source, AP.sha256, plan.source.sha256))
    triples.append((source, DCTERMS["format"], plan.source.media_type))
    triples.append((run, RDF.type, AP.BuildRun))
    triples.append((run, RDFS.label, f"Plangraph build of {plan.source.name}"))
    triples.append((run, PROV.used, source))
    triples.append((run, PROV.wasAssociatedWith, SOFTWARE))
    triples.append((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    triples.append((SOFTWARE, RDFS.label, f"Plangraph builder {__version__}"))


# the cells a recommendation's and an action's (or a measure's) words are printed in, counted from 1
RECOMMENDATION_CELL, RESPONSE_CELL = COLUMNS.index("recommendation") + 1, COLUMNS.index("response") + 1


def _traced(triples: Triples, plan: Plan, subject: Iri, span, cell: int) -> None:
    lines = plan.source.lines[span.first - 1: span.last]
    first, last = plan.source.location(span.first), plan.source.location(span.last)
    if first is not None:  # a table read from a document: its cells' words, not the read form's markup
        lines = [" | ".join(filter(None, map(strip_markup, line.split("\t")))) for line in lines]
    triples.append((subject, PROV.wasDerivedFrom, source_iri(plan)))
    triples.append((subject, AP.sourceText, "\n".join(lines).strip("\n")))
    if first is None:  # plain text: its lines are where it was printed
        triples.append((subject, AP.sourceLineStart, span.first))
        triples.append((subject, AP.sourceLineEnd, span.last))
        return
    if first.page:
        triples.append((subject, AP.sourcePage, first.page))
        triples.append((subject, AP.sourceTop, Typed(f"{first.top or 0.0:.1f}", XSD.decimal)))
    if first.table:
        triples.append((subject, AP.sourceTable, first.table))
        triples.append((subject, AP.sourceRow, first.row))
        triples.append((subject, AP.sourceRowEnd, max(first.row, last.row if last and last.table else 0)))
        triples.append((subject, AP.sourceCell, cell))


def _recommendation(triples: Triples, plan: Plan, rec: Recommendation, ordinal: int) -> None:
    subject = recommendation_iri(plan, rec.number)
    triples.append((plan_iri(plan), AP.hasRecommendation, subject))
    triples.append((subject, RDF.type, AP.Recommendation))
    triples.append((subject, RDFS.label, f"Recommendation {rec.number} ({plan.title})"))
    triples.append((subject, AP.recommendationNumber, rec.number))
    triples.append((subject, AP.ordinal, ordinal))
    _optional(triples, subject, DCTERMS.description, rec.text)
    _optional(triples, subject, AP.agreementText, rec.agreement_raw)
    _optional(triples, subject, AP.agreementRationale, rec.rationale)
    _optional(triples, subject, AP.responseText, rec.response)
    if rec.agreement:
        triples.append((subject, AP.agreement, AP[rec.agreement]))
    if rec.addressee:
        triples.append((subject, AP.addressedTo, org_iri(rec.addressee)))
    for flag, value in ((AP.textMissingFromSource, rec.text_missing), (AP.numberInferred, rec.number_inferred),
                        (AP.repeatedFromPreviousInspection, rec.repeated),
                        (AP.agreementInferred, rec.agreement_inferred)):
        if value:
            triples.append((subject, flag, True))
    for reason in rec.reasons:
        triples.append((subject, AP.rationaleReason, REASONS[reason]))
    _links(triples, subject, rec.tools, rec.organisations)
    _traced(triples, plan, subject, rec.span, RECOMMENDATION_CELL)
    for index, measure in enumerate(rec.measures, 1):
        node = ID[f"plan/{plan.key}/recommendation/{rec.number}/measure/{index}"]
        triples.append((subject, AP.hasMeasure, node))
        triples.append((node, RDF.type, AP.Measure))
        triples.append((node, RDFS.label, f"Measure {index} of recommendation {rec.number} ({plan.title})"))
        triples.append((node, DCTERMS.description, measure.text))
        if measure.owner_raw:
            triples.append((node, AP.ownerText, measure.owner_raw))
        if measure.target_raw:
            triples.append((node, AP.targetText, measure.target_raw))
        triples.append((node, AP.ordinal, index))
        _traced(triples, plan, node, measure.span, RESPONSE_CELL)
    for index, action in enumerate(rec.actions, 1):
        _action(triples, plan, rec, action, index)


def _links(triples: Triples, subject: Iri, tools: list[str], organisations: list[str]) -> None:
    for key in tools:
        triples.append((subject, AP.mentions, tool_iri(key)))
    for key in organisations:
        triples.append((subject, AP.involves, org_iri(key)))


def _action(triples: Triples, plan: Plan, rec: Recommendation, action: Action, ordinal: int) -> None:
    subject = action_iri(plan, action.key)
    name = action.number or f"{ordinal} of recommendation {rec.number}"
    triples.append((recommendation_iri(plan, rec.number), AP.hasAction, subject))
    triples.append((subject, AP.addresses, recommendation_iri(plan, rec.number)))
    triples.append((subject, RDF.type, AP.Action))
    triples.append((subject, RDFS.label, f"Action {name} ({plan.title})"))
    triples.append((subject, AP.ordinal, ordinal))
    triples.append((subject, DCTERMS.description, action.text))
    _optional(triples, subject, AP.actionNumber, action.number)
    _optional(triples, subject, AP.ownerText, action.owner_raw)
    if action.parent_key:
        triples.append((subject, AP.subActionOf, action_iri(plan, action.parent_key)))
    for owner in action.owners:
        triples.append((subject, AP.owner, owner_iri(owner)))
        _owner(triples, owner)
    if action.target:
        _target(triples, subject, action.target)
    _optional(triples, subject, AP.recurrence, action.recurrence)
    _links(triples, subject, action.tools, action.organisations)
    _traced(triples, plan, subject, action.span, RESPONSE_CELL)


def _target(triples: Triples, subject: Iri, target: Target) -> None:
    triples.append((subject, AP.targetText, target.raw))
    if target.due:
        triples.append((subject, AP.targetDate, _date_literal(target.due, target.due_precision)))
    if target.start and target.start != target.due:
        triples.append((subject, AP.targetStartDate, _date_literal(target.start, target.due_precision)))
    if target.progress:
        triples.append((subject, AP.progress, AP[target.progress]))
    for qualifier in target.qualifiers:
        triples.append((subject, AP.targetQualifier, qualifier))


def _date_literal(value, precision: str | None) -> Typed:
    if precision == "day":
        return Typed(value.isoformat(), XSD.date)
    return Typed(value.strftime("%Y-%m"), XSD.gYearMonth)


def _owner(triples: Triples, owner: Owner) -> None:
    subject = owner_iri(owner)
    triples.append((subject, RDF.type, AP.Owner))
    triples.append((subject, RDF.type, ORG.OrganizationalUnit if owner.is_team else ORG.Post))
    triples.append((subject, RDFS.label, owner.label))
    if owner.raw != owner.label:
        triples.append((subject, AP.abbreviation, owner.raw))
    for spelling in owner.alt_labels:
        triples.append((subject, SKOS.altLabel, spelling))
    if owner.organisation:
        triples.append((subject, AP.ownerIn, org_iri(owner.organisation)))
        link = ORG.unitOf if owner.is_team else ORG.postIn
        triples.append((subject, link, org_iri(owner.organisation)))


def _with_parents(organisations: dict[str, Organisation]) -> list[Organisation]:
    known = load_reference().organisations
    found = dict(organisations)
    pending = [org.parent for org in organisations.values() if org.parent]
    while pending:
        key = pending.pop()
        if key not in found and key in known:
            found[key] = known[key]
            pending.extend([known[key].parent] if known[key].parent else [])
    return [found[key] for key in sorted(found)]


def _organisation(triples: Triples, organisation: Organisation) -> None:
    subject = org_iri(organisation.key)
    triples.append((subject, RDF.type, ORG.Organization))
    if organisation.kind in ORG_CLASSES:
        triples.append((subject, RDF.type, ORG_CLASSES[organisation.kind]))
    triples.append((subject, RDFS.label, organisation.label))
    triples.append((subject, SKOS.prefLabel, organisation.label))
    _optional(triples, subject, AP.abbreviation, organisation.notation)
    if organisation.parent:
        triples.append((subject, ORG.subOrganizationOf, org_iri(organisation.parent)))


def _tool(triples: Triples, key: str, tool: Tool) -> None:
    subject = tool_iri(key)
    triples.append((subject, RDF.type, AP.Tool))
    triples.append((subject, RDF.type, SKOS.Concept))
    if tool.is_framework:
        triples.append((subject, RDF.type, AP.Framework))
    triples.append((subject, SKOS.inScheme, AP.ToolScheme))
    triples.append((subject, SKOS.notation, tool.notation))
    triples.append((subject, RDFS.label, tool.notation))
    _optional(triples, subject, SKOS.prefLabel, tool.label)


def deliverable_iri(deliverable: Deliverable) -> Iri:
    return tool_iri(deliverable.tool) if deliverable.tool else ID[f"deliverable/{deliverable.key}"]


def _deliverable(triples: Triples, deliverable: Deliverable) -> None:
    subject = deliverable_iri(deliverable)
    triples.append((subject, RDF.type, AP.Deliverable))
    triples.append((subject, RDF.type, AP.LocalPrerequisite if deliverable.local else AP.CentralDeliverable))
    if deliverable.label.split()[-1].lower() in ("framework", "strategy", "model"):
        triples.append((subject, RDF.type, AP.Framework))
        triples.append((subject, RDF.type, SKOS.Concept))
    if not deliverable.tool:
        triples.append((subject, RDFS.label, deliverable.label))
    if deliverable.developer:
        triples.append((subject, AP.developedBy, org_iri(deliverable.developer)))
    if deliverable.availability:
        triples.append((subject, AP.availability, AP[deliverable.availability]))


def _dependencies(triples: Triples, plan: Plan) -> None:
    counts: dict[str, int] = {}
    for dependency in plan.dependencies:
        action = action_iri(plan, dependency.action_key)
        counts[dependency.action_key] = index = counts.get(dependency.action_key, 0) + 1
        target = (action_iri(plan, dependency.on_action) if dependency.on_action
                  else deliverable_iri(plan.deliverables[dependency.on_deliverable]))
        node = ID[f"plan/{plan.key}/action/{dependency.action_key}/dependency/{index}"]
        triples.append((action, AP.dependsOn, target))
        triples.append((action, AP.hasDependency, node))
        triples.append((node, RDF.type, AP.Dependency))
        triples.append((node, RDFS.label, f"Dependency {index} of action {dependency.action_key} ({plan.title})"))
        triples.append((node, AP.dependencyTarget, target))
        triples.append((node, AP.dependencyEvidence, dependency.evidence))


def _optional(triples: Triples, subject: Iri, predicate: Iri, value: str | None) -> None:
    if value:
        triples.append((subject, predicate, value))
