"""Turn HM Inspectorate of Probation action plans into a knowledge graph, check it and serve it.

Folders are taken from the current directory: documents are read from data/ and the graph is
written to build/ (build/plangraph.ttl and build/plangraph.trig) unless you name others."""
from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from .cache import BuildCache
from .output import triple_count, write_corpus
from .pipeline import FORMATS, CorpusResult, DocumentResult, build_corpus, serialize, write_atomic
from .publish import GRAPH_FILES, BuildFolder, PublishError
from .readers import READERS, reader_for
from .stale import LastGood, manifest

DEFAULT_DATA = Path("data")
DEFAULT_OUTPUT = Path("build") / "plangraph.ttl"


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; every option's default shown where it has one."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "%(default)" in text or action.default in (None, False, argparse.SUPPRESS):
            return text
        return f"{text} (default: %(default)s)"


def _progress_bar(index: int, total: int, document: DocumentResult, triples: int) -> None:
    width = 24
    filled = width * index // total
    state = "stale" if document.stale else "failed" if document.error else "ok"
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {index}/{total} documents, "
                     f"{triples} triples  {document.path.name} {state}\033[K")
    if index == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _say(message: str) -> None:
    print(f"plangraph: {message}", file=sys.stderr, flush=True)


def _summary_table(result: CorpusResult) -> str:
    rows = [("document", "state", "reader", "layout", "recs", "actions", "owners", "tools", "warnings")]
    for document in result.documents:
        summary = document.summary
        if summary is None:
            reader = reader_for(document.path)
            rows.append((document.path.name, "FAILED", reader.name if reader else "-", "-", "-", "-", "-", "-", "-"))
            continue
        state = "STALE" if document.stale else "ok"
        rows.append((document.path.name, state, summary.reader, summary.layout, *map(str, (
            summary.recommendations, summary.actions, summary.owners, summary.tools, len(summary.warnings)))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    unread = [f"not read (plangraph does not read this kind of file): {path.name}" for path in result.unread]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:], *unread])


def _report(result: CorpusResult, cache: BuildCache, verbose: bool) -> None:
    print(_summary_table(result))
    for path in cache.dropped:
        print(f"warning: the cached reading of {path} was damaged: dropped, and the document read again",
              file=sys.stderr)
    for document in result.documents:
        for warning in document.warnings if verbose else []:
            print(f"  warning: {warning}")
    crossed = strict_failures(result)
    if crossed and not verbose:
        print("plans that read as less than they say (or whose words were guessed):")
        for warning in crossed:
            print(f"  warning: {warning}")
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    for document in result.documents:
        if document.stale:
            print(f"stale: {document.path.name} failed, so its plan {document.iri} is kept as last built, "
                  f"marked ap:buildStale", file=sys.stderr)


def _write_graph(result: CorpusResult, generation: Path) -> None:
    with open(generation / GRAPH_FILES[0], "wb") as turtle, open(generation / GRAPH_FILES[1], "wb") as trig:
        write_corpus(result, turtle, trig)
        for stream in (turtle, trig):  # on disk before the generation is swapped in
            stream.flush()
            os.fsync(stream.fileno())


def strict_failures(result: CorpusResult) -> list:
    """The warnings `--strict` fails on: a plan that reads as less than its own cross-checks say."""
    return [warning for document in result.built for warning in document.warnings if warning.cross_check]


def command_build(args: argparse.Namespace) -> int:
    paths = args.paths or [DEFAULT_DATA]
    folder = BuildFolder(Path(args.output))
    with folder.locked():
        cache = BuildCache(folder.root / "cache", read=not args.no_cache)
        cache.clean_up()
        result = build_corpus(paths, None if args.quiet else _progress_bar,
                              workers=args.jobs or os.cpu_count() or 1, cache=cache, last_good=LastGood(folder))
        if not result.documents:
            unread = f" (not read: {', '.join(path.name for path in result.unread)})" if result.unread else ""
            print(f"plangraph: no documents found in {', '.join(map(str, paths))}{unread}", file=sys.stderr)
            return 1
        _report(result, cache, args.verbose)
        if not result.built:
            print("plangraph: no document built; the previous output is left as it was", file=sys.stderr)
            return 1
        count = triple_count(result)
        try:
            folder.publish(lambda generation: _write_graph(result, generation), manifest(result, count),
                           progress=_say if not args.quiet else lambda message: None)
        except PublishError as error:
            print(f"plangraph: {error}; the previous build is left as it was", file=sys.stderr)
            return 1
    print(f"wrote {count} triples from {len(result.built)} plans to {folder.output} "
          f"(and one named graph per plan to {folder.root / folder.names[1]})")
    if args.store:
        from .remote import publish

        print(f"published {publish(result.dataset(), args.store)} named graphs to {args.store}")
    crossed = strict_failures(result)
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
        status = command_build(parser().parse_args(["build", "--output", str(graph)]))
        if not graph.exists():
            return status
    run(graph, host=args.host, port=args.port, config={"STORE": args.store} if args.store else None)
    return 0


