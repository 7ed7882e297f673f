"""The corpus Turtle and TriG, assembled from each plan's own and shared blocks, say what the plans say."""
from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import gc
import pickle
from io import BytesIO

from builder.output import triple_count, write_corpus
from builder.pipeline import _build_into, build_corpus

HMPPS = b"<https://w3id.org/plangraph/id/org/hmpps>"


def corpus_turtle(result) -> bytes:
    write_corpus(result, turtle := BytesIO())
    return turtle.getvalue()


def corpus_trig(result) -> bytes:
    write_corpus(result, trig=(trig := BytesIO()))
    return trig.getvalue()


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


def test_one_pass_writes_the_same_turtle_and_trig_as_one_format_at_a_time(seed_path):
    result = build_corpus([seed_path(prefix) for prefix in ("000", "003", "004")])
    write_corpus(result, turtle := BytesIO(), trig := BytesIO())
    assert (turtle.getvalue(), trig.getvalue()) == (corpus_turtle(result), corpus_trig(result))


def test_a_worker_sends_the_parent_a_summary_and_keeps_the_plan_in_its_entry(tmp_path, seed_path):
    entry = tmp_path / "001.plan"
    document, shared = _build_into(seed_path("001"), entry)
    sent = len(pickle.dumps((document, shared)))
    assert document.built is None and entry.stat().st_size > 10 * sent  # the plan and its triples stay out of the pipe
    assert sent < 100_000 and document.summary.triples > 1000
    own, shared_block = document.blocks()  # read back from the entry when the output is written
    assert own.startswith(f"<{document.iri}/".encode()) and HMPPS in shared_block
    assert document.plan.recommendations and document.plan.key in document.iri


def test_without_a_cache_the_entries_last_as_long_as_the_result(seed_path):
    result = build_corpus([seed_path("002")])
    folder = result.documents[0].entry.parent
    assert folder.is_dir() and corpus_turtle(result)
    del result
    gc.collect()
    assert not folder.exists()
