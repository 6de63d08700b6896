"""The graph as networkx node-link JSON, for other tools and for reloading in notebooks.

Nodes sorted by id, edges by (source, target, predicate, key); keys sorted; UTF-8 without
escapes, so the same graph gives the same bytes. Read it back with
``networkx.node_link_graph(json.load(fh), edges="edges")``.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from kg.errors import ExportError
from kg.export.common import atomic_write, check_graph, sorted_edges, sorted_nodes


def node_link(G: nx.MultiDiGraph) -> dict:
    """networkx's node-link dict of ``G`` in a stable order (``edges`` key, as networkx >= 3.4)."""
    check_graph(G)
    data = nx.node_link_data(G, edges="edges")
    data["nodes"] = [{**attrs, "id": node} for node, attrs in sorted_nodes(G)]
    data["edges"] = [{**attrs, "source": s, "target": o, "key": key} for s, o, key, attrs in sorted_edges(G)]
    return data


def write_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as node-link JSON, atomically; byte-identical for the same graph."""
    try:
        text = json.dumps(node_link(G), ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ExportError("E402", path, detail=f"an attribute is not JSON-serialisable: {exc}") from exc
    atomic_write(path, (text + "\n").encode("utf-8"))
