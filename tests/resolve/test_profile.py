"""Newspaper profiles: loading, errors, and another paper by data alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DataError
from kg.resolve import Context, Resolver, available_profiles, load_profile

C = Context("t/001")


def test_default_profile_is_taiyuan() -> None:
    p = load_profile()
    assert (p.name, p.paper, p.city.name, p.city.short, p.province.name, p.province.short) == (
        "taiyuan_daily", "太原日报", "太原市", "太原", "山西省", "山西",
    )
    assert p.city.bodies["committee"] == "中共太原市委员会"
    assert p.titles["副市长"] == ("city", "government")
    assert set(available_profiles()) >= {"taiyuan_daily", "datong_daily", "peoples_daily"}


def test_unknown_profile_is_E302() -> None:
    with pytest.raises(DataError) as err:
        load_profile("xian_evening_news")
    assert err.value.code == "E302" and "taiyuan_daily" in str(err.value)
    with pytest.raises(DataError) as err:
        load_profile("/no/such/profile.toml")
    assert err.value.code == "E302"


@pytest.mark.parametrize(
    "text, problem",
    [
        ('name = "x"\npaper = "y"\n', "[home.<level>] is missing"),
        ('name = "x"\npaper = "y"\n[home.city]\nname = "长治市"\n', "'short' must be a non-empty string"),
        ('name = "x"\npaper = "y"\ncolour = 1\n[home.city]\nname = "长治市"\nshort = "长治"\n', "unknown keys ['colour']"),
        ('name = "x"\npaper = "y"\n[home.city]\nname = "长治市"\nshort = "长治"\n[titles]\n"市长" = "county.government"\n', "'<home level>.<body key>'"),
        ('name = "x"\npaper = "y"\n[home.country]\nname = "中国"\nshort = "中国"\n[titles_after_name]\n"主席" = "city.state"\n',
         "'<home level>.<body key>'"),
        ('name = "x"\npaper = \n', "E301"),
    ],
)
def test_bad_profile_file_names_the_file_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_profile(path)
    assert err.value.code == "E301" and str(path) in str(err.value) and problem in str(err.value)


def test_second_shipped_profile_changes_home_without_code(gazetteer) -> None:
    datong = Resolver("datong_daily", gazetteer)
    taiyuan = Resolver("taiyuan_daily", gazetteer)
    assert datong.resolve_org("市委", C).label == "中共大同市委员会"
    assert taiyuan.resolve_org("市委", C).label == "中共太原市委员会"
    assert datong.resolve_org("市卫健委", C).label == "大同市卫生健康委员会"
    assert datong.resolve_org("省人社厅", C).label == "山西省人力资源和社会保障厅"
    assert datong.home_body("副市长").label == "大同市人民政府"
    # bodies the Datong profile does not list come from bodies.tsv
    assert datong.resolve_org("市政协", C).label == "中国人民政治协商会议大同市委员会"
    # 太原's school naming is a regional table of the 太原 profile only
    assert datong.resolve_org("市第五中学", C).label == "大同市第五中学"
    assert taiyuan.resolve_org("市第五中学", C).label == "太原市第五中学校"


def test_a_profile_written_by_a_user(tmp_path: Path, gazetteer) -> None:
    (tmp_path / "aliases.tsv").write_text("长钢\t首钢长治钢铁有限公司\tOrganization\t-\n", encoding="utf-8")
    path = tmp_path / "changzhi.toml"
    path.write_text(
        'name = "changzhi_daily"\npaper = "长治日报"\naliases = ["aliases.tsv"]\n'
        '[home.city]\nname = "长治市"\nshort = "长治"\nprefix = "市"\n'
        '[home.province]\nname = "山西省"\nshort = "山西"\nprefix = "省"\n'
        '[titles]\n"副市长" = "city.government"\n',
        encoding="utf-8",
    )
    r = Resolver(load_profile(path), gazetteer)
    assert r.resolve_org("市委", C).label == "中共长治市委员会"
    assert r.resolve_org("市委组织部", C).label == "中共长治市委组织部"
    assert r.resolve_org("长钢", C).label == "首钢长治钢铁有限公司"
    assert r.home_body("副市长").label == "长治市人民政府"
    # its home city anchors ambiguous places: 长治's own 城关镇? none; but its 潞州区 is home
    assert r.resolve("潞州区", "GPE", C).id == "place/山西省/长治市/潞州区"


def test_national_profile_has_no_home_city(gazetteer) -> None:
    r = Resolver("peoples_daily", gazetteer)
    assert r.resolve_org("市委", C).label == "市委"  # which city's: the text must say
    assert r.resolve_org("太原市委", C).label == "中共太原市委员会"
    assert r.home_body("总理").label == "中华人民共和国国务院"
    assert r.home_body("副市长") is None
    # without a home, a name shared by several units stays ambiguous
    assert r.resolve("城关镇", "GPE", C).id == "place/城关镇"


@pytest.mark.parametrize(
    "title, after_name, body",
    [
        ("外长", False, "中华人民共和国外交部"),  # 杨洁篪外长: the country's own foreign minister
        ("全国政协委员", False, "中国人民政治协商会议全国委员会"),  # a seat-in-body title
        ("主席", True, "中华人民共和国"),  # 习近平主席: the head of state
        ("主席", False, None),  # 主席张三 / 国家杜马主席: the body was written and lost, no home
        ("董事长", True, None),
    ],
)
def test_national_bare_titles_before_and_after_a_name(gazetteer, title, after_name, body) -> None:
    r = Resolver("peoples_daily", gazetteer)
    got = r.home_body(title, after_name=after_name)
    assert (got.label if got is not None else None) == body

