"""What each kind of entity page shows first, before the folded list of every statement: a plan's
body, dates, counts and recommendations; an action's what, who, when, status and what it waits
on (with why it is blocked, by builder/analysis.py); the actions an owner, organisation, tool or
deliverable is linked to, as action tables."""
from __future__ import annotations

from rdflib import URIRef

from builder.analysis import explain, load_dependencies, target_kind, waiting_actions
from builder.readside import Condition
from builder.readside.tables import date_label, lead_in, short_label

from .charts import AGREEMENT, PROGRESS, bar_chart
from .core import Plangraph
from .pictures import analysis_rows
from .tables import Table, action_columns, action_table

# a recommendation's own actions: its plan and number go without saying
IN_RECOMMENDATION = [c for c in action_columns() if c.name not in ("plan_label", "recommendation_number")]
LINKED = {"owner": "owner", "organisation": "organisation", "tool": "tool", "deliverable": "deliverable"}
LINKED_TITLES = {"owner": "Actions it owns", "organisation": "Actions its posts own or that involve it",
                 "tool": "Actions that use or mention it", "deliverable": "Actions that wait on it"}


def sections(core: Plangraph, iri: URIRef, kinds: list[str], args) -> dict:
    """The page's own sections for what the entity is (a dict merged into the page's data)."""
    if "plan" in kinds:
        return plan_sections(core, iri, args)
    if "recommendation" in kinds:
        return {"recommendation": recommendation(core, iri, args)}
    if "action" in kinds:
        return {"action": action(core, iri)}
    linked = [name for name in LINKED if name in kinds]  # a tool in development: used, and waited on
    tables = [(LINKED_TITLES[name], _linked_table(iri, name, core.local_path(iri) if index == 0 else None))
              for index, name in enumerate(linked)]
    if "deliverable" in kinds:
        tables.append(("Actions it holds up, directly or through other actions",
                       action_table(conditions=(Condition("blocker_iri", "=", str(iri)),), key="held")))
    pages = [{"title": title, "table": table.page(args)} for title, table in tables]
    return {"linked": [found for found in pages if found["table"]["total"] or found is pages[0]]}


def actions_of(core: Plangraph, iri: URIRef, kinds: list[str]) -> Table | None:
    """The actions an entity page is about, which its CSV (``<page>.csv``) gives whole: a plan's, a
    recommendation's, or those an owner, organisation, tool or deliverable is linked to (the page's
    first table); None for an entity with no actions of its own (an action, the ontology's terms)."""
    if "plan" in kinds:
        return action_table((Condition("plan_iri", "=", str(iri)),))
    if "recommendation" in kinds:
        return _recommendation_table(str(iri), "", core.local_path(iri))
    linked = [name for name in LINKED if name in kinds]
    return _linked_table(iri, linked[0], core.local_path(iri)) if linked else None


def _linked_table(iri: URIRef, kind: str, downloads_at: str | None) -> Table:
    """The actions linked to ``iri`` as its ``kind`` (the first such table on a page has no key)."""
    return action_table((Condition("iri", "linked", str(iri), kind=LINKED[kind]),), "" if downloads_at else kind,
                        downloads_at, download_forms=("csv",))


def _recommendation_table(recommendation_iri: str, key: str, downloads_at: str | None = None) -> Table:
    return Table("actions", IN_RECOMMENDATION, (Condition("recommendation_iri", "=", recommendation_iri),),
                 (("number_sort", False),), key, downloads_at, download_forms=("csv",))


def plan_sections(core: Plangraph, iri: URIRef, args) -> dict:
    """The plan's facts and counts and each recommendation with its actions, from the read side."""
    plan = next(core.readside.rows("plans", (Condition("iri", "=", str(iri)),)), None)
    if plan is None:
        return {}
    recommendations = core.readside.rows("recommendations", (Condition("plan_iri", "=", str(iri)),),
                                         (("number_sort", False),))
    return {"plan": {
        "body": _link(core, plan["inspected_iri"], plan["inspected_label"]),
        "submitted": plan["submitted_label"], "published": plan["published_label"],
        "charts": plan_charts(plan), "blocked": plan["blocked"], "actions": plan["actions"],
        "download": core.local_path(iri) + ".csv",
        "recommendations": [_recommendation(core, row, args) for row in recommendations]}}


def plan_charts(plan: dict) -> list[dict]:
    return [bar_chart(f"Recommendations by agreement ({plan['recommendations']})", AGREEMENT, plan),
            bar_chart(f"Actions by progress ({plan['actions']})", PROGRESS, plan)]


def _recommendation(core: Plangraph, row: dict, args, table: Table | None = None) -> dict:
    """A recommendation with its actions: in a plan's page, a table each, keyed by number."""
    table = table or _recommendation_table(row["iri"], f"r{row['number'] or 'x'}")
    return {"iri": row["iri"], "path": core.local_path(row["iri"]), "number": row["number"] or "",
            "text": row["text"] or "", "agreement": row["agreement"] or "not stated",
            "rationale": row["rationale"], "actions": table.page(args)}


