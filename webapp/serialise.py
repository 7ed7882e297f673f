"""Answers written by pyoxigraph itself, within a row cap and a byte cap, with no Python work per row.

Solutions are first written as SPARQL TSV and triples as N-Triples: one row (or triple) per line
in both, so counting rows and cutting at the cap are byte operations.  When another format is
asked for, pyoxigraph reads those lines back and writes that format.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pyoxigraph as ox

from builder import jsonld

SOLUTION_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                    "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
TURTLE_PREFIXES = {"ap": "https://w3id.org/plangraph/ontology#", "id": "https://w3id.org/plangraph/id/"}


@dataclass(frozen=True)
class Caps:
    rows: int
    bytes: int


class _Full(Exception):
    """Raised inside pyoxigraph's writer to stop it at the byte cap."""


class _CappedBuffer(io.RawIOBase):
    def __init__(self, limit: int):
        super().__init__()
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        if self.size + len(chunk) > self.limit:
            self.parts.append(bytes(chunk[: self.limit - self.size]))
            self.size = self.limit
            raise _Full
        self.parts.append(bytes(chunk))
        self.size += len(chunk)
        return len(chunk)


def within_bytes(result: ox.QuerySolutions, name: str, limit: int) -> bytes | None:
    """Solutions in format ``name``, or None if they are longer than ``limit`` bytes."""
    buffer = _CappedBuffer(limit)
    try:
        result.serialize(buffer, format=SOLUTION_FORMATS[name])
    except _Full:
        return None
    return b"".join(buffer.parts)


def _lines(result, line_format, limit: int) -> tuple[bytes, bool]:
    """The result as line-per-row bytes, stopped at ``limit`` bytes (then cut to whole lines)."""
    buffer = _CappedBuffer(limit)
    try:
        result.serialize(buffer, format=line_format)
    except _Full:
        data = b"".join(buffer.parts)
        return data[: data.rfind(b"\n") + 1], True
    return b"".join(buffer.parts), False


def _megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def _first_lines(data: bytes, count: int) -> bytes:
    end = -1
    for _ in range(count):
        end = data.find(b"\n", end + 1)
    return data[: end + 1]


def solutions(result: ox.QuerySolutions, name: str, caps: Caps) -> tuple[bytes, str]:
    """SELECT solutions in format ``name``, and why they were cut ("" if they were not)."""
    tsv, full = _lines(result, ox.QueryResultsFormat.TSV, caps.bytes)
    rows = max(tsv.count(b"\n") - 1, 0)  # the first line names the variables
    cut = _megabytes(caps.bytes) if full else ""
    if rows > caps.rows:
        tsv, rows, cut = _first_lines(tsv, caps.rows + 1), caps.rows, f"{caps.rows} rows"
    while True:
        body = tsv if name == "tsv" else solutions_as(tsv, "tsv", name)
        if len(body) <= caps.bytes or rows == 0:
            return body, cut
        # another format can be longer than TSV: keep as many rows as fit
        rows = min(rows - 1, rows * caps.bytes // len(body))
        tsv, cut = _first_lines(tsv, rows + 1), _megabytes(caps.bytes)


def triples(result, name: str, caps: Caps) -> tuple[bytes, str]:
    """CONSTRUCT/DESCRIBE triples in format ``name``, and why they were cut."""
    ntriples, full = _lines(result, ox.RdfFormat.N_TRIPLES, caps.bytes)
    cut = _megabytes(caps.bytes) if full else ""
    if ntriples.count(b"\n") > caps.rows:
        ntriples, cut = _first_lines(ntriples, caps.rows), f"{caps.rows} triples"
    return (ntriples if name == "nt" else graph_as(ntriples, name)), cut


def boolean(result: ox.QueryBoolean, name: str) -> bytes:
    return result.serialize(format=SOLUTION_FORMATS[name])


def solutions_as(body: bytes, source: str, target: str) -> bytes:
    """Results (SELECT or ASK) written in one format, rewritten in another."""
    if source == target:
        return body
    return ox.parse_query_results(body, SOLUTION_FORMATS[source]).serialize(format=SOLUTION_FORMATS[target])


def graph_as(ntriples: bytes, name: str) -> bytes:
    parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    if name == "turtle":
        return ox.serialize(parsed, format=GRAPH_FORMATS[name], prefixes=TURTLE_PREFIXES)
    if name == "jsonld":
        return jsonld.to_bytes(parsed)
    return ox.serialize(parsed, format=GRAPH_FORMATS[name])
