"""The whole pipeline: read -> detect layout -> segment/extract -> normalise -> emit.

One bad document never stops the others: its BuildError is collected and reported, and
the output file is replaced only by a complete new one (write to a temporary file, then rename).
"""
from __future__ import annotations

import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Dataset, Graph, URIRef

from .checks import check_plan
from .dependencies import find_dependencies
from .emit import Triples, bind_prefixes, emit_triples, plan_iri
from .cache import BuildCache
from .layouts import extract_plan
from .output import PlanTurtle, plan_turtle
from .model import BuildError, BuildWarning, Plan, SourceDocument
from .normalise.plan import normalise_plan
from .read import read_document
from .terms import ntriples_lines

SUFFIXES = {".txt", ".md", ".tsv", ".text"}
FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "xml": "rdf"}


@dataclass(frozen=True)
class PlanSummary:
    """What the build reports of a plan, kept beside its cached triples so that a rebuild of
    unchanged plans need not read the plans back."""

    iri: str
    layout: str
    recommendations: int
    actions: int
    owners: int
    tools: int
    warnings: tuple[BuildWarning, ...]

    @classmethod
    def of(cls, plan: Plan) -> "PlanSummary":
        actions = [a for rec in plan.recommendations for a in rec.actions]
        return cls(str(plan_iri(plan)), plan.layout, len(plan.recommendations), len(actions),
                   len({o.key for a in actions for o in a.owners}), len(plan.tools), tuple(plan.warnings))


@dataclass
class DocumentResult:
    """One document built: its summary, and its triples as N-Triples and Turtle blocks (cheap to
    pass between processes and to cache); the plan and its rdflib graph are read only when asked for."""

    path: Path
    summary: PlanSummary | None = None
    ntriples: bytes | None = None
    turtle: PlanTurtle | None = None
    error: BuildError | None = None
    stored_plan: Plan | bytes | None = field(default=None, repr=False, compare=False)  # bytes: pickled, from the cache
    _graph: Graph | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of_plan(cls, path: Path, plan: Plan, triples: Triples) -> "DocumentResult":
        lines = ntriples_lines(triples)
        return cls(path, PlanSummary.of(plan), "".join(lines).encode(), plan_turtle(lines, plan_iri(plan)),
                   stored_plan=plan)

    @classmethod
    def from_cache(cls, path: Path, summary: PlanSummary, written: bytes, turtle: PlanTurtle,
                   plan: bytes) -> "DocumentResult":
        return cls(path, summary, written, turtle, stored_plan=plan)

    @property
    def plan(self) -> Plan | None:
        if isinstance(self.stored_plan, bytes):
            self.stored_plan = pickle.loads(self.stored_plan)
        return self.stored_plan

    @property
    def graph(self) -> Graph | None:
        if self._graph is None and self.ntriples is not None:
            self._graph = bind_prefixes(Graph()).parse(data=self.ntriples, format="nt")
        return self._graph

    @property
    def iri(self) -> str:
        return self.summary.iri

    @property
    def warnings(self) -> list[BuildWarning]:
        return list(self.summary.warnings) if self.summary else []


@dataclass
class CorpusResult:
    documents: list[DocumentResult] = field(default_factory=list)

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
    raw = extract_plan(document)
    if not raw.recommendations:
        raise BuildError(document.name, "no recommendations could be read: the document is not an "
                         "action plan, or it is truncated before its first recommendation")
    plan = normalise_plan(raw)
    plan.warnings += check_plan(raw, plan)
    plan = find_dependencies(plan)
    return plan, emit_triples(plan)


def build_document(path: Path) -> DocumentResult:
    try:
        return DocumentResult.of_plan(path, *build_plan(read_document(path)))
    except BuildError as error:
        return DocumentResult(path=path, error=error)
    except Exception as error:  # a bug must not lose the other documents; it is named, not hidden
        return DocumentResult(path=path, error=BuildError(Path(path).name, f"internal error: {error!r}"))


def find_documents(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def build_corpus(paths: Iterable[Path],
                 progress: Callable[[int, int, DocumentResult], None] | None = None,
                 workers: int = 1, cache: BuildCache | None = None) -> CorpusResult:
    """Build every document; with workers > 1 in a process pool, in the same order and
    with the same output as a serial build.  With a cache, unchanged documents are not re-read."""
    documents = find_documents(paths)
    cached = {path: cache.get(path) for path in documents} if cache else {}
    fresh = [path for path in documents if cached.get(path) is None]
    result = CorpusResult()
    holders: dict[URIRef, Path] = {}
    # starting worker processes costs more than building a handful of documents
    parallel = workers > 1 and len(fresh) > 2 * workers
    with ProcessPoolExecutor(workers) if parallel else nullcontext() as pool:
        built = iter(pool.map(build_document, fresh, chunksize=4) if pool else map(build_document, fresh))
        for index, path in enumerate(documents, 1):
            document = DocumentResult.from_cache(path, *cached[path]) if cached.get(path) else next(built)
            if cache and cached.get(path) is None and document.summary is not None:
                cache.put(path, document)
            result.documents.append(_refuse_second_copy(document, holders))
            if progress:
                progress(index, len(documents), document)
    return result


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


def write_atomic(data: bytes, target: Path) -> None:
    """Write beside the target, then rename over it: a reader never sees half a file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
