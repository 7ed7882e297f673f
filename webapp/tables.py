"""The table component: any read-side relation as a table people can sort, page and download.

Use (a view)::

    from builder.readside import Condition
    from ..tables import action_table

    table = action_table(key="actions", conditions=(Condition("plan_iri", "=", plan_iri),))
    # or the actions linked to an owner, organisation, tool or deliverable:
    table = action_table(conditions=(Condition("iri", "linked", owner_iri, kind="owner"),))
    data["actions"] = table.page(request.args)          # a dict, JSON-ready; its .cells are what the macro draws

and in its template::

    {% from "_table.html" import render_table %}
    {{ render_table(data.actions) }}

``Table(relation, columns, ...)`` makes any other table (see ``action_columns`` for the columns of an
action table).  The address keeps the sort and the page (``?_sort=due``, ``?_sort_desc=due``,
``?_page=3``; prefixed by ``key`` as ``actions_sort`` when a page has several tables), so it can be
shared.  ``table.download("csv" | "json")`` streams the *whole* answer in the chosen order; pages
offer it beside their address (``/blocked.csv``) by passing ``downloads_at=`` the address stem.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urlencode

from flask import Response, request
from markupsafe import Markup, escape

from builder.readside import Condition
from builder.readside.schema import SEPARATOR
from builder.readside.tables import date_label

from .core import current

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SHORT = 160  # characters of a long text shown before "more"
LONG_TEXT = 60  # a text longer than this makes its column wide


@dataclass(frozen=True)
class Column:
    name: str  # the relation's column holding the value (what it sorts by, unless ``sort``)
    heading: str
    kind: str = "text"  # text | number | date | long | link | links
    link: str | None = None  # the column holding the IRI to link to (space-separated for ``links``)
    sort: tuple[str, ...] = ()  # the columns to sort by, when not ``name``
    empty: str = ""  # what an empty cell says ("not printed")
    reads: str = "{}"  # how the value reads ("recommendation {}")
    field: str = ""  # its name in downloads, when not its heading
    then: "Column | None" = None  # a second value in the same cell, after a comma (a plan's recommendation)
    quote: "Column | None" = None  # the plan's own words for the value, shown beneath it

    @property
    def sort_columns(self) -> tuple[str, ...]:
        return self.sort or (self.name,)

    def fields(self) -> list[tuple[str, str]]:
        """(name in a download, relation column): the value, its IRI, and those of the values drawn with it."""
        name = self.field or self.heading
        found = [(name, self.name)] + ([(f"{name} IRI", self.link)] if self.link else [])
        for inner in (self.then, self.quote):
            found += inner.fields() if inner else []
        return found


def action_columns(prefix: str = "", iri: str = "iri") -> list[Column]:
    """What every action table shows; ``prefix`` names the action's columns where they are joined
    to another answer (``action_`` in ready-made answers, whose action IRI column is ``action``)."""
    return [
        Column(prefix + "short_label", "Action", "link", link=iri, sort=(prefix + "number_sort",)),
        Column(prefix + "description", "What the plan says", "long"),
        Column(prefix + "owners", "Owner", "links", link=prefix + "owner_iris", empty="not stated"),
        Column(prefix + "due", "Due", "date", empty="no date"),
        Column(prefix + "progress", "Progress"),
        Column(prefix + "plan_label", "Plan and recommendation", "link", link=prefix + "plan_iri", field="Plan",
               sort=(prefix + "plan_label", prefix + "recommendation_number"), then=Column(
                   prefix + "recommendation_number", "Recommendation", "link", link=prefix + "recommendation_iri",
                   reads="recommendation {}")),
    ]


@dataclass(frozen=True)
class Table:
    relation: str  # a read-side relation: plans, actions, answer:<name> ...
    columns: list[Column]
    conditions: tuple[Condition, ...] = ()
    default_sort: tuple[tuple[str, bool], ...] = ()  # (column, descending): else the relation's own order
    key: str = ""  # prefix of the address parameters, for pages with several tables
    downloads_at: str | None = None  # the address stem that ``.csv`` / ``.json`` go beside
    download_forms: tuple[str, ...] = ("csv", "json")  # an entity's .json is its page's data: CSV only
    extra: dict = field(default_factory=dict)  # address parameters to keep in links (a query's date ...)
    fields_as_named: tuple[str, ...] = ()  # downloads give these columns under their own names instead

    def arg(self, name: str) -> str:
        return f"{self.key}_{name}" if self.key else f"_{name}"

    def order(self, args) -> tuple[tuple[str, bool], ...]:
        by_name = {column.name: column for column in self.columns}
        for descending, parameter in ((False, "sort"), (True, "sort_desc")):
            chosen = args.get(self.arg(parameter))
            if chosen in by_name:
                return tuple((column, descending) for column in by_name[chosen].sort_columns)
        return self.default_sort

    def page(self, args) -> "TablePage":
        """One page of rows with the total, the sort and links to the pages around it: as data, each row
        its values by field name (as downloads give them), and as ``cells``, what the page draws."""
        core = current()
        readside = core.readside
        total = readside.count(self.relation, self.conditions)
        size = _number(args.get(self.arg("size")), PAGE_SIZE, 1, MAX_PAGE_SIZE)
        number = min(requested_page(args, self.arg("page")), max(1, -(-total // size)))
        pager = page_links(number, total, size, lambda other: self._url(args, **{self.arg("page"): other}))
        rows = list(readside.rows(self.relation, self.conditions, self.order(args), size, (number - 1) * size))
        sort, descending = _chosen(self, args)
        fields = self.fields()
        cells = [[_cell(column, row, core.local_path) for column in self.columns] for row in rows]
        return TablePage({
            "columns": [{"name": c.name, "heading": c.heading, "kind": _shown_kind(c, rows),
                         "sort_url": self._url(args, **{self.arg("sort_desc" if sort == c.name and not descending
                                                                 else "sort"): c.name}),
                         "sorted": "descending" if sort == c.name and descending else
                                   "ascending" if sort == c.name else None} for c in self.columns],
            "rows": [_record(fields, row) for row in rows],
            "total": total, **pager, "size": size,
            "first": (number - 1) * size + 1 if total else 0, "last": min(number * size, total),
            "downloads": self._downloads(args),
        }, cells)

    def records(self, args, readside=None) -> Iterator[dict]:
        """Every row of the answer in the chosen order, as plain values (IRIs beside their labels)."""
        fields = self.fields()
        rows = (readside or current().readside).rows(self.relation, self.conditions, self.order(args))
        for row in rows:
            yield _record(fields, row)

    def fields(self) -> list[tuple[str, str]]:
        """(name in a download, relation column) for each column and each column of IRIs."""
        if self.fields_as_named:
            return [(name, name) for name in self.fields_as_named]
        return [field for column in self.columns for field in column.fields()]

    def download(self, form: str, args, name: str, about: dict | None = None) -> Response:
        """The whole answer as CSV or JSON (``about``: what the JSON says before its rows), streamed so
        that a large answer never sits in memory."""
        readside = current().readside  # the rows stream after the view returns, outside the app's context
        body = _csv(self, args, readside) if form == "csv" else _json(self, args, readside, about or {})
        mimetype = "text/csv" if form == "csv" else "application/json"
        response = Response(body, mimetype=mimetype)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}.{form}"'
        return response

    def _url(self, args, **changes) -> str:
        kept = {**self.extra, **args.to_dict()}
        if any(name in (self.arg("sort"), self.arg("sort_desc")) for name in changes):  # a new sort starts at page 1
            for name in (self.arg("sort"), self.arg("sort_desc"), self.arg("page")):
                kept.pop(name, None)
        kept.update({k: str(v) for k, v in changes.items()})
        return request.path + ("?" + urlencode(kept) if kept else "")

    def _downloads(self, args) -> dict | None:
        if self.downloads_at is None:
            return None
        query = {k: v for k, v in {**self.extra, **args.to_dict()}.items() if not k.endswith(("page", "size"))}
        suffix = "?" + urlencode(query) if query else ""
        return {form: f"{self.downloads_at}.{form}{suffix}" for form in self.download_forms}


class TablePage(dict):
    """A page of a table as data (what its ``.json`` twin gives: plain values, never markup), with
    ``cells``, each row's cells as the page draws them, beside it (so JSON never carries them)."""

    def __init__(self, data: dict, cells: list[list[Markup]]):
        super().__init__(data)
        self.cells = cells


