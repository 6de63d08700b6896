"""The graph as one offline HTML page (the explorer): vis-network draws, kg's own template
inlines every script and style from installed files (vis-network from pyvis's lib folder, kg's
CSS/JS from ``kg/export/assets``), so the page works from ``file://`` with the network off.

The page carries the whole graph as compact JSON (tables of types, predicates, nodes, relation
groups, articles and sentences; see :func:`explorer_payload`) and draws only part of it:

* the **overview**: the ``overview`` most connected entities (degree over relations between
  entities; articles are hidden until asked for), laid out by a bounded force simulation;
* the **focused view** of a selected node: the node and its neighbours on rings around it
  (``assets/kg.js`` sizes the rings from the measured labels, so no two labels overlap),
  the rest dimmed; the side panel lists posts, relations as links (with evidence sentences
  and dates) and articles; ``#node=<id>`` in the URL keeps the selection;
* filters by type, predicate and date range recompute and re-lay out whichever view is shown.

pyvis 0.3.2's own template links bootstrap and tom-select from CDNs even with
``cdn_resources="in_line"``, so it is not used; pyvis supplies the vis-network build. Texts
reach the page only as JSON (``<`` ``>`` ``&`` escaped) and are put in the DOM with
``textContent``: a node named ``<img src=x onerror=alert(1)>`` is text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape

import kg
from kg.errors import ExportError
from kg.export.common import atomic_write, check_graph, edge_evidence, iter_list, sorted_edges
from kg.export.turtle import attribute_label
from kg.resources import load_toml
from kg.schema import SCHEMA

ASSETS = Path(__file__).parent / "assets"
VIS_VERSION = "9.1.2"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"

#: Nodes drawn in the overview (the most connected entities).
OVERVIEW = 150
#: Nodes the page carries at most (those of highest degree); past it the page says so.
MAX_NODES = 50_000


@lru_cache(maxsize=None)
def settings() -> dict[str, Any]:
    """``kg/data/export/explorer.toml``: captions, limits and drawing options of the page."""
    return load_toml("export/explorer.toml")


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


def entity_degree(G: nx.MultiDiGraph) -> dict[str, int]:
    """Relations of each node with entities (edges to or from an Article do not count).

    >>> from kg.graph.query import example_graph
    >>> entity_degree(example_graph())["person/武晓花"]
    2
    """
    degree = dict.fromkeys(G.nodes, 0)
    for s, o in G.edges():
        if G.nodes[s]["type"] != "Article" and G.nodes[o]["type"] != "Article":
            degree[s] += 1
            degree[o] += 1
    return degree


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The nodes the page carries: all of them, or the ``max_nodes`` of highest degree (ties by
    id), sorted by id.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> select_nodes(G, 2)
    ['a', 'c']
    """
    if G.number_of_nodes() <= max_nodes:
        return sorted(G.nodes)
    ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), n))
    return sorted(ranked[:max_nodes])


def _facts(data: dict[str, Any]) -> list[str]:
    out = []
    for attribute, caption in settings()["facts"].items():
        values = [attribute_label(attribute, str(v)) for v in iter_list(data.get(attribute))]
        if values and not (data["type"] != "Article" and attribute in settings()["article_facts"]):
            out.append(f"{caption}：{'、'.join(values)}")
    return out


