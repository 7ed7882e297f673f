"""The home page: every plan with its counts, and the ways into the graph."""
from __future__ import annotations

from flask import Blueprint

from ..core import current
from ..entities import plans
from .common import page

blueprint = Blueprint("home", __name__)


@blueprint.get("/index.json")
@blueprint.get("/")
def index():
    core = current()
    data = {"plans": plans(core),
            "queries": [{"name": q.name, "title": q.title, "description": q.description}
                        for q in core.queries.values()]}
    return page("home.html", data)
