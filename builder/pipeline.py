"""The whole pipeline: read -> detect layout -> segment/extract -> normalise -> emit.

One bad document never stops the others: its BuildError is collected and reported, and
the output file is replaced only by a complete new one (write to a temporary file, then rename).
"""
from __future__ import annotations

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from .checks import check_plan
from .dependencies import find_dependencies
from .emit import Triples, bind_prefixes, emit_triples, plan_iri
from .cache import BuildCache, EntryHeader, read_plan, read_turtle, write_entry
from .layouts import extract_plan
from .output import HEADER, PlanTurtle, plan_turtle
from .model import BuildError, BuildWarning, Plan, SourceDocument
from .normalise.plan import normalise_plan
from .readers import read_document, reader_for
from .terms import ntriples_lines
from .text import forget_document
from .workers import watched_by_this_process

FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "xml": "rdf"}


@dataclass(frozen=True)
class PlanSummary:
    """What the build reports of a plan, kept in its entry's header so that a rebuild of
    unchanged plans need not read the plans back."""

    iri: str
    layout: str
    reader: str
    recommendations: int
    actions: int
    owners: int
    tools: int
    warnings: tuple[BuildWarning, ...]
    triples: int  # the plan's own distinct triples and those it shares with other plans
    own_triples: int

    @classmethod
    def of(cls, plan: Plan, turtle: PlanTurtle) -> "PlanSummary":
        actions = [a for rec in plan.recommendations for a in rec.actions]
        return cls(str(plan_iri(plan)), plan.layout, plan.source.reader, len(plan.recommendations), len(actions),
                   len({o.key for a in actions for o in a.owners}), len(plan.tools), tuple(plan.warnings),
                   turtle.own_count + len(turtle.shared_lines), turtle.own_count)


@dataclass
class DocumentResult:
    """One document built: its summary and its plan with its Turtle blocks, or its error.  In a
    corpus build the plan and its blocks are in an entry file (builder/cache.py), read only when
    asked for; `build_document` alone keeps them in memory."""

    path: Path
    summary: PlanSummary | None = None
    error: BuildError | None = None
    entry: Path | None = None
    built: tuple[Plan, PlanTurtle] | None = field(default=None, repr=False, compare=False)
    stale: str | None = None  # why the plan is its last good version (see builder/stale.py)

    @cached_property
    def plan(self) -> Plan | None:
        if self.built:
            return self.built[0]
        return read_plan(self.entry) if self.entry else None

    def blocks(self) -> tuple[bytes, bytes]:
        """The plan's own and shared Turtle blocks (builder/output.py)."""
        if self.built:
            return self.built[1].own, self.built[1].shared
        return read_turtle(self.entry)

    @cached_property
    def graph(self) -> Graph | None:
        if self.summary is None:
            return None
        return bind_prefixes(Graph()).parse(data=HEADER + b"".join(self.blocks()), format="turtle")

    @property
    def iri(self) -> str:
        return self.summary.iri

    @property
    def warnings(self) -> list[BuildWarning]:
        return list(self.summary.warnings) if self.summary else []


@dataclass
class CorpusResult:
    documents: list[DocumentResult] = field(default_factory=list)
    shared_lines: set[str] = field(default_factory=set)  # N-Triples of what the plans share, once
    spool: object = field(default=None, repr=False)  # the entries' temporary folder, kept as long as the result
    unread: list[Path] = field(default_factory=list)  # files of kinds no reader reads

    @property
    def built(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.summary is not None]

    @property
    def errors(self) -> list[BuildError]:
        return [d.error for d in self.documents if d.error is not None]

    def graph(self) -> Graph:
        """All plans in one graph (shared organisations, owners and tools merged)."""
        merged = bind_prefixes(Graph())
        for document in self.built:
            merged += document.graph
        return merged

    def dataset(self) -> Dataset:
        """One named graph per plan, named by the plan's IRI."""
        dataset = Dataset()
        bind_prefixes(dataset)
        for document in self.built:
            named = dataset.graph(URIRef(document.iri))
            for triple in document.graph:
                named.add(triple)
        return dataset


def build_plan(document: SourceDocument) -> tuple[Plan, Triples]:
    """Every stage after reading.  Raises BuildError, and nothing else, for what it cannot read."""
    forget_document()
    raw = extract_plan(document)
    if not raw.recommendations:
        raise BuildError(document.name, "no recommendations could be read: the document is not an "
                         "action plan, or it is truncated before its first recommendation")
    plan = normalise_plan(raw)
    plan.warnings += check_plan(raw, plan)
    plan.warnings = [_placed(warning, document) for warning in plan.warnings]
    plan = find_dependencies(plan)
    return plan, emit_triples(plan)


def _placed(warning: BuildWarning, document: SourceDocument) -> BuildWarning:
    """A warning on a PDF, Word or HTML document names the page, table and row, not a line of its read form."""
    place = document.place(warning.line)
    return replace(warning, place=place) if place else warning


