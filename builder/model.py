"""Plain data classes passed between the builder's stages.

read -> detect layout -> segment -> extract  produce a ``RawPlan`` (text as printed);
normalise turns it into a ``Plan`` (parsed dates, owners, tools, organisations);
emit turns a ``Plan`` into RDF.  Each stage can be tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path


class BuildError(Exception):
    """A document could not be built.  Always names the file (and line, where known)."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # built in a worker process, reported by the parent
        return BuildError, (self.source, self.message, self.line)


@dataclass(frozen=True)
class Span:
    """1-based, inclusive line numbers in the source document."""

    first: int
    last: int

    def union(self, other: "Span") -> "Span":
        return Span(min(self.first, other.first), max(self.last, other.last))


@dataclass(frozen=True)
class BuildWarning:
    source: str
    line: int | None
    message: str
    # the plan reads as less than it says (its own cross-checks disagree), or a word was guessed:
    # printed in every build summary, and `plangraph build --strict` fails on it
    cross_check: bool = False
    place: str | None = None  # "page 3", "table 2, row 14": where a PDF or Word document printed it

    def __str__(self) -> str:
        where = f"{self.source} ({self.place})" if self.place else \
            f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Location:
    """Where a line of a document's read form was printed, for documents that are not plain text:
    the page and height on it (PDF), the table and row (Word, HTML, a PDF's ruled table)."""

    page: int | None = None
    top: float | None = None  # points from the top of the page
    table: int | None = None  # from 1, in the order the document prints its tables
    row: int | None = None  # from 1, the table's own row (its heading row included)

    def __str__(self) -> str:
        parts = [f"page {self.page}"] if self.page else []
        parts += [f"table {self.table}, row {self.row}"] if self.table else []
        return ", ".join(parts)


@dataclass(frozen=True)
class SourceDocument:
    """A document as the layouts read it: plain text lines.  A PDF, Word or HTML document is read
    into the same form (tab-separated table rows with HTML cells, or lines of text) by a reader,
    which also says where each line was printed (``locations``, one per line)."""

    path: Path
    text: str
    sha256: str
    reader: str = "text"
    media_type: str = "text/plain"
    locations: tuple[Location | None, ...] = ()
    whole_rows: bool = False  # the reader joined table rows cut by page breaks: no row is cut short

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property  # the layouts ask for the lines dozens of times
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def __getstate__(self) -> dict:  # pickled (in the built plan's entry) without its lines: the text has them
        return {name: value for name, value in vars(self).items() if name != "lines"}
    def location(self, line: int | None) -> Location | None:
        """Where the 1-based line was printed; None for plain text, where the line says it."""
        if not line or not self.locations:
            return None
        return self.locations[min(line, len(self.locations)) - 1]

    def place(self, line: int | None) -> str | None:
        location = self.location(line)
        return str(location) if location else None


# ---------------------------------------------------------------- raw (as printed)


@dataclass
class RawAction:
    """One step of a response, with its owner and target cells exactly as printed."""

    text: str
    span: Span
    number: str | None = None  # "1.1.1" where the plan numbers it
    owner: str | None = None
    target: str | None = None
    parent: int | None = None  # index of the action this unnumbered sub-action belongs to


@dataclass
class RawMeasure:
    """An item of a "measure the impact by" / "Measuring progress" list: not an action.

    Some plans still print an owner and a date beside a measure; they are kept as printed.
    """

    text: str
    span: Span
    owner: str | None = None
    target: str | None = None


@dataclass
class RawRecommendation:
    number: str
    span: Span
    text: str | None
    agreement: str | None  # the cell as printed, e.g. "Partly agreed (affordability ...)"
    addressee: str | None = None  # "The CRC", "Tameside PDU" (from "... should:")
    agreement_line: int | None = None  # where the agreement cell is printed
    response: str = ""  # the whole response cell, narrative included
    actions: list[RawAction] = field(default_factory=list)
    measures: list[RawMeasure] = field(default_factory=list)
    number_inferred: bool = False  # number not printed, inferred from the sequence
    text_missing: bool = False  # the recommendation's row was lost at a page break


