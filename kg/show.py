"""Terminal views of a built graph: one entity (``kg show``) and the whole (``kg stats``).

Both return plain text, so they can be tested and reused in notebooks.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.graph.query import neighbours, posts_of
from kg.schema import SCHEMA


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return G.nodes[node].get("label", node)


def _evidence_lines(G: nx.MultiDiGraph, data: dict[str, Any], limit: int) -> list[str]:
    lines = []
    for ev in data.get("evidence", [])[:limit]:
        article = G.nodes.get(f"article/{ev['article_id']}", {})
        headline = article.get("headline") or ev["article_id"]
        lines.append(f"      「{ev['sentence'].strip()}」 —《{headline}》 {article.get('date', '')} [{ev['rule']}]".rstrip())
    if data.get("source") and not data.get("evidence"):
        lines.append(f"      (from {data['source']})")
    return lines


def describe(G: nx.MultiDiGraph, node: str, *, evidence: int = 2) -> str:
    """An entity in words: type, aliases, posts over time, relations with their evidence.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("person/周计伟", type="Person", label="周计伟", aliases=[], roles=["official"], articles=["p/001"])
    >>> G.add_node("place/山西省/太原市/迎泽区", type="Place", label="迎泽区", aliases=[])
    >>> G.add_node("article/p/001", type="Article", label="市领导赴迎泽区", headline="市领导赴迎泽区", date="2022-05-24")
    >>> _ = G.add_edge("person/周计伟", "place/山西省/太原市/迎泽区", key="visited", predicate="visited", date="2022-05-24",
    ...                evidence=[{"article_id": "p/001", "sentence": "周计伟赴迎泽区。", "start": 0, "end": 8, "rule": "visited/svo"}])
    >>> print(describe(G, "person/周计伟"))
    周计伟  [人物 Person]  person/周计伟
      roles: official
      articles: 1
    relations:
      → 调研/视察 迎泽区  2022-05-24
          「周计伟赴迎泽区。」 —《市领导赴迎泽区》 2022-05-24 [visited/svo]
    """
    d = G.nodes[node]
    etype = SCHEMA.types.get(d.get("type", ""))
    head = f"{d.get('label', node)}  [{etype.zh} {etype.en}]" if etype else d.get("label", node)
    lines = [f"{head}  {node}"]
    if d.get("aliases"):
        lines.append("  aliases: " + "、".join(d["aliases"]))
    for key in ("roles", "kind", "admin_level", "adcode"):
        if d.get(key):
            value = d[key]
            lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    if d.get("articles"):
        lines.append(f"  articles: {len(d['articles'])}")
    posts = posts_of(G, node)
    if posts:
        lines.append("posts over time:")
        for p in posts:
            lines.append(f"  {p['date'] or '(undated)':<11} {p['title']} @ {p['org']}")
    people = people_of(G, node)
    if people:
        lines.append("people (posts held here):")
        for person, title, date in people:
            lines.append(f"  {date or '(undated)':<11} {person}  {title}")
    career = career_lines(G, node)
    if career:
        lines.append("career (from → to, post @ organisation, how each date is known, sources):")
        lines.extend(career)
    rels = [r for r in neighbours(G, node) if r[0] not in ("holdsPost", "postChange", "mentions")]
    if rels:
        lines.append("relations:")
        for predicate, direction, other, data in rels:
            p = SCHEMA.predicates.get(predicate)
            name = p.zh if p else predicate
            arrow = "→" if direction == "out" else "←"
            extra = "  " + data["date"] if data.get("date") else ""
            weight = f"  ×{data['weight']}" if data.get("weight") else ""
            lines.append(f"  {arrow} {name} {_label(G, other)}{extra}{weight}")
            lines.extend(_evidence_lines(G, data, evidence))
    return "\n".join(lines)


def people_of(G: nx.MultiDiGraph, org: str) -> list[tuple[str, str, str]]:
    """The people holding a post at an organisation: sorted ``(person, title, date)`` rows
    from its incoming ``holdsPost`` edges (empty for any other kind of node).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/迎泽区人民政府", type="Organization", label="迎泽区人民政府")
    >>> G.add_node("person/王刚", type="Person", label="王刚")
    >>> _ = G.add_edge("person/王刚", "org/迎泽区人民政府", predicate="holdsPost", title="区长", date="2023-01-07")
    >>> people_of(G, "org/迎泽区人民政府")
    [('王刚', '区长', '2023-01-07')]
    """
    if G.nodes[org].get("type") != "Organization":
        return []
    rows = {(_label(G, u), d.get("title", ""), d.get("date", "")) for u, _, d in G.in_edges(org, data=True) if d.get("predicate") == "holdsPost"}
    return sorted(rows)


#: How each bound of a post is known, in words.
_HOW = {"appointed": "任命", "elected": "当选", "removed": "免去", "resigned": "辞去", "dismissed": "撤销",
        "expelled": "开除", "nominated": "提名", "seen": "见报"}


def career_lines(G: nx.MultiDiGraph, node: str) -> list[str]:
    """A person's career as a timeline: one line per post (from, to, post @ organisation, how
    each date is known), then each change with its date, kind and source article.

    >>> from kg.graph.query import example_graph
    >>> G = example_graph()
    >>> _ = G.add_edge("person/武晓花", "org/中共太原市委组织部", key="postChange|x", predicate="postChange",
    ...                title="组织部部长", kind="removed", date="2024-03-01", evidence=[])
    >>> for line in career_lines(G, "person/武晓花"): print(line)
      2023-01-07 → 2023-01-07  市委常委 @ 中共太原市委员会  (见报 → 见报)
      2023-01-07 → 2024-03-01  组织部部长 @ 中共太原市委组织部  (见报 → 免去)
          2024-03-01 免去 组织部部长
    """
    from kg.graph.careers import career

    lines = []
    for m in career(G, node):
        begin = m.begin or "?"
        end = m.end or ("…" if m.begin else "?")
        how = f"{_HOW.get(m.begin_from, '?')} → {_HOW.get(m.end_from, '?')}"
        former = "  (原/前: a past post)" if m.former else ""
        lines.append(f"  {begin} → {end}  {m.title} @ {_label(G, m.org)}  ({how}){former}")
        for c in m.changes:
            sources = sorted({ev["article_id"] for ev in c.evidence})
            where = "；".join(_source(G, a) for a in sources)
            lines.append(f"      {c.date or '(undated)'} {_HOW.get(c.kind, c.kind)} {m.title}{'  ' + where if where else ''}")
    return lines


def _source(G: nx.MultiDiGraph, article_id: str) -> str:
    article = G.nodes.get(f"article/{article_id}", {})
    return f"《{article.get('headline') or article_id}》"


def stats_text(report: dict[str, Any], top: int = 10) -> str:
    """``kg stats`` output from a :func:`kg.export.report.build_report` dict."""
    counts = report["counts"]
    lines = [f"nodes: {counts['nodes']}   edges: {counts['edges']}", "", "entities per type:"]
    lines += [f"  {t:<14} {n:>6}" for t, n in counts["types"].items()]
    lines += ["", "edges per predicate:"]
    lines += [f"  {p:<16} {n:>6}" for p, n in counts["predicates"].items()]
    lines += ["", f"top {top} entities by degree:"]
    lines += [f"  {r['degree']:>4}  {r['label']} ({r['type']})" for r in report["top_entities"][:top]]
    if report["top_officials"]:
        lines += ["", "officials with most posts:"]
        lines += [f"  {r['label']}: {'；'.join(r['posts'])}" for r in report["top_officials"][:top]]
    return "\n".join(lines)
