"""The ``kg`` command line: build, query, show, stats.

Exit codes (scripts can rely on them):

* 0 — success;
* 1 — the command ran, but some inputs failed (an unreadable page; the rest was built);
* 2 — usage error (bad arguments, missing files, a query that does not parse).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import KGError, UsageError

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

BUILD_EXAMPLES = """examples:
  kg build seeds -o output                     pages of a folder -> output/
  kg build a.txt b.txt -o out --year 2023      files; month/day datelines get year 2023
  kg build pages/ -o out --profile my.toml     another newspaper's home city and province
  kg build pages/ -o out -j 2                  parse with two processes

writes: articles.jsonl, mentions.jsonl, graph.json, graph.ttl, graph.html,
        report.json, report.html (each written atomically)"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


class Console:
    """Messages to stderr, respecting --quiet / --verbose."""

    def __init__(self, verbosity: int = 1) -> None:
        self.verbosity = verbosity

    def info(self, text: str) -> None:
        if self.verbosity >= 1:
            print(text, file=sys.stderr)

    def debug(self, text: str) -> None:
        if self.verbosity >= 2:
            print(text, file=sys.stderr)

    def error(self, text: str) -> None:
        print(f"kg: {text}", file=sys.stderr)


def _add_verbosity(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    g.add_argument("-v", "--verbose", action="store_true", help="print more detail")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graphs from Chinese government news pages.",
        epilog="exit codes: 0 ok, 1 some inputs failed, 2 usage error.\nRun `kg COMMAND --help` for examples.",
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
    b.add_argument("--max-html-nodes", type=int, default=1500, help="cap of the HTML explorer (top nodes by degree)")
    _add_verbosity(b)
    b.set_defaults(func=cmd_build)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


#: Later commands register their sub-parsers here (kept small: one function per command).
_EXTRA_COMMANDS: list = []


def _console(args: argparse.Namespace) -> Console:
    return Console(0 if getattr(args, "quiet", False) else 2 if getattr(args, "verbose", False) else 1)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import run_build

    console = _console(args)
    summary = run_build(
        args.paths,
        args.output,
        year=args.year,
        profile=args.profile,
        n_process=args.n_process,
        max_html_nodes=args.max_html_nodes,
        console=console,
    )
    console.info(summary.text())
    return EXIT_INPUT_FAILED if summary.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        Console().error(str(exc))
        return EXIT_USAGE
    except KGError as exc:
        Console().error(str(exc))
        return EXIT_USAGE if exc.code.startswith(("E5", "E9", "E302", "E105")) else EXIT_INPUT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
