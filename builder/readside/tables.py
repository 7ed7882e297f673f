"""Filling the read side's tables from the graph: plain SPARQL, one pass per table, rows inserted
as they stream out of the store (so memory does not grow with the corpus)."""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from datetime import date
from typing import Iterable

from .schema import SEPARATOR
from .source import GraphReader

PREFIXES = """PREFIX ap: <https://w3id.org/plangraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
PLANS = PREFIXES + """
SELECT ?plan ?label ?title ?submitted ?published ?inspected ?inspectedLabel WHERE {
  ?plan a ap:ActionPlan ; rdfs:label ?label .
  OPTIONAL { ?plan dcterms:title ?title }
  OPTIONAL { ?plan ap:submittedOn ?submitted }
  OPTIONAL { ?plan ap:reportPublishedOn ?published }
  OPTIONAL { ?plan ap:inspectedOrganisation ?inspected OPTIONAL { ?inspected rdfs:label ?inspectedLabel } }
}"""
RECOMMENDATIONS = PREFIXES + """
SELECT ?recommendation ?plan ?planLabel ?number ?text ?agreement ?rationale WHERE {
  ?plan ap:hasRecommendation ?recommendation ; rdfs:label ?planLabel .
  ?recommendation ap:recommendationNumber ?number .
  OPTIONAL { ?recommendation dcterms:description ?text }
  OPTIONAL { ?recommendation ap:agreement/rdfs:label ?agreement }
  OPTIONAL { ?recommendation ap:agreementRationale ?rationale }
}"""
ACTIONS = PREFIXES + """
SELECT ?action ?plan ?planLabel ?recommendation ?recommendationNumber ?recommendationLabel ?number ?ordinal
       ?label ?description ?due ?targetText ?progress WHERE {
  ?plan ap:hasRecommendation ?recommendation ; rdfs:label ?planLabel .
  ?recommendation ap:hasAction ?action ; ap:recommendationNumber ?recommendationNumber ;
                  rdfs:label ?recommendationLabel .
  ?action rdfs:label ?label .
  OPTIONAL { ?action ap:ordinal ?ordinal }
  OPTIONAL { ?action ap:actionNumber ?number }
  OPTIONAL { ?action dcterms:description ?description }
  OPTIONAL { ?action ap:targetDate ?due }
  OPTIONAL { ?action ap:targetText ?targetText }
  OPTIONAL { ?action ap:progress/rdfs:label ?progress }
}"""
LINKS = PREFIXES + """
SELECT ?action ?kind ?target ?targetLabel WHERE {
  ?action a ap:Action .
  { ?action ap:owner ?target BIND ("owner" AS ?kind) }
  UNION { ?action ap:owner/ap:ownerIn ?target BIND ("organisation" AS ?kind) }
  UNION { ?action ap:involves ?target BIND ("organisation" AS ?kind) }
  UNION { ?action ap:mentions ?target BIND ("tool" AS ?kind) }
  UNION { ?action ap:dependsOn ?target . ?target a ap:Deliverable BIND ("deliverable" AS ?kind) }
  OPTIONAL { ?target rdfs:label ?targetLabel }
}"""
NAMED = PREFIXES + """
SELECT ?entity ?kind ?label ?alternative ?context WHERE {
  { ?entity a ap:Owner ; rdfs:label ?label . BIND ("owner" AS ?kind)
    OPTIONAL { ?entity ap:ownerIn/rdfs:label ?context } }
  UNION { ?entity a org:Organization ; rdfs:label ?label . BIND ("organisation" AS ?kind) }
  UNION { ?entity a ap:Tool ; rdfs:label ?label . BIND ("tool" AS ?kind) }
  UNION { ?entity a ap:Deliverable ; rdfs:label ?label . BIND ("deliverable" AS ?kind)
          FILTER NOT EXISTS { ?entity a ap:Tool } }
  OPTIONAL { { ?entity ap:abbreviation ?alternative } UNION { ?entity skos:altLabel ?alternative }
             UNION { ?entity skos:prefLabel ?alternative } UNION { ?entity skos:notation ?alternative } }
}"""
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


def fill(connection: sqlite3.Connection, graph: GraphReader) -> None:
    _plans(connection, graph)
    _recommendations(connection, graph)
    owners = _links(connection, graph)
    _actions(connection, graph, owners)
    _named_entities(connection, graph)
    _content_entities(connection)


def _plans(connection, graph: GraphReader) -> None:
    seen: set[str] = set()
    for row in graph.select(PLANS):
        if row["plan"] in seen:
            continue
        seen.add(row["plan"])
        connection.execute(
            "INSERT INTO plans (iri, label, title, submitted, submitted_label, published, published_label, "
            "inspected_iri, inspected_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row["plan"], row["label"], row.get("title"), row.get("submitted"), date_label(row.get("submitted")),
             row.get("published"), date_label(row.get("published")), row.get("inspected"),
             row.get("inspectedLabel")))


def _recommendations(connection, graph: GraphReader) -> None:
    connection.executemany(
        "INSERT OR IGNORE INTO recommendations (iri, plan_iri, plan_label, number, number_sort, text, agreement, "
        "rationale) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((row["recommendation"], row["plan"], row["planLabel"], str(row["number"]), leading_number(row["number"]),
          row.get("text"), row.get("agreement"), row.get("rationale")) for row in graph.select(RECOMMENDATIONS)))


def _links(connection, graph: GraphReader) -> dict[str, list[tuple[str, str]]]:
    """What each action links to, into ``action_links``; returns each action's owners (label, IRI)."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for row in graph.select(LINKS):
        link = (row["action"], row["kind"], row["target"])
        if link in seen:
            continue
        seen.add(link)
        if row["kind"] == "owner":
            owners[row["action"]].append((row.get("targetLabel") or row["target"], row["target"]))
    connection.executemany("INSERT INTO action_links (action_iri, kind, target_iri) VALUES (?, ?, ?)", sorted(seen))
    return owners


