"""Stage: emit the triples of one normalised Plan.  A pure function: Plan in, triples out.

No blank nodes and no timestamps, so that building twice gives byte-identical Turtle and a
plan built alone gives the same triples as the same plan built in the whole corpus.
"""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import __version__
from .ids import BASE
from .model import Action, Deliverable, Organisation, Owner, Plan, Recommendation, Target, Tool
from .normalise.reference import load_reference

AP = Namespace("https://w3id.org/plangraph/ontology#")
ID = Namespace(BASE)
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
        graph.bind(prefix, namespace, override=True)
    return graph


def plan_iri(plan: Plan) -> URIRef:
    return ID[f"plan/{plan.key}"]


def source_iri(plan: Plan) -> URIRef:
    return ID[f"source/{plan.source.sha256[:16]}"]


def org_iri(key: str) -> URIRef:
    return ID[f"org/{key}"]


def tool_iri(key: str) -> URIRef:
    return ID[f"tool/{key}"]


def owner_iri(owner: Owner) -> URIRef:
    return ID[f"owner/{owner.key}"]


def recommendation_iri(plan: Plan, number: str) -> URIRef:
    return ID[f"plan/{plan.key}/recommendation/{number}"]


def action_iri(plan: Plan, key: str) -> URIRef:
    return ID[f"plan/{plan.key}/action/{key}"]


Triples = set  # of (subject, predicate, object) rdflib terms: rdflib's Graph.add costs 20x more


def emit_triples(plan: Plan) -> Triples:
    graph: Triples = set()
    _plan(graph, plan)
    _provenance(graph, plan)
    for ordinal, rec in enumerate(plan.recommendations, 1):
        _recommendation(graph, plan, rec, ordinal)
    for organisation in _with_parents(plan.organisations):
        _organisation(graph, organisation)
    for key, tool in plan.tools.items():
        _tool(graph, key, tool)
    for deliverable in plan.deliverables.values():
        _deliverable(graph, deliverable)
    _dependencies(graph, plan)
    return graph


def emit_plan(plan: Plan) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in emit_triples(plan):
        graph.add(triple)
    return graph


def ntriples(triples: Triples) -> bytes:
    """The triples as N-Triples, written by Oxigraph (rdflib's writer is several times slower)."""
    return ox.serialize([ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in triples], format=ox.RdfFormat.N_TRIPLES)


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if term.language:
        return ox.Literal(term, language=term.language)
    return ox.Literal(term, datatype=ox.NamedNode(term.datatype)) if term.datatype else ox.Literal(term)


def _plan(graph: Triples, plan: Plan) -> None:
    subject = plan_iri(plan)
    year = f" ({plan.submitted.year})" if plan.submitted else ""
    graph.add((subject, RDF.type, AP.ActionPlan))
    graph.add((subject, RDFS.label, Literal(f"{plan.title} action plan{year}")))
    graph.add((subject, DCTERMS.title, Literal(plan.title)))
    graph.add((subject, AP.layout, Literal(plan.layout)))
    if plan.inspected:
        graph.add((subject, AP.inspectedOrganisation, org_iri(plan.inspected)))
    if plan.submitted:
        graph.add((subject, AP.submittedOn, Literal(plan.submitted, datatype=XSD.date)))
    if plan.published:
        graph.add((subject, AP.reportPublishedOn, Literal(plan.published, datatype=XSD.date)))
    names = {"Agreed": AP.summaryAgreed, "Partly Agreed": AP.summaryPartlyAgreed,
             "Not Agreed": AP.summaryNotAgreed, "Total": AP.summaryTotal}
    for name, count in plan.summary.items():
        graph.add((subject, names[name], Literal(count)))
    for warning in plan.warnings:
        where = f"line {warning.line}: " if warning.line else ""
        graph.add((subject, AP.buildWarning, Literal(where + warning.message)))


def _provenance(graph: Triples, plan: Plan) -> None:
    source, run = source_iri(plan), ID[f"build/{plan.source.sha256[:16]}"]
    graph.add((plan_iri(plan), PROV.wasDerivedFrom, source))
    graph.add((plan_iri(plan), PROV.wasGeneratedBy, run))
    graph.add((source, RDF.type, AP.SourceDocument))
    graph.add((source, RDFS.label, Literal(plan.source.name)))
    graph.add((source, DCTERMS.title, Literal(plan.source.name)))
    graph.add((source, AP.sha256, Literal(plan.source.sha256)))
    graph.add((run, RDF.type, AP.BuildRun))
    graph.add((run, RDFS.label, Literal(f"Plangraph build of {plan.source.name}")))
    graph.add((run, PROV.used, source))
    graph.add((run, PROV.wasAssociatedWith, SOFTWARE))
    graph.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    graph.add((SOFTWARE, RDFS.label, Literal(f"Plangraph builder {__version__}")))


