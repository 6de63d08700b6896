"""Relation claims by kind (issue 9), on sentences written for these tests and run through the
real pipeline (LAC + rules). Each row: text -> the claims that must be found, and the ones
that must not; a side is the text written or, for a reference, what it stands for.

The expected triples were checked by reading each sentence.
"""

from __future__ import annotations

import pytest

from kg.extract.relations import SHAPES, load_config, supersede
from kg.model import Claim, Evidence, Mention


def _side(m) -> str:
    return m.refers_to or m.text


def _got(extract, text, dateline=None):
    _, claims = extract(text, dateline_place=dateline)
    return {(_side(c.subject), c.predicate, _side(c.object)) for c in claims}


def _check(got, expected, forbidden):
    assert expected <= got, (expected - got, got)
    assert not (forbidden & got), (forbidden & got, got)


# -- coordinated subjects across title chains ---------------------------------------------------
COORDINATED = [
    # two names joined by 、: both visit
    ("王刚、李明来到老军营街道调研。", {("王刚", "visited", "老军营街道"), ("李明", "visited", "老军营街道")}, set()),
    # a list with titles and their bodies between the names, across a comma
    ("全省安全生产工作会议在太原召开。省委副书记王刚、李明，副省长赵强出席会议。",
     {("王刚", "attended", "全省安全生产工作会议"), ("李明", "attended", "全省安全生产工作会议"),
      ("赵强", "attended", "全省安全生产工作会议")}, set()),
    # titles with adjectives, verbal nouns and a project as their body (副总工程师, 研发创新团队负责人,
    # 港珠澳大桥工程总工程师) still join the names of a list
    ("“国家工程师奖”表彰大会在京举行。哈尔滨电气集团有限公司副总工程师覃大清、港珠澳大桥工程总工程师苏权科、"
     "复兴号高速列车研发创新团队负责人周黎等获奖代表在会上作了发言。",
     {("覃大清", "attended", "“国家工程师奖”表彰大会"), ("苏权科", "attended", "“国家工程师奖”表彰大会"),
      ("周黎", "attended", "“国家工程师奖”表彰大会")}, {("港珠澳大桥工程", "attended", "“国家工程师奖”表彰大会")}),
    # the object of an earlier verb is not taken into the group of the next clause
    ("全省安全生产工作会议在太原召开。王刚会见了美国总统拜登，国务委员王毅出席会议。",
     {("王毅", "attended", "全省安全生产工作会议")}, {("拜登", "attended", "全省安全生产工作会议")}),
]


