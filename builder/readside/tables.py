"""Filling the read side's tables from the graph: the triples they need read once, joined in SQL.

A table row joins a dozen properties of a plan, a recommendation or an action.  Asked one by one,
each value costs a look-up of its term (ten seconds at 100x, four minutes at 1000x on disk, with every
value held in Python); so the triples of the properties the tables need are read once into a scratch
table (``GraphReader.triples``: the rest of the graph never becomes Python objects in memory), and each
table is one SQL join over it, streamed into place: memory stays flat however large the corpus.
Where a thing has two values of a property the least is kept ("value" below), so the tables never
depend on the order the store gives its triples in.
"""
from __future__ import annotations

import re
import sqlite3
from itertools import groupby

from ..analysis import AP
from .schema import SEPARATOR
from .source import TYPE, GraphReader

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LABEL = RDFS + "label"
# the classes of named things, in the order that decides a thing of two kinds (a tool actions wait on stays a tool)
KINDS = {"owner": AP + "Owner", "organisation": "http://www.w3.org/ns/org#Organization", "tool": AP + "Tool",
         "deliverable": AP + "Deliverable"}
CLASSES = {AP + "ActionPlan", *KINDS.values()}
ALTERNATIVES = (AP + "abbreviation", SKOS + "altLabel", SKOS + "prefLabel", SKOS + "notation")
PROPERTIES = {LABEL, DCTERMS + "title", DCTERMS + "description", *ALTERNATIVES, *(AP + name for name in (
    "submittedOn", "reportPublishedOn", "inspectedOrganisation", "hasRecommendation", "recommendationNumber",
    "agreement", "agreementRationale", "hasAction", "ordinal", "actionNumber", "targetDate", "targetText",
    "progress", "owner", "ownerIn", "involves", "mentions", "dependsOn", "subActionOf"))}
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


def lead_in(parent_text: str | None) -> str | None:
    """The words a parent action introduces a list of steps with ("Completion of the relevant
    PDGs:"), or None: a parent that does not end with a colon is an action of its own."""
    text = (parent_text or "").rstrip()
    return text if text.endswith(":") else None


def with_lead_in(text: str | None, parent_text: str | None, words: int = 10) -> str | None:
    """What a step of a list says, after (the first ``words`` of) the words that introduce the list:
    "Completion of the relevant PDGs: Risk and Safeguarding PDG".  A step alone ("Domestic Abuse
    PDG") says nothing; a long introduction is cut so the step's own words still show first."""
    introduction = lead_in(parent_text)
    if not text or not introduction:
        return text
    kept = introduction[:-1].split()
    if len(kept) > words:
        return f"{' '.join(kept[:words]).rstrip('.,;')} …: {text}"
    return f"{' '.join(kept)}: {text}"


def short_label(label: str) -> str:
    """An action's label without the plan's name in brackets: "Action 1.2 (HMPPS ...)" -> "Action 1.2"."""
    return label.split(" (")[0]


def sort_key(number: str | None, recommendation, ordinal) -> str:
    """A text key that sorts action numbers as numbers: "1.10" after "1.9"; unnumbered by position."""
    parts = re.findall(r"\d+", number or "") or [str(recommendation or 0), str(ordinal or 0)]
    return ".".join(part.zfill(5) for part in parts)


# one property's first value of each subject, as a join: {0} the alias, {1} the subject column, {2} the property
_VALUE = "LEFT JOIN value {0} ON {0}.p = '{2}' AND {0}.s = {1}"


def _values(*joins: tuple[str, str, str]) -> str:
    return "\n".join(_VALUE.format(alias, subject, iri) for alias, subject, iri in joins)


def _iris(iris) -> str:
    """IRIs of the vocabulary (constants, never data) as an SQL list."""
    return ", ".join(f"'{iri}'" for iri in iris)


def fill(connection: sqlite3.Connection, graph: GraphReader) -> None:
    """The plans, recommendations, actions, their links and the named things, from the graph."""
    for name, function in (("date_label", date_label), ("leading_number", leading_number), ("sort_key", sort_key),
                           ("short_label", short_label), ("with_lead_in", with_lead_in)):
        connection.create_function(name, -1, function, deterministic=True)
    _stage(connection, graph)
    _plans(connection)
    _recommendations(connection)
    _links(connection)
    _owners(connection)
    _actions(connection)
    _named_entities(connection)
    _content_entities(connection)  # the scratch tables are temporary: they go with the connection


def _stage(connection, graph: GraphReader) -> None:
    """The triples the tables read, and each subject's value of each property."""
    connection.execute("CREATE TEMP TABLE triple (s TEXT, p TEXT, o)")
    connection.executemany("INSERT INTO triple VALUES (?, ?, ?)", graph.triples(PROPERTIES, CLASSES))
    connection.executescript("""
        CREATE INDEX temp.triple_ps ON triple (p, s);
        CREATE TEMP TABLE value AS SELECT p, s, MIN(o) AS o FROM triple GROUP BY p, s;
        CREATE INDEX temp.value_ps ON value (p, s);
    """)


def _plans(connection) -> None:
    connection.execute(f"""
        INSERT OR IGNORE INTO plans (iri, label, title, submitted, submitted_label, published, published_label,
                                     inspected_iri, inspected_label)
        SELECT t.s, label.o, title.o, submitted.o, date_label(submitted.o), published.o, date_label(published.o),
               inspected.o, inspected_label.o
        FROM triple t
        JOIN value label ON label.p = '{LABEL}' AND label.s = t.s
        {_values(("title", "t.s", DCTERMS + "title"), ("submitted", "t.s", AP + "submittedOn"),
                 ("published", "t.s", AP + "reportPublishedOn"), ("inspected", "t.s", AP + "inspectedOrganisation"),
                 ("inspected_label", "inspected.o", LABEL))}
        WHERE t.p = '{TYPE}' AND t.o = '{AP}ActionPlan' ORDER BY t.s""")


