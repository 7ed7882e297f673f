"""The home page: every plan with its counts (a table to sort, page and download), and the ways in."""
from __future__ import annotations

from flask import Blueprint, request

from ..charts import AGREEMENT, PROGRESS, bar_chart
from ..core import current
from ..tables import Column, Table
from .common import page, wants_json

blueprint = Blueprint("home", __name__)


def plans_table() -> Table:
    counts = [Column(name, heading, "number") for name, heading in
              (("recommendations", "Recommendations"), *AGREEMENT, ("actions", "Actions"), *PROGRESS,
               ("blocked", "Blocked"))]
    return Table("plans", [Column("label", "Plan", "link", link="iri"), Column("submitted", "Submitted", "date", empty="not printed"),
                           *counts], default_sort=(("label", False),), downloads_at="/index")


@blueprint.get("/index.csv")
@blueprint.get("/index.json")
@blueprint.get("/")
def index():
    core = current()
    table = plans_table()
    about = {"queries": [{"name": q.name, "title": q.title, "description": q.description}
                         for q in core.queries.values()]}
    if request.path.endswith(".csv"):
        return table.download("csv", request.args, "plans")
    if wants_json():
        return table.download("json", request.args, "plans", about)
    totals = core.readside.totals("plans", [name for name, _ in AGREEMENT + PROGRESS])
    about["charts"] = [bar_chart("Recommendations by agreement", AGREEMENT, totals),
                       bar_chart("Actions by progress", PROGRESS, totals)]
    return page("home.html", about, plans=table.page(request.args))
