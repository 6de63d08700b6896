"""The word splitter on its own: LAC entity words that hold two names, and words that must stay."""

from __future__ import annotations

import pytest

from kg.errors import DataError
from kg.nlp.splits import load_split_rules, split_words

RULES = load_split_rules("nlp/word_splits.toml")


def pieces(*words: tuple[str, str]) -> list[tuple[str, str]]:
    out, pos = [], 0
    for word, tag in words:
        out.append((pos, word, tag))
        pos += len(word)
    got, _ = split_words(out, RULES)
    return [(w, t) for _, w, t in got]


# (LAC words, words after splitting)
CASES = [
    # a place after its country, province or county in one word: two places
    ([("广东顺德", "LOC")], [("广东", "LOC"), ("顺德", "LOC")]),
    ([("日本大阪", "LOC")], [("日本", "LOC"), ("大阪", "LOC")]),
    ([("花莲玉里", "LOC")], [("花莲", "LOC"), ("玉里", "LOC")]),
    ([("广州天河路", "LOC")], [("广州", "LOC"), ("天河路", "LOC")]),
    # a town whose name starts with a number character is a name, not a count
    ([("宜兰三星", "LOC")], [("宜兰", "LOC"), ("三星", "LOC")]),
    ([("山东五莲", "LOC")], [("山东", "LOC"), ("五莲", "LOC")]),
    # not a part or kind of the place, a zone kind, a count, a product or a body
    ([("四川东部", "LOC")], [("四川东部", "LOC")]),
    ([("福建自由贸易试验区", "LOC")], [("福建自由贸易试验区", "LOC")]),
    ([("东盟十国", "LOC")], [("东盟十国", "LOC")]),
    ([("中亚五国", "LOC")], [("中亚五国", "LOC")]),
    ([("山西各地", "LOC")], [("山西各地", "LOC")]),
    ([("山西一带", "LOC")], [("山西一带", "LOC")]),
    ([("广州西路", "LOC")], [("广州西路", "LOC")]),
    ([("宁夏枸杞酒", "LOC")], [("宁夏枸杞酒", "LOC")]),
    ([("英国剑桥大学", "LOC")], [("英国剑桥大学", "LOC")]),
    # organisations coordinated inside one word
    ([("市财政局和市审计局", "ORG")], [("市财政局", "ORG"), ("和", "c"), ("市审计局", "ORG")]),
    ([("省委宣传部联合省文明办及省教育厅", "ORG")],
     [("省委宣传部", "ORG"), ("联合", "v"), ("省文明办", "ORG"), ("及", "c"), ("省教育厅", "ORG")]),
    # a joiner glued to the edge of a name next to another name
    ([("晋能控股与", "ORG"), ("建设银行", "ORG")], [("晋能控股", "ORG"), ("与", "c"), ("建设银行", "ORG")]),
    ([("市文化局", "ORG"), ("联合市教育局", "ORG")], [("市文化局", "ORG"), ("联合", "v"), ("市教育局", "ORG")]),
    # administrative chains
    ([("河北省石家庄市", "LOC")], [("河北省", "LOC"), ("石家庄市", "LOC")]),
    ([("古交市河口镇", "LOC")], [("古交市", "LOC"), ("河口镇", "LOC")]),
    # must stay: 和/与 inside a name (the left part does not end like a body)
    ([("市住房和城乡建设局", "ORG")], [("市住房和城乡建设局", "ORG")]),
    ([("呼吸与危重症医学科", "ORG")], [("呼吸与危重症医学科", "ORG")]),
    # must stay: a compound starting with a joiner
    ([("市公安局联合执法队", "ORG")], [("市公安局联合执法队", "ORG")]),
    # must stay: a glued joiner with no name of the same kind next to it
    ([("山西农担与", "ORG"), ("签约", "v")], [("山西农担与", "ORG"), ("签约", "v")]),
    # must stay: no unit after the cut (县城), a stop word across it (乡村), a known town
    ([("平遥县城", "LOC")], [("平遥县城", "LOC")]),
    ([("清徐乡村振兴镇", "LOC")], [("清徐乡村振兴镇", "LOC")]),
    ([("黄旗海镇", "LOC")], [("黄旗海镇", "LOC")]),
    ([("瑶区瑶族乡", "LOC")], [("瑶区瑶族乡", "LOC")]),
    # a name LAC tagged as a conjunction because it begins with one
    ([("和信息化委员会办公室", "c")], [("和", "c"), ("信息化委员会办公室", "n")]),
    ([("以及", "c")], [("以及", "c")]),
    ([("和平安", "c")], [("和平安", "c")]),
    # must stay: words of other tags
    ([("县乡村", "n")], [("县乡村", "n")]),
    # roads in one LAC word: a route span, a road and its stretch, crossing or extension
    ([("建设北路钟楼街至五一街段", "LOC")],
     [("建设北路", "LOC"), ("钟楼街", "LOC"), ("至", "v"), ("五一街", "LOC"), ("段", "n")]),
    ([("长治路口", "LOC")], [("长治路", "LOC"), ("口", "n")]),
    ([("滨河东路北延", "LOC")], [("滨河东路", "LOC"), ("北延", "vn")]),
    # must stay: an alley named after its road, a road alone, a slogan ending like a road
    ([("府东街东二巷", "LOC")], [("府东街东二巷", "LOC")]),
    ([("建设北路", "LOC")], [("建设北路", "LOC")]),
    ([("走新路", "LOC")], [("走新路", "LOC")]),
]


@pytest.mark.parametrize("words, expected", CASES, ids=["".join(w for w, _ in c[0]) for c in CASES])
def test_split_words(words, expected):
    assert pieces(*words) == expected


def test_glued_joiner_marks_the_name_it_leaves():
    _, edged = split_words([(0, "晋能控股与", "ORG"), (5, "建设银行", "ORG")], RULES)
    assert edged == {(0, 4)}
    _, edged = split_words([(0, "市财政局和市审计局", "ORG")], RULES)
    assert edged == set()


def test_offsets_stay_exact():
    text = "据悉市财政局和市审计局联合检查"
    words = [(0, "据悉", "v"), (2, "市财政局和市审计局", "ORG"), (11, "联合", "v"), (13, "检查", "v")]
    got, _ = split_words(words, RULES)
    assert all(text[a : a + len(w)] == w for a, w, _ in got)
    assert "".join(w for _, w, _ in got) == text


def test_bad_rule_file_names_the_file(tmp_path):
    bad = tmp_path / "splits.toml"
    bad.write_text('[[split]]\ntags = ["ORG"]\n', encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_split_rules(str(bad))
    assert err.value.code == "E301" and str(bad) in str(err.value) and "left_suffixes" in str(err.value)
