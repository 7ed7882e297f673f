"""Serialisers for answers: SPARQL results as JSON, XML, CSV and TSV; graphs as RDF formats.

Media types are chosen by the ``Accept`` header, or by a ``format`` parameter for links.
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import BNode, URIRef

from .store import Answer

RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
            "text/plain": "nt", "application/x-turtle": "turtle"}


def choose(accept_header, format_parameter: str | None, kind: str) -> str | None:
    """The short name of the format to answer in, or None if nothing acceptable is offered."""
    offered = RESULT_TYPES if kind in ("select", "ask") else GRAPH_TYPES
    if format_parameter:
        return format_parameter if format_parameter in offered else None
    by_type = {media: name for name, media in offered.items()}
    by_type.update({media: name for media, name in _ALIASES.items() if name in offered})
    best = accept_header.best_match(list(by_type)) if accept_header else None
    if best:
        return by_type[best]
    explicit = accept_header and any(value not in ("*/*", "") for value, _ in accept_header)
    return None if explicit else ("json" if kind in ("select", "ask") else "turtle")


def render(answer: Answer, name: str) -> tuple[bytes, str]:
    if answer.kind == "graph":
        return graph_bytes(answer.ntriples, name), GRAPH_TYPES[name]
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[name]
    return writer(answer).encode("utf-8"), RESULT_TYPES[name] + ("; charset=utf-8" if name in ("csv", "tsv") else "")


def graph_bytes(ntriples: bytes, name: str) -> bytes:
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {"ap": "https://w3id.org/plangraph/ontology#", "id": "https://w3id.org/plangraph/id/"}
    if name == "turtle":
        return ox.serialize(triples, format=_OX_FORMATS[name], prefixes=prefixes)
    return ox.serialize(triples, format=_OX_FORMATS[name])


def _json(answer: Answer) -> str:
    if answer.kind == "ask":
        return json.dumps({"head": {}, "boolean": answer.boolean})
    return json.dumps({"head": {"vars": answer.variables},
                       "results": {"bindings": answer.bindings}})


def _xml(answer: Answer) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in answer.variables]
    out.append("</head>")
    if answer.kind == "ask":
        out.append(f"<boolean>{'true' if answer.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in answer.rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>"
                                            for k, v in row.items()) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def _xml_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attributes = (f" xml:lang={quoteattr(term.language)}" if term.language else
                  f" datatype={quoteattr(str(term.datatype))}" if term.datatype else "")
    return f"<literal{attributes}>{escape(str(term))}</literal>"


def _csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if answer.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if answer.boolean else "false"])
    else:
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow([str(row[v]) if v in row else "" for v in answer.variables])
    return buffer.getvalue()


def _tsv(answer: Answer) -> str:
    if answer.kind == "ask":
        return f"?boolean\n{'true' if answer.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join(row[v].n3() if v in row else "" for v in answer.variables) for row in answer.rows]
    return "\n".join(lines) + "\n"

