"""Person names: repairs of LAC's cuts where the context shows the name's end (kg.nlp.names),
names vouched for by a title, 同志 or a list (kg_entity_filter), and no name cut out of a word."""

from __future__ import annotations

import pytest

from kg.nlp.names import repair_names

CASES = [
    # frames: an appointment word, the name, 为 / 的
    ("会议经表决，任命茅仲华为最高人民法院副院长。", {"茅仲华"}, {"茅仲"}),
    ("二、任命张成中为应急管理部部长。", {"张成中"}, {"张成"}),
    ("免去李强的市财政局局长职务。", {"李强"}, set()),
    # extension: a usual last character of names, then 同志 / a list separator before a name
    ("日前，中共中央决定：刘国中同志不再兼任陕西省委书记。", {"刘国中"}, {"刘国"}),
    ("如果陈致中、黄睿靓等人认罪协商成立。", {"陈致中", "黄睿靓"}, {"陈致"}),
    # vouched: a rare surname next to a title or in a list of names is still a name
    ("栗战书委员长主持闭幕会。", {"栗战书"}, set()),
    ("国务委员吴政隆、谌贻琴出席。", {"吴政隆", "谌贻琴"}, set()),
    # a name that only looks like a clan reference, vouched for by the title before it
    ("会见越共中央政治局委员、中组部部长张氏梅。", {"张氏梅"}, set()),
    # no context, no repair: a two-character name stays as LAC gives it
    ("张永刚才说过这件事。", set(), {"张永"}),
    # a title before the name and a verb of speaking after its last character
    ("市政府副市长周昌能说，项目将按期完工。", {"周昌能"}, {"周昌"}),
    # a name written again in the text (a profile): the extension holds at both places
    ("据悉，研究院院长周昌能将接任。周昌能，1990年获得博士学位。", {"周昌能"}, {"周昌"}),
    # a conjunction that is a surname: a list item after 、 (和 is no conjunction there)
    ("参赛选手有王立新、和晓鹏、陈学文等。", {"和晓鹏"}, {"晓鹏"}),
    # … and a joiner LAC glued to a name before a title and a second person
    ("在省委书记高建和省长刘平陪同下考察。", {"高建", "刘平"}, {"高建和"}),
    # a name that ends with 和 and no second person after the title keeps it
    ("李平和书记出席会议。", {"李平和"}, {"李平"}),
    # a country's one-character short name and 方 "side", beside that country's name
    ("罗马尼亚总统表示，罗方愿同中方一道推进合作。", set(), {"罗方"}),
    ("马来西亚外长说，马方重视双边关系。", set(), {"马方"}),
    # … but with no place of that first character in the text, X方 stays a name
    ("乡村医生雷方，三十年如一日为村民看病。", {"雷方"}, set()),
    # 许 right after a time is "about", no surname; after a time word (当时) it is one
    ("法官在下午3时40分许谕知双方当事人。", set(), {"许谕"}),
    ("当时许海峰站在领奖台上。", {"许海峰"}, set()),
    # the surnames of two people named in the text, side by side: the pair, not a third person
    ("马英九和吴伯雄昨日会面，马吴两人达成共识。", {"马英九", "吴伯雄"}, {"马吴"}),
    # a place the text names as the start of a longer place, or right after a place
    ("元朗公路今晨发生车祸。警方说，元朗发生多宗交通意外。", set(), {"元朗"}),
    ("香港元朗昨日发生车祸，三人受伤。", set(), {"元朗"}),
    ("台湾澎湖马公昨日有轻微震感。", set(), {"马公"}),
    # … but a name after a village is a villager, and a name after a place and a verb stays
    ("白石镇南坪村张秀英，五十多岁，养了一群鸡。", {"张秀英"}, set()),
    ("记者在北京见到了王小明。", {"王小明"}, set()),
    # right after the particle 之 a PER starts with the noun 之 governs (之虞: the risk)
    ("该男子因有串供灭证之虞羁押于看守所。", set(), {"虞羁押"}),
    ("会上，公司总经理之一王建国发言。", {"王建国"}, set()),
]


