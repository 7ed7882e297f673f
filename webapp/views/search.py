"""Search: plans, recommendations, actions, owners, organisations, tools and deliverables by their
words and the plans' own abbreviations, ranked, from the read side's full-text index (what a visitor
types is only ever a bound parameter, quoted word by word: never SQL, FTS5 syntax or SPARQL)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, request

from ..core import current
from .common import page

blueprint = Blueprint("search", __name__)
PAGE_SIZE = 20
KIND_NAMES = {"plan": "Plan", "recommendation": "Recommendation", "action": "Action", "owner": "Owner",
              "organisation": "Organisation", "tool": "Tool or framework", "deliverable": "Deliverable"}


@blueprint.get("/search.json")
@blueprint.get("/search")
def search():
    core = current()
    text = request.args.get("q", "").strip()[:200]
    try:
        number = max(1, int(request.args.get("_page", "1")))
    except ValueError:
        number = 1
    total, hits = core.readside.search(text, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    data = {"q": text, "total": total, "page": number, "pages": pages,
            "hits": [{**hit, "kind_name": KIND_NAMES.get(hit["kind"], hit["kind"]),
                      "path": core.local_path(hit["iri"])} for hit in hits],
            "previous": _url(text, number - 1) if number > 1 else None,
            "next": _url(text, number + 1) if number < pages else None}
    return page("search.html", data)


def _url(text: str, number: int) -> str:
    return "/search?" + urlencode({"q": text, "_page": number})
