"""The run report: what a build found, merged, could not resolve, and which inputs failed.

``report.json`` is for scripts (deterministic: same input, same bytes); ``report.html`` is the
same content for people: one self-contained page (inline CSS and SVG bar charts, no scripts,
no network), readable from ``file://``.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.common import atomic_write
from kg.schema import SCHEMA

TOP = 15


def _top_officials(G: nx.MultiDiGraph, undirected_degree: dict[str, int]) -> list[dict[str, Any]]:
    rows = []
    for node, d in G.nodes(data=True):
        if d.get("type") != "Person" or "official" not in d.get("roles", ()):
            continue
        posts = sorted({(e.get("title", ""), G.nodes[v]["label"]) for _, v, e in G.out_edges(node, data=True) if e["predicate"] == "holdsPost"})
        rows.append({"id": node, "label": d["label"], "posts": [f"{t} @ {o}" for t, o in posts], "degree": undirected_degree[node]})
    rows.sort(key=lambda r: (-len(r["posts"]), -r["degree"], r["id"]))
    return rows[:TOP]


def _top_by_degree(G: nx.MultiDiGraph, undirected_degree: dict[str, int]) -> list[dict[str, Any]]:
    rows = [
        {"id": n, "label": d["label"], "type": d["type"], "degree": undirected_degree[n]}
        for n, d in G.nodes(data=True)
        if d.get("type") != "Article"
    ]
    rows.sort(key=lambda r: (-r["degree"], r["id"]))
    return rows[:TOP]


def build_report(G: nx.MultiDiGraph, summary=None) -> dict[str, Any]:
    """The report of a built graph (and of the run, when ``summary`` is given).

    Degrees count relations between entities, not ``mentions`` edges from articles.
    """
    entity_edges = [(u, v) for u, v, p in G.edges(data="predicate") if p not in ("mentions", "authored")]
    degree: Counter[str] = Counter()
    for u, v in entity_edges:
        degree[u] += 1
        degree[v] += 1
    undirected_degree = {n: degree.get(n, 0) for n in G}
    report: dict[str, Any] = {
        "counts": {
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "types": dict(sorted(Counter(t for _, t in G.nodes(data="type")).items())),
            "predicates": dict(sorted(Counter(p for *_, p in G.edges(data="predicate")).items())),
        },
        "top_officials": _top_officials(G, undirected_degree),
        "top_entities": _top_by_degree(G, undirected_degree),
        "merges": G.graph.get("merges", []),
        "unresolved": G.graph.get("unresolved", []),
        "person_identity": G.graph.get("person_identity", []),
        "profile": G.graph.get("profile", ""),
        "sources": G.graph.get("sources", []),
    }
    if summary is not None:
        report["run"] = {
            "files": summary.files,
            "articles": summary.articles,
            "mentions": dict(sorted(summary.mentions.items())),
            "failed": len(summary.errors),
            "undated": sum(1 for w in getattr(summary, "warnings", ()) if w.code == "W101"),
        }
        report["warnings"] = [{"file": e.path, "code": e.code, "message": e.message}
                              for e in [*summary.errors, *getattr(summary, "warnings", ())]]
    return report


# -- HTML -----------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f5f5f5}.num{text-align:right}.muted{color:#777}.grid{display:flex;gap:3em;flex-wrap:wrap}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: list[str], rows: list[list[Any]], empty: str = "none") -> str:
    if not rows:
        return f'<p class="muted">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if isinstance(c, int) else f"<td>{_e(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bars(title: str, counts: dict[str, int], colors: dict[str, str] | None = None) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return ""
    width, bar_h, label_w = 420, 18, 130
    top = max(counts.values()) or 1
    rows = []
    for i, (name, n) in enumerate(counts.items()):
        w = int((width - label_w - 50) * n / top)
        y = i * (bar_h + 4)
        color = (colors or {}).get(name, "#2e86ab")
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">{_e(name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{color}"/>'
            f'<text x="{label_w + w + 4}" y="{y + 13}" font-size="12">{n}</text>'
        )
    height = len(counts) * (bar_h + 4)
    return (
        f'<figure><figcaption>{_e(title)}</figcaption>'
        f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg></figure>'
    )


def report_html(report: dict[str, Any]) -> str:
    """The report as one self-contained HTML page."""
    counts = report["counts"]
    types, preds = counts["types"], counts["predicates"]
    type_colors = {t.name: t.color for t in SCHEMA.types.values()}
    run = report.get("run", {})
    parts = [
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>kg run report</title>",
        f"<style>{_CSS}</style></head><body><h1>kg run report</h1>",
        f'<p>profile <b>{_e(report.get("profile", ""))}</b>; {len(report.get("sources", []))} page files; '
        f'{counts["nodes"]} nodes, {counts["edges"]} edges.</p>',
    ]
    if run:
        parts.append("<h2>Run</h2>" + _table(["files", "articles", "failed", "articles without a year"],
                                             [[run["files"], run["articles"], run["failed"], run.get("undated", 0)]]))
        parts.append(_table(["mention label", "count"], [[k, v] for k, v in run["mentions"].items()]))
    parts.append('<h2>Entities and relations</h2><div class="grid">')
    parts.append(_bars("Entities per type", types, type_colors))
    parts.append(_bars("Edges per predicate", preds))
    parts.append("</div>")
    parts.append(_table(["type", "count"], [[k, v] for k, v in types.items()]))
    parts.append(_table(["predicate", "count"], [[k, v] for k, v in preds.items()]))
    parts.append("<h2>Top officials (by posts, then degree)</h2>")
    parts.append(_table(["official", "posts", "degree"], [[r["label"], "；".join(r["posts"]), r["degree"]] for r in report["top_officials"]]))
    parts.append("<h2>Most connected entities</h2>")
    parts.append(_table(["entity", "type", "degree"], [[r["label"], r["type"], r["degree"]] for r in report["top_entities"]]))
    parts.append("<h2>Merges and aliases applied</h2>")
    parts.append(_table(["as written", "canonical", "type", "reason"], [[m.get("alias", ""), m.get("canonical", ""), m.get("type", ""), m.get("reason", "")] for m in report["merges"]]))
    parts.append("<h2>One person across articles: namesakes split, articles joined</h2>")
    parts.append(_table(["name", "decision", "id", "articles", "reason"], [[d.get("name", ""), d.get("decision", ""), d.get("id", ""), ", ".join(d.get("articles", [])), d.get("reason", "")] for d in report.get("person_identity", [])], empty="no namesakes met"))
    parts.append("<h2>Unresolved places</h2>")
    parts.append(_table(["name", "why", "articles"], [[u.get("name", ""), u.get("reason", ""), ", ".join(u.get("articles", []))] for u in report["unresolved"]]))
    parts.append("<h2>Warnings per file</h2>")
    parts.append(_table(["file", "code", "message"], [[w["file"], w["code"], w["message"]] for w in report.get("warnings", [])], empty="no warnings"))
    parts.append("</body></html>\n")
    return "".join(parts)


def write_report(report: dict[str, Any], json_path: str | Path, html_path: str | Path) -> None:
    """``report.json`` (sorted keys: same input, same bytes) and ``report.html``, atomically."""
    atomic_write(json_path, (json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8"))
    atomic_write(html_path, report_html(report).encode("utf-8"))
