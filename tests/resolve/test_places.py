"""Places: gazetteer levels, codes and partOf chains; context; ambiguity; foreign places."""

from __future__ import annotations

import pytest

from kg.resolve import Context, Resolver

NO_CONTEXT = Context("t/001")

# (as written, context, id, admin level or None, adcode or None)
CASES = [
    ("山西省", NO_CONTEXT, "place/山西省", "province", "140000"),
    ("山西", NO_CONTEXT, "place/山西省", "province", "140000"),
    ("内蒙古", NO_CONTEXT, "place/内蒙古自治区", "province", "150000"),
    ("太原", NO_CONTEXT, "place/山西省/太原市", "city", "140100"),
    ("太原市", NO_CONTEXT, "place/山西省/太原市", "city", "140100"),
    ("大同", NO_CONTEXT, "place/山西省/大同市", "city", "140200"),
    ("清徐", NO_CONTEXT, "place/山西省/太原市/清徐县", "county", "140121"),
    ("迎泽区", NO_CONTEXT, "place/山西省/太原市/迎泽区", "county", "140106"),
    ("二连浩特", NO_CONTEXT, "place/内蒙古自治区/锡林郭勒盟/二连浩特市", "county", "152501"),
    ("五寨", NO_CONTEXT, "place/山西省/忻州市/五寨县", "county", "140928"),
    # a municipality is its own city level
    ("北京", NO_CONTEXT, "place/北京市", "province", "110000"),
    # towns: full names, and short names placed by the home city or the article
    ("坞城街道", NO_CONTEXT, "place/山西省/太原市/小店区/坞城街道", "town", None),
    ("老军营", NO_CONTEXT, "place/山西省/太原市/迎泽区/老军营街道", "town", None),
    ("徐沟", Context("t", None, ("清徐县",)), "place/山西省/太原市/清徐县/徐沟镇", "town", None),
    ("集义", Context("t", None, ("清徐县",)), "place/山西省/太原市/清徐县/集义乡", "town", None),
    # villages: many share a name; the article's county picks one
    ("窑头村", Context("t", None, ("太原市", "杏花岭区", "山西省")), "place/山西省/太原市/杏花岭区/小返乡/窑头村", "village", None),
    ("赵家山村", Context("t", None, ("尖草坪区",)), "place/山西省/太原市/尖草坪区/西墕乡/赵家山村", "village", None),
    ("窑头村", Context("t", "晋源区"), "place/山西省/太原市/晋源区/晋祠镇/窑头村", "village", None),
    # the gazetteer lacks it: the article gives its parent (OCR 西塋乡 for 西墕乡)
    ("西塋乡", Context("t", None, ("尖草坪区",)), "place/山西省/太原市/尖草坪区/西塋乡", "town", None),
    ("山大社区", Context("t", None, ("小店区", "坞城街道")), "place/山西省/太原市/小店区/坞城街道/山大社区", "village", None),
    ("新建路社区", Context("t", "迎泽区"), "place/山西省/太原市/迎泽区/新建路社区", "village", None),
    # a regional place alias
    ("综改区", NO_CONTEXT, "place/山西省/太原市/山西转型综合改革示范区", "county", "140171"),
]


@pytest.mark.parametrize("written, context, id_, level, adcode", CASES)
def test_place(resolver: Resolver, written: str, context: Context, id_: str, level: str, adcode: str | None) -> None:
    got = resolver.resolve(written, "GPE", context)
    assert got is not None and got.type == "Place"
    assert got.id == id_, got
    assert got.attrs.get("admin_level") == level
    assert got.attrs.get("adcode") == adcode
    assert got.label == id_.rsplit("/", 1)[1]


@pytest.mark.parametrize(
    "written, id_, country",
    [
        ("俄罗斯", "place/俄罗斯", "俄罗斯"),
        ("蒙古", "place/蒙古", "蒙古"),
        ("蒙古国", "place/蒙古", "蒙古"),
        ("莫斯科", "place/莫斯科", "俄罗斯"),
        ("明斯克", "place/明斯克", "白俄罗斯"),
        ("阿拉木图", "place/阿拉木图", "哈萨克斯坦"),
        ("马拉舍维奇", "place/马拉舍维奇", "波兰"),
        ("中国", "place/中国", "中国"),
    ],
)
def test_foreign_places_have_no_admin_path(resolver: Resolver, written: str, id_: str, country: str) -> None:
    got = resolver.resolve(written, "GPE", NO_CONTEXT)
    assert got.id == id_ and got.attrs.get("country") == country
    assert "admin_level" not in got.attrs and "path" not in got.attrs
    edges = resolver.place_hierarchy(got)
    assert edges == ([] if written in (country, "蒙古国") else [(id_, f"place/{country}", "world")])


@pytest.mark.parametrize("written", ["汾河", "黄河", "王家山森林运动公园", "山西中鼎物流园", "潇河产业园", "亚欧大陆", "万象城"])
def test_named_geography_has_no_level(resolver: Resolver, written: str) -> None:
    got = resolver.resolve(written, "LOC", NO_CONTEXT)
    assert got.id == f"place/{written}" and got.reason == "geography"
    assert got.attrs == {} and resolver.place_hierarchy(got) == []


def test_hierarchy_from_the_gazetteer(resolver: Resolver) -> None:
    got = resolver.resolve("老军营街道", "GPE", NO_CONTEXT)
    assert resolver.place_hierarchy(got) == [
        ("place/山西省/太原市/迎泽区/老军营街道", "place/山西省/太原市/迎泽区", "gazetteer"),
        ("place/山西省/太原市/迎泽区", "place/山西省/太原市", "gazetteer"),
        ("place/山西省/太原市", "place/山西省", "gazetteer"),
    ]
    levels = [(a.label, a.attrs.get("admin_level"), a.attrs.get("adcode")) for a in resolver.ancestors(got)]
    assert levels == [("迎泽区", "county", "140106"), ("太原市", "city", "140100"), ("山西省", "province", "140000")]


