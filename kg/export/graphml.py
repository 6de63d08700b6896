"""The graph as GraphML (Gephi, yEd, Cytoscape, igraph), written by networkx's own writer.

Attributes are those of :func:`kg.export.flat.flat_graph`: ``label``, ``type``, ``type_zh``,
``kind``, ``admin_level``, ``adcode``, ``date``, ``aliases`` … on nodes; ``predicate``,
``label``, ``title``, ``date``, ``weight``, ``confidence``, ``evidence`` … on edges. Edge ids
are ``e0``, ``e1`` … in a stable order; the same graph gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from kg.export.common import atomic_write
from kg.export.flat import flat_graph


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as GraphML (UTF-8 XML). Raises ExportError E402 for a graph that is not kg's.

    >>> from kg.graph.query import example_graph
    >>> b"<graphml" in graphml_bytes(example_graph())
    True
    """
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(G), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True, edge_id_from_attribute=None)
    return buffer.getvalue()


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GraphML, atomically (E401 when ``path`` cannot be written)."""
    atomic_write(path, graphml_bytes(G))
