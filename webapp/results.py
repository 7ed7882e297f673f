"""Media types of answers, chosen by the ``Accept`` header or by a ``format`` parameter for links.

The answers themselves are written by pyoxigraph (``webapp/serialise.py``): by the query worker in
the format asked for, or here, from another backend's JSON or N-Triples.
"""
from __future__ import annotations

from . import serialise
from .store import Answer

RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}
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
        body = answer.body if answer.format == name else serialise.graph_as(answer.ntriples, name)
        return body, GRAPH_TYPES[name]
    body = serialise.solutions_as(answer.body, answer.format, name)
    return body, RESULT_TYPES[name] + ("; charset=utf-8" if name in ("csv", "tsv") else "")


graph_bytes = serialise.graph_as  # N-Triples in another RDF format
