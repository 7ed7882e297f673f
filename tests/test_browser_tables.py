"""A policy officer at work, in a real browser: search, sort, page, download; pages on a phone."""
from __future__ import annotations

import csv
import datetime
import json
import re
import urllib.request

import pytest

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
OVERDUE = "/queries/overdue-actions?date=2019-09-01"


def due_dates(page) -> list[datetime.date]:
    """The Due column as dates, read from what the page shows ("October 2018")."""
    texts = page.locator("table.results td[data-label='Due']").all_inner_texts()
    return [datetime.datetime.strptime(text.strip(), "%B %Y").date() for text in texts]


def test_find_an_owner_by_part_of_its_name_and_open_it(page, live_server):
    page.goto(f"{live_server}/")
    page.fill("#site-search", "Tamesid")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Tamesid"))
    hit = page.locator(".hits li", has=page.locator(".kind", has_text="Owner")).first
    assert "Head of Tameside PDU" in hit.inner_text()
    hit.locator("a").click()
    page.wait_for_url(re.compile(r"/id/owner/"))
    assert "Head of Tameside PDU" in page.locator("h1").inner_text()
    assert page.errors == []


def test_sort_the_overdue_table_by_due_date_and_page_through_it(page, live_server):
    page.goto(f"{live_server}{OVERDUE}")
    total = int(re.search(r"of (\d+)", page.locator(".count").first.inner_text()).group(1))
    assert total > 50  # more than one page on the seeds
    marks = """[...document.querySelectorAll('table.results th a')].map(a =>
        getComputedStyle(a, '::after').content.includes('↕'))"""
    assert all(page.evaluate(marks))  # each heading shows it sorts; "Due", exactly, is still its name
    page.get_by_role("link", name="Due", exact=True).click()
    page.wait_for_url(re.compile(r"_sort=action_due"))
    first = due_dates(page)
    assert len(first) == 50 and first == sorted(first)
    assert page.evaluate(marks).count(False) == 1  # the sorted heading shows ▲ instead
    page.get_by_role("link", name="Next →").click()
    page.wait_for_url(re.compile(r"_page=2"))
    assert "_sort=action_due" in page.url and "date=2019-09-01" in page.url  # shareable: sort, page and date kept
    second = due_dates(page)
    assert len(second) == total - 50 and second == sorted(second) and second[0] >= first[-1]
    page.get_by_role("link", name="← Previous").click()
    page.get_by_role("link", name="Due ▲").click()  # again: newest first
    page.wait_for_url(re.compile(r"_sort_desc=action_due"))
    newest = due_dates(page)
    assert newest == sorted(newest, reverse=True) and newest[0] == second[-1]
    assert page.errors == []


def test_download_the_overdue_csv_and_check_it_against_the_whole_answer(page, live_server, tmp_path):
    page.goto(f"{live_server}{OVERDUE}")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / "overdue.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with urllib.request.urlopen(f"{live_server}/queries/overdue-actions.json?date=2019-09-01") as response:
        answer = json.load(response)
    assert len(rows) == answer["total"] == len(answer["rows"]) > 50  # the whole answer, not one page
    assert [row["action"] for row in rows] == [row["action"] for row in answer["rows"]]
    assert all(row["due"] < "2019-09" for row in rows)
    shown = page.locator("table.results tbody tr").count()
    assert shown == 50 < len(rows)


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("path", ["/", "/search?q=head+of+operations", OVERDUE, "/blocked"])
def test_pages_fit_the_screen_at_desktop_and_phone_widths(browser, live_server, tmp_path, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{live_server}{path}")
    tab.screenshot(path=str(tmp_path / f"page-{width}.png"))
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    tables = tab.evaluate("[...document.querySelectorAll('table')].every(t => t.closest('.scroll'))")
    context.close()
    assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"
    assert tables  # a wide table scrolls inside itself


def test_the_plans_table_shows_every_column_on_a_laptop_screen(browser, live_server):
    """The plans table's last column (Blocked) is what policy staff look for: no sideways scroll to find it."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(f"{live_server}/")
    hidden = tab.evaluate("(() => { const s = document.querySelector('.scroll'); return s.scrollWidth - s.clientWidth })()")
    last = tab.locator("table.results thead th").last.inner_text()
    context.close()
    assert last == "Blocked" and hidden <= 0, f"{hidden}px of the plans table is out of sight"


@pytest.mark.parametrize("path", ["/blocked", OVERDUE, "/queries/dependencies-with-evidence",
                                  "/queries/blocked-on-central-frameworks"])
def test_action_tables_show_every_column_on_a_laptop_screen(browser, live_server, path):
    """An action table's last columns (where it waits, the target as printed) are no use out of sight."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    tab = context.new_page()
    tab.goto(f"{live_server}{path}")
    hidden = tab.evaluate("Math.max(...[...document.querySelectorAll('.scroll')].map(s => s.scrollWidth - s.clientWidth))")
    headings = tab.locator("table.results").last.locator("thead th").all_inner_texts()
    quoted = tab.locator("table.results td[data-label='Why'] blockquote.plan-words").count()
    context.close()
    assert hidden <= 0, f"{hidden}px of a table on {path} is out of sight"
    assert "Plan and recommendation" in headings
    assert quoted > 0 or path != "/blocked"  # why an action is blocked, then the plan's own words beneath


@pytest.mark.parametrize("path", ["/", "/blocked", OVERDUE])
def test_on_a_phone_each_row_is_a_card_with_nothing_out_of_sight(browser, live_server, path):
    """On a phone a table never hides columns off to the side: each row stands as a card, each
    value under its heading, and the headings still sort."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    tab.goto(f"{live_server}{path}")
    hidden = tab.evaluate("Math.max(...[...document.querySelectorAll('.scroll')].map(s => s.scrollWidth - s.clientWidth))")
    label = tab.evaluate("getComputedStyle(document.querySelectorAll('table.results tbody td')[1], '::before').content")
    right_edge = tab.evaluate("Math.max(...[...document.querySelectorAll('table.results td')].map("
                              "td => td.getBoundingClientRect().right))")
    sort = tab.locator("table.results thead th a").nth(1)
    heading = sort.inner_text()
    sort.click()
    tab.wait_for_load_state()
    url = tab.url
    context.close()
    assert hidden <= 0, f"{hidden}px of a table on {path} is out of sight on a phone"
    assert right_edge <= 390
    assert label == f'"{heading}: "'  # the value says what it is
    assert "sort=" in url
