"""Reading the read side: the only place that holds SQL for the pages.

``ReadSide(path)`` opens ``plangraph.sqlite`` read-only (one connection per thread).  A page names
a *relation* (``plans``, ``recommendations``, ``actions``, ``entities`` or ``answer:<query name>``),
``Condition``s and a sort; column names are checked against the relation's own columns, and every
value travels as a bound parameter, so nothing a visitor types becomes SQL.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .answers import sort_expression, table_name
from .canned import COMPARISONS

_TABLES = ("plans", "recommendations", "actions", "entities", "blockers")
_OPERATORS = {"=": "{column} = :value", "<": "{column} < :value", **COMPARISONS,
              "linked": "{column} IN (SELECT action_iri FROM action_links WHERE kind = :kind AND target_iri = :value)"}
_WORD = re.compile(r"\w+")
_MARK = ("\x02", "\x03")  # around the words a search matched; never in the graph's text (control characters)
KINDS = ("plan", "recommendation", "action", "owner", "organisation", "tool", "deliverable")


@dataclass(frozen=True)
class Condition:
    """Rows whose ``column`` compares to ``value`` by ``operator`` (a key of ``_OPERATORS``);
    ``linked`` keeps actions linked to the IRI ``value`` by ``kind`` (owner, organisation, tool, deliverable)."""

    column: str
    operator: str
    value: object
    kind: str | None = None


class ReadSide:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._columns: dict[str, list[str]] = {}

    @property
    def connection(self) -> sqlite3.Connection:
        if getattr(self._local, "connection", None) is None:
            self._local.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.connection.row_factory = sqlite3.Row
        return self._local.connection

    def columns(self, relation: str) -> list[str]:
        """The relation's columns, in order; an unknown relation is a KeyError."""
        table = self._table(relation)
        if table not in self._columns:
            found = [row["name"] for row in self.connection.execute(f'PRAGMA table_info("{table}")')]
            if not found:
                raise KeyError(relation)
            self._columns[table] = found
        return self._columns[table]

    def count(self, relation: str, conditions: tuple[Condition, ...] = ()) -> int:
        where, values = self._where(relation, conditions)
        return self.connection.execute(f'SELECT COUNT(*) FROM "{self._table(relation)}"{where}', values).fetchone()[0]

    def rows(self, relation: str, conditions: tuple[Condition, ...] = (), order: tuple[tuple[str, bool], ...] = (),
             limit: int | None = None, offset: int = 0) -> Iterator[dict]:
        """Rows as dicts, sorted by ``order`` ((column, descending) pairs), then in the relation's
        own order; ``limit=None`` streams every row (for downloads of the whole answer)."""
        table = self._table(relation)
        where, values = self._where(relation, conditions)
        tiebreak = "rank" if "rank" in self.columns(relation) else "rowid"
        keys = [self._sort_key(relation, column, descending) for column, descending in order]
        last = f"{tiebreak} DESC" if order and order[-1][1] else tiebreak  # one direction: an index can serve it
        sql = f'SELECT * FROM "{table}"{where} ORDER BY {", ".join([*keys, last])}'
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            values = {**values, "limit": int(limit), "offset": int(offset)}
        for row in self.connection.execute(sql, values):
            yield dict(row)

    def totals(self, relation: str, columns: list[str]) -> dict[str, int]:
        """The sum of each of these columns over the whole relation."""
        sums = ", ".join(f'COALESCE(SUM("{self._known(relation, column)}"), 0)' for column in columns)
        return dict(zip(columns, self.connection.execute(f'SELECT {sums} FROM "{self._table(relation)}"').fetchone()))

    def answer(self, name: str) -> dict | None:
        """A ready-made answer's title, row count and columns with what each holds (iri, number, date, text)."""
        found = self.connection.execute("SELECT title, rows FROM answers WHERE name = ?", (name,)).fetchone()
        if found is None:
            return None
        kinds = [(row["name"], row["kind"]) for row in self.connection.execute(
            "SELECT name, kind FROM answer_columns WHERE answer = ? ORDER BY position", (name,))]
        return {"title": found["title"], "rows": found["rows"], "columns": kinds}

    def search(self, text: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
        """Entities whose words start with every word typed, best first (bm25; labels weigh most).
        Each hit's label, other names and excerpt come plain and as ``<field>_parts``: (text, matched)
        pairs, so a page can show the words that matched."""
        match = fts_query(text)
        if not match:
            return 0, []
        total = self.connection.execute("SELECT COUNT(*) FROM entities_fts WHERE entities_fts MATCH ?",
                                        (match,)).fetchone()[0]
        hits = self.connection.execute(
            "SELECT e.iri, e.kind, e.context, highlight(entities_fts, 0, :open, :close) AS label, "
            "highlight(entities_fts, 1, :open, :close) AS alt_labels, "
            "snippet(entities_fts, 2, :open, :close, ' … ', 16) AS excerpt "
            "FROM entities_fts JOIN entities e ON e.rowid = entities_fts.rowid "
            "WHERE entities_fts MATCH :match ORDER BY bm25(entities_fts, 10.0, 6.0, 1.0), e.rowid "
            "LIMIT :limit OFFSET :offset",
            {"match": match, "limit": int(limit), "offset": int(offset), "open": _MARK[0], "close": _MARK[1]}).fetchall()
        return total, [_with_parts(dict(hit), ("label", "alt_labels", "excerpt")) for hit in hits]

    def _table(self, relation: str) -> str:
        if relation.startswith("answer:"):
            return table_name(relation.removeprefix("answer:"))
        if relation not in _TABLES:
            raise KeyError(relation)
        return relation

    def _sort_key(self, relation: str, column: str, descending: bool) -> str:
        kinds = dict(self.answer(relation.removeprefix("answer:"))["columns"]) if relation.startswith("answer:") else {}
        expression = sort_expression(self._known(relation, column), kinds.get(column))
        return ", ".join(part + (" DESC" if descending else "") for part in expression.split(", "))

    def _known(self, relation: str, column: str) -> str:
        if column not in self.columns(relation):
            raise KeyError(f"{relation} has no column {column!r}")
        return column

    def _where(self, relation: str, conditions: tuple[Condition, ...]) -> tuple[str, dict]:
        clauses, values = [], {}
        for index, condition in enumerate(conditions):
            column = f'"{self._known(relation, condition.column)}"'
            clause = _OPERATORS[condition.operator].format(column=column)
            clauses.append(clause.replace(":value", f":value{index}").replace(":kind", f":kind{index}"))
            values[f"value{index}"], values[f"kind{index}"] = condition.value, condition.kind
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), values

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None


def _with_parts(hit: dict, fields: tuple[str, ...]) -> dict:
    for field in fields:
        marked = hit[field]
        hit[field] = marked.replace(_MARK[0], "").replace(_MARK[1], "") if marked is not None else None
        hit[f"{field}_parts"] = matched_parts(marked) if marked is not None else []
    return hit


def matched_parts(marked: str) -> list[tuple[str, bool]]:
    """Text with the matched words between ``_MARK``s as (text, matched) pairs, in order."""
    parts = []
    for index, piece in enumerate(re.split(f"[{''.join(_MARK)}]", marked)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return parts


def fts_query(text: str) -> str:
    """What a visitor typed as an FTS5 query: each word quoted and matched as a prefix, all required
    (so no character they type is FTS5 syntax)."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(text.lower())[:12])
