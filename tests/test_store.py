"""The on-disk store the web app queries holds what the build wrote, however it is loaded."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.compare import to_isomorphic

from builder import store
from builder.resources import ONTOLOGY


def _graph(quads) -> Graph:
    graph = Graph()
    for quad in quads:
        graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    return graph


def test_a_store_loaded_in_small_batches_holds_each_plan_and_their_merge(graph_file, tmp_path, monkeypatch):
    monkeypatch.setattr(store, "BATCH", 997)  # many batches, and a last one cut short
    trig = graph_file.with_suffix(".trig")
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
