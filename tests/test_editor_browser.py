"""The query editor in a real browser, as a policy officer meets it: errors, share links, answers."""
from __future__ import annotations

import threading
import urllib.parse

import pytest

from conftest import make_app, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
# Three copies of every triple crossed with every triple: far more work than a 2 s limit allows.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def page_errors(tab) -> list[str]:
    """Script errors and console errors, except the browser's own note of a 4xx/5xx answer."""
    return [e for e in tab.errors if not e.startswith("Failed to load resource")]


def open_query(tab, server: str, query: str):
    # /query?query=... opens the query and runs it (YASGUI reads the address).
    tab.goto(f"{server}/query?query={urllib.parse.quote(query)}")
    tab.wait_for_selector(".yasr_results > *", timeout=20_000)


def serve(app):
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def strict_server(graph_file, tmp_path_factory):
    """Apps with a tiny time limit and a tiny row limit, so that timeouts and cut answers happen on
    the seeds (apart: a timeout kills the query worker, and the next one starts cold)."""
    apps = {"timeout": make_app(graph_file, tmp_path_factory.mktemp("strict"), QUERY_TIMEOUT=2.0),
            "rows": make_app(graph_file, tmp_path_factory.mktemp("strict"), MAX_RESULT_ROWS=60)}
    servers = {name: serve(app) for name, app in apps.items()}
    yield {name: f"http://127.0.0.1:{server.effective_port}" for name, server in servers.items()}
    for name, server in servers.items():
        server.close()
        apps[name].extensions["plangraph"].close()


def test_a_syntax_error_says_where_and_marks_the_line(page, live_server):
    open_query(page, live_server, "SELECT * WHERE {\n  ?s ?p\n}")
    message = page.locator(".yasr .query-error").inner_text()
    assert "The query has a mistake" in message and "Line 3, column 2" in message
    marked = page.evaluate("(() => { const cm = document.querySelector('.CodeMirror').CodeMirror;"
                           " return [0, 1, 2].filter(n => (cm.lineInfo(n).bgClass || '').includes('query-error-line')); })()")
    assert marked == [2] and page.locator(".CodeMirror .query-error-line").count() == 1
    assert page_errors(page) == []


def test_a_refused_service_query_says_why(page, live_server):
    open_query(page, live_server, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    message = page.locator(".yasr .query-error").inner_text()
    assert "The query was refused" in message and "SERVICE" in message and "never sends requests" in message
    assert page_errors(page) == []


def test_a_timeout_says_the_limit(page, strict_server):
    open_query(page, strict_server["timeout"], SLOW_QUERY)
    message = page.locator(".yasr .query-error").inner_text()
    assert "took too long" in message and "longer than 2 seconds" in message
    assert page_errors(page) == []


def test_a_cut_answer_says_so_above_the_table_with_the_limit(page, strict_server):
    open_query(page, strict_server["rows"], "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert "cut at 60 rows" in page.locator(".yasr .results-cut").inner_text()
    assert page.locator(".yasr tbody tr").count() == 50
    assert page_errors(page) == []


def test_a_share_link_reopens_the_same_query_and_runs_it(page, live_server):
    query = "PREFIX ap: <https://w3id.org/plangraph/ontology#>\nSELECT ?tool WHERE {\n  ?tool a ap:Tool .\n}"
    page.goto(f"{live_server}/query")
    page.wait_for_selector(".CodeMirror")
    page.evaluate("q => document.querySelector('.CodeMirror').CodeMirror.setValue(q)", query)
    page.locator(".yasqe_share").click()
    link = page.locator(".yasqe_sharePopup input").input_value()
    assert "/query#" in link and "query=" in link
    fresh = page.context.new_page()
    fresh.goto(link)
    fresh.wait_for_selector(".yasr tbody tr", timeout=20_000)
    assert fresh.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()") == query
    assert fresh.locator(".yasr tbody tr").count() >= 5


def test_many_rows_show_one_page_and_say_how_many(page, live_server):
    triples = int(page.context.request.post(f"{live_server}/sparql", form={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"][0]["n"]["value"])
    open_query(page, live_server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert page.locator(".yasr tbody tr").count() == 50  # one page rendered, never the whole answer
    assert f"of {triples:,} entries" in page.locator(".yasr .dt-info").inner_text()
    assert page.locator(".yasr .results-cut").count() == 0
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert page_errors(page) == []


def test_results_read_as_labels_values_and_dates(page, live_server):
    open_query(page, live_server, """PREFIX ap: <https://w3id.org/plangraph/ontology#>
SELECT ?action ?due ?line ?type WHERE {
  ?action a ap:Action ; a ?type ; ap:targetDate ?due ; ap:sourceLineStart ?line .
} ORDER BY ?line LIMIT 5""")
    page.wait_for_function("document.querySelector('.yasr tbody a.local').textContent.startsWith('Action')")
    cells = page.locator(".yasr tbody tr").first.locator("td")
    action = cells.nth(1).locator("a")
    assert action.get_attribute("href").startswith("/id/plan/") and "(" in action.inner_text()
    due = cells.nth(2).inner_text()
    assert "^^" not in due and any(month in due for month in ("January", "February", "March", "April", "May",
                                                            "June", "July", "August", "September", "October",
                                                            "November", "December"))
    assert page.evaluate("getComputedStyle(document.querySelector('.yasr tbody .number')).textAlign") == "right"
    assert ":" in cells.nth(4).inner_text() and not cells.nth(4).inner_text().startswith("<")
    assert page_errors(page) == []


@pytest.mark.parametrize("width", [1366, 390])
def test_the_editor_never_scrolls_sideways(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_query(page, live_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 200")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert "Ctrl" in page.locator("#completion-help").inner_text()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_run_and_share_buttons_never_cover_the_query(page, live_server, width):
    """On a phone the query's first line wraps under the buttons' corner unless it starts below them."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server}/query?query={urllib.parse.quote('SELECT ?plan ?title WHERE { ?plan ?p ?title } LIMIT 5')}")
    page.wait_for_selector(".yasqe .CodeMirror-line")
    covered = page.evaluate("""() => {
      const b = document.querySelector('.yasqe_buttons').getBoundingClientRect();
      const words = [...document.querySelectorAll('.yasqe .CodeMirror-line')].slice(0, 3).flatMap(line => {
        const range = document.createRange(); range.selectNodeContents(line); return [...range.getClientRects()]; });
      return words.filter(r => r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom).length; }""")
    assert covered == 0
