"""`plangraph build` output as one unit: generations, derived artefacts, stale plans, the cache."""
from __future__ import annotations

import os
import re
import shutil
import stat

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from builder import publish
from builder.cli import main
from builder.publish import generation_of

AP = Namespace("https://w3id.org/plangraph/ontology#")


@pytest.fixture
def plans(tmp_path, seed_path):
    """Two seed documents in a folder of their own, and where their build goes."""
    data = tmp_path / "data"
    data.mkdir()
    for number in ("000", "002"):
        shutil.copy(seed_path(number), data)
    return data, tmp_path / "build" / "plangraph.ttl"


def plan_of(data, number: str):
    return next(data.glob(f"{number}_*"))


def test_a_build_publishes_one_generation_through_stable_addresses(plans):
    data, output = plans
    old_umask = os.umask(0o022)
    try:
        assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    finally:
        os.umask(old_umask)
    generation = generation_of(output)
    assert generation is not None and generation.parent.name == "generations"
    assert output.is_symlink() and (output.parent / "current").resolve() == generation
    assert output.with_suffix(".trig").resolve().parent == generation
    assert (generation / "plangraph.sqlite").is_file(), "the read side is derived with the graph"
    for written in (output, output.with_suffix(".trig"), generation / "manifest.json"):
        assert stat.S_IMODE(written.stat().st_mode) == 0o644, f"{written.name} has the usual permissions"


def test_old_generations_and_what_killed_builds_left_are_cleared(plans):
    data, output = plans
    for _ in range(3):
        assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    generations = output.parent / "generations"
    first = sorted(generations.iterdir())
    assert len(first) == 2, "the current build and the one before it"
    unfinished = generations / "00000000T000000000000Z-1"  # as a build killed before its manifest leaves it
    unfinished.mkdir()
    (unfinished / "plangraph.ttl").write_bytes(b"half")
    strays = [output.parent / ".plangraph.ttl.4242", output.parent / ".current.4242",
              output.parent / "cache" / "0123.partial"]
    for stray in strays:
        stray.write_bytes(b"")
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    assert not unfinished.exists() and not any(stray.exists() for stray in strays)
    assert len(list(generations.iterdir())) == 2 and first[0] not in list(generations.iterdir())


def test_derived_artefacts_are_made_in_the_generation_before_it_is_swapped_in(plans, monkeypatch):
    data, output = plans
    seen = []

    def derive(generation):
        seen.append((generation / "plangraph.trig").exists())
        (generation / "derived.txt").write_text("made from the TriG")

    monkeypatch.setattr(publish, "DERIVERS", [publish.Deriver("a derived file", derive)])
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    assert seen == [True] and (generation_of(output) / "derived.txt").is_file()


def _meet(generation, mine: str, other: str) -> None:
    """A deriver that finishes only once the other has started: the two must run at once."""
    import time

    (generation / mine).write_text("started")
    deadline = time.monotonic() + 60
    while not (generation / other).exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{other} never started while {mine} ran")
        time.sleep(0.05)


def derive_a(generation):
    _meet(generation, "a.txt", "b.txt")


def derive_b(generation):
    _meet(generation, "b.txt", "a.txt")


def derive_plain(generation):
    (generation / "plain.txt").write_text("made")


def derive_broken(generation):
    raise RuntimeError("disk full")


def test_derivers_run_at_once_and_one_that_fails_stops_the_swap(plans, monkeypatch, capsys):
    data, output = plans
    monkeypatch.setattr(publish, "DERIVERS", [publish.Deriver("a", derive_a), publish.Deriver("b", derive_b)])
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    before = generation_of(output)
    assert (before / "a.txt").is_file() and (before / "b.txt").is_file()

    monkeypatch.setattr(publish, "DERIVERS", [publish.Deriver("a plain file", derive_plain),
                                              publish.Deriver("a broken file", derive_broken)])
    assert main(["build", "-q", str(data), "-o", str(output)]) == 1
    err = capsys.readouterr().err
    assert "a broken file could not be made: disk full; the previous build is left as it was" in err
    assert generation_of(output) == before


def test_a_deriver_that_fails_leaves_the_previous_build_published(plans, monkeypatch, capsys):
    data, output = plans
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    before = generation_of(output)

    def broken(generation):
        raise RuntimeError("disk full")

    monkeypatch.setattr(publish, "DERIVERS", [publish.Deriver("a broken file", broken)])
    assert main(["build", "-q", str(data), "-o", str(output)]) == 1
    assert "disk full; the previous build is left as it was" in capsys.readouterr().err
    assert generation_of(output) == before and len(list(before.parent.iterdir())) == 1