@pytest.mark.parametrize("text, expected, forbidden", COORDINATED, ids=[r[0][:12] for r in COORDINATED])
def test_coordinated_subjects(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- the body of a title is never a side --------------------------------------------------------
TITLE_BODIES = [
    # 国务院 is the body of 总理, not who holds the meeting
    ("国务院总理李强主持召开国务院第六次全体会议。", {("李强", "organized", "国务院第六次全体会议")},
     {("国务院", "organized", "国务院第六次全体会议")}),
    # 俄罗斯 is the body of 内务部长
    ("全省安全生产工作会议在太原召开。会议由俄罗斯内务部长努尔加利耶夫主持。",
     {("努尔加利耶夫", "organized", "全省安全生产工作会议")}, {("俄罗斯", "organized", "全省安全生产工作会议")}),
]


@pytest.mark.parametrize("text, expected, forbidden", TITLE_BODIES, ids=[r[0][:12] for r in TITLE_BODIES])
def test_bodies_of_titles_are_not_sides(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- meetings -----------------------------------------------------------------------------------
MEETINGS = [
    # 召开 by a body, 主持 by a person -> organized; 出席 -> attended; a bare 会议 is the meeting named
    ("2月5日，国务院召开第二次廉政工作会议。国务院总理李强主持会议。副总理张国清出席会议。",
     {("国务院", "organized", "国务院第二次廉政工作会议"), ("李强", "organized", "国务院第二次廉政工作会议"),
      ("张国清", "attended", "国务院第二次廉政工作会议")},
     {("李强", "attended", "国务院第二次廉政工作会议")}),
    # an ordinal meeting written after its body is one event
    ("市政府召开第四十五次常务会议。市长张伟主持。", {("张伟", "organized", "市政府第四十五次常务会议")},
     {("张伟", "organized", "第四十五次常务会议")}),
    # 在会上 + a speech verb: attended the meeting named before
    ("全省安全生产工作会议在太原召开。副省长王明在会上强调，要压实责任。", {("王明", "attended", "全省安全生产工作会议")}, set()),
    # the meeting fronted with 在…上, the speaker after it
    ("23日，在中国循环经济发展高层论坛上，环保部总量控制司副司长刘长根透露，目标已完成。",
     {("刘长根", "attended", "中国循环经济发展高层论坛")}, set()),
    # a delegation's session
    ("马兴瑞在参加新疆代表团审议时说。", {("马兴瑞", "attended", "新疆代表团")}, set()),
    # 闭幕会 is part of the session named before
    ("十四届全国人大常委会第十次会议在北京闭幕。赵乐际委员长主持闭幕会。",
     {("赵乐际", "organized", "十四届全国人大常委会第十次会议")}, set()),
    # a body with its term keeps the term
    ("十四届全国人大常委会举行宪法宣誓仪式。", {("十四届全国人大常委会", "organized", "宪法宣誓仪式")},
     {("全国人大常委会", "organized", "宪法宣誓仪式")}),
    # the host is named before the 在-phrase; the places in it are where
    ("十四届全国人大常委会28日下午在北京人民大会堂举行宪法宣誓仪式。", {("十四届全国人大常委会", "organized", "宪法宣誓仪式")},
     {("北京", "organized", "宪法宣誓仪式")}),
]


@pytest.mark.parametrize("text, expected, forbidden", MEETINGS, ids=[r[0][:12] for r in MEETINGS])
def test_meetings(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


MEETINGS_NOT = [
    # a bare meeting word with no meeting named before: no claim (it would be a junk node)
    "张三出席会议。",
    # 在会议…后 is a time, not a place in the meeting
    "全省安全生产工作会议在太原召开。在会议完成有关表决事项后，赵乐际作了讲话。",
    # 以…思想为指导 is no organising; the name inside is no subject
    "国务院召开第二次廉政工作会议，要坚持以习近平新时代中国特色社会主义思想为指导。",
    # the event is what 举行 is said of; the person inside its name organised nothing
    "纪念朱光亚同志诞辰100周年座谈会25日在京举行。",
]


@pytest.mark.parametrize("text", MEETINGS_NOT, ids=[t[:12] for t in MEETINGS_NOT])
def test_meetings_not_fired(extract, text):
    got = _got(extract, text)
    assert not {g for g in got if g[1] in ("attended", "organized") and g[0] != "国务院"}, got


# -- visits -------------------------------------------------------------------------------------
VISITS = [
    ("温家宝在山东调研。", {("温家宝", "visited", "山东")}, set()),
    ("胡锦涛16日抵达莫斯科，开始对俄罗斯进行国事访问。", {("胡锦涛", "visited", "莫斯科"), ("胡锦涛", "visited", "俄罗斯")}, set()),
    # places written inside places: both visited, and the inner one lies in the outer one
    ("张国清赶赴西藏日喀则地震灾区。", {("张国清", "visited", "西藏"), ("张国清", "visited", "日喀则"), ("日喀则", "partOf", "西藏")}, set()),
    # a place named through another: the one after
    ("王岐山25日抵达美国首都华盛顿。", {("王岐山", "visited", "华盛顿")}, {("王岐山", "visited", "美国")}),
    # a time clause's subject is not carried into the next clause
    ("梅德韦杰夫就任俄罗斯总统后，中国国家元首首次对俄罗斯进行国事访问。", set(), {("梅德韦杰夫", "visited", "俄罗斯")}),
    # 深入 as an adverb before a verb is no visit
    ("李强指出，要深入贯彻党中央决策部署。", set(), {("李强", "visited", "党中央")}),
    # a clause with its own verb before the trigger has its own subject
    ("越方坚定支持习近平总书记提出的倡议，支持中方举办第三届“一带一路”国际合作高峰论坛。", set(),
     {("习近平", "organized", "第三届“一带一路”国际合作高峰论坛"), ("习近平", "organized", "“一带一路”国际合作高峰论坛")}),
]


@pytest.mark.parametrize("text, expected, forbidden", VISITS, ids=[r[0][:12] for r in VISITS])
def test_visits(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- presiding supersedes attending -------------------------------------------------------------
def _claim(s, p, o):
    m = lambda t: Mention(t, "X", "a/1", 0, len(t))  # noqa: E731
    return Claim(m(s), p, m(o), Evidence("a/1", "", 0, 0, f"{p}/svo"))


def test_presiding_supersedes_attending():
    claims = [_claim("张三", "attended", "大会"), _claim("张三", "organized", "大会"), _claim("李四", "attended", "大会")]
    kept = {(c.subject.text, c.predicate) for c in supersede(claims, load_config().supersedes)}
    assert kept == {("张三", "organized"), ("李四", "attended")}


def test_every_rule_names_a_known_trigger_list_or_its_own():
    cfg = load_config()
    for rule in cfg.rules:
        assert rule.triggers and all(isinstance(t, str) and t for t in rule.triggers), rule.name
    assert {r.shape for r in cfg.rules} <= set(SHAPES)


# -- signing, projects, documents, membership -----------------------------------------------------
OTHERS = [
    # a signing pair with what is signed about between them; the builder undertakes it
    ("小店区人民政府与中铁十二局集团有限公司就晋阳湖水系连通一期工程项目进行签约。该项目由中铁十二局集团有限公司负责建设。",
     {("小店区人民政府", "cooperatesWith", "中铁十二局集团有限公司"),
      ("中铁十二局集团有限公司", "undertakes", "晋阳湖水系连通一期工程项目")}, set()),
    # 这与B致力于…: a verb between the second side and 合作 -> no pair
    ("奥巴马政府宣布以合作的原则发展美中关系，这与布什政府致力于建设合作关系的立场一致。", set(),
     {("奥巴马政府", "cooperatesWith", "布什政府"), ("布什政府", "cooperatesWith", "奥巴马政府")}),
    # a notice and a decree
    ("市交警支队发布出行安全提示。", {("市交警支队", "issued", "出行安全提示")}, set()),
    ("国家主席习近平签署第一三〇号主席令。", {("习近平", "issued", "第一三〇号主席令")}, set()),
    # membership without a post
    ("张三是中国作家协会成员。", {("张三", "memberOf", "中国作家协会")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", OTHERS, ids=[r[0][:12] for r in OTHERS])
def test_signing_projects_documents_membership(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_plan_list_is_undertaken_by_the_district_of_the_article(extract):
    """2月9日晋源区消息，该区…: each item of 一是…二是… is the district's."""
    text = "2月9日晋源区消息，该区今年将推进十项重点工程。一是继续实施晋阳湖水系连通一期工程。二是推进晋源区文体活动中心项目建设。"
    got = _got(extract, text, "晋源区")
    assert {("晋源区", "undertakes", "晋阳湖水系连通一期工程"), ("晋源区", "undertakes", "晋源区文体活动中心项目")} <= got, got


def test_a_plan_clause_without_a_dateline_has_no_subject(extract):
    got = _got(extract, "一是继续实施晋阳湖水系连通一期工程。")
    assert not {g for g in got if g[1] == "undertakes"}, got


def test_a_body_named_before_is_what_this_bureau_stands_for(extract):
    text = "市卫健局召开全市卫生健康工作会议。该局发布《太原市卫生健康工作要点》。"
    got = _got(extract, text)
    assert ("市卫健局", "issued", "太原市卫生健康工作要点") in got, got


# -- round 2: who acts, and what a bare meeting word stands for ----------------------------------
# (text, claims that must be found, claims that must not be found)
ROUND2_MEETINGS = [
    # 出席并讲话 with no object of its own: the meeting named before (…出席。 likewise)
    ("全省安全生产工作会议在太原召开。副省长王明出席并讲话。", {("王明", "attended", "全省安全生产工作会议")}, set()),
    # 出席会议 stands for the last meeting of any …会 (a 交流会 or 座谈会 is a meeting)
    ("全国民族团结进步工作经验交流会在西宁召开。副总理回良玉出席会议。",
     {("回良玉", "attended", "全国民族团结进步工作经验交流会")}, set()),
    # a head that is not 会议 keeps to names ending with it: 出席论坛 is no 交流会
    ("全国民族团结进步工作经验交流会在西宁召开。副总理回良玉出席论坛。", set(),
     {("回良玉", "attended", "全国民族团结进步工作经验交流会")}),
    # the heads of the bodies attend, unnamed; the bodies do not
    ("全省安全生产工作会议在太原召开。市委宣传部、市工信局等相关部门负责人参加。", set(),
     {("市委宣传部", "attended", "全省安全生产工作会议"), ("市工信局", "attended", "全省安全生产工作会议")}),
    # a body that attends as a body still does
    ("全省安全生产工作会议在太原召开。市工信局参加会议。", {("市工信局", "attended", "全省安全生产工作会议")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", ROUND2_MEETINGS, ids=[r[0][-14:] for r in ROUND2_MEETINGS])
def test_meeting_words_and_actors(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- cooperation is between bodies, never between the bodies of two titles ----------------------
PAIRS = [
    # the countries are the bodies of the two titles: no pair
    ("中国总理温家宝与格林纳达总理托马斯举行会谈并签约。", set(),
     {("中国", "cooperatesWith", "格林纳达"), ("格林纳达", "cooperatesWith", "中国")}),
    # relations of states are not cooperation between bodies (gold conventions)
    ("格林纳达致力于加强与中国的合作。", set(), {("格林纳达", "cooperatesWith", "中国"), ("中国", "cooperatesWith", "格林纳达")}),
    # a verb whose object is the cooperation itself may stand before 合作
    ("市中心医院与北大医院开展合作。", {("市中心医院", "cooperatesWith", "北大医院")}, set()),
    ("山西农担与农业银行深化合作。", {("山西农担", "cooperatesWith", "农业银行")}, set()),
    # any other verb there makes the second side the subject of a clause of its own
    ("奥巴马政府宣布以合作的原则发展美中关系，这与布什政府致力于建设合作关系的立场一致。", set(),
     {("奥巴马政府", "cooperatesWith", "布什政府"), ("布什政府", "cooperatesWith", "奥巴马政府")}),
    # joint work named as a 融合 or 协同 of the two
    ("市文旅局与山西大学开展“文旅融合”。", {("市文旅局", "cooperatesWith", "山西大学")}, set()),
    ("市供销社与建设银行保持协同。", {("市供销社", "cooperatesWith", "建设银行")}, set()),
    # 与C合作 after a pair A与B: A carries on, B is no partner of C
    ("市供销社与建设银行发放贷款3亿元，与工商银行继续保持协同。",
     {("市供销社", "cooperatesWith", "工商银行")}, {("建设银行", "cooperatesWith", "工商银行")}),
    # two bodies that act jointly still cooperate
    ("省邮政管理局联合省人社厅印发《推进基层快递网点优先参加工伤保险工作实施方案》。",
     {("省邮政管理局", "cooperatesWith", "省人社厅")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", PAIRS, ids=[r[0][:12] for r in PAIRS])
def test_pairs_are_bodies(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- a meeting convened but not named; an event that frames where someone speaks ----------------
CONVENED = [
    # 召开会议 after a meeting named in a time clause is a new meeting: who attends it is not
    # an attendee of the one named before
    ("在收听收看全省安全生产电视电话会议后，我市立即召开会议，安排部署相关工作。副市长李永强出席。", set(),
     {("李永强", "attended", "全省安全生产电视电话会议"), ("李永强", "attended", "电视电话会议"),
      ("@city", "organized", "全省安全生产电视电话会议"), ("@city", "organized", "电视电话会议")}),
    # a plenary of a session is part of the session, not a new meeting
    ("政协第十四届全国委员会常务委员会第二次会议27日上午举行全体会议。全国政协主席王沪宁出席。",
     {("王沪宁", "attended", "政协第十四届全国委员会常务委员会第二次会议")}, set()),
    # a named meeting convened is still named
    ("省政府召开全省安全生产工作会议。副省长王明出席会议。",
     {("省政府", "organized", "全省安全生产工作会议"), ("王明", "attended", "全省安全生产工作会议")}, set()),
    # 在…召开的…上说: the speaker attends, he does not hold it
    ("孙波16日在北京召开的“质量和安全年·质量诚信论坛”上说，要建立体系。",
     {("孙波", "attended", "质量和安全年·质量诚信论坛")}, {("孙波", "organized", "质量和安全年·质量诚信论坛")}),
    # without 在…上 the one before 召开 holds it
    ("国务院在北京召开全国农村环境保护工作电视电话会议。", {("国务院", "organized", "全国农村环境保护工作电视电话会议")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", CONVENED, ids=[r[0][-14:] for r in CONVENED])
def test_convened_and_framed_meetings(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- decrees: a list of numbers sharing one head; what a decree says it publishes ----------------
DECREE = "国家主席习近平12月25日签署第四十一号、第四十二号主席令。"
DECREES = [
    # each number of the list is a decree of its own
    (DECREE, {("习近平", "issued", "第四十一号主席令"), ("习近平", "issued", "第四十二号主席令")}, set()),
    # the law a decree says is published is issued by who signed the decree
    (DECREE + "第四十一号主席令说，《中华人民共和国增值税法》已由全国人民代表大会常务委员会通过，现予公布。",
     {("习近平", "issued", "中华人民共和国增值税法")}, set()),
    # a decree nobody was said to sign before stands for no one
    ("第四十一号主席令说，《中华人民共和国增值税法》已由全国人民代表大会常务委员会通过，现予公布。", set(),
     {("习近平", "issued", "中华人民共和国增值税法")}),
    # a law named in a later clause than the one after 说 is not what the decree publishes
    (DECREE + "第四十二号主席令说，根据全国人民代表大会常务委员会的决定，《中华人民共和国增值税法》现予公布。", set(),
     {("习近平", "issued", "中华人民共和国增值税法")}),
    # numbers that share a head that is not a document are no objects
    ("国家主席习近平签署第一、第二批名单。", set(), {("习近平", "issued", "第一")}),
]


@pytest.mark.parametrize("text, expected, forbidden", DECREES, ids=[r[0][-14:] for r in DECREES])
def test_decrees(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- who undertakes: the article's topic, and the object of 由…总包 --------------------------------
def test_an_agency_dateline_is_not_the_topic_of_a_plan(extract):
    """新华网北京…电: 北京 is where the report was filed; a local 消息 dateline is the topic."""
    text = "新华网北京7月10日电 国务院召开座谈会。一是大力推进西部大开发工程。"
    assert not {g for g in _got(extract, text, "北京") if g[1] == "undertakes"}
    text = "2月9日晋源区消息，该区召开座谈会。一是大力推进晋阳湖水系连通一期工程。"
    assert ("晋源区", "undertakes", "晋阳湖水系连通一期工程") in _got(extract, text, "晋源区")


def test_a_place_after_located_is_not_what_the_builder_undertakes(extract):
    text = ("山西合成生物凯赛研究院EPC项目钢结构主体顺利实现封顶。"
            "山西合成生物凯赛研究院位于综改区山西合成生物产业生态园，是省重点项目，由山西建投潇河公司EPC总包。")
    got = _got(extract, text)
    assert ("山西建投潇河公司", "undertakes", "山西合成生物凯赛研究院EPC项目") in got, got
    assert ("山西建投潇河公司", "undertakes", "山西合成生物产业生态园") not in got, got


# -- speakers listed after their meeting --------------------------------------------------------
SESSION = "全国政协常委会第二次会议27日上午举行全体会议，13位常委围绕“推进中国式现代化”作大会发言。"
SPEAKERS = [
    # each sentence that opens with a speaker and a word of saying: the speaker attended;
    # one sentence may come before the first speaker; a name NER misses does not close the list
    (SESSION + "全国政协主席王沪宁出席。宁吉喆常委建议，强化科技创新。某某某常委提出，要扩大开放。郑永飞常委代表九三学社中央发言。",
     {("宁吉喆", "attended", "全国政协常委会第二次会议"), ("郑永飞", "attended", "全国政协常委会第二次会议")}, set()),
    # the first sentence that is no speaker's closes the list
    (SESSION + "宁吉喆常委建议，强化科技创新。会议指出，要扎实推进工作。郑永飞常委提出，要扩大开放。",
     {("宁吉喆", "attended", "全国政协常委会第二次会议")}, {("郑永飞", "attended", "全国政协常委会第二次会议")}),
    # without a sentence that says people spoke, names that open sentences attend nothing
    ("全国政协常委会第二次会议27日上午举行全体会议。宁吉喆常委建议，强化科技创新。", set(),
     {("宁吉喆", "attended", "全国政协常委会第二次会议")}),
]


SPEAKERS.append(
    # 发言 without 作 opens a list too
    ("全国政协常委会第二次会议27日上午举行全体会议，5位常委发言。宁吉喆常委建议，强化科技创新。",
     {("宁吉喆", "attended", "全国政协常委会第二次会议")}, set()))


@pytest.mark.parametrize("text, expected, forbidden", SPEAKERS, ids=["list", "closed", "no opener", "bare 发言"])
def test_speaker_lists(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- the headline, analysed with the body --------------------------------------------------------
def _got_headed(nlp, headline, body):
    """Claims of an article whose text opens with its headline line (Article.body_start)."""
    from kg.extract import extract_article
    from kg.model import Article

    text = headline + "\n" + body
    article = Article("t/001", "t.txt", 1, text, body_start=len(headline) + 1, date="2023-01-07")
    _, claims = extract_article(nlp(text), article)
    return {(_side(c.subject), c.predicate, _side(c.object)) for c in claims}


HEADLINES = [
    # the body restates the headline's claim with the object in full: the body's claim only
    ("习近平签署国家主席令", "国家主席习近平12月25日签署第四十一号、第四十二号主席令。",
     {("习近平", "issued", "第四十一号主席令")}, {("习近平", "issued", "国家主席令")}),
    # a headline claim the body does not restate stays
    ("习近平签署国家主席令", "中华人民共和国主席令第八号。", {("习近平", "issued", "国家主席令")}, set()),
    # 会议 in the body stands for the meeting the body names, not the headline's short name
    ("全国政协常委会第二次会议开幕", "政协第十四届全国委员会常务委员会第二次会议27日在京开幕。全国政协主席王沪宁主持会议。",
     {("王沪宁", "organized", "政协第十四届全国委员会常务委员会第二次会议")},
     {("王沪宁", "organized", "全国政协常委会第二次会议")}),
    # the body restates the headline's meeting by its head word: who attends after it attends
    # the headline's meeting; a bare 会议 no headline event ends with is a new, unnamed meeting
    ("王刚主持召开各人民团体负责人和基层代表座谈会",
     "市长王刚15日主持召开座谈会，听取意见建议。副市长李明出席。张平、赵亮参加。",
     {("李明", "attended", "各人民团体负责人和基层代表座谈会"), ("赵亮", "attended", "各人民团体负责人和基层代表座谈会")},
     set()),
    ("全市招商引资工作部署",
     "在收听收看全省招商引资工作电视电话会议后，我市立即召开会议。副市长李明出席。",
     set(), {("李明", "attended", "全省招商引资工作电视电话会议")}),
    # the headline names the meeting after the verb that convenes it; the body calls it 座谈会
    ("王刚主持召开各人民团体、全市民营企业负责人和基层代表座谈会",
     "市长王刚15日主持召开座谈会，听取意见建议。",
     {("王刚", "organized", "各人民团体、全市民营企业负责人和基层代表座谈会")},
     {("王刚", "organized", "基层代表座谈会"), ("王刚", "organized", "座谈会")}),
]


@pytest.mark.parametrize("headline, body, expected, forbidden", HEADLINES,
                         ids=["restated", "headline only", "body names", "body restates", "new meeting", "headline convened"])
def test_headline_claims(nlp, headline, body, expected, forbidden):
    _check(_got_headed(nlp, headline, body), expected, forbidden)


# -- the plan article: its district undertakes the projects it lists --------------------------
PLANS = [
    # the headline opens with the district, the body refers to it (该县): every project it names
    ("清徐县民生项目加快推进", "2月9日，从清徐县两会上获悉，该县今年将集中力量办好民生实事。一是完成清徐湖水系连通二期工程，"
     "二是开工建设清徐五中东湖学校。",
     {("清徐县", "undertakes", "清徐湖水系连通二期工程"), ("清徐县", "undertakes", "清徐五中东湖学校")}, set()),
    # … not a project named as where something is
    ("清徐县民生项目加快推进", "该县新建的研究院位于清徐县东湖科创产业园，今年将实施清徐湖水系连通二期工程。",
     {("清徐县", "undertakes", "清徐湖水系连通二期工程")}, {("清徐县", "undertakes", "东湖科创产业园")}),
    # a headline about a district the body never refers to is no plan article
    ("清徐县举办文化节", "文化节期间，省里介绍了清徐湖水系连通二期工程。", set(),
     {("清徐县", "undertakes", "清徐湖水系连通二期工程")}),
]


@pytest.mark.parametrize("headline, body, expected, forbidden", PLANS, ids=["listed", "located", "no reference"])
def test_plan_article(nlp, headline, body, expected, forbidden):
    _check(_got_headed(nlp, headline, body), expected, forbidden)


# -- 到 a place; acting on someone's behalf ------------------------------------------------------
TO_PLACES = [
    # who goes is the one before 代表, not the one he stands for
    ("最近，崔世安又代表特首何厚铧到四川参与灾后重建工作。", {("崔世安", "visited", "四川")}, {("何厚铧", "visited", "四川")}),
    ("习近平到闵行区考察。", {("习近平", "visited", "闵行区")}, set()),
    # a word that names the place as well as the act
    ("越共中央总书记阮富仲在中共二十大闭幕后即成功访华。", {("阮富仲", "visited", "中国")}, set()),
    ("访华期间，双方签署协议。", set(), {("双方", "visited", "中国")}),
    # 到 before a date, or inside another word (提到), is no visit
    ("张三到2025年完成任务。李四提到北京的发展。", set(), {("李四", "visited", "北京"), ("张三", "visited", "北京")}),
    # 到 before a body is no visit by this rule (到单位报到)
    ("张三到市教育局报到。", set(), {("张三", "visited", "市教育局")}),
    # 代表 after a noun is a title (群众代表谷祥峰), not acting for someone
    ("70周年庆祝大会在京举行。汉族群众代表谷祥峰在会上发言。", {("谷祥峰", "attended", "70周年庆祝大会")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", TO_PLACES, ids=[r[0][:12] for r in TO_PLACES])
def test_to_places_and_proxies(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- events NER did not tag, named by the clause after 举行/召开 -----------------------------------
EVENT_PHRASES = [
    # an ordinal lecture after its body: one event named after the body; who presides organized it
    ("闭幕会后，十四届全国人大常委会举行第十一讲专题讲座，赵乐际委员长主持。",
     {("十四届全国人大常委会", "organized", "十四届全国人大常委会第十一讲专题讲座"),
      ("赵乐际", "organized", "十四届全国人大常委会第十一讲专题讲座")}, set()),
    # a bare meeting word, or a short unnamed one, is no event name
    ("我市召开常务会议。", set(), {("@city", "organized", "常务会议")}),
    ("市政府举行专题讲座。", set(), {("市政府", "organized", "专题讲座")}),
]


@pytest.mark.parametrize("text, expected, forbidden", EVENT_PHRASES, ids=["lecture", "bare", "short"])
def test_event_phrases(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- who the subject is: not the object of a verb after 在…上; not the places of a body -------------
SUBJECTS = [
    # 任建新 is whom 陈文清 remembers at the meeting, not one who attends it
    ("全省安全生产工作会议在太原召开。陈文清在会上缅怀了任建新同志的光辉一生，强调要学习他。", set(),
     {("任建新", "attended", "全省安全生产工作会议")}),
    ("在中国循环经济发展高层论坛上，副省长王明强调，要压实责任。", {("王明", "attended", "中国循环经济发展高层论坛")}, set()),
    # places coordinated before a body are that body's places (an elided name)
    ("由湖北、山西、安徽省知识产权局共同主办的中部地理标志品牌培育创新大赛在武汉落幕。", set(),
     {("湖北", "organized", "中部地理标志品牌培育创新大赛"), ("山西", "organized", "中部地理标志品牌培育创新大赛")}),
    # a place and a body each named in full are both organisers
    ("全省职工技能大赛由太原市和省总工会共同主办。", {("省总工会", "organized", "全省职工技能大赛")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", SUBJECTS, ids=[r[0][:12] for r in SUBJECTS])
def test_who_the_subject_is(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- relative clauses and verb phrases are no sides ----------------------------------------------
NOT_SIDES = [
    # 出席“…”的代表: who attends is named after 的 (here nobody by name), not 邓小平 before
    ("邓小平同志亲属和家乡代表，以及出席“全国纪念邓小平同志诞辰120周年学术研讨会”的代表参加座谈会。", set(),
     {("邓小平", "attended", "全国纪念邓小平同志诞辰120周年学术研讨会")}),
    # a clause that opens with a verb is no document title (制定实施了一揽子化债方案)
    ("国务院组织制定实施了一揽子化债方案。", set(), {("国务院", "issued", "实施了一揽子化债方案")}),
    # a document phrase that opens with a noun still is one
    ("本报讯 近日，太钢发布了不锈钢低碳冶金技术路线图。", {("太钢", "issued", "不锈钢低碳冶金技术路线图")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", NOT_SIDES, ids=["relative", "verb phrase", "noun phrase"])
def test_relative_clauses_and_verb_phrases(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- sources, names' tails and relative clauses are not the actor --------------------------------
NOT_ACTORS = [
    # 据…报道: the source is no actor
    ("据中国之声报道，十一届全国人大常委会第九次会议将在今天上午举行闭幕会。", set(),
     {("中国之声", "organized", "十一届全国人大常委会第九次会议"), ("中国", "organized", "十一届全国人大常委会第九次会议")}),
    # 组织 right after a name is the name's tail, not 'organise'
    ("商务部长陈德铭21日出席亚太经合组织第十五届贸易部长会议时指出，要扩大开放。", set(),
     {("陈德铭", "organized", "第十五届贸易部长会议")}),
    # the subject of a relative clause (召开的…) is inside it, not in the clause before
    ("就气候变化和世贸组织多哈回合谈判进行协调，为年底召开的联合国哥本哈根会议达成共识注入动力。", set(),
     {("世贸", "organized", "联合国哥本哈根会议"), ("世贸组织", "organized", "联合国哥本哈根会议")}),
    ("昨天，中国贸促会主办的中国-土耳其经贸洽谈会在北京举行。", {("中国贸促会", "organized", "土耳其经贸洽谈会")}, set()),  # NER cuts 中国-
    # who attends, named after 的: the person, not the body of his title
    ("梅德韦杰夫会见正在莫斯科出席上海合作组织成员国第四次安全会议秘书会议的中国国务委员、公安部部长孟建柱。",
     {("孟建柱", "attended", "上海合作组织成员国第四次安全会议秘书会议")},
     {("公安部", "attended", "上海合作组织成员国第四次安全会议秘书会议")}),
]


@pytest.mark.parametrize("text, expected, forbidden", NOT_ACTORS, ids=[r[0][:10] for r in NOT_ACTORS])
def test_who_is_not_the_actor(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- how often an event is held is no part of its name -------------------------------------------
COUNTS = [
    ("国务院总理温家宝7号和9号召开两次经济形势座谈会，分别听取经济专家意见。在座谈会上，温家宝指出，要稳增长。",
     {("温家宝", "organized", "经济形势座谈会")},
     {("温家宝", "organized", "两次经济形势座谈会"), ("温家宝", "attended", "经济形势座谈会")}),
    # right after a term the number is an ordinal and stays
    ("十四届全国人大一次会议主席团常务主席第一次会议4日下午在北京举行。赵乐际主持会议。", set(),
     {("赵乐际", "organized", "会议主席团常务主席第一次会议")}),
]


@pytest.mark.parametrize("text, expected, forbidden", COUNTS, ids=["count", "ordinal"])
def test_event_counts(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_a_headline_place_stays_beside_the_body_cities(nlp):
    got = _got_headed(nlp, "习近平在江苏考察", "5日下午，习近平来到苏州工业园区考察。随后，习近平来到南京市考察。")
    assert {("习近平", "visited", "江苏"), ("习近平", "visited", "南京市")} <= got, got


# -- 这里: the place the sentence before describes -------------------------------------------------
HERE = [
    ("东城区隆福寺街区打造成为多业态步行街区。习近平来到这里。", {("习近平", "visited", "隆福寺街区")}, set()),
    # a place after 位于 is where the described place lies, not the place itself
    ("位于西城区北草厂胡同的养老服务街区，近年来推进适老化改造。习近平来到这里。", set(),
     {("习近平", "visited", "西城区"), ("习近平", "visited", "北草厂胡同")}),
    # only the sentence right before: a place named further back is not 这里
    ("东城区隆福寺街区打造成为多业态步行街区。老人们在写春联。习近平来到这里。", set(),
     {("习近平", "visited", "隆福寺街区")}),
]


@pytest.mark.parametrize("text, expected, forbidden", HERE, ids=["described", "located", "further back"])
def test_here_is_the_place_described_before(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- teams named after the body that leads them ---------------------------------------------------
TEAMS = [
    ("6月中旬，由国家发改委牵头的调研组，分赴湖北、浙江等地调研。",
     {("国家发改委调研组", "visited", "湖北"), ("国家发改委调研组", "visited", "浙江")},
     {("国家发改委", "visited", "湖北")}),
    ("国家发改委调研组来到湖北。", {("国家发改委调研组", "visited", "湖北")}, set()),
    # a body that visits without a team word is no visitor (visits are by people or teams)
    ("国家发改委来到湖北。", set(), {("国家发改委", "visited", "湖北")}),
    # a team word after people is still the officials named before
    ("省人社厅副厅长师广卫巡视考务工作。巡视领导先后来到市第十五中学校。", {("师广卫", "visited", "市第十五中学校")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", TEAMS, ids=["led by", "named", "body", "officials"])
def test_teams(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- event names at their full extent: what an anniversary commemorates; names joined by 暨 ------
FULL_EVENT_NAMES = [
    # the lead verb, the person commemorated and the honorific belong to the name; a bare
    # 座谈会 later stands for it
    ("纪念王明远同志诞辰110周年座谈会18日在京举行。全国政协副主席李国华出席座谈会。",
     {("李国华", "attended", "纪念王明远同志诞辰110周年座谈会")},
     {("李国华", "attended", "诞辰110周年座谈会")}),
    # no lead verb: the name starts with what is commemorated (a place, an act)
    ("副总理陈立明将出席中法建交60周年庆祝大会。",
     {("陈立明", "attended", "中法建交60周年庆祝大会")}, {("陈立明", "attended", "60周年庆祝大会")}),
    # a body founded: its founding meeting
    ("华北新材料集团有限公司成立大会在石家庄举行。省委书记周建华出席成立大会。",
     {("周建华", "attended", "华北新材料集团有限公司成立大会")}, set()),
    # two meetings joined by 暨 are one event
    ("纪念墨子诞辰2500周年学术研讨会暨中国墨子学会第三届会员大会开幕。政协副主席吴光出席开幕会。",
     {("吴光", "attended", "纪念墨子诞辰2500周年学术研讨会暨中国墨子学会第三届会员大会")},
     {("吴光", "attended", "第三届会员大会")}),
    # a quoted theme of two halves before the head belongs to the name
    ("中国科学院在京举行“坚守科研初心 服务国家需求”专家座谈会。副总理郑平出席会议。",
     {("中国科学院", "organized", "“坚守科研初心 服务国家需求”专家座谈会"),
      ("郑平", "attended", "“坚守科研初心 服务国家需求”专家座谈会")},
     {("郑平", "attended", "专家座谈会")}),
    # a verb inside a name that starts with the meeting's reach
    ("副总理赵明在全国深化农村集体产权制度改革工作推进会上讲话。",
     {("赵明", "attended", "全国深化农村集体产权制度改革工作推进会")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", FULL_EVENT_NAMES, ids=[r[0][:12] for r in FULL_EVENT_NAMES])
def test_full_event_names(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- event names that end with a talk, a plenary, a briefing or an election ---------------------
EVENT_ENDINGS = [
    # …对话 with 与 inside the name, after a relative clause
    ("赵强准备出席即将在北京举行的第二轮中欧战略与经济对话。", {("赵强", "attended", "第二轮中欧战略与经济对话")}, set()),
    # a plenary of a term (N届…N次全会)
    ("王刚在十四届省委五次全会上讲话。", {("王刚", "attended", "十四届省委五次全会")}, set()),
    # an election named by its place and term
    ("李华宣布参加香港第七届行政长官选举。", {("李华", "attended", "香港第七届行政长官选举")}, set()),
    # a briefing
    ("外交部副部长王明在中外媒体吹风会上表示，要加强合作。", {("王明", "attended", "中外媒体吹风会")}, set()),
    # a body after a verb of its own clause is that verb's object, not who takes part next
    # …and the person carries on through the clauses of his acts, each opening with its verb
    ("张明走进会场，宣布辞去市教育局局长一职，参加第五届区议会选举。", {("张明", "attended", "第五届区议会选举")},
     {("市教育局", "attended", "第五届区议会选举")}),
    # not out of a time clause
    ("张明走进会场后，宣布辞去市教育局局长一职，参加第五届区议会选举。", set(),
     {("张明", "attended", "第五届区议会选举"), ("市教育局", "attended", "第五届区议会选举")}),
]


@pytest.mark.parametrize("text, expected, forbidden", EVENT_ENDINGS, ids=[r[0][:12] for r in EVENT_ENDINGS])
def test_event_endings(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_meeting_of_listed_countries_starts_after_the_list(nlp):
    # the last place of a list before a quoted name is no part of the meeting's name; a count
    # before a talk is no part of it either
    doc = nlp("李明出席了中国、法国、德国“三国”领导人会晤。两国领导人已举行过3次集体会晤。")
    events = [e.text for e in doc.ents if e.label_ == "EVENT"]
    assert events == ["“三国”领导人会晤"], events


def test_bare_preside_after_a_sentence_with_no_event_is_the_articles_event(extract):
    # 主持。 with no object, after a sentence that names no event: the first event of the article
    text = "全省文化论坛19日在太原开幕。王明表示，要弘扬传统文化，推动交流互鉴。省文化学会会长张华主持。"
    assert ("张华", "organized", "全省文化论坛") in _got(extract, text)


# -- a project only planned is not undertaken; the second of two joined events -----------------
PLANNED_AND_JOINED = [
    # a word of intent before the trigger: the district plans it, nobody builds it yet
    ("该区正在谋划启动南河生态修复工程。", set(), {("杏花岭区", "undertakes", "南河生态修复工程")}),
    ("该区拟实施东山综合整治工程和西峪生态复流工程。", set(),
     {("杏花岭区", "undertakes", "东山综合整治工程"), ("杏花岭区", "undertakes", "西峪生态复流工程")}),
    # without one, the district undertakes it
    ("该区启动东山综合整治工程。", {("杏花岭区", "undertakes", "东山综合整治工程")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", PLANNED_AND_JOINED, ids=[r[0][:12] for r in PLANNED_AND_JOINED])
def test_planned_projects(extract, text, expected, forbidden):
    _check(_got(extract, text, dateline="杏花岭区"), expected, forbidden)


def test_second_joined_event_after_its_places(extract):
    # 出席了A和[places]B: the places qualify B, which is attended too; the places are not
    got = _got(extract, "王明在北京出席了全国科技大会和中国、法国、德国“三国”领导人会晤。")
    _check(got, {("王明", "attended", "全国科技大会"), ("王明", "attended", "“三国”领导人会晤")},
           {("王明", "attended", "中国"), ("王明", "attended", "法国")})


def test_members_of_a_team_take_part(extract):
    # 由P1、P2等组成的…团队…参赛: each person the team is made of takes part in the event named before
    text = "省体育局举办全省青少年围棋锦标赛，由王刚、李明、赵强等组成的代表队代表我市参赛。"
    got = _got(extract, text)
    _check(got, {("王刚", "attended", "全省青少年围棋锦标赛"), ("李明", "attended", "全省青少年围棋锦标赛"),
                 ("赵强", "attended", "全省青少年围棋锦标赛")}, {("省体育局", "attended", "全省青少年围棋锦标赛")})


# -- the district of a local article holds what a clause opening with the act holds ------------
TOPIC_EVENTS = [
    ("3月2日小店区消息，该区优化政务服务。同时，在门户网站、微信公众号等平台宣传推广政策，按月开展“小店创客节”主题活动。",
     {("小店区", "organized", "“小店创客节”主题活动")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", TOPIC_EVENTS, ids=[r[0][:12] for r in TOPIC_EVENTS])
def test_topic_organizes_events(extract, text, expected, forbidden):
    _check(_got(extract, text, dateline="小店区"), expected, forbidden)


def test_a_clause_of_events_without_a_dateline_has_no_subject(extract):
    got = _got(extract, "按月开展“小店创客节”主题活动。")
    assert not any(p == "organized" for _, p, _ in got), got


def test_a_topic_clause_with_no_event_after_the_act_takes_none_from_before(extract):
    """开展。 with nothing after it in a local article: no event of an earlier sentence."""
    got = _got(extract, "3月2日小店区消息，全省招聘大会在太原召开。同时，积极开展。", dateline="小店区")
    assert not any(s == "小店区" and p == "organized" for s, p, _ in got), got


# -- a bare talk word after a verb of taking part is the talk named before -------------------
def test_taking_part_in_a_bare_talk_is_the_talk_named_before(extract):
    got = _got(extract, "第三轮中欧高层经济对话昨日在布鲁塞尔开幕。张伟部长当天下午参加对话并发言。")
    _check(got, {("张伟", "attended", "第三轮中欧高层经济对话")}, set())


def test_holding_a_bare_talk_is_a_new_one(extract):
    got = _got(extract, "第三轮中欧高层经济对话昨日在布鲁塞尔开幕。欧盟委员会随后举行对话。")
    assert not any(p == "organized" and o == "第三轮中欧高层经济对话" for _, p, o in got), got


# -- 在 + a body + (time) + 举行的 X: the body hosts X; a place there is only where ----------------
HOSTS = [
    ("在外交部3月5日举行的例行记者会上，发言人王蕾表示。", {("外交部", "organized", "例行记者会")}, set()),
    ("在上海3月5日举行的例行记者会上，发言人王蕾表示。", set(), {("上海", "organized", "例行记者会")}),
]


@pytest.mark.parametrize("text, expected, forbidden", HOSTS, ids=[r[0][:8] for r in HOSTS])
def test_a_body_after_zai_hosts_the_event_of_its_relative_clause(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- a press conference named by its word alone is held by whoever holds it ---------------------
def test_holding_a_bare_press_conference(extract):
    _check(_got(extract, "卫生部部长陈竺昨日上午举行记者会，介绍防控进展。"), {("陈竺", "organized", "记者会")}, set())


def test_a_bare_meeting_word_is_still_no_name(extract):
    got = _got(extract, "卫生部部长陈竺昨日上午举行会议，介绍防控进展。")
    assert not any(p == "organized" and o == "会议" for _, p, o in got), got


# -- where things are: a project after a place, 位于 + a place and the park in it, 位于X的Y ---------
LOCATIONS = [
    # a project written right after a place, its name in quotes, lies in it
    ("各地要推广广东“百千万工程”经验。", {("百千万工程", "locatedIn", "广东")}, set()),
    # 位于 + a zone + the park (a project) in it: the institute is in the zone, the park too
    # (locatedIn names places: a project is no object of it)
    ("太原智创研究院位于综改区潇河产业园，是省重点项目。",
     {("太原智创研究院", "locatedIn", "综改区"), ("潇河产业园", "locatedIn", "综改区")},
     {("太原智创研究院", "locatedIn", "潇河产业园")}),
    # 来到位于X的Y: Y is visited and lies in X; the places of the relative clause are not visited
    ("王刚来到位于延安市宝塔区的枣园革命旧址纪念馆，参观展览。",
     {("王刚", "visited", "枣园革命旧址纪念馆"), ("枣园革命旧址纪念馆", "locatedIn", "宝塔区"),
      ("枣园革命旧址纪念馆", "locatedIn", "延安市")},
     {("王刚", "visited", "延安市"), ("王刚", "visited", "宝塔区")}),
    # a relative clause that opens with a name is no 位于X的: the name is visited
    ("王刚来到人民大会堂北大厅同参加比赛的运动员见面。", {("王刚", "visited", "人民大会堂")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", LOCATIONS, ids=[r[0][:10] for r in LOCATIONS])
def test_where_things_are(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- an event named after the document it is about (开展了《…》竞赛) ---------------------------------
TITLED_EVENTS = [
    # the organisers listed before 主办, the event after 开展了 in the next clause
    ("由市司法局、市总工会主办，开展了《中华人民共和国民法典》竞赛。",
     {("市司法局", "organized", "《中华人民共和国民法典》竞赛"), ("市总工会", "organized", "《中华人民共和国民法典》竞赛")}, set()),
    # a title followed by no event word is no event
    ("市教育局开展了《中小学生守则》学习。", set(), {("市教育局", "organized", "《中小学生守则》学习")}),
]


@pytest.mark.parametrize("text, expected, forbidden", TITLED_EVENTS, ids=[r[0][:10] for r in TITLED_EVENTS])
def test_events_named_after_a_document(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- 与B合作 in a sentence with no subject: the body that opened the sentence before ---------------
CARRIED_PARTNERS = [
    ("今年以来，晋能控股集团与建设银行签署战略合作协议；与工商银行继续深化合作，授信额度突破百亿元。",
     {("晋能控股集团", "cooperatesWith", "建设银行"), ("晋能控股集团", "cooperatesWith", "工商银行")},
     {("建设银行", "cooperatesWith", "工商银行"), ("工商银行", "cooperatesWith", "建设银行")}),
    # the sentence before opens with a person and a verb: no body to carry
    ("王刚会见了建设银行负责人。与工商银行开展合作，是今年的重点。", set(),
     {("建设银行", "cooperatesWith", "工商银行"), ("工商银行", "cooperatesWith", "建设银行")}),
]


@pytest.mark.parametrize("text, expected, forbidden", CARRIED_PARTNERS, ids=[r[0][:10] for r in CARRIED_PARTNERS])
def test_partner_of_a_sentence_without_subject(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- 在…陪同下: who accompanies the subject does not act -------------------------------------------
ESCORTED = [
    ("8月3日至5日，李强在四川省委书记王晓晖和省长黄强陪同下，先后来到成都、绵阳等地调研。",
     {("李强", "visited", "成都"), ("李强", "visited", "绵阳")},
     {("黄强", "visited", "成都"), ("王晓晖", "visited", "成都")}),
    # the escort phrase after a clause of the subject's own; a 在 phrase of time before it
    ("当天上午，在返京途中，赵乐际走下飞机，在甘肃省委书记胡昌升陪同下，先后考察了敦煌研究院和莫高窟。",
     {("赵乐际", "visited", "敦煌研究院")}, {("胡昌升", "visited", "敦煌研究院")}),
]


@pytest.mark.parametrize("text, expected, forbidden", ESCORTED, ids=[r[0][:10] for r in ESCORTED])
def test_who_accompanies_does_not_act(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_signing_an_agreement_is_cooperation(extract):
    """签订 a cooperation agreement: 签订 stands between the second side and 合作; a contract
    between two persons is no cooperation of bodies."""
    _check(_got(extract, "晋能控股集团与华为公司签订战略合作协议。"), {("晋能控股集团", "cooperatesWith", "华为公司")}, set())
    assert not any(p == "cooperatesWith" for _, p, _ in _got(extract, "王刚与李明签订了购房合同。"))


# -- named people that lead a list closed by unnamed others (…，以及…等出席) -------------------------
LED_LISTS = [
    ("全国民族团结进步表彰大会在京隆重举行。王沪宁、蔡奇，老同志代表，以及各民族群众代表等出席大会。",
     {("王沪宁", "attended", "全国民族团结进步表彰大会"), ("蔡奇", "attended", "全国民族团结进步表彰大会")}, set()),
    # the unnamed others may be described with verbs of their own (来自…的)
    ("亚洲青年运动会在太原开幕。王刚、李明，以及来自亚洲各地的贵宾等出席开幕式。",
     {("王刚", "attended", "亚洲青年运动会"), ("李明", "attended", "亚洲青年运动会")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", LED_LISTS, ids=[r[0][-14:] for r in LED_LISTS])
def test_named_people_leading_a_list(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_scheduling_events_is_holding_them(extract):
    """安排了N场X: whoever schedules the events holds them; 安排 as a noun at a clause end
    takes no event named before."""
    _check(_got(extract, "在三天时间内，山西代表团安排了4场项目推介会。"), {("山西代表团", "organized", "项目推介会")}, set())
    got = _got(extract, "全省招商大会在太原召开。目前，省商务厅已经按照分工安排，成立了专门的小组。")
    assert not any(p == "organized" and s == "省商务厅" for s, p, _ in got), got


# -- a person written right after a body, with no title between, belongs to it -------------------
MEMBERS = [
    ("中国社会科学院财经战略研究院李明认为，消费仍将回升。", {("李明", "memberOf", "中国社会科学院财经战略研究院")}, set()),
    # a title between: a post, not a bare membership
    ("国务院发展研究中心副主任王刚认为，消费仍将回升。", set(), {("王刚", "memberOf", "国务院发展研究中心")}),
]


@pytest.mark.parametrize("text, expected, forbidden", MEMBERS, ids=[r[0][:10] for r in MEMBERS])
def test_a_person_right_after_a_body_is_its_member(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- a meeting the body convenes with a bare word is the one the headline names ------------------
def _got_with_headline(nlp, headline, body):
    from kg.extract import extract_article
    from kg.model import Article

    text = headline + "\n" + body
    article = Article("t/001", "t.txt", 1, text, date="2023-01-07", body_start=len(headline) + 1, headline=headline)
    _, claims = extract_article(nlp(text), article)
    return {(_side(c.subject), c.predicate, _side(c.object)) for c in claims}


def test_the_body_convenes_the_meeting_its_headline_names(nlp):
    got = _got_with_headline(nlp, "中共中央举行纪念王明同志诞辰100周年座谈会",
                             "中共中央13日上午在人民大会堂举行座谈会，纪念王明同志诞辰100周年。李强、蔡奇出席座谈会，"
                             "赵乐际主持座谈会。王明同志亲属、原身边工作人员等参加座谈会。")
    event = "纪念王明同志诞辰100周年座谈会"
    _check(got, {("李强", "attended", event), ("蔡奇", "attended", event), ("赵乐际", "organized", event)},
           {("王明", "attended", event)})  # the relatives take part, not the man remembered


def test_a_meeting_convened_after_another_one_of_the_body_stays_unnamed(nlp):
    """The body names a meeting of that head first: 召开会议 is a new one, named nowhere."""
    got = _got_with_headline(nlp, "全力以赴 保障物流畅通",
                             "4月18日，在收听收看全省电视电话会议后，我市立即召开会议，安排部署相关工作。副市长李永强出席。")
    assert not any(s == "李永强" and p == "attended" for s, p, _ in got), got


def test_an_event_phrase_may_list_who_it_is_for(nlp):
    """各民主党派中央、全国工商联负责人…座谈会 is one meeting (、 inside it, a body inside it); the
    body's 主持召开座谈会 is that meeting, and those who attend it after it."""
    event = "省各民主党派、省工商联负责人和无党派人士代表座谈会"
    got = _got_with_headline(nlp, "王刚主持召开" + event,
                             "省长王刚13日主持召开座谈会，听取意见建议。副省长李明出席。赵强、孙伟参加。")
    _check(got, {("王刚", "organized", event), ("李明", "attended", event), ("赵强", "attended", event)}, set())


# -- co-hosts and co-issuers are no partners ---------------------------------------------------
CO_ACTORS = [
    # 联合 right before the act they hold together: each organizes it, no cooperatesWith pairs
    ("全市读书节由市文旅局、市教育局和市图书馆联合主办。",
     set(), {("市文旅局", "cooperatesWith", "市教育局"), ("市教育局", "cooperatesWith", "市图书馆"),
             ("市文旅局", "cooperatesWith", "市图书馆")}),
    # 联合 before a document issued together: each issues it
    ("市发改委、市财政局和市统计局联合印发《太原市节能降碳行动方案》。",
     {("市发改委", "issued", "太原市节能降碳行动方案"), ("市统计局", "issued", "太原市节能降碳行动方案")},
     {("市发改委", "cooperatesWith", "市统计局"), ("市财政局", "cooperatesWith", "市统计局")}),
    # 联合 before any other act stays a cooperation between the two
    ("山西建设投资集团有限公司和中铁三局集团有限公司联合研发了新型钢轨。",
     {("山西建设投资集团有限公司", "cooperatesWith", "中铁三局集团有限公司")}, set()),
]


@pytest.mark.parametrize("text, expected, forbidden", CO_ACTORS, ids=[r[0][:10] for r in CO_ACTORS])
def test_co_hosts_and_co_issuers_are_no_partners(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_co_act_rules_must_name_rules():
    from kg.extract.relations import _co_acts

    with pytest.raises(ValueError, match="no rule named"):
        _co_acts(load_config().rules, ["organized/nowhere"])
    assert "联合" not in load_config().co_acts and "举办" in load_config().co_acts


# -- issued: bare notices of a body, and notices closed by their signature ----------------------
BARE_NOTICES = [
    ("3月2日，市商务局发布消息，全市消费券将分三批发放。", {("市商务局", "issued", "消息")}, set()),
    ("市卫健委也发布公告，提醒市民按时接种。", {("市卫健委", "issued", "公告")}, set()),
    # a person who posts a notice in a chat issues no document
    ("科室主任王芳依然操心着工作，在工作群里发出通知。", set(), {("王芳", "issued", "通知")}),
]


@pytest.mark.parametrize("text, expected, forbidden", BARE_NOTICES, ids=[r[0][:10] for r in BARE_NOTICES])
def test_a_body_issues_a_bare_notice(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_the_signature_of_a_notice_issued_it(nlp):
    got = _got_with_headline(nlp, "城区供暖设施检修公告",
                             "为保障今冬供暖安全，定于3月15日至4月15日对城区供暖管网进行检修。\n特此公告\n太原市热力公司\n2023年3月1日")
    _check(got, {("太原市热力公司", "issued", "城区供暖设施检修公告")}, set())


def test_a_bare_notice_headline_is_the_document(nlp):
    got = _got_with_headline(nlp, "公告", "市第二人民医院门诊楼改造项目已具备招标条件，现公开邀请单位参加投标。\n市第二人民医院\n2023年3月1日")
    _check(got, {("市第二人民医院", "issued", "公告")}, set())


def test_no_signature_without_a_closing_date_or_a_notice_headline(nlp):
    got = _got_with_headline(nlp, "城区供暖设施检修公告", "定于3月15日对城区供暖管网进行检修。\n太原市热力公司")
    assert not any(p == "issued" for _, p, _ in got), got
    got = _got_with_headline(nlp, "热力公司检修管网", "定于3月15日对城区供暖管网进行检修。\n太原市热力公司\n2023年3月1日")
    assert not any(p == "issued" for _, p, _ in got), got


# -- organizers of events NER did not tag ---------------------------------------------------------
UNTAGGED_EVENTS = [
    # 由 A、B 主办，C 承办的 + a name that ends like an event: each body organized it
    ("由市文旅局、市教育局主办，市图书馆承办的“书香龙城 悦读太原”全民阅读活动近期将举办8场讲座。",
     {("市文旅局", "organized", "“书香龙城 悦读太原”全民阅读活动"), ("市教育局", "organized", "“书香龙城 悦读太原”全民阅读活动"),
      ("市图书馆", "organized", "“书香龙城 悦读太原”全民阅读活动")}, set()),
    # without 由 the relative clause describes the body's deeds: no event named
    ("这是该中心成立以来首次主办的大型对外活动。", set(), {("该中心", "organized", "大型对外活动")}),
    # an event named as what starts, then referred to with 此次: its organizers
    ("4月2日，全省2023年退役军人线上招聘活动全面启动。此次线上招聘活动由省退役军人事务厅、省总工会联合举办。",
     {("省退役军人事务厅", "organized", "全省2023年退役军人线上招聘活动"), ("省总工会", "organized", "全省2023年退役军人线上招聘活动")},
     {("省退役军人事务厅", "cooperatesWith", "省总工会")}),
    # a clause that only names kinds of activity (各项活动) names no event
    ("4月2日，各项宣传活动全面启动。此次活动由市委宣传部主办。", set(), {("市委宣传部", "organized", "各项宣传活动")}),
]


@pytest.mark.parametrize("text, expected, forbidden", UNTAGGED_EVENTS, ids=[r[0][:10] for r in UNTAGGED_EVENTS])
def test_organizers_of_untagged_events(extract, text, expected, forbidden):
    got = _got(extract, text)
    _check(got, expected, forbidden)
    assert not any(p == "organized" and o == "大型对外活动" for _, p, o in got), got


# -- units of a force belong to the unit of the rank above them ------------------------------------
def test_units_belong_to_the_nearest_unit_ranked_above(extract):
    got = _got(extract, "3月5日,交警支队启动应急预案。截至3月6日上午,110指挥中心共接到报警80起。杏花岭三大队管控了辖区道路,"
                        "晋源二大队一中队民警在路口疏导交通。")
    _check(got, {("杏花岭三大队", "subOrganizationOf", "交警支队"), ("110指挥中心", "subOrganizationOf", "交警支队"),
                 ("晋源二大队一中队", "subOrganizationOf", "交警支队")},
           {("晋源二大队一中队", "subOrganizationOf", "杏花岭三大队")})  # its name writes its own 大队


def test_no_unit_parent_when_the_rank_above_is_ambiguous(extract):
    """Two 大队 and a 中队 whose name writes none: which 大队 it belongs to is not said."""
    got = _got(extract, "杏花岭三大队和晋源二大队管控了辖区道路,城关中队民警在路口疏导交通。")
    assert not any(p == "subOrganizationOf" and s == "城关中队" for s, p, _ in got), got
    got = _got(extract, "杏花岭三大队管控了辖区道路,城关中队民警在路口疏导交通。")
    assert ("城关中队", "subOrganizationOf", "杏花岭三大队") in got, got  # one 大队: the 中队's


# -- the district of the article cooperates when its clause names no side -------------------------
TOPIC_PARTNERS = [
    ("3月2日小店区消息,该区将办好十件实事。加强与山西大学、太原理工大学交流合作,推进校地共建。",
     {("小店区", "cooperatesWith", "山西大学"), ("小店区", "cooperatesWith", "太原理工大学")}, set()),
    # a side named before 与 (企业) is who cooperates, not the district
    ("3月2日小店区消息,该区将办好十件实事。支持企业与山西大学合作。", set(), {("小店区", "cooperatesWith", "山西大学")}),
]


@pytest.mark.parametrize("text, expected, forbidden", TOPIC_PARTNERS, ids=[r[0][-12:] for r in TOPIC_PARTNERS])
def test_the_district_cooperates_when_no_side_is_named(extract, text, expected, forbidden):
    _check(_got(extract, text, dateline="小店区"), expected, forbidden)


# -- a body's own team ---------------------------------------------------------------------------
OWN_TEAMS = [
    ("国网大同供电公司组织云冈共产党员服务队开展线路巡查。", {("云冈共产党员服务队", "subOrganizationOf", "国网大同供电公司")},
     {("国网大同供电公司", "subOrganizationOf", "云冈共产党员服务队")}),
    # a body organized, not a team: no unit
    ("市总工会组织市妇联开展宣讲。", set(), {("市妇联", "subOrganizationOf", "市总工会")}),
]


@pytest.mark.parametrize("text, expected, forbidden", OWN_TEAMS, ids=[r[0][:10] for r in OWN_TEAMS])
def test_a_team_a_body_sends_out_is_its_unit(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


# -- partners of a pair in a list ---------------------------------------------------------------
PAIR_LISTS = [
    # 与 + a list closed by 等 and the kind of partners: one pair per partner (组织 is no verb here)
    ("中国红十字会还与联合国儿童基金会、世界卫生组织等国际组织开展了合作。",
     {("中国红十字会", "cooperatesWith", "联合国儿童基金会"), ("中国红十字会", "cooperatesWith", "世界卫生组织")},
     set()),
    ("国家电网与中国银行、中国移动等企业签署合作协议。",
     {("国家电网", "cooperatesWith", "中国银行"), ("国家电网", "cooperatesWith", "中国移动")}, set()),
    # the subject, the preposition and the partners are one coordinated run of bodies
    ("市科技局同山西大学、太原理工大学开展合作。",
     {("市科技局", "cooperatesWith", "山西大学"), ("市科技局", "cooperatesWith", "太原理工大学")}, set()),
    # partners joined by 和 after 与 are not partners of each other
    ("北京大学与清华大学和复旦大学开展合作。",
     {("北京大学", "cooperatesWith", "清华大学"), ("北京大学", "cooperatesWith", "复旦大学")},
     {("清华大学", "cooperatesWith", "复旦大学")}),
]


@pytest.mark.parametrize("text, expected, forbidden", PAIR_LISTS, ids=[r[0][:12] for r in PAIR_LISTS])
def test_each_partner_of_a_list_pairs_with_the_subject(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)


def test_a_long_event_name_does_not_break_the_subject_reach(extract):
    """A name counts as one word in the subject's reach: the visit after a clause naming a long
    event is still the traveller's."""
    text = ("国家主席习近平乘专机离开北京，前往出席在哈萨克斯坦阿斯塔纳举行的上海合作组织成员国元首理事会第二十四次会议，"
            "并对哈萨克斯坦、塔吉克斯坦进行国事访问。")
    _check(_got(extract, text), {("习近平", "visited", "哈萨克斯坦"), ("习近平", "visited", "塔吉克斯坦")},
           {("习近平", "visited", "阿斯塔纳")})


TALKS = [
    # 参加会见: those who take part attend the meeting named by that word
    ("习近平在人民大会堂会见法国总统。王毅、李明参加会见。",
     {("王毅", "attended", "会见"), ("李明", "attended", "会见")}, set()),
    # the bare word only: a time clause of a 会见 is no object
    ("王刚参加会见时指出，要加强合作。", set(), {("王刚", "attended", "会见")}),
]


@pytest.mark.parametrize("text, expected, forbidden", TALKS, ids=[r[0][:12] for r in TALKS])
def test_who_joins_a_meeting_of_leaders_attends_it(extract, text, expected, forbidden):
    _check(_got(extract, text), expected, forbidden)
