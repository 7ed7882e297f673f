"""Deriving ``plangraph.sqlite`` from a built graph: once per build, or once per graph for the web app."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from ..analysis import explain, framework_impact, load_dependencies, waiting_actions
from .answers import store_answer
from .canned import load_queries
from .schema import INDEXES, SCHEMA_VERSION, TABLES
from .source import GraphReader, open_graph
from .tables import fill, plan_counts

FILE_NAME = "plangraph.sqlite"


def derive(generation: Path) -> None:
    """The build plug-in: ``<generation>/plangraph.sqlite`` from the graph written there."""
    generation = Path(generation)
    derive_file(generation / "plangraph.ttl", generation / FILE_NAME)


def graph_digest(graph: Path) -> str:
    """What identifies a built graph: a digest of its TriG (or Turtle) bytes, read in chunks."""
    trig = graph.with_suffix(".trig")
    digest = hashlib.sha256()
    with open(trig if trig.exists() else graph, "rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def derive_file(graph: Path, target: Path) -> Path:
    """Write the read side of ``graph`` to ``target`` (through a temporary file renamed into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    connection = sqlite3.connect(building)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + TABLES)
        with open_graph(graph, scratch=target.parent) as reader:
            fill(connection, reader)
            _blocked(connection, reader)
            for query in load_queries().values():
                store_answer(connection, reader, query)
        connection.executescript(INDEXES)
        plan_counts(connection)
        connection.executemany("INSERT INTO meta VALUES (?, ?)",
                               [("graph", graph_digest(graph)), ("schema", SCHEMA_VERSION)])
        connection.commit()
    finally:
        connection.close()
    building.replace(target)
    return target


def _blocked(connection: sqlite3.Connection, reader: GraphReader) -> None:
    """What each action waits on and whether that blocks it on a central framework: the shared
    analysis layer's one definition, with its explanation in words."""
    graph = load_dependencies(reader.select)
    rows = []
    for action, found in waiting_actions(graph).items():
        blocker = found.chain[-1]
        through = "; ".join(graph.nodes[node].get("label") or node for node in found.chain[1:-1])
        rows.append((int(found.blocked), graph.nodes[blocker].get("label") or blocker, blocker, found.reason,
                     through or None, explain(graph, found), action))
    connection.executemany("UPDATE actions SET blocked = ?, blocker = ?, blocker_iri = ?, blocked_because = ?, "
                           "blocked_through = ?, blocked_why = ? WHERE iri = ?", rows)
    connection.executemany("INSERT INTO blockers VALUES (?, ?, ?, ?, ?)", (
        (item["deliverable"], item["label"], item["developer"], item["actions"], item["plans"])
        for item in framework_impact(graph) if item["actions"]))


def readside_for(graph: Path, store_dir: Path, progress: Callable[[str], None] = lambda message: None) -> Path:
    """The read side of ``graph`` for the web app: the one built beside it if it is of this graph,
    else one derived into ``store_dir`` (keyed by the graph's digest) the first time it is asked for,
    saying so through ``progress``."""
    graph = Path(graph)
    digest = graph_digest(graph)
    beside = graph.resolve().with_name(FILE_NAME)  # build/plangraph.ttl leads into its generation
    if beside.exists() and _digest_of(beside) == digest:
        return beside
    derived = Path(store_dir) / f"readside-{digest}.sqlite"
    if not derived.exists() or _digest_of(derived) != digest:
        progress(f"making the read side (the pages' tables, answers and search) for {graph} in {derived}")
        started = time.monotonic()
        derive_file(graph, derived)
        progress(f"made the read side in {time.monotonic() - started:.1f} s")
    return derived


def _digest_of(readside: Path) -> str | None:
    try:
        connection = sqlite3.connect(f"file:{readside}?mode=ro", uri=True)
        try:
            found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    return found.get("graph") if found.get("schema") == SCHEMA_VERSION else None
