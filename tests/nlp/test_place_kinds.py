"""Places of kinds the seed pages seldom show: a venue written after its city, a municipality
by its one character after a verb of place or movement, numbered roads, a list of towns, no
place inside an idiom."""

from __future__ import annotations

import pytest

PLACE_LABELS = {"GPE", "LOC", "FAC"}

CASES = [
    # a venue after its city is two places (北京 the city, 人民大会堂 the venue)
    ("会议28日下午在北京人民大会堂闭幕。", {"北京", "人民大会堂"}, {"北京人民大会堂"}),
    ("大会在上海国际会议中心举行。", {"上海", "国际会议中心"}, {"上海国际会议中心"}),
    ("北京饭店今天开业。", set(), {"北京"}),  # a venue needs a name of its own before its ending
    # one character for a municipality or special region, after a verb of place or movement
    ("十四届全国人大常委会第七次会议在京闭幕。", {"京"}, set()),
    ("代表团于8日抵京访问。", {"京"}, set()),
    ("他专程赴港出席仪式。", {"港"}, set()),
    ("我们在港口工作。", set(), {"港"}),
    ("他在京剧团工作。", set(), {"京"}),
    ("推动在京津冀协同发展。", set(), {"京"}),
    ("沿104省道、208国道和G5京昆高速布局。", {"104省道", "208国道", "G5京昆高速"}, set()),
    ("徐沟、集义、王答等乡镇道路封闭。", {"徐沟", "集义", "王答"}, set()),
    # a town written right after its county or city: both are places, the town needs no
    # gazetteer entry of its own
    ("强降雨导致广东顺德多处积水。", {"广东", "顺德"}, {"广东顺德"}),
    ("旅行团抵达日本大阪后入住酒店。", {"日本", "大阪"}, {"日本大阪"}),
    # ... also when LAC writes the two as words of their own: the city vouches for the town
    ("他住在北京望京。", {"北京", "望京"}, set()),
    ("项目落地杭州良渚。", {"杭州", "良渚"}, set()),
    # a place that starts a law or decree name written without 《》 is part of that name
    ("会议通过了关于澳门特别行政区维护国家安全法第二条的解释。", set(), {"澳门特别行政区"}),
    ("中华人民共和国主席令第十号", set(), {"中华人民共和国", "中国"}),
    ("澳门特别行政区依法施政。", {"澳门特别行政区"}, set()),
    ("他是美国专精税法的执业律师。", {"美国"}, set()),
    # inside an idiom a place name is no place
    ("工作不能四平八稳。", set(), {"四平"}),
    # a place before an ordinal and a post or a congress names the body, not a place
    ("国务院任命王某为香港特别行政区第七任行政长官。", set(), {"香港特别行政区"}),
    ("取消其山西省第十二次党代会代表资格。", set(), {"山西省"}),
    ("大会在山西省太原市举行，太原市市长出席。", {"山西省", "太原市"}, set()),
    # a three-character place word of LAC is a known place or ends like one
    ("三国外长就推进中日韩合作交换意见。", set(), {"中日韩"}),
    ("防止搞去中国化。", set(), {"中国化"}),
    ("游客来到位于城中区的宏觉寺参观。", {"城中区", "宏觉寺"}, set()),
    ("市民在万象城购物。", {"万象城"}, set()),
    ("东北亚局势总体稳定。", {"东北亚"}, set()),
    # roads of a route span that LAC writes as one word, each a place; the stretch is none
    ("封闭路段为建设北路钟楼街至五一街段的西侧车道。", {"建设北路", "钟楼街", "五一街"}, {"五一街段"}),
    # a river whose head LAC cut off the place name before it
    ("今年完成清水河河道治理。", {"清水河"}, {"清水"}),
    ("破解“化工围江”，推进治理。", set(), {"围江"}),
    # a port or pier whose generic head LAC cut off the town before it; after a country it is a kind
    ("货车从满洲里口岸出境。", {"满洲里口岸"}, {"满洲里"}),
    ("船只停靠在蛇口码头。", {"蛇口码头"}, {"蛇口"}),
    ("旅客经美国口岸入境。", {"美国"}, {"美国口岸"}),
    # a kind of city by size or a restricted area is no place
    ("小城镇要与大城市协调发展。", set(), {"大城市"}),
    ("气象站建在号称“人类禁区”的冰川上。", set(), {"人类禁区"}),
    # a pass and a numbered or named road line of LAC are places
    ("民警管控了太行线紫金关路段。", {"紫金关"}, set()),
    # a park named after its road is one
    ("市民在滨河东路体育公园健身。", {"滨河东路体育公园"}, {"滨河东路"}),  # LAC's one-character place is no river's name
    # a generic kind of road or district, a slogan that ends like a road: no place
    ("加强旅游公路沿线环境整治，推动老城区更新。", set(), {"旅游公路", "老城区"}),
    ("要在转型中蹚新路。", set(), {"蹚新路"}),
]


@pytest.mark.parametrize("text, present, absent", CASES, ids=[c[0][:10] for c in CASES])
def test_place_kinds(nlp, text, present, absent):
    doc = nlp(text)
    found = {e.text for e in doc.ents if e.label_ in PLACE_LABELS}
    assert present <= found, f"missing {present - found}; got {found}"
    assert not absent & {e.text for e in doc.ents}, f"must not be an entity: {absent}"  # of any label


def test_one_character_municipalities_resolve_to_the_full_name():
    from kg.resolve import Context, Resolver, load_profile

    resolver = Resolver(load_profile("peoples_daily"))
    ctx = Context("a/001", None, (), ())
    assert resolver.resolve("京", "GPE", ctx).label == "北京市"
    assert resolver.resolve("港", "GPE", ctx).label == "香港特别行政区"



@pytest.mark.parametrize("name, label, expected", [
    ("上海", "LOC", "上海市"),  # outside the home province, through the gazetteer
    ("青海", "LOC", "青海省"),
    ("太湖", "LOC", "太湖"),  # a lake, not 太湖县
    ("清水河", "LOC", "清水河"),  # a river, not 清水河县
])
def test_places_resolve_through_the_gazetteer_unless_geography(name, label, expected):
    from kg.resolve import Context, Resolver, load_profile

    resolved = Resolver(load_profile("taiyuan_daily")).resolve(name, label, Context("a/001", None, (), ()))
    assert resolved.label == expected


def test_a_place_that_starts_a_body_inside_an_event_name_is_no_place(nlp):
    doc = nlp("根据中华人民共和国第十四届全国人民代表大会常务委员会第四次会议的决定。")
    nested = {(s.text, s.label_) for s in doc.spans["nested"]}
    assert ("中华人民共和国第十四届全国人民代表大会常务委员会", "ORG") in nested
    assert not any(label in PLACE_LABELS for _, label in nested)


def test_a_place_inside_a_project_name_stays_a_place(nlp):
    doc = nlp("实施北涧河生态复流工程。")
    assert ("北涧河", "LOC") in {(s.text, s.label_) for s in doc.spans["nested"]}


def test_a_venue_written_after_its_road_holds_the_road(nlp):
    """LAC writes 长风街湿地公园 as one place word: the road is a place of its own, nested in
    the project that builds the venue."""
    doc = nlp("保障长风街湿地公园建设。")
    assert {e.text for e in doc.ents if e.label_ == "PROJECT"} == {"长风街湿地公园"}
    assert "长风街" in {s.text for s in doc.spans["nested"]}
