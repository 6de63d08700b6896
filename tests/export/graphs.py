"""Hand-made graphs that follow docs/graph-model.md exactly, shared by the export and browser
tests (loaded by path from each folder's conftest.py).

The small graph is a slice of 太原日报 news: officials with posts at 市委, the place hierarchy
老军营街道 ⊂ 迎泽区 ⊂ 太原市 ⊂ 山西省 (from the gazetteer, no evidence), projects in 晋源区,
visits with evidence, articles with headline/date/authors, and two hostile strings: a person
named ``<img src=x onerror=alert(1)>`` and a headline that tries to close a <script>.
"""

from __future__ import annotations

import networkx as nx

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_HEADLINE = "</script><script>alert(2)</script>标题"

A1 = "000_b783142fb1ce736d/001"
A2 = "000_b783142fb1ce736d/002"
A3 = "001_98f03f01644da8bb/004"

S_VISIT = "市委常委、秘书长周计伟来到老军营街道调研基层治理工作。"
S_POSTS = "市委常委、组织部部长武晓花参加。"
S_MEET = "市委常委周计伟出席市委经济工作会议。"
S_XSS = "<b>粗体</b>来到迎泽区察看。"
S_SCHOOL = "周计伟来到迎泽区的市第十五中学校考点巡视。"
S_WU_VISIT = "武晓花赴晋源区督导项目建设。"
S_BUILD = "山西建投承建晋阳湖水系连通一期工程。"
S_ISSUE = "市政府印发《太原市推动公立医院高质量发展实施方案》。"
S_CHANGE = "免去周计伟的市委秘书长职务。"


