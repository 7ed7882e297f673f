"""JSON-LD as other systems want it: a context for the ontology's terms and prefixes, ``@type`` for
types, compact IRIs.

pyoxigraph writes JSON-LD with every IRI in full and ``rdf:type`` as a plain property, and rdflib's
compacting writer takes minutes on a corpus of hundreds of plans.  This writer streams: it reads
triples in the order a Turtle or N-Triples file gives them (a subject's triples together, as the
build writes them) and writes one node object per run of a subject, so memory holds one node at
a time.  A subject met again later gets a second node object with the same ``@id``, which JSON-LD
merges on expansion.  The context is embedded, so a document expands without fetching anything;
it is also served at ``/ontology/context.jsonld`` for documents that link to it.
"""
from __future__ import annotations

import io
import json
from functools import lru_cache
from itertools import groupby
from typing import BinaryIO, Iterable

import pyoxigraph as ox

from .output import OUTPUT_PREFIXES
from .resources import ONTOLOGY

AP = OUTPUT_PREFIXES["ap"]
PREFIXES = {**OUTPUT_PREFIXES, "id": "https://w3id.org/plangraph/id/"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=1)
def context() -> dict:
    """The prefixes, and each of the ontology's own terms by its local name ("Action", "hasAction")."""
    terms = sorted({t.subject.value[len(AP):] for t in ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)
                    if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(AP)})
    return {**PREFIXES, **{term: f"ap:{term}" for term in terms if term not in PREFIXES}}


def compact(iri: str, as_term: bool = False) -> str:
    """The shortest name the context gives an IRI: a term (for properties and types), a prefixed
    name, or the IRI itself."""
    if as_term and iri.startswith(AP) and iri[len(AP):] in context():
        return iri[len(AP):]
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            return f"{prefix}:{local}"
    return iri


def _value(term) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _node(subject, triples: Iterable) -> dict:
    node: dict = {"@id": compact(subject.value) if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"}
    for triple in triples:
        if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(triple.object.value, as_term=True))
        else:
            node.setdefault(compact(triple.predicate.value, as_term=True), []).append(_value(triple.object))
    return node


def write(triples: Iterable, stream: BinaryIO) -> None:
    """Triples (pyoxigraph's) as one compacted JSON-LD document with the context embedded."""
    stream.write(b'{"@context": ' + json.dumps(context()).encode() + b',\n"@graph": [')
    for index, (subject, run) in enumerate(groupby(triples, key=lambda triple: triple.subject)):
        stream.write((b",\n" if index else b"\n") + json.dumps(_node(subject, run), ensure_ascii=False).encode())
    stream.write(b"\n]}\n")


def to_bytes(triples: Iterable) -> bytes:
    buffer = io.BytesIO()
    write(triples, buffer)
    return buffer.getvalue()