def build_document(path: Path) -> DocumentResult:
    try:
        plan, triples = build_plan(read_document(path))
        turtle = plan_turtle(ntriples_lines(triples), plan_iri(plan))
        return DocumentResult(path, PlanSummary.of(plan, turtle), built=(plan, turtle))
    except BuildError as error:
        return DocumentResult(path=path, error=error)
    except Exception as error:  # a bug must not lose the other documents; it is named, not hidden
        return DocumentResult(path=path, error=BuildError(Path(path).name, f"internal error: {error!r}"))


def _build_into(path: Path, entry: Path) -> tuple[DocumentResult, tuple[str, ...]]:
    """Build a document (in a worker process) and keep the plan in its entry file: what goes back
    to the parent is the summary and the shared lines, a few kilobytes, never the plan or its triples."""
    document = build_document(path)
    if document.built is None:
        return document, ()
    header = write_entry(entry, document.summary, document.built[1], document.built[0])
    return DocumentResult(path, document.summary, entry=entry), header.shared_lines


def find_documents(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The documents to build, and the files in the folders that no reader reads (so the build can
    list them: nothing is skipped without a word).  A file named on its own is always tried."""
    found: list[Path] = []
    unread: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                (found if reader_for(file) else unread).append(file)
        else:
            found.append(path)
    return found, unread


def build_corpus(paths: Iterable[Path],
                 progress: Callable[[int, int, DocumentResult, int], None] | None = None,
                 workers: int = 1, cache: BuildCache | None = None,
                 last_good: Callable[[DocumentResult], DocumentResult] | None = None) -> CorpusResult:
    """Build every document; with workers > 1 in a process pool, in the same order and
    with the same output as a serial build.  With a cache, unchanged documents are not re-read;
    without one, the entries go to a temporary folder that lives as long as the result;
    with ``last_good``, a document that fails is given to it (to stand in its last good plan)."""
    documents, unread = find_documents(paths)
    result = CorpusResult(unread=unread)
    if cache is None:
        result.spool = tempfile.TemporaryDirectory(prefix="plangraph-build-")
    store = cache or BuildCache(Path(result.spool.name))
    entries = {path: store.entry(path) for path in documents}
    cached = {path: _cached(path, *found) for path in documents if cache and (found := cache.get(path))}
    fresh = [path for path in documents if path not in cached]
    to_build = set(fresh)
    holders: dict[URIRef, Path] = {}
    own_triples = 0
    # starting worker processes costs more than building a handful of documents
    parallel = workers > 1 and len(fresh) > 2 * workers
    with ProcessPoolExecutor(workers, **watched_by_this_process()) if parallel else nullcontext() as pool:
        built = (pool.map(_build_into, fresh, [entries[p] for p in fresh], chunksize=4) if pool
                 else map(_build_into, fresh, [entries[p] for p in fresh]))
        for index, path in enumerate(documents, 1):
            document, shared = next(built) if path in to_build else cached[path]
            if last_good and document.error is not None:
                document, shared = last_good(document)
            document = _refuse_second_copy(document, holders)
            if document.summary is not None:
                result.shared_lines.update(shared)
            result.documents.append(document)
            own_triples += document.summary.own_triples if document.summary else 0
            if progress:  # with the distinct triples so far, counted as triple_count counts them
                progress(index, len(documents), document, len(result.shared_lines) + own_triples)
    return result


def _cached(path: Path, entry: Path, header: EntryHeader) -> tuple[DocumentResult, tuple[str, ...]]:
    return DocumentResult(path, header.summary, entry=entry), header.shared_lines


def _refuse_second_copy(document: DocumentResult, holders: dict[URIRef, Path]) -> DocumentResult:
    """Two documents whose plans get the same IRI would merge into one plan without a word:
    the later one is refused instead, naming the document that already holds the IRI."""
    if document.summary is None:
        return document
    iri = URIRef(document.iri)
    holder = holders.setdefault(iri, document.path)
    if holder == document.path:
        return document
    return DocumentResult(path=document.path, error=BuildError(
        document.path.name, f"its plan has the same IRI as the plan already built from {holder.name} "
        f"({iri}): the same inspected body and the same year, or no year; build them separately"))


def serialize(graph: Graph | Dataset, fmt: str) -> bytes:
    if fmt == "trig" and not isinstance(graph, Dataset):
        raise ValueError("TriG needs a dataset with one named graph per plan")
    return graph.serialize(format="json-ld" if fmt == "jsonld" else fmt, encoding="utf-8")


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A file to write, beside the target, renamed over it when the block ends without an
    error (and removed if it does not): a reader never sees half a file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(data: bytes, target: Path) -> None:
    with atomic_file(target) as stream:
        stream.write(data)
