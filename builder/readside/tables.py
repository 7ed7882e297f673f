"""Filling the read side's tables from the graph: plain SPARQL, one pass per table, rows inserted
as they stream out of the store (so memory does not grow with the corpus)."""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

from .schema import SEPARATOR
from .source import GraphReader

PREFIXES = """PREFIX ap: <https://w3id.org/plangraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
# Each query is one or two triple patterns: Oxigraph on disk answers a scan fast, while OPTIONALs and
# UNIONs over the whole graph cost a lookup per row; the rows are joined here, by IRI.
PLANS = PREFIXES + "SELECT ?plan ?label WHERE { ?plan a ap:ActionPlan ; rdfs:label ?label }"
PLAN_VALUES = {"title": "dcterms:title", "submitted": "ap:submittedOn", "published": "ap:reportPublishedOn",
               "inspected": "ap:inspectedOrganisation"}
RECOMMENDATIONS = PREFIXES + """SELECT ?recommendation ?plan ?number WHERE {
  ?plan ap:hasRecommendation ?recommendation . ?recommendation ap:recommendationNumber ?number }"""
RECOMMENDATION_VALUES = {"text": "dcterms:description", "agreement": "ap:agreement/rdfs:label",
                         "rationale": "ap:agreementRationale", "label": "rdfs:label"}
ACTIONS = PREFIXES + "SELECT ?action ?recommendation WHERE { ?recommendation ap:hasAction ?action }"
ACTION_VALUES = {"label": "rdfs:label", "ordinal": "ap:ordinal", "number": "ap:actionNumber",
                 "description": "dcterms:description", "due": "ap:targetDate", "targetText": "ap:targetText",
                 "progress": "ap:progress/rdfs:label"}
LINKS = {"owner": "ap:owner", "organisation": "ap:owner/ap:ownerIn|ap:involves", "tool": "ap:mentions",
         "deliverable": "ap:dependsOn"}
KINDS = {"owner": "ap:Owner", "organisation": "org:Organization", "tool": "ap:Tool", "deliverable": "ap:Deliverable"}
ALTERNATIVES = "ap:abbreviation|skos:altLabel|skos:prefLabel|skos:notation"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def date_label(iso: str | None) -> str | None:
    """An ISO date as people write it: "June 2019", "30 June 2019"; None stays None."""
    if not iso:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso):
        year, month, day = m.group(1), MONTHS[int(m.group(2)) - 1], m.group(3)
        return f"{int(day)} {month} {year}" if day else f"{month} {year}"
    return iso


def leading_number(text) -> int | None:
    """The number a printed number starts with ("10" -> 10, "2a" -> 2), to sort numbers as numbers."""
    m = re.match(r"\d+", str(text or ""))
    return int(m.group()) if m else None


def sort_key(number: str | None, recommendation, ordinal) -> str:
    """A text key that sorts action numbers as numbers: "1.10" after "1.9"; unnumbered by position."""
    parts = re.findall(r"\d+", number or "") or [str(recommendation or 0), str(ordinal or 0)]
    return ".".join(part.zfill(5) for part in parts)


def values(graph: GraphReader, path: str) -> dict[str, object]:
    """subject -> the value of one property path (the first, where there are several)."""
    found: dict[str, object] = {}
    for row in graph.select(PREFIXES + f"SELECT ?s ?o WHERE {{ ?s {path} ?o }}"):
        found.setdefault(row["s"], row["o"])
    return found


def pairs(graph: GraphReader, path: str) -> set[tuple[str, str]]:
    return {(row["s"], row["o"]) for row in graph.select(PREFIXES + f"SELECT ?s ?o WHERE {{ ?s {path} ?o }}")}


def fill(connection: sqlite3.Connection, graph: GraphReader) -> None:
    labels = values(graph, "rdfs:label")
    plans = _plans(connection, graph, labels)
    recommendations = _recommendations(connection, graph, plans)
    actions = {row["action"]: row["recommendation"] for row in graph.select(ACTIONS)}
    owners = _links(connection, graph, actions, labels)
    _actions(connection, graph, actions, recommendations, plans, owners)
    _named_entities(connection, graph, labels)
    _content_entities(connection)


def _plans(connection, graph: GraphReader, labels: dict) -> dict[str, str]:
    """Inserts the plans; returns each plan's label."""
    plans = {row["plan"]: row["label"] for row in graph.select(PLANS)}
    found = {name: values(graph, path) for name, path in PLAN_VALUES.items()}
    connection.executemany(
        "INSERT INTO plans (iri, label, title, submitted, submitted_label, published, published_label, "
        "inspected_iri, inspected_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((iri, label, found["title"].get(iri), found["submitted"].get(iri), date_label(found["submitted"].get(iri)),
          found["published"].get(iri), date_label(found["published"].get(iri)), found["inspected"].get(iri),
          labels.get(found["inspected"].get(iri))) for iri, label in plans.items()))
    return plans


def _recommendations(connection, graph: GraphReader, plans: dict[str, str]) -> dict[str, tuple]:
    """Inserts the recommendations; returns each one's (plan, number, label)."""
    found = {name: values(graph, path) for name, path in RECOMMENDATION_VALUES.items()}
    recommendations = {}
    for row in graph.select(RECOMMENDATIONS):
        recommendations.setdefault(row["recommendation"], (row["plan"], str(row["number"]),
                                                           found["label"].get(row["recommendation"])))
    connection.executemany(
        "INSERT INTO recommendations (iri, plan_iri, plan_label, number, number_sort, text, agreement, "
        "rationale) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((iri, plan, plans.get(plan), number, leading_number(number), found["text"].get(iri),
          found["agreement"].get(iri), found["rationale"].get(iri))
         for iri, (plan, number, _) in recommendations.items()))
    return recommendations


