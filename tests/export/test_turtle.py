"""Turtle export: strict parse, stable bytes, labels, posts, evidence, SHACL, scorability."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns  # GEO, SDO, XSD via rns: pytest's collection trips their _fail warnings
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from kg.errors import ExportError
from kg.export import to_rdf, write_turtle
from kg.export.namespaces import KG, ONTOLOGY_DIR, expand, iri
from kg.schema import SCHEMA

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
ZHOU, WU = iri("person/周计伟"), iri("person/武晓花")
SHIWEI = iri("org/中共太原市委员会")
LAOJUNYING = iri("place/山西省/太原市/迎泽区/老军营街道")


@pytest.fixture(scope="module")
def rdf() -> Graph:
    return to_rdf(graphs.small_graph())


def strict_store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def test_output_parses_in_pyoxigraph_with_the_same_triples(small_ttl, rdf):
    assert len(strict_store(small_ttl)) == len(rdf) > 200


def test_no_blank_nodes(rdf):
    assert not [t for t in rdf if any(isinstance(term, BNode) for term in t)]


def test_same_graph_gives_the_same_bytes_whatever_the_insertion_order(tmp_path):
    G = graphs.small_graph()
    shuffled = nx.MultiDiGraph(**G.graph)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))
    random.Random(3).shuffle(nodes)
    random.Random(4).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    for s, o, key, data in edges:
        shuffled.add_edge(s, o, key=key, **{k: (list(reversed(v)) if k == "aliases" else v) for k, v in data.items()})
    write_turtle(G, tmp_path / "a.ttl")
    write_turtle(shuffled, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()


def test_same_bytes_across_processes_with_different_hash_seeds(tmp_path):
    script = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('g', {str(Path(__file__).with_name('graphs.py'))!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "from kg.export import write_turtle\n"
        "write_turtle(m.small_graph(), sys.argv[1])\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{seed}.ttl")], check=True, env=env)
    assert (tmp_path / "1.ttl").read_bytes() == (tmp_path / "2.ttl").read_bytes()


def test_every_entity_has_exactly_one_zh_label_and_its_aliases(rdf):
    G = graphs.small_graph()
    for node, data in G.nodes(data=True):
        labels = list(rdf.objects(iri(node), RDFS.label))
        assert labels == [Literal(data["label"], lang="zh")], node
        alt = sorted(str(a) for a in rdf.objects(iri(node), SKOS.altLabel))
        assert alt == sorted(data.get("aliases", [])), node
        assert all(a.language == "zh" for a in rdf.objects(iri(node), SKOS.altLabel))


@pytest.mark.parametrize("node, classes", [
    ("person/周计伟", {KG.Person, KG.Official, rns.SDO.Person, URIRef("http://xmlns.com/foaf/0.1/Person")}),
    ("person/尹哲", {KG.Person, KG.Reporter}),
    ("org/中共太原市委员会", {KG.Organization, KG.PartyOrganization, ORG.Organization, rns.SDO.Organization}),
    ("org/太原市人民政府", {KG.Organization, KG.GovernmentBody}),
    ("place/山西省/太原市/迎泽区", {KG.Place, KG.County, rns.SDO.Place}),
    ("place/山西省", {KG.Place, KG.Province}),
    ("project/晋阳湖水系连通一期工程", {KG.Project, rns.SDO.Project}),
    (f"article/{graphs.A1}", {KG.Article, rns.SDO.NewsArticle}),
])
def test_types_and_subclasses(rdf, node, classes):
    assert set(rdf.objects(iri(node), RDF.type)) >= classes
    assert (iri(node), RDF.type, KG.Official) not in rdf or node.startswith("person/")


def test_person_with_role_other_gets_no_subclass(rdf):
    assert set(rdf.objects(iri(f"person/{graphs.XSS_NAME}"), RDF.type)) == {KG.Person, rns.SDO.Person, URIRef("http://xmlns.com/foaf/0.1/Person")}


@pytest.mark.parametrize("node_id, expected", [
    ("person/周计伟", "https://w3id.org/kg/id/person/周计伟"),
    ("place/山西省/太原市/迎泽区", "https://w3id.org/kg/id/place/山西省/太原市/迎泽区"),
    ("doc/关于“十四五”规划的通知", "https://w3id.org/kg/id/doc/关于“十四五”规划的通知"),
    ("person/<img src=x onerror=alert(1)>", "https://w3id.org/kg/id/person/%3Cimg%20src=x%20onerror=alert(1)%3E"),
    ("org/A&B {x}|y^z`\\", "https://w3id.org/kg/id/org/A&B%20%7Bx%7D%7Cy%5Ez%60%5C"),
    ("event/50%会议#1?", "https://w3id.org/kg/id/event/50%25会议%231%3F"),
    ("person/张\u3000三", "https://w3id.org/kg/id/person/张%E3%80%80三"),
    ("org/\"quoted\"\n", "https://w3id.org/kg/id/org/%22quoted%22%0A"),
])
def test_iris_keep_chinese_and_encode_what_iris_cannot_hold(node_id, expected):
    assert str(iri(node_id)) == expected


def test_hostile_ids_still_give_valid_turtle(tmp_path):
    G = nx.MultiDiGraph()
    for i, name in enumerate(['org/"quoted"\n', "org/A&B {x}|y^z`\\", "event/50%会议#1?"]):
        G.add_node(name, type="Organization", label=name.split("/", 1)[1] + "x", aliases=[])
    write_turtle(G, tmp_path / "g.ttl")
    assert len(strict_store(tmp_path / "g.ttl")) == 3 * 4


def test_post_is_an_org_membership_with_role_dates_and_evidence(rdf):
    memberships = [m for m in rdf.subjects(ORG.member, ZHOU)
                   if (m, ORG.organization, SHIWEI) in rdf and rdf.value(rdf.value(m, ORG.role), RDFS.label) == Literal("市委常委", lang="zh")]
    assert len(memberships) == 1, "one membership per (person, organisation, title)"
    m = memberships[0]
    assert (m, RDF.type, ORG.Membership) in rdf
    assert set(rdf.objects(m, KG.dateSeen)) == {Literal("2023-01-07", datatype=rns.XSD.date), Literal("--01-09", datatype=rns.XSD.gMonthDay)}
    assert rdf.value(m, RDFS.label) == Literal("周计伟 · 市委常委 · 中共太原市委员会", lang="zh")
    assert len(set(rdf.objects(m, KG.evidence))) == 2
    assert set(rdf.objects(m, PROV.wasDerivedFrom)) == {iri(f"article/{graphs.A1}"), iri(f"article/{graphs.A2}")}
    assert (ZHOU, KG.holdsPost, SHIWEI) in rdf and (ZHOU, ORG.memberOf, SHIWEI) in rdf


def test_one_role_per_distinct_title(rdf):
    roles = set(rdf.subjects(RDF.type, ORG.Role))
    titles = {str(rdf.value(r, RDFS.label)) for r in roles}
    assert titles == {"市委常委", "秘书长", "组织部部长"}
    assert len(roles) == 3
    assert len(set(rdf.subjects(RDF.type, ORG.Membership))) == 4


def test_every_relation_has_evidence_that_names_it(rdf):
    G = graphs.small_graph()
    for s, o, data in G.edges(data=True):
        prop = KG[data["predicate"]]
        assert (iri(s), prop, iri(o)) in rdf
        ev = [e for e in rdf.subjects(KG.subject, iri(s)) if (e, KG.predicate, prop) in rdf and (e, KG.object, iri(o)) in rdf]
        assert ev, f"no evidence node for {s} {data['predicate']} {o}"
        for item in data["evidence"]:
            match = [e for e in ev if rdf.value(e, PROV.value) == Literal(item["sentence"], lang="zh")]
            assert match, (s, o, item["sentence"])
            e = match[0]
            assert rdf.value(e, PROV.wasDerivedFrom) == iri(f"article/{item['article_id']}")
            assert rdf.value(e, KG.startOffset).toPython() == item["start"]
            assert rdf.value(e, KG.endOffset).toPython() == item["end"]
            assert str(rdf.value(e, KG.rule)) == item["rule"]
        if not data["evidence"]:
            assert str(rdf.value(ev[0], KG.source)) == data["source"]


def test_visit_evidence_has_date_and_confidence(rdf):
    [e] = [e for e in rdf.subjects(KG.predicate, KG.visited) if (e, KG.object, LAOJUNYING) in rdf]
    assert rdf.value(e, KG.date) == Literal("2023-01-07", datatype=rns.XSD.date)
    assert rdf.value(e, KG.confidence) == Literal("0.9", datatype=rns.XSD.decimal)


@pytest.mark.parametrize("predicate", sorted(SCHEMA.predicates))
def test_schema_rdf_properties_are_asserted_in_their_direction(rdf, predicate):
    pred = SCHEMA.predicate(predicate)
    pairs = [(iri(s), iri(o)) for s, o, p in graphs.small_graph().edges(data="predicate") if p == predicate]
    assert pairs, f"the fixture has no {predicate} edge"
    for s, o in pairs:
        assert (s, KG[predicate], o) in rdf
        for curie in pred.rdf:
            assert (s, expand(curie), o) in rdf
        for curie in pred.rdf_inverse:
            assert (o, expand(curie), s) in rdf


def test_place_hierarchy_uses_geosparql_and_schema(rdf):
    yingze = iri("place/山西省/太原市/迎泽区")
    assert (LAOJUNYING, KG.partOf, yingze) in rdf
    assert (LAOJUNYING, rns.GEO.sfWithin, yingze) in rdf
    assert (LAOJUNYING, rns.SDO.containedInPlace, yingze) in rdf
    assert rdf.value(yingze, KG.adcode) == Literal("140106")


def test_article_metadata(rdf):
    a1, a2 = iri(f"article/{graphs.A1}"), iri(f"article/{graphs.A2}")
    assert rdf.value(a1, DCTERMS.title) == Literal("周计伟在老军营街道调研", lang="zh")
    assert rdf.value(a1, DCTERMS.date) == Literal("2023-01-07", datatype=rns.XSD.date)
    assert rdf.value(a2, DCTERMS.date) == Literal("--01-09", datatype=rns.XSD.gMonthDay)
    assert str(rdf.value(a1, DCTERMS.source)) == "000_b783142fb1ce736d.txt"
    assert set(rdf.objects(a1, DCTERMS.creator)) == {iri("person/尹哲")}
    assert str(rdf.value(a1, KG.section)) == "政务之要"
    assert ZHOU in set(rdf.objects(a1, KG.mentions))


# ---------------------------------------------------------------- SHACL

@pytest.fixture(scope="module")
def shacl():
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl"), Graph().parse(ONTOLOGY_DIR / "kg.ttl")


def validate(data: Graph, shacl) -> tuple[bool, str]:
    shapes, onto = shacl
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=True)
    return conforms, text


def test_small_graph_conforms_to_shapes(rdf, shacl):
    conforms, text = validate(rdf, shacl)
    assert conforms, text


def test_generated_graph_conforms_to_shapes(shacl):
    conforms, text = validate(to_rdf(graphs.large_graph(n_people=60)), shacl)
    assert conforms, text


def _drop(g: Graph, s, p):
    g.remove((s, p, None))


def _evidence_of(g: Graph, predicate):
    return next(iter(sorted(g.subjects(KG.predicate, predicate))))


BREAKAGES = {
    "second label": lambda g: g.add((ZHOU, RDFS.label, Literal("周", lang="zh"))),
    "label without language": lambda g: (_drop(g, ZHOU, RDFS.label), g.add((ZHOU, RDFS.label, Literal("周计伟")))),
    "no label": lambda g: _drop(g, SHIWEI, RDFS.label),
    "membership without role": lambda g: [_drop(g, m, ORG.role) for m in list(g.subjects(RDF.type, ORG.Membership))[:1]],
    "visited a person": lambda g: g.add((ZHOU, KG.visited, WU)),
    "holds post at a place": lambda g: g.add((ZHOU, KG.holdsPost, LAOJUNYING)),
    "evidence without sentence": lambda g: _drop(g, _evidence_of(g, KG.visited), PROV.value),
    "evidence without source or article": lambda g: _drop(g, _evidence_of(g, KG.partOf), KG.source),
    "confidence above 1": lambda g: (_drop(g, e := _evidence_of(g, KG.visited), KG.confidence), g.add((e, KG.confidence, Literal("1.5", datatype=rns.XSD.decimal)))),
    "date as plain string": lambda g: g.add((iri(f"article/{graphs.A2}"), DCTERMS.date, Literal("1月9日"))),
    "offsets reversed": lambda g: (_drop(g, e := _evidence_of(g, KG.visited), KG.endOffset), g.add((e, KG.endOffset, Literal(0)))),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_shapes_reject_broken_exports(rdf, shacl, breakage):
    broken = Graph()
    for t in rdf:
        broken.add(t)
    BREAKAGES[breakage](broken)
    conforms, _ = validate(broken, shacl)
    assert not conforms, breakage


# ---------------------------------------------------------------- bad input, atomic output

@pytest.mark.parametrize("mutate, message", [
    (lambda G: G.add_node("thing/x", type="Thing", label="x"), "unknown type 'Thing'"),
    (lambda G: G.add_node("person/x", type="Person"), "missing label"),
    (lambda G: G.add_edge("person/周计伟", "person/武晓花", predicate="likes"), "unknown predicate 'likes'"),
    (lambda G: G.add_edge("person/周计伟", "person/武晓花", predicate="visited", date="1月9日", evidence=[]), "date '1月9日'"),
    (lambda G: G.add_edge("person/周计伟", "person/武晓花", predicate="visited", evidence=[{"sentence": "x"}]), "evidence without article_id"),
    (lambda G: G.add_edge("person/周计伟", "person/武晓花", predicate="visited",
                          evidence=[{"article_id": "a/1", "sentence": "x", "start": None, "end": 3, "rule": "r"}]), "offsets must be"),
])
def test_graphs_that_break_the_contract_raise_e402(G, mutate, message):
    mutate(G)
    with pytest.raises(ExportError) as err:
        to_rdf(G)
    assert err.value.code == "E402" and message in str(err.value)


def test_failed_export_leaves_the_previous_file_untouched(G, tmp_path):
    out = tmp_path / "graph.ttl"
    write_turtle(G, out)
    before = out.read_bytes()
    G.add_node("thing/x", type="Thing", label="x")
    with pytest.raises(ExportError):
        write_turtle(G, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_unwritable_destination_raises_e401(G, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError) as err:
        write_turtle(G, blocker / "graph.ttl")
    assert err.value.code == "E401" and str(blocker / "graph.ttl") in str(err.value)


def test_ego_subgraph_exports(G, tmp_path):
    ego = nx.ego_graph(G.to_undirected(as_view=True), "person/周计伟", radius=1)
    sub = G.subgraph(ego.nodes)
    write_turtle(sub, tmp_path / "ego.ttl")
    store = strict_store(tmp_path / "ego.ttl")
    assert len(store) > 50
    assert "person/周计伟" in sub and "place/山西省" not in sub


# ---------------------------------------------------------------- the maintainers' scorer

def _scorer():
    """The maintainers' scorer, read in place from ../shared/tools."""
    spec = importlib.util.spec_from_file_location("score_kg", SHARED / "tools" / "score_kg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLD = {
    "file": "000_b783142fb1ce736d.txt",
    "officials": [
        {"person": "周计伟", "title": "市委常委", "org_as_written": "市委", "org": "中共太原市委员会"},
        {"person": "周计伟", "title": "秘书长", "org_as_written": "市委", "org": "中共太原市委员会"},
        {"person": "武晓花", "title": "市委常委", "org_as_written": "市委", "org": "中共太原市委员会"},
        {"person": "武晓花", "title": "组织部部长", "org_as_written": "市委组织部", "org": "中共太原市委组织部"},
    ],
    "persons": [{"name": "周计伟"}, {"name": "武晓花"}, {"name": "尹哲"}],
    "organisations": [{"as_written": "市委", "canonical": "中共太原市委员会"}, {"as_written": "组织部", "canonical": "中共太原市委组织部"},
                      {"as_written": "市政府", "canonical": "太原市人民政府"}, {"as_written": "山西建投", "canonical": ""},
                      {"as_written": "市第十五中学校", "canonical": "太原市第十五中学校"}, {"as_written": "新华社", "canonical": "新华通讯社"}],
    "places": [{"name": n} for n in ("山西省", "太原", "迎泽区", "老军营街道", "晋源区", "晋源街道")],
    "projects": [{"name": n} for n in ("晋阳湖水系连通一期工程", "晋源古城保护项目", "迎泽公园改造工程")],
    "relations": [
        {"s": "周计伟", "p": "visited", "o": "老军营街道"},
        {"s": "周计伟", "p": "visited", "o": "市第十五中学校"},
        {"s": "周计伟", "p": "attended", "o": "市委经济工作会议"},
        {"s": "市委", "p": "organized", "o": "市委经济工作会议"},
        {"s": "山西建投", "p": "undertakes", "o": "晋阳湖水系连通一期工程"},
        {"s": "晋阳湖水系连通一期工程", "p": "locatedIn", "o": "晋源区"},
        {"s": "老军营街道", "p": "partOf", "o": "迎泽区"},
        {"s": "市政府", "p": "issued", "o": "太原市推动公立医院高质量发展实施方案"},
        {"s": "市政府", "p": "cooperatesWith", "o": "市委"},
    ],
}


