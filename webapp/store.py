"""The store layer: where SPARQL queries are answered, behind one small interface.

``Store.run(query) -> Answer`` is all the web app needs.  Two backends:
- ``EmbeddedStore`` (the default): an on-disk Oxigraph store built from the graph's Turtle,
  queried by worker processes that open it read-only and are killed at the time limit;
- ``RemoteStore``: any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol.
- ``RdflibStore``: rdflib's in-memory store, the slow baseline the benchmark compares with.
All refuse updates and federated queries before anything runs (see ``guard``).
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from . import worker


class QueryError(Exception):
    """A query the store will not or cannot answer; ``status`` is the HTTP status to give."""

    status = 400


class QueryRefused(QueryError):
    status = 403


class QueryTooLong(QueryError):
    status = 413


class QueryTimeout(QueryError):
    status = 503


class StoreBusy(QueryError):
    status = 503


@dataclass
class Answer:
    """What a store answered.  Solutions travel as SPARQL 1.1 JSON bindings, the form every
    backend can give cheaply; rdflib terms are made from them only when a page asks for ``rows``."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    bindings: list[dict] = field(default_factory=list)  # variable -> {"type": ..., "value": ...}
    boolean: bool | None = None
    ntriples: bytes = b""
    truncated: bool = False

    @cached_property
    def rows(self) -> list[dict]:
        """variable -> rdflib term (absent when unbound)."""
        return [{name: term_from_json(value) for name, value in row.items()} for row in self.bindings]


# what cannot hold a keyword: comments, strings, IRIs, variables and prefixed names
_COMMENTS_AND_STRINGS = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\])*"|'
                                   r"'(?:\\.|[^'\\])*'|<[^>\s]*>|[?$]\w+|[A-Za-z_][\w.-]*:[\w.-]*")
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def guard(query: str, max_length: int) -> None:
    """Refuse what a read-only, self-contained endpoint must never run."""
    if len(query) > max_length:
        raise QueryTooLong(f"The query is {len(query)} characters long; the limit is {max_length}.")
    code = _COMMENTS_AND_STRINGS.sub(" ", query)
    if m := _UPDATE.search(code):
        raise QueryRefused(f"This endpoint is read-only: {m.group(1).upper()} is not allowed.")
    if _SERVICE.search(code):
        raise QueryRefused("Federated queries (SERVICE) are not allowed: this endpoint never "
                           "sends requests to other servers.")


def term_from_json(value: dict):
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    return Literal(value["value"], lang=value.get("xml:lang"),
                   datatype=URIRef(value["datatype"]) if "datatype" in value else None)


def term_to_json(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def answer_from(result: dict) -> Answer:
    if result["kind"] == "ask":
        return Answer("ask", boolean=result["boolean"])
    if result["kind"] == "select":
        return Answer("select", result["variables"], result["bindings"], truncated=result["truncated"])
    return Answer("graph", ntriples=result["ntriples"], truncated=result["truncated"])


class _Worker:
    def __init__(self, context, store_path: str):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(child, store_path), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class EmbeddedStore:
    """Oxigraph on disk, built once per graph file, queried by ``workers`` processes."""

    def __init__(self, graph_path: Path, store_root: Path, timeout: float = 10.0,
                 max_rows: int = 10_000, workers: int = 2, extra: list[Path] = ()):
        self.timeout, self.max_rows = timeout, max_rows
        self.path = str(build_store([Path(graph_path), *map(Path, extra)], Path(store_root)))
        self._context = multiprocessing.get_context("spawn")
        self._idle = [_Worker(self._context, self.path) for _ in range(workers)]
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(workers)

    def run(self, query: str) -> Answer:
        if not self._slots.acquire(timeout=self.timeout):
            raise StoreBusy("The server is answering as many queries as it can; try again shortly.")
        try:
            with self._lock:
                current = self._idle.pop()
            current.connection.send((query, self.max_rows))
            if not current.connection.poll(self.timeout):
                current.stop()
                current = _Worker(self._context, self.path)
                raise QueryTimeout(f"The query took longer than {self.timeout:g} seconds and was stopped.")
            status, result = current.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            current.stop()
            current = _Worker(self._context, self.path)
            raise QueryError("The query could not be answered.") from None
        finally:
            with self._lock:
                self._idle.append(current)
            self._slots.release()
        if status == "error":
            raise QueryError(result)
        return answer_from(result)

    def close(self) -> None:
        with self._lock:
            for idle in self._idle:
                idle.stop()
            self._idle = []


def build_store(turtle_files: list[Path], store_root: Path) -> Path:
    """The on-disk store for these Turtle files, built (then renamed into place) if not there yet."""
    import pyoxigraph as ox

    digest = hashlib.sha256(b"".join(path.read_bytes() for path in turtle_files)).hexdigest()[:16]
    target = store_root / digest
    if target.exists():
        return target
    store_root.mkdir(parents=True, exist_ok=True)
    building = store_root / f".{digest}.building-{multiprocessing.current_process().pid}"
    store = ox.Store(str(building))
    for path in turtle_files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    try:
        building.rename(target)
    except OSError:  # another process built it first
        pass
    return target


class RdflibStore:
    """rdflib's in-memory store: no time limit can stop it, so it is for benchmarks, not for serving."""

    def __init__(self, turtle_files: list[Path], max_rows: int = 10_000):
        from rdflib import Graph

        self.graph, self.max_rows = Graph(), max_rows
        for path in turtle_files:
            self.graph.parse(path, format="turtle")

    def run(self, query: str) -> Answer:
        try:
            result = self.graph.query(query)
        except Exception as error:  # rdflib raises parser errors of several kinds
            raise QueryError(str(error)) from None
        if result.type == "ASK":
            return Answer("ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            bindings = [{v: term_to_json(row[v]) for v in variables if row[v] is not None}
                        for row in list(result)[: self.max_rows]]
            return Answer("select", variables, bindings, truncated=len(result) > self.max_rows)
        return Answer("graph", ntriples=result.graph.serialize(format="nt", encoding="utf-8"))

    def close(self) -> None:
        pass


class RemoteStore:
    """Any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol (Fuseki, GraphDB, Virtuoso...)."""

    def __init__(self, endpoint: str, timeout: float = 10.0, max_rows: int = 10_000):
        self.endpoint, self.timeout, self.max_rows = endpoint, timeout, max_rows

    def run(self, query: str) -> Answer:
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise QueryError(error.read().decode("utf-8", "replace")[:500] or str(error)) from None
        except (TimeoutError, urllib.error.URLError) as error:
            raise QueryTimeout(f"The SPARQL server did not answer: {error}") from None
        if kind == "application/sparql-results+json":
            return self._from_json(json.loads(body))
        return Answer("graph", ntriples=body)

    def _from_json(self, data: dict) -> Answer:
        if "boolean" in data:
            return Answer("ask", boolean=data["boolean"])
        variables = data["head"]["vars"]
        bindings = data["results"]["bindings"]
        return Answer("select", variables, bindings[: self.max_rows], truncated=len(bindings) > self.max_rows)

    def close(self) -> None:
        pass
