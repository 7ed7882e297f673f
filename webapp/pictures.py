"""What the three pictures show (dependencies, organisations, tools), for the actions a visitor chose.

Every picture starts from the same facts about actions (plan, owners, organisations, tools) and
the same four filters; what it draws of the chosen actions differs. On a large corpus a picture
with no filter in its address starts from one plan (the one with most to show) rather than
drawing everything. Elements come with their positions (webapp/picture_layout.py).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from builder.analysis import explain, load_dependencies, state, waiting_actions

from . import picture_layout as layout

FILTERS = {"plan": "Plan", "organisation": "Organisation", "owner": "Owner", "tool": "Tool"}
ALL_AT_ONCE = 60  # a picture with more nodes than this starts from one plan
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_ACTIONS = """
SELECT ?action ?plan ?planLabel ?number ?recommendation ?ordinal ?description ?due ?progress WHERE {
  ?plan ap:hasRecommendation ?rec ; rdfs:label ?planLabel . ?rec ap:hasAction ?action .
  OPTIONAL { ?rec ap:recommendationNumber ?recommendation }
  OPTIONAL { ?action ap:actionNumber ?number }
  OPTIONAL { ?action ap:ordinal ?ordinal }
  OPTIONAL { ?action dcterms:description ?description }
  OPTIONAL { ?action ap:targetDate ?due }
  OPTIONAL { ?action ap:progress ?progress }
}"""
_LINKS = """
SELECT ?action ?kind ?value ?name WHERE {
  { ?action ap:mentions ?value . ?value skos:notation ?name . BIND("tool" AS ?kind) }
  UNION { ?action ap:involves ?value . ?value rdfs:label ?name . BIND("organisation" AS ?kind) }
  UNION { ?plan ap:hasRecommendation/ap:hasAction ?action ; ap:inspectedOrganisation ?value .
          ?value rdfs:label ?name . VALUES ?kind { "organisation" "inspected" } }
  UNION { ?action ap:owner ?value . ?value rdfs:label ?name . BIND("owner" AS ?kind) }
  UNION { ?action ap:owner/ap:ownerIn ?value . ?value rdfs:label ?name . BIND("organisation" AS ?kind) }
  ?action a ap:Action .
}"""
_ORGANISATIONS = """
SELECT ?org ?label ?parent ?owner WHERE {
  ?org a org:Organization ; rdfs:label ?label .
  OPTIONAL { ?org org:subOrganizationOf ?parent }
  OPTIONAL { ?owner ap:ownerIn ?org }
}"""
_TOOLS = "SELECT ?tool ?name WHERE { ?tool a ap:Tool . OPTIONAL { ?tool skos:prefLabel ?name } }"


@dataclass
class Action:
    iri: str
    plan: str
    plan_label: str
    number: str
    description: str
    due: str
    progress: str
    links: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # kind -> iri -> name

    @property
    def title(self) -> str:
        return f"{self.number}: {self.description}" if self.description else self.number


def readable_date(value: str) -> str:
    """'2019-06' -> 'June 2019', '2019-06-30' -> '30 June 2019'."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not match:
        return value or ""
    year, month, day = match.groups()
    return " ".join(part for part in (str(int(day)) if day else "", MONTHS[int(month) - 1] if month else "", year)
                    if part)


def load_actions(core) -> dict[str, Action]:
    actions: dict[str, Action] = {}
    for row in core.select(_ACTIONS):
        iri = str(row["action"])
        number = str(row["number"]) if row.get("number") else \
            f"Recommendation {row.get('recommendation', '?')}, action {row.get('ordinal', '?')}"
        actions[iri] = Action(iri, str(row["plan"]), str(row["planLabel"]), number,
                              str(row.get("description") or ""), readable_date(str(row.get("due") or "")),
                              str(row.get("progress") or "").rsplit("#", 1)[-1])
    for row in core.select(_LINKS):
        action = actions.get(str(row["action"]))
        if action:
            action.links[str(row["kind"])][str(row["value"])] = str(row["name"])
    for action in actions.values():
        action.links["plan"] = {action.plan: action.plan_label}
    return actions


