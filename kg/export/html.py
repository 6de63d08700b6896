"""The graph as one offline HTML page: pyvis builds the vis-network data, kg's own template
inlines every script and style from installed files (vis-network from pyvis's lib folder, kg's
CSS/JS from ``kg/export/assets``), so the page works from ``file://`` with the network off.

pyvis 0.3.2's own template links bootstrap and tom-select from CDNs even with
``cdn_resources="in_line"``, so it is not used; the legend, filter and search are kg's.
Texts reach the page only as JSON (``<`` ``>`` ``&`` escaped) and are put in the DOM with
``textContent`` by ``assets/kg.js``: a node named ``<img src=x onerror=alert(1)>`` is text.

Large graphs keep the ``max_nodes`` nodes of highest degree (the page says so); the layout
stabilises for a bounded number of iterations and then physics is switched off.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

import kg
from kg.errors import ExportError
from kg.export.common import atomic_write, check_graph, edge_evidence, iter_list, sorted_edges
from kg.export.turtle import attribute_label
from kg.schema import SCHEMA

ASSETS = Path(__file__).parent / "assets"
VIS_VERSION = "9.1.2"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"

#: Items listed per tooltip section in the page (the rest is counted, not listed).
MAX_ITEMS = 8
#: Characters of a node label drawn on the canvas (the full name is in tooltip and details).
MAX_LABEL = 14
#: Layout work is bounded: about ITERATION_BUDGET node-iterations, within these limits.
ITERATION_BUDGET, MIN_ITERATIONS, MAX_ITERATIONS = 200_000, 120, 600
#: Node attributes shown as facts in tooltips: attribute -> Chinese caption.
FACTS = {"roles": "身份", "kind": "类别", "admin_level": "级别", "adcode": "区划代码", "mentions": "提及", "date": "日期", "section": "栏目", "source": "来源"}


@lru_cache(maxsize=None)
def _asset(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError("E401", path, detail=f"cannot read an asset of the HTML page: {exc.strerror or exc}") from exc
    if path.suffix == ".js":
        # Inside <script>, only "</script" could end the element early; it must not appear.
        text = text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
        if "<!--" in text:
            raise ExportError("E401", path, detail="script contains '<!--', cannot be inlined safely")
    elif "</style" in text.lower():
        raise ExportError("E401", path, detail="stylesheet contains '</style', cannot be inlined safely")
    return text


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The nodes drawn: all of them, or the ``max_nodes`` of highest degree (ties by id).

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> select_nodes(G, 2)
    ['a', 'c']
    """
    if G.number_of_nodes() <= max_nodes:
        return sorted(G.nodes)
    ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), n))
    return sorted(ranked[:max_nodes])


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _headline(G: nx.MultiDiGraph, article_id: str) -> tuple[str, str]:
    data = G.nodes.get(f"article/{article_id}")
    if not data:
        return article_id, ""
    return str(data.get("headline") or data.get("label") or article_id), str(data.get("date") or "")


def _node_payload(G: nx.MultiDiGraph, node: str, data: dict[str, Any]) -> dict[str, Any]:
    etype = SCHEMA.type(data["type"])
    posts = sorted(
        (str(e.get("title") or ""), G.nodes[o]["label"], str(e.get("date") or ""))
        for _, o, e in G.out_edges(node, data=True)
        if e.get("predicate") == "holdsPost"
    )
    article_ids = list(iter_list(data.get("articles")))
    facts = []
    for attribute, caption in FACTS.items():
        values = [attribute_label(attribute, str(v)) for v in iter_list(data.get(attribute))]
        if values and not (etype.name != "Article" and attribute in ("date", "section", "source")):
            facts.append(f"{caption}：{'、'.join(values)}")
    return {
        "type": etype.name,
        "typeZh": etype.zh,
        "name": data["label"],
        "aliases": [str(a) for a in iter_list(data.get("aliases")) if str(a) != data["label"]],
        "facts": facts,
        "posts": [list(p) for p in dict.fromkeys(posts)],
        "articles": [list(_headline(G, a)) for a in article_ids[:MAX_ITEMS]],
        "nArticles": len(article_ids),
    }


