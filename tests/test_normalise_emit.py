"""Normalise and emit, each on a hand-made RawPlan: no layout involved."""
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import ORG, RDF, SKOS, XSD

from builder.checks import check_plan
from builder.emit import emit_plan
from builder.model import RawAction, RawMeasure, RawPlan, RawRecommendation, SourceDocument, Span
from builder.normalise.plan import normalise_plan

AP = Namespace("https://w3id.org/plangraph/ontology#")
ID = Namespace("https://w3id.org/plangraph/id/")
TEXT = "\n".join([
    "Action Plan Submitted: 10/06/2019",
    "A Response to the HMI Probation Inspection: Example Community Rehabilitation Company",
    "The Head of Performance and Quality (HoP&Q) will use the Regional Case Audit Tool (RCAT).",
    "Example CRC is one of five CRCs led by Interserve.",
    "rec 1", "action a", "action b", "rec 2", "action c", "measure",
])


def raw_plan() -> RawPlan:
    source = SourceDocument(path=Path("example.txt"), text=TEXT, sha256="ab" * 32)
    rec1 = RawRecommendation(
        number="1", span=Span(5, 7), text="Improve audits.", agreement="Agreed", addressee="The CRC",
        actions=[RawAction("Audit cases with RCAT.", Span(6, 6), owner="HoP&Q & Head of Operations", target="May 19"),
                 RawAction("Audit cases with RCAT.", Span(6, 6), owner="HoP&Q & Head of Operations", target="May 19"),
                 RawAction("Report to Interserve.", Span(7, 7), owner="Head of Operations", target="Water 2020")])
    rec2 = RawRecommendation(
        number="2", span=Span(8, 10), text="Add managers, as at the previous inspection.",
        agreement="Partly agreed (affordability will need to be balanced)", addressee="Purple Futures should:",
        actions=[RawAction("Review capacity.", Span(9, 9), owner="SLT", target="Monthly from July 2019")],
        measures=[RawMeasure("Sickness falls.", Span(10, 10))])
    return RawPlan(source=source, layout="test", title="Example CRC",
                   inspected="Example Community Rehabilitation Company", submitted="10/06/2019",
                   recommendations=[rec1, rec2], summary={"Agreed": 2, "Partly Agreed": 0, "Total": 2})


def test_normalise_reads_values_and_keeps_raw():
    plan = normalise_plan(raw_plan())
    assert plan.key == "example-crc-2019" and plan.inspected == "example-crc"
    rec1, rec2 = plan.recommendations
    assert rec1.addressee == "example-crc"  # "The CRC" is the inspected CRC
    assert len(rec1.actions) == 2  # the duplicate is kept once
    first = rec1.actions[0]
    assert [o.label for o in first.owners] == ["Head of Performance and Quality", "Head of Operations"]
    assert first.tools == ["rcat"] and first.target.due.isoformat() == "2019-05-01"
    assert rec2.agreement == "PartlyAgreed" and rec2.reasons == ["Affordability"]
    assert "affordability" in rec2.rationale and rec2.repeated
    assert rec2.addressee == "purple-futures"
    assert plan.organisations["example-crc"].parent == "purple-futures"


def test_normalise_warns_instead_of_guessing():
    messages = [w.message for w in normalise_plan(raw_plan()).warnings]
    assert any("printed twice" in m for m in messages)
    assert any("'Water 2020' could not be read" in m for m in messages)
    raw = raw_plan()
    assert any("summary table says Agreed: 2, but 1" in w.message for w in check_plan(raw, normalise_plan(raw)))


def test_emit_triples():
    graph = emit_plan(normalise_plan(raw_plan()))
    plan = ID["plan/example-crc-2019"]
    rec2 = ID["plan/example-crc-2019/recommendation/2"]
    action = ID["plan/example-crc-2019/action/r1-1"]
    assert (plan, AP.hasRecommendation, rec2) in graph
    assert (rec2, AP.agreement, AP.PartlyAgreed) in graph
    assert (rec2, AP.rationaleReason, AP.AffordabilityReason) in graph
    assert (action, AP.targetDate, Literal("2019-05", datatype=XSD.gYearMonth)) in graph
    assert (action, AP.mentions, ID["tool/rcat"]) in graph
    assert (action, AP.sourceLineStart, Literal(6)) in graph
    owner = ID["owner/example-crc/head-of-performance-and-quality"]
    assert (action, AP.owner, owner) in graph and (owner, RDF.type, ORG.Post) in graph
    assert (ID["tool/rcat"], SKOS.notation, Literal("RCAT")) in graph
    assert (ID["org/purple-futures"], ORG.subOrganizationOf, ID["org/interserve"]) in graph
    assert not any(isinstance(term, type(None)) for triple in graph for term in triple)
    assert all(isinstance(s, URIRef) for s in graph.subjects())  # no blank nodes


def test_emit_is_deterministic():
    first = emit_plan(normalise_plan(raw_plan())).serialize(format="turtle")
    second = emit_plan(normalise_plan(raw_plan())).serialize(format="turtle")
    assert first == second
