"""rdflib's SPARQL processor, remembering the queries it has parsed.

pySHACL hands rdflib the same dozen SPARQL targets and constraints, as text, for every plan it
validates, and rdflib parses a query's text anew each time: a third of validating a plan went on
parsing.  This processor, registered as rdflib's "sparql" processor plug-in, parses each text
once; a parsed and translated query is reusable, as rdflib's own ``prepareQuery`` relies on.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import plugin
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor


@lru_cache(maxsize=512)
def _translated(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]):
    return translateQuery(parseQuery(text), base, dict(namespaces))


class PreparedQueries(SPARQLProcessor):
    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 (rdflib's names)
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((prefix, str(iri)) for prefix, iri in (initNs or {}).items()))
            strOrQuery = _translated(strOrQuery, base, namespaces)
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


def install() -> None:
    plugin.register("sparql", Processor, __name__, PreparedQueries.__name__)