@dataclass
class RawPlan:
    source: SourceDocument
    layout: str
    title: str | None = None  # "ACTION PLAN: Merseyside CRC" -> "Merseyside CRC"
    inspected: str | None = None  # "A Response to the HMI Probation Inspection: ..."
    submitted: str | None = None  # "Action Plan Submitted: ..." as printed
    published: str | None = None  # "Report Published: ..." as printed
    recommendations: list[RawRecommendation] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)  # {"Agreed": 27, ..., "Total": 28}
    summary_line: int | None = None  # where the summary table starts
    warnings: list[BuildWarning] = field(default_factory=list)

    def warn(self, line: int | None, message: str, cross_check: bool = False) -> None:
        self.warnings.append(BuildWarning(self.source.name, line, message, cross_check))
    place: str | None = None  # "page 3", "table 2, row 14": where a PDF or Word document printed it


# ---------------------------------------------------------------- normalised


@dataclass(frozen=True)
class Target:
    """A target-date cell parsed: what is due when, and how far it has got."""

    raw: str
    due: date | None = None  # when it is due: the end of a range "April 19 - July 19"
    due_precision: str | None = None  # "day" or "month", of the dates printed
    start: date | None = None  # the start of a range, or "Monthly from July 2023"
    progress: str | None = None  # "Completed", "Ongoing", "Planned"
    recurrence: str | None = None  # "monthly", "weekly", "quarterly", ...
    qualifiers: tuple[str, ...] = ()  # "TBC", "NB timing dependant on ...", ...


@dataclass(frozen=True)
class Organisation:
    key: str  # slug, stable across plans
    label: str
    kind: str  # "Inspected", "PDU", "Region", "Company", "Provider", "CentralBody", "Government"
    parent: str | None = None  # key of the organisation it is a sub-organisation of
    notation: str | None = None


@dataclass(frozen=True)
class Owner:
    key: str
    label: str  # normalised, abbreviations expanded
    raw: str  # as printed in the cell
    organisation: str | None = None  # key of the organisation the post sits in
    is_team: bool = False
    alt_labels: tuple[str, ...] = ()  # the plan's other spellings of the same post


@dataclass(frozen=True)
class Tool:
    notation: str  # acronym, the shared key
    label: str | None  # expansion as printed by the documents
    is_framework: bool = False


@dataclass
class Action:
    key: str  # number, or "r{rec}-{ordinal}" where the plan does not number it
    number: str | None
    text: str
    span: Span
    owners: list[Owner]
    owner_raw: str | None
    target: Target | None
    tools: list[str]
    parent_key: str | None = None
    organisations: list[str] = field(default_factory=list)  # bodies the text names
    recurrence: str | None = None  # from the target cell, else from the text ("monthly case audits")


@dataclass
class Measure:
    text: str
    span: Span
    owner_raw: str | None = None
    target_raw: str | None = None


@dataclass
class Recommendation:
    number: str
    text: str | None
    span: Span
    agreement: str | None  # "Agreed", "PartlyAgreed", "NotAgreed"
    agreement_raw: str | None
    rationale: str | None
    addressee: str | None  # organisation key
    response: str
    actions: list[Action]
    measures: list[Measure]
    tools: list[str]
    reasons: list[str] = field(default_factory=list)  # permitted reasons the rationale names
    organisations: list[str] = field(default_factory=list)
    number_inferred: bool = False
    text_missing: bool = False
    agreement_inferred: bool = False  # the agreement cell was lost; deduced from the summary table
    repeated: bool = False  # "repeated from the previous inspection"


@dataclass(frozen=True)
class Deliverable:
    """Something actions wait on: a framework, package, strategy or condition another body provides."""

    key: str
    label: str
    developer: str | None = None  # organisation key
    availability: str | None = None  # "InDevelopment", "Available"; None where the plan does not say
    tool: str | None = None  # tool key, where the deliverable is a named tool or framework
    local: bool = False  # a local prerequisite (posts filled, the plan's own review), not central work


@dataclass(frozen=True)
class Dependency:
    """An action waits on another action (on_action) or on a deliverable (on_deliverable)."""

    action_key: str
    evidence: str  # the sentence of the plan that says so
    on_action: str | None = None
    on_deliverable: str | None = None


@dataclass
class Plan:
    key: str
    source: SourceDocument
    layout: str
    title: str
    inspected: str | None  # organisation key
    submitted: date | None
    published: date | None
    recommendations: list[Recommendation]
    summary: dict[str, int]
    organisations: dict[str, Organisation]
    tools: dict[str, Tool]
    glossary: dict[str, str]
    warnings: list[BuildWarning]
    deliverables: dict[str, Deliverable] = field(default_factory=dict)
    dependencies: list[Dependency] = field(default_factory=list)
