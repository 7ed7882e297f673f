"""Pictures of the graph: dependencies, organisations, tools.

Each picture's page carries its elements (with their positions) and filters, which are also its
data at ``/graphs/<name>.json`` and ``/api/graphs/<name>``; the filters are kept in the address.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request

from ..core import current
from ..pictures import picture
from .common import wants_json

blueprint = Blueprint("graphs", __name__)
PAGES = {
    "dependencies": ("What actions wait on",
                     "Each action that waits on another action, on local work or on a framework, tool, strategy "
                     "or programme that a central or national body is still developing. Red actions are blocked "
                     "on central frameworks; amber ones wait on local work or on another action."),
    "organisations": ("Who owns the actions",
                      "Each organisation is a box holding its units and the posts and teams that own the actions shown. "
                      "Bigger dots own more actions."),
    "tools": ("Which tools are used where",
              "Each tool or framework and the organisations whose plans use it; thicker lines mean more actions."),
}


@blueprint.get("/graphs/<name>.json")
@blueprint.get("/graphs/<name>")
def show(name: str):
    if name not in PAGES:
        abort(404)
    title, description = PAGES[name]
    data = {"name": name, "title": title, **picture(current(), name, request.args)}
    if wants_json():
        return jsonify(data)
    return render_template("graph.html", data=data, description=description)


@blueprint.get("/api/graphs/<name>")
def api(name: str):
    if name not in PAGES:
        abort(404)
    return jsonify(picture(current(), name, request.args))
