"""Node-link JSON: reloads into the same graph, stable bytes, clear errors."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.export import read_json, write_json
from kg.export.jsonfile import LINK_KEYS


def test_roundtrip_gives_the_same_graph(G, tmp_path):
    write_json(G, tmp_path / "g.json")
    back = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges", **LINK_KEYS)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(back.edges(keys=True, data="predicate")) == sorted(G.edges(keys=True, data="predicate"))
    for s, o, key, data in G.edges(keys=True, data=True):
        assert back.edges[s, o, key] == data
    assert back.graph == G.graph


def test_sorted_and_byte_identical(G, tmp_path):
    write_json(G, tmp_path / "a.json")
    reverse = nx.MultiDiGraph(**G.graph)
    reverse.add_nodes_from(reversed(list(G.nodes(data=True))))
    reverse.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    write_json(reverse, tmp_path / "b.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "b.json").read_text(encoding="utf-8")
    ids = [n["id"] for n in json.loads(text)["nodes"]]
    assert ids == sorted(ids)
    assert "周计伟" in text  # UTF-8, not \\u escapes


def test_unserialisable_attribute_is_e402_and_nothing_written(G, tmp_path):
    G.nodes["person/周计伟"]["aliases"] = {"老周"}  # a set breaks the contract (lists only)
    with pytest.raises(ExportError) as err:
        write_json(G, tmp_path / "g.json")
    assert err.value.code == "E402" and "g.json" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_data_edge_source_attribute_survives(G, tmp_path):
    write_json(G, tmp_path / "g.json")
    edges = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["edges"]
    gazetteer = [e for e in edges if e["predicate"] == "partOf"]
    assert gazetteer and all(e["source"] == "gazetteer" and e["from"].startswith("place/") for e in gazetteer)


def test_read_json_gives_the_graph_back(G, tmp_path):
    write_json(G, tmp_path / "g.json")
    back = read_json(tmp_path / "g.json")
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))


@pytest.mark.parametrize("content", ["not json", '{"nodes": [], "edges": [{"source": "a", "target": "b"}]}', '{"nodes": [{"id": "x"}], "edges": []}'])
def test_read_json_rejects_other_files_with_e402(tmp_path, content):
    path = tmp_path / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError) as err:
        read_json(path)
    assert err.value.code == "E402" and str(path) in str(err.value)
