"""A query worker: its own process, walled off from the network, with a memory ceiling, the store
opened read-only, and killed by its parent at the time limit.

pyoxigraph cannot cancel a running query from Python, so each query runs in one of these processes;
a runaway or crashed one is replaced while the others keep answering.  A visitor's query is read by
the guard here, not in the web server, so that parsing a long query costs the worker's time, under
the time limit, and never the server's.  Answers cross the pipe already written in the format asked
for (``webapp/serialise.py``), capped in rows and bytes; any error is answered, never raised.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from . import guard, sandbox, serialise
from .errors import QueryError, QueryRefused

log = logging.getLogger("plangraph.worker")


@dataclass(frozen=True)
class Job:
    """One query to answer, and how."""

    query: str
    solutions: str = "json"  # format of SELECT and ASK answers ("" if none is acceptable)
    graphs: str = "nt"  # format of CONSTRUCT and DESCRIBE answers
    visitor: bool = False  # visitors' queries never take the worker kept for the app's own pages
    guarded: bool = False  # read by the guard before running
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()  # and named-graph-uri
    max_rows: int = 10_000
    max_bytes: int = 16_000_000


def admit(job: Job, graphs: Callable[[], frozenset[str]]) -> guard.Reading | None:
    """Refuse what the job may not do (QueryError, QueryRefused); the guard's reading, if it read it."""
    named = set(job.default_graphs) | set(job.named_graphs)
    if named and (unknown := named - graphs()):
        raise QueryError(f"default-graph-uri and named-graph-uri name graphs of this store "
                               f"(one per plan); {', '.join(sorted(unknown))} is not one of them.")
    if not job.guarded:
        return None
    reading = guard.read(job.query)
    if reading.graphs and (unknown := reading.graphs - graphs()):
        raise QueryRefused(f"FROM and FROM NAMED name graphs of this store (one per plan); "
                           f"{', '.join(sorted(unknown))} is not one of them.")
    return reading


def serve(connection: Connection, store_path: str, memory_mb: int) -> None:
    walled = sandbox.forbid_network()
    sandbox.limit_memory(memory_mb)
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    graphs = frozenset(graph.value for graph in store.named_graphs())
    connection.send(("ready", walled))
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(answer(store, graphs, job, memory_mb))


def answer(store, graphs: frozenset[str], job: Job, memory_mb: int) -> tuple[int, object]:
    """(200, the answer) or (HTTP status, a message a visitor can read)."""
    try:
        return 200, run(store, graphs, job)
    except QueryError as error:
        return error.status, str(error)
    except SyntaxError as error:
        return 400, str(error)
    except MemoryError:
        return 400, f"The query needs more than the {memory_mb} MB of memory each query may use."
    except Exception:  # noqa: BLE001 - the details (a host, a port) are for the log, not the visitor
        log.exception("query failed: %.500s", job.query)
        return 500, "The query could not be answered; the error has been logged on the server."


def run(store, graphs: frozenset[str], job: Job) -> dict:
    import pyoxigraph as ox

    try:
        reading = admit(job, lambda: graphs)
    except guard.Unreadable as unreadable:
        raise QueryError(_syntax_error(job.query) or str(unreadable)) from None
    options = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in job.named_graphs]
    kind, name, body, cut = _written(store.query(job.query, **options), job, reading,
                                     lambda: store.query(job.query, **options))
    return {"kind": kind, "format": name, "body": body, "cut": cut}


def _written(result, job: Job, reading: guard.Reading | None, again: Callable) -> tuple[str, str, bytes, str]:
    """(kind, format, the answer written in it, why it was cut): nothing written if no format fits."""
    import pyoxigraph as ox

    caps = serialise.Caps(job.max_rows, job.max_bytes)
    if isinstance(result, ox.QueryBoolean):
        return "ask", job.solutions, serialise.boolean(result, job.solutions) if job.solutions else b"", ""
    if not isinstance(result, ox.QuerySolutions):
        return "graph", job.graphs, *(serialise.triples(result, job.graphs, caps) if job.graphs else (b"", ""))
    if not job.solutions:
        return "select", "", b"", ""
    if reading and reading.limit is not None and reading.limit <= job.max_rows:
        # its own LIMIT keeps it within the row cap: written straight in its format
        if (body := serialise.within_bytes(result, job.solutions, job.max_bytes)) is not None:
            return "select", job.solutions, body, ""
        result = again()  # longer than the byte cap: run again, through TSV, to cut it
    return "select", job.solutions, *serialise.solutions(result, job.solutions, caps)


def _syntax_error(query: str) -> str | None:
    """Oxigraph's own message for a query the guard could not read (it says where, line and
    column, as the editor shows it); None if Oxigraph reads it (it is refused all the same).
    Asked of an empty store in memory: a SELECT is only parsed; an ASK runs, on nothing, walled in."""
    import pyoxigraph as ox

    try:
        ox.Store().query(query)
    except SyntaxError as error:
        return str(error)
    return None
