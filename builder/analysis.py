"""The shared analysis layer: dependency analysis with networkx, over SPARQL results (never the
builder's internals), used by the CLI and the web app alike.

`load_dependencies(select)` runs two SELECT queries through any function that returns rows as
dicts of strings (the embedded store, a remote endpoint or rdflib) and builds a DiGraph whose
edges point from an action to what it waits on.  The rest are pure functions of that graph.

Definitions (also in ontology/plangraph.ttl, ap:BlockedAction): an action is *blocked* when it
depends, directly or through other actions, on a deliverable that is not yet available or on an
action that is not complete.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import networkx as nx

AP = "https://w3id.org/plangraph/ontology#"
PREFIXES = f"""PREFIX ap: <{AP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
EDGES_QUERY = PREFIXES + """
SELECT ?action ?target ?evidence WHERE {
  ?action ap:hasDependency ?dependency .
  ?dependency ap:dependencyTarget ?target ; ap:dependencyEvidence ?evidence .
}"""
NODES_QUERY = PREFIXES + """
SELECT ?node ?kind ?label ?plan ?planLabel ?progress ?due ?availability ?developer ?developerLabel ?owners
WHERE {
  { ?plan ap:hasRecommendation/ap:hasAction ?node . ?plan rdfs:label ?planLabel .
    BIND("action" AS ?kind)
    OPTIONAL { ?node ap:progress ?progress }
    OPTIONAL { ?node ap:targetDate ?due }
    OPTIONAL { SELECT ?node (GROUP_CONCAT(DISTINCT ?ownerLabel; SEPARATOR="; ") AS ?owners)
               WHERE { ?node ap:owner/rdfs:label ?ownerLabel } GROUP BY ?node } }
  UNION
  { ?node a ap:Deliverable . BIND("deliverable" AS ?kind)
    OPTIONAL { ?node ap:availability ?availability }
    OPTIONAL { ?node ap:developedBy ?developer . ?developer rdfs:label ?developerLabel } }
  OPTIONAL { ?node rdfs:label ?label }
}"""
Select = Callable[[str], Iterable[dict[str, str]]]


@dataclass(frozen=True)
class Blocked:
    action: str
    chain: tuple[str, ...]  # action -> ... -> the blocker, as node IRIs
    reason: str  # the evidence sentence of the first link


def rdflib_select(graph) -> Select:
    """A ``select`` over an rdflib graph: rows as {variable: str | None}, as a store returns them."""
    def select(query: str) -> list[dict[str, str | None]]:
        result = graph.query(query)
        names = [str(name) for name in result.vars]
        return [{name: (str(row[name]) if row[name] is not None else None) for name in names}
                for row in result]
    return select


def load_dependencies(select: Select) -> nx.DiGraph:
    graph = nx.DiGraph()
    for row in select(NODES_QUERY):
        attributes = {k: v for k, v in row.items() if v is not None and k != "node"}
        graph.add_node(row["node"], **attributes)
    for row in select(EDGES_QUERY):
        graph.add_edge(row["action"], row["target"], evidence=row["evidence"])
    return graph


def is_blocker(graph: nx.DiGraph, node: str) -> bool:
    """Something an action cannot finish without: not yet available, or not complete."""
    data = graph.nodes[node]
    if data.get("kind") == "deliverable":
        return data.get("availability") == AP + "InDevelopment"
    return data.get("kind") == "action" and data.get("progress") != AP + "Completed"


def blocked_actions(graph: nx.DiGraph) -> dict[str, Blocked]:
    """Each blocked action with the shortest chain to what blocks it (cycle-safe)."""
    found: dict[str, Blocked] = {}
    for action, data in graph.nodes(data=True):
        if data.get("kind") != "action":
            continue
        paths = nx.single_source_shortest_path(graph, action)
        blockers = sorted((len(path), path) for node, path in paths.items()
                          if node != action and is_blocker(graph, node))
        if blockers:
            chain = tuple(blockers[0][1])
            found[action] = Blocked(action, chain, graph.edges[chain[0], chain[1]]["evidence"])
    return found


def framework_impact(graph: nx.DiGraph) -> list[dict]:
    """For each deliverable not yet available: how many actions in how many plans it holds up,
    directly or through actions that are not complete (a complete action passes nothing on)."""
    waiting = graph.subgraph(n for n, data in graph.nodes(data=True)
                             if data.get("kind") == "action" and is_blocker(graph, n))
    impact = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "deliverable" or not is_blocker(graph, node):
            continue
        direct = [a for a in graph.predecessors(node) if a in waiting]
        held = set(direct).union(*(nx.ancestors(waiting, a) for a in direct))
        impact.append({"deliverable": node, "label": data.get("label"), "developer": data.get("developerLabel"),
                       "availability": data.get("availability"), "actions": len(held),
                       "plans": len({graph.nodes[a].get("plan") for a in held})})
    return sorted(impact, key=lambda item: (-item["actions"], item["label"] or ""))


def dependency_cycles(graph: nx.DiGraph, limit: int = 100) -> list[list[str]]:
    """Cycles are findings (a plan that waits on itself), reported and never followed forever."""
    cycles = []
    for cycle in nx.simple_cycles(graph):
        cycles.append(cycle)
        if len(cycles) >= limit:
            break
    return cycles


def date_conflicts(graph: nx.DiGraph) -> list[dict]:
    """An action due before the action it depends on."""
    conflicts = []
    for action, target in graph.edges:
        due, depends_due = graph.nodes[action].get("due"), graph.nodes[target].get("due")
        if due and depends_due and due < depends_due:
            conflicts.append({"action": action, "due": due, "dependsOn": target, "dependsOnDue": depends_due})
    return conflicts


def state(graph: nx.DiGraph, node: str, blocked: dict[str, Blocked]) -> str:
    """The colour class of a node: blocked, complete, ongoing, planned, in-development, available."""
    data = graph.nodes[node]
    if data.get("kind") == "deliverable":
        return "in-development" if data.get("availability") == AP + "InDevelopment" else "available"
    if node in blocked:
        return "blocked"
    return {AP + "Completed": "complete", AP + "Ongoing": "ongoing"}.get(data.get("progress"), "planned")
