"""Where the read side reads the graph: SPARQL over an Oxigraph store of the built TriG.

An on-disk store already built beside the graph is opened read-only; otherwise the TriG (or the
Turtle, when there is no TriG) and the ontology are bulk-loaded into a temporary on-disk store, so
that memory stays flat however large the corpus.  Queries see the union of the named graphs.
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from ..resources import ONTOLOGY
from ..store import load

ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/plangraph/ontology")
NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + name for name in
           ("integer", "int", "long", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger")}
DATES = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#gYearMonth",
         "http://www.w3.org/2001/XMLSchema#dateTime", "http://www.w3.org/2001/XMLSchema#gYear"}


class GraphReader:
    """SELECT queries over the store, each row a dict of plain Python values (str, int, float)."""

    def __init__(self, store: ox.Store, union: bool = True):
        self.store = store
        self.union = union  # False for a store whose default graph already holds the merge of the plans

    def select(self, query: str) -> Iterator[dict]:
        solutions = self.store.query(query, use_default_graph_as_union=self.union)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            terms = [(name, solution[name]) for name in names]
            yield {name: plain(term) for name, term in terms if term is not None}

    def solutions(self, query: str) -> tuple[list[str], Iterator[list]]:
        """Variable names and rows of raw pyoxigraph terms (None when unbound), for typed columns."""
        solutions = self.store.query(query, use_default_graph_as_union=self.union)
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
def open_graph(graph: Path, prepared: Path | None = None, scratch: Path | None = None) -> Iterator[GraphReader]:
    """A reader over the built graph: ``prepared`` (an on-disk store) if it exists, else a
    temporary store under ``scratch`` loaded from ``graph`` (its ``.trig`` twin when there is one)."""
    if prepared is not None and prepared.is_dir():
        yield GraphReader(ox.Store.read_only(str(prepared)), union=False)  # builder/store.py: its default graph is the merge
        return
    trig = graph.with_suffix(".trig")
    with tempfile.TemporaryDirectory(prefix=".readside-store-", dir=scratch) as folder:
        store = ox.Store(folder)
        load(store, trig if trig.exists() else graph)
        load(store, ONTOLOGY, ONTOLOGY_GRAPH)
        store.flush()
        yield GraphReader(store)
        del store
