"""Ready-made queries: listed in plain English, each runnable with one click and shareable."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, abort, request, url_for

from ..core import current
from ..store import QueryError
from .common import page

blueprint = Blueprint("queries", __name__)


@blueprint.get("/queries.json")
@blueprint.get("/queries")
def index():
    queries = [{"name": q.name, "title": q.title, "description": q.description,
                "url": url_for("queries.show", name=q.name)} for q in current().queries.values()]
    return page("queries.html", {"queries": queries})


@blueprint.get("/queries/<name>.json")
@blueprint.get("/queries/<name>")
def show(name: str):
    core = current()
    query = core.queries.get(name.removesuffix(".json"))
    if query is None:
        abort(404)
    values = {p.name: request.args.get(p.name) or p.default for p in query.parameters}
    data = {"name": query.name, "title": query.title, "description": query.description,
            "parameters": [{"name": p.name, "label": p.label, "value": values[p.name]} for p in query.parameters],
            "columns": [], "rows": [], "error": None, "truncated": False}
    try:
        sparql = query.bound(values)
        answer = core.run(sparql)
        data["columns"], data["truncated"] = answer.variables, answer.truncated
        data["rows"] = [{k: _cell(core, v) for k, v in row.items()} for row in answer.rows]
    except (ValueError, QueryError) as error:
        sparql, data["error"] = query.sparql, str(error)
    data["sparql"] = sparql
    data["editor_url"] = url_for("editor.editor") + "?" + urlencode({"query": sparql})
    return page("query.html", data, shown=shown_columns(data["columns"]))


def shown_columns(columns: list[str]) -> list[dict]:
    """The columns a person reads: an IRI column whose ``...Name`` column follows is shown once,
    as a link labelled with that name; headings in words ("targetAsPrinted" -> "Target as printed")."""
    shown = []
    for column in columns:
        if column.endswith("Name") and column[:-4] in columns:
            continue
        label = column + "Name" if column + "Name" in columns else None
        heading = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", column).lower().capitalize()
        shown.append({"name": column, "label": label, "heading": heading})
    return shown


def _cell(core, term) -> dict:
    text = str(term)
    return {"text": text, "link": core.local_path(term) if text.startswith("http") else None}
