"""Writing a built corpus: Turtle and TriG made by Oxigraph's serialisers from each plan's N-Triples.

rdflib's serialisers take minutes on a corpus of hundreds of plans; Oxigraph's take seconds.
The lines are sorted and de-duplicated first (plans share organisations and tools), so the
output is the same bytes whatever order the plans were built in.
"""
from __future__ import annotations

import pyoxigraph as ox

from .emit import PREFIXES, plan_iri
from .pipeline import CorpusResult

# no prefix for instance IRIs: Oxigraph would write "id:plan\/x\/action\/1.1" where the full IRI reads better
OUTPUT_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items() if name != "id"} | {
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def corpus_lines(result: CorpusResult) -> list[bytes]:
    """Every triple of the corpus once, as a sorted N-Triples line."""
    return sorted({line for document in result.built for line in document.ntriples.splitlines() if line})


def corpus_turtle(lines: list[bytes]) -> bytes:
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=OUTPUT_PREFIXES)


def corpus_trig(result: CorpusResult) -> bytes:
    """One named graph per plan, named by the plan's IRI."""
    quads = sorted({line[: line.rindex(b".")].rstrip() + name
                    for document in result.built
                    for name in [b" <" + str(plan_iri(document.plan)).encode() + b"> ."]
                    for line in document.ntriples.splitlines() if line})
    parsed = ox.parse(b"\n".join(quads), format=ox.RdfFormat.N_QUADS)
    return ox.serialize(parsed, format=ox.RdfFormat.TRIG, prefixes=OUTPUT_PREFIXES)
