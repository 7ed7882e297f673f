"""A build killed at any moment leaves a whole build in place: the Turtle and the TriG of one
build, loadable, and nothing of the killed build that the next one does not clear away."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from bench.corpus import generate

ACTION_PLAN = ox.NamedNode("https://w3id.org/plangraph/ontology#ActionPlan")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BIG = 12


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory, seed_path):
    """Enough plans that reading and writing the graph take a while (column-dump seeds re-told)."""
    out = tmp_path_factory.mktemp("big")
    generate([seed_path("000"), seed_path("003")], BIG, out, seed=11)
    return out


def build(output, source, *options) -> subprocess.Popen:
    """A build in a process group of its own, which its workers and derivers join."""
    return subprocess.Popen([sys.executable, "-m", "builder.cli", "build", "-q", "-o", str(output), *options,
                             str(source)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def processes_left(group: int, seconds: float = 10) -> bool:
    """Whether any process of a killed build's group is still there after a few seconds (a worker
    watches its parent twice a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.2)
    os.killpg(group, signal.SIGKILL)  # not left running after the test
    return True


def published(output) -> int:
    """The number of plans of the published build, once its Turtle and TriG are shown to agree."""
    trig = output.with_suffix(".trig")
    assert output.resolve().parent == trig.resolve().parent, "the Turtle and the TriG of one generation"
    turtle = list(ox.parse(path=str(output), format=ox.RdfFormat.TURTLE))
    quads = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    plans = {t.subject for t in turtle if t.predicate == RDF_TYPE and t.object == ACTION_PLAN}
    assert plans == {q.graph_name for q in quads}
    assert len(turtle) == len({q.triple for q in quads}), "the same triples, shared ones once"
    manifest = json.loads((output.resolve().parent / "manifest.json").read_text())
    assert manifest["triples"] == len(turtle) and manifest["plans"] == len(plans)
    return len(plans)


def leftovers(folder) -> list:
    """What only a killed build leaves: temporary links and files, unfinished cache entries."""
    return [*folder.glob(".*"), *folder.glob("cache/*.partial")]


def test_sigkill_at_random_moments_never_mixes_two_builds(tmp_path, big_corpus, seed_path):
    output = tmp_path / "build" / "plangraph.ttl"
    assert build(output, big_corpus).wait(timeout=60) == 0  # fills the cache: later builds mostly write
    sources = {1: seed_path("000"), BIG: big_corpus}
    chance = random.Random(20261203)
    kills = [(chance.uniform(0.3, 1.0), ()) for _ in range(8)] + \
            [(chance.uniform(0.6, 2.5), ("--no-cache",)) for _ in range(3)]  # also while reading and caching
    for delay, options in kills:
        before = published(output)
        running = build(output, sources[BIG if before == 1 else 1], *options)
        time.sleep(delay)
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=30)
        assert not processes_left(running.pid), "its readers and derivers end with it"
        assert published(output) in (1, BIG)
    assert build(output, big_corpus).wait(timeout=60) == 0
    assert published(output) == BIG
    assert not leftovers(output.parent), "the next build clears what killed builds left"
    assert len(list((output.parent / "generations").iterdir())) <= 2, "the current build and the one before"
