"""GraphML and GEXF, read back by networkx's own readers: same nodes and edges, labels, types,
dates and evidence as attributes, the same bytes for the same graph."""

from __future__ import annotations

import io

import networkx as nx
import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.export.gexf import gexf_bytes, write_gexf
from kg.export.graphml import graphml_bytes, write_graphml

READERS = {"gexf": (gexf_bytes, nx.read_gexf), "graphml": (graphml_bytes, nx.read_graphml)}


def reversed_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    R = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    return R


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_round_trip_keeps_counts_and_attributes(fmt):
    write, read = READERS[fmt]
    G = graphs.small_graph()
    H = read(io.BytesIO(write(G)))
    assert H.is_directed() and H.is_multigraph()
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(H.nodes) == set(G.nodes)
    zhou = H.nodes["person/周计伟"]
    assert (zhou["label"], zhou["type"], zhou["type_zh"], zhou["roles"]) == ("周计伟", "Person", "人物", "official")
    assert H.nodes["org/中共太原市委组织部"]["aliases"] == "市委组织部|组织部"
    assert H.nodes["place/山西省/太原市/迎泽区"]["adcode"] == "140106"
    assert H.nodes[f"article/{graphs.A1}"]["date"] == "2023-01-07"
    assert H.nodes[f"person/{graphs.XSS_NAME}"]["label"] == graphs.XSS_NAME  # XML escaping round-trips
    posts = [d for _, o, d in H.out_edges("person/周计伟", data=True) if d["predicate"] == "holdsPost"]
    assert sorted((d["title"], d["date"]) for d in posts) == [("市委常委", "--01-09"), ("市委常委", "2023-01-07"), ("秘书长", "2023-01-07")]
    [visit] = [d for _, o, d in H.out_edges("person/周计伟", data=True) if o.endswith("老军营街道")]
    assert visit["label"] == "调研/视察" and visit["evidence"] == graphs.S_VISIT and visit["evidence_articles"] == graphs.A1
    [co] = [d for _, _, d in H.edges(data=True) if d["predicate"] == "coAppearsWith"]
    assert float(co["weight"]) == 1.0


def test_seed_graph_round_trips_through_gexf_and_graphml(seed_graph):
    for fmt, (write, read) in READERS.items():
        H = read(io.BytesIO(write(seed_graph)))
        assert (H.number_of_nodes(), H.number_of_edges()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges()), fmt
        types = {n: d["type"] for n, d in H.nodes(data=True)}
        assert types == dict(seed_graph.nodes(data="type")), fmt


def test_gexf_colours_nodes_by_type_for_gephi():
    H = nx.read_gexf(io.BytesIO(gexf_bytes(graphs.small_graph())))
    assert H.nodes["person/周计伟"]["viz"]["color"] == {"r": 228, "g": 87, "b": 46, "a": 1.0}  # Person #e4572e


@pytest.mark.parametrize("write", [write_gexf, write_graphml])
def test_same_graph_same_bytes(tmp_path, write):
    write(graphs.small_graph(), tmp_path / "a")
    write(reversed_copy(graphs.small_graph()), tmp_path / "b")
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    assert b"lastmodifieddate" not in (tmp_path / "a").read_bytes()  # no date of the day in GEXF