def _recommendations(connection) -> None:
    connection.execute(f"""
        INSERT OR IGNORE INTO recommendations (iri, plan_iri, plan_label, number, number_sort, text, agreement, rationale)
        SELECT t.o, t.s, plan.label, number.o, leading_number(number.o), text.o, agreement_label.o, rationale.o
        FROM triple t
        JOIN value number ON number.p = '{AP}recommendationNumber' AND number.s = t.o
        LEFT JOIN plans plan ON plan.iri = t.s
        {_values(("text", "t.o", DCTERMS + "description"), ("agreement", "t.o", AP + "agreement"),
                 ("agreement_label", "agreement.o", LABEL), ("rationale", "t.o", AP + "agreementRationale"))}
        WHERE t.p = '{AP}hasRecommendation' ORDER BY t.o""")


def _links(connection) -> None:
    """What each action links to: its owners, their organisations and those it involves, tools, deliverables."""
    connection.execute(f"""
        INSERT INTO action_links (action_iri, kind, target_iri)
        SELECT * FROM (
          SELECT s, 'owner', o FROM triple WHERE p = '{AP}owner'
          UNION SELECT owner.s, 'organisation', org.o FROM triple owner
                JOIN triple org ON org.p = '{AP}ownerIn' AND org.s = owner.o WHERE owner.p = '{AP}owner'
          UNION SELECT s, 'organisation', o FROM triple WHERE p = '{AP}involves'
          UNION SELECT s, 'tool', o FROM triple WHERE p = '{AP}mentions'
          UNION SELECT s, 'deliverable', o FROM triple WHERE p = '{AP}dependsOn')
        WHERE s IN (SELECT o FROM triple WHERE p = '{AP}hasAction') ORDER BY 1, 2, 3""")


def _owners(connection) -> None:
    """Each action's owners by name, and their IRIs in the same order (an owner without a name by its IRI)."""
    named = connection.execute(f"""
        SELECT l.action_iri, COALESCE(label.o, l.target_iri) AS name, l.target_iri FROM action_links l
        {_values(("label", "l.target_iri", LABEL))}
        WHERE l.kind = 'owner' ORDER BY l.action_iri, name, l.target_iri""")
    connection.execute("CREATE TEMP TABLE owner_names (action_iri TEXT PRIMARY KEY, names TEXT, iris TEXT)")
    connection.executemany("INSERT INTO owner_names VALUES (?, ?, ?)", (
        (action, SEPARATOR.join(row[1] for row in rows), " ".join(row[2] for row in rows))
        for action, rows in ((action, list(rows)) for action, rows in groupby(named, key=lambda row: row[0]))))


def _actions(connection) -> None:
    connection.execute(f"""
        INSERT OR IGNORE INTO actions (iri, plan_iri, plan_label, recommendation_iri, recommendation_number,
          recommendation_label, number, number_sort, label, short_label, description, owners, owner_iris, due,
          due_label, target_text, progress)
        SELECT t.o, r.plan_iri, r.plan_label, t.s, r.number_sort, recommendation_label.o, number.o,
               sort_key(number.o, r.number, ordinal.o), COALESCE(label.o, t.o),
               short_label(COALESCE(label.o, t.o)),
               with_lead_in(description.o, lead_in.o), owner.names, owner.iris, due.o, date_label(due.o), target.o,
               progress_label.o
        FROM triple t
        JOIN recommendations r ON r.iri = t.s
        LEFT JOIN owner_names owner ON owner.action_iri = t.o
        {_values(("recommendation_label", "t.s", LABEL), ("label", "t.o", LABEL), ("ordinal", "t.o", AP + "ordinal"),
                 ("number", "t.o", AP + "actionNumber"), ("description", "t.o", DCTERMS + "description"),
                 ("parent", "t.o", AP + "subActionOf"), ("lead_in", "parent.o", DCTERMS + "description"),
                 ("due", "t.o", AP + "targetDate"), ("target", "t.o", AP + "targetText"),
                 ("progress", "t.o", AP + "progress"), ("progress_label", "progress.o", LABEL))}
        WHERE t.p = '{AP}hasAction' ORDER BY t.o""")


def _named_entities(connection) -> None:
    """Owners, organisations, tools and deliverables with every name they go by."""
    alternatives = {subject: {row[1] for row in rows} for subject, rows in groupby(connection.execute(
        f"SELECT s, o FROM triple WHERE p IN ({_iris(ALTERNATIVES)}) ORDER BY s"), key=lambda row: row[0])}
    rank = " ".join(f"WHEN '{iri}' THEN {position}" for position, iri in enumerate(KINDS.values()))
    kinds = list(KINDS)
    found = connection.execute(f"""
        SELECT kind.s, kind.rank, label.o, context_label.o FROM
          (SELECT s, MIN(CASE o {rank} END) AS rank FROM triple WHERE p = '{TYPE}' AND o IN ({_iris(KINDS.values())})
           GROUP BY s) kind
        JOIN value label ON label.p = '{LABEL}' AND label.s = kind.s
        {_values(("context", "kind.s", AP + "ownerIn"), ("context_label", "context.o", LABEL))}
        ORDER BY kind.rank, kind.s""")
    connection.executemany(
        "INSERT INTO entities (iri, kind, label, alt_labels, description, context) VALUES (?, ?, ?, ?, NULL, ?)",
        ((iri, kinds[rank], label, SEPARATOR.join(sorted(alternatives.get(iri, set()) - {label})) or None, context)
         for iri, rank, label, context in found))


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