def ev(article: str, sentence: str, start: int, rule: str) -> dict:
    return {"article_id": article, "sentence": sentence, "start": start, "end": start + len(sentence), "rule": rule}


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(profile="taiyuan_daily", kg_version="test", sources=["000_b783142fb1ce736d.txt"])
    person = dict(type="Person", aliases=[], mentions=2)
    G.add_node("person/周计伟", label="周计伟", roles=["official"], articles=[A1, A2], **person)
    G.add_node("person/武晓花", label="武晓花", roles=["official"], articles=[A1, A3], **person)
    G.add_node("person/尹哲", label="尹哲", roles=["reporter"], articles=[A1], **person)
    G.add_node(f"person/{XSS_NAME}", label=XSS_NAME, roles=["other"], articles=[A3], **person)
    org = dict(type="Organization", mentions=3, articles=[A1, A2])
    G.add_node("org/中共太原市委员会", label="中共太原市委员会", aliases=["市委"], kind="party", **org)
    G.add_node("org/中共太原市委组织部", label="中共太原市委组织部", aliases=["市委组织部", "组织部"], kind="party", **org)
    G.add_node("org/太原市人民政府", label="太原市人民政府", aliases=["市政府"], kind="government", **org)
    G.add_node("org/山西建设投资集团有限公司", label="山西建设投资集团有限公司", aliases=["山西建投"], kind="enterprise", **org)
    G.add_node("org/太原市第十五中学校", label="太原市第十五中学校", aliases=["市第十五中学校"], kind="school", **org)
    G.add_node("org/新华通讯社", label="新华通讯社", aliases=["新华社"], kind="other", type="Organization", mentions=1, articles=[A2])
    places = [
        ("place/山西省", "山西省", [], "province", "140000"),
        ("place/山西省/太原市", "太原市", ["太原"], "city", "140100"),
        ("place/山西省/太原市/迎泽区", "迎泽区", [], "county", "140106"),
        ("place/山西省/太原市/迎泽区/老军营街道", "老军营街道", [], "town", "140106002"),
        ("place/山西省/太原市/晋源区", "晋源区", [], "county", "140110"),
        ("place/山西省/太原市/晋源区/晋源街道", "晋源街道", [], "town", "140110001"),
    ]
    for node, label, aliases, level, code in places:
        G.add_node(node, type="Place", label=label, aliases=aliases, admin_level=level, adcode=code, mentions=1, articles=[A1])
    for (child, *_), (parent, *_) in [(places[1], places[0]), (places[2], places[1]), (places[3], places[2]), (places[4], places[1]), (places[5], places[4])]:
        G.add_edge(child, parent, key="partOf|0", predicate="partOf", evidence=[], confidence=1.0, source="gazetteer")
    project = dict(type="Project", aliases=[], mentions=1, articles=[A3])
    G.add_node("project/晋阳湖水系连通一期工程", label="晋阳湖水系连通一期工程", **project)
    G.add_node("project/晋源古城保护项目", label="晋源古城保护项目", **project)
    G.add_node("project/迎泽公园改造工程", label="迎泽公园改造工程", **project)
    G.add_node("event/市委经济工作会议", type="Event", label="市委经济工作会议", aliases=[], mentions=1, articles=[A2])
    G.add_node("doc/太原市推动公立医院高质量发展实施方案", type="Document", label="太原市推动公立医院高质量发展实施方案", aliases=[], mentions=1, articles=[A3])
    article = dict(type="Article", aliases=[], source="000_b783142fb1ce736d.txt", section="政务之要", kind="article")
    G.add_node(f"article/{A1}", label="周计伟在老军营街道调研", headline="周计伟在老军营街道调研", date="2023-01-07",
               dateline_place="迎泽区", authors=[["尹哲", "reporter"]], **article)
    G.add_node(f"article/{A2}", label="市委经济工作会议召开", headline="市委经济工作会议召开", date="--01-09", authors=[], **article)
    article["source"] = "001_98f03f01644da8bb.txt"
    G.add_node(f"article/{A3}", label=XSS_HEADLINE, headline=XSS_HEADLINE, date="2023-01-10", authors=[], **article)

    def rel(s, o, predicate, evidence, n=0, **attrs):
        G.add_edge(s, o, key=f"{predicate}|{n}", predicate=predicate, evidence=evidence, confidence=attrs.pop("confidence", 0.9), **attrs)

    rel("person/周计伟", "org/中共太原市委员会", "holdsPost", [ev(A1, S_VISIT, 0, "title_chain")], title="市委常委", date="2023-01-07")
    rel("person/周计伟", "org/中共太原市委员会", "holdsPost", [ev(A2, S_MEET, 12, "title_before_name")], n=1, title="市委常委", date="--01-09")
    rel("person/周计伟", "org/中共太原市委员会", "holdsPost", [ev(A1, S_VISIT, 0, "title_chain")], n=2, title="秘书长", date="2023-01-07")
    rel("person/武晓花", "org/中共太原市委员会", "holdsPost", [ev(A1, S_POSTS, 40, "title_chain")], title="市委常委", date="2023-01-07")
    rel("person/周计伟", "org/中共太原市委员会", "postChange", [ev(A3, S_CHANGE, 30, "change/removed")], title="秘书长", kind="removed", date="2023-01-10")
    rel("person/武晓花", "org/中共太原市委组织部", "holdsPost", [ev(A1, S_POSTS, 40, "title_chain")], title="组织部部长", date="2023-01-07")
    rel("org/中共太原市委组织部", "org/中共太原市委员会", "subOrganizationOf", [], source="alias-table", confidence=1.0)
    rel("person/周计伟", "place/山西省/太原市/迎泽区/老军营街道", "visited", [ev(A1, S_VISIT, 0, "visit_trigger")], date="2023-01-07")
    rel("person/周计伟", "org/太原市第十五中学校", "visited", [ev(A2, S_SCHOOL, 50, "visit_trigger")], date="--01-09")
    rel("org/太原市第十五中学校", "place/山西省/太原市/迎泽区", "locatedIn", [ev(A2, S_SCHOOL, 50, "place_of_org")])
    rel(f"person/{XSS_NAME}", "place/山西省/太原市/迎泽区", "visited", [ev(A3, S_XSS, 5, "visit_trigger")], date="2023-01-10")
    rel("person/武晓花", "place/山西省/太原市/晋源区", "visited", [ev(A3, S_WU_VISIT, 30, "visit_trigger")], date="2023-01-10")
    rel("person/周计伟", "event/市委经济工作会议", "attended", [ev(A2, S_MEET, 12, "attend_trigger")], date="--01-09")
    rel("org/中共太原市委员会", "event/市委经济工作会议", "organized", [ev(A2, S_MEET, 12, "organize_trigger")])
    rel("org/山西建设投资集团有限公司", "project/晋阳湖水系连通一期工程", "undertakes", [ev(A3, S_BUILD, 60, "build_trigger")])
    rel("project/晋阳湖水系连通一期工程", "place/山西省/太原市/晋源区", "locatedIn", [ev(A3, S_BUILD, 60, "place_of_project")])
    rel("project/晋源古城保护项目", "place/山西省/太原市/晋源区/晋源街道", "locatedIn", [ev(A3, S_WU_VISIT, 30, "place_of_project")])
    rel("project/迎泽公园改造工程", "place/山西省/太原市/迎泽区", "locatedIn", [ev(A3, S_XSS, 5, "place_of_project")])
    rel("org/太原市人民政府", "doc/太原市推动公立医院高质量发展实施方案", "issued", [ev(A3, S_ISSUE, 90, "issue_trigger")])
    rel("org/中共太原市委员会", "org/太原市人民政府", "cooperatesWith", [ev(A2, S_MEET, 12, "cooperate_trigger")], confidence=0.6)
    rel(f"person/{XSS_NAME}", "org/太原市人民政府", "memberOf", [ev(A3, S_XSS, 5, "member_trigger")], date="2023-01-10")
    rel("person/尹哲", f"article/{A1}", "authored", [ev(A1, "（尹哲）", 200, "byline")], confidence=1.0)
    rel("org/新华通讯社", f"article/{A2}", "supplied", [], source="dateline", confidence=1.0)
    rel(f"article/{A1}", "place/山西省/太原市/迎泽区", "datelinedAt", [], source="dateline", confidence=1.0)
    rel("person/周计伟", "person/武晓花", "coAppearsWith", [ev(A1, S_VISIT, 0, "same_article")], weight=1, confidence=1.0)
    for entity in ("person/周计伟", "person/武晓花", "place/山西省/太原市/迎泽区/老军营街道", "org/中共太原市委员会"):
        rel(f"article/{A1}", entity, "mentions", [], source="ner", confidence=1.0)
    return G


def large_graph(n_people: int = 400, seed: int = 7) -> nx.MultiDiGraph:
    """A generated graph with the same shapes, for the size cap and for bulk tests."""
    from kg.export.synthetic import synthetic_graph

    return synthetic_graph(n_people=n_people, seed=seed)