def test_a_plan_that_fails_on_rebuild_keeps_its_last_good_version_marked_stale(plans, capsys):
    data, output = plans
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    first = Graph().parse(output)
    document = plan_of(data, "002")
    lines = document.read_text(encoding="utf-8").splitlines(keepends=True)
    document.write_text("".join(lines[:3]), encoding="utf-8")  # cut before its first recommendation
    capsys.readouterr()
    assert main(["build", "-q", str(data), "-o", str(output)]) == 1
    err = capsys.readouterr()
    assert re.search(r"002_\S+\s+STALE", err.out), "the summary says which plan is stale"
    assert f"error: {document.name}" in err.err and "kept as last built" in err.err
    second = Graph().parse(output)
    stale = [plan for plan in second.subjects(AP.buildStale, Literal(True))]
    assert len(stale) == 1 and document.name in str(second.value(stale[0], AP.buildStaleReason))
    marks = {*second.triples((stale[0], AP.buildStale, None)), *second.triples((stale[0], AP.buildStaleReason, None))}
    assert set(second) - marks == set(first), "every triple of the last good build is still there"
    assert main(["build", "-q", str(data), "-o", str(output)]) == 1, "still stale: still failing"
    assert len(Graph().parse(output)) == len(second)
    document.write_text("".join(lines), encoding="utf-8")
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    assert not list(Graph().parse(output).subjects(AP.buildStale, None)), "mended: no longer stale"


def test_the_stale_mark_is_in_the_ontology_in_plain_words():
    from builder.resources import ONTOLOGY

    ontology = Graph().parse(ONTOLOGY)
    for term in (AP.buildStale, AP.buildStaleReason):
        assert ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))
    assert (AP.buildStale, URIRef("http://www.w3.org/2000/01/rdf-schema#range"), XSD.boolean) in ontology
    assert (AP.buildStale, RDF.type, URIRef("http://www.w3.org/2002/07/owl#DatatypeProperty")) in ontology


def test_a_damaged_cache_entry_is_dropped_and_rebuilt_with_a_warning(plans, capsys):
    data, output = plans
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    before = output.read_bytes()
    entries = sorted((output.parent / "cache").glob("*.plan"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # truncated, as by a full disk
    capsys.readouterr()
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    assert "was damaged: dropped, and the document read again" in err and "Traceback" not in err
    assert output.read_bytes() == before
    assert len(entries[0].read_bytes()) > 100, "the entry is written again"


def test_no_cache_reads_every_document_and_writes_the_cache_anew(plans):
    data, output = plans
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    entries = sorted((output.parent / "cache").glob("*.plan"))
    good = [entry.read_bytes() for entry in entries]
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert main(["build", "-q", "--no-cache", str(data), "-o", str(output)]) == 0
    assert [entry.read_bytes() for entry in entries] == good


def test_progress_summary_and_the_written_graph_give_one_count_of_triples(plans, capsys):
    data, output = plans
    assert main(["build", "-j", "1", str(data), "-o", str(output)]) == 0
    captured = capsys.readouterr()
    progress = [int(n) for n in re.findall(r"documents, (\d+) triples", captured.err)]
    wrote = int(re.search(r"wrote (\d+) triples", captured.out).group(1))
    turtle = len(list(ox.parse(path=str(output), format=ox.RdfFormat.TURTLE)))
    trig = {quad.triple for quad in ox.parse(path=str(output.with_suffix(".trig")), format=ox.RdfFormat.TRIG)}
    assert progress[-1] == wrote == turtle == len(trig)
    assert progress == sorted(progress) and len(progress) == 2


def test_a_build_says_what_it_is_making_after_the_documents(plans, capsys):
    """After the last document, a large build spends as long again making the store and the read
    side: it says so, and says when each is made, instead of falling silent."""
    data, output = plans
    assert main(["build", str(data), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if line.startswith("plangraph: ")]
    assert said[0].startswith("plangraph: wrote the graph files in ")
    assert "now making the SPARQL store and the read side" in said[0]
    assert {re.sub(r" in [\d.]+ s$", "", line) for line in said[1:]} == {
        "plangraph: made the SPARQL store", "plangraph: made the read side (the pages' tables, answers and search)"}
    assert main(["build", "-q", str(data), "-o", str(output)]) == 0
    assert "plangraph: " not in capsys.readouterr().err  # and nothing with -q
