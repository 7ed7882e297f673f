"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright."""
from __future__ import annotations

import re

import pytest

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
ACTION_1_8 = "/id/plan/cheshire-and-greater-manchester-crc/action/1.8"


def test_query_page_loads_without_console_errors_or_outside_requests(page, live_server):
    outside = []
    page.on("request", lambda request: request.url.startswith("http") and not request.url.startswith(live_server)
            and outside.append(request.url))
    page.goto(f"{live_server}/query")
    page.wait_for_selector(".CodeMirror")
    assert page.locator(".load-query").count() >= 8
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n?s a ap:Act")  # completion comes from this graph, not prefix.cc or LOV
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(500)
    assert page.errors == [] and outside == []


def test_construct_answers_are_drawn_as_a_graph(page, live_server):
    page.goto(f"{live_server}/query?query=" + "DESCRIBE%20%3Chttps%3A%2F%2Fw3id.org%2Fplangraph%2Fid%2Ftool%2Femo%3E")
    page.wait_for_selector(".CodeMirror")  # a query in the address runs when the page opens
    page.wait_for_selector("#construct-graph:not([hidden]) canvas", timeout=20_000)
    assert page.errors == []


def test_a_ready_made_query_runs_shows_rows_and_links_to_entity_pages(page, live_server):
    page.goto(f"{live_server}/query")
    page.wait_for_selector(".CodeMirror")
    page.get_by_role("button", name="Actions blocked on central frameworks").click()
    page.wait_for_selector(".yasr table tbody tr a[href^='/id/']", timeout=20_000)
    assert page.locator(".yasr table tbody tr").count() >= 2
    link = page.locator(".yasr table tbody tr a[href^='/id/']").first
    href = link.get_attribute("href")
    link.click(force=True)  # YASR lays a span over its result links
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("h1").inner_text() and page.locator(".entity-kind").inner_text()
    assert page.errors == []


def test_entity_page_shows_its_source_text(page, live_server):
    page.goto(f"{live_server}{ACTION_1_8}")
    assert "Implementation of Quality Observations framework" in page.locator(".source-text").inner_text()
    assert page.errors == []


def test_graph_downloads(page, live_server):
    page.goto(f"{live_server}/graphs/tools")
    page.wait_for_selector("#graph[data-shown]")
    for button, suffix in (("#png", ".png"), ("#svg", ".svg"), ("#graphml", ".graphml")):
        with page.expect_download() as download:
            page.click(button)
        assert download.value.suggested_filename.endswith(suffix)
    assert page.errors == []


@pytest.mark.parametrize("path", ["/", "/blocked", "/queries/tool-usage", "/ontology",
                                  "/graphs/organisations", "/export"])
def test_pages_have_no_console_errors(page, live_server, path):
    page.goto(f"{live_server}{path}")
    if path.startswith("/graphs/"):
        page.wait_for_selector("#graph[data-shown]")
    assert page.errors == []