MAIN_EXAMPLES = """examples:
  plangraph build                        read data/, write build/plangraph.ttl and build/plangraph.trig
  plangraph validate                     check build/plangraph.ttl against the SHACL shapes
  plangraph serve --port 8000            browse and query it on http://127.0.0.1:8000/
  plangraph export --format jsonld -o plans.jsonld

"plangraph COMMAND --help" describes a command and its options."""
BUILD_EXAMPLES = """examples:
  plangraph build                              every document in data/
  plangraph build plans/ extra/new-plan.txt -v  these folders and files, listing every warning
  plangraph build --no-cache -j 2              read every document again, in two processes

Each build writes a new folder under build/generations/ and swaps it in whole (build/current):
build/plangraph.ttl and build/plangraph.trig always belong to the same build, even if one is
killed. A document that fails keeps its plan's last good version, marked stale; the build then
exits 1."""
EXPORT_EXAMPLES = """examples:
  plangraph export --format jsonld -o plans.jsonld
  plangraph export --format nt | wc -l         count the triples"""
VALIDATE_EXAMPLES = """examples:
  plangraph validate                           the findings, grouped by plan and rule, with source lines
  plangraph validate --format turtle > report.ttl

Exit status 1 when a Violation is found; Warnings are listed but do not fail."""
DEPENDENCIES_EXAMPLES = """examples:
  plangraph dependencies
  plangraph dependencies | grep -A1 "central"   the dependencies on central work"""
SERVE_EXAMPLES = """examples:
  plangraph serve                              http://127.0.0.1:5000/
  plangraph serve --host 0.0.0.0 --port 8000   reachable from other machines
  plangraph serve --store http://127.0.0.1:7878/query"""


def _command(commands, name: str, handler, help: str, description: str, examples: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help, description=textwrap.fill(description, 96), epilog=examples,
                                  formatter_class=HelpFormatter)
    command.set_defaults(handler=handler)
    return command


def _graph_argument(command: argparse.ArgumentParser, flag: str | None = None) -> None:
    names, form = ([flag], {"metavar": "FILE"}) if flag else (["graph"], {"nargs": "?"})
    command.add_argument(*names, type=Path, default=DEFAULT_OUTPUT, help="the built graph, a Turtle file", **form)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="plangraph", description=__doc__, epilog=MAIN_EXAMPLES,
                                          formatter_class=HelpFormatter)
    commands = main_parser.add_subparsers(title="commands", dest="command", required=True, metavar="COMMAND")
    build = _command(commands, "build", command_build, "build the graph from action-plan documents",
                     "Read every action plan, turn it into RDF and write the graph: one Turtle file of all "
                     "plans and one TriG file with a named graph per plan.", BUILD_EXAMPLES)
    build.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help=f"documents, or folders searched for {', '.join(sorted(READERS))} files "
                            f"(default: {DEFAULT_DATA}/)")
    build.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, metavar="FILE",
                       help="the Turtle file; the TriG is written beside it (.trig), and its folder also "
                            "holds the build generations and the cache")
    build.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="build documents in N processes (default: one per core)")
    build.add_argument("-q", "--quiet", action="store_true",
                       help="no progress: neither the bar nor what is made after the documents")
    build.add_argument("-v", "--verbose", action="store_true", help="list every build warning")
    build.add_argument("--no-cache", action="store_true",
                       help="read every document again and write the cache anew (by default an unchanged "
                            "document is taken from the cache folder beside the output)")
    build.add_argument("--strict", action="store_true",
                       help="exit 1 also when a plan reads as less than it says: its summary table, its "
                            "numbering or its own definitions disagree with what was read, or an "
                            "agreement word had to be guessed (a document that fails always does)")
    build.add_argument("--store", metavar="URL",
                       help="also load each plan as a named graph into this SPARQL 1.1 Graph Store "
                            "endpoint (e.g. http://127.0.0.1:7878/store)")
    export = _command(commands, "export", command_export, "write the built graph in another RDF format",
                      "Write the built graph in another RDF format; TriG keeps one named graph per plan.",
                      EXPORT_EXAMPLES)
    _graph_argument(export, "--graph")
    export.add_argument("--format", choices=sorted(FORMATS), default="turtle", help="the RDF format")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    validate = _command(commands, "validate", command_validate, "check the graph against the SHACL shapes",
                        "Check the graph against the SHACL shapes: structure, the plan rules, SMART "
                        "targets and the summary table.", VALIDATE_EXAMPLES)
    _graph_argument(validate)
    validate.add_argument("--format", choices=["text", "turtle"], default="text",
                          help="text for people, turtle for the SHACL validation report")
    dependencies = _command(commands, "dependencies", command_dependencies,
                            "list what actions wait on, with the plans' words",
                            "List every dependency the plans state, with the sentence that says so and "
                            "what it waits on (central work, local work, another action), why each action "
                            "is blocked or waits, and the actions blocked on central frameworks.",
                            DEPENDENCIES_EXAMPLES)
    _graph_argument(dependencies)
    serve = _command(commands, "serve", command_serve, "serve the web app and SPARQL endpoint",
                     "Serve the web app and the read-only SPARQL endpoint under waitress; builds the graph "
                     f"from {DEFAULT_DATA}/ first if there is none.", SERVE_EXAMPLES)
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=int, default=5000, help="the port to listen on")
    _graph_argument(serve, "--graph")
    serve.add_argument("--store", metavar="URL|rdflib",
                       help="answer queries from this SPARQL 1.1 query endpoint, or from rdflib's in-memory "
                            "store, instead of the embedded Oxigraph store (e.g. http://127.0.0.1:7878/query)")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