@dataclass
class Choice:
    """The filters in the address, each an IRI's path under the base ('plan/merseyside-crc')."""
    chosen: dict[str, str]
    given: bool  # False when the address names no filter at all: the picture picks its start

    @classmethod
    def from_args(cls, args) -> "Choice":
        return cls({key: args.get(key, "") for key in FILTERS}, any(key in args for key in FILTERS))

    def matches(self, action: Action, base: str) -> bool:
        return all(not value or base + value in action.links.get(key, {}) for key, value in self.chosen.items())


def choose(core, actions: dict[str, Action], choice: Choice, items_of) -> tuple[dict[str, Action], str]:
    """The actions a picture shows, and a note when it chose a start on its own."""
    chosen = {iri: a for iri, a in actions.items() if choice.matches(a, core.base)}
    if choice.given:
        return chosen, ""
    shown = set().union(*(items_of(a) for a in chosen.values())) if chosen else set()
    if len(shown) <= ALL_AT_ONCE:
        return chosen, ""
    per_plan: dict[str, set] = defaultdict(set)
    for action in chosen.values():
        per_plan[action.plan].update(items_of(action))
    plan = min(per_plan, key=lambda p: (-len(per_plan[p]), p))
    choice.chosen["plan"] = plan[len(core.base):]
    label = next(a.plan_label for a in chosen.values() if a.plan == plan)
    note = (f"The whole picture has {len(shown)} items, too many to read at once: it starts from {label}, "
            "the plan with most to show. Choose another plan, or “all”, above.")
    return {iri: a for iri, a in chosen.items() if a.plan == plan}, note


def filter_options(core, actions: dict[str, Action], choice: Choice) -> list[dict]:
    found: dict[str, dict[str, str]] = {key: {} for key in FILTERS}
    for action in actions.values():
        for key in FILTERS:
            found[key].update(action.links.get(key, {}))
    owner_org = _owner_organisations(actions)
    options = []
    for key, label in FILTERS.items():
        values = [(iri[len(core.base):], name + (f" ({owner_org[iri]})" if key == "owner" and iri in owner_org else ""))
                  for iri, name in found[key].items() if iri.startswith(core.base)]
        options.append({"name": key, "label": label, "chosen": choice.chosen.get(key, ""),
                        "options": sorted(values, key=lambda v: (v[1].lower(), v[0]))})
    return options


def _owner_organisations(actions: dict[str, Action]) -> dict[str, str]:
    """Each owner's organisation's name (two plans may both have a 'Head of Operations')."""
    names = {}
    for action in actions.values():
        plan_org = next(iter(action.links.get("organisation", {}).values()), "")
        for owner in action.links.get("owner", {}):
            names.setdefault(owner, action.plan_label.replace(" action plan", "") or plan_org)
    return names


def node(iri: str, label: str, kind: str, core, **data) -> dict:
    return {"data": {"id": iri, "label": layout.wrap(label), "name": label, "kind": kind,
                     "href": core.local_path(iri) or "", **data}}


def box(iri: str, title: str, kind: str, core) -> dict:
    return {"data": {"id": iri, "label": layout.wrap(title, layout.TITLE_CHARS, layout.TITLE_LINES), "name": title, "kind": kind,
                     "href": core.local_path(iri) or ""}}


def place(elements: list[dict], positions: dict[str, tuple[float, float]]) -> list[dict]:
    for element in elements:
        spot = positions.get(element["data"]["id"])
        if spot:
            element["position"] = {"x": round(spot[0], 1), "y": round(spot[1], 1)}
    return elements


# ---------------------------------------------------------------- the dependency picture

