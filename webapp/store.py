"""The store layer: where SPARQL queries are answered, behind one small interface.

``Store.run(job) -> Answer`` is all the web app needs (a job is a query and how to answer it,
``webapp/worker.py: Job``; a bare query string is the app's own query).  Three backends:
- ``EmbeddedStore`` (the default): the on-disk Oxigraph store (``builder/store.py``), queried by
  worker processes that open it read-only, cannot reach the network and are killed at the time
  limit; one worker is kept for the app's own pages so that visitors never starve them;
- ``RemoteStore``: any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol;
- ``RdflibStore``: rdflib's in-memory store, the slow baseline the benchmark compares with.
Visitors' queries are read by the guard (``webapp/guard.py``) before anything runs.
``CachingStore`` wraps the embedded or rdflib store: the built graph never changes under a running
app, so a question asked again is answered from memory, without a worker.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from builder.store import sources

from . import serialise, worker
from .errors import QueryError, QueryFailed, QueryTimeout, StoreBusy
from .worker import Job

APP_WAIT = 3.0  # seconds an app page waits for a free worker before answering 503
STARTUP_TIMEOUT = 60.0  # seconds a new worker may take to open the store
log = logging.getLogger("plangraph")


@dataclass
class Answer:
    """What a store answered: the answer written in ``format`` (SPARQL results or RDF), and the
    cap it was cut at, if any.  Pages read ``variables``/``rows`` (from JSON) or ``ntriples``."""

    kind: str  # "select", "ask" or "graph"
    body: bytes = b""
    format: str = ""  # a name in serialise.SOLUTION_FORMATS or serialise.GRAPH_FORMATS
    cut: str = ""  # "7 rows", "16 MB": why the answer is shorter than the query's

    @property
    def truncated(self) -> bool:
        return bool(self.cut)

    @cached_property
    def _results(self) -> dict:
        return json.loads(serialise.solutions_as(self.body, self.format, "json"))

    @property
    def variables(self) -> list[str]:
        return self._results["head"].get("vars", [])

    @property
    def bindings(self) -> list[dict]:
        """variable -> {"type": ..., "value": ...}, as SPARQL 1.1 JSON results write them."""
        return self._results["results"]["bindings"]

    @property
    def boolean(self) -> bool:
        return self._results["boolean"]

    @property
    def ntriples(self) -> bytes:
        return self.body if self.format == "nt" else serialise.graph_as(self.body, "nt")

    @cached_property
    def rows(self) -> list[dict]:
        """variable -> rdflib term (absent when unbound)."""
        return [{name: term_from_json(value) for name, value in row.items()} for row in self.bindings]


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


def _job(job: Job | str) -> Job:
    return Job(job) if isinstance(job, str) else job


class _Worker:
    """One worker process and its pipe; ``lane`` is "app" for the one kept for the app's own pages."""

    def __init__(self, context, store_path: str, memory_mb: int, lane: str):
        self.lane, self.walled = lane, None
        self.connection, child = context.Pipe()
        self.process = context.Process(target=worker.serve, args=(child, store_path, memory_mb), daemon=True)
        self.process.start()
        child.close()

    def ready(self, timeout: float) -> bool:
        """Wait for the worker to have opened the store and put up its walls."""
        try:
            if self.connection.poll(timeout):
                self.walled = self.connection.recv()[1]
                return True
        except (EOFError, OSError):
            pass
        return False

    def ask(self, job: Job, deadline: float) -> tuple[int, object]:
        """The worker's reply; TimeoutError at the deadline, EOFError if the process died."""
        self.connection.send(job)
        if not self.connection.poll(max(deadline - time.monotonic(), 0)):
            raise TimeoutError
        return self.connection.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()

    def death(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"stopped by {signal.Signals(-code).name}"
        return "stopped"


class EmbeddedStore:
    """Oxigraph on disk, queried by worker processes: ``workers`` for visitors, ``app_workers`` kept
    for the app's own pages (which may also borrow an idle visitors' one)."""

    def __init__(self, store_path: Path, timeout: float = 10.0, workers: int = 2, app_workers: int = 1,
                 memory_mb: int = 1024):
        self.timeout, self.memory_mb, self.path = timeout, memory_mb, str(store_path)
        self._context = multiprocessing.get_context("spawn")
        self._idle: dict[str, list[_Worker]] = {"visitor": [], "app": []}
        self._freed, self._closed = threading.Condition(), False
        for lane, count in (("visitor", workers), ("app", app_workers)):
            for _ in range(count):
                self._start(lane)
        with self._freed:
            self._freed.wait_for(lambda: sum(map(len, self._idle.values())) == workers + app_workers,
                                 STARTUP_TIMEOUT)

    def _start(self, lane: str) -> None:
        """A new worker, given work once it is ready: nobody waits for a worker to start."""
        new = _Worker(self._context, self.path, self.memory_mb, lane)
        threading.Thread(target=self._when_ready, args=(new,), daemon=True).start()

    def _when_ready(self, new: _Worker) -> None:
        if new.ready(STARTUP_TIMEOUT) and not self._closed:
            if not new.walled:
                log.warning("query worker %s can open network connections", new.process.pid)
            self._give_back(new)
        else:
            log.error("a query worker did not start (exit code %s)", new.process.exitcode)
            new.stop()

    def run(self, job: Job | str, deadline: float | None = None) -> Answer:
        job = _job(job)
        deadline = deadline or time.monotonic() + self.timeout
        current = self._take(job.visitor, deadline)
        try:
            status, reply = current.ask(job, deadline)
        except TimeoutError:
            self._replace(current)
            raise QueryTimeout(f"The query took longer than {self.timeout:g} seconds and was stopped.") from None
        except (EOFError, OSError):
            how = current.death()
            self._replace(current)
            raise QueryFailed(f"The process answering this query {how} and has been replaced; a query that "
                              f"builds very large values or sorts very many rows can need more than the "
                              f"{self.memory_mb} MB of memory each query may use.") from None
        self._give_back(current)
        if status != 200:
            raise QueryError(reply, status)
        return Answer(**reply)

    def _take(self, visitor: bool, deadline: float) -> _Worker:
        """An idle worker: a visitor gets one at once or never; the app waits a little for one."""
        lanes = ["visitor"] if visitor else ["app", "visitor"]
        wait_until = time.monotonic() if visitor else min(deadline, time.monotonic() + APP_WAIT)
        with self._freed:
            while True:
                if free := next((self._idle[lane] for lane in lanes if self._idle[lane]), None):
                    return free.pop()
                if (remaining := wait_until - time.monotonic()) <= 0:
                    raise StoreBusy("The server is answering as many queries as it can; try again shortly.")
                self._freed.wait(remaining)

    def _give_back(self, idle: _Worker) -> None:
        with self._freed:
            self._idle[idle.lane].append(idle)
            self._freed.notify_all()

    def _replace(self, dead: _Worker) -> None:
        dead.stop()
        self._start(dead.lane)

    def close(self) -> None:
        with self._freed:
            self._closed = True
            for lane in self._idle.values():
                for idle in lane:
                    idle.stop()
                lane.clear()


class CachingStore:
    """Another store's answers, kept while they fit in ``max_bytes`` (least recently asked dropped
    first; an answer over an eighth of it is never kept).  Only answers are kept: a refusal, a
    timeout or a busy store is asked again."""

    def __init__(self, store, max_bytes: int):
        self.store, self.max_bytes = store, max_bytes
        self._answers: OrderedDict[Job, Answer] = OrderedDict()
        self._bytes, self._lock = 0, threading.Lock()

    def run(self, job: Job | str, deadline: float | None = None) -> Answer:
        job = _job(job)
        with self._lock:
            if (kept := self._answers.get(job)) is not None:
                self._answers.move_to_end(job)
                return kept
        answer = self.store.run(job, deadline)
        if len(answer.body) <= self.max_bytes // 8:
            with self._lock:
                if job not in self._answers:
                    self._answers[job] = answer
                    self._bytes += len(answer.body)
                while self._bytes > self.max_bytes:
                    self._bytes -= len(self._answers.popitem(last=False)[1].body)
        return answer

    def close(self) -> None:
        self.store.close()


class RdflibStore:
    """rdflib's in-memory store, the same dataset as the embedded one (``builder/store.py``):
    no time limit can stop it, so it is for benchmarks, not for serving."""

    def __init__(self, graph_path: Path):
        import rdflib.plugins.sparql
        from rdflib import Dataset

        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM names graphs here, never fetches them
        self.dataset = Dataset()
        for path in sources(graph_path):
            if path.suffix == ".trig":
                self.dataset.parse(path, format="trig")
            else:
                self.dataset.default_graph.parse(path, format="turtle")
        self.graph_names = frozenset(str(graph.identifier) for graph in self.dataset.graphs()
                                     if graph.identifier != self.dataset.default_graph.identifier)

    def run(self, job: Job | str, deadline: float | None = None) -> Answer:
        job = _job(job)
        worker.admit(job, lambda: self.graph_names)
        try:  # rdflib raises errors of several kinds, some only once the answer is read
            result = self.dataset.query(job.query)
            if result.type == "ASK":
                return Answer("ask", json.dumps({"head": {}, "boolean": bool(result.askAnswer)}).encode(), "json")
            if result.type == "SELECT":
                variables = [str(v) for v in result.vars]
                rows = list(result)
                bindings = [{v: term_to_json(row[v]) for v in variables if row[v] is not None}
                            for row in rows[: job.max_rows]]
                return _json_answer(variables, bindings, len(rows) > job.max_rows, job)
            return Answer("graph", result.graph.serialize(format="nt", encoding="utf-8"), "nt")
        except Exception as error:
            raise QueryError(str(error)) from None

    def close(self) -> None:
        pass


def _json_answer(variables: list[str], bindings: list[dict], cut: bool, job: Job) -> Answer:
    body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()
    return Answer("select", body, "json", f"{job.max_rows} rows" if cut else "")


class RemoteStore:
    """Any SPARQL 1.1 server, reached over the SPARQL 1.1 Protocol (Fuseki, GraphDB, Virtuoso...)."""

    def __init__(self, endpoint: str, timeout: float = 10.0):
        self.endpoint, self.timeout = endpoint, timeout

    def run(self, job: Job | str, deadline: float | None = None) -> Answer:
        job = _job(job)
        worker.admit(job, lambda: self.graph_names)
        fields = [("query", job.query), *[("default-graph-uri", iri) for iri in job.default_graphs],
                  *[("named-graph-uri", iri) for iri in job.named_graphs]]
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode(fields).encode(),
            headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9",
                     "Content-Type": "application/x-www-form-urlencoded"})
        timeout = (deadline - time.monotonic()) if deadline else self.timeout
        try:
            with urllib.request.urlopen(request, timeout=max(timeout, 0.1)) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise QueryError(error.read().decode("utf-8", "replace")[:500] or str(error)) from None
        except (TimeoutError, urllib.error.URLError) as error:
            raise QueryTimeout(f"The SPARQL server did not answer: {error}") from None
        if kind != "application/sparql-results+json":
            return Answer("graph", body, "nt")
        data = json.loads(body)
        if "boolean" in data:
            return Answer("ask", body, "json")
        bindings = data["results"]["bindings"]
        return _json_answer(data["head"]["vars"], bindings[: job.max_rows], len(bindings) > job.max_rows, job)

    @cached_property
    def graph_names(self) -> frozenset[str]:
        answer = self.run("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return frozenset(row["g"]["value"] for row in answer.bindings)

    def close(self) -> None:
        pass
