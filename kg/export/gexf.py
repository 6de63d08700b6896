"""The graph as GEXF 1.2 for Gephi, written by networkx's own writer.

Attributes are those of :func:`kg.export.flat.flat_graph` (labels, types, dates, evidence);
each node also carries Gephi's ``viz`` colour of its type (``kg/data/schema.toml``), and each
edge its ``weight`` (co-appearances, else 1). networkx stamps the file with today's date
(``lastmodifieddate``); it is removed, so the same graph gives the same bytes on any day.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree.ElementTree import ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from kg.export.common import atomic_write
from kg.export.flat import flat_graph
from kg.schema import SCHEMA


def _rgb(color: str) -> dict[str, int]:
    """``#e4572e`` -> Gephi's viz colour.

    >>> _rgb("#e4572e")
    {'r': 228, 'g': 87, 'b': 46}
    """
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


def gexf_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as GEXF 1.2 (UTF-8 XML). Raises ExportError E402 for a graph that is not kg's.

    >>> from kg.graph.query import example_graph
    >>> b'<gexf' in gexf_bytes(example_graph())
    True
    """
    F = flat_graph(G)
    for _node, data in F.nodes(data=True):
        data["viz"] = {"color": _rgb(SCHEMA.type(data["type"]).color)}
    for _s, _o, key, data in F.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(F)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    buffer = io.BytesIO()
    ElementTree(writer.xml).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as GEXF, atomically (E401 when ``path`` cannot be written)."""
    atomic_write(path, gexf_bytes(G))
