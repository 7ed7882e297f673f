"""One owner, one name: spellings of one post within a plan are one owner, on the seeds' own words.

Expected merges read in the documents: 001 (Greater Manchester) prints "Head of M/C N PDU"
(line 35 and most cells), "Head of M/CN PDU" (line 39) and "Head of N M/C PDU" (line 55); 004
(Staffordshire and West Midlands) prints "HR Leads" (line 54) and "HR Lead" (line 55),
"Health and Safety Leads" / "Health and Safety Lead" (54, 56) and "Inspection and Quality Lead" /
"Leads" (23, 66).
"""
from __future__ import annotations

from rdflib import Literal, Namespace
from rdflib.namespace import RDFS, SKOS

from builder.model import Action, Owner, Recommendation, Span
from builder.normalise.same_post import one_owner_per_post

ID = Namespace("https://w3id.org/plangraph/id/")


def owners_of(plan) -> dict[str, Owner]:
    return {o.key: o for r in plan.recommendations for a in r.actions for o in a.owners}


def owner_labelled(plan, label: str) -> Owner:
    (owner,) = [o for o in owners_of(plan).values() if o.label == label or label in o.alt_labels]
    return owner


def merge_messages(plan) -> list[str]:
    return [str(w) for w in plan.warnings if "name the same post" in w.message]


def test_the_manchester_north_pdu_head_is_one_owner(plans):
    plan = plans["001"]
    head = owner_labelled(plan, "Head of M/C N PDU")
    assert head.key == "greater-manchester-region/head-of-m-c-n-pdu"
    assert set(head.alt_labels) == {"Head of M/CN PDU", "Head of N M/C PDU"}
    assert owner_labelled(plan, "Head of M/CN PDU") is not None and owner_labelled(plan, "Head of N M/C PDU") == head
    assert not [k for k in owners_of(plan) if k.endswith(("head-of-m-cn-pdu", "head-of-n-m-c-pdu"))]
    assert "001_b074292aa6065dd6.txt:35: owner 'Head of M/C N PDU': 'Head of M/CN PDU' (line 39); " \
           "'Head of N M/C PDU' (line 55) name the same post, spelt another way; one owner, the other " \
           "spellings kept as its alternative names" in merge_messages(plan)


def test_short_names_against_the_words_the_plan_spells_them_with(plans):
    plan = plans["001"]
    # line 39 "Head of Performance and Quality (HoP&Q)": "Head of P&Q" (lines 39, 83) is that post
    assert owner_labelled(plan, "Head of P&Q").label == "Head of Performance and Quality"
    # line 61 "Head of Human Resources (HoHR)": "Head HR" (line 68) is that post
    assert owner_labelled(plan, "Head HR").label == "Head of Human Resources"
    # the plan writes "Head of X" as "HoX": "HoOps" (line 68) is its "Head of Ops"
    assert owner_labelled(plan, "HoOps").label == "Head of Ops"


def test_different_posts_stay_apart(plans):
    plan = plans["001"]
    tameside, wigan = owner_labelled(plan, "Head of Tameside PDU"), owner_labelled(plan, "Head of Wigan PDU")
    assert tameside != wigan and not tameside.alt_labels and not wigan.alt_labels
    assert owner_labelled(plan, "Head of Public Protection") != owner_labelled(plan, "Head of Programmes")
    staffordshire = plans["004"]
    # heads and leads, deputies and not, are different posts
    labels = {o.label for o in owners_of(staffordshire).values()}
    assert {"Cluster Heads", "Cluster Leads", "Cluster Deputy Heads", "Cluster Deputy Leads"} <= labels


def test_singular_and_plural_leads_in_staffordshire_and_west_midlands(plans):
    plan = plans["004"]
    assert owner_labelled(plan, "HR Lead") == owner_labelled(plan, "HR Leads")
    assert owner_labelled(plan, "HR Lead").alt_labels == ("HR Lead",)
    assert owner_labelled(plan, "Health and Safety Lead") == owner_labelled(plan, "Health and Safety Leads")
    assert owner_labelled(plan, "Inspection and Quality Leads").label == "Inspection and Quality Lead"
    messages = merge_messages(plan)
    assert "004_e81440eff165366d.txt:54: owner 'HR Leads': 'HR Lead' (line 55) name the same post, spelt " \
           "another way; one owner, the other spellings kept as its alternative names" in messages


def test_the_same_words_in_another_order_may_be_the_same_post_and_stay_apart(plans):
    plan = plans["004"]
    # line 66 "Deputy Cluster Leads", lines 25-45 "Cluster Deputy Leads": a deputy of the cluster
    # leads, or a cluster's deputy leads; likely one post, not certain
    assert owner_labelled(plan, "Deputy Cluster Leads") != owner_labelled(plan, "Cluster Deputy Leads")
    assert "004_e81440eff165366d.txt:66: owners 'Cluster Deputy Leads' (line 25) and 'Deputy Cluster Leads' " \
           "(line 66) may be the same post (the same words in another order); they are kept apart" \
           in [str(w) for w in plan.warnings]


def test_alternative_names_are_in_the_graph_and_keep_one_label(corpus_graph):
    head = ID["owner/greater-manchester-region/head-of-m-c-n-pdu"]
    assert set(corpus_graph.objects(head, RDFS.label)) == {Literal("Head of M/C N PDU")}
    assert set(corpus_graph.objects(head, SKOS.altLabel)) == {Literal("Head of M/CN PDU"), Literal("Head of N M/C PDU")}


def _actions(*cells: tuple[str, str | None]) -> list[Recommendation]:
    actions = [Action(key=str(i), number=None, text="Act.", span=Span(i, i), owners=[
        Owner(key=f"{org}/{label.lower().replace(' ', '-')}", label=label, raw=label, organisation=org)],
        owner_raw=label, target=None, tools=[]) for i, (label, org) in enumerate(cells, 1)]
    return [Recommendation("1", "Do.", Span(1, 9), "Agreed", "Agreed", None, None, "", actions, [], [])]


def test_never_across_organisations_and_a_clipped_word_is_only_maybe():
    recommendations = _actions(("HR Lead", "north-pdu"), ("HR Leads", "south-pdu"),
                               ("Head of Ops", "north-pdu"), ("Head of Operations", "north-pdu"))
    warnings = [str(w) for w in one_owner_per_post(recommendations, {}, "x.txt")]
    keys = [o.key for a in recommendations[0].actions for o in a.owners]
    assert keys == ["north-pdu/hr-lead", "south-pdu/hr-leads", "north-pdu/head-of-ops", "north-pdu/head-of-operations"]
    assert warnings == ["x.txt:4: owners 'Head of Ops' (line 3) and 'Head of Operations' (line 4) may be the same "
                        "post ('ops' may be short for 'operations'); they are kept apart"]
    # where the plan says so ("Head of Operations (HoOps)"), it is one post
    recommendations = _actions(("Head of Ops", "north-pdu"), ("Head of Operations", "north-pdu"))
    one_owner_per_post(recommendations, {"HoOps": "Head of Operations"}, "x.txt")
    assert {o.label for a in recommendations[0].actions for o in a.owners} == {"Head of Operations"}

