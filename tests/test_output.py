"""The corpus Turtle and TriG, assembled from each plan's own and shared blocks, say what the plans say."""
from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from builder.output import corpus_trig, corpus_turtle, triple_count
from builder.pipeline import build_corpus

HMPPS = b"<https://w3id.org/plangraph/id/org/hmpps>"


def test_corpus_turtle_is_every_plan_merged_with_shared_subjects_written_once(seed_path):
    result = build_corpus([seed_path(prefix) for prefix in ("000", "002", "003")])
    written = corpus_turtle(result)
    merged = result.graph()
    assert isomorphic(Graph().parse(data=written, format="turtle"), merged)
    assert triple_count(result) == len(merged)
    # HMPPS is named by all three plans; its description is one block, not three
    assert written.count(b"\n" + HMPPS + b" ") == 1


def test_corpus_trig_holds_each_plan_whole_in_its_own_named_graph(seed_path):
    result = build_corpus([seed_path(prefix) for prefix in ("001", "004")])
    dataset = Dataset().parse(data=corpus_trig(result), format="trig")
    named = {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}
    assert sorted(named) == sorted(document.iri for document in result.built)
    for document in result.built:
        assert isomorphic(named[document.iri], document.graph)


def test_output_bytes_do_not_depend_on_the_order_plans_were_built_in(seed_path):
    paths = [seed_path(prefix) for prefix in ("000", "001", "004")]
    forwards, backwards = build_corpus(paths), build_corpus(list(reversed(paths)))
    assert corpus_turtle(forwards) == corpus_turtle(backwards)
    assert corpus_trig(forwards) == corpus_trig(backwards)
