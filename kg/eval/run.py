"""``kg eval``: build the pages that gold files name, score them, add the scores up.

Each gold file is scored against a graph of its own page alone (built with the page folder's
manifest, as ``kg build PAGE`` would), so that its precision is not diluted by other pages and
its numbers are those of ``../shared/tools/score_kg.py`` on that build. With ``graph=`` an
existing ``graph.json`` is scored instead: each gold file against the part of that graph its
page's articles mention.

A corpus folder may hold an ``index.json`` (``{"items": [{"file", "date": "YYYYMMDD"}]}``, the
format of ``../shared/corpus``): ingest reads its dates as the pages' issue dates
(:func:`kg.ingest.load_manifest`), as ``kg build`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import DataError, InputError, KGError
from kg.eval.gold import Gold, gold_files, load_gold
from kg.eval.score import EVENT_PREDICATES, Counts, PageScore, score_page

#: Measures in the order they are printed.
MEASURES = ("person", "org", "place", "project", "post", "post+org", "relations", "changes", "changes+org")
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]?")


@dataclass(slots=True)
class EvalReport:
    """Scores per page, their sums, and the gold files that could not be scored."""

    pages: list[PageScore] = field(default_factory=list)
    errors: list[KGError] = field(default_factory=list)

    @property
    def dropped(self) -> dict[tuple[str, str], int]:
        """Claims dropped for a junk side (a pronoun, bare title, generic noun or fragment),
        summed over the pages: (predicate, reason) -> count."""
        total: dict[tuple[str, str], int] = {}
        for page in self.pages:
            for key, n in page.dropped.items():
                total[key] = total.get(key, 0) + n
        return dict(sorted(total.items()))

    @property
    def totals(self) -> dict[str, Counts]:
        total: dict[str, Counts] = {}
        for page in self.pages:
            for measure, counts in page.counts.items():
                total.setdefault(measure, Counts())
                total[measure] += counts
        return total

    def to_json(self) -> dict:
        def row(counts: dict[str, Counts]) -> dict:
            return {
                m: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                    "tp_pred": c.tp_pred, "n_pred": c.n_pred, "tp_gold": c.tp_gold, "n_gold": c.n_gold}
                for m, c in sorted(counts.items())
            }

        return {
            "total": row(self.totals),
            "pages": [
                {"gold": str(p.gold.path), "file": p.gold.file, "scores": row(p.counts),
                 "findings": [{"measure": f.measure, "kind": f.kind, "text": f.text, "sentence": f.sentence} for f in p.findings]}
                for p in self.pages
            ],
            "errors": [str(e) for e in self.errors],
            "dropped_relations": [{"predicate": p, "reason": r, "count": n} for (p, r), n in self.dropped.items()],
        }


def find_page(gold: Gold, page_dirs: Iterable[str | Path]) -> Path:
    """The page file a gold file names, looked up in ``page_dirs`` (first found); E602 if none.

    >>> find_page(Gold(Path("g.json"), "nowhere.txt"), [])
    Traceback (most recent call last):
    kg.errors.DataError: g.json: [E602] the page this gold file names is not found (nowhere.txt in no --pages folder)
    """
    dirs = [Path(d) for d in page_dirs]
    for d in dirs:
        candidate = d / gold.file if d.is_dir() else d
        if candidate.is_file() and candidate.name == Path(gold.file).name:
            return candidate
    where = ", ".join(map(str, dirs)) or "no --pages folder"
    raise DataError("E602", gold.path, detail=f"{gold.file} in {where}")


def _page_profile(page: Path, profile: str | None) -> str:
    from kg.build import _manifest_profile

    return profile or _manifest_profile([page]) or "taiyuan_daily"


def page_graph(page: Path, nlp, resolver_for: Callable[[str], object], profile: str | None = None):
    """Build one page alone: ``(graph, articles)``. Article dates missing from the text come from
    the folder's manifest or corpus ``index.json`` (:func:`kg.ingest.load_manifest`). Raises
    InputError when the page cannot be read."""
    from kg.graph import GraphBuilder
    from kg.ingest import read_pages
    from kg.pipeline import analyse

    articles = list(read_pages([page]))
    builder = GraphBuilder(resolver_for(_page_profile(page, profile)))
    for result in analyse(articles, nlp):
        builder.add(result)
    return builder.graph(), articles


def subgraph_of_page(G: nx.MultiDiGraph, page_name: str) -> nx.MultiDiGraph:
    """The entities a page's articles mention (and the edges among them), from a whole build.

    >>> G = nx.MultiDiGraph(); G.add_node("person/甲", type="Person", label="甲", articles=["p/001"])
    >>> G.add_node("person/乙", type="Person", label="乙", articles=["q/001"])
    >>> list(subgraph_of_page(G, "p.txt"))
    ['person/甲']
    """
    stem = Path(page_name).stem + "/"
    keep = [n for n, d in G.nodes(data=True) if any(a.startswith(stem) for a in d.get("articles", ()))
            or (d.get("type") == "Article" and n.split("/", 1)[-1].startswith(stem))]
    sub = G.subgraph(keep).copy()
    sub.graph.update(G.graph)
    return sub


def sentence_finder(texts: list[str]) -> Callable[..., str]:
    """``find(name, …)`` -> the first sentence of ``texts`` holding all names ("" if none).

    >>> sentence_finder(["甲来了。乙和丙走了。"])("乙", "丙")
    '乙和丙走了。'
    """
    sentences = [s for t in texts for s in _SENTENCE.findall(t) if s.strip()]

    def find(*names: str) -> str:
        names = tuple(n for n in names if n)
        for s in sentences:
            if names and all(n in s for n in names):
                return s.strip()
        return ""

    return find


def evaluate(
    golds: Iterable[str | Path],
    pages: Iterable[str | Path] = (),
    *,
    profile: str | None = None,
    graph: str | Path | None = None,
    nlp=None,
    on_error: Callable[[KGError], None] | None = None,
) -> EvalReport:
    """Score every gold file (or folder of them); see the module docstring.

    ``pages`` are folders (or files) where the pages named by the gold files are found;
    ``profile`` overrides the newspaper profile of every page (else its folder's manifest,
    else taiyuan_daily). A gold file that does not parse or names a missing page is reported
    through ``on_error`` (and in ``EvalReport.errors``) and the rest are scored.
    """
    from kg.export.turtle import turtle_bytes
    from kg.resolve import Resolver, load_profile

    report = EvalReport()
    pages = list(pages)
    resolvers: dict[str, object] = {}

    def resolver_for(name: str):
        if name not in resolvers:
            resolvers[name] = Resolver(load_profile(name))
        return resolvers[name]

    whole = None
    if graph is not None:
        from kg.graph import read_graph

        whole = read_graph(graph)
    elif nlp is None:
        from kg.nlp import load_pipeline

        nlp = load_pipeline()
    for path in gold_files(list(golds)):
        try:
            gold = load_gold(path)
            if whole is not None:
                G = subgraph_of_page(whole, gold.file)
                texts = [d.get("headline") or "" for _, d in G.nodes(data=True) if d.get("type") == "Article"]
                texts += [e["sentence"] for *_, d in G.edges(data=True) for e in d.get("evidence", ())]
            else:
                G, articles = page_graph(find_page(gold, pages), nlp, resolver_for, profile)
                texts = [a.text for a in articles]
            page = score_page(turtle_bytes(G), gold, sentence_finder(texts))
            page.texts = texts
            page.dropped = dropped_relations(G)
            report.pages.append(page)
        except (DataError, InputError) as error:
            report.errors.append(error)
            if on_error is not None:
                on_error(error)
    return report


def dropped_relations(G: nx.MultiDiGraph) -> dict[tuple[str, str], int]:
    """The graph's count of claims dropped for a junk side (``G.graph["dropped_relations"]``,
    written by :class:`kg.graph.GraphBuilder`): (predicate, reason) -> count.

    >>> G = nx.MultiDiGraph(dropped_relations=[{"predicate": "attended", "reason": "generic event", "count": 2}])
    >>> dropped_relations(G)
    {('attended', 'generic event'): 2}
    """
    return {(d["predicate"], d["reason"]): d["count"] for d in G.graph.get("dropped_relations", ())}


def _cells(c: Counts, precision: bool = True) -> str:
    """P R F1 pred gold; P and F1 as — where precision is not measured (a structural predicate
    such as partOf, whose gold lists are not complete enough to count false hits)."""
    if not precision:
        return f"{'—':>6} {c.recall:6.3f} {'—':>6} {'—':>6} {c.n_gold:6d}"
    return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.n_pred:6d} {c.n_gold:6d}"


def six_predicates(total: dict[str, Counts]) -> Counts:
    """The counts of the event predicates together (visited … issued): recall and precision
    over the same relations (the issue-9 bar), unlike ``relations``, whose recall counts every
    gold relation."""
    six = Counts()
    for predicate in EVENT_PREDICATES:
        six += total.get(f"relation:{predicate}", Counts())
    return six


def _per_predicate(dropped: dict[tuple[str, str], int]) -> list[tuple[str, int]]:
    per: dict[str, int] = {}
    for (p, _), n in dropped.items():
        per[p] = per.get(p, 0) + n
    return sorted(per.items())


def format_report(report: EvalReport, findings: str = "all") -> str:
    """The report as text: totals, one line per file (F1 per measure), then the findings.

    ``findings`` is ``"all"``, ``"none"``, or comma-separated measures (``org,relation:visited``;
    ``relation`` selects every predicate).
    """
    total = report.totals
    lines = [f"gold files: {len(report.pages)} scored, {len(report.errors)} failed", "",
             f"{'measure':22} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}"]
    for measure in [m for m in MEASURES if m in total]:
        lines.append(f"{measure:22} {_cells(total[measure])}")
        if measure == "relations":
            lines.append(f"{'relations (6)':22} {_cells(six_predicates(total))}")
    for measure in sorted(m for m in total if m.startswith("relation:")):
        lines.append(f"{measure:22} {_cells(total[measure], measure.split(':', 1)[1] in EVENT_PREDICATES)}")
    lines.append("(relations: recall over every gold relation, precision over the six of relations (6): "
                 + "/".join(EVENT_PREDICATES) + ")")
    dropped = report.dropped
    if dropped:
        by_reason: dict[str, int] = {}
        for (_, reason), n in dropped.items():
            by_reason[reason] = by_reason.get(reason, 0) + n
        lines.append(f"dropped relations (a junk side): {sum(dropped.values())} ("
                     + ", ".join(f"{r} {n}" for r, n in sorted(by_reason.items())) + "; "
                     + ", ".join(f"{p} {n}" for p, n in _per_predicate(dropped)) + ")")
    shown = [m for m in MEASURES if m in total]
    lines += ["", "F1 per file" + " " * 30 + " ".join(f"{m[:8]:>8}" for m in shown)]
    for page in report.pages:
        cells = " ".join(f"{page.counts[m].f1:8.3f}" if m in page.counts and (page.counts[m].n_gold or page.counts[m].n_pred) else f"{'—':>8}" for m in shown)
        lines.append(f"{page.gold.file[:40]:40} {cells}")
    if findings != "none":
        wanted = None if findings == "all" else {w.strip() for w in findings.split(",")}
        for page in report.pages:
            rows = [f for f in page.findings if wanted is None or f.measure in wanted or f.measure.split(":")[0] in wanted]
            if rows:
                lines += ["", f"== {page.gold.file}"]
                lines += [f"  {f.measure:18} {f.kind:5}  {f.text}" + (f"   « {f.sentence[:120]} »" if f.sentence else "") for f in rows]
    return "\n".join(lines) + "\n"
