"""``kg build``: run the pipeline over pages and write every output, atomically.

Articles stream through ingest -> nlp -> extract; their records go to ``articles.jsonl`` and
``mentions.jsonl`` as they come and into the :class:`~kg.graph.GraphBuilder`. The graph is then
written as node-link JSON, Turtle and HTML, and the run report as JSON and HTML. Every file is
written to a temporary name and renamed into place, so a failed run never leaves a
half-written output.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, InputWarning, UsageError


@dataclass(slots=True)
class BuildSummary:
    files: int = 0
    articles: int = 0
    mentions: Counter = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    outputs: list[Path] = field(default_factory=list)

    def text(self) -> str:
        labels = ", ".join(f"{label} {n}" for label, n in sorted(self.mentions.items()))
        lines = [
            f"files: {self.files} read, {len(self.errors)} failed",
            f"articles: {self.articles}",
            f"mentions: {sum(self.mentions.values())} ({labels})" if labels else "mentions: 0",
            f"graph: {self.nodes} nodes, {self.edges} edges",
            *([f"warnings: {len(self.warnings)} articles without a year ([W101] above, and in the report)"] if self.warnings else []),
            "wrote: " + ", ".join(str(p) for p in self.outputs),
        ]
        return "\n".join(lines)


def _manifest_profile(paths: Iterable[str | Path]) -> str | None:
    from kg.ingest import load_manifest

    for p in map(Path, paths):
        folder = p if p.is_dir() else p.parent
        try:
            profile = load_manifest(folder).get("profile")
        except InputError:
            continue  # read_pages reports the bad manifest (E106) with the pages
        if profile:
            return str(profile)
    return None


def undated(article) -> InputWarning | None:
    """W101 naming the page file and the article, when the article's date has no year."""
    if article.date and not article.date.startswith("--"):
        return None
    what = f"{article.id} ({article.headline})" if article.headline else article.id
    return InputWarning("W101", article.source, detail=what)


def _progress(iterable, console, desc: str):
    if console.verbosity == 0 or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, unit=" articles", file=sys.stderr, mininterval=0.5)


def run_build(
    paths: list[str],
    output: Path,
    *,
    year: int | None = None,
    profile: str | None = None,
    n_process: int = 1,
    max_html_nodes: int = 50_000,
    formats: Iterable[str] | None = None,
    console=None,
    identities: str | Path | None = None,
) -> BuildSummary:
    """Build every output of ``kg build`` into ``output``; returns what happened.

    ``formats`` names the graph files to write (:data:`kg.export.formats.FORMATS`; default
    JSON, Turtle and HTML); articles, mentions and the report are always written.
    """
    from kg.export.formats import DEFAULT_FORMATS, write_formats
    from kg.graph import GraphBuilder
    from kg.ingest import iter_page_files, read_pages
    from kg.nlp import load_pipeline
    from kg.pipeline import analyse
    from kg.export.common import atomic_open
    from kg.export.report import build_report, write_report
    from kg.resolve import Resolver, load_profile

    if console is None:
        from kg.cli import Console

        console = Console(0)
    if n_process < 1:
        raise UsageError("E901", detail="--n-process must be at least 1")
    summary = BuildSummary()

    def on_error(exc: InputError) -> None:
        summary.errors.append(exc)
        console.error(str(exc))

    files = iter_page_files(paths)
    summary.files = len(files)
    resolver = Resolver(load_profile(profile or _manifest_profile(paths) or "taiyuan_daily"))
    builder = GraphBuilder(resolver, identities)  # pinned person decisions: kg/resolve/identity.py
    nlp = load_pipeline()
    articles = read_pages(paths, year=year, on_error=on_error)
    output = Path(output)
    with atomic_open(output / "articles.jsonl") as art_fh, atomic_open(output / "mentions.jsonl") as men_fh:
        for result in _progress(analyse(articles, nlp, n_process=n_process), console, "kg build"):
            summary.articles += 1
            row = result.article.to_json()
            art_fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            for m in result.mentions:
                summary.mentions[m.label] += 1
                men_fh.write(json.dumps(m.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
            builder.add(result)
            if (warning := undated(result.article)) is not None:
                summary.warnings.append(warning)
                console.warning(str(warning))
            console.debug(
                f"{result.article.id}: {len(result.mentions)} mentions, {len(result.posts)} posts, "
                f"{len(result.claims)} relations  {result.article.headline or ''}"
            )
    G = builder.graph()
    summary.nodes, summary.edges = G.number_of_nodes(), G.number_of_edges()
    report = build_report(G, summary)
    graphs = write_formats(G, output, DEFAULT_FORMATS if formats is None else formats,
                           title="kg — " + ", ".join(map(str, paths)), max_html_nodes=max_html_nodes)
    write_report(report, output / "report.json", output / "report.html")
    summary.outputs = [output / "articles.jsonl", output / "mentions.jsonl", *graphs, output / "report.json", output / "report.html"]
    return summary
