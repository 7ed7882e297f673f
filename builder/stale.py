"""A plan whose document fails on rebuild keeps its last good version in the graph, marked stale.

Each published build records in its manifest which document gave which plan (and the plan's
summary for the build report).  When a document that built before now fails, its plan's named
graph is taken back from the published TriG, marked ``ap:buildStale true`` with the reason, and
goes into the new build in place of nothing; the build still reports the document's error and
exits non-zero, so the failure is never silent and the plan is never silently lost either.
"""
from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

import pyoxigraph as ox

from .emit import AP
from .model import BuildWarning
from .output import plan_turtle
from .pipeline import CorpusResult, DocumentResult, PlanSummary
from .publish import GRAPH_FILES, BuildFolder

STALE = ox.NamedNode(str(AP.buildStale))
STALE_REASON = ox.NamedNode(str(AP.buildStaleReason))
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def manifest(result: CorpusResult, triples: int) -> dict:
    """What a generation records of itself: every plan, the document it came from, its summary."""
    return {"triples": triples, "plans": len(result.built), "documents": [
        {"path": str(Path(document.path).resolve()), "plan": document.iri, "stale": document.stale,
         "summary": asdict(document.summary)} for document in result.built]}


class LastGood:
    """The plans of the published build, by the document they came from, to stand in for a failure."""

    def __init__(self, folder: BuildFolder):
        self.folder = folder
        self.entries = {entry["path"]: entry for entry in folder.manifest().get("documents", [])}
        self._quads: list[ox.Quad] | None = None

    def __call__(self, document: DocumentResult) -> tuple[DocumentResult, tuple[str, ...]]:
        """The failed document's last good plan, marked stale, with the lines it shares with other
        plans; the document itself (sharing nothing) if it never built."""
        entry = self.entries.get(str(Path(document.path).resolve()))
        if document.error is None or entry is None:
            return document, ()
        plan = ox.NamedNode(entry["plan"])
        reason = ox.Literal(f"{document.error}")
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in self._published()
                   if q.graph_name == plan and not (q.subject == plan and q.predicate in (STALE, STALE_REASON))]
        triples += [ox.Triple(plan, STALE, TRUE), ox.Triple(plan, STALE_REASON, reason)]
        written = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)  # the canonical lines a build writes
        turtle = plan_turtle(sorted(set(written.decode().splitlines(keepends=True))), entry["plan"])
        stale = replace(document, summary=_summary(entry["summary"]), built=(None, turtle), stale=str(document.error))
        return stale, turtle.shared_lines

    def _published(self) -> list[ox.Quad]:
        if self._quads is None:  # read only when a document has failed
            trig = self.folder.current / GRAPH_FILES[1]
            self._quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
        return self._quads


def _summary(recorded: dict) -> PlanSummary:
    warnings = tuple(BuildWarning(**warning) for warning in recorded["warnings"])
    return PlanSummary(**{**recorded, "warnings": warnings})
