"""Entity pages: what every page shows (label, kind, source text, every statement in plain words),
read from the graph through SPARQL; what each kind shows first is in entity_pages.py."""
from __future__ import annotations

from rdflib import Literal, URIRef

from builder.readside.tables import date_label

from .core import PREFIXES, Plangraph
from .entity_pages import actions_of, sections
from .labels import AP, INCOMING, KEY_FACTS, KINDS, OUTGOING
from .tables import Table

RDF_TYPE = URIRef(PREFIXES["rdf"] + "type")
LABEL = URIRef(PREFIXES["rdfs"] + "label")
INCOMING_SHOWN = 100  # the rest are in the page's action tables, paged, and in its .ttl


def entity_actions(core: Plangraph, iri: URIRef) -> Table | None:
    """The table of actions the entity's page is about (for its CSV), if it has one."""
    types = {str(row["type"]) for row in core.select(f"SELECT ?type WHERE {{ <{iri}> a ?type }}")}
    return actions_of(core, iri, _kinds(types))


def _kinds(types: set[str]) -> list[str]:
    """What an entity is, in the order the pages are shaped by (a tool in development is both)."""
    return list(dict.fromkeys(name for cls, name, _ in KINDS if cls in types))


def entity(core: Plangraph, iri: URIRef, args) -> dict | None:
    """An entity page's data: label, kind, the kind's own sections (entity_pages.py), the source
    text, and every statement about it in plain words (shown folded); None if unknown."""
    out = core.select(f"SELECT ?p ?o ?oLabel WHERE {{ <{iri}> ?p ?o . OPTIONAL {{ ?o rdfs:label ?oLabel }} }}")
    incoming = core.select(f"""SELECT ?s ?p ?sLabel WHERE {{ ?s ?p <{iri}> . OPTIONAL {{ ?s rdfs:label ?sLabel }} }}
                               ORDER BY ?p ?s LIMIT {INCOMING_SHOWN + 1}""")
    if not out and not incoming:
        return None
    values = [_value(core, row["p"], row["o"], row.get("oLabel"), OUTGOING) for row in out]
    by_property = {str(row["p"]): row["o"] for row in out}
    types = {str(row["o"]) for row in out if str(row["p"]) == str(RDF_TYPE)}
    kinds = _kinds(types)
    data = {
        "iri": str(iri), "path": core.local_path(iri),
        "label": str(by_property.get(str(LABEL), iri)),
        "kind": kinds[0] if kinds else "thing",
        "kind_label": next((label for cls, _, label in KINDS if cls in types), "Thing in the graph"),
        "types": [v for v in values if v["property"] == str(RDF_TYPE)],
        "properties": sorted((v for v in values if v["property"] not in (str(RDF_TYPE), AP + "sourceText")),
                             key=lambda v: (v["name"], v["text"])),
        "incoming": [_value(core, row["p"], row["s"], row.get("sLabel"), INCOMING)
                     for row in incoming[:INCOMING_SHOWN]],
        "incoming_more": len(incoming) > INCOMING_SHOWN,
        "facts": _key_facts(kinds[0] if kinds else "", values),
        "source": _source(core, by_property),
    }
    return {**data, **sections(core, iri, kinds, args)}


def _key_facts(kind: str, values: list[dict]) -> list[dict]:
    """What a page of this kind says first, each thing it links to once: a post in a body and an
    owner in the same body say one thing."""
    facts, said = [], set()
    for prop in KEY_FACTS.get(kind, ()):
        for value in values:
            if value["property"] == prop and (value["iri"] or value["text"]) not in said:
                said.add(value["iri"] or value["text"])
                facts.append(value)
    return facts


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(core: Plangraph, prop, term, label, names: dict[str, str]) -> dict:
    is_iri = isinstance(term, URIRef)
    text = str(label) if label is not None else (_short(str(term)) if is_iri and not core.local_path(term) else str(term))
    if isinstance(term, Literal) and term.datatype and _short(str(term.datatype)) in ("date", "gYearMonth"):
        text = date_label(str(term)) or text  # "June 2019", never "2019-06"^^xsd:gYearMonth
    name = names.get(str(prop)) or _short(str(prop))
    return {"property": str(prop), "name": name, "text": text,
            "iri": str(term) if is_iri else None, "path": core.local_path(term) if is_iri else None}


def _source(core: Plangraph, by_property: dict) -> dict | None:
    text = by_property.get(PREFIXES["ap"] + "sourceText")
    if text is None:
        return None
    document = by_property.get(PREFIXES["prov"] + "wasDerivedFrom")
    name = core.select(f"SELECT ?name WHERE {{ <{document}> rdfs:label ?name }}") if document else []
    return {"text": str(text), "document": str(name[0]["name"]) if name else None,
            "document_path": core.local_path(document) if document else None,
            "first": int(by_property.get(PREFIXES["ap"] + "sourceLineStart", 0)),
            "last": int(by_property.get(PREFIXES["ap"] + "sourceLineEnd", 0)),
            "where": _printed_at(by_property)}


def _printed_at(by_property: dict) -> str | None:
    """Where a PDF, Word or HTML document printed it: "page 3, table 1, rows 14–15, cell 4"."""
    found = {name: int(by_property[PREFIXES["ap"] + name]) for name in
             ("sourcePage", "sourceTable", "sourceRow", "sourceRowEnd", "sourceCell") if PREFIXES["ap"] + name in by_property}
    parts = [f"page {found['sourcePage']}"] if "sourcePage" in found else []
    if "sourceTable" in found:
        first, last = found["sourceRow"], found.get("sourceRowEnd", found["sourceRow"])
        parts += [f"table {found['sourceTable']}", f"row {first}" if first == last else f"rows {first}–{last}",
                  f"cell {found['sourceCell']}"]
    return ", ".join(parts) or None
