"""Properties every built graph must have, checked on the five seed pages."""

from __future__ import annotations

import json

import networkx as nx

from kg.resources import load_list, load_toml
from kg.schema import SCHEMA


def test_every_evidence_is_the_article_text_at_its_span(seed_graph, seed_articles):
    checked = 0
    for _, _, d in seed_graph.edges(data=True):
        for ev in d["evidence"]:
            article = seed_articles[ev["article_id"]]
            assert article.text[ev["start"] : ev["end"]] == ev["sentence"], ev
            checked += 1
    assert checked > 100


def test_edges_without_evidence_come_from_data(seed_graph):
    for u, v, d in seed_graph.edges(data=True):
        if not d["evidence"]:
            assert d.get("source"), (u, v, d)


def test_no_pronoun_title_or_generic_noun_nodes(seed_graph):
    refs = {w for r in load_toml("extract/references.toml")["refs"] for w in r.get("words", ())}
    titles = set(load_list("nlp/titles.txt")) | set(load_list("nlp/title_heads.txt"))
    generic = {"部门", "单位", "企业", "相关负责人", "负责人", "领导", "同志", "群众", "市民", "他", "她", "我市", "我省", "该区", "该县"}
    bad = refs | titles | generic
    for node, d in seed_graph.nodes(data=True):
        if d["type"] == "Article":
            continue
        assert d["label"] not in bad, (node, d["label"])
        assert len(d["label"]) >= 2, (node, d["label"])


def test_types_and_predicates_are_from_the_schema(seed_graph):
    for _, d in seed_graph.nodes(data=True):
        SCHEMA.type(d["type"])
    for u, v, d in seed_graph.edges(data=True):
        p = SCHEMA.predicate(d["predicate"])
        for end, allowed in ((u, p.domain), (v, p.range)):
            assert "*" in allowed or seed_graph.nodes[end]["type"] in allowed, (u, d["predicate"], v)


def _parent(G, node):
    for _, parent, d in G.out_edges(node, data=True):
        if d["predicate"] == "partOf" and G.nodes[parent]["type"] == "Place":
            return parent
    return None


def test_admin_places_climb_to_their_nearest_named_ancestor(seed_graph):
    """Every administrative place of the seeds climbs partOf edges through places whose gazetteer
    path holds it, up to a province when an article names one, and no node is an ancestor no
    article mentions (江苏省 above a 苏州市 of the text is not in the graph)."""
    admin = [n for n, d in seed_graph.nodes(data=True) if d["type"] == "Place" and d.get("admin_level") not in (None, "country", "province")]
    assert len(admin) > 20
    places = {n for n, d in seed_graph.nodes(data=True) if d["type"] == "Place"}
    for node in admin:
        assert seed_graph.nodes[node]["articles"], f"{node} is named by no article"
        seen, cur = {node}, node
        while (up := _parent(seed_graph, cur)) is not None:
            assert up not in seen and node.startswith(up + "/"), (node, up)
            seen.add(up)
            cur = up
        named_provinces = {p for p in places if node.startswith(p + "/") and seed_graph.nodes[p].get("admin_level") == "province"}
        assert named_provinces <= seen, f"{node} does not reach {named_provinces}"
    assert "place/江苏省" not in seed_graph and "place/江苏省/苏州市" in seed_graph


def test_yingze_chain_comes_from_the_gazetteer(seed_graph):
    chain, cur = [], "place/山西省/太原市/迎泽区"
    while cur is not None:
        chain.append(seed_graph.nodes[cur]["label"])
        cur = _parent(seed_graph, cur)
    assert chain[:3] == ["迎泽区", "太原市", "山西省"]
    assert seed_graph.nodes["place/山西省/太原市/迎泽区"]["adcode"] == "140106"


def test_same_name_across_articles_is_one_entity(seed_graph):
    """太钢 appears on several pages: one node, mentioned by several articles."""
    nodes = [n for n, d in seed_graph.nodes(data=True) if "太钢" in d.get("aliases", []) or d["label"] == "太钢"]
    assert len(nodes) == 1
    assert len(seed_graph.nodes[nodes[0]]["articles"]) >= 3


