"""Ready-made queries: listed in plain English, each answer read from the read side (computed once
per build by running the query's SPARQL over the graph), as a table to sort, page and download."""
from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

from flask import Blueprint, abort, request, url_for

from builder.readside import Condition
from builder.readside.canned import CannedQuery

from ..core import current
from ..tables import Column, Table, action_columns
from .common import page, wants_json

blueprint = Blueprint("queries", __name__)
# what an answer's action columns say already, when its rows are actions
_SHOWN_BY_ACTION = {"action", "actionName", "owners", "due", "progress", "plan", "planName"}


@blueprint.get("/queries.json")
@blueprint.get("/queries")
def index():
    queries = [{"name": q.name, "title": q.title, "description": q.description,
                "url": url_for("queries.show", name=q.name)} for q in current().queries.values()]
    return page("queries.html", {"queries": queries})


@blueprint.get("/queries/<name>.csv")
@blueprint.get("/queries/<name>.json")
@blueprint.get("/queries/<name>")
def show(name: str):
    core = current()
    query = core.queries.get(name)
    if query is None:
        abort(404)
    given = {p.name: request.args.get(p.name) for p in query.parameters if request.args.get(p.name)}
    values = {p.name: p.value(given.get(p.name)) for p in query.parameters}
    data = {"name": query.name, "title": query.title, "description": query.description,
            "parameters": [{"name": p.name, "label": p.label, "value": values[p.name],
                            "today": p.default in ("today", "this month")} for p in query.parameters],
            "error": None, "today": datetime.date.today().isoformat()}
    try:
        data["sparql"] = query.bound(values)
    except ValueError as error:
        data.update(sparql=query.sparql, error=str(error), rows=[])
    data["editor_url"] = url_for("editor.editor") + "?" + urlencode({"query": data["sparql"]})
    if data["error"]:
        return page("query.html", data, table=None)
    table = answer_table(query, values, given)
    if request.path.endswith(".csv"):
        return table.download("csv", request.args, query.name)
    if wants_json():
        return table.download("json", request.args, query.name, data)
    return page("query.html", data, table=table.page(request.args))


def answer_table(query: CannedQuery, values: dict[str, str], given: dict[str, str]) -> Table:
    """The stored answer as a table: rows of actions as an action table (with the answer's other
    columns after it), other answers column by column; filtered by the parameters' columns."""
    columns = current().readside.answer(query.name)["columns"]
    names = [name for name, _ in columns]
    if "action" in names:
        shown = action_columns("action_", "action") + own_columns([c for c in columns if c[0] not in _SHOWN_BY_ACTION])
    else:
        shown = own_columns(columns)
    conditions = tuple(Condition(f.column, f.comparison, values[f.parameter]) for f in query.filters)
    return Table(f"answer:{query.name}", shown, conditions, downloads_at=f"/queries/{query.name}", extra=given,
                 fields_as_named=tuple(names))


def own_columns(columns: list[tuple[str, str]]) -> list[Column]:
    """The columns a person reads: an IRI column whose ``...Name`` column follows is shown once, as a
    link labelled with that name; headings in words ("targetAsPrinted" -> "Target as printed")."""
    names = {name for name, _ in columns}
    shown = []
    for name, kind in columns:
        if name.endswith("Name") and name[:-4] in names:
            continue
        if name + "Name" in names:
            shown.append(Column(name + "Name", heading(name), "link", link=name))
        else:
            shown.append(Column(name, heading(name), {"iri": "link", "text": "long"}.get(kind, kind),
                                link=name if kind == "iri" else None))
    return shown


def heading(name: str) -> str:
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name.removesuffix("Name") or name).lower()
    return words.capitalize()