def _traced(graph: Triples, plan: Plan, subject: URIRef, span) -> None:
    lines = plan.source.lines[span.first - 1: span.last]
    graph.add((subject, PROV.wasDerivedFrom, source_iri(plan)))
    graph.add((subject, AP.sourceLineStart, Literal(span.first)))
    graph.add((subject, AP.sourceLineEnd, Literal(span.last)))
    graph.add((subject, AP.sourceText, Literal("\n".join(lines).strip("\n"))))


def _recommendation(graph: Triples, plan: Plan, rec: Recommendation, ordinal: int) -> None:
    subject = recommendation_iri(plan, rec.number)
    graph.add((plan_iri(plan), AP.hasRecommendation, subject))
    graph.add((subject, RDF.type, AP.Recommendation))
    graph.add((subject, RDFS.label, Literal(f"Recommendation {rec.number} ({plan.title})")))
    graph.add((subject, AP.recommendationNumber, Literal(rec.number)))
    graph.add((subject, AP.ordinal, Literal(ordinal)))
    _optional(graph, subject, DCTERMS.description, rec.text)
    _optional(graph, subject, AP.agreementText, rec.agreement_raw)
    _optional(graph, subject, AP.agreementRationale, rec.rationale)
    _optional(graph, subject, AP.responseText, rec.response)
    if rec.agreement:
        graph.add((subject, AP.agreement, AP[rec.agreement]))
    if rec.addressee:
        graph.add((subject, AP.addressedTo, org_iri(rec.addressee)))
    for flag, value in ((AP.textMissingFromSource, rec.text_missing), (AP.numberInferred, rec.number_inferred),
                        (AP.repeatedFromPreviousInspection, rec.repeated),
                        (AP.agreementInferred, rec.agreement_inferred)):
        if value:
            graph.add((subject, flag, Literal(True)))
    for reason in rec.reasons:
        graph.add((subject, AP.rationaleReason, REASONS[reason]))
    _links(graph, subject, rec.tools, rec.organisations)
    _traced(graph, plan, subject, rec.span)
    for index, measure in enumerate(rec.measures, 1):
        node = ID[f"plan/{plan.key}/recommendation/{rec.number}/measure/{index}"]
        graph.add((subject, AP.hasMeasure, node))
        graph.add((node, RDF.type, AP.Measure))
        graph.add((node, RDFS.label, Literal(f"Measure {index} of recommendation {rec.number} ({plan.title})")))
        graph.add((node, DCTERMS.description, Literal(measure.text)))
        if measure.owner_raw:
            graph.add((node, AP.ownerText, Literal(measure.owner_raw)))
        if measure.target_raw:
            graph.add((node, AP.targetText, Literal(measure.target_raw)))
        graph.add((node, AP.ordinal, Literal(index)))
        _traced(graph, plan, node, measure.span)
    for index, action in enumerate(rec.actions, 1):
        _action(graph, plan, rec, action, index)


def _links(graph: Triples, subject: URIRef, tools: list[str], organisations: list[str]) -> None:
    for key in tools:
        graph.add((subject, AP.mentions, tool_iri(key)))
    for key in organisations:
        graph.add((subject, AP.involves, org_iri(key)))


def _action(graph: Triples, plan: Plan, rec: Recommendation, action: Action, ordinal: int) -> None:
    subject = action_iri(plan, action.key)
    name = action.number or f"{ordinal} of recommendation {rec.number}"
    graph.add((recommendation_iri(plan, rec.number), AP.hasAction, subject))
    graph.add((subject, AP.addresses, recommendation_iri(plan, rec.number)))
    graph.add((subject, RDF.type, AP.Action))
    graph.add((subject, RDFS.label, Literal(f"Action {name} ({plan.title})")))
    graph.add((subject, AP.ordinal, Literal(ordinal)))
    graph.add((subject, DCTERMS.description, Literal(action.text)))
    _optional(graph, subject, AP.actionNumber, action.number)
    _optional(graph, subject, AP.ownerText, action.owner_raw)
    if action.parent_key:
        graph.add((subject, AP.subActionOf, action_iri(plan, action.parent_key)))
    for owner in action.owners:
        graph.add((subject, AP.owner, owner_iri(owner)))
        _owner(graph, owner)
    if action.target:
        _target(graph, subject, action.target)
    _optional(graph, subject, AP.recurrence, action.recurrence)
    _links(graph, subject, action.tools, action.organisations)
    _traced(graph, plan, subject, action.span)