def test_merges_are_recorded_with_reasons(seed_graph):
    merges = seed_graph.graph["merges"]
    assert merges
    assert all(m["reason"] and m["alias"] and m["canonical"] for m in merges)
    assert any(m["alias"] == "市卫健委" and m["canonical"] == "太原市卫生健康委员会" for m in merges)


def test_coappearance_weights_count_articles(seed_graph):
    for u, v, d in seed_graph.edges(data=True):
        if d["predicate"] == "coAppearsWith":
            shared = set(seed_graph.nodes[u]["articles"]) & set(seed_graph.nodes[v]["articles"])
            assert 0 < d["weight"] <= len(shared)
            assert u < v


def test_build_is_deterministic(nlp, seed_graph):
    from kg.export.jsonfile import node_link
    from kg.graph import build_graph
    from tests.conftest import SEEDS

    again = build_graph([SEEDS], nlp=nlp)
    assert json.dumps(node_link(again), ensure_ascii=False, sort_keys=True) == json.dumps(
        node_link(seed_graph), ensure_ascii=False, sort_keys=True
    )
    assert isinstance(again, nx.MultiDiGraph)


def test_project_named_after_its_district_is_located_there(seed_graph):
    located = {(seed_graph.nodes[u]["label"], seed_graph.nodes[v]["label"]) for u, v, d in seed_graph.edges(data=True) if d["predicate"] == "locatedIn"}
    assert ("晋源区文体活动中心项目", "晋源区") in located
    for u, v, d in seed_graph.edges(data=True):
        if d["predicate"] == "locatedIn" and d["evidence"][0]["rule"] == "locatedIn/name":
            # the name as written starts with the place (万柏林区委 -> 万柏林区, canonical 中共太原市万柏林区委员会)
            names = [seed_graph.nodes[u]["label"], *seed_graph.nodes[u]["aliases"]]
            places = [seed_graph.nodes[v]["label"], *seed_graph.nodes[v]["aliases"]]
            assert any(n.startswith(p) for n in names for p in places), (names, places)


def test_quoted_names_keep_their_printed_form_as_alias(seed_graph):
    """“百千万工程” in the text: the node is 百千万工程, with the quoted form as an alias."""
    checked = 0
    for _, d in seed_graph.nodes(data=True):
        for alias in d.get("aliases", []):
            if alias.startswith("“") and alias.endswith("”"):
                assert alias[1:-1] in [d["label"], *d["aliases"]], (d["label"], alias)
                checked += 1
            elif alias.startswith("“"):  # a quoted slogan inside a name, printed with its space
                assert "".join(alias.split()) in [d["label"], *d["aliases"]], (d["label"], alias)
    assert checked


def test_a_dateline_agency_is_an_organisation_that_supplied_the_article(tmp_path, nlp):
    from kg.graph import build_graph

    page = tmp_path / "p.txt"
    page.write_text("央视网消息（新闻联播）：国务院常务会议1日召开。\n", encoding="utf-8")
    G = build_graph([page], nlp=nlp, profile="peoples_daily")
    [(org, article)] = [(s, o) for s, o, p in G.edges(data="predicate") if p == "supplied"]
    assert G.nodes[org]["type"] == "Organization" and G.nodes[org]["label"] == "央视网"
    assert G.nodes[article]["type"] == "Article" and G.nodes[article]["agency"] == "央视网"


def test_the_place_of_a_dateline_is_a_place_the_article_was_filed_from(tmp_path, nlp):
    from kg.graph import build_graph

    page = tmp_path / "p.txt"
    page.write_text("最高法公布5起重大制贩毒品案中新社北京六月二十五日电 明天是国际禁毒日。\n", encoding="utf-8")
    G = build_graph([page], nlp=nlp, profile="peoples_daily")
    [(article, place)] = [(s, o) for s, o, p in G.edges(data="predicate") if p == "datelinedAt"]
    assert G.nodes[place]["label"] == "北京市" and "北京" in G.nodes[place]["aliases"]
    assert G.nodes[article]["type"] == "Article"
