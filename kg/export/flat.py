"""The graph with flat attributes, for the formats whose attributes are scalars (GraphML, GEXF,
CSV): what GraphML, GEXF and the Cypher CSV share.

Node attributes keep their names (``label``, ``type``, ``kind``, ``admin_level``, ``adcode``,
``date`` …); lists become one string joined by ``|`` (``aliases``, ``roles``, ``articles``;
``authors`` as ``name:role``); ``type_zh`` is added. Edge attributes: ``predicate``,
``label`` (the predicate in Chinese), ``title``, ``date``, ``weight`` (co-appearances, else 1),
``confidence``, ``source``, and the evidence as ``evidence`` (sentences joined by a newline),
``evidence_articles`` and ``rules`` (joined by ``|``). Nodes and edges are inserted in a
stable order, so the writers give the same bytes for the same graph.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.export.common import check_graph, edge_evidence, sorted_edges, sorted_nodes
from kg.schema import SCHEMA

#: Joins the items of a list attribute (names never contain it: it is not a CJK character).
LIST_SEPARATOR = "|"
#: Joins evidence sentences.
SENTENCE_SEPARATOR = "\n"
#: Edge attributes copied as they are, when present.
EDGE_SCALARS = ("title", "date", "source")

Scalar = str | int | float


def flat_value(value: Any) -> Scalar | None:
    """A node attribute as one scalar: lists joined by ``|`` (pairs as ``a:b``), empty -> None.

    >>> flat_value(["市委", "市委员会"]), flat_value([["尹哲", "reporter"]]), flat_value([]), flat_value(3)
    ('市委|市委员会', '尹哲:reporter', None, 3)
    """
    if value is None or isinstance(value, (bool, dict)):
        return None if value is None or isinstance(value, dict) else str(value).lower()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [":".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for v in value]
        return LIST_SEPARATOR.join(sorted(items) if isinstance(value, (set, frozenset)) else items) or None
    if isinstance(value, (int, float)):
        return value
    return str(value) or None


def flat_node(data: dict[str, Any]) -> dict[str, Scalar]:
    """Scalar attributes of one node (see the module docstring)."""
    out = {k: v for k, v in ((k, flat_value(v)) for k, v in sorted(data.items())) if v is not None}
    out["type_zh"] = SCHEMA.type(data["type"]).zh
    return out


def flat_edge(data: dict[str, Any]) -> dict[str, Scalar]:
    """Scalar attributes of one edge (see the module docstring)."""
    pred = SCHEMA.predicate(data["predicate"])
    out: dict[str, Scalar] = {"predicate": pred.name, "label": pred.zh}
    for key in EDGE_SCALARS:
        if data.get(key) is not None:
            out[key] = str(data[key])
    out["weight"] = float(data["weight"]) if data.get("weight") is not None else 1.0
    out["confidence"] = float(data.get("confidence", 1.0))
    evidence = edge_evidence(data)
    if evidence:
        out["evidence"] = SENTENCE_SEPARATOR.join(dict.fromkeys(str(ev["sentence"]) for ev in evidence))
        out["evidence_articles"] = LIST_SEPARATOR.join(dict.fromkeys(str(ev["article_id"]) for ev in evidence))
        out["rules"] = LIST_SEPARATOR.join(sorted({str(ev["rule"]) for ev in evidence}))
    return out


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only, nodes and edges in sorted order; edge keys
    are ``e0``, ``e1`` … in that order. Raises ExportError E402 for a graph that is not kg's.

    >>> from kg.graph.query import example_graph
    >>> F = flat_graph(example_graph())
    >>> F.nodes["org/中共太原市委员会"]["aliases"], sorted(F.edges(keys=True))[0][2]
    ('市委', 'e0')
    """
    check_graph(G)
    F = nx.MultiDiGraph()
    for node, data in sorted_nodes(G):
        F.add_node(node, **flat_node(data))
    for i, (s, o, _key, data) in enumerate(sorted_edges(G)):
        F.add_edge(s, o, key=f"e{i}", **flat_edge(data))
    return F
