"""RDF terms as plain Python values, written as N-Triples without rdflib.

Making rdflib terms (URIRef, Literal) and handing them to a writer cost more than all the rest
of emitting a plan, so the emitter works with plain values: an IRI is an `Iri` (a str), a
literal is a str (xsd:string), an int (xsd:integer), a bool (xsd:boolean) or a `Typed`
(a lexical form and its datatype).  `ntriples_lines` writes them in the canonical N-Triples
form Oxigraph writes, byte for byte (the build sorts these lines, so the Turtle it writes from
them depends on every byte); `rdflib_term` makes the rdflib term of the same value, for rdflib graphs.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from rdflib import Literal, URIRef

XSD = "http://www.w3.org/2001/XMLSchema#"


class Iri(str):
    __slots__ = ()


class Typed(NamedTuple):
    lexical: str
    datatype: Iri


class Vocabulary:
    """The IRIs of one namespace: `AP.Action` or `ID["plan/x"]`."""

    def __init__(self, base: str):
        self.base = base

    def __getattr__(self, name: str) -> Iri:
        if name.startswith("__"):
            raise AttributeError(name)
        iri = Iri(self.base + name)
        setattr(self, name, iri)  # made once: the next lookup is a plain attribute
        return iri

    def __getitem__(self, name: str) -> Iri:
        return Iri(self.base + name)

    def __str__(self) -> str:
        return self.base


# Canonical N-Triples (RDF 1.2): the short escapes where there is one, \uXXXX for the other
# control characters, DEL and the two noncharacters U+FFFE and U+FFFF; everything else as it is
_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F, 0xFFFE, 0xFFFF]} | {
    0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")
_RARE_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_INTEGER, _BOOLEAN = f"<{XSD}integer>", f"<{XSD}boolean>"


def quoted(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    if _RARE_ESCAPE.search(text):
        return f'"{text.translate(_ESCAPES)}"'
    # str.translate looks every character up: replacing the usual few is ten times faster
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\r", "\\r").replace("\t", "\\t") + '"'


def ntriples_term(value) -> str:
    kind = type(value)
    if kind is Iri:
        return f"<{value}>"
    if kind is str:
        return quoted(value)
    if kind is bool:
        return f'"{"true" if value else "false"}"^^{_BOOLEAN}'
    if kind is int:
        return f'"{value}"^^{_INTEGER}'
    if kind is Typed:
        return f"{quoted(value.lexical)}^^<{value.datatype}>"
    raise TypeError(f"no RDF term for {value!r}")


def ntriples_lines(triples: Iterable[tuple]) -> list[str]:
    """Each distinct triple as an N-Triples line (with its newline), sorted."""
    return sorted({f"<{s}> <{p}> {ntriples_term(o)} .\n" for s, p, o in triples})


def rdflib_term(value) -> URIRef | Literal:
    if type(value) is Iri:
        return URIRef(value)
    if type(value) is Typed:
        return Literal(value.lexical, datatype=URIRef(value.datatype))
    return Literal(value)
