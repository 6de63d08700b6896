"""The HTML page without a browser: self-contained, escaped, deterministic, its data complete
and capped. (tests/browser/ opens it in a real Chromium.)"""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.errors import ExportError
from kg.export import write_html
from kg.export.html import entity_degree, explorer_payload, render_html
from kg.schema import SCHEMA

DATA = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def payload(html: str) -> dict:
    return json.loads(DATA.search(html).group(1))


def nodes_by_id(data: dict) -> dict[str, list]:
    return {n[0]: n for n in data["nodes"]}


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


def test_every_node_and_relation_is_in_the_data_with_schema_types():
    G = graphs.small_graph()
    data = explorer_payload(G)
    assert [n[0] for n in data["nodes"]] == sorted(G.nodes)
    for n in data["nodes"]:
        assert data["types"][n[2]][0] == G.nodes[n[0]]["type"]
    assert [t[0] for t in data["types"]] == list(SCHEMA.types)
    groups = {(s, o, d["predicate"]) for s, o, d in G.edges(data=True)}
    ids = [n[0] for n in data["nodes"]]
    assert {(ids[e[0]], ids[e[1]], data["preds"][e[2]][0]) for e in data["edges"]} == groups
    assert data["meta"]["overview"] == 150 and data["meta"]["total"] == G.number_of_nodes()


def test_degree_counts_relations_between_entities_only():
    degree = entity_degree(graphs.small_graph())
    assert degree[f"article/{graphs.A1}"] == 0  # mentions and authored do not count
    assert degree["person/尹哲"] == 0
    assert degree["person/周计伟"] == 8  # 3 posts, a post change, 2 visits, attended, co-appears


def test_legend_and_predicate_filters_list_what_is_present(html):
    legend = re.findall(r'class="kg-type-filter" value="(\w+)"', html)
    assert legend == ["Person", "Organization", "Place", "Project", "Event", "Document", "Article"]
    assert re.search(r'<span class="kg-type-zh">人物</span>.*?<span class="kg-count">4</span>', html, re.S)
    preds = re.findall(r'class="kg-pred-filter" value="(\w+)"', html)
    assert preds == [p for p in SCHEMA.predicates if any(d == p for *_, d in graphs.small_graph().edges(data="predicate"))]


def test_hostile_text_never_appears_as_markup(html):
    assert graphs.XSS_NAME not in html
    assert "</script><script>alert(2)" not in html
    assert "<b>粗体</b>" not in html
    assert "<title>太原日报 &lt;图谱&gt;</title>" in html
    data = payload(html)
    names = {n[1] for n in data["nodes"]}
    assert graphs.XSS_NAME in names and graphs.XSS_HEADLINE in names  # still there, as data
    assert "<b>粗体</b>来到迎泽区察看。" in data["sentences"]


def test_node_data_has_aliases_facts_and_articles():
    data = explorer_payload(graphs.small_graph())
    nodes = nodes_by_id(data)
    zhou = nodes["person/周计伟"]
    assert [data["articles"][a][:2] for a in zhou[5]] == [["周计伟在老军营街道调研", "2023-01-07"], ["市委经济工作会议召开", "--01-09"]]
    assert [data["nodes"][data["articles"][a][2]][0] for a in zhou[5]] == [f"article/{graphs.A1}", f"article/{graphs.A2}"]
    assert nodes["org/中共太原市委员会"][3] == ["市委"]
    assert "区划代码：140106" in nodes["place/山西省/太原市/迎泽区"][4]


def test_relation_data_has_qualifiers_dates_and_evidence():
    data = explorer_payload(graphs.small_graph())
    ids = [n[0] for n in data["nodes"]]

    def relation(s, o, p):
        [e] = [e for e in data["edges"] if (ids[e[0]], ids[e[1]], data["preds"][e[2]][0]) == (s, o, p)]
        return e

    visit = relation("person/周计伟", "place/山西省/太原市/迎泽区/老军营街道", "visited")
    assert visit[4] == ["2023-01-07"]
    assert [(data["sentences"][s], data["articles"][a][0]) for s, a in visit[5]] == [(graphs.S_VISIT, "周计伟在老军营街道调研")]
    posts = relation("person/周计伟", "org/中共太原市委员会", "holdsPost")
    assert posts[3] == ["市委常委", "秘书长"] and posts[4] == ["--01-09", "2023-01-07"]
    assert len(posts[5]) == 2  # the same sentence states two titles: listed once
    part = relation("place/山西省/太原市/迎泽区", "place/山西省/太原市", "partOf")
    assert part[3] == ["来源：gazetteer"] and part[5] == []


def test_same_graph_same_bytes(tmp_path):
    write_html(graphs.small_graph(), tmp_path / "a.html")
    G = graphs.small_graph()
    R = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    write_html(R, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_graph_past_the_cap_keeps_its_most_connected_nodes_and_says_so():
    G = graphs.large_graph(n_people=400)
    html = render_html(G, max_nodes=100)
    data = payload(html)
    kept = {n[0] for n in data["nodes"]}
    assert len(kept) == 100
    threshold = min(G.degree(n) for n in kept)
    assert all(G.degree(n) <= threshold for n in set(G.nodes) - kept)
    ids = [n[0] for n in data["nodes"]]
    assert all(ids[e[0]] in kept and ids[e[1]] in kept for e in data["edges"])
    assert f"页面收录连接最多的 100 个节点（共 {G.number_of_nodes()} 个）" in html


def test_ego_subgraph_page(tmp_path):
    G = graphs.small_graph()
    ego = nx.ego_graph(G.to_undirected(as_view=True), "person/武晓花", radius=1)
    write_html(G.subgraph(ego.nodes), tmp_path / "ego.html", title="武晓花")
    data = payload((tmp_path / "ego.html").read_text(encoding="utf-8"))
    assert {n[0] for n in data["nodes"]} == set(ego.nodes) and "place/山西省" not in ego.nodes
    # evidence from an article that is not in the subgraph still names its headline
    assert all(a[0] for a in data["articles"])


@pytest.mark.parametrize("kwargs", [{"max_nodes": 0}, {"overview": 0}])
def test_bad_limits(kwargs):
    with pytest.raises(ExportError, match="at least 1"):
        render_html(graphs.small_graph(), **kwargs)