def persons(doc) -> set[str]:
    return {e.text for e in doc.ents if e.label_ == "PERSON"}


@pytest.mark.parametrize("text, present, absent", CASES, ids=[c[0][:10] for c in CASES])
def test_person_names(nlp, text, present, absent):
    found = persons(nlp(text))
    assert present <= found, f"missing {present - found}; got {found}"
    assert not absent & found, f"must not be a name: {absent & found}"


@pytest.mark.parametrize("words, name", [
    ([(0, "。", "w"), (1, "南", "PER"), (2, "存", "v"), (3, "辉", "n"), (4, "常委", "n"), (6, "建议", "v")], "南存辉"),
    ([(0, "。", "w"), (1, "谭锦", "PER"), (3, "球", "n"), (4, "常委", "n"), (6, "提出", "v")], "谭锦球"),
    ([(0, "。", "w"), (1, "解冬", "v"), (3, "常委", "n"), (5, "建议", "v")], "解冬"),
])
def test_a_name_before_a_title_and_a_verb_of_speaking_at_a_clause_start(words, name):
    assert (1, name, "PER") in repair_names(words)


@pytest.mark.parametrize("words", [
    [(0, "。", "w"), (1, "会议", "n"), (3, "主任", "n"), (5, "建议", "v")],  # no surname
    [(0, "。", "w"), (1, "国务院", "ORG"), (4, "总理", "n"), (6, "李强", "PER"), (8, "说", "v")],  # no verb after the title
    [(0, "他", "r"), (1, "王明", "PER"), (3, "市长", "n"), (5, "表示", "v")],  # no clause start
])
def test_no_title_frame_without_its_parts(words):
    assert repair_names(words) == words


def test_a_place_after_an_appointment_word_is_not_a_name():
    words = [(0, "任命", "v"), (2, "山西", "LOC"), (4, "为", "v")]
    assert repair_names(words) == words  # 山西 starts with no surname … and is LAC's place


def test_the_same_name_written_whole_elsewhere_repairs_a_cut():
    words = [(0, "张永刚", "PER"), (3, "说", "v"), (4, "，", "w"), (5, "张永", "PER"), (7, "刚才", "d"), (9, "来", "v")]
    assert repair_names(words)[3:6] == [(5, "张永刚", "PER"), (8, "才", "d"), (9, "来", "v")]


@pytest.mark.parametrize("words, expected", [
    # a preposition glued to a full name (four characters: the cut is certain)
    ([(0, "徐建国同", "PER"), (4, "日本", "LOC")], [(0, "徐建国", "PER"), (3, "同", "p"), (4, "日本", "LOC")]),
    # a byline: a two-character surname, then 摄
    ([(0, "司马秋云摄", "PER")], [(0, "司马秋云", "PER"), (4, "摄", "v")]),
    # a verb glued to a two-character name, its object after it
    ([(0, "方竹率", "PER"), (3, "考察团", "n")], [(0, "方竹", "PER"), (2, "率", "v"), (3, "考察团", "n")]),
    # the start of a title that the next word completes
    ([(0, "刘岩副", "PER"), (3, "秘书长", "n")], [(0, "刘岩", "PER"), (2, "副", "b"), (3, "秘书长", "n")]),
])
def test_a_word_glued_after_a_name_is_cut_off(words, expected):
    assert repair_names(words) == expected


@pytest.mark.parametrize("words", [
    [(0, "王大同", "PER"), (3, "出席", "v")],  # a three-character name ending in 同, a verb after it
    [(0, "王大同", "PER")],
    [(0, "尤尔科夫", "PER"), (4, "说", "v")],  # a transliteration: no tail word at its end
    [(0, "方竹率", "PER"), (3, "。", "w")],  # nothing the verb could take
])
def test_no_cut_without_a_tail_and_its_context(words):
    assert repair_names(words) == words


