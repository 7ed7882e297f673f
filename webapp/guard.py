"""What a visitor's query may do, decided from the query as a SPARQL parser reads it, not from its spelling.

A plain query (SELECT, ASK, CONSTRUCT, DESCRIBE) passes; an update, a ``SERVICE`` anywhere in it
(sub-selects, EXISTS, OPTIONAL, nested groups) and a ``FROM`` that names something other than a
graph of this store are refused.  The parser is rdflib's SPARQL 1.1 grammar; Oxigraph reads the same
grammar, and the query workers cannot open network connections at all (``webapp/sandbox.py``), so a
difference between the two parsers still cannot reach the network.

Deep nesting is refused first, by a scan that knows strings, IRIs, comments and escapes: thousands
of nested groups crash Oxigraph's parser and exhaust rdflib's recursion.
"""
from __future__ import annotations

import re
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import QueryError, QueryRefused, QueryTooLong

MAX_NESTING = 100  # brackets of any kind, one inside another: real queries use a handful
# rdflib's grammar takes up to ~40 Python frames per nesting level (expressions are the deepest)
_FRAMES_PER_LEVEL, _PARSER_STACK = 45, 32 * 1024 * 1024  # 8 MB was found enough

# every token that can hide a bracket or a "#": comments, strings (long and short), IRIs, escapes
_TOKENS = re.compile(r'#[^\n\r]*|"""(?:[^"\\]|\\.|"(?!""))*"""|' r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
                     r'"(?:[^"\\\n\r]|\\.)*"|' r"'(?:[^'\\\n\r]|\\.)*'|"
                     r'<[^<>"{}|^`\\\x00-\x20]*>|\\.|[{(\[]|[})\]]', re.S)
_OPENING, _CLOSING = frozenset("{(["), frozenset("})]")
_KINDS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph", "DescribeQuery": "graph"}


class Unreadable(QueryError):
    """Not a query rdflib's grammar reads: a syntax error, or syntax beyond SPARQL 1.1."""


@dataclass(frozen=True)
class Reading:
    """What the parser found: the query form and the graphs its FROM / FROM NAMED clauses name."""

    kind: str  # "select", "ask" or "graph"
    graphs: frozenset[str] = frozenset()
    limit: int | None = None  # the query's own LIMIT (outermost), if it has one


def nesting(query: str) -> int:
    """How deep brackets nest, counted outside strings, IRIs and comments."""
    depth = deepest = 0
    for match in _TOKENS.finditer(query):
        token = match.group()
        if token in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif token in _CLOSING:
            depth = max(depth - 1, 0)
    return deepest


def measure(query: str, max_length: int) -> None:
    """Refuse a query too long or too deeply nested for any parser to be given it."""
    if len(query) > max_length:
        raise QueryTooLong(f"The query is {len(query)} characters long; the limit is {max_length}.")
    if (deepest := nesting(query)) > MAX_NESTING:
        raise QueryError(f"The query nests brackets {deepest} deep; this endpoint reads at most "
                         f"{MAX_NESTING} levels.")


def read(query: str) -> Reading:
    """The query's reading, or QueryError / QueryRefused saying why it may not run."""
    measure(query, len(query))
    outcome = _read_cached(query)
    if isinstance(outcome, QueryError):
        raise type(outcome)(str(outcome))
    return outcome


@lru_cache(maxsize=512)
def _read_cached(query: str) -> Reading | QueryError:
    try:
        return _parser_thread().submit(_parse, query).result()
    except QueryError as error:  # kept too: the same text is refused again without parsing
        return error


def _parse(query: str) -> Reading:
    try:
        parsed = parseQuery(query)
    except ParseBaseException as error:
        if _is_update(query):
            raise QueryRefused("This endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, DROP, "
                          "CREATE, ADD, MOVE, COPY) are not allowed.") from None
        raise Unreadable(f"This is not a SPARQL 1.1 query this endpoint can read: {error}") from None
    prologue, form = parsed[0], parsed[1]
    if any(node.name == "ServiceGraphPattern" for node in _nodes(form)):
        raise QueryRefused("Federated queries (SERVICE) are not allowed: this endpoint never sends "
                      "requests to other servers.")
    limit = dict.get(dict.get(form, "limitoffset") or {}, "limit")
    return Reading(_KINDS[form.name], frozenset(_dataset_graphs(prologue, form)),
                   None if limit is None else int(limit))


def _is_update(query: str) -> bool:
    try:
        parseUpdate(query)
    except ParseBaseException:
        return False
    return True


def _nodes(node):
    """Every parsed element under ``node``, depth first, without recursion (trees can be deep)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or hasattr(item, "as_list"):
            stack.extend(item)


def _dataset_graphs(prologue, form: CompValue) -> list[str]:
    clauses = dict.get(form, "datasetClause") or []  # CompValue.get answers a missing key with its name
    if not clauses:
        return []
    resolver = translatePrologue(prologue, None)
    return [str(resolver.absolutize(dict.get(clause, "default") or dict.get(clause, "named")))
            for clause in clauses]


@cache
def _parser_thread() -> ThreadPoolExecutor:
    """One thread with a deep stack: parsing MAX_NESTING levels needs more frames than the default."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), _FRAMES_PER_LEVEL * MAX_NESTING + 1000))
    previous = threading.stack_size(_PARSER_STACK)
    try:
        executor = ThreadPoolExecutor(1, thread_name_prefix="sparql-guard")
        executor.submit(lambda: None).result()  # start the thread now, with this stack size
    finally:
        threading.stack_size(previous)
    return executor

