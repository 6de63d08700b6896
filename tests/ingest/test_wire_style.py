"""Pages of another paper's shape (THUCNews-style: one line, the headline running straight into
an agency dateline and the body). Sentences written here in that style; the real corpus is
measured by benchmarks/corpus.py, which reads ../shared/corpus in place."""

from __future__ import annotations

import pytest

from kg.ingest import split_page

CASES = [
    (
        "山西太原举行消防演练新华网太原3月2日电（记者张明）3月2日，太原市消防救援支队在迎泽区举行高层建筑灭火演练。演练持续两小时。",
        ("山西太原举行消防演练", "--03-02", "太原", [("张明", "reporter")]),
        "3月2日，",
    ),
    (
        "国务院部署春耕生产中新社北京4月1日电 国务院常务会议1日召开，部署春耕生产工作。",
        ("国务院部署春耕生产", "--04-01", "北京", []),
        "国务院常务会议",
    ),
]


@pytest.mark.parametrize("line, expected, starts", CASES, ids=["xinhua", "chinanews"])
def test_agency_dateline_splits_headline_and_body(line, expected, starts):
    [article] = split_page(line, "wire.txt")
    got = (article.headline, article.date, article.dateline_place, [(a.name, a.role) for a in article.authors])
    assert got == expected
    assert article.body.startswith(starts)
    assert not article.body.startswith(("新华网", "中新社"))


def test_a_line_without_marker_stays_whole():
    line = "这是一段没有任何电头的新闻，标题直接连着正文，全文只有一行。"
    [article] = split_page(line, "plain.txt")
    assert article.headline is None and article.body == line


@pytest.mark.parametrize("page, agency", [
    ("国务院部署春耕生产中新社北京4月1日电 国务院常务会议1日召开。", "中新社"),
    ("陕西省委主要负责同志职务调整\n央视网消息（新闻联播）：日前，中共中央决定：赵一德同志任陕西省委书记。", "央视网"),
    ("据新华社电 国务院常务会议1日召开。", "新华社"),
    ("本报讯 市委常委会议1日召开。", None),  # the paper itself names no organisation
    ("本报北京4月1日电 国务院常务会议1日召开。", None),
    ("太报评 一篇评论的正文。", None),  # a lead marker that is no agency
])
def test_the_agency_of_a_dateline_is_kept(page, agency):
    [article] = split_page(page, "wire.txt")
    assert article.agency == agency


def test_the_headline_is_analysed_with_the_body():
    [article] = split_page("十四届全国人大常委会第七次会议在京闭幕\n央视网消息（新闻联播）：会议29日下午闭幕。", "x.txt")
    assert article.headline == "十四届全国人大常委会第七次会议在京闭幕"
    assert article.text == "十四届全国人大常委会第七次会议在京闭幕\n（新闻联播）：会议29日下午闭幕。"
    assert article.body == "（新闻联播）：会议29日下午闭幕。" and article.text[article.body_start:] == article.body


def test_a_place_named_only_in_the_headline_is_found(nlp):
    from kg.pipeline import analyse

    [article] = split_page("十四届全国人大常委会第七次会议在京闭幕\n央视网消息（新闻联播）：会议29日下午闭幕。", "x.txt")
    [result] = analyse([article], nlp)
    assert ("京", "GPE") in {(m.text, m.label) for m in result.mentions}
