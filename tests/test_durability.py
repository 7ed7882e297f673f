"""A build killed at any moment leaves the previous graph in place, whole and loadable."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from bench.corpus import generate

AP = Namespace("https://w3id.org/plangraph/ontology#")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory, seed_path):
    """Enough plans that writing the graph takes a while (column-dump seeds re-told)."""
    out = tmp_path_factory.mktemp("big")
    generate([seed_path("000"), seed_path("003")], 40, out, seed=11)
    return out


@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0, 4.5])
def test_sigkill_during_a_build_keeps_the_previous_graph(tmp_path, big_corpus, seed_path, delay):
    output = tmp_path / "plangraph.ttl"
    subprocess.run([sys.executable, "-m", "builder.cli", "build", "-q", "-o", str(output),
                    str(seed_path("000"))], check=True, capture_output=True)
    previous = output.read_bytes()
    build = subprocess.Popen([sys.executable, "-m", "builder.cli", "build", "-q", "-o", str(output),
                              str(big_corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)
    after = output.read_bytes()
    plans = set(Graph().parse(data=after, format="turtle").subjects(RDF.type, AP.ActionPlan))
    if after == previous:
        assert len(plans) == 1
    else:  # the new graph landed before the kill: then it is whole
        assert len(plans) == 40
    assert not list(tmp_path.glob(".plangraph.ttl.*")) or after == previous
