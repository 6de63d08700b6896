"""``kg build``: run the pipeline over pages and write every output as one atomic set.

1. **Check everything first.** Arguments, the output folder (:func:`kg.outdir.check_output`),
   every input path and manifest (:func:`kg.ingest.plan_pages`) and every newspaper profile are
   checked before a page is analysed or a file written. If no page can even be planned, nothing
   is written (E109).
2. **Analyse.** Pages stream through ingest -> nlp -> extract on an engine (this machine, or a
   Dask cluster), each looked up first in the analysis cache (:mod:`kg.cache`).
3. **Resolve and write.** Records go to ``articles.jsonl`` and ``mentions.jsonl`` and into the
   :class:`~kg.graph.GraphBuilder` (one resolver per profile), then the graph is written in the
   chosen formats (default node-link JSON, Turtle and HTML: :mod:`kg.export.formats`) with the
   run report, all into a fresh folder that replaces
   the output only when every file is written (:class:`kg.outdir.OutputFolder`). A run in which
   every page failed writes nothing.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, InputWarning, UsageError
from kg.pipeline import Timings

ENGINES = ("local", "dask")
DEFAULT_PROFILE = "taiyuan_daily"
OUTPUT_NAMES = ("articles.jsonl", "mentions.jsonl", "graph.json", "graph.ttl", "graph.html", "report.json", "report.html")


@dataclass(slots=True)
class BuildSummary:
    """What a build did: ``files`` planned, ``articles``, ``mentions`` per label, ``errors``
    (pages that failed) and ``warnings`` (pages read with a doubt; cache entries ignored are
    ``cache_warnings``, printed but not in the report), pages ``analysed`` and
    taken from the ``cached`` analyses, graph size, ``list_names`` (people named in lists,
    without co-appearance pairs), the outputs and seconds per stage."""

    files: int = 0
    articles: int = 0
    mentions: Counter = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    cache_warnings: list[InputWarning] = field(default_factory=list)
    analysed: int = 0
    cached: int = 0
    nodes: int = 0
    edges: int = 0
    list_names: int = 0
    outputs: list[Path] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)

    def text(self) -> str:
        labels = ", ".join(f"{label} {n}" for label, n in sorted(self.mentions.items()))
        read = self.files - len(self.errors)
        lines = [
            f"files: {read} read, {len(self.errors)} failed" + (f", {len(self.warnings)} warnings" if self.warnings else ""),
            f"articles: {self.articles}" + (f" (pages analysed {self.analysed}, from cache {self.cached})" if self.cached else ""),
            f"mentions: {sum(self.mentions.values())} ({labels})" if labels else "mentions: 0",
            f"graph: {self.nodes} nodes, {self.edges} edges",
            *([f"warnings: {n} articles without a year ([W101] above, and in the report)"] if (n := self.undated) else []),
            "wrote: " + ", ".join(str(p) for p in self.outputs),
        ]
        return "\n".join(lines)

    @property
    def undated(self) -> int:
        return sum(1 for w in self.warnings if w.code == "W101")

    def stages_text(self) -> str:
        """Seconds and share of the time per stage, largest first."""
        return "\n".join(f"  {stage:<24} {s:>8.2f} s  {share:>6.1%}" for stage, s, share in self.timings.shares())


def _manifest_profile(paths: Iterable[str | Path]) -> str | None:
    """The profile the manifests give the first page under ``paths`` (None if none does); a
    bad manifest or path counts as none here (the build reports it)."""
    from kg.ingest import plan_pages

    jobs = plan_pages(paths, on_error=lambda error: None)
    return jobs[0].profile if jobs else None


def undated(article) -> InputWarning | None:
    """W101 naming the page file and the article, when the article's date has no year."""
    if article.date and not article.date.startswith("--"):
        return None
    what = f"{article.id} ({article.headline})" if article.headline else article.id
    return InputWarning("W101", article.source, detail=what)


def _progress(iterable, console, desc: str, total: int):
    if console.verbosity == 0 or not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, unit=" pages", total=total, file=sys.stderr, mininterval=0.5)


