"""Actions blocked on central frameworks: an action table of what each waits on, in the plan's words.

Which actions are blocked, and by what, is decided once, by the shared analysis layer
(builder/analysis.py), when the read side is derived; this page only reads it.
"""
from __future__ import annotations

from flask import Blueprint, request

from builder.readside import Condition

from ..tables import Column, Table, action_columns
from .common import page, wants_json

blueprint = Blueprint("blocked", __name__)
BLOCKED = Condition("blocked", "=", 1)


def blocked_table() -> Table:
    columns = action_columns()
    plan_words = Column("blocked_because", "In the plan's words", "long")
    columns[2:2] = [Column("blocker", "Waits on", "link", link="blocker_iri"),
                    Column("blocked_why", "Why", "long", quote=plan_words)]
    return Table("actions", columns, (BLOCKED,), (("blocker", False), ("plan_label", False), ("number_sort", False)),
                 downloads_at="/blocked")


def impact_table() -> Table:
    return Table("blockers", [Column("label", "Framework or deliverable", "link", link="iri"),
                              Column("developer", "Developed by", empty="not stated"), Column("actions", "Actions held up", "number"),
                              Column("plans", "Plans", "number")],
                 default_sort=(("actions", True), ("label", False)), key="held")


@blueprint.get("/blocked.csv")
@blueprint.get("/blocked.json")
@blueprint.get("/api/blocked")
@blueprint.get("/blocked")
def blocked():
    table = blocked_table()
    if request.path.endswith(".csv"):
        return table.download("csv", request.args, "blocked-actions")
    if wants_json():  # every framework's count only here: the page shows one page of them
        about = {"title": "Actions blocked on central frameworks",
                 "held_up": list(impact_table().records(request.args))}
        return table.download("json", request.args, "blocked-actions", about)
    return page("blocked.html", {}, blocked=table.page(request.args), impact=impact_table().page(request.args))
