"""Helpers every view shares: HTML or JSON for the same page, chosen by suffix or Accept.

A page and its ``.json`` twin share one view; the HTML rule's decorator is written last (nearest
the function) so that it is registered first, because ``url_for`` builds an endpoint's first rule
and links must lead people to pages, not data.
"""
from __future__ import annotations

from flask import jsonify, render_template, request


def wants_json() -> bool:
    if request.path.endswith(".json") or request.path.startswith("/api/") or request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes["application/json"] > \
        request.accept_mimetypes["text/html"]


def page(template: str, data: dict, **context):
    """The page as HTML, or its data as JSON: every page of the app is both."""
    if wants_json():
        return jsonify(data)
    return render_template(template, data=data, **context)
