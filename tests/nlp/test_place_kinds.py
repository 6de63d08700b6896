"""Places of kinds the seed pages seldom show: a venue written after its city, a municipality
by its one character after a verb of place or movement."""

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
