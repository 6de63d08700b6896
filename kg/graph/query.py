"""Plain functions over a kg graph, in the style of networkx's algorithms.

Each takes the ``MultiDiGraph`` from :func:`kg.build_graph` (or one read back from
``graph.json`` with :func:`read_graph`) and returns plain Python data. The examples use
:func:`example_graph`, two posts of 武晓花.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx



def example_graph() -> nx.MultiDiGraph:
    """A three-node graph in kg's model, for examples and quick experiments.

    >>> sorted(example_graph())
    ['org/中共太原市委员会', 'org/中共太原市委组织部', 'person/武晓花']
    """
    G = nx.MultiDiGraph()
    G.add_node("person/武晓花", type="Person", label="武晓花", aliases=[])
    G.add_node("org/中共太原市委员会", type="Organization", label="中共太原市委员会", aliases=["市委"])
    G.add_node("org/中共太原市委组织部", type="Organization", label="中共太原市委组织部", aliases=["组织部"])
    for org, title in (("org/中共太原市委员会", "市委常委"), ("org/中共太原市委组织部", "组织部部长")):
        G.add_edge("person/武晓花", org, key=f"holdsPost|title={title}", predicate="holdsPost", title=title, date="2023-01-07", evidence=[])
    return G


def find(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids whose label or an alias is ``name``; if none, those whose label contains it.

    >>> G = example_graph()
    >>> find(G, "市委")
    ['org/中共太原市委员会']
    >>> find(G, "组织")
    ['org/中共太原市委组织部']
    """
    exact = [n for n, d in G.nodes(data=True) if d.get("label") == name or name in d.get("aliases", ())]
    if exact:
        return sorted(exact)
    return sorted(n for n, d in G.nodes(data=True) if name in d.get("label", ""))


def posts_of(G: nx.MultiDiGraph, person: str) -> list[dict[str, Any]]:
    """The posts a person holds, oldest first (undated last).

    >>> G = example_graph()
    >>> [(p["title"], p["org"]) for p in posts_of(G, "person/武晓花")]
    [('市委常委', '中共太原市委员会'), ('组织部部长', '中共太原市委组织部')]
    """
    posts = [
        {
            "title": d.get("title", ""),
            "org": G.nodes[org]["label"],
            "org_id": org,
            "date": d.get("date", ""),
            "evidence": d.get("evidence", []),
        }
        for _, org, d in G.out_edges(person, data=True)
        if d.get("predicate") == "holdsPost"
    ]
    return sorted(posts, key=lambda p: (p["date"] == "", p["date"], p["title"], p["org"]))


def neighbours(G: nx.MultiDiGraph, node: str, predicate: str | None = None) -> list[tuple[str, str, str, dict]]:
    """Edges at ``node`` as (predicate, direction "out"/"in", other node, edge data).

    >>> [(p, d, o) for p, d, o, _ in neighbours(example_graph(), "org/中共太原市委员会")]
    [('holdsPost', 'in', 'person/武晓花')]
    """
    out = [(d["predicate"], "out", v, d) for _, v, d in G.out_edges(node, data=True)]
    out += [(d["predicate"], "in", u, d) for u, _, d in G.in_edges(node, data=True)]
    if predicate is not None:
        out = [e for e in out if e[0] == predicate]
    return sorted(out, key=lambda e: (e[0], e[1], e[2]))


def ego(G: nx.MultiDiGraph, node: str, radius: int = 1, *, articles: bool = False) -> nx.MultiDiGraph:
    """The subgraph within ``radius`` steps of ``node`` (edges in either direction).

    Article nodes are left out unless ``articles=True``: every entity of an article is two
    steps from every other through it, which would swamp the picture.

    >>> sorted(ego(example_graph(), "org/中共太原市委员会", radius=2))
    ['org/中共太原市委员会', 'org/中共太原市委组织部', 'person/武晓花']
    """
    keep = G if articles else G.subgraph(n for n, d in G.nodes(data=True) if d.get("type") != "Article")
    nodes = nx.ego_graph(keep.to_undirected(as_view=True), node, radius=radius).nodes
    return G.subgraph(nodes).copy()


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read ``graph.json`` (node-link, as ``kg build`` writes it) back into a graph."""
    from kg.export import read_json

    return read_json(path)
