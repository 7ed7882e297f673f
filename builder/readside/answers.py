"""Each ready-made answer, computed once per build by running its plain SPARQL over the graph.

An answer is kept as a table ``answer_<name>`` with the query's variables as columns in the query's
own order (``rank``), each column indexed so a page can sort by it and read only its rows; a query
with a ``readside:`` parameter is kept unfiltered and a page filters it by the named column.
An answer with an ``action`` column also carries that action's row of the actions table (columns
``action_description``, ``action_owners`` ...), so that its page shows what each action says.
"""
from __future__ import annotations

import sqlite3

from .canned import CannedQuery
from .source import GraphReader, kind_of, plain


ACTION_COLUMNS = ("label", "short_label", "number_sort", "description", "owners", "owner_iris", "due", "due_label", "progress",
                  "plan_iri", "plan_label", "recommendation_iri", "recommendation_number", "blocked", "blocker",
                  "blocker_iri", "blocked_because", "blocked_why")


def sort_expression(column: str, kind: str | None) -> str:
    """How a column sorts: texts that start with a number by that number first ("2" before "10")."""
    return f'CAST("{column}" AS INTEGER), "{column}"' if kind == "text" else f'"{column}"'


def table_name(query_name: str) -> str:
    return "answer_" + query_name.replace("-", "_")


def store_answer(connection: sqlite3.Connection, graph: GraphReader, query: CannedQuery) -> None:
    sparql = query.unfiltered() if query.filters else query.bound({})
    names, rows = graph.solutions(sparql)
    table = table_name(query.name)
    # an answer about actions is staged in a temporary table and joined to their rows into the file:
    # no table is ever dropped from the file, which needs no VACUUM to be compact
    with_actions = "action" in names
    raw = f'temp."{table}_as_answered"' if with_actions else f'"{table}"'
    columns = ", ".join(f'"{name}"' for name in names)
    connection.execute(f'CREATE TABLE {raw} (rank INTEGER PRIMARY KEY, {columns})')
    kinds: dict[str, str] = {}
    insert = f'INSERT INTO {raw} VALUES ({", ".join("?" * (len(names) + 1))})'

    def ranked():
        for rank, row in enumerate(rows, 1):
            for name, term in zip(names, row):
                if term is not None and name not in kinds:
                    kinds[name] = kind_of(term)
            yield (rank, *(None if term is None else plain(term) for term in row))
    count = connection.executemany(insert, ranked()).rowcount
    if with_actions:
        _join_actions(connection, raw, table)
    for name in [column[1] for column in connection.execute(f'PRAGMA table_info("{table}")')]:
        connection.execute(f'CREATE INDEX "{table}_{name}" ON "{table}" ({sort_expression(name, kinds.get(name))}, rank)')
    for position, name in enumerate(names):
        connection.execute("INSERT INTO answer_columns VALUES (?, ?, ?, ?)",
                           (query.name, position, name, kinds.get(name, "text")))
    connection.execute("INSERT INTO answers VALUES (?, ?, ?)", (query.name, query.title, count))


def _join_actions(connection: sqlite3.Connection, raw: str, table: str) -> None:
    extra = ", ".join(f'a."{column}" AS "action_{column}"' for column in ACTION_COLUMNS)
    connection.execute(f'CREATE TABLE "{table}" AS SELECT t.*, {extra} FROM {raw} t '
                       f'LEFT JOIN actions a ON a.iri = t.action ORDER BY t.rank')
