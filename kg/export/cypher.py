"""The graph for property-graph databases: CSV files in ``neo4j-admin database import``'s
format, the import command, and a ``LOAD CSV`` Cypher script for a running server.

A folder holds:

* ``nodes_<type>.csv`` — one file per node type (``nodes_person.csv`` …); header
  ``id:ID,<properties>,:LABEL``. ``id`` is kg's node id (``person/周计伟``), ``name`` its label;
  the other properties are :mod:`kg.export.flat`'s (lists joined by ``|``); integer and float
  columns are typed (``mentions:int``). ``:LABEL`` is ``Entity;<Type>``, so every node has the
  label ``Entity`` (one id index for all) and its type;
* ``rels_<predicate>.csv`` — one file per predicate (``rels_holds_post.csv`` …); header
  ``:START_ID,:END_ID,:TYPE,<properties>``; the type is the predicate in upper snake case
  (``HOLDS_POST``); the evidence sentences are one field (newline-separated, quoted);
* ``import.sh`` — ``neo4j-admin database import full`` with every file;
* ``load.cypher`` — the same through ``LOAD CSV`` (``cypher-shell -f load.cypher`` after
  copying the CSV files into the server's import folder).

Every ``:START_ID``/``:END_ID`` is the ``id:ID`` of exactly one node row. Rows are sorted;
the same graph gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx

from kg.export.common import atomic_write
from kg.export.flat import flat_graph
from kg.schema import SCHEMA

ID, LABEL, START, END, TYPE = "id:ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE"
#: The label every node carries besides its type.
ENTITY_LABEL = "Entity"
#: Node properties renamed for Cypher (``label`` reads as a node label there).
RENAMED = {"label": "name"}


def rel_type(predicate: str) -> str:
    """The relationship type of a predicate: ``holdsPost`` -> ``HOLDS_POST``.

    >>> rel_type("holdsPost"), rel_type("partOf")
    ('HOLDS_POST', 'PART_OF')
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "_", SCHEMA.predicate(predicate).name).upper()


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _typed(name: str, values: list) -> str:
    """A column header with neo4j-admin's type suffix for integer and float columns."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return f"{name}:int"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return f"{name}:float"
    return name


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def cypher_files(G: nx.MultiDiGraph) -> dict[str, bytes]:
    """File name -> content of the export (see the module docstring).

    Raises ExportError E402 for a graph that is not kg's.

    >>> from kg.graph.query import example_graph
    >>> files = cypher_files(example_graph())
    >>> sorted(files)
    ['import.sh', 'load.cypher', 'nodes_organization.csv', 'nodes_person.csv', 'rels_holds_post.csv']
    >>> files["rels_holds_post.csv"].decode().splitlines()[0]
    ':START_ID,:END_ID,:TYPE,confidence:float,date,label,predicate,title,weight:float'
    """
    F = flat_graph(G)
    files: dict[str, bytes] = {}
    node_files: list[tuple[str, str, list[str]]] = []  # (file, type, header)
    by_type: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for node, data in F.nodes(data=True):
        by_type[data["type"]].append((node, data))
    for type_name in SCHEMA.types:
        members = by_type.get(type_name)
        if not members:
            continue
        keys = sorted({k for _, d in members for k in d} - {"type"})
        header = [ID] + [_typed(RENAMED.get(k, k), [d.get(k) for _, d in members]) for k in keys] + [LABEL]
        rows = [[node] + [d.get(k) for k in keys] + [f"{ENTITY_LABEL};{type_name}"] for node, d in members]
        name = f"nodes_{_snake(type_name)}.csv"
        files[name] = _csv(header, rows)
        node_files.append((name, type_name, header))
    by_predicate: dict[str, list[tuple[str, str, dict]]] = defaultdict(list)
    for s, o, data in F.edges(data=True):
        by_predicate[data["predicate"]].append((s, o, data))
    rel_files: list[tuple[str, str, list[str]]] = []
    for predicate in SCHEMA.predicates:
        members = by_predicate.get(predicate)
        if not members:
            continue
        keys = sorted({k for *_, d in members for k in d})
        header = [START, END, TYPE] + [_typed(k, [d.get(k) for *_, d in members]) for k in keys]
        rows = [[s, o, rel_type(predicate)] + [d.get(k) for k in keys] for s, o, d in members]
        name = f"rels_{_snake(predicate)}.csv"
        files[name] = _csv(header, rows)
        rel_files.append((name, predicate, header))
    files["import.sh"] = _import_script(node_files, rel_files).encode("utf-8")
    files["load.cypher"] = _load_script(node_files, rel_files).encode("utf-8")
    return files


def _import_script(node_files, rel_files) -> str:
    lines = [
        "#!/bin/sh",
        "# Bulk import of a kg graph into a new, stopped Neo4j database (Neo4j 5).",
        "# Usage: sh import.sh [DATABASE]   (neo4j-admin on PATH; default database: neo4j)",
        "set -e",
        'cd "$(dirname "$0")"',
        'neo4j-admin database import full "${1:-neo4j}" --overwrite-destination --multiline-fields=true \\',
    ]
    args = [f"  --nodes={name}" for name, *_ in node_files] + [f"  --relationships={name}" for name, *_ in rel_files]
    lines += [a + " \\" for a in args[:-1]] + args[-1:]
    return "\n".join(lines) + "\n"


def _value(column: str, field: str) -> str:
    """The Cypher expression that reads ``column`` of a LOAD CSV row into a property."""
    ref = f"row.`{column}`"
    if column.endswith(":int"):
        return f"toInteger({ref})"
    if column.endswith(":float"):
        return f"toFloat({ref})"
    return ref


def _props(header: list[str], skip: set[str]) -> str:
    pairs = []
    for column in header:
        if column in skip:
            continue
        name = "id" if column == ID else column.split(":")[0]
        pairs.append(f"{name}: {_value(column, name)}")
    return "{" + ", ".join(pairs) + "}"


def _load_script(node_files, rel_files) -> str:
    lines = [
        "// A kg graph through LOAD CSV: copy the CSV files of this folder into the server's import",
        "// folder, then run `cypher-shell -f load.cypher`. Empty fields become absent properties.",
        f"CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.id IS UNIQUE;",
    ]
    for name, type_name, header in node_files:
        lines += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"CREATE (n:{ENTITY_LABEL}:{type_name} {_props(header, {LABEL})});",
        ]
    for name, predicate, header in rel_files:
        lines += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MATCH (a:{ENTITY_LABEL} {{id: row.`{START}`}}), (b:{ENTITY_LABEL} {{id: row.`{END}`}})",
            f"CREATE (a)-[:{rel_type(predicate)} {_props(header, {START, END, TYPE})}]->(b);",
        ]
    return "\n".join(lines) + "\n"


def write_cypher(G: nx.MultiDiGraph, folder: str | Path) -> None:
    """Write the CSV files and both scripts into ``folder`` (created if needed), each atomically.

    Raises ExportError: E402 for a graph that is not kg's, E401 when a file cannot be written.
    """
    folder = Path(folder)
    for name, content in cypher_files(G).items():
        atomic_write(folder / name, content)
