"""Organisation names whose canonical form depends on a kind of rule, not a table row."""

from __future__ import annotations

import pytest

from kg.resolve import Context, Resolver, load_profile


@pytest.fixture(scope="module")
def taiyuan():
    return Resolver(load_profile("taiyuan_daily"))


@pytest.fixture(scope="module")
def national():
    return Resolver(load_profile("peoples_daily"))


@pytest.mark.parametrize("name, dateline, expected", [
    ("区委", "迎泽区", "中共太原市迎泽区委员会"),
    ("区政府", "晋源区", "太原市晋源区人民政府"),
    ("区委", "晋源区", "中共太原市晋源区委员会"),  # one district's body per district, never one shared node
    ("区委", None, None),  # a district the article does not name: no node
    ("县政府", None, None),
    ("区教育局", None, None),
])
def test_bare_district_bodies_take_the_article_district(taiyuan, name, dateline, expected):
    resolved = taiyuan.resolve(name, "ORG", Context("a/001", dateline, (), ()))
    assert (resolved.label if resolved else None) == expected


@pytest.mark.parametrize("name, expected", [
    ("市发改局", "太原市发展和改革局"),  # a written 局 stays a 局
    ("市发改委", "太原市发展和改革委员会"),
    ("省人社局", "山西省人力资源和社会保障厅"),  # 局 and 厅 are one kind: the level's word
])
def test_a_written_unit_kind_is_kept(taiyuan, name, expected):
    assert taiyuan.resolve(name, "ORG", Context("a/001", None, (), ())).label == expected


@pytest.mark.parametrize("name", ["中国商务部", "我国商务部", "商务部"])
def test_the_country_before_a_central_body_is_the_same_body(national, name):
    assert national.resolve(name, "ORG", Context("a/001", None, (), ())).label == "中华人民共和国商务部"


def test_a_bare_head_word_is_no_body_but_a_post_keeps_it(national):
    ctx = Context("a/001", None, (), ())
    assert national.resolve("办公室", "ORG", ctx) is None
    assert national.resolve_org("办公厅", ctx, of_post=True).label == "办公厅"
