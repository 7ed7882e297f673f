"""The on-disk store the web app queries holds what the build wrote, however it is loaded."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic

from builder import store
from builder.resources import ONTOLOGY


def _graph(quads) -> Graph:
    graph = Graph()
    for quad in quads:
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    return graph


@pytest.mark.parametrize("whole_bytes", [0, store.WHOLE_BYTES], ids=["in batches", "whole"])
def test_a_store_holds_each_plan_and_their_merge_however_it_is_loaded(graph_file, tmp_path, monkeypatch, whole_bytes):
    monkeypatch.setattr(store, "WHOLE_BYTES", whole_bytes)  # 0: every file is loaded in batches
    monkeypatch.setattr(store, "BATCH", 997)  # many batches, and a last one cut short
    trig = graph_file.with_suffix(".trig")
    assert trig.stat().st_size <= store.WHOLE_BYTES or not whole_bytes
    store.build(store.sources(trig), tmp_path / "store")
    loaded = ox.Store.read_only(str(tmp_path / "store"))

    written = Dataset()
    written.parse(trig, format="trig")
    plans = {str(context.identifier) for context in written.contexts() if len(context)}
    assert {graph.value for graph in loaded.named_graphs()} == plans
    for iri in sorted(plans)[:2]:
        in_store = _graph(loaded.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        assert to_isomorphic(in_store) == to_isomorphic(written.graph(iri))

    merge = Graph().parse(graph_file, format="turtle") + Graph().parse(ONTOLOGY, format="turtle")
    default = list(loaded.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert len(default) == len(merge)


def test_an_app_over_a_graph_built_without_a_store_says_it_is_making_one_and_then_only_once(graph_file, tmp_path,
                                                                                            caplog):
    from conftest import make_app

    caplog.set_level("INFO", logger="plangraph")
    make_app(graph_file, tmp_path).extensions["plangraph"].close()
    said = [record.getMessage() for record in caplog.records if record.name == "plangraph"]
    assert [line.split(" for ")[0] for line in said if line.startswith("making")] == [
        "making the SPARQL store", "making the read side (the pages' tables, answers and search)"]
    assert any(line.startswith("made the SPARQL store in ") for line in said)
    assert any(line.startswith("made the read side in ") for line in said)
    caplog.clear()
    make_app(graph_file, tmp_path).extensions["plangraph"].close()  # both found where they were made
    assert not [record for record in caplog.records if record.name == "plangraph"]
