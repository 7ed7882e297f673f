"""Writing a built corpus: Turtle and TriG assembled from blocks each plan brings with it.

rdflib's serialisers take minutes on a corpus of hundreds of plans; Oxigraph's take seconds, and
even that is too long to pay again for every plan when one has changed.  So each plan is written
once, when it is built (and cached with it), as two Turtle blocks: what it alone describes (its
recommendations, actions, measures: every subject under its own IRI) and what it shares with
other plans (organisations, owners, tools, deliverables).  The corpus Turtle is the shared
triples of every plan, de-duplicated and written once, then each plan's own block; the TriG is
each plan's two blocks inside its named graph.  Blocks are made from sorted lines and put in
order of plan IRI, so the output is the same bytes whatever order the plans were built in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
    own = [line for line in lines if line.startswith(own_subject)]
    shared = tuple(line for line in lines if not line.startswith(own_subject))
    return PlanTurtle(turtle_block(own), len(own), shared, turtle_block(shared))


def _in_plan_order(result: CorpusResult) -> list[tuple[str, PlanTurtle]]:
    return sorted((document.iri, document.turtle) for document in result.built)


def corpus_turtle(result: CorpusResult) -> bytes:
    """Every plan in one graph: the shared triples once, then each plan's own."""
    plans = _in_plan_order(result)
    shared = turtle_block(sorted({line for _, turtle in plans for line in turtle.shared_lines}))
    return HEADER + b"\n" + shared + b"".join(b"\n" + turtle.own for _, turtle in plans)


def corpus_trig(result: CorpusResult) -> bytes:
    """One named graph per plan, named by the plan's IRI."""
    return HEADER + b"".join(b"\n<%s> {\n%s%s}\n" % (iri.encode(), turtle.own, turtle.shared)
                             for iri, turtle in _in_plan_order(result))


def triple_count(result: CorpusResult) -> int:
    """Distinct triples of the corpus (plans share organisations and tools)."""
    shared = {line for document in result.built for line in document.turtle.shared_lines}
    return len(shared) + sum(document.turtle.own_count for document in result.built)
