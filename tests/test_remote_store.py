"""The remote backend against a real Oxigraph server on a loopback port: load, replace, query."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from rdflib import URIRef

from builder.pipeline import build_corpus
from builder.remote import publish
from conftest import make_app

pytestmark = pytest.mark.skipif(not shutil.which("oxigraph"),
                                reason="the oxigraph server (pip install oxigraph) is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    port = free_port()
    process = subprocess.Popen(["oxigraph", "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(10)


def count(base: str, query: str) -> int:
    request = urllib.request.Request(f"{base}/query?query={urllib.parse.quote(query)}",
                                     headers={"Accept": "application/sparql-results+json"})
    import json
    with urllib.request.urlopen(request) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_plans_load_as_named_graphs_and_a_rebuild_replaces_only_its_own(oxigraph_server, corpus, tmp_path, seed_path):
    publish(corpus.dataset(), f"{oxigraph_server}/store")
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(oxigraph_server, graphs) == 6  # five plans and the ontology
    plan = URIRef(next(str(g.identifier) for g in corpus.dataset().graphs() if "merseyside" in str(g.identifier)))
    before = count(oxigraph_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{plan}> {{ ?s ?p ?o }} }}")
    changed = tmp_path / seed_path("003").name
    changed.write_text(seed_path("003").read_text(encoding="utf-8").replace("December 2018", "December 2019"),
                       encoding="utf-8")
    publish(build_corpus([changed]).dataset(), f"{oxigraph_server}/store")
    assert count(oxigraph_server, graphs) == 6
    after = count(oxigraph_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{plan}> {{ ?s ?p ?o }} }}")
    assert after == before
    assert count(oxigraph_server, f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{plan}> {{
        ?a <https://w3id.org/plangraph/ontology#targetDate> ?d FILTER(STRSTARTS(STR(?d), "2019-12")) }} }}""") > 0


def canned_answers(application) -> dict[str, list]:
    """Each ready-made query's SPARQL answered by the app's store (the pages read the read side)."""
    core = application.extensions["plangraph"]
    answers = {}
    for name, query in core.queries.items():
        rows = core.run(query.bound({"date": "2019-09-01", "month": "2019-06"})).rows
        answers[name] = sorted(sorted((k, _unordered(str(v))) for k, v in row.items()) for row in rows)
    return answers


def _unordered(text: str) -> str:
    """GROUP_CONCAT has no order: compare the concatenated parts as a set."""
    return "|".join(sorted(re.split(r"[,;] ", text)))


def test_ready_made_queries_agree_on_every_backend(oxigraph_server, corpus, app, graph_file, tmp_path):
    publish(corpus.dataset(), f"{oxigraph_server}/store")
    embedded = canned_answers(app)
    for store in ("rdflib", f"{oxigraph_server}/query"):
        other = make_app(graph_file, tmp_path / "store", STORE=store)
        assert canned_answers(other) == embedded, store
        other.extensions["plangraph"].close()
