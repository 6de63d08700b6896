"""The ``kg`` command line: build, query, show, stats, eval, export, diff.

Options may come before, between or after the positional arguments
(``kg query output/graph.ttl --format csv 'SELECT …'``): each command's arguments are parsed
with :meth:`argparse.ArgumentParser.parse_intermixed_args`.

Exit codes (scripts can rely on them):

* 0 — success;
* 1 — the command ran, but some inputs failed (an unreadable page; the rest was built);
* 2 — usage error: bad arguments, an input path that does not exist (nothing is written), a
  profile that is unknown or malformed, a query that does not parse, a graph file that is not
  kg's, an output folder that cannot be written or holds files that are not kg's;
* 3 — an unexpected error inside kg (a bug: one line naming it, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import InputError, KGError, UsageError, printable
from kg.export.formats import DEFAULT_FORMATS, FORMATS

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
#: Options of ``kg`` itself; any other option before a command's name is the command's.
GLOBAL_OPTIONS = ("-h", "--help", "--version")

BUILD_EXAMPLES = """examples:
  kg build seeds -o output                     pages of a folder -> output/
  kg build a.txt b.txt -o out --year 2023      files; month/day datelines get year 2023
  kg build pages/ -o out --profile my.toml     another newspaper's home city and province
  kg build pages/ -o out -j 2                  parse with two processes
  kg build seeds -o output --formats all       also FtM, GraphML, GEXF and Cypher files
  kg build pages/ -o out --no-cache            analyse every page again (default: reuse the cache)
  kg build pages/ -o out --engine dask --scheduler tcp://10.0.0.5:8786   on a Dask cluster

writes: articles.jsonl, mentions.jsonl, the --formats (default graph.json, graph.ttl,
        graph.html), report.json, report.html (all into a fresh folder that replaces the
        output at the end)"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


class Console:
    """Messages to stderr, respecting --quiet / --verbose."""

    def __init__(self, verbosity: int = 1) -> None:
        self.verbosity = verbosity

    def info(self, text: str) -> None:
        if self.verbosity >= 1:
            print(printable(text, keep="\n"), file=sys.stderr)

    def debug(self, text: str) -> None:
        if self.verbosity >= 2:
            print(printable(text, keep="\n"), file=sys.stderr)

    def warning(self, text: str) -> None:
        if self.verbosity >= 1:
            print(f"kg: warning: {printable(text)}", file=sys.stderr)

    def error(self, text: str) -> None:
        print(f"kg: {printable(text)}", file=sys.stderr)


def _add_verbosity(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    g.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graphs from Chinese government news pages.",
        epilog="exit codes: 0 ok, 1 some inputs failed, 2 usage error, 3 internal error.\nRun `kg COMMAND --help` for examples.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="pages -> articles, mentions, graph (JSON, Turtle, HTML), report",
                       epilog=BUILD_EXAMPLES, formatter_class=_Formatter)
    b.add_argument("paths", nargs="+", metavar="PATH", help=".txt page files or folders of them")
    b.add_argument("-o", "--output", default="output", type=Path, help="output folder (default: output)")
    b.add_argument("--year", type=int, help="year for month/day datelines (overrides manifest.toml)")
    b.add_argument("--profile", help="newspaper profile name or TOML file (default: manifest's, else taiyuan_daily)")
    b.add_argument("-j", "--n-process", type=int, default=1, help="parser processes (default 1)")
    b.add_argument("--max-html-nodes", type=int, default=50_000, help="nodes the HTML explorer carries at most (the most connected; default 50000)")
    b.add_argument("--formats", default=",".join(DEFAULT_FORMATS), metavar="LIST",
                   help=f"graph files to write, comma-separated: {', '.join(FORMATS)} or all (default: %(default)s)")
    b.add_argument("--no-cache", action="store_true", help="analyse every page, neither reading nor writing the cache")
    b.add_argument("--cache", type=Path, metavar="DIR", help="cache folder (default: $KG_CACHE_DIR, else ~/.cache/kg)")
    b.add_argument("--engine", choices=("local", "dask"), default="local", help="where pages are analysed (default local)")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster)")
    b.add_argument("--identities", type=Path, help="TOML of pinned person decisions (split/merge by name + context; "
                   "default kg/data/resolve/person_identity.toml)")
    _add_verbosity(b)
    b.set_defaults(func=cmd_build)

    for register in _EXTRA_COMMANDS:
        register(sub)
    parser.set_defaults(commands=sub.choices)
    return parser


