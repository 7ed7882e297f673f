"""The shared analysis layer: dependency analysis with networkx, over SPARQL results (never the
builder's internals), used by the CLI, the read side and the web app alike.

`load_dependencies(select)` runs two SELECT queries through any function that returns rows as
dicts of strings (the embedded store, a remote endpoint or rdflib) and builds a DiGraph whose
edges point from an action to what it waits on.  The rest are pure functions of that graph.

What "blocked" means is decided here and nowhere else (the ontology's ap:BlockedAction says the
same in words, and webapp/queries/blocked-on-central-frameworks.rq in SPARQL; a test checks that
they agree).  An action that is not complete is *blocked on central frameworks* when it depends,
directly or through other actions, on an ap:CentralDeliverable that is ap:InDevelopment: a
framework, tool, strategy or programme a central or national body is still developing.  An action
that waits only on a local prerequisite (vacancies to fill, its own review) or on another action
not complete *waits on local work* or *on that action*: shown as what it is, never as blocked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import networkx as nx

AP = "https://w3id.org/plangraph/ontology#"
PREFIXES = f"""PREFIX ap: <{AP}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
CLOSURE_QUERY = PREFIXES + "SELECT DISTINCT ?node WHERE {{ <{action}> ap:dependsOn* ?node }}"
LINKED_QUERY = PREFIXES + """SELECT DISTINCT ?node WHERE {
  { ?node ap:hasDependency/ap:dependencyTarget [] } UNION { [] ap:hasDependency/ap:dependencyTarget ?node }
}"""
# {start} keeps only the nodes found by one of the queries above (inside each part of a UNION:
# Oxigraph would otherwise answer each part for every node first)
EDGES_QUERY = PREFIXES + """
SELECT ?action ?target ?evidence WHERE {{
  {start}
  ?action ap:hasDependency ?dependency .
  ?dependency ap:dependencyTarget ?target ; ap:dependencyEvidence ?evidence .
}}"""
NODES_QUERY = PREFIXES + """
SELECT ?node ?kind ?label ?long ?tool ?plan ?planLabel ?progress ?due ?availability ?scope ?developer
       ?developerLabel ?owners
WHERE {{
  {{ {start} ?plan ap:hasRecommendation/ap:hasAction ?node . ?plan rdfs:label ?planLabel .
    BIND("action" AS ?kind)
    OPTIONAL {{ ?node ap:progress ?progress }}
    OPTIONAL {{ ?node ap:targetDate ?due }}
    OPTIONAL {{ SELECT ?node (GROUP_CONCAT(DISTINCT ?ownerLabel; SEPARATOR="; ") AS ?owners)
               WHERE {{ {start} ?node ap:owner/rdfs:label ?ownerLabel }} GROUP BY ?node }} }}
  UNION
  {{ {start} ?node a ap:Deliverable . BIND("deliverable" AS ?kind)
    BIND(IF(EXISTS {{ ?node a ap:CentralDeliverable }}, "central", "local") AS ?scope)
    OPTIONAL {{ ?node a ap:Tool BIND("tool" AS ?tool) }}
    OPTIONAL {{ ?node ap:availability ?availability }}
    OPTIONAL {{ ?node skos:prefLabel ?long }}
    OPTIONAL {{ ?node ap:developedBy ?developer . ?developer rdfs:label ?developerLabel }} }}
  OPTIONAL {{ ?node rdfs:label ?label }}
}}"""
Select = Callable[[str], Iterable[dict[str, str]]]
CENTRAL, LOCAL, ACTION = "central", "local", "action"  # what holds an action up, in the end
RANK = {CENTRAL: 0, LOCAL: 1, ACTION: 2}  # a chain is followed to the deepest reason it can name


@dataclass(frozen=True)
class Blocked:
    """Why an action is blocked or waits: the chain to what holds it up, and the plan's words."""
    action: str
    chain: tuple[str, ...]  # action -> ... -> what holds it up, as node IRIs
    reason: str  # the evidence sentence of the first link
    kind: str = CENTRAL  # CENTRAL: blocked on a central framework; LOCAL or ACTION: waits, not blocked

    @property
    def blocked(self) -> bool:
        return self.kind == CENTRAL


def rdflib_select(graph) -> Select:
    """A ``select`` over an rdflib graph: rows as {variable: str | None}, as a store returns them."""
    def select(query: str) -> list[dict[str, str | None]]:
        result = graph.query(query)
        names = [str(name) for name in result.vars]
        return [{name: (str(row[name]) if row[name] is not None else None) for name in names}
                for row in result]
    return select


def load_dependencies(select: Select, action: str | None = None) -> nx.DiGraph:
    """The dependency graph of every plan (each action and deliverable that waits or is waited on),
    or (given an action's IRI) only of what that action depends on, directly or not: all that its
    verdict needs, so an action page stays fast."""
    # the nodes first, then each query reads only them: an action in no dependency neither waits nor
    # holds anything up, and leaving such actions out (95% of them at 1000x) keeps memory small
    rows = select(CLOSURE_QUERY.format(action=action) if action else LINKED_QUERY)
    reached = " ".join(f"<{row['node']}>" for row in rows) or (f"<{action}>" if action else "")
    if not reached:
        return nx.DiGraph()

    def start(variable: str) -> str:
        return f"VALUES ?{variable} {{ {reached} }}"

    graph = nx.DiGraph()
    for row in select(NODES_QUERY.format(start=start("node"))):
        attributes = {k: v for k, v in row.items() if v is not None and k not in ("node", "long")}
        if row.get("long") and row.get("label") and row["long"] != row["label"]:
            attributes["label"] = f"{row['long']} ({row['label']})"  # "EoC": spelt out as the plan defines it
        graph.add_node(row["node"], **attributes)
    for row in select(EDGES_QUERY.format(start=start("action"))):
        graph.add_edge(row["action"], row["target"], evidence=row["evidence"])
    return graph