def _edge_groups(G: nx.MultiDiGraph, shown: set[str]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Edges between drawn nodes, one group per (subject, object, predicate)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for s, o, _key, data in sorted_edges(G):
        if s in shown and o in shown:
            groups[(s, o, data["predicate"])].append(data)
    return groups


def _edge_payload(G: nx.MultiDiGraph, s: str, o: str, predicate: str, group: list[dict[str, Any]]) -> dict[str, Any]:
    pred = SCHEMA.predicate(predicate)
    qualifiers: list[str] = []
    for data in group:
        bits = [str(data[k]) for k in ("title", "date") if data.get(k)]
        if data.get("weight") is not None:
            bits.append(f"共同出现 {data['weight']} 篇")
        if bits:
            qualifiers.append(" ".join(bits))
    evidence = []
    for data in group:
        for ev in edge_evidence(data):
            headline, date = _headline(G, str(ev["article_id"]))
            evidence.append((str(ev["sentence"]), headline, date))
    evidence = list(dict.fromkeys(evidence))
    sources = sorted({str(d["source"]) for d in group if d.get("source")})
    return {
        "pred": pred.name,
        "predZh": pred.zh,
        "from": G.nodes[s]["label"],
        "to": G.nodes[o]["label"],
        "qualifiers": list(dict.fromkeys(qualifiers)),
        "evidence": [list(e) for e in evidence[:MAX_ITEMS]],
        "nEvidence": len(evidence),
        "source": "、".join(sources),
    }


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: bounded stabilisation (fewer iterations for bigger graphs)."""
    big = n_nodes > 300 or n_edges > 1000
    iterations = max(MIN_ITERATIONS, min(MAX_ITERATIONS, ITERATION_BUDGET // max(n_nodes, 1)))
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"},
                  "scaling": {"min": 8, "max": 36, "label": {"enabled": False}}, "borderWidth": 1},
        "edges": {"color": {"color": "#a8b0b8", "highlight": "#333333", "hover": "#555555"}, "width": 1,
                  "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
    }


def network_payload(G: nx.MultiDiGraph, max_nodes: int = 1500) -> dict[str, Any]:
    """The data the page draws: pyvis nodes and edges with kg's tooltip fields, options, meta."""
    check_graph(G)
    if max_nodes < 1:
        raise ExportError("E401", detail=f"max_nodes must be at least 1, got {max_nodes}")
    drawn = select_nodes(G, max_nodes)
    shown = set(drawn)
    net = Network(directed=True, cdn_resources="in_line")
    for node in drawn:
        data = G.nodes[node]
        etype = SCHEMA.type(data["type"])
        net.add_node(node, label=_short(data["label"]), shape=etype.shape, color=etype.color,
                     value=G.degree(node) + 1, kg=_node_payload(G, node, data))
    groups = _edge_groups(G, shown)
    for i, ((s, o, predicate), group) in enumerate(groups.items()):
        net.add_edge(s, o, id=f"e{i}", kg=_edge_payload(G, s, o, predicate, group))
    counts: dict[str, int] = defaultdict(int)
    for node in drawn:
        counts[G.nodes[node]["type"]] += 1
    legend = [{"name": t.name, "zh": t.zh, "en": t.en, "color": t.color, "shape": t.shape, "count": counts[t.name]}
              for t in SCHEMA.types.values() if counts[t.name]]
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _options(len(net.nodes), len(net.edges)),
        "legend": legend,
        "meta": {"shown": len(drawn), "total": G.number_of_nodes(), "edges": len(net.edges), "maxNodes": max_nodes},
    }


def _note(meta: dict[str, Any]) -> str:
    if meta["shown"] < meta["total"]:
        return (f"图太大：按连接数显示前 {meta['shown']} 个节点（共 {meta['total']} 个），{meta['edges']} 条关系。"
                "用 kg show 名称 查看单个实体的关系网。")
    return f"{meta['total']} 个节点，{meta['edges']} 条关系。悬停查看证据，点击查看详情。"


def render_html(G: nx.MultiDiGraph, *, max_nodes: int = 1500, title: str = "kg") -> str:
    """The page as a string (see :func:`write_html`)."""
    payload = network_payload(G, max_nodes)
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    template = env.get_template("page.html")
    return template.render(
        title=title,
        note=_note(payload["meta"]),
        legend=payload.pop("legend"),
        payload=payload,
        version=kg.__version__,
        pyvis_version=pyvis.__version__,
        vis_version=VIS_VERSION,
        vis_css=_asset(VIS_DIR / "vis-network.css"),
        vis_js=_asset(VIS_DIR / "vis-network.min.js"),
        kg_css=_asset(ASSETS / "kg.css"),
        kg_js=_asset(ASSETS / "kg.js"),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = 1500, title: str = "kg") -> None:
    """Write an offline, self-contained explorer page for ``G`` (any subgraph works), atomically."""
    atomic_write(path, render_html(G, max_nodes=max_nodes, title=title).encode("utf-8"))