def dependency_picture(core, actions: dict[str, Action], choice: Choice) -> dict:
    graph = load_dependencies(analysis_rows(core))
    waiting = waiting_actions(graph)
    connected = {n for n in graph if graph.degree(n) and graph.nodes[n].get("kind") == "action"}
    chosen, note = choose(core, actions, choice, lambda a: {a.iri} if a.iri in connected else set())
    shown = set()
    for iri in chosen:
        if iri in connected:
            shown |= {iri} | nx.descendants(graph, iri)
    plans: dict[str, layout.Box] = {}
    elements, loose = [], []
    for iri in sorted(shown, key=_natural):
        data = graph.nodes[iri]
        action = actions.get(iri)
        if data.get("kind") == "action" and action:
            plans.setdefault(action.plan, layout.Box(action.plan, action.plan_label)).leaves.append(iri)
            label = f"{action.number} {layout.shorten(action.description)}"
            elements.append(node(iri, label, "action", core, state=state(graph, iri, waiting), parent=action.plan,
                                 title=action.title, details=_action_details(action, graph, iri, waiting)))
        else:
            loose.append(iri)
            elements.append(node(iri, data.get("label") or iri, "deliverable", core, state=state(graph, iri, waiting),
                                 title=data.get("label") or iri, details=[
                                     ["Developed by", data.get("developerLabel") or "not stated"],
                                     ["Ready", "yes" if state(graph, iri, waiting) == "available" else
                                      "no, still in development"]]))
    elements += [box(plan, b.title, "plan", core) for plan, b in sorted(plans.items())]
    edges = [{"data": {"id": f"{a}->{b}", "source": a, "target": b, "evidence": evidence,
                       "blocking": bool(a in waiting and waiting[a].blocked and waiting[a].chain[1] == b)}}
             for a, b, evidence in sorted(graph.edges(data="evidence")) if a in shown and b in shown]
    neighbours = defaultdict(list)
    for a, b in graph.edges:
        neighbours[b].append(a)
    positions = layout.boxes_then_columns([plans[p] for p in sorted(plans)], loose, neighbours)
    return {"elements": place(elements, positions) + edges, "note": note}


def analysis_rows(core):
    """Rows as builder/analysis.py reads them: every variable present, values as strings."""
    def select(query: str) -> list[dict]:
        answer = core.store.run(query)
        return [{name: (str(row[name]) if name in row else None) for name in answer.variables}
                for row in answer.rows]
    return select


