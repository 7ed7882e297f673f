"""Reference organisations and tools (ontology/reference.ttl), loaded once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, RDF, URIRef
from rdflib.namespace import ORG, SKOS

from ..ids import BASE
from ..model import Organisation, Tool
from ..resources import REFERENCE

AP = Namespace("https://w3id.org/plangraph/ontology#")
REFERENCE_FILE = REFERENCE
_KINDS = {AP.GovernmentBody: "Government", AP.OwningCompany: "Company",
          AP.ServiceProvider: "Provider", AP.CentralBody: "CentralBody"}


@dataclass(frozen=True)
class Reference:
    organisations: dict[str, Organisation]
    tools: dict[str, Tool]
    names: dict[str, str]  # any label or notation -> organisation key
    tool_names: dict[str, str]  # any label or notation -> tool key


def _key(iri: URIRef, kind: str) -> str:
    return str(iri)[len(BASE) + len(kind) + 1:]


def _names(graph: Graph, subject: URIRef) -> list[str]:
    return [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation) for o in graph.objects(subject, p)]


@lru_cache(maxsize=1)
def load_reference(path: Path = REFERENCE_FILE) -> Reference:
    graph = Graph().parse(path)
    organisations, tools, names, tool_names = {}, {}, {}, {}
    for subject in sorted(set(graph.subjects(RDF.type, ORG.Organization))):
        key = _key(subject, "org")
        kind = next((_KINDS[t] for t in graph.objects(subject, RDF.type) if t in _KINDS), "Organisation")
        parent = graph.value(subject, ORG.subOrganizationOf)
        organisations[key] = Organisation(
            key=key, label=str(graph.value(subject, SKOS.prefLabel)), kind=kind,
            parent=_key(parent, "org") if parent else None,
            notation=str(graph.value(subject, SKOS.notation) or "") or None)
        names.update((name, key) for name in _names(graph, subject))
    for kind in (AP.Tool, AP.Framework):
        for subject in sorted(set(graph.subjects(RDF.type, kind))):
            key = _key(subject, "tool")
            tools[key] = Tool(notation=str(graph.value(subject, SKOS.notation)),
                              label=str(graph.value(subject, SKOS.prefLabel)),
                              is_framework=kind == AP.Framework)
            tool_names.update((name, key) for name in _names(graph, subject))
    return Reference(organisations, tools, names, tool_names)