QUERY_EXAMPLES = """examples:
  kg query output/graph.ttl 'SELECT ?p ?name WHERE { ?p a kg:Official ; rdfs:label ?name }'
  kg query output/graph.ttl --file queries/officials_of_shiwei.rq --format csv
  kg query output/graph.ttl --file queries/visits_in_yingze.rq --format json > visits.json

kg's prefixes (kg: kgr: org: schema: prov: dcterms: skos: rdfs: …) need no PREFIX lines;
the ontology (ontology/*.ttl) is loaded beside the data, so rdfs:subClassOf* works."""

SHOW_EXAMPLES = """examples:
  kg show 周计伟                          from output/graph.json; writes output/show/周计伟.html
  kg show 市委 --graph out/graph.json      aliases work (市委 -> 中共太原市委员会)
  kg show 迎泽区 --radius 2 --html ego.html"""

STATS_EXAMPLES = """examples:
  kg stats                                 output/graph.json
  kg stats out/graph.json --top 20 --json"""


def _register_query(sub) -> None:
    q = sub.add_parser("query", help="run SPARQL over Turtle files", epilog=QUERY_EXAMPLES, formatter_class=_Formatter)
    q.add_argument("ttl", nargs="+", type=Path, metavar="GRAPH.ttl", help="Turtle file(s), e.g. output/graph.ttl")
    q.add_argument("sparql", nargs="?", help="the query text (or use --file)")
    q.add_argument("-f", "--file", type=Path, help="read the query from a .rq file")
    q.add_argument("--format", default="table", choices=("table", "csv", "json"), help="output format")
    _add_verbosity(q)
    q.set_defaults(func=cmd_query)


def _register_show(sub) -> None:
    s = sub.add_parser("show", help="one entity: aliases, posts over time, relations with evidence, ego-network HTML",
                       epilog=SHOW_EXAMPLES, formatter_class=_Formatter)
    s.add_argument("name", help="a name or alias (exact; else a substring of the label)")
    s.add_argument("--graph", type=Path, default=Path("output/graph.json"), help="graph.json of a build")
    s.add_argument("--radius", type=int, default=1, help="steps of the ego network (default 1)")
    s.add_argument("--html", type=Path, help="ego-network page to write (default: <graph dir>/show/<name>.html)")
    s.add_argument("--evidence", type=int, default=2, help="evidence sentences per relation (default 2)")
    _add_verbosity(s)
    s.set_defaults(func=cmd_show)


def _register_stats(sub) -> None:
    s = sub.add_parser("stats", help="counts per type and predicate, top entities", epilog=STATS_EXAMPLES, formatter_class=_Formatter)
    s.add_argument("graph", nargs="?", type=Path, default=Path("output/graph.json"), help="graph.json of a build")
    s.add_argument("--top", type=int, default=10, help="how many top entities")
    s.add_argument("--json", action="store_true", help="print the statistics as JSON")
    _add_verbosity(s)
    s.set_defaults(func=cmd_stats)


EVAL_EXAMPLES = """examples:
  kg eval ../shared/gold --pages seeds                         the seeds' gold, each page built alone
  kg eval ../shared/gold-dev/xwlb --pages ../shared/corpus/xwlb --profile peoples_daily
  kg eval gold/ --graph output/graph.json                      score an existing build instead
  kg eval ../shared/data/ner/resume_dev.jsonl                  a public NER set: kg vs raw LAC
  kg eval gold/ --pages pages/ --findings org,post --json scores.json

prints P / R / F1 per measure in total and per file, then every miss and false hit with its
sentence. A gold file that does not parse or names a missing page gets one error line (exit 1)."""


