"""Entity pages as a policy officer uses them, in Debian's Chromium (expected values read in the
seed documents: 000 is the Cheshire and Greater Manchester CRC plan)."""
from __future__ import annotations

import pytest

from conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
CGM = "/id/plan/cheshire-and-greater-manchester-crc"
PAGES = {"plan": CGM, "recommendation": CGM + "/recommendation/1", "action": CGM + "/action/3.2",
         "owner": "/id/owner/cheshire-and-greater-manchester-crc/head-of-operations", "organisation": "/id/org/hmpps"}


def test_a_plan_page_shows_a_recommendations_text_and_its_actions_with_owners_and_dates(page, live_server):
    page.goto(live_server + CGM)
    recommendation = page.locator("#recommendation-1")
    assert "Manage workloads so that responsible officers are assigned cases" in recommendation.inner_text()
    row = recommendation.locator("tbody tr", has_text="Action 1.8")
    cells = [row.locator(f"td[data-label='{name}']").inner_text() for name in ("Owner", "Due", "Progress")]
    assert cells == ["Head of Operations", "June 2019", "Planned"]
    row.get_by_role("link", name="Action 1.8").click()
    page.wait_for_url("**/action/1.8")
    assert page.errors == []


def test_an_action_waiting_on_a_central_framework_says_why_it_is_blocked(page, live_server):
    page.goto(live_server + CGM + "/action/3.2")
    verdict = page.get_by_role("status")
    assert verdict.locator(".verdict-head").inner_text() == "Blocked on a central framework"
    assert "which the Central Team is still developing" in verdict.inner_text()
    verdict.get_by_role("link", name="Quality Observations framework").click()
    page.wait_for_url("**/deliverable/quality-observations-framework")
    held = page.locator("section.linked", has_text="Actions it holds up, directly or through other actions")
    held.get_by_role("link", name="Action 3.2").click()  # back along the chain, from the table
    page.wait_for_url("**/action/3.2")


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_entity_pages_fit_the_screen(browser, live_server, tmp_path, kind, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(live_server + PAGES[kind])
    wider = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    tab.screenshot(path=str(tmp_path / f"{kind}-{width}.png"), full_page=True)  # for looking at by hand
    context.close()
    assert wider <= 0
