"""A public endpoint that stays up: hostile document text never runs, odd requests never crash it."""
from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import make_app, needs_chromium

PAYLOAD = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 1">'
HOSTILE_PLAN = f"""ACTION PLAN:  Hostile CRC
1.
Rec
No
2.
Recommendation
4.
Response
5.
Owner
6.
Target Date
1 The CRC should:
Improve work {PAYLOAD} "quoted" 'single' javascript:alert(1)
 Agreed
1.1     Deliver {PAYLOAD} training (once it has been developed) by May.
Head of Operations
May 19
1.2     Review the javascript:window.__xss=1 framework which is being developed centrally.
Head of <b onmouseover="window.__xss=1">Ops</b>
June 19
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from waitress.server import create_server

    from builder.pipeline import build_corpus, serialize

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE_PLAN, encoding="utf-8")
    result = build_corpus([folder])
    assert not result.errors
    graph_path = folder / "plangraph.ttl"
    graph_path.write_bytes(serialize(result.graph(), "turtle"))
    graph_path.with_suffix(".trig").write_bytes(serialize(result.dataset(), "trig"))
    app = make_app(graph_path, folder / "store")
    server = create_server(app, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}", result.documents[0].plan
    server.close()
    app.extensions["plangraph"].close()


@pytest.mark.browser
@needs_chromium
def test_document_text_never_runs_as_script(hostile_server, page):
    base, plan = hostile_server
    pages = ["/", f"/id/plan/{plan.key}/action/1.1", f"/id/plan/{plan.key}/recommendation/1",
             f"/id/plan/{plan.key}/action/1.2", "/blocked", "/queries/dependencies-with-evidence",
             "/queries/actions-per-owner", "/graphs/dependencies", "/graphs/organisations"]
    for path in pages:
        page.goto(base + path)
        if path.startswith("/graphs/"):
            page.wait_for_selector("#graph[data-shown]")
        page.mouse.move(200, 300)
        assert page.evaluate("() => window.__xss") is None, path
    page.goto(f"{base}/id/plan/{plan.key}/action/1.1")
    assert "<script>window.__xss = 1</script>" in page.locator(".source-text").inner_text()


def test_hostile_text_is_escaped_in_html_and_kept_in_the_graph(hostile_server):
    import urllib.request

    base, plan = hostile_server
    with urllib.request.urlopen(f"{base}/id/plan/{plan.key}/action/1.1") as response:
        html = response.read().decode("utf-8")
    assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert 'onerror="window' not in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), output=st.sampled_from(["", "json", "xml", "csv", "tsv", "turtle", "nt",
                                                            "jsonld", "rdfxml", "html", "../../etc"]),
       accept=st.sampled_from(["", "*/*", "text/html", "application/sparql-results+json;q=0.1, */*;q=0.01",
                               "text/turtle", "application/rdf+xml", "image/png", "application/json;q=x"]),
       method=st.sampled_from(["GET", "POST"]))
def test_the_endpoint_never_answers_500(client, query, output, accept, method):
    params = {"query": query} | ({"format": output} if output else {})
    if method == "GET":
        response = client.get("/sparql", query_string=params, headers={"Accept": accept})
    else:
        response = client.post("/sparql", data=params, headers={"Accept": accept})
    assert response.status_code < 500 or response.status_code == 503


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=80),
       suffix=st.sampled_from(["", ".ttl", ".jsonld", ".json", ".nt"]))
@example(path="%", suffix="")  # a lone percent sign once reached the store as an IRI
def test_entity_pages_never_answer_500(client, path, suffix):
    response = client.get(f"/id/{path}{suffix}")
    assert response.status_code in (200, 404, 308)
