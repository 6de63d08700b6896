"""Every format the graph can be written in, by name: what ``kg export --to NAME`` and
``kg build --formats NAME,…`` accept. One row per format; each writer lives in its own module.

>>> sorted(FORMATS)
['cypher', 'ftm', 'gexf', 'graphml', 'html', 'json', 'ttl']
>>> FORMATS["gexf"].file, FORMATS["cypher"].folder
('graph.gexf', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import UsageError


@dataclass(frozen=True, slots=True)
class Format:
    """A graph format: its writer, the name it gets in an output folder, and whether that
    name is a folder of files (Cypher) rather than one file."""

    name: str
    file: str
    description: str
    write: Callable[..., None]
    folder: bool = False


# The three original writers are looked up on the kg.export package at call time.
def _json(G, path, **_):
    import kg.export

    kg.export.write_json(G, path)


def _ttl(G, path, **_):
    import kg.export

    kg.export.write_turtle(G, path)


def _html(G, path, *, title: str = "kg", max_html_nodes: int = 50_000, **_):
    import kg.export

    kg.export.write_html(G, path, title=title, max_nodes=max_html_nodes)


def _ftm(G, path, **_):
    from kg.export.ftm import write_ftm

    write_ftm(G, path)


def _graphml(G, path, **_):
    from kg.export.graphml import write_graphml

    write_graphml(G, path)


def _gexf(G, path, **_):
    from kg.export.gexf import write_gexf

    write_gexf(G, path)


def _cypher(G, path, **_):
    from kg.export.cypher import write_cypher

    write_cypher(G, path)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "graph.json", "networkx node-link JSON (kg show, kg stats, notebooks)", _json),
    Format("ttl", "graph.ttl", "RDF/Turtle in the kg ontology (kg query)", _ttl),
    Format("html", "graph.html", "the offline explorer page", _html),
    Format("ftm", "graph.ftm.json", "FollowTheMoney entities, one JSON a line (Aleph, ftm)", _ftm),
    Format("graphml", "graph.graphml", "GraphML (Gephi, yEd, Cytoscape)", _graphml),
    Format("gexf", "graph.gexf", "GEXF 1.2 with type colours (Gephi)", _gexf),
    Format("cypher", "cypher", "neo4j-admin import CSV files + LOAD CSV script (folder)", _cypher, folder=True),
)}

#: What ``kg build`` writes unless ``--formats`` says otherwise.
DEFAULT_FORMATS = ("json", "ttl", "html")


def parse_formats(text: str) -> tuple[str, ...]:
    """``"ttl,gexf"`` -> ``("ttl", "gexf")``; ``all`` is every format. UsageError E901 names an
    unknown format and lists the known ones.

    >>> parse_formats("gexf, ftm,gexf")
    ('gexf', 'ftm')
    """
    names = [n.strip() for n in text.split(",") if n.strip()]
    if names == ["all"]:
        return tuple(FORMATS)
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError("E901", detail=f"unknown format {', '.join(map(repr, unknown)) or '(none)'}; known: {', '.join(FORMATS)}, all")
    return tuple(dict.fromkeys(names))


def write_formats(G: nx.MultiDiGraph, folder: str | Path, names: Iterable[str], **options) -> list[Path]:
    """Write ``G`` into ``folder`` in each format of ``names`` under its usual name; returns the
    paths written. ``options`` go to the writers that take them (``title``, ``max_html_nodes``)."""
    written = []
    for name in names:
        fmt = FORMATS[name]
        path = Path(folder) / fmt.file
        fmt.write(G, path, **options)
        written.append(path)
    return written