def _record(fields: list[tuple[str, str]], row: dict) -> dict:
    return {name: row.get(column) for name, column in fields}


def action_table(conditions: tuple[Condition, ...] = (), key: str = "", downloads_at: str | None = None,
                 extra_columns: list[Column] = (), download_forms: tuple[str, ...] = ("csv", "json")) -> Table:
    """Actions from the read side's actions table, by plan and number unless the address sorts them."""
    return Table("actions", action_columns() + list(extra_columns), tuple(conditions),
                 (("plan_label", False), ("number_sort", False)), key, downloads_at, download_forms=download_forms)


def _chosen(table: Table, args) -> tuple[str | None, bool]:
    if args.get(table.arg("sort_desc")):
        return args.get(table.arg("sort_desc")), True
    return args.get(table.arg("sort")), False


def requested_page(args, name: str = "_page") -> int:
    """The page number an address asks for: 1 when it asks for none, or for no number."""
    return _number(args.get(name), 1, 1, sys.maxsize)


def page_links(number: int, total: int, size: int, url: Callable[[int], str]) -> dict:
    """How many pages ``total`` rows make, ``size`` a page, and the addresses of the pages either
    side of page ``number`` (None at either end): what ``render_pager`` draws."""
    pages = max(1, -(-total // size))
    return {"page": number, "pages": pages, "previous": url(number - 1) if number > 1 else None,
            "next": url(number + 1) if number < pages else None}


def _number(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(text), low), high) if text else default
    except ValueError:
        return default


def _shown_kind(column: Column, rows: list[dict]) -> str:
    """A column of texts is drawn wide only if this page holds a long one: most answers' texts
    ("October 2018", a developer's name) are short, and a wide column of them pushes the table
    past a laptop's screen."""
    if column.kind != "long":
        return column.kind
    names = [column.name] + ([column.quote.name] if column.quote else [])
    long = any(len(str(row.get(name) or "")) > LONG_TEXT for row in rows for name in names)
    return "long" if long else "text"


def _cell(column: Column, row: dict, local_path) -> Markup:
    value = _value_cell(column, row, local_path)
    if column.then and row.get(column.then.name) not in (None, ""):
        value += Markup(", ") + _value_cell(column.then, row, local_path)
    if column.quote and row.get(column.quote.name):
        value += Markup('<blockquote class="plan-words">') + _value_cell(column.quote, row, local_path) + \
            Markup("</blockquote>")
    return value


def _value_cell(column: Column, row: dict, local_path) -> Markup:
    """A cell's markup, made here rather than in the template: a page draws hundreds of cells, and
    Python string formatting is several times faster than Jinja's attribute lookups for each."""
    value = row.get(column.name)
    if value is None or value == "":
        return escape(column.empty)
    if column.kind == "date":
        return escape(date_label(value))
    if column.kind == "links":
        labels, iris = str(value).split(SEPARATOR), (row.get(column.link) or "").split()
        if len(labels) != len(iris):
            return escape(value)
        return Markup("; ").join(_link(label, local_path(iri)) for label, iri in zip(labels, iris))
    text = column.reads.format(value)
    if column.kind == "link" and row.get(column.link):
        return _link(text, local_path(row[column.link]) or row[column.link])
    if column.kind == "long" and len(text) > SHORT:
        return Markup(f"<details><summary>{escape(text[:SHORT].rsplit(' ', 1)[0])} …</summary>{escape(text)}</details>")
    return escape(text)


def _link(text: str, href: str | None) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>') if href else escape(text)


def _csv(table: Table, args, readside) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in table.fields()])
    for record in table.records(args, readside):
        writer.writerow(["" if v is None else v for v in record.values()])
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(table: Table, args, readside, about: dict) -> Iterator[str]:
    total = readside.count(table.relation, table.conditions)
    head = {**about, "columns": [name for name, _ in table.fields()], "total": total}
    yield json.dumps(head)[:-1] + ', "rows": ['
    for index, record in enumerate(table.records(args, readside)):
        yield ("," if index else "") + json.dumps(record, ensure_ascii=False)
    yield "]}"

