"""Incremental and parallel builds give exactly what a full serial build gives."""
from __future__ import annotations

import shutil

from builder import pipeline
from builder.cache import BuildCache
from builder.pipeline import build_corpus, serialize


def test_rebuild_after_changing_one_document_equals_a_full_build(tmp_path, seed_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for prefix in ("000", "002", "004"):
        shutil.copy(seed_path(prefix), data)
    cache = BuildCache(tmp_path / "cache")
    build_corpus([data], cache=cache)

    changed = next(data.glob("002_*"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("June 2019", "July 2019"), encoding="utf-8")
    read = []
    real_build = pipeline.build_document
    monkeypatch.setattr(pipeline, "build_document", lambda path: read.append(path.name) or real_build(path))
    incremental = build_corpus([data], cache=cache)
    assert read == [changed.name]  # the unchanged documents were not re-extracted

    monkeypatch.setattr(pipeline, "build_document", real_build)
    full = build_corpus([data])
    assert serialize(incremental.graph(), "turtle") == serialize(full.graph(), "turtle")
    assert serialize(incremental.dataset(), "trig") == serialize(full.dataset(), "trig")
    assert "2019-07" in serialize(incremental.graph(), "turtle").decode()


def test_parallel_and_serial_builds_are_identical(tmp_path, seed_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Minutes of the meeting\n\nNothing was agreed.\n", encoding="utf-8")
    paths = [seed_path(prefix) for prefix in ("000", "001", "002", "003", "004")] + [bad]
    serial, parallel = build_corpus(paths), build_corpus(paths, workers=2)  # enough documents for a pool
    assert serialize(serial.graph(), "turtle") == serialize(parallel.graph(), "turtle")
    # a document that fails in a worker comes back to the parent as the same error, naming its file
    assert [str(error) for error in parallel.errors] == [str(error) for error in serial.errors]
    assert [error.source for error in parallel.errors] == ["notes.txt"]


def test_a_cached_plan_is_read_back_only_when_asked_for(tmp_path, seed_path):
    cache = BuildCache(tmp_path / "cache")
    fresh = build_corpus([seed_path("003")], cache=cache).documents[0]
    cached = build_corpus([seed_path("003")], cache=cache).documents[0]
    assert cached.summary == fresh.summary and cached.iri == fresh.iri
    assert "plan" not in vars(cached)  # the entry's header was enough: the plan is read when asked for
    assert cached.plan == fresh.plan  # and the whole plan is still there


def test_a_worker_remembers_the_lines_of_one_document_not_of_every_one_it_built(seed_path):
    """A worker builds hundreds of plans: what it remembers to read one faster must not pile up."""
    from builder.pipeline import build_document
    from builder.text import strip_markup

    build_document(seed_path("001"))
    alone = strip_markup.cache_info().currsize
    for number in ("000", "002", "003", "004"):
        build_document(seed_path(number))
    build_document(seed_path("001"))
    assert 0 < strip_markup.cache_info().currsize == alone
