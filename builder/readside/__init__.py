"""The read side: what the app's pages show, derived from the built graph once per build.

``plangraph.sqlite`` (stdlib sqlite3, FTS5 for search) is computed from the built graph alone
(never from the builder's internals): its tables from the Turtle's triples joined in SQL
(``tables.py``), the ready-made answers and what blocks each action by SPARQL.  So it can always be
made again from the graph, and it never goes stale: the graph is read-only between builds.  Tables (``schema.py``): plans with their
counts, recommendations, actions (what they say, owners, due date and its label, progress, blocked
and why), ``action_links`` (action -> owner, organisation, tool, deliverable), ``entities`` with an
FTS5 index for search, and every ready-made answer (``answers.py``).

- ``derive(generation)``: the build plug-in (writes ``<generation>/plangraph.sqlite``).
- ``readside_for(graph, store_dir)``: the file the web app opens for a graph, derived if missing.
- ``ReadSide(path)``: read-only access; every SQL string the pages need lives in ``read.py``.
"""
from .derive import FILE_NAME, derive, derive_file, graph_digest, readside_for
from .read import Condition, ReadSide

__all__ = ["FILE_NAME", "Condition", "ReadSide", "derive", "derive_file", "graph_digest", "readside_for"]
