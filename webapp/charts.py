"""Stacked bars of counts (the home page's totals, a plan page's own): the parts of the read side's
plan counts and each part's share of the whole."""
from __future__ import annotations

AGREEMENT = (("agreed", "Agreed"), ("partly_agreed", "Partly agreed"), ("not_agreed", "Not agreed"))
PROGRESS = (("completed", "Completed"), ("ongoing", "Ongoing"), ("planned", "Planned"),
            ("no_progress", "No date or progress"))


def bar_chart(title: str, parts, totals: dict[str, int]) -> dict:
    """A stacked bar of counts (home and plan pages): each part's share of the whole."""
    whole = sum(totals[name] for name, _ in parts) or 1
    return {"title": title, "parts": [{"name": name, "label": label, "count": totals[name],
                                       "percent": round(100 * totals[name] / whole, 1)} for name, label in parts]}
