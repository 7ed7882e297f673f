"""The on-disk Oxigraph store the web app queries, derived from the build's TriG.

Each plan is a named graph, named by the plan's IRI, as in the TriG.  The store's default graph is
the union of the plans as an RDF merge (the build's Turtle, where a triple that several plans share,
an organisation's name, appears once), with the ontology: so ``GRAPH ?g`` finds exactly the plans,
and queries without ``GRAPH`` see every plan and the vocabulary's labels, with no duplicate rows.
(Oxigraph's own union of named graphs would repeat a shared triple once for every plan holding it.)

The build makes the store beside its output (``derive``); a web app given a graph without one, or
with one made from another graph, derives it into its own folder, keyed by a digest of the sources.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from .resources import ONTOLOGY

BESIDE = "store"  # the store's folder, next to the TriG
_DIGEST = ".source-digest"  # inside the store's folder: which sources it was made from
# Oxigraph's bulk loader holds a whole call's quads in memory: 750 MB for a 100 MB TriG file (700k
# quads), 7.5 times the file.  A file up to WHOLE_BYTES is loaded in one call, from its path, which
# takes a third less CPU than batches (14 s against 21 s at 100x, in the same wall time); a larger
# one in batches of BATCH quads, which keep the store's memory flat however large the corpus.  The
# limit keeps a build under 1.5 GB at every size: at most 850 MB here, with the read side's graph
# in memory beside it (readside/source.py) and the parent.
WHOLE_BYTES = 112 << 20
BATCH = 100_000


def derive(generation: Path) -> None:
    """A build plug-in: ``<generation>/store/`` from ``<generation>/plangraph.trig``."""
    build_beside(Path(generation) / "plangraph.trig")


def build_beside(trig: Path) -> Path:
    """The store for this TriG, in the folder beside it (replacing an older one)."""
    target = trig.parent / BESIDE
    build(sources(trig), target, replace=True)
    return target


def store_for(graph_path: Path, store_root: Path, progress: Callable[[str], None] = lambda message: None) -> Path:
    """The store for a built graph: the one beside it if it was made from it, else one under
    ``store_root`` (made now if it is not there yet, saying so through ``progress``: at 500 plans
    that takes a quarter of a minute)."""
    found = sources(Path(graph_path).resolve())
    digest = _digest(found)
    beside = Path(graph_path).resolve().parent / BESIDE
    if _digest_of(beside) == digest:
        return beside
    target = Path(store_root) / digest
    if _digest_of(target) != digest:
        progress(f"making the SPARQL store for {graph_path} in {target} (once for this graph)")
        started = time.monotonic()
        build(found, target)
        progress(f"made the SPARQL store in {time.monotonic() - started:.1f} s")
    return target


def build(sources: list[Path], target: Path, replace: bool = False) -> None:
    """Load the sources into a new store, then rename it into place; a store made by another
    process at the same time is kept, unless ``replace``."""
    import pyoxigraph as ox

    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    store = ox.Store(str(building))
    for path in sources:
        load(store, path)
    store.optimize()  # one set of files instead of one per batch: reads are faster afterwards
    store.flush()
    del store
    (building / _DIGEST).write_text(_digest(sources), encoding="ascii")
    _swap_in(building, target, replace)


def load(store, path: Path) -> None:
    """Bulk-load a TriG file (its graphs as they are) or a Turtle file (into the default graph, where
    the parser already puts its triples): whole if it is at most ``WHOLE_BYTES``, else ``BATCH``
    quads at a time."""
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.TRIG if Path(path).suffix == ".trig" else ox.RdfFormat.TURTLE
    if Path(path).stat().st_size <= WHOLE_BYTES:
        store.bulk_load(path=str(path), format=rdf_format)
        return
    quads = ox.parse(path=str(path), format=rdf_format)
    while batch := list(itertools.islice(quads, BATCH)):
        store.bulk_extend(batch)


def _swap_in(building: Path, target: Path, replace: bool) -> None:
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if replace and target.exists():
        target.rename(old)
    try:
        building.rename(target)
    except OSError:  # another process put its store there first: the same sources, so keep it
        shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def sources(graph_path: Path) -> list[Path]:
    """What a store holds: the plans' named graphs (the TriG, if there is one), then for the default
    graph the merged Turtle and the ontology."""
    trig, turtle = graph_path.with_suffix(".trig"), graph_path.with_suffix(".ttl")
    return [trig] * trig.exists() + [turtle, ONTOLOGY]


def _digest(sources: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sources:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def _digest_of(store: Path) -> str | None:
    try:
        return (store / _DIGEST).read_text(encoding="ascii")
    except OSError:
        return None
