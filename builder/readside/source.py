"""Where the read side asks the graph its SPARQL questions (the ready-made answers, what blocks an action).

The read side is made beside the web app's store, not from it: the build makes both at once.
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from ..resources import ONTOLOGY
from ..store import load

TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Oxigraph in memory holds about four times the Turtle's bytes, and answers the read side's queries
# four to ten times faster than on disk: up to 1 GB (the 500 plans of the 100x benchmark need 370 MB)
IN_MEMORY_BYTES = 256 << 20
NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + name for name in
           ("integer", "int", "long", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger")}
DATES = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#gYearMonth",
         "http://www.w3.org/2001/XMLSchema#dateTime", "http://www.w3.org/2001/XMLSchema#gYear"}


class GraphReader:
    """SELECT queries over the store, each row a dict of plain Python values (str, int, float)."""

    def __init__(self, store: ox.Store, sources: tuple[Path, ...], in_memory: bool = True):
        self.store = store
        self.sources = sources  # the files the store was loaded from
        self.in_memory = in_memory

    def select(self, query: str) -> Iterator[dict]:
        solutions = self.store.query(query)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            terms = [(name, solution[name]) for name in names]
            yield {name: plain(term) for name, term in terms if term is not None}

    def triples(self, predicates: set[str], types: set[str]) -> Iterator[tuple[str, str, object]]:
        """(subject, predicate, plain value) of every triple whose predicate is one of ``predicates``, and of
        every rdf:type triple naming one of ``types``.  In memory the store finds them by predicate, and
        the rest of the graph never becomes Python terms; on disk each term the store gives costs a
        look-up (a quad read three times slower than from the file), so the files are read again."""
        return (self._from_store if self.in_memory else self._from_files)(predicates, types)

    def _from_store(self, predicates: set[str], types: set[str]) -> Iterator[tuple[str, str, object]]:
        patterns = [(predicate, None) for predicate in sorted(predicates)] + [(TYPE, iri) for iri in sorted(types)]
        for predicate, value in patterns:
            for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), value and ox.NamedNode(value),
                                                     ox.DefaultGraph()):
                yield quad.subject.value, predicate, plain(quad.object)

    def _from_files(self, predicates: set[str], types: set[str]) -> Iterator[tuple[str, str, object]]:
        for path in self.sources:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                predicate = quad.predicate.value
                if predicate in predicates or (predicate == TYPE and quad.object.value in types):
                    yield quad.subject.value, predicate, plain(quad.object)

    def solutions(self, query: str) -> tuple[list[str], Iterator[list]]:
        """Variable names and rows of raw pyoxigraph terms (None when unbound), for typed columns."""
        solutions = self.store.query(query)
        names = [variable.value for variable in solutions.variables]
        return names, ([solution[name] for name in names] for solution in solutions)


def plain(term) -> str | int | float:
    """A term as the value a table holds: IRIs and texts as str, numbers as numbers."""
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return int(term.value)
        except ValueError:
            return float(term.value)
    return term.value


def kind_of(term) -> str:
    """What a column holds, from one of its terms: iri, number, date or text."""
    if isinstance(term, ox.NamedNode):
        return "iri"
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        return "number"
    if isinstance(term, ox.Literal) and term.datatype.value in DATES:
        return "date"
    return "text"


@contextlib.contextmanager
def open_graph(graph: Path, scratch: Path | None = None) -> Iterator[GraphReader]:
    """A reader over the built graph's Turtle (the merge of the plans) and the ontology, both in the
    default graph as in the web app's store: in memory when the Turtle is at most ``IN_MEMORY_BYTES``,
    else in a temporary on-disk store under ``scratch``, so that memory stays bounded at any size."""
    sources = (graph, ONTOLOGY)
    if graph.stat().st_size <= IN_MEMORY_BYTES:  # held whole anyway: one bulk load, three times faster than batches
        store = ox.Store()
        for path in sources:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
        yield GraphReader(store, sources)
        return
    with tempfile.TemporaryDirectory(prefix=".readside-store-", dir=scratch) as folder:
        store = ox.Store(folder)
        for path in sources:
            load(store, path)
        store.flush()
        yield GraphReader(store, sources, in_memory=False)
        del store
