"""Build output as one unit: each build writes a new generation folder and swaps it in with one rename.

    build/
      generations/<id>/plangraph.ttl, plangraph.trig, manifest.json, and what the derivers add
      current -> generations/<id>              a symlink, replaced by renaming a new one over it
      plangraph.ttl -> current/plangraph.ttl   the addresses people and the web app use, made once
      plangraph.trig -> current/plangraph.trig

Readers open build/plangraph.ttl and .trig through ``current``, so they see both files of one
build, never the Turtle of one and the TriG of another, whenever a build is killed.  Derived
artefacts (the on-disk store, the SQLite read side) are made by the plug-ins in ``DERIVERS``
inside the new generation before it is swapped in, so they change together with the graph.
A build holds the folder's lock from start to end; the next build removes what a killed one
left (unfinished generations, temporary links and cache entries) and keeps the current
generation and the one before it (a server started on it can finish what it is doing).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from multiprocessing import get_context
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from . import readside, store
from .workers import watched_by_this_process

GRAPH_FILES = ("plangraph.ttl", "plangraph.trig")  # their names inside every generation
GENERATIONS = "generations"
CURRENT = "current"
MANIFEST = "manifest.json"  # written last: a generation without it was never finished
LOCK = "build.lock"


class Deriver(NamedTuple):
    """A build plug-in: ``derive(generation)`` is called after the Turtle and TriG are written, before
    the swap; ``makes`` says what it makes, in the words the build's progress uses.  Each reads the
    graph files only, never another's output, so they run at once, a process each."""

    makes: str
    derive: Callable[[Path], None]


DERIVERS: list[Deriver] = [Deriver("the SPARQL store", store.derive),
                           Deriver("the read side (the pages' tables, answers and search)", readside.derive)]


class PublishError(Exception):
    """A derived artefact could not be made: the new build is not swapped in."""


def generation_of(graph: Path) -> Path | None:
    """The generation folder a published graph file lies in (None for a bare Turtle file)."""
    folder = Path(graph).resolve().parent
    return folder if (folder / MANIFEST).is_file() else None


class BuildFolder:
    """The folder of ``output`` (default build/), holding one published build at a time."""

    def __init__(self, output: Path):
        self.output = Path(output)
        self.root = self.output.parent
        self.names = (self.output.name, self.output.with_suffix(".trig").name)

    @property
    def current(self) -> Path | None:
        """The generation now published, if any."""
        link = self.root / CURRENT
        return link.resolve() if link.is_symlink() and (link.resolve() / MANIFEST).is_file() else None

    def manifest(self) -> dict:
        """What the current generation says of itself (empty before the first build)."""
        current = self.current
        return json.loads((current / MANIFEST).read_text(encoding="utf-8")) if current else {}

    @contextmanager
    def locked(self) -> Iterator["BuildFolder"]:
        """Hold the folder for one build; the kernel lets go of the lock if the build is killed.
        A POSIX lock (lockf) belongs to this process alone: worker processes forked from it do not
        inherit it, so a worker outliving a killed build cannot keep the next build waiting."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a") as lock:
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                print(f"plangraph: waiting for another build in {self.root}/ to finish", file=sys.stderr)
                fcntl.lockf(lock, fcntl.LOCK_EX)
            self.clean_up()
            try:
                yield self
            finally:
                fcntl.lockf(lock, fcntl.LOCK_UN)

    def publish(self, write: Callable[[Path], None], manifest: dict,
                progress: Callable[[str], None] = lambda message: None) -> Path:
        """Write a new generation (``write`` puts the graph files in it, then derived artefacts,
        then its manifest) and swap it in, saying what is done as it goes."""
        generation = self._new_generation()
        started = time.monotonic()
        write(generation)
        progress(f"wrote the graph files in {time.monotonic() - started:.1f} s; now making "
                 + " and ".join(deriver.makes for deriver in DERIVERS))
        for deriver, error in _failed_derivers(generation, progress)[:1]:
            shutil.rmtree(generation, ignore_errors=True)
            raise PublishError(f"{deriver.makes} could not be made: {error}") from error
        _write(generation / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        _sync(generation)
        for name, inside in zip(self.names, GRAPH_FILES):  # the stable addresses, before the swap
            _link(self.root / name, Path(CURRENT) / inside)
        _link(self.root / CURRENT, Path(GENERATIONS) / generation.name)
        _sync(self.root)
        self.clean_up()
        return generation

    def clean_up(self) -> None:
        """Remove unfinished generations, all but the last two finished ones, and stray temporary files."""
        current = self.current
        finished = sorted(g for g in self._generations() if (g / MANIFEST).is_file() and g != current)
        older = [g for g in finished if current is None or g.name < current.name]
        keep = {current, *older[-1:]}
        for generation in self._generations():
            if generation not in keep:
                shutil.rmtree(generation, ignore_errors=True)
        for name in self.names:  # temporary files of killed builds, including builds before generations
            for stray in self.root.glob(f".{name}.*"):
                stray.unlink(missing_ok=True)
        for stray in self.root.glob(f".{CURRENT}.*"):
            stray.unlink(missing_ok=True)

    def _generations(self) -> list[Path]:
        folder = self.root / GENERATIONS
        return [g.resolve() for g in folder.iterdir() if g.is_dir()] if folder.is_dir() else []

    def _new_generation(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        generation = self.root / GENERATIONS / f"{stamp}-{os.getpid()}"
        generation.mkdir(parents=True)
        return generation.resolve()


def _failed_derivers(generation: Path, progress: Callable[[str], None]) -> list[tuple[Deriver, BaseException]]:
    """Run every deriver on the generation, saying when each is done; those that failed, with their
    errors.  Several run in processes of their own, started afresh ("spawn"), not forked from the
    build, whose memory holds every plan's summary, and ending with it if it is killed."""
    started = time.monotonic()
    failed = []

    def finished(deriver: Deriver, error: BaseException | None) -> None:
        if error is None:
            progress(f"made {deriver.makes} in {time.monotonic() - started:.1f} s")
        else:
            failed.append((deriver, error))

    if len(DERIVERS) == 1:
        try:
            DERIVERS[0].derive(generation)
            finished(DERIVERS[0], None)
        except Exception as error:
            finished(DERIVERS[0], error)
        return failed
    with ProcessPoolExecutor(len(DERIVERS), mp_context=get_context("spawn"), **watched_by_this_process()) as pool:
        running = {pool.submit(deriver.derive, generation): deriver for deriver in DERIVERS}
        for future in as_completed(running):
            finished(running[future], future.exception())
    return failed


def _write(path: Path, data: bytes) -> None:
    """A plain file (the umask's permissions, not mkstemp's 0600), on disk before the swap."""
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _link(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` (relative, so the folder can be moved) in one rename."""
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _sync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
