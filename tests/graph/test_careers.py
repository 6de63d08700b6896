"""Careers: membership intervals (the rule of kg/graph/careers.py) on hand-made graphs, then a
graph built from three appointment notices through the whole pipeline: its Turtle conforms to
ontology/shapes.ttl, parses in pyoxigraph and rdflib, is byte-identical across builds, and the
ready queries answer who held a post on a day, a career, changes in a range and posts that
changed hands; kg diff reports what the last notice added."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph

from kg.cli import main
from kg.diff import diff_graphs, diff_text
from kg.export import write_json, write_turtle
from kg.export.namespaces import ONTOLOGY_DIR
from kg.export.turtle import turtle_bytes
from kg.graph import GraphBuilder
from kg.graph.careers import career, changes_between, holders, memberships
from kg.model import Article
from kg.pipeline import analyse
from kg.query import run_query
from kg.resolve import Resolver, load_profile
from kg.show import describe

QUERIES = Path(__file__).resolve().parents[2] / "queries"
P, O = "person/甲", "org/乙部"


def graph_with(*edges: tuple[str, str, str, str]) -> nx.MultiDiGraph:
    """(predicate, title, kind or "", date) edges of person 甲 at organisation 乙部."""
    G = nx.MultiDiGraph()
    G.add_node(P, type="Person", label="甲", aliases=[])
    G.add_node(O, type="Organization", label="乙部", aliases=[])
    for i, (predicate, title, kind, date) in enumerate(edges):
        attrs = {"title": title, "date": date, "evidence": [], "confidence": 0.9}
        if kind:
            attrs["kind"] = kind
        G.add_edge(P, O, key=f"{predicate}|{i}", predicate=predicate, **attrs)
    return G


# (edges, expected (begin, begin_from, end, end_from))
INTERVALS = [
    pytest.param([("postChange", "部长", "appointed", "2022-12-30"), ("holdsPost", "部长", "", "2022-12-30"),
                  ("postChange", "部长", "removed", "2023-07-25")],
                 ("2022-12-30", "appointed", "2023-07-25", "removed"), id="appointed then removed"),
    pytest.param([("postChange", "部长", "removed", "2023-10-24")],
                 (None, "", "2023-10-24", "removed"), id="removed without a known start"),
    pytest.param([("holdsPost", "部长", "", "2023-05-01"), ("holdsPost", "部长", "", "2023-01-07"), ("holdsPost", "部长", "", "2023-03-02")],
                 ("2023-01-07", "seen", "2023-05-01", "seen"), id="the same post seen on many dates"),
    pytest.param([("holdsPost", "部长", "", "2022-06-01"), ("postChange", "部长", "removed", "2022-12-30")],
                 ("2022-06-01", "seen", "2022-12-30", "removed"), id="seen, then removed"),
    pytest.param([("postChange", "部长", "removed", "2022-12-30"), ("postChange", "部长", "appointed", "2023-07-25")],
                 ("2023-07-25", "appointed", "2023-07-25", "seen"), id="removed, then appointed again"),
    pytest.param([("postChange", "部长", "appointed", "1999"), ("postChange", "部长", "resigned", "2009-05-14")],
                 ("1999", "appointed", "2009-05-14", "resigned"), id="a year alone"),
    pytest.param([("holdsPost", "部长", "", "--01-09")], ("--01-09", "seen", "--01-09", "seen"), id="no year at all"),
    pytest.param([("postChange", "部长", "nominated", "2024-01-02")], (None, "", None, ""), id="nominated only"),
]


@pytest.mark.parametrize("edges, expected", INTERVALS)
def test_interval_rule(edges, expected):
    [m] = memberships(graph_with(*edges))
    assert (m.begin, m.begin_from, m.end, m.end_from) == expected


def test_held_on_a_day():
    G = graph_with(("postChange", "部长", "appointed", "2022-12-30"), ("postChange", "部长", "removed", "2023-07-25"))
    [m] = memberships(G)
    assert [m.held_on(d) for d in ("2022-12-29", "2022-12-30", "2023-03-01", "2023-07-25", "2023-07-26")] == [False, True, True, True, False]
    [m] = memberships(graph_with(("postChange", "部长", "removed", "2023-10-24")))
    assert m.held_on("2020-01-01") and not m.held_on("2023-11-01")
    [m] = memberships(graph_with(("postChange", "部长", "nominated", "2024-01-02")))
    assert not m.held and not m.held_on("2024-01-02")


def test_one_membership_per_person_title_and_organisation():
    G = graph_with(("holdsPost", "部长", "", "2023-01-07"), ("holdsPost", "副部长", "", "2022-01-07"), ("holdsPost", "部长", "", "2023-02-07"))
    assert [(m.title, m.begin, m.end) for m in career(G, P)] == [("副部长", "2022-01-07", "2022-01-07"), ("部长", "2023-01-07", "2023-02-07")]


# ---------------------------------------------------------------- built from notices

NOTICES = [
    ("2022-12-30", "会议经表决，决定免去王毅兼任的外交部部长职务，任命秦刚为外交部部长。"),
    ("2023-02-24", "会议经表决，决定免去唐一军的司法部部长职务，任命贺荣为司法部部长。"),
    ("2023-07-25", "一、免去秦刚兼任的外交部部长职务；\n任命王毅为外交部部长。"),
]


def build(nlp, notices) -> nx.MultiDiGraph:
    articles = [Article(f"notice/{i:03d}", "notice.txt", i, text, headline=f"任免{i}", date=date) for i, (date, text) in enumerate(notices, 1)]
    builder = GraphBuilder(Resolver(load_profile("peoples_daily")))
    for result in analyse(articles, nlp):
        builder.add(result)
    return builder.graph()


@pytest.fixture(scope="module")
def notices_graph(nlp):
    return build(nlp, NOTICES)


@pytest.fixture(scope="module")
def notices_ttl(notices_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("careers") / "graph.ttl"
    write_turtle(notices_graph, path)
    return path


def query(ttl: Path, name: str, *replace: tuple[str, str]) -> list[tuple[str, ...]]:
    text = (QUERIES / name).read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    table = list(csv.reader(io.StringIO(run_query([ttl], text, fmt="csv"))))
    return [tuple(r) for r in table[1:]]


def test_who_held_the_post_on_a_day(notices_ttl):
    ask = lambda day: query(notices_ttl, "post_holders_on_date.rq", ('("秘书长" "2023-01-08")', f'("部长" "{day}")'))
    assert sorted(r[0] for r in ask("2023-03-01")) == ["秦刚", "贺荣"]
    rows = {r[0]: r for r in ask("2023-03-01")}
    assert rows["秦刚"] == ("秦刚", "部长", "中华人民共和国外交部", "2022-12-30", "2023-07-25")
    assert sorted(r[0] for r in ask("2023-08-01")) == ["王毅", "贺荣"]
    # before the first notice: a post the notices end, with no known beginning (王毅's
    # 外交部部长, left in 2022 and taken again in 2023, keeps its latest term only)
    assert sorted(r[0] for r in ask("2022-06-01")) == ["唐一军"]


def test_career_query(notices_ttl):
    rows = query(notices_ttl, "career_of_person.rq", ('"周计伟"@zh', '"秦刚"@zh'))
    assert rows == [("2022-12-30", "2023-07-25", "部长", "中华人民共和国外交部", "appointed", "removed")]
    # a post only a removal names: no beginning, the removal as its end
    rows = query(notices_ttl, "career_of_person.rq", ('"周计伟"@zh', '"唐一军"@zh'))
    assert rows == [("", "2023-02-24", "部长", "中华人民共和国司法部", "", "removed")]


def test_a_post_only_a_removal_names_is_a_change_on_a_post_not_a_membership(notices_ttl):
    """The gold conventions: a removal states a change, not a post the page lists. The change
    keeps the person, the post (org:Post) and the date; who held it is still answered."""
    store = ox.Store()
    store.load(notices_ttl.read_bytes(), format=ox.RdfFormat.TURTLE)
    prefixes = "PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX kg: <https://w3id.org/kg/ontology#> "
    members = sorted(r["n"].value for r in store.query(prefixes + "SELECT ?n WHERE { ?m a org:Membership ; org:member/rdfs:label ?n }"))
    assert members == ["王毅", "秦刚", "贺荣"]  # 唐一军 is only removed
    rows = sorted((r["n"].value, r["k"].value, r["t"].value, r["o"].value, r["linked"].value) for r in store.query(prefixes + """
        SELECT ?n ?k ?t ?o (BOUND(?m) AS ?linked) WHERE { ?c a kg:PostChange ; kg:changeKind ?k ; kg:person/rdfs:label ?n ;
        kg:post ?p . ?p a org:Post ; org:role/rdfs:label ?t ; org:postIn/rdfs:label ?o . OPTIONAL { ?c kg:membership ?m } }"""))
    assert rows == [
        ("唐一军", "removed", "部长", "中华人民共和国司法部", "false"),
        ("王毅", "appointed", "部长", "中华人民共和国外交部", "true"),
        ("王毅", "removed", "部长", "中华人民共和国外交部", "true"),  # 王毅 takes the post again in 2023
        ("秦刚", "appointed", "部长", "中华人民共和国外交部", "true"),
        ("秦刚", "removed", "部长", "中华人民共和国外交部", "true"),
        ("贺荣", "appointed", "部长", "中华人民共和国司法部", "true"),
    ]
    # one org:Post per title and organisation, whoever held it
    assert len(list(store.query(prefixes + "SELECT DISTINCT ?p WHERE { ?p a org:Post }"))) == 2


def test_changes_in_range_and_posts_that_changed_hands(notices_ttl):
    rows = query(notices_ttl, "changes_in_range.rq", ('("2023-01-01" "2023-12-31")', '("2023-01-01" "2023-06-30")'))
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("2023-02-24", "唐一军", "removed", "部长", "中华人民共和国司法部"),
        ("2023-02-24", "贺荣", "appointed", "部长", "中华人民共和国司法部"),
    ]
    hands = query(notices_ttl, "posts_changed_hands.rq", ('("2023-01-01" "2023-12-31")', '("2022-01-01" "2023-12-31")'))
    assert hands == [
        ("部长", "中华人民共和国外交部", "王毅", "2022-12-30", "秦刚", "2022-12-30"),
        ("部长", "中华人民共和国司法部", "唐一军", "2023-02-24", "贺荣", "2023-02-24"),
        ("部长", "中华人民共和国外交部", "秦刚", "2023-07-25", "王毅", "2023-07-25"),
    ]


def test_turtle_conforms_to_the_shapes_and_parses_twice(notices_ttl):
    data = Graph().parse(notices_ttl, format="turtle")
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    onto = Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=True)
    assert conforms, text
    store = ox.Store()
    store.load(notices_ttl.read_bytes(), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(data)
    kinds = sorted(str(r["k"].value) for r in store.query(
        "SELECT ?k WHERE { ?c a <https://w3id.org/kg/ontology#PostChange> ; <https://w3id.org/kg/ontology#changeKind> ?k }"))
    assert kinds == ["appointed"] * 3 + ["removed"] * 3


@pytest.mark.parametrize("prop", ["changeKind", "membership", "person", "post"])
def test_shapes_reject_an_appointment_without_kind_person_post_or_membership(notices_ttl, prop):
    from rdflib import Literal
    from rdflib.namespace import RDF

    from kg.export.namespaces import KG

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    onto = Graph().parse(ONTOLOGY_DIR / "kg.ttl")
    data = Graph().parse(notices_ttl, format="turtle")
    change = next(c for c in sorted(data.subjects(RDF.type, KG.PostChange)) if (c, KG.changeKind, Literal("appointed")) in data)
    assert (change, KG[prop], None) in data
    data.remove((change, KG[prop], None))
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=True)
    assert not conforms, prop


def test_same_notices_same_bytes(nlp, notices_graph):
    again = build(nlp, NOTICES)
    assert turtle_bytes(again) == turtle_bytes(notices_graph)


def test_careers_in_python(notices_graph):
    assert [(m.person, m.title) for m in holders(notices_graph, "部长", "2023-03-01")] == [
        ("person/秦刚", "部长"), ("person/贺荣", "部长")]
    changes = changes_between(notices_graph, "2023-07-01", "2023-07-31")
    assert [(m.person, c.kind) for m, c in changes] == [("person/王毅", "appointed"), ("person/秦刚", "removed")]


def test_kg_show_prints_the_career(notices_graph):
    text = describe(notices_graph, "person/秦刚")
    assert "career" in text
    assert "2022-12-30 → 2023-07-25  部长 @ 中华人民共和国外交部  (任命 → 免去)" in text


def test_kg_diff_reports_what_the_last_notice_added(nlp, notices_graph, tmp_path, capsys):
    before = build(nlp, NOTICES[:2])
    d = diff_graphs(before, notices_graph)
    assert d["new_people"] == []
    assert [(p["person"], p["title"], p["org"]) for p in d["new_posts"]] == []  # 王毅 held it before (removed 2022-12-30)
    assert [(p["person"], p["end"], p["end_from"]) for p in d["ended_posts"]] == [("秦刚", "2023-07-25", "removed")]
    assert [(c["person"], c["kind"], c["date"]) for c in d["changes"]] == [("王毅", "appointed", "2023-07-25"), ("秦刚", "removed", "2023-07-25")]
    first = build(nlp, NOTICES[:1])
    d = diff_graphs(first, before)
    assert d["new_people"] == ["唐一军", "贺荣"]
    assert [(p["person"], p["begin"]) for p in d["new_posts"]] == [("贺荣", "2023-02-24")]
    assert "post changes (2)" in diff_text(d)
    # the command line, on two build folders
    for name, G in (("old", first), ("new", before)):
        (tmp_path / name).mkdir()
        write_json(G, tmp_path / name / "graph.json")
    assert main(["diff", str(tmp_path / "old"), str(tmp_path / "new")]) == 0
    out = capsys.readouterr().out
    assert "new people (2): 唐一军、贺荣" in out and "贺荣 appointed 部长 @ 中华人民共和国司法部" in out


def test_graph_json_carries_the_memberships(notices_graph, tmp_path):
    import json

    write_json(notices_graph, tmp_path / "graph.json")
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    rows = [m for m in data["graph"]["memberships"] if m["person"] == "person/秦刚"]
    assert [(m["title"], m["begin"], m["begin_from"], m["end"], m["end_from"]) for m in rows] == [("部长", "2022-12-30", "appointed", "2023-07-25", "removed")]
    assert [c["kind"] for c in rows[0]["changes"]] == ["appointed", "removed"]
    # a post only a removal names is in the careers too, marked as no stated post (no org:Membership)
    stated = {(m["person"], m["title"]): m["stated"] for m in data["graph"]["memberships"]}
    assert stated[("person/秦刚", "部长")] is True and stated[("person/唐一军", "部长")] is False


def test_explorer_payload_carries_the_timeline(notices_graph):
    from kg.export.html import explorer_payload, render_html

    data = explorer_payload(notices_graph)
    ids = [n[0] for n in data["nodes"]]
    assert data["careers"][str(ids.index("person/秦刚"))] == [["2022-12-30", "2023-07-25", "部长", "中华人民共和国外交部", "appointed", "removed"]]
    assert "履历" in render_html(notices_graph)
