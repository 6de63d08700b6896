"""Post changes through the real pipeline (LAC + rules): one row per wording of kg/data/extract/changes.toml.

Every expected row was checked by reading the sentence: (person, kind, title, organisation as the
text implies it, before resolution; None when the text names no body).
"""

from __future__ import annotations

import pytest

from kg.extract.changes import FRAMES, KINDS, _body_of

CASES = [
    # 任命…为 / 免去…的…职务 (an ordinary notice, the issue's own example)
    ("任命王明为市发展和改革委员会主任；免去李强的市财政局局长职务。",
     {("王明", "appointed", "主任", "市发展和改革委员会"), ("李强", "removed", "局长", "市财政局")}),
    # X同志任Y
    ("赵刚同志任市委组织部副部长。", {("赵刚", "appointed", "副部长", "市委组织部")}),
    # 不再兼任 a chain; a second person in the same sentence
    ("中共中央决定：刘国中同志不再兼任陕西省委书记、常委、委员职务，赵一德同志任陕西省委书记。",
     {("刘国中", "removed", "书记", "陕西省委"), ("刘国中", "removed", "常委", "陕西省委"),
      ("刘国中", "removed", "委员", "陕西省委"), ("赵一德", "appointed", "书记", "陕西省委")}),
    # the person carried to 不再担任
    ("易炼红同志任浙江省委委员、常委、书记，不再担任江西省委书记、常委、委员职务。",
     {("易炼红", k, t, o) for k, o in (("appointed", "浙江省委"), ("removed", "江西省委")) for t in ("委员", "常委", "书记")}),
    # 其 carries the person
    ("会议经表决，任命郭振华为全国人大常委会代表工作委员会主任，免去其全国人大常委会副秘书长职务。",
     {("郭振华", "appointed", "主任", "全国人大常委会代表工作委员会"), ("郭振华", "removed", "副秘书长", "全国人大常委会")}),
    # two people share one removal
    ("免去李宁、许安标的全国人大常委会法制工作委员会副主任职务。",
     {("李宁", "removed", "副主任", "全国人大常委会法制工作委员会"), ("许安标", "removed", "副主任", "全国人大常委会法制工作委员会")}),
    # a list of appointments, continued after ，and after 、
    ("任命楼阳生为全国人大教育科学文化卫生委员会副主任委员，王蒙徽为全国人大环境与资源保护委员会副主任委员。",
     {("楼阳生", "appointed", "副主任委员", "全国人大教育科学文化卫生委员会"), ("王蒙徽", "appointed", "副主任委员", "全国人大环境与资源保护委员会")}),
    ("会议经表决，任命郝鹏为全国人大财经委副主任委员、孙绍骋为全国人大社会委副主任委员。",
     {("郝鹏", "appointed", "副主任委员", "全国人大财经委"), ("孙绍骋", "appointed", "副主任委员", "全国人大社会委")}),
    # a presidential order's list form
    ("一、免去秦刚兼任的外交部部长职务；\n任命王毅为外交部部长。",
     {("秦刚", "removed", "部长", "外交部"), ("王毅", "appointed", "部长", "外交部")}),
    # units of the chain's first body
    ("免去贺荣的最高人民法院副院长、审判委员会委员、审判员职务。",
     {("贺荣", "removed", "副院长", "最高人民法院"), ("贺荣", "removed", "委员", "最高人民法院审判委员会"), ("贺荣", "removed", "审判员", "最高人民法院")}),
    # resignations
    ("会议通过关于接受噶玛泽登同志请辞第十四届全国政协委员的决定。", {("噶玛泽登", "resigned", "委员", "全国政协")}),
    ("会议表决通过了全国人大常委会关于接受束为辞去全国人大常委会委员等职务的请求的决定。", {("束为", "resigned", "委员", "全国人大常委会")}),
    ("崔世安辞去社会文化司司长职务。", {("崔世安", "resigned", "司长", "社会文化司")}),
    # removed, then the membership itself revoked (其 + the body of the unit)
    ("会议通过关于免去齐扎拉第十四届全国政协常委、农业和农村委员会副主任职务，撤销其委员资格的决定。",
     {("齐扎拉", "removed", "常委", "全国政协"), ("齐扎拉", "removed", "副主任", "全国政协农业和农村委员会"), ("齐扎拉", "dismissed", "委员", "全国政协")}),
    ("追认关于撤销赵金云、魏博平第十四届全国政协委员资格的决定。",
     {("赵金云", "dismissed", "委员", "全国政协"), ("魏博平", "dismissed", "委员", "全国政协")}),
    ("依法罢免李建国的县长职务。", {("李建国", "dismissed", "县长", None)}),
    # expulsions: 党籍 belongs to the party; 公职 to the person's own body when the text gives one
    ("决定给予孙志刚开除党籍处分。", {("孙志刚", "expelled", "党籍", "中国共产党")}),
    # elections and nominations
    ("热烈祝贺习近平总书记全票当选中国国家主席、中央军委主席。",
     {("习近平", "elected", "国家主席", "中国"), ("习近平", "elected", "主席", "中央军委")}),
    ("提名李家超为香港特别行政区第六任行政长官人选。", {("李家超", "nominated", "行政长官", "香港特别行政区")}),
    ("李建国调任省财政厅厅长。", {("李建国", "appointed", "厅长", "省财政厅")}),
    # must not fire
    ("他担任主任期间，推动了多项改革。", set()),
    ("王永红是一名有着二十年党龄的党员。", set()),
    ("任命书已经下发到各单位。", set()),
    ("李强任国务院总理以来，多次强调稳就业。", set()),
    ("会议还表决通过了其他任免案。", set()),
    ("免去一切手续费，群众办事更方便。", set()),
    ("他表示，今后不再担任任何社会职务。", set()),
]