def _links(connection, graph: GraphReader, actions: dict, labels: dict) -> dict[str, list[tuple[str, str]]]:
    """What each action links to, into ``action_links``; returns each action's owners (label, IRI)."""
    links = sorted({(action, kind, target) for kind, path in LINKS.items()
                    for action, target in pairs(graph, path) if action in actions})
    connection.executemany("INSERT INTO action_links (action_iri, kind, target_iri) VALUES (?, ?, ?)", links)
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for action, kind, target in links:
        if kind == "owner":
            owners[action].append((labels.get(target) or target, target))
    return owners


def _actions(connection, graph: GraphReader, actions: dict, recommendations: dict, plans: dict,
             owners: dict[str, list[tuple[str, str]]]) -> None:
    found = {name: values(graph, path) for name, path in ACTION_VALUES.items()}

    def rows():
        for action, recommendation in actions.items():
            plan, number_printed, recommendation_label = recommendations[recommendation]
            label, number, due = found["label"].get(action, action), found["number"].get(action), found["due"].get(action)
            named = sorted(owners.get(action, []))
            yield (action, plan, plans.get(plan), recommendation, leading_number(number_printed), recommendation_label,
                   number, sort_key(number, number_printed, found["ordinal"].get(action)), label,
                   label.split(" (")[0], found["description"].get(action),
                   SEPARATOR.join(label for label, _ in named) or None,
                   " ".join(iri for _, iri in named) or None, due, date_label(due),
                   found["targetText"].get(action), found["progress"].get(action))
    connection.executemany(
        "INSERT INTO actions (iri, plan_iri, plan_label, recommendation_iri, recommendation_number, "
        "recommendation_label, number, number_sort, label, short_label, description, owners, owner_iris, due, "
        "due_label, target_text, progress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())


def _named_entities(connection, graph: GraphReader, labels: dict) -> None:
    """Owners, organisations, tools and deliverables with every name they go by."""
    alternatives: dict[str, set] = defaultdict(set)
    for subject, name in pairs(graph, ALTERNATIVES):
        alternatives[subject].add(name)
    context = values(graph, "ap:ownerIn")
    kinds: dict[str, str] = {}
    for kind, cls in KINDS.items():
        for row in graph.select(PREFIXES + f"SELECT ?s WHERE {{ ?s a {cls} }}"):
            kinds.setdefault(row["s"], kind)  # a tool that actions wait on stays a tool
    connection.executemany(
        "INSERT INTO entities (iri, kind, label, alt_labels, description, context) VALUES (?, ?, ?, ?, ?, ?)",
        ((iri, kind, labels[iri], SEPARATOR.join(sorted(alternatives[iri] - {labels[iri]})) or None, None,
          labels.get(context.get(iri))) for iri, kind in kinds.items() if iri in labels))


def _content_entities(connection) -> None:
    """Plans, recommendations and actions, searchable by their words, from the tables just filled."""
    connection.executescript("""
        INSERT INTO entities (iri, kind, label, alt_labels, description, context)
          SELECT iri, 'plan', label, NULLIF(COALESCE(title, '') || ' ' || COALESCE(inspected_label, ''), ' '),
                 NULL, submitted_label FROM plans;
        INSERT INTO entities (iri, kind, label, alt_labels, description, context)
          SELECT iri, 'recommendation', 'Recommendation ' || number || ' (' || plan_label || ')', agreement,
                 text, plan_label FROM recommendations;
        INSERT INTO entities (iri, kind, label, alt_labels, description, context)
          SELECT iri, 'action', label, owners, description, plan_label FROM actions;
        INSERT INTO entities_fts (rowid, label, alt_labels, description)
          SELECT rowid, label, alt_labels, description FROM entities;
    """)


def plan_counts(connection) -> None:
    """Each plan's counts by agreement and progress (run once the indexes are made)."""
    connection.executescript("""
        UPDATE plans SET
          recommendations = (SELECT COUNT(*) FROM recommendations r WHERE r.plan_iri = plans.iri),
          agreed = (SELECT COUNT(*) FROM recommendations r WHERE r.plan_iri = plans.iri AND r.agreement = 'Agreed'),
          partly_agreed = (SELECT COUNT(*) FROM recommendations r
                           WHERE r.plan_iri = plans.iri AND r.agreement = 'Partly Agreed'),
          not_agreed = (SELECT COUNT(*) FROM recommendations r
                        WHERE r.plan_iri = plans.iri AND r.agreement = 'Not Agreed'),
          actions = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri),
          completed = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri AND a.progress = 'Completed'),
          ongoing = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri AND a.progress = 'Ongoing'),
          planned = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri AND a.progress = 'Planned'),
          no_progress = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri AND a.progress IS NULL),
          blocked = (SELECT COUNT(*) FROM actions a WHERE a.plan_iri = plans.iri AND a.blocked);
        UPDATE recommendations SET actions = (SELECT COUNT(*) FROM actions a WHERE a.recommendation_iri = recommendations.iri);
    """)