def _target(graph: Triples, subject: URIRef, target: Target) -> None:
    graph.add((subject, AP.targetText, Literal(target.raw)))
    if target.due:
        graph.add((subject, AP.targetDate, _date_literal(target.due, target.due_precision)))
    if target.start and target.start != target.due:
        graph.add((subject, AP.targetStartDate, _date_literal(target.start, target.due_precision)))
    if target.progress:
        graph.add((subject, AP.progress, AP[target.progress]))
    for qualifier in target.qualifiers:
        graph.add((subject, AP.targetQualifier, Literal(qualifier)))


def _date_literal(value, precision: str | None) -> Literal:
    if precision == "day":
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value.strftime("%Y-%m"), datatype=XSD.gYearMonth)


def _owner(graph: Triples, owner: Owner) -> None:
    subject = owner_iri(owner)
    graph.add((subject, RDF.type, AP.Owner))
    graph.add((subject, RDF.type, ORG.OrganizationalUnit if owner.is_team else ORG.Post))
    graph.add((subject, RDFS.label, Literal(owner.label)))
    if owner.raw != owner.label:
        graph.add((subject, AP.abbreviation, Literal(owner.raw)))
    if owner.organisation:
        graph.add((subject, AP.ownerIn, org_iri(owner.organisation)))
        link = ORG.unitOf if owner.is_team else ORG.postIn
        graph.add((subject, link, org_iri(owner.organisation)))


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


def _organisation(graph: Triples, organisation: Organisation) -> None:
    subject = org_iri(organisation.key)
    graph.add((subject, RDF.type, ORG.Organization))
    if organisation.kind in ORG_CLASSES:
        graph.add((subject, RDF.type, ORG_CLASSES[organisation.kind]))
    graph.add((subject, RDFS.label, Literal(organisation.label)))
    graph.add((subject, SKOS.prefLabel, Literal(organisation.label)))
    _optional(graph, subject, AP.abbreviation, organisation.notation)
    if organisation.parent:
        graph.add((subject, ORG.subOrganizationOf, org_iri(organisation.parent)))


def _tool(graph: Triples, key: str, tool: Tool) -> None:
    subject = tool_iri(key)
    graph.add((subject, RDF.type, AP.Tool))
    graph.add((subject, RDF.type, SKOS.Concept))
    if tool.is_framework:
        graph.add((subject, RDF.type, AP.Framework))
    graph.add((subject, SKOS.inScheme, AP.ToolScheme))
    graph.add((subject, SKOS.notation, Literal(tool.notation)))
    graph.add((subject, RDFS.label, Literal(tool.notation)))
    _optional(graph, subject, SKOS.prefLabel, tool.label)


def deliverable_iri(deliverable: Deliverable) -> URIRef:
    return tool_iri(deliverable.tool) if deliverable.tool else ID[f"deliverable/{deliverable.key}"]


def _deliverable(graph: Triples, deliverable: Deliverable) -> None:
    subject = deliverable_iri(deliverable)
    graph.add((subject, RDF.type, AP.Deliverable))
    if deliverable.label.split()[-1].lower() in ("framework", "strategy", "model"):
        graph.add((subject, RDF.type, AP.Framework))
        graph.add((subject, RDF.type, SKOS.Concept))
    if not deliverable.tool:
        graph.add((subject, RDFS.label, Literal(deliverable.label)))
    if deliverable.developer:
        graph.add((subject, AP.developedBy, org_iri(deliverable.developer)))
    if deliverable.availability:
        graph.add((subject, AP.availability, AP[deliverable.availability]))


def _dependencies(graph: Triples, plan: Plan) -> None:
    counts: dict[str, int] = {}
    for dependency in plan.dependencies:
        action = action_iri(plan, dependency.action_key)
        counts[dependency.action_key] = index = counts.get(dependency.action_key, 0) + 1
        target = (action_iri(plan, dependency.on_action) if dependency.on_action
                  else deliverable_iri(plan.deliverables[dependency.on_deliverable]))
        node = ID[f"plan/{plan.key}/action/{dependency.action_key}/dependency/{index}"]
        graph.add((action, AP.dependsOn, target))
        graph.add((action, AP.hasDependency, node))
        graph.add((node, RDF.type, AP.Dependency))
        graph.add((node, RDFS.label, Literal(f"Dependency {index} of action {dependency.action_key} ({plan.title})")))
        graph.add((node, AP.dependencyTarget, target))
        graph.add((node, AP.dependencyEvidence, Literal(dependency.evidence)))


def _optional(graph: Triples, subject: URIRef, predicate: URIRef, value: str | None) -> None:
    if value:
        graph.add((subject, predicate, Literal(value)))