def _actions(connection, graph: GraphReader, owners: dict[str, list[tuple[str, str]]]) -> None:
    def rows(found: Iterable[dict]):
        seen: set[str] = set()
        for row in found:
            if row["action"] in seen:  # a second label or date would repeat the action
                continue
            seen.add(row["action"])
            named = sorted(owners.get(row["action"], []))
            number = row.get("number")
            yield (row["action"], row["plan"], row["planLabel"], row["recommendation"],
                   leading_number(row["recommendationNumber"]), row["recommendationLabel"], number,
                   sort_key(number, row["recommendationNumber"], row.get("ordinal")), row["label"],
                   row["label"].split(" (")[0],
                   row.get("description"), SEPARATOR.join(label for label, _ in named) or None,
                   " ".join(iri for _, iri in named) or None, row.get("due"), date_label(row.get("due")),
                   row.get("targetText"), row.get("progress"))
    connection.executemany(
        "INSERT INTO actions (iri, plan_iri, plan_label, recommendation_iri, recommendation_number, "
        "recommendation_label, number, number_sort, label, short_label, description, owners, owner_iris, due, due_label, "
        "target_text, progress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows(graph.select(ACTIONS)))


def _named_entities(connection, graph: GraphReader) -> None:
    """Owners, organisations, tools and deliverables with every name they go by."""
    found: dict[str, dict] = {}
    for row in graph.select(NAMED):
        entity = found.setdefault(row["entity"], {"kind": row["kind"], "label": row["label"], "names": set(),
                                                  "context": row.get("context")})
        if row.get("alternative") and row["alternative"] != entity["label"]:
            entity["names"].add(row["alternative"])
    connection.executemany(
        "INSERT INTO entities (iri, kind, label, alt_labels, description, context) VALUES (?, ?, ?, ?, ?, ?)",
        ((iri, e["kind"], e["label"], SEPARATOR.join(sorted(e["names"])) or None, None, e["context"])
         for iri, e in found.items()))


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