def test_the_statistical_layer_does_not_grow_a_name_over_a_cut_tail(nlp):
    assert persons(nlp("本报记者上官晓菲摄")) == {"上官晓菲"}  # the model alone reads 上官晓菲摄


def test_repairs_keep_every_character():
    words = [(0, "任命", "v"), (2, "茅仲", "ORG"), (4, "华为", "ORG"), (6, "院长", "n")]
    repaired = repair_names(words)
    assert "".join(w for _, w, _ in repaired) == "任命茅仲华为院长"
    assert all(off == sum(len(w) for _, w, _ in repaired[:i]) for i, (off, _, _) in enumerate(repaired))


DOTTED_AND_PADDED = [
    # transliterated and minority names: one name whichever dot (·, •, ・), no surname needed
    ("阿布杜勒·哈尼德、买买提•艾力和弗里德里克・泰勒出席。", {"阿布杜勒·哈尼德", "买买提•艾力", "弗里德里克・泰勒"}),
    # a character outside the basic block (U+2B5AF)
    ("王𫖮教授出席会议。", {"王𫖮"}),
    # a name padded by the layout is still a name (resolution makes it 冯镭)
    ("副组长：冯 镭、沈慧", {"冯 镭", "沈慧"}),
]


@pytest.mark.parametrize("text, expected", DOTTED_AND_PADDED, ids=[c[0][:8] for c in DOTTED_AND_PADDED])
def test_dotted_extended_and_padded_names(nlp, text, expected):
    assert expected <= persons(nlp(text))


def test_one_person_whichever_dot_and_padding():
    from kg.resolve import Context, Resolver, load_profile

    resolver = Resolver(load_profile("peoples_daily"))
    ctx = Context("a/001", None, (), ())
    ids = {resolver.resolve(n, "PERSON", ctx).id for n in ("买买提·艾力", "买买提•艾力", "买买提・艾力")}
    assert ids == {"person/买买提·艾力"}
    assert resolver.resolve("冯 镭", "PERSON", ctx).id == "person/冯镭"


@pytest.mark.parametrize("text, not_a_person", [
    ("沿104省道和杨兴河建设绿道。", "杨兴河"),  # a river
    ("徐沟、集义、王答等乡镇道路封闭。", "王答"),  # a town in a list of towns
])
def test_no_person_where_the_kind_says_otherwise(nlp, text, not_a_person):
    assert not_a_person not in persons(nlp(text))


def test_names_lac_split_at_the_dot_are_one():
    words = [(0, "。", "w"), (1, "吉尔拉", "PER"), (4, "·", "w"), (5, "衣沙木丁", "PER"), (9, "常委", "n")]
    assert repair_names(words)[1] == (1, "吉尔拉·衣沙木丁", "PER")


@pytest.mark.parametrize("text, not_a_place", [
    ("要全面贯彻习近平新时代中国特色社会主义思想。", "中国"),
    ("要深入实施科教兴国战略、人才强国战略。", "兴国"),
    # the state as a polity or a people, not a place
    ("全省各地举办活动庆祝新中国成立70周年。", "中国"),
    ("双方重申坚持一个中国原则。", "中国"),
    ("中国人民有信心办好自己的事。", "中国"),
])
def test_no_place_inside_a_set_phrase(nlp, text, not_a_place):
    assert not_a_place not in {e.text for e in nlp(text).ents}


def test_a_list_of_three_character_names_extends_the_next_item():
    """刘建明、|周文|亮|出席: the list of full names says the last item has three characters."""
    words = [(0, "刘建明", "PER"), (3, "、", "w"), (4, "周文", "PER"), (6, "亮", "v"), (7, "出席", "v")]
    assert (4, "周文亮", "PER") in repair_names(words)
    alone = [(0, "周文", "PER"), (2, "亮", "v"), (3, "出席", "v")]  # no list: no repair
    assert (0, "周文", "PER") in repair_names(alone)
