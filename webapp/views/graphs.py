"""Pictures of the graph: dependencies, organisations, tools.

Each page loads its elements from ``/api/graphs/<name>`` (Cytoscape.js elements JSON), so the
pictures are also data other tools can use.
"""
from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, abort, jsonify, render_template, url_for

from builder.analysis import load_dependencies, state, waiting_actions

from ..core import current

blueprint = Blueprint("graphs", __name__)
PAGES = {
    "dependencies": ("What actions wait on",
                     "Each action that waits on another action, on local work or on a framework, tool, strategy "
                     "or programme that a central or national body is still developing. Red actions are blocked "
                     "on central frameworks; amber ones wait on local work or on another action."),
    "organisations": ("Who owns the actions",
                      "The bodies in the plans, the units inside them, and the posts and teams that own actions. "
                      "Bigger posts own more actions."),
    "tools": ("Which tools are used where",
              "Each tool or framework and the organisations whose plans use it; thicker lines mean more actions."),
}
_ACTION_LINKS = """
SELECT ?action ?kind ?name WHERE {
  { ?action ap:mentions/skos:notation ?name . BIND("tool" AS ?kind) }
  UNION { ?action ap:involves/rdfs:label ?name . BIND("organisation" AS ?kind) }
  UNION { ?plan ap:hasRecommendation/ap:hasAction ?action ; ap:inspectedOrganisation/rdfs:label ?name .
          BIND("organisation" AS ?kind) }
  UNION { ?action ap:owner/rdfs:label ?name . BIND("owner" AS ?kind) }
  ?action a ap:Action .
}"""


@blueprint.get("/graphs/<name>")
def show(name: str):
    if name not in PAGES:
        abort(404)
    title, description = PAGES[name]
    return render_template("graph.html", name=name, title=title, description=description,
                           api=url_for("graphs.api", name=name))


@blueprint.get("/api/graphs/<name>")
def api(name: str):
    builders = {"dependencies": dependency_elements, "organisations": organisation_elements,
                "tools": tool_elements}
    if name not in builders:
        abort(404)
    return jsonify(builders[name](current()))


def _select(core):
    """Rows as analysis.py reads them: every variable present, values as strings."""
    def select(query: str) -> list[dict]:
        answer = core.store.run(query)
        return [{name: (str(row[name]) if name in row else None) for name in answer.variables}
                for row in answer.rows]
    return select


def dependency_elements(core) -> dict:
    graph = load_dependencies(_select(core))
    waiting = waiting_actions(graph)
    links = _action_links(core)
    nodes, plans = [], {}
    for node, data in graph.nodes(data=True):
        if not graph.degree(node):
            continue
        plan = data.get("plan")
        if plan:
            plans[plan] = data.get("planLabel")
        nodes.append({"data": {
            "id": node, "label": _short_label(data), "name": data.get("label"), "state": state(graph, node, waiting),
            "kind": data.get("kind"), "parent": plan, "plan": data.get("planLabel") or "",
            "owners": links[node]["owner"], "tools": links[node]["tool"],
            "organisations": links[node]["organisation"] + ([data["developerLabel"]] if data.get("developerLabel") else []),
            "due": data.get("due") or "", "href": core.local_path(node) or ""}})
    nodes += [{"data": {"id": plan, "label": label, "kind": "plan", "href": core.local_path(plan) or ""}}
              for plan, label in plans.items()]
    edges = [{"data": {"id": f"{a}->{b}", "source": a, "target": b, "evidence": evidence,
                       "blocking": a in waiting and waiting[a].blocked and waiting[a].chain[1] == b}}
             for a, b, evidence in graph.edges(data="evidence")]
    return {"elements": nodes + edges, "filters": _filters(nodes)}


def _short_label(data: dict) -> str:
    label = data.get("label") or ""
    return label.split(" (")[0].replace("Action ", "") if data.get("kind") == "action" else label


def _action_links(core) -> dict[str, dict[str, list[str]]]:
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"tool": [], "organisation": [], "owner": []})
    for row in core.select(_ACTION_LINKS):
        names = links[str(row["action"])][str(row["kind"])]
        if str(row["name"]) not in names:
            names.append(str(row["name"]))
    return links


def _filters(nodes: list[dict]) -> dict[str, list[str]]:
    found: dict[str, set] = {"plan": set(), "organisation": set(), "owner": set(), "tool": set()}
    for node in nodes:
        data = node["data"]
        if data.get("plan"):
            found["plan"].add(data["plan"])
        for key, field in (("organisation", "organisations"), ("owner", "owners"), ("tool", "tools")):
            found[key].update(data.get(field) or [])
    return {key: sorted(values) for key, values in found.items()}


def organisation_elements(core) -> dict:
    rows = core.select("""
        SELECT ?org ?orgLabel ?parent ?owner ?ownerLabel (COUNT(DISTINCT ?action) AS ?actions) WHERE {
          { ?org a org:Organization ; rdfs:label ?orgLabel . OPTIONAL { ?org org:subOrganizationOf ?parent } }
          UNION
          { ?owner a ap:Owner ; rdfs:label ?ownerLabel ; ap:ownerIn ?org . ?org rdfs:label ?orgLabel .
            ?action ap:owner ?owner }
        } GROUP BY ?org ?orgLabel ?parent ?owner ?ownerLabel""")
    nodes, edges = {}, []
    for row in rows:
        org = str(row["org"])
        nodes[org] = {"data": {"id": org, "label": str(row["orgLabel"]), "kind": "organisation",
                               "href": core.local_path(org) or ""}}
        if row.get("parent"):
            edges.append({"data": {"id": f"{org}->{row['parent']}", "source": org, "target": str(row["parent"]),
                                   "label": "part of"}})
        if row.get("owner"):
            owner = str(row["owner"])
            nodes[owner] = {"data": {"id": owner, "label": str(row["ownerLabel"]), "kind": "owner",
                                     "weight": int(row["actions"]), "href": core.local_path(owner) or ""}}
            edges.append({"data": {"id": f"{owner}->{org}", "source": owner, "target": org, "label": "post in"}})
    known = set(nodes)
    edges = [e for e in edges if e["data"]["target"] in known]
    return {"elements": list(nodes.values()) + edges, "filters": {}}


def tool_elements(core) -> dict:
    rows = core.select("""
        SELECT ?tool ?notation ?org ?orgLabel (COUNT(DISTINCT ?action) AS ?actions) WHERE {
          ?action ap:mentions ?tool . ?tool skos:notation ?notation .
          ?plan ap:hasRecommendation/ap:hasAction ?action ; ap:inspectedOrganisation ?org .
          ?org rdfs:label ?orgLabel .
        } GROUP BY ?tool ?notation ?org ?orgLabel""")
    nodes, edges = {}, []
    for row in rows:
        tool, org = str(row["tool"]), str(row["org"])
        nodes[tool] = {"data": {"id": tool, "label": str(row["notation"]), "kind": "tool",
                                "href": core.local_path(tool) or ""}}
        nodes[org] = {"data": {"id": org, "label": str(row["orgLabel"]), "kind": "organisation",
                               "href": core.local_path(org) or ""}}
        edges.append({"data": {"id": f"{tool}->{org}", "source": tool, "target": org,
                               "weight": int(row["actions"]), "label": f"{int(row['actions'])} actions"}})
    return {"elements": list(nodes.values()) + edges, "filters": {}}