def recommendation(core: Plangraph, iri: URIRef, args) -> dict:
    row = next(core.readside.rows("recommendations", (Condition("iri", "=", str(iri)),)), None)
    if row is None:
        return {}
    own_page = _recommendation_table(row["iri"], "", core.local_path(iri))
    return {**_recommendation(core, row, args, own_page), "plan": _link(core, row["plan_iri"], row["plan_label"])}


def action(core: Plangraph, iri: URIRef) -> dict:
    """What, who, when, status, what it waits on and whether it is blocked, and why."""
    rows = core.select(f"""SELECT ?text ?progress ?due ?start ?dueText ?recurrence ?rec ?recNumber ?plan ?planLabel
          ?parent ?parentLabel ?parentText
        WHERE {{
          OPTIONAL {{ <{iri}> dcterms:description ?text }}
          OPTIONAL {{ <{iri}> ap:subActionOf ?parent OPTIONAL {{ ?parent rdfs:label ?parentLabel }}
                     OPTIONAL {{ ?parent dcterms:description ?parentText }} }}
          OPTIONAL {{ <{iri}> ap:progress/rdfs:label ?progress }}
          OPTIONAL {{ <{iri}> ap:targetDate ?due }}
          OPTIONAL {{ <{iri}> ap:targetStartDate ?start }}
          OPTIONAL {{ <{iri}> ap:targetText ?dueText }}
          OPTIONAL {{ <{iri}> ap:recurrence ?recurrence }}
          OPTIONAL {{ <{iri}> ap:addresses ?rec . OPTIONAL {{ ?rec ap:recommendationNumber ?recNumber }}
                     OPTIONAL {{ ?plan ap:hasRecommendation ?rec ; rdfs:label ?planLabel }} }}
        }} LIMIT 1""")
    row = rows[0] if rows else {}
    owners = [_link(core, r["owner"], r.get("label")) for r in core.select(
        f"SELECT ?owner ?label WHERE {{ <{iri}> ap:owner ?owner OPTIONAL {{ ?owner rdfs:label ?label }} }} ORDER BY ?label")]
    return {"text": str(row.get("text") or ""), "lead_in": lead_in(row.get("parentText")),
            "part_of": _link(core, row.get("parent"), short_label(str(row.get("parentLabel") or "")) or None),
            "steps": steps(core, iri),
            "progress": str(row.get("progress") or "not stated"),
            "due": date_label(str(row["due"])) if row.get("due") else None,
            "start": date_label(str(row["start"])) if row.get("start") else None,
            "due_text": str(row["dueText"]) if row.get("dueText") else None,
            "recurrence": str(row["recurrence"]) if row.get("recurrence") else None,
            "owners": owners,
            "recommendation": _link(core, row.get("rec"), f"Recommendation {row.get('recNumber', '')}".strip()),
            "plan": _link(core, row.get("plan"), row.get("planLabel")), **waits_on(core, iri)}


def steps(core: Plangraph, iri: URIRef) -> list[dict]:
    """The actions that are steps of this one (its sub-actions, or the items of the list it introduces)."""
    rows = core.select(f"""SELECT ?step ?label ?text
        WHERE {{ ?step ap:subActionOf <{iri}>
                 OPTIONAL {{ ?step ap:ordinal ?ordinal }} OPTIONAL {{ ?step rdfs:label ?label }}
                 OPTIONAL {{ ?step dcterms:description ?text }} }}
        ORDER BY ?ordinal ?step""")
    return [{**_link(core, row["step"], short_label(str(row.get("label") or "")) or None),
             "what": str(row.get("text") or "")} for row in rows]


def waits_on(core: Plangraph, iri: URIRef) -> dict:
    """What the action waits on and the verdict, from the one definition of blocked (read for this
    action's own dependencies only, so the page stays fast on any corpus)."""
    graph = load_dependencies(analysis_rows(core), action=str(iri))
    if str(iri) not in graph:
        return {"waits_on": [], "verdict": None}
    found = waiting_actions(graph).get(str(iri))
    waits = [{"target": _link(core, target, graph.nodes[target].get("label")), "kind": target_kind(graph, target),
              "evidence": evidence} for target, evidence in graph[str(iri)].items() for evidence in [evidence["evidence"]]]
    verdict = None
    if found:
        verdict = {"blocked": found.blocked, "kind": found.kind, "why": explain(graph, found), "reason": found.reason,
                   "chain": [_link(core, node, graph.nodes[node].get("label")) for node in found.chain[1:]]}
    return {"waits_on": waits, "verdict": verdict}


def _link(core: Plangraph, iri, label) -> dict | None:
    if not iri:
        return None
    return {"iri": str(iri), "path": core.local_path(iri), "text": str(label) if label else str(iri)}
