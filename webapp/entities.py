"""What the pages show, read from the graph through SPARQL: plans with their counts, entities."""
from __future__ import annotations

from rdflib import Literal, URIRef

from .core import PREFIXES, Plangraph

RDF_TYPE = URIRef(PREFIXES["rdf"] + "type")
LABEL = URIRef(PREFIXES["rdfs"] + "label")
_SOURCE = {"sourceText": "ap:sourceText", "first": "ap:sourceLineStart", "last": "ap:sourceLineEnd"}


def plans(core: Plangraph) -> list[dict]:
    """Each plan with its recommendations by agreement and actions by progress."""
    rows = core.select("""
        SELECT ?plan ?label ?submitted ?kind ?value (COUNT(DISTINCT ?item) AS ?count) WHERE {
          ?plan a ap:ActionPlan ; rdfs:label ?label .
          OPTIONAL { ?plan ap:submittedOn ?submitted }
          { ?plan ap:hasRecommendation ?item . BIND("recommendations" AS ?kind)
            OPTIONAL { ?item ap:agreement/rdfs:label ?agreed } BIND(COALESCE(?agreed, "unknown") AS ?value) }
          UNION
          { ?plan ap:hasRecommendation/ap:hasAction ?item . BIND("actions" AS ?kind)
            OPTIONAL { ?item ap:progress/rdfs:label ?state } BIND(COALESCE(?state, "no date") AS ?value) }
        } GROUP BY ?plan ?label ?submitted ?kind ?value ORDER BY ?label""")
    found: dict[str, dict] = {}
    for row in rows:
        plan = found.setdefault(str(row["plan"]), {
            "iri": str(row["plan"]), "path": core.local_path(row["plan"]), "label": str(row["label"]),
            "submitted": str(row.get("submitted", "")), "recommendations": {}, "actions": {}})
        plan[str(row["kind"])][str(row["value"])] = int(row["count"])
    for plan in found.values():
        plan["recommendation_count"] = sum(plan["recommendations"].values())
        plan["action_count"] = sum(plan["actions"].values())
    return list(found.values())


def entity(core: Plangraph, iri: URIRef) -> dict | None:
    """Label, types, properties, incoming links and source text of one entity; None if unknown."""
    out = core.select(f"SELECT ?p ?o ?oLabel WHERE {{ <{iri}> ?p ?o . OPTIONAL {{ ?o rdfs:label ?oLabel }} }}")
    incoming = core.select(f"""SELECT ?s ?p ?sLabel WHERE {{ ?s ?p <{iri}> . OPTIONAL {{ ?s rdfs:label ?sLabel }} }}
                               ORDER BY ?p ?s LIMIT 500""")
    if not out and not incoming:
        return None
    names = _property_names(core, {row["p"] for row in out} | {row["p"] for row in incoming})
    values = [_value(core, row["p"], row["o"], row.get("oLabel"), names) for row in out]
    by_property = {str(row["p"]): row["o"] for row in out}
    return {
        "iri": str(iri), "path": core.local_path(iri),
        "label": str(by_property.get(str(LABEL), iri)),
        "types": [v for v in values if v["property"] == str(RDF_TYPE)],
        "properties": sorted((v for v in values if v["property"] not in (str(RDF_TYPE),)
                              and v["name"] not in ("source text",)),
                             key=lambda v: (v["name"], v["text"])),
        "incoming": [_value(core, row["p"], row["s"], row.get("sLabel"), names) for row in incoming],
        "source": _source(core, by_property),
    }


def _property_names(core: Plangraph, properties: set) -> dict[str, str]:
    """Readable names of properties, from the ontologies' labels where there are any."""
    names = {}
    for prop in properties:
        label = core.ontology.value(prop, LABEL)
        names[str(prop)] = str(label) if label else _short(str(prop))
    return names


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(core: Plangraph, prop, term, label, names: dict[str, str]) -> dict:
    is_iri = isinstance(term, URIRef)
    text = str(label) if label is not None else (_short(str(term)) if is_iri and not core.local_path(term) else str(term))
    return {"property": str(prop), "name": names.get(str(prop), _short(str(prop))), "text": text,
            "iri": str(term) if is_iri else None, "path": core.local_path(term) if is_iri else None,
            "datatype": _short(str(term.datatype)) if isinstance(term, Literal) and term.datatype else None}


def _source(core: Plangraph, by_property: dict) -> dict | None:
    text = by_property.get(PREFIXES["ap"] + "sourceText")
    if text is None:
        return None
    document = by_property.get(PREFIXES["prov"] + "wasDerivedFrom")
    name = core.select(f"SELECT ?name WHERE {{ <{document}> rdfs:label ?name }}") if document else []
    return {"text": str(text), "document": str(name[0]["name"]) if name else None,
            "document_path": core.local_path(document) if document else None,
            "first": int(by_property.get(PREFIXES["ap"] + "sourceLineStart", 0)),
            "last": int(by_property.get(PREFIXES["ap"] + "sourceLineEnd", 0))}