def changes(extract, text: str, date: str = "2023-07-25"):
    posts, _ = extract(text, date=date)
    return [p for p in posts if p.change is not None]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:14] for c in CASES])
def test_change_wordings(extract, text, expected):
    got = {(p.person.text, p.change, p.title, p.org) for p in changes(extract, text)}
    assert got == expected


def test_two_sentences_carry_the_person_with_qi(extract):
    """决定给予李微微开除党籍处分；由国家监委给予其开除公职处分 (； ends a sentence): 其 is 李微微, and
    公职 is at the organisation of her post stated earlier in the article."""
    text = "十四届全国政协人口资源环境委员会原副主任李微微被立案审查。决定给予李微微开除党籍处分；由国家监委给予其开除公职处分。"
    got = {(p.person.text, p.change, p.title, p.org) for p in changes(extract, text)}
    assert ("李微微", "expelled", "党籍", "中国共产党") in got
    assert any(g[:3] == ("李微微", "expelled", "公职") for g in got)


def test_dates_come_from_the_sentence_else_the_article(extract):
    rows = changes(extract, "2004年12月4日，崔世安再被任命为社会文化司司长。", date="2009-05-14")
    assert [(p.person.text, p.change, p.date) for p in rows] == [("崔世安", "appointed", "2004-12-04")]
    rows = changes(extract, "1999年，崔世安被中央政府任命为社会文化司司长。", date="2009-05-14")
    assert [p.date for p in rows] == ["1999"]
    rows = changes(extract, "5月14日，崔世安辞去社会文化司司长职务。", date="2009-06-01")
    assert [p.date for p in rows] == ["2009-05-14"]
    rows = changes(extract, "任命王毅为外交部部长。", date="2023-07-25")
    assert [p.date for p in rows] == ["2023-07-25"]


def test_changes_keep_their_evidence_and_people_not_found_by_the_tagger(extract):
    text = "增补丁学东为教科卫体委员会副主任。"
    rows = changes(extract, text)
    assert [(p.person.text, p.title) for p in rows] == [("丁学东", "副主任")]
    p = rows[0]
    assert text[p.person.start : p.person.end] == "丁学东"
    assert p.evidence.sentence == text and p.evidence.rule == "change/appointed"


def test_a_change_replaces_the_plain_post_rules_for_its_people(extract):
    """免去王毅兼任的外交部部长职务 must not also give a held post 部长 @ 的外交部."""
    posts, _ = extract("决定免去王毅兼任的外交部部长职务，任命秦刚为外交部部长。")
    assert {(p.person.text, p.title, p.org, p.change) for p in posts} == {
        ("王毅", "部长", "外交部", "removed"),
        ("秦刚", "部长", "外交部", "appointed"),
    }


def test_every_frame_is_well_formed():
    assert FRAMES and {f.kind for f in FRAMES} == set(KINDS)


def test_body_of_a_unit():
    assert _body_of("全国政协教科卫体委员会") == "全国政协"
    assert _body_of("最高人民法院审判委员会") == "最高人民法院"
    assert _body_of("外交部") == "外交部"


def test_needles_never_skip_a_sentence_a_frame_matches():
    """The cheap needle check (``_may_match``) only skips sentences the frame's regex cannot
    match: checked on every sentence of the appointment notices and 新闻联播 items."""
    import re

    from kg.extract.changes import FRAMES, _may_match, _prefilter
    from tests.conftest import SHARED

    texts = [p.read_text(encoding="utf-8") for folder in ("xwlb_appointments", "xwlb") for p in sorted((SHARED / "corpus" / folder).glob("*.txt"))]
    assert len(texts) > 20
    sentences = [s for text in texts for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]
    matched = 0
    for frame in FRAMES:
        for sentence in sentences:
            if _prefilter(frame).search(sentence):
                matched += 1
                assert _may_match(frame, sentence), (frame.pattern, sentence)
    assert matched > 20  # the notices do hold changes: the check ran on real matches
