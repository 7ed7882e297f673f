"""Bounds on everything a query can make, and a site that stays up while visitors' queries run wild.

(The durations asserted here are functional bounds, far from what a machine takes: "at once"
against the whole time limit, not measurements of speed; the benchmark measures speed.)
"""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from conftest import make_app

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
PLANS = "PREFIX ap: <https://w3id.org/plangraph/ontology#> SELECT ?plan WHERE { ?plan a ap:ActionPlan }"


def doubling(times: int) -> str:
    """A short query whose answer doubles in size with each BIND."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f'SELECT ?a{times} WHERE {{ BIND("aa" AS ?a0) {binds} }}'


def plan_count(client) -> int:
    response = client.get("/sparql", query_string={"query": PLANS})
    assert response.status_code == 200, response.get_data(as_text=True)
    return len(response.get_json(force=True)["results"]["bindings"])


@pytest.fixture(scope="module")
def bounded(graph_file, tmp_path_factory):
    application = make_app(graph_file, tmp_path_factory.mktemp("bounded"), QUERY_TIMEOUT=6.0,
                           MAX_RESULT_BYTES=1_000_000, WORKER_MEMORY=400, QUERY_WORKERS=2, APP_WORKERS=1)
    yield application
    application.extensions["plangraph"].close()


def idle(application, lane: str) -> list:
    return list(application.extensions["plangraph"].store.store._idle[lane])


def wait_for(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def test_an_answer_is_cut_at_the_byte_cap_and_says_so(bounded):
    client = bounded.test_client()
    response = client.get("/sparql", query_string={"query": doubling(20)})  # one value of 2 MB
    assert response.status_code == 200 and len(response.get_data()) < 1_000_000
    assert response.headers["X-Plangraph-Truncated"] == "true; the answer was cut at 1 MB"
    small = client.get("/sparql", query_string={"query": doubling(10)})
    assert "X-Plangraph-Truncated" not in small.headers and len(small.get_data()) > 2048
    assert plan_count(client) == 5


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_the_byte_cap_holds_in_every_format(bounded, accept):
    many = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # about 7,500 rows: over 1 MB in every format
    response = bounded.test_client().get("/sparql", query_string={"query": many}, headers={"Accept": accept})
    assert response.status_code == 200 and 500_000 < len(response.get_data()) <= 1_000_000
    assert response.headers["X-Plangraph-Truncated"].endswith("1 MB")


def test_a_query_past_the_memory_ceiling_stops_its_worker_only(bounded):
    client = bounded.test_client()
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"})
    assert response.status_code == 500
    assert "400 MB of memory" in response.get_data(as_text=True)
    assert plan_count(client) == 5  # the others answer meanwhile
    wait_for(lambda: len(idle(bounded, "visitor")) == 2)  # and the stopped one is replaced


def test_deep_nesting_is_refused_before_any_parser(bounded):
    query = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    response = bounded.test_client().get("/sparql", query_string={"query": query})
    assert response.status_code == 400 and "3000 deep" in response.get_data(as_text=True)
    inside_strings = 'SELECT ?x WHERE { BIND("' + "{" * 3000 + '" AS ?x) }'
    assert bounded.test_client().get("/sparql", query_string={"query": inside_strings}).status_code == 200


def test_a_worker_killed_mid_query_is_replaced_and_the_visitor_told(bounded):
    wait_for(lambda: len(idle(bounded, "visitor")) == 2)
    before = {worker.process.pid for worker in idle(bounded, "visitor")}
    answers = []
    running = threading.Thread(target=lambda: answers.append(
        bounded.test_client().get("/sparql", query_string={"query": RUNAWAY})))
    running.start()
    wait_for(lambda: len(idle(bounded, "visitor")) == 1)
    busy = before - {worker.process.pid for worker in idle(bounded, "visitor")}
    os.kill(busy.pop(), signal.SIGKILL)
    running.join(30)
    assert answers[0].status_code == 500
    assert "SIGKILL" in answers[0].get_data(as_text=True) and "replaced" in answers[0].get_data(as_text=True)
    wait_for(lambda: len(idle(bounded, "visitor")) == 2)
    assert {worker.process.pid for worker in idle(bounded, "visitor")} != before
    assert plan_count(bounded.test_client()) == 5


def test_runaway_visitors_never_starve_the_apps_pages(bounded):
    wait_for(lambda: len(idle(bounded, "visitor")) == 2)
    answers = []
    runaways = [threading.Thread(target=lambda: answers.append(
        bounded.test_client().get("/sparql", query_string={"query": RUNAWAY}))) for _ in range(2)]
    for runaway in runaways:
        runaway.start()
    wait_for(lambda: not idle(bounded, "visitor"))
    client = bounded.test_client()
    started = time.monotonic()
    extra = client.get("/sparql", query_string={"query": PLANS + "\n# asked for the first time: no answer kept"})
    assert extra.status_code == 503 and extra.headers["Retry-After"]
    assert time.monotonic() - started < 1.0  # at once, not after the 6 s time limit
    for path in ("/", "/blocked", "/id/org/hmpps"):
        started = time.monotonic()
        assert client.get(path).status_code == 200, path
        assert time.monotonic() - started < 2.0, path
    for runaway in runaways:
        runaway.join(30)
    assert [answer.status_code for answer in answers] == [503, 503]
    assert all("stopped" in answer.get_data(as_text=True) for answer in answers)


def test_a_busy_page_answers_503_with_retry_after_never_500(bounded):
    store = bounded.extensions["plangraph"].store.store  # the workers behind the kept answers
    wait_for(lambda: len(idle(bounded, "visitor")) + len(idle(bounded, "app")) == 3)
    taken = [store._take(False, time.monotonic() + 1) for _ in range(3)]  # every worker, app's too
    try:
        response = bounded.test_client().get("/id/org/wigan-pdu")  # a page that asks the store, not asked before
        assert response.status_code == 503 and response.headers["Retry-After"]
    finally:
        for worker in taken:
            store._give_back(worker)


def test_a_worker_answers_any_error_without_its_details():
    from webapp.worker import Job, answer

    class Broken:
        def query(self, *args, **options):
            raise RuntimeError("could not connect to 10.0.0.7:5432: Connection refused")

    status, message = answer(Broken(), frozenset(), Job("SELECT * WHERE { ?s ?p ?o }"), 400)
    assert status == 500 and "logged" in message and "10.0.0.7" not in message
    status, message = answer(Broken(), frozenset(), Job("SELECT * WHERE { SERVICE <http://x/> {} }", guarded=True), 400)
    assert status == 403 and "SERVICE" in message