def explorer_payload(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES, overview: int = OVERVIEW) -> dict[str, Any]:
    """The data of the page, as tables that refer to each other by index:

    * ``types``: ``[name, zh, en, colour, shape]`` (schema order); ``preds``: ``[name, zh, en]``;
    * ``nodes``: ``[id, label, type, aliases, facts, articles, degree]`` sorted by id, where
      ``articles`` are indices into ``articles`` and ``degree`` is :func:`entity_degree`;
    * ``edges``: one per (subject, object, predicate): ``[subject, object, predicate,
      qualifiers, dates, evidence]`` with node and predicate indices, ``dates`` the relation's
      own dates (ISO or ``--MM-DD``) and ``evidence`` ``[sentence, article]`` index pairs;
    * ``articles``: ``[headline, date, node]`` (``node`` is -1 when the article is not a node
      of ``G``, as in an ego subgraph); ``sentences``: the evidence sentences, each once;
    * ``meta``: counts, ``overview`` (nodes drawn first) and the limits of the focused view;
    * ``careers``: person node index (as text) -> ``[[from, to, title, organisation, how from
      is known, how to is known]]`` (:mod:`kg.graph.careers`), oldest first: the timeline of
      the side panel.

    Raises ExportError E402 for a graph that is not kg's, E401 for ``max_nodes`` or
    ``overview`` below 1.
    """
    check_graph(G)
    if max_nodes < 1 or overview < 1:
        raise ExportError("E401", detail=f"max_nodes and overview must be at least 1, got {max_nodes} and {overview}")
    kept = select_nodes(G, max_nodes)
    index = {node: i for i, node in enumerate(kept)}
    degree = entity_degree(G)
    types = list(SCHEMA.types.values())
    type_index = {t.name: i for i, t in enumerate(types)}
    preds = list(SCHEMA.predicates.values())
    pred_index = {p.name: i for i, p in enumerate(preds)}

    articles: list[list[Any]] = []
    article_index: dict[str, int] = {}

    def article(article_id: str) -> int:
        if article_id not in article_index:
            node = f"article/{article_id}"
            data = G.nodes.get(node) or {}
            headline = str(data.get("headline") or data.get("label") or article_id)
            article_index[article_id] = len(articles)
            articles.append([headline, str(data.get("date") or ""), index.get(node, -1)])
        return article_index[article_id]

    for node in kept:  # articles in node order first, so their indices do not depend on edges
        if G.nodes[node]["type"] == "Article":
            article(node.removeprefix("article/"))
    nodes = []
    for node in kept:
        data = G.nodes[node]
        own = [article(node.removeprefix("article/"))] if data["type"] == "Article" else []
        nodes.append([
            node, data["label"], type_index[data["type"]],
            [str(a) for a in iter_list(data.get("aliases")) if str(a) != data["label"]],
            _facts(data),
            own or [article(str(a)) for a in iter_list(data.get("articles"))],
            degree[node],
        ])

    sentences: list[str] = []
    sentence_index: dict[str, int] = {}
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for s, o, _key, data in sorted_edges(G):
        if s in index and o in index:
            groups[(s, o, data["predicate"])].append(data)
    edges = []
    for (s, o, predicate), group in groups.items():
        qualifiers, dates, evidence = [], [], []
        for data in group:
            bits = [str(data[k]) for k in ("title",) if data.get(k)]
            if data.get("weight") is not None:
                bits.append(settings()["captions"]["weight"].format(n=data["weight"]))
            if bits:
                qualifiers.append(" ".join(bits))
            if data.get("date"):
                dates.append(str(data["date"]))
            for ev in edge_evidence(data):
                sentence = str(ev["sentence"])
                if sentence not in sentence_index:
                    sentence_index[sentence] = len(sentences)
                    sentences.append(sentence)
                evidence.append((sentence_index[sentence], article(str(ev["article_id"]))))
            if not data.get("evidence") and data.get("source"):
                qualifiers.append(settings()["captions"]["source"].format(source=data["source"]))
        edges.append([index[s], index[o], pred_index[predicate], list(dict.fromkeys(qualifiers)),
                      sorted(set(dates)), [list(e) for e in dict.fromkeys(evidence)]])
    shown = len(kept)
    return {
        "careers": _careers(G, index),
        "types": [[t.name, t.zh, t.en, t.color, t.shape] for t in types],
        "preds": [[p.name, p.zh, p.en] for p in preds],
        "nodes": nodes,
        "edges": edges,
        "articles": articles,
        "sentences": sentences,
        "meta": {"total": G.number_of_nodes(), "nodes": shown, "edges": len(edges), "overview": overview,
                 **settings()["view"]},
        "options": settings()["vis"],
    }


def _careers(G: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, list[list[str]]]:
    """The career rows of every person the page carries (see :func:`explorer_payload`)."""
    from kg.graph.careers import careers

    by_person = careers(G)
    out: dict[str, list[list[str]]] = {}
    for node, i in index.items():
        if G.nodes[node]["type"] == "Person":
            rows = [[m.begin or "", m.end or "", m.title, G.nodes[m.org]["label"], m.begin_from, m.end_from] for m in by_person.get(node, ())]
            if rows:
                out[str(i)] = rows
    return out


def _note(meta: dict[str, Any]) -> str:
    captions = settings()["captions"]
    if meta["nodes"] < meta["total"]:
        return captions["capped"].format(**meta)
    return captions["complete"].format(**meta)


def render_html(G: nx.MultiDiGraph, *, max_nodes: int = MAX_NODES, overview: int = OVERVIEW, title: str = "kg") -> str:
    """The page as a string (see :func:`write_html`)."""
    payload = explorer_payload(G, max_nodes, overview)
    counts: dict[int, int] = defaultdict(int)
    for n in payload["nodes"]:
        counts[n[2]] += 1
    legend = [{"index": i, "name": t[0], "zh": t[1], "en": t[2], "color": t[3], "shape": t[4], "count": counts[i]}
              for i, t in enumerate(payload["types"]) if counts[i]]
    used = {e[2] for e in payload["edges"]}
    predicates = [{"index": i, "name": p[0], "zh": p[1]} for i, p in enumerate(payload["preds"]) if i in used]
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    template = env.get_template("page.html")
    return template.render(
        title=title,
        note=_note(payload["meta"]),
        legend=legend,
        predicates=predicates,
        payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"),
        version=kg.__version__,
        pyvis_version=pyvis.__version__,
        vis_version=VIS_VERSION,
        vis_css=_asset(VIS_DIR / "vis-network.css"),
        vis_js=_asset(VIS_DIR / "vis-network.min.js"),
        kg_css=_asset(ASSETS / "kg.css"),
        kg_js=_asset(ASSETS / "kg.js"),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = MAX_NODES, overview: int = OVERVIEW, title: str = "kg") -> None:
    """Write the offline explorer page for ``G`` (any subgraph works), atomically.

    ``overview``: nodes drawn when the page opens; ``max_nodes``: nodes the page carries (the
    most connected). Raises ExportError: E402 for a graph that is not kg's, E401 when the page
    cannot be written or a limit is below 1.
    """
    atomic_write(path, render_html(G, max_nodes=max_nodes, overview=overview, title=title).encode("utf-8"))
