"""A two-character ORG that a long text writes once and never introduces is a word LAC read
as a name inside a phrase (kg_entity_filter, ``lone_short_below`` of the [ORG] filter); one the
text repeats or introduces by its full name stays."""

from __future__ import annotations

import pytest

#: five sentences with the tested one, so that the text is long enough for the rule
LEAD = "今天上午，市里召开工作会议。会议听取了有关情况汇报。会议要求各部门认真落实。会后进行了座谈。"


def orgs(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == "ORG"]


@pytest.mark.parametrize("sentence", ["双方要推动设施联通和贸易畅通。", "这座城市正加快联通世界的步伐。"])
def test_a_lone_two_character_word_in_a_long_text_is_no_body(nlp, sentence):
    assert "联通" not in orgs(nlp(LEAD + sentence))


@pytest.mark.parametrize("sentence, name", [
    ("北京大学举行校庆活动，北大师生参加。", "北大"),  # introduced by its full name
    ("微软发布新产品。微软表示将加大投入。", "微软"),  # written twice
])
def test_a_short_name_the_text_repeats_or_introduces_stays(nlp, sentence, name):
    assert name in orgs(nlp(LEAD + sentence))


def test_a_short_text_keeps_its_short_names(nlp):
    """One sentence (a headline, a public NER row) says too little to judge a short name."""
    assert "微软" in orgs(nlp("微软发布新产品。"))


def test_an_item_of_a_list_stays(nlp):
    """A list of names (拼多多、京东等平台) names its items, however often."""
    assert "京东" in orgs(nlp(LEAD + "企业通过拼多多、京东等平台销售产品。"))


@pytest.mark.parametrize("text, word", [("会议由国务委员王五主持。", "国务")])
def test_the_head_of_a_title_is_no_body(nlp, text, word):
    """国务|委员 is one post (国务委员), so LAC's 国务 names no body."""
    assert word not in orgs(nlp(text))


def test_a_short_body_before_its_own_title_stays(nlp):
    """北大|校长: the title is the body's president; 北大校长 is no post of the lexicon."""
    assert "北大" in orgs(nlp("北大校长钱七讲话。"))
