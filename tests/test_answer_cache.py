"""Answers kept: the same question asked again is answered from memory, never a refusal or a
failure, within a bound on memory."""
from __future__ import annotations

import time

import pytest

from test_endpoint_bounds import PLANS, bounded, idle, wait_for  # noqa: F401 - the fixture, shared
from webapp.errors import QueryError
from webapp.store import Answer, CachingStore, Job


class CountingStore:
    def __init__(self, fail: bool = False):
        self.asked, self.fail = [], fail

    def run(self, job, deadline=None):
        self.asked.append(job.query)
        if self.fail:
            raise QueryError("refused", 400)
        return Answer("select", job.query.encode() * 10, "json")

    def close(self):
        pass


def test_the_same_job_is_answered_once_and_a_changed_one_again():
    inner = CountingStore()
    cached = CachingStore(inner, max_bytes=10_000)
    first = cached.run(Job("q1", visitor=True))
    assert cached.run(Job("q1", visitor=True)) is first and inner.asked == ["q1"]
    cached.run(Job("q1", solutions="csv", visitor=True))  # another format: another answer
    cached.run("q1")  # the app's own query (not a visitor's): another job
    assert inner.asked == ["q1", "q1", "q1"]


def test_refusals_are_never_kept():
    inner = CountingStore(fail=True)
    cached = CachingStore(inner, max_bytes=10_000)
    for _ in range(2):
        with pytest.raises(QueryError):
            cached.run(Job("bad"))
    assert inner.asked == ["bad", "bad"]


def test_memory_stays_within_its_bound_the_least_recently_asked_going_first():
    inner = CountingStore()
    cached = CachingStore(inner, max_bytes=160)  # each answer is 20 bytes ("qN" ten times)
    for name in ("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"):
        cached.run(Job(name))
    cached.run(Job("q1"))  # asked again: kept, and now the most recent
    cached.run(Job("q9"))  # over the bound: q2, the least recently asked, goes
    inner.asked.clear()
    cached.run(Job("q1")), cached.run(Job("q2"))
    assert inner.asked == ["q2"]
    cached.run(Job("x" * 100))  # 1000 bytes, over an eighth of the bound: answered, never kept
    cached.run(Job("x" * 100))
    assert inner.asked.count("x" * 100) == 2


def test_a_question_asked_again_is_answered_while_every_worker_is_busy(bounded):
    client = bounded.test_client()
    query = PLANS + "\n# kept once answered"
    first = client.get("/sparql", query_string={"query": query})
    assert first.status_code == 200
    store = bounded.extensions["plangraph"].store.store  # the workers behind the kept answers
    wait_for(lambda: len(idle(bounded, "visitor")) + len(idle(bounded, "app")) == 3)
    taken = [store._take(False, time.monotonic() + 1) for _ in range(3)]  # every worker
    try:
        again = client.get("/sparql", query_string={"query": query})
        assert again.status_code == 200 and again.get_data() == first.get_data()
        assert client.get("/sparql", query_string={"query": query + " "}).status_code == 503  # not kept: busy
    finally:
        for worker in taken:
            store._give_back(worker)