def check_arguments(*, year: int | None, n_process: int, max_html_nodes: int, engine: str, scheduler: str | None) -> None:
    """UsageError E901 for an argument out of range, before anything runs."""
    from kg.ingest.files import YEAR_RANGE

    if year is not None and year not in YEAR_RANGE:
        raise UsageError("E901", detail=f"--year must be {YEAR_RANGE.start}-{YEAR_RANGE.stop - 1}, got {year}")
    if n_process < 1:
        raise UsageError("E901", detail="--n-process must be at least 1")
    if max_html_nodes < 1:
        raise UsageError("E901", detail="--max-html-nodes must be at least 1")
    if engine not in ENGINES:
        raise UsageError("E901", detail=f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if scheduler is not None and engine != "dask":
        raise UsageError("E901", detail="--scheduler needs --engine dask")


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
    cache: bool | str | Path = True,
    engine: str = "local",
    scheduler: str | None = None,
    identities: str | Path | None = None,
) -> BuildSummary:
    """Build every output of ``kg build`` into ``output``; returns what happened.

    ``formats`` names the graph files to write (:data:`kg.export.formats.FORMATS`; default
    JSON, Turtle and HTML); articles, mentions and the report are always written.
    ``cache``: True for the default cache folder (:func:`kg.cache.default_dir`), a folder, or
    False for none. ``engine``: ``local`` (``n_process`` processes) or ``dask`` (``scheduler``
    address, else a local cluster). ``identities``: a TOML file of pinned person decisions
    (:mod:`kg.resolve.identity`). Raises UsageError (bad arguments, output folder, profile)
    before any work, InputError E109 when no page could be read (nothing is written).
    """
    from kg.ingest import plan_pages
    from kg.outdir import OutputFolder, check_output

    if console is None:
        from kg.cli import Console

        console = Console(0)
    check_arguments(year=year, n_process=n_process, max_html_nodes=max_html_nodes, engine=engine, scheduler=scheduler)
    output = check_output(output)
    summary = BuildSummary()

    def on_error(exc: InputError) -> None:
        summary.errors.append(exc)
        console.error(str(exc))

    def on_warning(warning: InputWarning) -> None:
        summary.warnings.append(warning)
        console.warning(str(warning))

    jobs = plan_pages(paths, year=year, profile=profile, on_error=on_error)
    summary.files = len(jobs) + len(summary.errors)
    if not jobs:
        raise InputError("E109", ", ".join(map(str, paths)))
    resolvers = _resolvers(jobs)
    client = None
    if engine == "dask":
        from kg.engine.dask import connect

        client = connect(scheduler, n_process)  # an unreachable scheduler stops the build here
    try:
        with OutputFolder(output, on_wait=console.info) as folder:
            graphs = _build_into(folder.staging, jobs, resolvers, summary, console, on_error, on_warning,
                                 cache=cache, client=client, n_process=n_process, formats=formats, identities=identities,
                                 max_html_nodes=max_html_nodes, title="kg — " + ", ".join(map(str, paths)))
            if summary.articles == 0:
                raise InputError("E109", ", ".join(map(str, paths)))
            folder.commit()
    finally:
        if client is not None:
            from kg.engine.dask import close

            close(client)
    out = Path(output)
    summary.outputs = [out / "articles.jsonl", out / "mentions.jsonl", *(out / g.name for g in graphs), out / "report.json", out / "report.html"]
    return summary


def _resolvers(jobs) -> dict[str | None, object]:
    """One resolver per profile named by the pages (None: the default), loaded before any work
    so that a bad profile stops the build before it starts."""
    from kg.resolve import Resolver, load_profile

    resolvers: dict[str | None, Resolver] = {}
    by_name: dict[str, Resolver] = {}
    for job in jobs:
        if job.profile in resolvers:
            continue
        name = job.profile or DEFAULT_PROFILE
        if name not in by_name:
            by_name[name] = Resolver(load_profile(name))
        resolvers[job.profile] = by_name[name]
    return resolvers


def _build_into(staging: Path, jobs, resolvers, summary: BuildSummary, console, on_error, on_warning, *,
                cache, client, n_process, formats, max_html_nodes, title, identities=None) -> list[Path]:
    """Analyse, resolve and write into ``staging``; the graph files written (none if no
    article was read)."""
    from kg.export.common import atomic_open
    from kg.export.formats import DEFAULT_FORMATS, write_formats
    from kg.export.report import build_report, write_report
    from kg.graph import GraphBuilder

    timings = summary.timings
    store = None
    default = resolvers.get(None) or next(iter(resolvers.values()))
    builder = GraphBuilder(default, identities)  # pinned person decisions: kg/resolve/identity.py
    from kg.nlp import load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline()  # here for the cache's version; the Dask workers load their own
    timings.add("load pipeline", time.perf_counter() - t0)
    if cache is not False:
        def on_cache_warning(warning: InputWarning) -> None:
            summary.cache_warnings.append(warning)
            console.error(str(warning))

        store = _open_cache(cache, nlp.config, on_cache_warning)
    if client is not None:
        from kg.engine.dask import run_dask

        outcomes = run_dask(jobs, client, cache=store, timings=timings)
    else:
        from kg.engine import run_local

        outcomes = run_local(jobs, nlp, cache=store, n_process=n_process, timings=timings)
    with atomic_open(staging / "articles.jsonl") as art_fh, atomic_open(staging / "mentions.jsonl") as men_fh:
        for outcome in _progress(outcomes, console, "kg build", len(jobs)):
            if outcome.error is not None:
                on_error(outcome.error)
                continue
            for warning in outcome.page.warnings:
                on_warning(warning)
            if outcome.cached:
                summary.cached += 1
            else:
                summary.analysed += 1
            t0 = time.perf_counter()
            resolver = resolvers[outcome.job.profile]
            for result in outcome.results:
                summary.articles += 1
                art_fh.write(json.dumps(result.article.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
                for m in result.mentions:
                    summary.mentions[m.label] += 1
                    men_fh.write(json.dumps(m.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
                builder.add(result, resolver)
                if (warning := undated(result.article)) is not None:
                    summary.warnings.append(warning)
                    console.warning(str(warning))
                console.debug(
                    f"{result.article.id}: {len(result.mentions)} mentions, {len(result.posts)} posts, "
                    f"{len(result.claims)} relations  {result.article.headline or ''}"
                )
            timings.add("resolve + graph", time.perf_counter() - t0)
    if summary.articles == 0:
        return []
    t0 = time.perf_counter()
    G = builder.graph()
    timings.add("resolve + graph", time.perf_counter() - t0)
    summary.nodes, summary.edges = G.number_of_nodes(), G.number_of_edges()
    summary.list_names = builder.list_names
    t0 = time.perf_counter()
    graphs = write_formats(G, staging, DEFAULT_FORMATS if formats is None else formats, title=title, max_html_nodes=max_html_nodes)
    timings.add("export:graph", time.perf_counter() - t0)
    t0 = time.perf_counter()
    write_report(build_report(G, summary), staging / "report.json", staging / "report.html")
    timings.add("export:report", time.perf_counter() - t0)
    return graphs


def _open_cache(cache, nlp_config, on_warning):
    from kg.cache import Cache, default_dir, pipeline_version

    folder = default_dir() if cache is True else Path(cache)
    return Cache(folder, pipeline_version(nlp_config), on_warning=on_warning)