def holds_up(graph: nx.DiGraph, node: str) -> str | None:
    """What waiting on this node means: CENTRAL (central work in development), LOCAL (a local
    prerequisite not yet met), ACTION (an action not complete), or None (nothing to wait for)."""
    data = graph.nodes[node]
    if data.get("kind") == "deliverable":
        if data.get("availability") != AP + "InDevelopment":
            return None
        return CENTRAL if data.get("scope") == CENTRAL else LOCAL
    if data.get("kind") == "action" and data.get("progress") != AP + "Completed":
        return ACTION
    return None


def waiting_actions(graph: nx.DiGraph) -> dict[str, Blocked]:
    """Each action not complete that waits on something not done, with the shortest chain to it
    (cycle-safe): to central work in development if there is any such chain (blocked), else to a
    local prerequisite, else to an action not complete (waiting)."""
    found: dict[str, Blocked] = {}
    for action, data in graph.nodes(data=True):
        if holds_up(graph, action) != ACTION:
            continue
        paths = nx.single_source_shortest_path(graph, action)
        candidates = sorted((RANK[holds_up(graph, node)], len(path), path) for node, path in paths.items()
                            if node != action and holds_up(graph, node))
        if candidates:
            chain = tuple(candidates[0][2])
            found[action] = Blocked(action, chain, graph.edges[chain[0], chain[1]]["evidence"],
                                    holds_up(graph, chain[-1]))
    return found


def blocked_actions(graph: nx.DiGraph) -> dict[str, Blocked]:
    """The actions blocked on central frameworks: THE definition every view uses."""
    return {action: found for action, found in waiting_actions(graph).items() if found.blocked}


def framework_impact(graph: nx.DiGraph) -> list[dict]:
    """For each central deliverable in development: how many blocked actions in how many plans
    wait on it, directly or through other actions."""
    blocked = blocked_actions(graph)
    impact = []
    for node, data in graph.nodes(data=True):
        if holds_up(graph, node) != CENTRAL:
            continue
        held = [action for action in nx.ancestors(graph, node) if action in blocked]
        impact.append({"deliverable": node, "label": data.get("label"), "developer": data.get("developerLabel"),
                       "availability": data.get("availability"), "actions": len(held),
                       "plans": len({graph.nodes[a].get("plan") for a in held})})
    return sorted(impact, key=lambda item: (-item["actions"], item["label"] or ""))


def short_name(graph: nx.DiGraph, node: str) -> str:
    """How a sentence names a node: "action 3.1", "the Quality Observations framework"."""
    data = graph.nodes[node]
    label = data.get("label") or node.rsplit("/", 1)[-1]
    if data.get("kind") == "action":
        return "action " + label.split(" (")[0].removeprefix("Action ")
    return _the(label) + (" tool" if data.get("tool") and not label.lower().endswith("tool") else "")


def _the(name: str) -> str:
    return name if " " not in name and name[:1].isupper() else f"the {name}"  # "HMPPS", "the Central Team"


def explain(graph: nx.DiGraph, found: Blocked) -> str:
    """Why an action is blocked or waits, through which chain, in words a policy officer reads."""
    chain = "".join(f"{short_name(graph, node)}, which waits on " for node in found.chain[1:-1])
    end = found.chain[-1]
    what = f"it waits on {chain}{short_name(graph, end)}"
    if found.kind == CENTRAL:
        developer = graph.nodes[end].get("developerLabel")
        by = _the(developer) if developer else "a central or national body (the plan does not say which)"
        return f"Blocked on a central framework: {what}, which {by} is still developing."
    if found.kind == LOCAL:
        return f"Waits on local work, not on a central framework: {what}, a local prerequisite not yet met."
    return f"Waits on another action of the same plan, not on a central framework: {what}, not yet complete."


def target_kind(graph: nx.DiGraph, node: str) -> str:
    """What one thing an action waits on is, in a word or two: for lists of dependencies."""
    data = graph.nodes[node]
    if data.get("kind") == "action":
        return "another action" + ("" if holds_up(graph, node) else ", complete")
    where = "central work" if data.get("scope") == CENTRAL else "local work"
    return where + (", in development" if holds_up(graph, node) else ", available")


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


def state(graph: nx.DiGraph, node: str, waiting: dict[str, Blocked]) -> str:
    """The colour class of a node: blocked (on central work), waiting (on local work or another
    action), complete, ongoing, planned; in-development, local-prerequisite, available."""
    data = graph.nodes[node]
    if data.get("kind") == "deliverable":
        return {CENTRAL: "in-development", LOCAL: "local-prerequisite"}.get(holds_up(graph, node), "available")
    if node in waiting:
        return "blocked" if waiting[node].blocked else "waiting"
    return {AP + "Completed": "complete", AP + "Ongoing": "ongoing"}.get(data.get("progress"), "planned")
