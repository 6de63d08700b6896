"""The Cypher export loaded into Kùzu, an embedded property-graph store that speaks Cypher:
its CSV reader parses our files, every relationship end finds its one node, and Cypher
questions give the graph's answers. The neo4j-admin header contract and both scripts are
checked against the files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import kuzu
import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.export.cypher import ENTITY_LABEL, cypher_files, rel_type, write_cypher
from kg.schema import SCHEMA

KUZU_TYPES = {"int": "INT64", "float": "DOUBLE", "": "STRING"}


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def column(name: str) -> tuple[str, str]:
    """neo4j-admin header field -> (Kùzu column name, Kùzu type)."""
    if name == "id:ID":
        return "id", "STRING"
    if name == ":LABEL":
        return "labels", "STRING"
    base, _, suffix = name.partition(":")
    return base, KUZU_TYPES[suffix]


def load_into_kuzu(folder: Path, db_path: Path) -> tuple[kuzu.Connection, dict[str, int]]:
    """Node tables from the node files' headers (COPY FROM parses our CSV), relationship tables
    from the relationship files, filled with LOAD FROM … MATCH … CREATE per pair of node types.
    Returns the connection and, per relationship file, how many relationships were created."""
    conn = kuzu.Connection(kuzu.Database(str(db_path)))
    tables = []
    for path in sorted(folder.glob("nodes_*.csv")):
        table = rows(path)[0][":LABEL"].split(";")[1]
        columns = [column(h) for h in header(path)]
        ddl = ", ".join(f"`{n}` {t}" for n, t in columns)
        conn.execute(f"CREATE NODE TABLE {table}({ddl}, PRIMARY KEY(id))")
        conn.execute(f"COPY {table} FROM '{path}' (header=true, parallel=false)")
        tables.append(table)
    created = {}
    for path in sorted(folder.glob("rels_*.csv")):
        head = header(path)
        assert head[:3] == [":START_ID", ":END_ID", ":TYPE"], path.name
        [rtype] = {r[":TYPE"] for r in rows(path)}
        props = [column(h) for h in head[3:]]
        pairs = ", ".join(f"FROM {a} TO {b}" for a in tables for b in tables)
        conn.execute(f"CREATE REL TABLE {rtype}({pairs}{''.join(f', `{n}` {t}' for n, t in props)})")
        names = ", ".join(["s STRING", "o STRING", "t STRING"] + [f"`{n}` {t}" for n, t in props])
        assign = ", ".join(f"`{n}`: `{n}`" for n, _ in props)
        total = 0
        for a in tables:
            for b in tables:
                result = conn.execute(
                    f"LOAD WITH HEADERS ({names}) FROM '{path}' (header=true, parallel=false) "
                    f"MATCH (x:{a} {{id: s}}), (y:{b} {{id: o}}) CREATE (x)-[:{rtype} {{{assign}}}]->(y) RETURN count(*)"
                )
                total += result.get_next()[0]
        created[path.name] = total
    return conn, created


def cypher(conn, query: str) -> list[list]:
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(result.get_next())
    return sorted(out)


@pytest.fixture(scope="module")
def seed_store(seed_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cypher")
    write_cypher(seed_graph, folder)
    conn, created = load_into_kuzu(folder, tmp_path_factory.mktemp("kuzu") / "db")
    return folder, conn, created


def test_every_relationship_end_is_one_node(seed_graph, seed_store):
    folder, conn, created = seed_store
    for name, n in created.items():
        assert n == len(rows(folder / name)), f"{name}: {len(rows(folder / name)) - n} rows whose ends are not one node"
    assert sum(created.values()) == seed_graph.number_of_edges()
    [[nodes]] = cypher(conn, "MATCH (n) RETURN count(n)")
    assert nodes == seed_graph.number_of_nodes()


def test_cypher_questions_get_the_graphs_answers(seed_graph, seed_store):
    _, conn, _ = seed_store
    got = cypher(conn, "MATCH (p:Person)-[r:HOLDS_POST]->(o:Organization) WHERE p.name = '武晓花' RETURN r.title, o.name")
    expected = sorted([d["title"], seed_graph.nodes[o]["label"]] for _, o, d in seed_graph.out_edges("person/武晓花", data=True)
                      if d["predicate"] == "holdsPost")
    assert got == expected and ["组织部部长", "中共太原市委组织部"] in got
    visits = cypher(conn, "MATCH (p:Person {name: '周计伟'})-[r:VISITED]->(x) RETURN x.name, r.evidence")
    assert any(name == "迎泽区" and "周计伟赴迎泽区" in evidence for name, evidence in visits)
    [[mentions]] = cypher(conn, "MATCH (p:Person {name: '周计伟'}) RETURN p.mentions")
    assert mentions == seed_graph.nodes["person/周计伟"]["mentions"]


def test_small_graph_text_survives_csv_quoting(tmp_path):
    write_cypher(graphs.small_graph(), tmp_path / "csv")
    conn, created = load_into_kuzu(tmp_path / "csv", tmp_path / "db")
    assert sum(created.values()) == graphs.small_graph().number_of_edges()
    assert cypher(conn, "MATCH (a:Article) WHERE a.id ENDS WITH '/004' RETURN a.name") == [[graphs.XSS_HEADLINE]]
    assert cypher(conn, "MATCH (o:Organization {id: 'org/中共太原市委组织部'}) RETURN o.aliases") == [["市委组织部|组织部"]]


def test_header_and_id_contract_and_scripts():
    files = cypher_files(graphs.small_graph())
    node_ids = set()
    for name, content in files.items():
        if name.startswith("nodes_"):
            lines = list(csv.reader(content.decode().splitlines()))
            assert lines[0][0] == "id:ID" and lines[0][-1] == ":LABEL" and "name" in lines[0]
            assert all(row[-1].startswith(f"{ENTITY_LABEL};") for row in lines[1:])
            node_ids |= {row[0] for row in lines[1:]}
    assert node_ids == set(graphs.small_graph().nodes)
    rel_names = [n for n in files if n.startswith("rels_")]
    assert len(rel_names) == len({d["predicate"] for *_, d in graphs.small_graph().edges(data=True)})
    script, load = files["import.sh"].decode(), files["load.cypher"].decode()
    for name in files:
        if name.endswith(".csv"):
            flag = "--nodes" if name.startswith("nodes_") else "--relationships"
            assert f"{flag}={name}" in script and f"'file:///{name}'" in load
    for predicate in {d["predicate"] for *_, d in graphs.small_graph().edges(data=True)}:
        assert f"[:{rel_type(predicate)} " in load
    # every column LOAD CSV reads exists in the header of the file it reads
    for name, statement in re.findall(r"'file:///([^']+)' AS row\n(.*?);", load, re.S):
        head = set(next(csv.reader(files[name].decode().splitlines())))
        assert set(re.findall(r"row\.`([^`]+)`", statement)) <= head, name
    assert rel_type("coAppearsWith") == "CO_APPEARS_WITH" and all(rel_type(p).isupper() for p in SCHEMA.predicates)


def test_same_graph_same_bytes():
    assert cypher_files(graphs.small_graph()) == cypher_files(graphs.small_graph())
