"""A query worker: its own process, the store opened read-only, killed by its parent at the time limit.

pyoxigraph cannot cancel a running query from Python, so each query runs in one of these
processes; a runaway one is terminated and replaced while the others keep answering.
Results cross the process boundary as SPARQL 1.1 JSON bindings and N-Triples documents.
"""
from __future__ import annotations

from multiprocessing.connection import Connection

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def serve(connection: Connection, store_path: str) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        try:
            query, max_rows = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", run(store, query, max_rows)))
        except (SyntaxError, ValueError, OSError) as error:
            connection.send(("error", str(error)))


def run(store, query: str, max_rows: int) -> dict:
    """Execute one query; answers are capped at ``max_rows`` rows or triples."""
    import pyoxigraph as ox

    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return {"kind": "ask", "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        variables = [variable.value for variable in result.variables]
        rows, truncated = [], False
        for solution in result:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append({v: _json(term) for v in variables if (term := solution[v]) is not None})
        return {"kind": "select", "variables": variables, "bindings": rows, "truncated": truncated}
    triples, truncated = [], False
    for triple in result:
        if len(triples) == max_rows:
            truncated = True
            break
        triples.append(triple)
    return {"kind": "graph", "ntriples": ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
            "truncated": truncated}


def _json(term) -> dict:
    """A term as SPARQL 1.1 JSON results write it."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD_STRING:
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
