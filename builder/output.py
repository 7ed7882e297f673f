"""Writing a built corpus: Turtle and TriG assembled from blocks each plan brings with it.

rdflib's serialisers take minutes on a corpus of hundreds of plans; Oxigraph's take seconds, and
even that is too long to pay again for every plan when one has changed.  So each plan is written
once, when it is built (and kept in its entry file, builder/cache.py), as two Turtle blocks: what it alone describes (its
recommendations, actions, measures: every subject under its own IRI) and what it shares with
other plans (organisations, owners, tools, deliverables).  The corpus Turtle is the shared
triples of every plan, de-duplicated and written once, then each plan's own block; the TriG is
each plan's two blocks inside its named graph.  Blocks are made from sorted lines and put in
order of plan IRI, so the output is the same bytes whatever order the plans were built in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from .emit import PREFIXES

if TYPE_CHECKING:
    from .pipeline import CorpusResult

# no prefix for instance IRIs: Oxigraph would write "id:plan\/x\/action\/1.1" where the full IRI reads better
OUTPUT_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items() if name != "id"} | {
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
HEADER = b"".join(f"@prefix {name}: <{namespace}> .\n".encode() for name, namespace in OUTPUT_PREFIXES.items())


@dataclass(frozen=True)
class PlanTurtle:
    """One plan's triples, split into what it alone describes and what it shares with other plans."""

    own: bytes
    own_count: int
    shared_lines: tuple[str, ...]
    shared: bytes


def turtle_block(lines: list[str]) -> bytes:
    """Sorted N-Triples lines as Turtle statements, without the prefix lines (the file has them once)."""
    if not lines:
        return b""
    written = ox.serialize(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES),
                           format=ox.RdfFormat.TURTLE, prefixes=OUTPUT_PREFIXES)
    return written.split(b"\n", len(OUTPUT_PREFIXES))[-1]  # Oxigraph writes every prefix it is given


def plan_turtle(lines: list[str], plan: str) -> PlanTurtle:
    """A plan's N-Triples lines (sorted, distinct) as its two Turtle blocks."""
    own_subject = (f"<{plan}> ", f"<{plan}/")
    own: list[str] = []
    shared: list[str] = []
    for line in lines:
        (own if line.startswith(own_subject) else shared).append(line)
    return PlanTurtle(turtle_block(own), len(own), tuple(shared), turtle_block(shared))


def write_corpus(result: CorpusResult, turtle: BinaryIO | None = None, trig: BinaryIO | None = None) -> None:
    """The corpus as Turtle (every plan in one graph: the shared triples once, then each plan's
    own) and as TriG (one named graph per plan, named by its IRI), both written in one pass that
    reads each plan's blocks from its entry in turn: only one plan is in memory at a time."""
    if turtle:
        turtle.write(HEADER + b"\n" + turtle_block(sorted(result.shared_lines)))
    if trig:
        trig.write(HEADER)
    for document in sorted(result.built, key=lambda document: document.iri):
        own, shared = document.blocks()
        if turtle:
            turtle.write(b"\n" + own)
        if trig:
            trig.write(b"\n<%s> {\n%s%s}\n" % (document.iri.encode(), own, shared))


def triple_count(result: CorpusResult) -> int:
    """Distinct triples of the corpus (plans share organisations and tools): as many as the written
    Turtle holds, and the one count the progress bar, the build's last line and the benchmark give."""
    return len(result.shared_lines) + sum(document.summary.own_triples for document in result.built)
