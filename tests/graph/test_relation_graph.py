"""Relations in the graph (issue 9): junk sides dropped and counted, events named after their
body keep the written form, sub-units linked to the parent their name starts with. Pages are
written for these tests and built with the real pipeline."""

from __future__ import annotations

import pytest

from kg.eval.run import dropped_relations
from kg.graph import build_graph
from kg.show import describe, people_of


@pytest.fixture()
def build(tmp_path, nlp):
    def run(text: str, profile: str = "peoples_daily"):
        page = tmp_path / "p.txt"
        page.write_text(text + "\n", encoding="utf-8")
        return build_graph([page], nlp=nlp, profile=profile)

    return run


def _triples(G, predicate):
    return {(G.nodes[s]["label"], G.nodes[o]["label"]) for s, o, p in G.edges(data="predicate") if p == predicate}


def test_a_bare_meeting_word_is_no_node_and_its_claim_is_counted(build):
    """成立大会 with no meeting named before it: no 'attended 成立大会' edge, one dropped claim."""
    G = build("天津市委书记陈敏尔出席成立大会。")
    assert not _triples(G, "attended"), _triples(G, "attended")
    assert dropped_relations(G) == {("attended", "generic event"): 1}
    assert all(G.nodes[n]["label"] != "成立大会" or G.in_degree(n) <= 1 for n in G)  # at most its mention


def test_an_event_named_after_its_body_keeps_the_written_form(build):
    G = build("国务院召开第二次廉政工作会议。国务院总理李强主持会议。")
    [event] = [n for n, d in G.nodes(data=True) if d["type"] == "Event"]
    assert G.nodes[event]["label"] == "国务院第二次廉政工作会议"
    assert "第二次廉政工作会议" in G.nodes[event]["aliases"]
    assert "会议" not in G.nodes[event]["aliases"]
    assert ("李强", "国务院第二次廉政工作会议") in _triples(G, "organized")


def test_a_unit_named_after_its_parent_is_its_sub_organisation(build):
    text = "全国人大常委会召开会议。会议通过了全国人大常委会代表资格审查委员会关于个别代表的代表资格的报告。"
    G = build(text)
    subs = _triples(G, "subOrganizationOf")
    # the committee resolves to its full name (a 委员会 sub-unit of 全国人大常委会, subunits.tsv);
    # the name as written stays its alias
    assert ("全国人民代表大会常务委员会代表资格审查委员会", "全国人民代表大会常务委员会") in subs, subs
    assert "全国人大常委会代表资格审查委员会" in G.nodes["org/全国人民代表大会常务委员会代表资格审查委员会"]["aliases"]


def test_a_name_that_merely_starts_like_another_is_no_unit(build):
    """北京市 is a place, not an organisation: 北京市政府 gets no name-prefix parent from it."""
    G = build("北京市政府召开会议。北京市副市长司马红出席。")
    assert not [d for *_, d in G.edges(data=True) if d.get("source") == "name-prefix"], list(G.edges(data=True))


def test_kg_show_lists_the_people_of_an_organisation(build):
    G = build("国务院召开第二次廉政工作会议。国务院总理李强主持会议。")
    org = next(n for n, d in G.nodes(data=True) if d["type"] == "Organization" and d["label"] == "中华人民共和国国务院")
    assert ("李强", "总理") == people_of(G, org)[0][:2]
    text = describe(G, org)
    assert "people (posts held here):" in text and "李强  总理" in text


@pytest.mark.parametrize(
    "unit, parent, expected",
    [
        # 山大一院心内科党支部 = 山西医科大学第一医院心内科 + 党支部: 山大一院心内科 names the department
        (("山西医科大学第一医院心内科党支部", {"山大一院心内科党支部"}), ("山西医科大学第一医院心内科", {"心内科"}),
         {"心内科", "山大一院心内科"}),
        # a written parent that starts with a term is that term's body, not the body itself
        (("全国人民代表大会宪法和法律委员会", {"十三届全国人大宪法和法律委员会"}), ("全国人民代表大会", {"全国人大"}),
         {"全国人大"}),
        # a unit whose full name does not start with its parent's (a department of a city
        # government) says nothing of how the parent is written
        (("太原市卫生健康委员会", {"市卫健委"}), ("太原市人民政府", {"市政府"}), {"市政府"}),
    ],
)
def test_the_parent_written_inside_a_unit_name_is_its_alias(unit, parent, expected):
    from kg.graph.build import GraphBuilder
    from kg.model import Entity

    u = Entity("org/" + unit[0], "Organization", unit[0], set(unit[1]))
    p = Entity("org/" + parent[0], "Organization", parent[0], set(parent[1]))
    GraphBuilder._name_parent_as_written(u, p, {p.label: p.id, u.label: u.id})
    assert p.aliases == expected