def _register_eval(sub) -> None:
    e = sub.add_parser("eval", help="score kg against gold files (and public NER sets)", epilog=EVAL_EXAMPLES, formatter_class=_Formatter)
    e.add_argument("inputs", nargs="+", type=Path, metavar="GOLD", help="gold .json files or folders of them; or NER .jsonl sets")
    e.add_argument("--pages", action="append", type=Path, default=[], metavar="DIR", help="where the pages the gold names are (repeatable)")
    e.add_argument("--profile", help="newspaper profile for every page (default: the page folder's manifest, else taiyuan_daily)")
    e.add_argument("--graph", type=Path, help="score this graph.json instead of building the pages")
    e.add_argument("--json", type=Path, help="also write every score and finding as JSON here")
    e.add_argument("--findings", default="all", help="misses and false hits to print: all, none, or measures (org,post,relation)")
    e.add_argument("--limit", type=int, help="NER sets: score only the first N held-out sentences")
    _add_verbosity(e)
    e.set_defaults(func=cmd_eval)


DIFF_EXAMPLES = """examples:
  kg diff out/monday out/tuesday            what Tuesday's pages added: people, posts, changes, relations
  kg diff old/graph.json new/graph.json --json > news.json

OLD and NEW are build folders (their graph.json) or graph.json files."""


