"""The build writes N-Triples itself (builder/terms.py): the same triples rdflib makes of the same
values, in the canonical form Oxigraph writes, byte for byte (the output's order depends on it)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from builder.emit import emit_plan, emit_triples
from builder.terms import Iri, Typed, ntriples_lines, ntriples_term, rdflib_term

SUBJECT = Iri("https://w3id.org/plangraph/id/plan/x")
PREDICATE = Iri("https://w3id.org/plangraph/ontology#note")
TRICKY = ['He said "no"', "a \\ back\\slash \\n not a newline", "two\nlines\r\n", "tab\tand\bbell\x07\x0c",
          "NUL \x00 and DEL \x7f", "café, naïve, Łódź, 東京, emoji 😀", "\ufeffBOM and \ufffe\uffff",
          "", " ", "'single' quotes", "\u2028 line separator", "ends with a backslash \\"]


def oxigraph_line(value) -> str:
    """How Oxigraph writes the triple (SUBJECT, PREDICATE, value)."""
    if isinstance(value, str) and not isinstance(value, Iri):
        term = ox.Literal(value)
    elif isinstance(value, Iri):
        term = ox.NamedNode(value)
    elif isinstance(value, Typed):
        term = ox.Literal(value.lexical, datatype=ox.NamedNode(value.datatype))
    else:
        term = ox.Literal(str(value).lower() if isinstance(value, bool) else str(value), datatype=ox.NamedNode(
            str(XSD.boolean if isinstance(value, bool) else XSD.integer)))
    triple = ox.Triple(ox.NamedNode(SUBJECT), ox.NamedNode(PREDICATE), term)
    return ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES).decode()


VALUES = TRICKY + [0, 7, -3, 10**20, True, False, Iri("https://w3id.org/plangraph/id/org/hmpps"),
                   Typed("2019-06", Iri(str(XSD.gYearMonth))), Typed("2019-06-30", Iri(str(XSD.date))),
                   Typed('odd "lexical"\n', Iri(str(XSD.string) + "Like"))]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_term_is_written_as_oxigraph_writes_it_and_read_back_as_rdflib_makes_it(value):
    line = f"<{SUBJECT}> <{PREDICATE}> {ntriples_term(value)} .\n"
    assert line == oxigraph_line(value)
    (read,) = Graph().parse(data=line, format="nt")
    assert read == (URIRef(SUBJECT), URIRef(PREDICATE), rdflib_term(value))
    if not isinstance(value, (Iri, Typed)):
        assert rdflib_term(value) == Literal(value)


def test_every_character_is_escaped_exactly_where_oxigraph_escapes_it():
    characters = [chr(code) for code in (*range(0x3000), *range(0xE000, 0x10000), 0x10000, 0x1F600, 0x10FFFF)]
    triples = [ox.Triple(ox.NamedNode(SUBJECT), ox.NamedNode(PREDICATE), ox.Literal(c)) for c in characters]
    expected = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    assert "".join(f"<{SUBJECT}> <{PREDICATE}> {ntriples_term(c)} .\n" for c in characters) == expected


def test_a_value_that_is_no_rdf_term_is_refused():
    with pytest.raises(TypeError):
        ntriples_term(1.5)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_direct_writer_gives_the_triples_rdflib_gives_for_each_seed(plans, prefix):
    plan = plans[prefix]
    lines = ntriples_lines(emit_triples(plan))
    written = Graph().parse(data="".join(lines), format="nt")
    through_rdflib = emit_plan(plan)
    assert len(written) == len(through_rdflib) == len(lines) > 500
    assert set(written) == set(through_rdflib)
    # and the lines are Oxigraph's own canonical N-Triples of the same triples, in sorted order
    canonical = ox.serialize(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES),
                             format=ox.RdfFormat.N_TRIPLES).decode()
    assert lines == sorted(line + "\n" for line in canonical.split("\n")[:-1])
    assert any("\\n" in line for line in lines)  # the source texts, on several lines
