"""The HTML page without a browser: self-contained, escaped, deterministic, capped.
(tests/browser/ opens it in a real Chromium.)"""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.errors import ExportError
from kg.export import write_html
from kg.export.html import render_html
from kg.schema import SCHEMA

DATA = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def payload(html: str) -> dict:
    return json.loads(DATA.search(html).group(1))


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(graphs.small_graph(), title="太原日报 <图谱>")


def test_nothing_is_loaded_from_outside(html):
    assert not re.search(r"""<(script|img|iframe)[^>]*\ssrc\s*=""", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"""url\(\s*['"]?(https?:)?//""", html, re.I)
    assert not re.search(r"@import", html, re.I)
    assert "bootstrap" not in html and "tom-select" not in html.lower()


def test_vis_network_is_inlined(html):
    assert "vis-network" in html and len(html) > 400_000
    assert html.count("</script>") == 3  # vis-network, the JSON data, kg.js


def test_every_node_is_in_the_page_with_schema_colour_and_shape(html):
    G = graphs.small_graph()
    nodes = payload(html)["nodes"]
    assert sorted(n["id"] for n in nodes) == sorted(G.nodes)
    for n in nodes:
        etype = SCHEMA.type(G.nodes[n["id"]]["type"])
        assert (n["color"], n["shape"]) == (etype.color, etype.shape)
        assert n["kg"]["typeZh"] == etype.zh


def test_legend_lists_the_types_present_with_counts(html):
    legend = re.findall(r'class="kg-type-filter" value="(\w+)"', html)
    assert legend == ["Person", "Organization", "Place", "Project", "Event", "Document", "Article"]
    assert re.search(r'<span class="kg-type-zh">人物</span>.*?<span class="kg-count">4</span>', html, re.S)


def test_hostile_text_never_appears_as_markup(html):
    assert graphs.XSS_NAME not in html
    assert "</script><script>alert(2)" not in html
    assert "<b>粗体</b>" not in html
    assert "<title>太原日报 &lt;图谱&gt;</title>" in html
    names = {n["kg"]["name"] for n in payload(html)["nodes"]}
    assert graphs.XSS_NAME in names and graphs.XSS_HEADLINE in names  # still there, as data


def test_node_tooltip_data_has_type_aliases_posts_articles(html):
    node = {n["id"]: n for n in payload(html)["nodes"]}["person/周计伟"]["kg"]
    assert node["type"] == "Person"
    assert ["市委常委", "中共太原市委员会", "2023-01-07"] in node["posts"]
    assert ["秘书长", "中共太原市委员会", "2023-01-07"] in node["posts"]
    assert node["articles"] == [["周计伟在老军营街道调研", "2023-01-07"], ["市委经济工作会议召开", "--01-09"]]
    org = {n["id"]: n for n in payload(html)["nodes"]}["org/中共太原市委员会"]["kg"]
    assert org["aliases"] == ["市委"]


def test_edge_tooltip_data_has_evidence_sentence_and_headline(html):
    data = payload(html)
    [edge] = [e for e in data["edges"] if e["from"] == "person/周计伟" and e["to"] == "place/山西省/太原市/迎泽区/老军营街道"]
    assert edge["kg"]["predZh"] == "调研/视察"
    assert edge["kg"]["evidence"] == [[graphs.S_VISIT, "周计伟在老军营街道调研", "2023-01-07"]]
    [posts] = [e for e in data["edges"] if e["from"] == "person/周计伟" and e["to"] == "org/中共太原市委员会"]
    assert posts["kg"]["qualifiers"] == ["市委常委 2023-01-07", "市委常委 --01-09", "秘书长 2023-01-07"]
    assert posts["kg"]["nEvidence"] == 2  # the same sentence states two titles: listed once


def test_same_graph_same_bytes(tmp_path):
    write_html(graphs.small_graph(), tmp_path / "a.html")
    G = graphs.small_graph()
    R = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    write_html(R, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_large_graph_is_capped_by_degree_and_says_so():
    G = graphs.large_graph(n_people=400)
    html = render_html(G, max_nodes=100)
    data = payload(html)
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 100
    threshold = min(G.degree(n) for n in kept)
    assert all(G.degree(n) <= threshold for n in set(G.nodes) - kept)
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])
    assert f"前 100 个节点（共 {G.number_of_nodes()} 个）" in html
    physics = data["options"]["physics"]
    assert 120 <= physics["stabilization"]["iterations"] <= 600


def test_ego_subgraph_page(tmp_path):
    G = graphs.small_graph()
    ego = nx.ego_graph(G.to_undirected(as_view=True), "person/武晓花", radius=1)
    write_html(G.subgraph(ego.nodes), tmp_path / "ego.html", title="武晓花")
    ids = {n["id"] for n in payload((tmp_path / "ego.html").read_text(encoding="utf-8"))["nodes"]}
    assert ids == set(ego.nodes) and "place/山西省" not in ids


def test_bad_max_nodes():
    with pytest.raises(ExportError):
        render_html(graphs.small_graph(), max_nodes=0)
