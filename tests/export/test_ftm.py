"""FollowTheMoney export, validated by the followthemoney library itself (its model, its value
cleaning, and its ``ftm validate`` / ``ftm aggregate`` commands)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.errors import ExportError
from kg.export.ftm import ftm_id, to_ftm, write_ftm

FTM = Path(sys.executable).with_name("ftm")


def validate(rows: list[dict]) -> None:
    """Every row is an FtM entity whose values survive the library's cleaning unchanged, with
    its required properties, and every entity reference points at an entity of the file whose
    schema the property's range accepts."""
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows), "duplicate ids"
    for row in rows:
        schema = model.get(row["schema"])
        assert schema is not None and not schema.abstract, row["schema"]
        try:
            proxy = model.get_proxy(row, cleaned=False)
        except InvalidData as exc:  # an unknown property or a malformed entity
            pytest.fail(f"{row['id']}: {exc}")
        for name, values in row["properties"].items():
            prop = schema.get(name)
            assert prop is not None, f"{row['schema']} has no property {name}"
            assert sorted(proxy.get(name)) == values, f"{row['id']}.{name}: the library cleaned {values} differently"
            if prop.type == registry.entity:
                for ref in values:
                    assert ref in by_id, f"{row['id']}.{name} -> {ref}: no such entity"
                    assert model.get(by_id[ref]["schema"]).is_a(prop.range), f"{row['id']}.{name}: {by_id[ref]['schema']} is not a {prop.range.name}"
        for required in schema.required:
            assert row["properties"].get(required), f"{row['id']}: {row['schema']} needs {required}"


def schemata(rows):
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["schema"], []).append(r)
    return out


def named(rows, schema, name):
    [row] = [r for r in schemata(rows)[schema] if name in r["properties"].get("name", [])]
    return row


def test_small_graph_validates_and_maps_every_kind():
    rows = to_ftm(graphs.small_graph())
    validate(rows)
    kinds = schemata(rows)
    assert {"Person", "PublicBody", "Organization", "Territory", "Project", "Event", "Article",
            "Position", "Occupancy", "Membership", "Documentation", "UnknownLink", "ProjectParticipant"} <= set(kinds)
    # party and government bodies are public bodies; a school is an organisation
    assert named(rows, "PublicBody", "中共太原市委员会")["properties"]["alias"] == ["市委"]
    assert named(rows, "Organization", "太原市第十五中学校")["properties"]["classification"] == ["school"]
    assert named(rows, "Person", "周计伟")["properties"]["topics"] == ["role.pep"]


def test_a_post_is_position_occupancy_and_membership_with_dates_and_evidence():
    rows = to_ftm(graphs.small_graph())
    zhou = named(rows, "Person", "周计伟")["id"]
    shiwei = named(rows, "PublicBody", "中共太原市委员会")["id"]
    position = named(rows, "Position", "市委常委（中共太原市委员会）")
    assert position["properties"]["organization"] == [shiwei]
    [occupancy] = [r for r in schemata(rows)["Occupancy"]
                   if r["properties"]["holder"] == [zhou] and r["properties"]["post"] == [position["id"]]]
    assert occupancy["properties"]["date"] == ["2023-01-07"]  # --01-09 has no year: not an FtM date
    assert graphs.S_VISIT in occupancy["properties"]["summary"] and graphs.S_MEET in occupancy["properties"]["summary"]
    articles = {r["id"] for r in schemata(rows)["Article"]}
    assert occupancy["properties"]["proof"] and set(occupancy["properties"]["proof"]) <= articles
    [membership] = [r for r in schemata(rows)["Membership"]
                    if r["properties"]["member"] == [zhou] and r["properties"]["role"] == ["市委常委"]]
    assert membership["properties"]["organization"] == [shiwei]


def test_places_are_territories_in_their_hierarchy_and_relations_keep_their_sentence():
    rows = to_ftm(graphs.small_graph())
    yingze = named(rows, "Territory", "迎泽区")
    taiyuan = named(rows, "Territory", "太原市")
    assert yingze["properties"]["partOf"] == [taiyuan["id"]]
    assert yingze["properties"]["territoryCode"] == ["140106"] and yingze["properties"]["level"] == ["county"]
    visits = [r for r in schemata(rows)["UnknownLink"] if r["properties"]["role"] == ["visited"]]
    assert any(graphs.S_VISIT in r["properties"]["summary"] for r in visits)
    docs = [r for r in schemata(rows)["Documentation"] if r["properties"]["entity"] == [named(rows, "Person", "周计伟")["id"]]]
    assert any(graphs.S_VISIT in r["properties"].get("summary", []) for r in docs)


def test_ids_are_stable_and_output_is_byte_identical(tmp_path):
    assert ftm_id("Person", "person/周计伟") == ftm_id("Person", "person/周计伟") != ftm_id("Person", "person/武晓花")
    write_ftm(graphs.small_graph(), tmp_path / "a.ftm.json")
    G = graphs.small_graph()
    import networkx as nx

    R = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    write_ftm(R, tmp_path / "b.ftm.json")
    assert (tmp_path / "a.ftm.json").read_bytes() == (tmp_path / "b.ftm.json").read_bytes()


def test_seed_export_validates_and_round_trips_through_the_ftm_command(seed_graph, tmp_path):
    path = tmp_path / "seeds.ftm.json"
    write_ftm(seed_graph, path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    validate(rows)
    assert len(schemata(rows)["Person"]) == sum(1 for _, t in seed_graph.nodes(data="type") if t == "Person")
    assert len(schemata(rows)["Occupancy"]) >= 10
    # `ftm validate` re-parses and cleans every value: nothing may change
    cleaned = subprocess.run([str(FTM), "validate", "-i", str(path)], capture_output=True, text=True, check=True).stdout
    again = {r["id"]: r for r in map(json.loads, cleaned.splitlines())}
    assert again.keys() == {r["id"] for r in rows}
    for row in rows:
        assert {k: sorted(v) for k, v in again[row["id"]]["properties"].items()} == row["properties"], row["id"]
    # `ftm aggregate` merges fragments by id: the export has one fragment per id
    merged = subprocess.run([str(FTM), "aggregate", "-i", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(merged.splitlines()) == len(rows)


def test_a_graph_that_is_not_kgs_is_refused():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("x", type="Alien", label="x")
    with pytest.raises(ExportError, match="unknown type 'Alien'"):
        to_ftm(G)
