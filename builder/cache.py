"""Built plans on disk, one entry file each: the incremental cache, and how workers hand plans over.

A worker process writes the plan it built into an entry file and sends the parent only the
entry's small header (the summary and the plan's shared triples); the parent reads each plan's
Turtle back from its entry, one plan at a time, when it writes the corpus.  So the parent's
memory holds summaries, not plans, and a rebuild reads unchanged plans' headers only.

Entries are keyed by the SHA-256 of the document's bytes together with a fingerprint of the
builder's own code and reference data, so a new builder never reuses an old reading.  An entry
is a pickled header followed by three byte strings whose lengths it gives: the plan's own
Turtle block, its shared Turtle block and the pickled plan (read only when asked for).  An entry
that cannot be read back (a build killed while writing it, a full disk) is dropped, noted in
``dropped`` for the build to report, and its document read again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Plan
    from .output import PlanTurtle
    from .pipeline import PlanSummary

from .resources import REFERENCE

BUILDER = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def builder_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(BUILDER.rglob("*.py")) + [REFERENCE]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class EntryHeader:
    summary: PlanSummary
    shared_lines: tuple[str, ...]  # N-Triples lines of what the plan shares with others
    sizes: tuple[int, int, int]  # bytes of the own block, the shared block and the pickled plan


def write_entry(entry: Path, summary: PlanSummary, turtle: PlanTurtle, plan: Plan) -> EntryHeader:
    pickled = pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)
    header = EntryHeader(summary, turtle.shared_lines, (len(turtle.own), len(turtle.shared), len(pickled)))
    entry.parent.mkdir(parents=True, exist_ok=True)
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.partial")  # two workers may build the same bytes
    with temporary.open("wb") as stream:
        pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
        stream.write(turtle.own + turtle.shared + pickled)
    temporary.replace(entry)
    return header


def read_header(entry: Path) -> EntryHeader:
    with entry.open("rb") as stream:
        header = pickle.load(stream)
        if entry.stat().st_size != stream.tell() + sum(header.sizes):
            raise ValueError(f"{entry} is cut short")
        return header


def _read_parts(entry: Path, wanted: range) -> list[bytes]:
    with entry.open("rb") as stream:
        sizes = pickle.load(stream).sizes
        stream.seek(sum(sizes[: wanted.start]), os.SEEK_CUR)
        return [stream.read(sizes[index]) for index in wanted]


def read_turtle(entry: Path) -> tuple[bytes, bytes]:
    """The plan's own and shared Turtle blocks."""
    own, shared = _read_parts(entry, range(0, 2))
    return own, shared


def read_plan(entry: Path) -> Plan:
    (pickled,) = _read_parts(entry, range(2, 3))
    return pickle.loads(pickled)


class BuildCache:
    """Built plans on disk, one file per (document bytes, builder) pair.  With ``read=False``
    (``--no-cache``) nothing is taken from it and every entry is written anew."""

    def __init__(self, folder: Path, read: bool = True):
        self.folder = Path(folder)
        self.read = read
        self.dropped: list[Path] = []  # documents whose entry was damaged

    def entry(self, path: Path) -> Path:
        key = hashlib.sha256(Path(path).read_bytes() + builder_fingerprint().encode()).hexdigest()
        return self.folder / f"{key}.plan"

    def get(self, path: Path) -> tuple[Path, EntryHeader] | None:
        """This document's entry and its header, if it was built by this builder before.  A damaged
        entry (a build killed while writing it, a full disk) is dropped, noted in ``dropped``."""
        entry = self.entry(path)
        if not self.read or not entry.exists():
            return None
        try:
            return entry, read_header(entry)
        except Exception:  # unpickling damaged bytes can raise almost anything; the entry is only a copy
            entry.unlink(missing_ok=True)
            self.dropped.append(Path(path))
            return None

    def clean_up(self) -> None:
        """Entries a killed build was still writing."""
        for partial in self.folder.glob("*.partial"):
            partial.unlink(missing_ok=True)
