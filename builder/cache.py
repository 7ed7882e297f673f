"""Incremental builds: a document whose bytes (and the builder) have not changed is not re-extracted.

Entries are keyed by the SHA-256 of the document's bytes together with a fingerprint of the
builder's own code and reference data, so a new builder never reuses an old reading.
"""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

BUILDER = Path(__file__).resolve().parent
REFERENCE = BUILDER.parent / "ontology" / "reference.ttl"


@lru_cache(maxsize=1)
def builder_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(BUILDER.rglob("*.py")) + [REFERENCE]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class BuildCache:
    """Built plans on disk, one file per (document bytes, builder) pair."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _entry(self, path: Path) -> Path:
        key = hashlib.sha256(Path(path).read_bytes() + builder_fingerprint().encode()).hexdigest()
        return self.folder / f"{key}.pickle"

    def get(self, path: Path):
        """The cached (summary, N-Triples, Turtle, pickled plan) of this document, or None."""
        entry = self._entry(path)
        return pickle.loads(entry.read_bytes()) if entry.exists() else None

    def put(self, path: Path, document) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = self._entry(path)
        temporary = entry.with_suffix(".partial")
        # the plan pickled apart: a rebuild reads it back only if something asks for it
        temporary.write_bytes(pickle.dumps((document.summary, document.ntriples, document.turtle,
                                             pickle.dumps(document.plan))))
        temporary.replace(entry)
