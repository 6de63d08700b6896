"""The graph as networkx node-link JSON, for other tools and for reloading in notebooks.

Nodes sorted by id, edges by (source, target, predicate, key); keys sorted; UTF-8 without
escapes, so the same graph gives the same bytes. Edge ends are ``from`` and ``to`` (not
networkx's default ``source``/``target``), because data edges carry their own ``source``
attribute (``gazetteer``) in the graph contract. Read it back with
``networkx.node_link_graph(json.load(fh), edges="edges", source="from", target="to")``.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.export.common import atomic_write, check_graph, sorted_edges, sorted_nodes

#: Keyword arguments for networkx.node_link_data / node_link_graph matching this file.
LINK_KEYS = {"source": "from", "target": "to", "name": "id", "key": "key"}


def node_link(G: nx.MultiDiGraph) -> dict:
    """networkx's node-link dict of ``G`` in a stable order (``edges`` key, as networkx >= 3.4)."""
    check_graph(G)
    for node, attrs in G.nodes(data=True):
        if "id" in attrs:
            raise ExportError("E402", detail=f"node {node!r}: attribute 'id' clashes with node-link JSON")
    for s, o, attrs in G.edges(data=True):
        if {"from", "to", "key"} & set(attrs):
            raise ExportError("E402", detail=f"edge {s!r} -> {o!r}: attributes from/to/key clash with node-link JSON")
    data = nx.node_link_data(G, edges="edges", **LINK_KEYS)
    data["nodes"] = [{**attrs, "id": node} for node, attrs in sorted_nodes(G)]
    data["edges"] = [{**attrs, "from": s, "to": o, "key": key} for s, o, key, attrs in sorted_edges(G)]
    return data


def write_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as node-link JSON, atomically; byte-identical for the same graph."""
    try:
        text = json.dumps(node_link(G), ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ExportError("E402", path, detail=f"an attribute is not JSON-serialisable: {exc}") from exc
    atomic_write(path, (text + "\n").encode("utf-8"))


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_json` back into the graph (E402 if it is not one)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges", **LINK_KEYS)
    except OSError as exc:
        raise ExportError("E402", path, detail=exc.strerror or str(exc)) from exc
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as exc:
        raise ExportError("E402", path, detail=f"not node-link JSON with from/to edges ({type(exc).__name__}: {exc})") from exc
    check_graph(G, path)
    return G