def test_provinces_link_to_the_country_when_asked(resolver: Resolver, monkeypatch) -> None:
    """rules.toml provinces_in_country: off by default (chains stop at the province)."""
    province = resolver.resolve("山西省", "GPE", Context("t"))
    assert resolver.place_hierarchy(province) == []
    monkeypatch.setitem(resolver.tables.rules["places"], "provinces_in_country", True)
    assert resolver.place_hierarchy(province) == [("place/山西省", "place/中国", "gazetteer")]


def test_hierarchy_from_context_is_marked_context(resolver: Resolver) -> None:
    town = resolver.resolve("西塋乡", "GPE", Context("t", None, ("尖草坪区",)))
    village = resolver.resolve("西塋村", "GPE", Context("t", None, ("尖草坪区", "西塋乡")))
    assert resolver.place_hierarchy(town)[0] == ("place/山西省/太原市/尖草坪区/西塋乡", "place/山西省/太原市/尖草坪区", "context")
    assert resolver.place_hierarchy(town)[1][2] == "gazetteer"
    assert village.id == "place/山西省/太原市/尖草坪区/西塋乡/西塋村"
    reasons = [r for _, _, r in resolver.place_hierarchy(village)]
    assert reasons == ["context", "context", "gazetteer", "gazetteer"]


def test_ambiguous_township_without_context_is_reported(fresh: Resolver) -> None:
    got = fresh.resolve("城关镇", "GPE", Context("p/007"))
    assert got.id == "place/城关镇" and fresh.place_hierarchy(got) == []
    [row] = fresh.unresolved
    assert row["name"] == "城关镇" and row["problem"] == "ambiguous" and row["articles"] == ["p/007"]
    assert len(row["candidates"]) > 1 and all(c.endswith("/城关镇") for c in row["candidates"])


def test_ambiguous_township_resolved_by_the_dateline(fresh: Resolver) -> None:
    # 兴和县 (乌兰察布市) has a 城关镇; an article datelined there means that one.
    got = fresh.resolve("城关镇", "GPE", Context("p/008", "兴和县"))
    assert got.id == "place/内蒙古自治区/乌兰察布市/兴和县/城关镇" and got.reason == "dateline"
    assert fresh.unresolved == []


def test_ambiguous_county_names_are_reported(fresh: Resolver) -> None:
    got = fresh.resolve("朝阳区", "GPE", Context("p/009"))
    assert got.id == "place/朝阳区"
    assert fresh.unresolved[0]["problem"] == "ambiguous"
    assert sorted(fresh.unresolved[0]["candidates"]) == ["北京市/朝阳区", "吉林省/长春市/朝阳区"]
    # the article settles it
    assert fresh.resolve("朝阳区", "GPE", Context("p/010", None, ("长春",))).id == "place/吉林省/长春市/朝阳区"


def test_town_without_gazetteer_entry_or_context_is_reported(fresh: Resolver) -> None:
    got = fresh.resolve("老槐树街道", "GPE", Context("p/011"))
    assert got.attrs == {"admin_level": "town"} and fresh.place_hierarchy(got) == []
    assert [(r["name"], r["problem"], r["articles"]) for r in fresh.unresolved] == [("老槐树街道", "no-context", ["p/011"])]


def test_a_village_elsewhere_in_china_is_not_taken_for_a_local_one(resolver: Resolver) -> None:
    # the gazetteer's only 山大社区 is in 济南; a 太原 article about 小店区 means its own
    got = resolver.resolve("山大社区", "GPE", Context("t", None, ("小店区",)))
    assert got.id == "place/山西省/太原市/小店区/山大社区" and got.reason == "context"


def test_same_place_same_id_across_articles(resolver: Resolver) -> None:
    ids = {resolver.resolve(n, "GPE", Context(a)).id for n, a in [("太原", "a/1"), ("太原市", "a/2"), ("太原", "a/3")]}
    assert ids == {"place/山西省/太原市"}


@pytest.mark.parametrize(
    "written, label, id_",
    [
        # a short name shared by a city and a county means the city, unless the article says
        ("西安", "GPE", "place/陕西省/西安市"),
        ("长沙", "GPE", "place/湖南省/长沙市"),
        # geography labels keep lakes and seas from becoming counties
        ("太湖", "LOC", "place/太湖"),
        ("太湖", "GPE", "place/安徽省/安庆市/太湖县"),
        ("东海", "LOC", "place/东海"),
        # a unit written after the unit it lies in
        ("山西省太原市迎泽区", "GPE", "place/山西省/太原市/迎泽区"),
        ("内蒙古满洲里市", "GPE", "place/内蒙古自治区/呼伦贝尔市/满洲里市"),
    ],
)
def test_place_reading_rules(resolver: Resolver, written: str, label: str, id_: str) -> None:
    assert resolver.resolve(written, label, NO_CONTEXT).id == id_


def test_short_name_follows_the_article_first(resolver: Resolver) -> None:
    assert resolver.resolve("西安", "GPE", Context("t", None, ("辽源市",))).id == "place/吉林省/辽源市/西安区"


@pytest.mark.parametrize("written", ["南部", "中西部", "新农村", "城区", "开发区"])
def test_direction_and_area_words_are_not_places(resolver: Resolver, written: str) -> None:
    assert resolver.resolve(written, "GPE", NO_CONTEXT) is None
