"""The read side agrees with SPARQL over the graph: on the seeds, on a generated corpus, after a rebuild."""
from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from builder.analysis import blocked_actions, load_dependencies
from builder.readside import Condition, ReadSide, derive_file, readside_for
from builder.readside.canned import load_queries
from builder.readside.read import fts_query
from builder.readside.source import ONTOLOGY, plain
from builder.readside.tables import with_lead_in

ROOT = Path(__file__).resolve().parents[1]
# a value for each parameter, so that the filtered answer is not empty on the seeds
VALUES = {"month": "2019-06", "date": "2019-09-01"}


def memory_store(graph_file: Path) -> ox.Store:
    """The graph in Oxigraph in memory, as the web app's store holds it: the TriG and the ontology."""
    store = ox.Store()
    store.load(path=str(graph_file.with_suffix(".trig")), format=ox.RdfFormat.TRIG)
    store.load(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:ontology"))
    return store


def select(store: ox.Store):
    def run(query: str):
        solutions = store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]
    return run


def sparql_answers(store: ox.Store) -> dict[str, list[tuple]]:
    """Every ready-made query run over the graph: what the read side must hold."""
    found = {}
    for name, query in load_queries().items():
        solutions = store.query(query.bound(VALUES), use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        found[name] = [tuple(None if s[n] is None else plain(s[n]) for n in names) for s in solutions]
    return found


def stored_answers(readside: ReadSide) -> dict[str, list[tuple]]:
    found = {}
    for name, query in load_queries().items():
        columns = [c for c, _ in readside.answer(name)["columns"]]
        conditions = tuple(Condition(f.column, f.comparison, VALUES[f.parameter]) for f in query.filters)
        found[name] = [tuple(row[c] for c in columns) for row in readside.rows(f"answer:{name}", conditions)]
    return found


def unordered(answers: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Answers compared as multisets of rows: where a query's ORDER BY ties, and within a GROUP_CONCAT,
    SPARQL leaves the order to the store."""
    def cell(value):
        return sorted(re.split(r"[;,] ", value)) if isinstance(value, str) else value
    return {name: sorted((tuple(map(cell, row)) for row in rows), key=repr) for name, rows in answers.items()}


def assert_agrees(graph_file: Path, readside: ReadSide) -> None:
    store = memory_store(graph_file)
    expected, stored = sparql_answers(store), stored_answers(readside)
    assert unordered(stored) == unordered(expected)
    def order(rows):
        return [row[0] for row in rows]
    assert order(stored["overdue-actions"]) == order(expected["overdue-actions"])  # by due date, plan, action: no ties
    ap = "PREFIX ap: <https://w3id.org/plangraph/ontology#>\n"
    dues = select(store)(ap + "SELECT ?a ?due WHERE { ?r ap:hasAction ?a OPTIONAL { ?a ap:targetDate ?due } }")
    owners = select(store)(ap + "SELECT ?a ?o WHERE { ?r ap:hasAction ?a . ?a ap:owner ?o }")
    actions = list(readside.rows("actions"))
    assert {(row["iri"], row["due"]) for row in actions} == {(row["a"], row["due"]) for row in dues}
    assert {(row["iri"], o) for row in actions for o in (row["owner_iris"] or "").split()} == \
        {(row["a"], row["o"]) for row in owners}
    blocked = set(blocked_actions(load_dependencies(select(store))))
    assert {row["iri"] for row in readside.rows("actions", (Condition("blocked", "=", 1),))} == blocked


@pytest.fixture(scope="module")
def readside(graph_file, tmp_path_factory):
    return ReadSide(derive_file(graph_file, tmp_path_factory.mktemp("readside") / "plangraph.sqlite"))


def test_the_read_side_gives_the_ready_made_answers_sparql_gives_on_the_seeds(graph_file, readside):
    assert all(rows for name, rows in stored_answers(readside).items())  # every answer has rows on the seeds
    assert_agrees(graph_file, readside)
    assert readside.count("plans") == 5 and readside.count("actions", (Condition("blocked", "=", 1),)) >= 7


def test_the_read_side_of_a_generated_corpus_agrees_with_sparql(corpus, tmp_path):
    from bench.corpus import generate
    from builder.pipeline import build_corpus, serialize

    paths = generate(sorted(d.path for d in corpus.documents), 5, tmp_path / "data", seed=11)
    result = build_corpus(paths)
    graph_file = tmp_path / "plangraph.ttl"
    graph_file.write_bytes(serialize(result.graph(), "turtle"))
    graph_file.with_suffix(".trig").write_bytes(serialize(result.dataset(), "trig"))
    readside = ReadSide(derive_file(graph_file, tmp_path / "plangraph.sqlite"))
    assert readside.count("plans") == 5
    assert_agrees(graph_file, readside)


def test_a_rebuild_after_one_changed_plan_updates_the_graph_and_the_read_side(tmp_path, seed_path):
    data = tmp_path / "data"
    data.mkdir()
    for prefix in ("000", "002"):
        shutil.copy(seed_path(prefix), data)
    output = tmp_path / "build" / "plangraph.ttl"

    def build() -> ReadSide:
        subprocess.run([sys.executable, "-m", "builder.cli", "build", str(data), "-o", str(output), "-q"],
                       cwd=ROOT, check=True, capture_output=True)
        return ReadSide(output.resolve().with_name("plangraph.sqlite"))  # in the published generation

    july = Condition("due", "starts-with", "2019-07")
    before = build().count("actions", (july,))
    changed = next(data.glob("002_*"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("June 2019", "July 2019"), encoding="utf-8")
    after = build()
    assert "2019-07" in output.read_text(encoding="utf-8")
    assert after.count("actions", (july,)) > before
    assert all(row["due_label"] == "July 2019" for row in after.rows("actions", (july,)))
    assert_agrees(output, after)


def test_a_graph_too_large_for_memory_gives_the_same_read_side_from_disk(graph_file, readside, tmp_path,
                                                                        monkeypatch):
    from builder.readside import source

    monkeypatch.setattr(source, "IN_MEMORY_BYTES", 0)  # every graph too large: a temporary store on disk
    on_disk = ReadSide(derive_file(graph_file, tmp_path / "plangraph.sqlite"))
    assert not list(tmp_path.glob(".readside-store-*"))  # the temporary store is gone
    for relation in ("plans", "recommendations", "actions", "entities", "blockers"):
        assert sorted(map(repr, on_disk.rows(relation))) == sorted(map(repr, readside.rows(relation)))
    assert unordered(stored_answers(on_disk)) == unordered(stored_answers(readside))


def test_the_web_app_derives_a_read_side_for_a_bare_graph_once(graph_file, tmp_path):
    first = readside_for(graph_file, tmp_path)
    assert first.parent == tmp_path and first.exists()
    modified = first.stat().st_mtime_ns
    assert readside_for(graph_file, tmp_path) == first and first.stat().st_mtime_ns == modified


def test_numbers_sort_as_numbers_and_dates_as_dates(readside):
    plan = "https://w3id.org/plangraph/id/plan/greater-manchester-region-2023"
    numbers = [row["recommendation_number"] for row in readside.rows(
        "actions", (Condition("plan_iri", "=", plan),), (("recommendation_number", False),))]
    assert numbers == sorted(numbers) and isinstance(numbers[0], int) and max(numbers) >= 10
    stored = [row["number"] for row in readside.rows("answer:not-fully-agreed", (), (("number", False),))]
    assert stored == sorted(stored, key=int)  # printed as text, sorted by the number it says
    dues = [row["due"] for row in readside.rows("actions", (), (("due", True),)) if row["due"]]
    assert dues == sorted(dues, reverse=True) and len(set(dues)) > 10


def test_search_finds_abbreviations_and_never_reads_syntax(readside):
    total, hits = readside.search("HoP&Q")
    assert total and hits[0]["label"] == "Head of Performance and Quality" and hits[0]["kind"] == "owner"
    total, hits = readside.search("tames")  # part of a word
    assert {hit["label"] for hit in hits[:3]} >= {"Head of Tameside PDU", "Tameside PDU"}
    for hostile in ('" OR 1=1 --', "NEAR(a b)", "label:x*", "') ; DROP TABLE entities; --", "^*\"\""):
        readside.search(hostile)  # never an FTS5 or SQL syntax error
    assert fts_query('a" OR b') == '"a"* "or"* "b"*'
    assert readside.count("entities") > 400


def test_the_read_side_is_opened_read_only(readside):
    with pytest.raises(sqlite3.OperationalError):
        readside.connection.execute("DELETE FROM actions")
    with pytest.raises(KeyError):
        list(readside.rows("actions", (), (("no such column; DROP TABLE actions", False),)))


def test_the_blocked_page_reads_its_rows_and_count_by_index(readside):
    """At 1000x a scan of the actions table is most of a second: the page's count and first page
    must come from an index (what SQLite's query planner says it does, not a timing)."""
    from webapp.views.blocked import blocked_table

    table = blocked_table()
    asked: list[str] = []
    readside.connection.set_trace_callback(asked.append)
    try:
        readside.count(table.relation, table.conditions)
        list(readside.rows(table.relation, table.conditions, table.order({}), 50, 0))
    finally:
        readside.connection.set_trace_callback(None)
    selects = [sql for sql in asked if sql.startswith("SELECT")]
    assert len(selects) == 2
    for sql in selects:
        plan = " | ".join(row[3] for row in readside.connection.execute(
            "EXPLAIN QUERY PLAN " + re.sub(r":\w+", "NULL", sql)))
        assert "actions_blocked" in plan and "TEMP B-TREE" not in plan, (sql, plan)


@pytest.mark.parametrize("labels", [("Plan B", "Plan A"), ("Plan A", "Plan B")])
def test_a_thing_with_two_values_of_a_property_shows_the_least_whatever_their_order(labels, tmp_path):
    """The tables read the graph property by property, in the store's order, not the file's: where a
    graph gives a plan two labels, the page shows the same one however the file lists them."""
    plan = "https://w3id.org/plangraph/id/plan/x"
    graph = tmp_path / "plangraph.ttl"
    graph.write_text(f"""@prefix ap: <https://w3id.org/plangraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{plan}> a ap:ActionPlan ; rdfs:label "{labels[0]}" .
<{plan}> rdfs:label "{labels[1]}" .
""", encoding="utf-8")
    readside = ReadSide(derive_file(graph, tmp_path / "plangraph.sqlite"))
    assert [row["label"] for row in readside.rows("plans")] == ["Plan A"]


def test_search_keeps_an_index_of_two_letter_starts(readside):
    """Every word typed is matched as the start of a word; "of" starts hundreds of words, and without
    an index of two-letter starts each search merges their lists (half its time at 1000x)."""
    declared = readside.connection.execute("SELECT sql FROM sqlite_master WHERE name = 'entities_fts'").fetchone()[0]
    assert "prefix='2'" in declared
    total, hits = readside.search("head of perf")
    assert total and hits[0]["label"] == "Head of Performance and Quality"


def test_a_step_of_a_list_says_what_the_list_is_of(readside):
    # 003 (Merseyside CRC), recommendation 1: "• Completion of the relevant PDGs:" then "- Risk and
    # Safeguarding PDG" and "- Domestic Abuse PDG", each with the owner and date of its row
    plan = "https://w3id.org/plangraph/id/plan/merseyside-crc"
    said = {row["short_label"]: row["description"] for row in readside.rows("actions", (Condition("plan_iri", "=", plan),))}
    assert said["Action 4 of recommendation 1"] == "Completion of the relevant PDGs: Risk and Safeguarding PDG"
    assert said["Action 5 of recommendation 1"] == "Completion of the relevant PDGs: Domestic Abuse PDG"
    assert said["Action 3 of recommendation 1"] == "Completion of the relevant PDGs:"
    assert with_lead_in("Domestic Abuse PDG", "Completion of the relevant PDGs:") == \
        "Completion of the relevant PDGs: Domestic Abuse PDG"
    assert with_lead_in("1.1.1 Review the audit", "1.1 Audit the cases.") == "1.1.1 Review the audit"  # an action of its own
    # a long introduction is cut, so that the step's own words show before a table cuts the text
    assert said["Action 14 of recommendation 1"].startswith(
        "Practice Days (supported/delivered by Interchange Managers and Senior Case Managers) …: Scheduled monthly")
    assert with_lead_in("Domestic Abuse PDG", None) == "Domestic Abuse PDG"
    total, hits = readside.search("domestic abuse pdg")
    assert [hit["label"] for hit in hits] == ["Action 5 of recommendation 1 (Merseyside CRC)"]


def test_search_says_which_words_matched(readside, client):
    total, hits = readside.search("quality spo")
    owner = next(hit for hit in hits if hit["label"] == "Quality SPO")
    assert owner["label_parts"] == [("Quality", True), (" ", False), ("SPO", True)]
    action = next(hit for hit in hits if hit["kind"] == "action")  # matched in its owners' names
    assert ("Quality", True) in action["alt_labels_parts"] and "\x02" not in action["alt_labels"]
    data = client.get("/search.json?q=quality+spo").get_json()
    assert all("\x02" not in (hit["excerpt"] or "") + hit["label"] for hit in data["hits"])
    html = client.get("/search?q=quality+spo").get_data(as_text=True)
    assert "<mark>Quality</mark> <mark>SPO</mark></a>" in html and "Owner: <mark>Quality</mark> <mark>SPO</mark>" in html
