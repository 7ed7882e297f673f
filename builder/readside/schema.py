"""The read side's tables: what the app's pages show, one row per thing, indexed for paging and sorting.

Dates are ISO text (``2019-06`` or ``2019-06-30``: sorted as text they sort as dates) with a label
beside them ("June 2019"); numbers printed in the plans are kept as printed with an INTEGER copy to
sort by (recommendation 2 before 10).  Lists of names are joined with ``SEPARATOR`` and the IRIs
they name with spaces, in the same order.  Search matches every word typed as the start of a word,
so the index keeps every two-letter start too ("of" stands for of, office, offender ...: read
from one list instead of merged from hundreds, which halves a common search at 1000x).
"""
from __future__ import annotations

SCHEMA_VERSION = "4"
SEPARATOR = "; "
TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE plans (
  iri TEXT PRIMARY KEY, label TEXT, title TEXT, submitted TEXT, submitted_label TEXT,
  published TEXT, published_label TEXT, inspected_iri TEXT, inspected_label TEXT,
  recommendations INTEGER, agreed INTEGER, partly_agreed INTEGER, not_agreed INTEGER,
  actions INTEGER, completed INTEGER, ongoing INTEGER, planned INTEGER, no_progress INTEGER,
  blocked INTEGER);
CREATE TABLE recommendations (
  iri TEXT PRIMARY KEY, plan_iri TEXT, plan_label TEXT, number TEXT, number_sort INTEGER, text TEXT,
  agreement TEXT, rationale TEXT, actions INTEGER);
CREATE TABLE actions (
  iri TEXT PRIMARY KEY, plan_iri TEXT, plan_label TEXT, recommendation_iri TEXT,
  recommendation_number INTEGER, recommendation_label TEXT, number TEXT, number_sort TEXT, label TEXT, short_label TEXT,
  description TEXT, owners TEXT, owner_iris TEXT, due TEXT, due_label TEXT, target_text TEXT,
  progress TEXT, blocked INTEGER DEFAULT 0, blocker TEXT, blocker_iri TEXT, blocked_because TEXT,
  blocked_through TEXT, blocked_why TEXT);
CREATE TABLE blockers (iri TEXT PRIMARY KEY, label TEXT, developer TEXT, actions INTEGER, plans INTEGER);
CREATE TABLE action_links (action_iri TEXT, kind TEXT, target_iri TEXT);
CREATE TABLE entities (iri TEXT PRIMARY KEY, kind TEXT, label TEXT, alt_labels TEXT, description TEXT, context TEXT);
CREATE VIRTUAL TABLE entities_fts USING fts5(label, alt_labels, description, content='entities',
                                             tokenize="unicode61 remove_diacritics 2", prefix='2');
CREATE TABLE answers (name TEXT PRIMARY KEY, title TEXT, rows INTEGER);
CREATE TABLE answer_columns (answer TEXT, position INTEGER, name TEXT, kind TEXT);
"""
# made after the rows are in: building an index once is faster than keeping it while inserting
INDEXES = """
CREATE INDEX recommendations_plan ON recommendations (plan_iri, number_sort);
CREATE INDEX actions_plan ON actions (plan_iri, recommendation_number, number_sort);
CREATE INDEX actions_recommendation ON actions (recommendation_iri, number_sort);
CREATE INDEX actions_due ON actions (due);
CREATE INDEX actions_blocked ON actions (blocked, blocker, plan_label, number_sort);
CREATE INDEX action_links_target ON action_links (kind, target_iri, action_iri);
CREATE INDEX entities_kind ON entities (kind, label);
CREATE INDEX plans_label ON plans (label);
"""
# which columns of the actions table each link kind of action_links fills from the graph
LINK_KINDS = ("owner", "organisation", "tool", "deliverable")
