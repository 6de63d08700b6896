"""The resolver's contract: which names become nodes, ids, merges, the run log."""

from __future__ import annotations

import pytest

from kg.resolve import Context, Resolver

C = Context("t/001")


@pytest.mark.parametrize(
    "name, label",
    [
        ("他", "PERSON"),
        ("她们", "PERSON"),
        ("该区", "GPE"),
        ("我市", "GPE"),
        ("全省", "GPE"),
        ("部门", "ORG"),
        ("单位", "ORG"),
        ("企业", "ORG"),
        ("相关负责人", "PERSON"),
        ("相关负责人", "ORG"),
        ("工作人员", "PERSON"),
        ("副市长", "PERSON"),
        ("市委书记", "PERSON"),
        ("护士长", "PERSON"),
        ("书记", "ORG"),
        ("一行", "PERSON"),
        ("示范区", "GPE"),
        ("", "PERSON"),
        ("   ", "ORG"),
        ("5月24日", "DATE"),
        ("组织部部长", "TITLE"),
    ],
)
def test_names_that_must_not_become_nodes(resolver: Resolver, name: str, label: str) -> None:
    assert resolver.resolve(name, label, C) is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("武晓花", "person/武晓花"),
        ("周计伟", "person/周计伟"),
        ("司马相如", "person/司马相如"),
        ("买买提·艾力", "person/买买提·艾力"),
        (" 王 勇 ", "person/王勇"),
        # partial names, honorifics and LAC's typical junk are not persons
        ("吴爷爷", None),
        ("闫女士", None),
        ("老王", None),
        ("小李", None),
        ("张某", None),
        ("王", None),
        ("王二三四五六七", None),
        ("贝卢斯科尼", "person/贝卢斯科尼"),
        ("Tom", None),
        ("王1", None),
        ("\u3000", None),
    ],
)
def test_persons(resolver: Resolver, name: str, expected: str | None) -> None:
    got = resolver.resolve(name, "PERSON", C)
    assert (got.id if got else None) == expected


@pytest.mark.parametrize(
    "name, label, id_, text",
    [
        ("《太原市推动公立医院高质量发展实施方案》", "LAW", "doc/太原市推动公立医院高质量发展实施方案", "太原市推动公立医院高质量发展实施方案"),
        ("《关于〈意见〉的通知》", "LAW", "doc/关于〈意见〉的通知", "关于〈意见〉的通知"),
        ("晋阳湖水系连通一期工程", "PROJECT", "project/晋阳湖水系连通一期工程", "晋阳湖水系连通一期工程"),
        ("“百馆兴体”工程", "PROJECT", "project/“百馆兴体”工程", "“百馆兴体”工程"),
        ("市委经济工作会议", "EVENT", "event/市委经济工作会议", "市委经济工作会议"),
        ("A/B项目", "PROJECT", "project/A／B项目", "A/B项目"),
    ],
)
def test_other_types_keep_their_name(resolver: Resolver, name: str, label: str, id_: str, text: str) -> None:
    got = resolver.resolve(name, label, C)
    assert got.id == id_ and got.label == text


def test_ids_are_stable_across_resolvers_and_runs(gazetteer) -> None:
    names = [("市卫健委", "ORG"), ("太钢", "ORG"), ("迎泽区", "GPE"), ("武晓花", "PERSON"), ("莫斯科", "GPE")]
    first = [Resolver(None, gazetteer).resolve(n, l, Context("a/1")).id for n, l in names]
    second = [Resolver("taiyuan_daily", gazetteer).resolve(n, l, Context("b/9")).id for n, l in reversed(names)]
    assert first == list(reversed(second))


def test_same_canonical_from_different_surfaces_is_one_entity(resolver: Resolver) -> None:
    ids = {
        resolver.resolve(n, "ORG", Context(a)).id
        for n, a in [("市卫健委", "a/1"), ("市卫生健康委员会", "a/2"), ("太原市卫健委", "a/3"), ("太原市卫生健康委员会", "a/4")]
    }
    assert ids == {"org/太原市卫生健康委员会"}


def test_merges_record_every_alias_with_its_rule_in_a_fixed_order(fresh: Resolver) -> None:
    for name, label in [("太钢集团", "ORG"), ("市委", "ORG"), ("太钢", "ORG"), ("太原", "GPE"), ("太钢", "ORG"), ("市委", "ORG")]:
        fresh.resolve(name, label, Context("a/1"))
    fresh.resolve("太原市", "GPE", Context("a/1"))  # already canonical: no merge
    assert fresh.merges == [
        {"alias": "市委", "canonical": "中共太原市委员会", "type": "Organization", "reason": "home-prefix+body"},
        {"alias": "太钢", "canonical": "太原钢铁（集团）有限公司", "type": "Organization", "reason": "alias-table"},
        {"alias": "太钢集团", "canonical": "太原钢铁（集团）有限公司", "type": "Organization", "reason": "alias-table"},
        {"alias": "太原", "canonical": "太原市", "type": "Place", "reason": "gazetteer"},
    ]


def test_merges_do_not_depend_on_order(gazetteer) -> None:
    names = [("山大二院", "ORG"), ("市食安办", "ORG"), ("清徐", "GPE"), ("北大医院", "ORG"), ("老军营", "GPE")]
    a, b = Resolver(None, gazetteer), Resolver(None, gazetteer)
    for n, l in names:
        a.resolve(n, l, Context("x"))
    for n, l in reversed(names):
        b.resolve(n, l, Context("x"))
    assert a.merges == b.merges and len(a.merges) == 5


def test_unresolved_collects_article_ids(fresh: Resolver) -> None:
    for article in ("p/2", "p/1", "p/2"):
        fresh.resolve("城关镇", "GPE", Context(article))
    fresh.resolve("远东西诺", "GPE", Context("p/3"))
    rows = [(r["name"], r["problem"], r["articles"]) for r in fresh.unresolved]
    assert rows == [("城关镇", "ambiguous", ["p/1", "p/2"]), ("远东西诺", "not-in-gazetteer", ["p/3"])]


def test_resolved_alias_is_the_surface(resolver: Resolver) -> None:
    got = resolver.resolve("太原", "GPE", C)
    assert (got.label, got.alias) == ("太原市", "太原")
    same = resolver.resolve("太原市", "GPE", C)
    assert same.alias is None


def test_resolved_values_are_hashable(resolver: Resolver) -> None:
    a = resolver.resolve("市卫健委", "ORG", C)
    b = resolver.resolve("市卫健委", "ORG", Context("other/002"))
    assert a == b and len({a, b}) == 1