def test_export_is_scorable_by_the_maintainers_scorer(small_ttl, tmp_path, capsys):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    out = _scorer().main(str(small_ttl), str(ONTOLOGY_DIR), str(gold))
    assert out["person"][:2] == (0.75, 1.0)  # the <img …> person is not in the gold
    assert out["org"][:2] == (1.0, 1.0)
    assert out["place"][:2] == (1.0, 1.0)
    assert out["project"][:2] == (1.0, 1.0)
    assert out["post"][:2] == (1.0, 1.0)
    assert out["post+org"][:2] == (1.0, 1.0)
    assert out["relation_recall"] == (1.0, 9, 9)


def test_hostile_literals_roundtrip_through_a_strict_parser(tmp_path):
    nasty = 'he said """x""" \\ and "y"\nnext line\t\u2028end'
    G = nx.MultiDiGraph()
    G.add_node("person/a", type="Person", label=nasty, aliases=[nasty + "2"])
    G.add_node("place/b", type="Place", label="b")
    G.add_edge("person/a", "place/b", predicate="visited", confidence=1.0,
               evidence=[{"article_id": "x/1", "sentence": nasty, "start": 0, "end": len(nasty), "rule": "r\"1"}])
    write_turtle(G, tmp_path / "g.ttl")
    store = strict_store(tmp_path / "g.ttl")
    values = {t.object.value for t in store if isinstance(t.object, ox.Literal)}
    assert {nasty, nasty + "2", 'r"1'} <= values