def _register_diff(sub) -> None:
    d = sub.add_parser("diff", help="what a new build added: new people, posts, ended posts, changes, relations",
                       epilog=DIFF_EXAMPLES, formatter_class=_Formatter)
    d.add_argument("old", type=Path, metavar="OLD", help="the earlier build folder or its graph.json")
    d.add_argument("new", type=Path, metavar="NEW", help="the later build folder or its graph.json")
    d.add_argument("--json", action="store_true", help="print the differences as JSON")
    _add_verbosity(d)
    d.set_defaults(func=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from kg.diff import diff_graphs, diff_text

    graphs = [_load_graph(p / "graph.json" if p.is_dir() else p) for p in (args.old, args.new)]
    d = diff_graphs(*graphs)
    print(json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True) if args.json else diff_text(d))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from kg.eval import evaluate, format_report
    from kg.eval.ner import format_scores, read_set, score_set

    console = _console(args)
    for path in args.inputs:
        if not path.exists():
            raise UsageError("E901", path, detail="no such file or folder")
    if args.graph is not None and not args.graph.is_file():
        raise UsageError("E901", args.graph, detail="no graph here; run `kg build` first")
    sets = [p for p in args.inputs if p.suffix == ".jsonl"]
    golds = [p for p in args.inputs if p.suffix != ".jsonl"]
    failed = 0
    nlp = None
    if sets or (golds and args.graph is None):
        from kg.nlp import load_pipeline

        nlp = load_pipeline()
    out: dict = {}
    if golds:
        report = evaluate(golds, args.pages, profile=args.profile, graph=args.graph, nlp=nlp, on_error=lambda e: console.error(str(e)))
        failed += len(report.errors)
        sys.stdout.write(format_report(report, args.findings))
        out["gold"] = report.to_json()
    for path in sets:
        data = read_set(path, args.limit)
        scores = score_set(data, nlp)
        print(format_scores(data, scores))
        out.setdefault("ner", {})[data.name] = {
            system: {cls: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4)} for cls, c in per.items()}
            for system, per in scores.items()
        }
    if args.json is not None:
        from kg.export.common import atomic_write

        atomic_write(args.json, json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return EXIT_INPUT_FAILED if failed else EXIT_OK


EXPORT_EXAMPLES = """examples:
  kg export output/graph.json --to ftm -o graph.ftm.json       FollowTheMoney (Aleph, ftm validate)
  kg export output/graph.json --to gexf -o graph.gexf          Gephi
  kg export output/graph.json --to cypher -o neo4j/            CSV + import.sh + load.cypher
  kg export output/graph.json --to html -o top.html --max-html-nodes 5000

formats: """ + "\n         ".join(f"{f.name:8} {f.description}" for f in FORMATS.values())


def _register_export(sub) -> None:
    e = sub.add_parser("export", help="a built graph.json in another format (FtM, GraphML, GEXF, Cypher, …)",
                       epilog=EXPORT_EXAMPLES, formatter_class=_Formatter)
    e.add_argument("graph", type=Path, metavar="GRAPH.json", help="graph.json of a build")
    e.add_argument("--to", required=True, choices=tuple(FORMATS), metavar="FORMAT", help=f"one of {', '.join(FORMATS)}")
    e.add_argument("-o", "--output", type=Path, help="file to write (a folder for cypher; default: the format's usual name beside GRAPH)")
    e.add_argument("--title", help="title of an html page (default: kg — GRAPH)")
    e.add_argument("--max-html-nodes", type=int, default=50_000, help="nodes an html page carries at most (the most connected; default 50000)")
    _add_verbosity(e)
    e.set_defaults(func=cmd_export)


_EXTRA_COMMANDS = [_register_query, _register_show, _register_stats, _register_eval, _register_export, _register_diff]


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import stream_query

    ttl = list(args.ttl)
    sparql = args.sparql
    if args.file is not None:
        if sparql is not None:  # `kg query a.ttl b.ttl --file q.rq`: the "query" was a file
            ttl.append(Path(sparql))
        try:
            sparql = args.file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError("E901", args.file, detail=exc.strerror or str(exc)) from exc
    elif sparql is None and len(ttl) > 1:
        sparql = str(ttl.pop())  # argparse puts the query among the files when it is last
    if not sparql:
        raise UsageError("E901", detail="give a query text or --file q.rq")
    _console(args).debug(f"querying {', '.join(map(str, ttl))} (+ ontology/*.ttl)")
    sys.stdout.flush()
    stream_query(ttl, sparql, sys.stdout.buffer, args.format)
    sys.stdout.buffer.flush()
    return EXIT_OK


def _load_graph(path: Path):
    from kg.graph import read_graph

    if not path.is_file():
        raise UsageError("E901", path, detail="no graph here; run `kg build` first or pass --graph")
    return read_graph(path)


def cmd_show(args: argparse.Namespace) -> int:
    from kg.export import write_html
    from kg.graph import ego, find
    from kg.show import describe

    name = args.name.strip()
    if not name or printable(name) != name:
        raise UsageError("E901", detail=f"a name to look up, got {printable(repr(args.name))}")
    for option in ("radius", "evidence"):
        if getattr(args, option) < 0:
            raise UsageError("E901", detail=f"--{option} must be 0 or more")
    G = _load_graph(args.graph)
    found = find(G, name)
    # Entities first: a name inside a headline also matches that article's node.
    nodes = [n for n in found if G.nodes[n].get("type") != "Article"] + [n for n in found if G.nodes[n].get("type") == "Article"]
    if not nodes:
        raise UsageError("E902", detail=repr(name))
    node = nodes[0]
    print(printable(describe(G, node, evidence=args.evidence), keep="\n"))
    if len(nodes) > 1:
        print(printable(f"\n(also matching: {', '.join(G.nodes[n]['label'] for n in nodes[1:6])})", keep="\n"))
    html = args.html or args.graph.parent / "show" / f"{_file_name(G.nodes[node]['label'])}.html"
    is_article = G.nodes[node].get("type") == "Article"
    write_html(ego(G, node, radius=args.radius, articles=is_article), html, title=f"kg — {G.nodes[node]['label']}")
    _console(args).info(f"ego network: {html}")
    return EXIT_OK


#: File names are at most 255 bytes on common file systems; keep room for ".html" and a hash.
_MAX_NAME_BYTES = 180


def _file_name(label: str) -> str:
    """A label as a file name: path separators, control characters and characters shells or
    file systems dislike become _ (《太原市…方案》 stays readable, a/b does not make a folder);
    a label too long for a file name is cut and given a short hash, so names stay distinct.

    >>> _file_name("周计伟"), _file_name("a/b:c"), _file_name("x\\ny")
    ('周计伟', 'a_b_c', 'x_y')
    >>> name = _file_name("很长的名字" * 40); len(name.encode()) <= 190, name[-9:-8]
    (True, '~')
    """
    name = "".join("_" if c in '/\\:*?"<>|' or printable(c) != c else c for c in label).strip(". ") or "entity"
    if len(name.encode("utf-8")) <= _MAX_NAME_BYTES:
        return name
    import hashlib

    digest = hashlib.sha256(label.encode("utf-8")).hexdigest()[:8]
    cut = name.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", errors="ignore")
    return f"{cut}~{digest}"


def cmd_stats(args: argparse.Namespace) -> int:
    import json

    from kg.export.report import build_report

    if args.top < 0:
        raise UsageError("E901", detail="--top must be 0 or more")
    G = _load_graph(args.graph)
    report = build_report(G)
    if args.json:
        print(json.dumps({k: report[k] for k in ("counts", "top_entities", "top_officials")}, ensure_ascii=False, indent=1))
        return EXIT_OK
    from kg.show import stats_text

    print(stats_text(report, top=args.top))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    fmt = FORMATS[args.to]
    G = _load_graph(args.graph)
    out = args.output or args.graph.parent / fmt.file
    if out.exists() and out.is_dir() != fmt.folder:
        raise UsageError("E901", out, detail=f"{fmt.name} writes {'a folder' if fmt.folder else 'one file'}, and this is {'a folder' if out.is_dir() else 'a file'}")
    fmt.write(G, out, title=args.title or f"kg — {args.graph}", max_html_nodes=args.max_html_nodes)
    _console(args).info(f"wrote: {out}")
    return EXIT_OK


def _console(args: argparse.Namespace) -> Console:
    return Console(0 if getattr(args, "quiet", False) else 2 if getattr(args, "verbose", False) else 1)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import run_build
    from kg.export.formats import parse_formats

    formats = parse_formats(args.formats)
    missing = [p for p in args.paths if not Path(p).exists()]
    console = _console(args)
    if missing:  # checked before anything is read or written
        for path in missing:
            console.error(str(UsageError("E100", path)))
        return EXIT_USAGE
    summary = run_build(
        args.paths,
        args.output,
        year=args.year,
        profile=args.profile,
        n_process=args.n_process,
        max_html_nodes=args.max_html_nodes,
        formats=formats,
        console=console,
        cache=False if args.no_cache else (args.cache or True),
        engine=args.engine,
        scheduler=args.scheduler,
        identities=args.identities,
    )
    console.info(summary.text())
    console.debug("time per stage:\n" + summary.stages_text())
    return EXIT_INPUT_FAILED if summary.errors else EXIT_OK


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command's arguments in any order: options before, between or after the positionals,
    and before the command's name (``kg -q build seeds``). argparse cannot intermix through
    sub-commands, so the command's own parser reads every argument but ``-h`` and ``--version``
    given before it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = parser.get_default("commands")
    for i, token in enumerate(argv):
        if token in commands:
            own = [a for a in argv[:i] if a in GLOBAL_OPTIONS]
            args = parser.parse_args(own)
            rest = [a for a in argv[:i] if a not in GLOBAL_OPTIONS] + argv[i + 1:]
            sub = commands[token].parse_intermixed_args(rest)
            return argparse.Namespace(**{**vars(args), **vars(sub), "command": token})
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parse_args(parser, argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        Console().error(str(exc))
        return EXIT_USAGE
    except InputError as exc:  # a page that cannot be read, when it stops the command
        Console().error(str(exc))
        return EXIT_INPUT_FAILED
    except KGError as exc:  # a bad profile, query, graph file or output folder: fix the call
        Console().error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `kg query … | head`: the reader left
        _quiet_stdout()
        return EXIT_OK
    except Exception as exc:  # a bug: one line, never a traceback
        Console().error(str(KGError("E999", detail=f"{type(exc).__name__}: {exc}")))
        return EXIT_INTERNAL


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that Python's exit flush is silent."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
