"""Ready-made queries as data: one ``.rq`` file each in ``builder/queries/``.

Above the SPARQL, comment lines say what a person needs to know and what the read side needs:

    # title: Overdue actions
    # description: ...
    # parameter: date | As of (YYYY-MM-DD) | today | [0-9]{4}-[0-9]{2}-[0-9]{2}
    # readside: date | due | month-before

A parameter's default ``today`` means the day the page is asked for (``this month``, its month).  A ``readside:`` line names the
parameter, the answer column it filters and how (see ``COMPARISONS``): the read side keeps the
answer unfiltered (the query without its lines that mention ``{{parameter}}``) and a page filters it
by that indexed column, so a new month or date never needs a new query over the whole graph.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[1] / "queries"
_HEADER = re.compile(r"^#\s*(title|description|parameter|readside):\s*(.*)$")
# how a parameter value selects rows of the stored answer: SQL over the column, the value bound
COMPARISONS = {
    "starts-with": "{column} >= :value AND {column} < :value || '~'",  # '~' sorts after ISO digits and '-'
    "month-before": "{column} < substr(:value, 1, 7)",  # ISO: before the value's month
}


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    default: str  # "today" means today's date, "this month" today's month
    pattern: str  # a value must match this whole, so nothing but data reaches the query

    def value(self, given: str | None) -> str:
        """The value to use: what was given, else the default (today's date for "today")."""
        return given or self.example

    @property
    def example(self) -> str:
        today = datetime.date.today().isoformat()
        return {"today": today, "this month": today[:7]}.get(self.default, self.default)

    def check(self, value: str) -> str:
        if not re.fullmatch(self.pattern, value):
            raise ValueError(f"{self.label}: {value!r} is not of the form {self.example}")
        return value


@dataclass(frozen=True)
class Filter:
    """How the read side answers one parameter: ``column`` compared to the value by ``comparison``."""

    parameter: str
    column: str
    comparison: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sparql: str
    parameters: tuple[Parameter, ...] = ()
    filters: tuple[Filter, ...] = ()

    def bound(self, values: dict[str, str]) -> str:
        """The query with its parameters filled in; a value of the wrong form is refused."""
        sparql = self.sparql
        for parameter in self.parameters:
            value = parameter.check(parameter.value(values.get(parameter.name)))
            sparql = sparql.replace("{{" + parameter.name + "}}", value)
        return sparql

    def unfiltered(self) -> str:
        """The query without the lines that filter by a read-side parameter: the whole answer."""
        marks = ["{{" + f.parameter + "}}" for f in self.filters]
        return "\n".join(line for line in self.sparql.splitlines() if not any(m in line for m in marks))


def load_queries(folder: Path = QUERIES) -> dict[str, CannedQuery]:
    """Every ready-made query in ``folder``, by file name without ``.rq``."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header: dict[str, list[str]] = {"title": [], "description": [], "parameter": [], "readside": []}
        for line in text.splitlines():
            if m := _HEADER.match(line):
                header[m.group(1)].append(m.group(2).strip())
        parameters = tuple(Parameter(*_parts(spec)) for spec in header["parameter"])
        filters = tuple(Filter(*_parts(spec)) for spec in header["readside"])
        for found in filters:
            if found.comparison not in COMPARISONS or found.parameter not in {p.name for p in parameters}:
                raise ValueError(f"{path}: readside line {found} names no parameter or an unknown comparison")
        queries[path.stem] = CannedQuery(path.stem, header["title"][0], " ".join(header["description"]),
                                         text, parameters, filters)
    return queries


def _parts(spec: str) -> list[str]:
    return [part.strip() for part in spec.split("|")]