def _natural(iri: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", iri)]


def _action_details(action: Action, graph, iri: str, waiting) -> list[list[str]]:
    waits = [graph.nodes[t].get("label") or t for t in graph.successors(iri)]
    details = [["Plan", action.plan_label], ["Owner", "; ".join(action.links.get("owner", {}).values()) or "not stated"],
               ["Due", action.due or "not stated"], ["Progress", action.progress or "not stated"]]
    if waits:
        details.append(["Waits on", "; ".join(waits)])
    if iri in waiting:
        details.append(["Why", explain(graph, waiting[iri])])
    return details


# ---------------------------------------------------------------- the organisations picture

def organisation_picture(core, actions: dict[str, Action], choice: Choice) -> dict:
    labels, parents, owner_in = {}, {}, {}
    for row in core.select(_ORGANISATIONS):
        org = str(row["org"])
        labels[org] = str(row["label"])
        if row.get("parent") and str(row["parent"]) != org:
            parents.setdefault(org, set()).add(str(row["parent"]))
        if row.get("owner"):
            owner_in.setdefault(str(row["owner"]), org)
    parent = {org: min(ps) for org, ps in parents.items()}
    chosen, note = choose(core, actions, choice, lambda a: set(a.links.get("owner", {})))
    owned: dict[str, list[Action]] = defaultdict(list)
    for action in chosen.values():
        for owner in action.links.get("owner", {}):
            if owner in owner_in:
                owned[owner].append(action)
    boxes = {}
    for owner in owned:
        for org in _chain(owner_in[owner], parent):
            boxes.setdefault(org, layout.Box(org, labels.get(org, org)))
    owner_names = {o: name for a in chosen.values() for o, name in a.links.get("owner", {}).items()}
    for owner in sorted(owned, key=lambda o: (-len(owned[o]), owner_names[o].lower(), o)):
        boxes[owner_in[owner]].leaves.append(owner)
    roots, inside = [], {}
    for org in sorted(boxes, key=lambda o: (labels.get(o, o).lower(), o)):
        up = parent.get(org)
        if up in boxes and org not in _chain(up, parent)[1:]:
            boxes[up].boxes.append(boxes[org])
            inside[org] = up
        else:
            roots.append(boxes[org])
    elements = [box(org, b.title, "organisation", core) for org, b in boxes.items()]
    for element in elements:
        if element["data"]["id"] in inside:
            element["data"]["parent"] = inside[element["data"]["id"]]
    for owner, owns in owned.items():
        elements.append(node(owner, owner_names[owner], "owner", core, parent=owner_in[owner], weight=len(owns),
                             title=owner_names[owner], details=[
                                 ["Post or team in", labels.get(owner_in[owner], "")],
                                 ["Owns", f"{len(owns)} of the actions shown"],
                                 ["For example", "; ".join(a.title[:90] for a in owns[:3])]]))
    _, _, positions = layout.shelves([(b, *b.arrange()) for b in roots], layout.MAX_WIDTH)
    return {"elements": place(elements, positions), "note": note}


def _chain(org: str, parent: dict[str, str]) -> list[str]:
    """The organisation and those it is part of, upwards, stopping at a loop."""
    chain = [org]
    while parent.get(chain[-1]) and parent[chain[-1]] not in chain:
        chain.append(parent[chain[-1]])
    return chain


# ---------------------------------------------------------------- the tools picture

def tool_picture(core, actions: dict[str, Action], choice: Choice) -> dict:
    full_names = {str(row["tool"]): str(row.get("name") or "") for row in core.select(_TOOLS)}
    chosen, note = choose(core, actions, choice, lambda a: set(a.links.get("tool", {})))
    only = core.base + choice.chosen["tool"] if choice.chosen.get("tool") else None
    uses: Counter = Counter()
    names: dict[str, str] = {}
    for action in chosen.values():
        for tool, notation in action.links.get("tool", {}).items():
            if only and tool != only:
                continue
            names[tool] = notation
            for org, label in action.links.get("inspected", {}).items():
                names[org] = label
                uses[tool, org] += 1
    tools = sorted({t for t, _ in uses}, key=lambda t: (names[t].lower(), t))
    orgs = sorted({o for _, o in uses}, key=lambda o: (names[o].lower(), o))
    elements = [node(org, names[org], "organisation", core, title=names[org], details=[
        ["Tools its plan names", ", ".join(names[t] for t in tools if uses[t, org])]]) for org in orgs]
    for tool in tools:
        label = names[tool] + (f" ({full_names[tool]})" if full_names.get(tool) and full_names[tool] != names[tool] else "")
        elements.append(node(tool, label, "tool", core, title=label, weight=sum(n for (t, _), n in uses.items() if t == tool),
                             details=[["Used in", "; ".join(f"{names[o]} ({n} actions)" for (t, o), n in
                                                            sorted(uses.items()) if t == tool)]]))
    edges = [{"data": {"id": f"{tool}->{org}", "source": tool, "target": org, "weight": n, "title": f"{n} actions"}}
             for (tool, org), n in sorted(uses.items())]
    neighbours = defaultdict(list)
    for tool, org in uses:
        neighbours[tool].append(org)
    return {"elements": place(elements, layout.hub_between_columns(orgs, tools, neighbours)) + edges, "note": note}


PICTURES = {"dependencies": dependency_picture, "organisations": organisation_picture, "tools": tool_picture}


def picture(core, name: str, args) -> dict:
    """A picture's elements (with positions), its filters and what was chosen: the page's data."""
    actions = load_actions(core)
    choice = Choice.from_args(args)
    drawn = PICTURES[name](core, actions, choice)
    return {**drawn, "filters": filter_options(core, actions, choice),
            "chosen": {k: v for k, v in choice.chosen.items() if v}}
