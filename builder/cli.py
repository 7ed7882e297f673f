"""The `plangraph` command: build, export, validate, dependencies, serve."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cache import BuildCache
from .output import triple_count, write_corpus
from .pipeline import FORMATS, CorpusResult, DocumentResult, atomic_file, build_corpus, serialize, write_atomic
from .store import build_beside
from .readers import reader_for

DEFAULT_DATA = Path("data")
DEFAULT_OUTPUT = Path("build") / "plangraph.ttl"


def _progress_bar(index: int, total: int, document: DocumentResult, triples: list[int]) -> None:
    triples[0] += document.summary.triples if document.summary else 0
    width = 24
    filled = width * index // total
    state = "failed" if document.error else "ok"
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {index}/{total} documents, "
                     f"{triples[0]} triples  {document.path.name} {state}\033[K")
    if index == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _summary_table(result: CorpusResult) -> str:
    rows = [("document", "reader", "layout", "recs", "actions", "owners", "tools", "warnings")]
    for document in result.documents:
        summary = document.summary
        if summary is None:
            reader = reader_for(document.path)
            rows.append((document.path.name, reader.name if reader else "-", "FAILED", "-", "-", "-", "-", "-"))
            continue
        rows.append((document.path.name, summary.reader, summary.layout, *map(str, (
            summary.recommendations, summary.actions, summary.owners, summary.tools, len(summary.warnings)))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    unread = [f"not read (plangraph does not read this kind of file): {path.name}" for path in result.unread]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:], *unread])


def command_build(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_DATA]
    triples = [0]
    quiet = args.quiet
    cache = None if args.no_cache else BuildCache(Path(args.output).parent / "cache")
    result = build_corpus(paths, None if quiet else lambda i, n, d: _progress_bar(i, n, d, triples),
                          workers=args.jobs, cache=cache)
    if not result.documents:
        unread = f" (not read: {', '.join(path.name for path in result.unread)})" if result.unread else ""
        print(f"plangraph: no documents found in {', '.join(map(str, paths))}{unread}", file=sys.stderr)
        return 1
    print(_summary_table(result))
    crossed = [w for document in result.documents for w in document.warnings if w.cross_check]
    for document in result.documents:
        for warning in document.warnings if args.verbose else []:
            print(f"  warning: {warning}")
    if crossed and not args.verbose:
        print("plans that read as less than they say (or whose words were guessed):")
        for warning in crossed:
            print(f"  warning: {warning}")
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    if not result.built:
        print("plangraph: no document built; the previous output is left as it was", file=sys.stderr)
        return 1
    output = Path(args.output)
    with atomic_file(output) as turtle, atomic_file(output.with_suffix(".trig")) as trig:
        write_corpus(result, turtle, trig)
    print(f"wrote {triple_count(result)} triples from {len(result.built)} plans to {output} "
          f"(and one named graph per plan to {output.with_suffix('.trig')})")
    from .readside import FILE_NAME, derive_file

    readside = derive_file(output, output.with_name(FILE_NAME))  # until builder/publish.py calls it as a plug-in
    print(f"wrote the pages' read side to {readside}")
    build_beside(output.with_suffix(".trig"))  # the web app's store; a plug-in of the build once it publishes
    if args.store:
        from .remote import publish

        print(f"published {publish(result.dataset(), args.store)} named graphs to {args.store}")
    if args.strict and crossed:
        print(f"plangraph: --strict: {len(crossed)} warnings say a plan reads as less than it says",
              file=sys.stderr)
        return 1
    return 1 if result.errors else 0


def command_export(args: argparse.Namespace) -> int:
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

    from . import jsonld

    source = Path(args.graph)
    trig = source.with_suffix(".trig")
    if args.format == "trig":
        data = serialize(Dataset().parse(trig, format="trig"), "trig")
    elif args.format == "jsonld":  # compacted with the ontology's context, streamed from the Turtle
        data = jsonld.to_bytes(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
    else:
        data = serialize(Graph().parse(source), args.format)
    if args.output:
        write_atomic(data, Path(args.output))
    else:
        sys.stdout.buffer.write(data)
    return 0


def command_validate(args: argparse.Namespace) -> int:
    from .validate import validate_command

    return validate_command(Path(args.graph), args.format, sys.stdout)


def command_dependencies(args: argparse.Namespace) -> int:
    """Every dependency the plans state, with the sentence that says so, what kind of thing each
    waits on (central work, local work, another action), and which actions are blocked."""
    from rdflib import Graph

    from .analysis import explain, load_dependencies, rdflib_select, target_kind, waiting_actions

    graph = load_dependencies(rdflib_select(Graph().parse(args.graph)))
    waiting = waiting_actions(graph)

    def label(node: str) -> str:
        return graph.nodes[node].get("label") or node

    kinds: dict[str, int] = {}
    for action, target, evidence in sorted(graph.edges(data="evidence"), key=lambda e: (label(e[0]), label(e[1]))):
        kind = target_kind(graph, target)
        kinds[kind.split(",")[0]] = kinds.get(kind.split(",")[0], 0) + 1
        print(f"{label(action)}  waits on  {label(target)}  [{kind}]\n    “{evidence}”")
        if action in waiting and waiting[action].chain[1] == target:
            print(f"    {explain(graph, waiting[action])}")
    for title, blocked in (("Blocked on central frameworks", True), ("Waiting on local work or another action", False)):
        actions = sorted((label(a) for a, found in waiting.items() if found.blocked == blocked))
        print(f"\n{title} ({len(actions)}):" + "".join(f"\n  {name}" for name in actions))
    counted = ", ".join(f"{count} on {kind}" for kind, count in sorted(kinds.items()))
    print(f"\n{graph.number_of_edges()} dependencies ({counted})")
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from webapp.server import run

    graph = Path(args.graph)
    if not graph.exists():
        print(f"{graph} does not exist yet: building it from {DEFAULT_DATA}/ first", file=sys.stderr)
        status = command_build(argparse.Namespace(paths=[DEFAULT_DATA], output=graph, quiet=False,
                                                         verbose=False, jobs=1, store=None, no_cache=False,
                                                         strict=False))
        if not graph.exists():
            return status
    run(graph, host=args.host, port=args.port, config={"STORE": args.store} if args.store else None)
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="plangraph", description=__doc__)
    commands = main_parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the graph from action-plan documents")
    build.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {DEFAULT_DATA}/)")
    build.add_argument("-o", "--output", default=DEFAULT_OUTPUT, help=f"Turtle output (default: {DEFAULT_OUTPUT})")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.add_argument("-v", "--verbose", action="store_true", help="list every build warning")
    build.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                       help="build documents in this many processes (default: one per core)")
    build.add_argument("--no-cache", action="store_true",
                       help="re-read every document (by default unchanged documents are taken from build/cache/)")
    build.add_argument("--strict", action="store_true",
                       help="exit 1 when a plan reads as less than it says: its summary table, its "
                            "numbering or its own definitions disagree with what was read, or an "
                            "agreement word had to be guessed")
    build.add_argument("--store", help="also load each plan as a named graph into this SPARQL 1.1 Graph Store "
                                       "endpoint (e.g. http://127.0.0.1:7878/store)")
    build.set_defaults(handler=command_build)
    export = commands.add_parser("export", help="write the built graph in another RDF format")
    export.add_argument("--graph", default=DEFAULT_OUTPUT, help="the built graph (Turtle)")
    export.add_argument("--format", choices=sorted(FORMATS), default="turtle")
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.set_defaults(handler=command_export)
    validate = commands.add_parser("validate", help="check the graph against the SHACL shapes")
    validate.add_argument("graph", nargs="?", default=DEFAULT_OUTPUT)
    validate.add_argument("--format", choices=["text", "turtle"], default="text")
    validate.set_defaults(handler=command_validate)
    dependencies = commands.add_parser("dependencies", help="list what actions wait on, with the plans' words")
    dependencies.add_argument("graph", nargs="?", default=DEFAULT_OUTPUT)
    dependencies.set_defaults(handler=command_dependencies)
    serve = commands.add_parser("serve", help="serve the web app and SPARQL endpoint")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--graph", default=DEFAULT_OUTPUT)
    serve.add_argument("--store", help="answer queries from this SPARQL 1.1 endpoint instead of the embedded "
                                       "store (e.g. http://127.0.0.1:7878/query)")
    serve.set_defaults(handler=command_serve)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
