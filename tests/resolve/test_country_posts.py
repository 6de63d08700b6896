"""A title written right after a country is held at that country's body (rules.toml
[country_posts]): the home country's body as the profile maps the title, a foreign country's
by the table, with the full name (jionlp's world_location.txt) as the canonical name and the
short one as an alias; through the pipeline, a former post keeps the country."""

from __future__ import annotations

import pytest

from kg.graph import GraphBuilder
from kg.model import Article
from kg.pipeline import analyse
from kg.resolve import Resolver


@pytest.fixture(scope="module")
def national(gazetteer) -> Resolver:
    return Resolver("peoples_daily", gazetteer)


@pytest.mark.parametrize(
    "org, title, label, alias",
    [
        ("格林纳达", "总理", "格林纳达政府", None),
        ("俄", "总理", "俄罗斯联邦政府", "俄罗斯政府"),  # an abbreviation read only before a title
        ("美国", "国务卿", "美利坚合众国国务院", "美国国务院"),
        ("印尼", "外长", "印度尼西亚共和国外交部", "印度尼西亚外交部"),
        ("俄罗斯联邦", "总统", "俄罗斯联邦", "俄罗斯"),
        ("中国", "国务委员", "中华人民共和国国务院", None),  # the home country: the profile's body
        ("中国", "总理", "中华人民共和国国务院", None),
        # a foreign government body written with the country's short name: its full name
        ("俄罗斯内务部", "内务部长", "俄罗斯联邦内务部", "俄罗斯内务部"),
        ("美国国务院", "发言人", "美利坚合众国国务院", "美国国务院"),
    ],
)
def test_the_body_of_a_title_after_a_country(national, org, title, label, alias):
    got = national.country_post_body(org, title)
    assert got is not None and (got.label, got.alias) == (label, alias)


@pytest.mark.parametrize("org, title", [("太原市", "市长"), ("格林纳达", "董事长"), ("中国", "董事长"), ("法", "院长"), (None, "总理"),
                                        ("美国布鲁金斯学会", "访问学者"), ("俄罗斯联邦内务部", "部长"), ("中国外交部", "发言人")])
def test_no_country_or_no_such_title_keeps_the_organisation_as_written(national, org, title):
    assert national.country_post_body(org, title) is None


def test_through_the_pipeline_a_former_post_keeps_the_country(nlp, national):
    text = "中国总理温家宝与格林纳达总理托马斯举行会谈。日本前首相福田康夫致辞。"
    article = Article("t/001", "t.txt", 1, text, headline="会谈", date="2009-09-17")
    builder = GraphBuilder(national)
    for result in analyse([article], nlp):
        builder.add(result)
    G = builder.graph()
    posts = {(G.nodes[s]["label"], d["title"], G.nodes[o]["label"]) for s, o, d in G.edges(data=True) if d["predicate"] == "holdsPost"}
    assert ("温家宝", "总理", "中华人民共和国国务院") in posts
    assert ("托马斯", "总理", "格林纳达政府") in posts
    assert not any(p[0] == "福田康夫" and p[2].endswith("政府") for p in posts)
