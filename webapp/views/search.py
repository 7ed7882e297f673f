"""Search: plans, recommendations, actions, owners, organisations, tools and deliverables by their
words and the plans' own abbreviations, ranked, from the read side's full-text index (what a visitor
types is only ever a bound parameter, quoted word by word: never SQL, FTS5 syntax or SPARQL)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, request

from ..core import current
from ..tables import page_links, requested_page
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
    number = requested_page(request.args)
    total, hits = core.readside.search(text, PAGE_SIZE, (number - 1) * PAGE_SIZE)
    data = {"q": text, "total": total,
            "hits": [{**hit, "kind_name": KIND_NAMES.get(hit["kind"], hit["kind"]),
                      "path": core.local_path(hit["iri"])} for hit in hits],
            **page_links(number, total, PAGE_SIZE, lambda other: "/search?" + urlencode({"q": text, "_page": other}))}
    return page("search.html", data)
