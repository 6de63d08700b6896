"""The splitting rules one case at a time, on small pages written for the purpose.

Short pages are inline; the three multi-item layouts are files in ``pages/``. Rows marked
"must not fire" are text that looks like a rule's trigger but is not one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import decode_file, split_page
from kg.ingest.bylines import parse_byline, split_credit
from kg.ingest.dates import cn_number, find_dateline, iso_date
from kg.model import Article

PAGES = Path(__file__).resolve().parent / "pages"


def split(text: str, year: int | None = None) -> list[Article]:
    articles = split_page(text, "case.txt", year=year)
    for a in articles:  # every case also keeps the offset contract
        for seg in a.segments:
            assert text[seg.source_start:seg.source_start + seg.length] == a.text[seg.start:seg.start + seg.length]
    return articles


def one(text: str, year: int | None = None) -> Article:
    articles = split(text, year)
    assert len(articles) == 1, [a.body for a in articles]
    return articles[0]


def names(article: Article) -> list[tuple[str, str]]:
    return [(a.name, a.role) for a in article.authors]


# -- lead markers and run-in headlines ---------------------------------------------------------
@pytest.mark.parametrize("page, headline, text, date, place", [
    ("东湖公园完成改造\n\n本报讯 3月2日，东湖公园改造工程完工。", "东湖公园完成改造", "3月2日，东湖公园改造工程完工。", "--03-02", None),
    ("越开越密 越跑越快 首趟班列启程 本报讯 1月6日，班列从物流园鸣笛启程，该趟班列共编组54车。",
     "越开越密 越跑越快 首趟班列启程", "1月6日，班列从物流园鸣笛启程，该趟班列共编组54车。", "--01-06", None),
    ("台湾南投县发生5.3级地震新华网北京7月26日电 据国家地震台网测定，台湾南投县发生5.3级地震。",
     "台湾南投县发生5.3级地震", "据国家地震台网测定，台湾南投县发生5.3级地震。", "--07-26", "北京"),
    ("最高法公布5起案件中新社北京六月二十五日电 明天是国际禁毒日。", "最高法公布5起案件", "明天是国际禁毒日。", "--06-25", "北京"),
    ("禁毒委要求严查涉毒据新华社电 昨天，国家禁毒委员会发布消息。", "禁毒委要求严查涉毒", "昨天，国家禁毒委员会发布消息。", None, None),
    ("扎实做好民生保障——论落实会议精神⑥ 太报评 民生是人民幸福之基。", "扎实做好民生保障", "民生是人民幸福之基。", None, None),
    ("本报讯 1月9日迎泽区消息，该区优化营商环境。", None, "1月9日迎泽区消息，该区优化营商环境。", "--01-09", "迎泽区"),
])
def test_lead_markers(page, headline, text, date, place):
    article = one(page)
    assert (article.headline, article.body, article.date, article.dateline_place) == (headline, text, date, place)


def test_every_lead_marker_starts_an_item():
    articles = split("本报讯 1月2日，甲地开会。\n\n本报讯 1月3日，乙地开会。\n本报讯 1月4日，丙地开会。")
    assert [a.body for a in articles] == ["1月2日，甲地开会。", "1月3日，乙地开会。", "1月4日，丙地开会。"]


def test_byline_in_brackets_after_the_marker():
    article = one("卫生部称住院费有望报销一半本报讯 (记者叶洲) 卫生部副司长昨日表示，我国将继续推进。")
    assert article.headline == "卫生部称住院费有望报销一半"
    assert names(article) == [("叶洲", "reporter")]
    assert article.body == "卫生部副司长昨日表示，我国将继续推进。"


def test_unmarked_run_in_headline_only_where_an_item_starts():
    page = "中北大学表现突出 网络安全攻防演习 教育部发来感谢信 2021年9月,教育部开展教育系统网络安全攻防演习,中北大学信息化建设与管理处的技术骨干组成参赛团队代表我省参赛。(尹哲)"
    article = one(page)
    assert article.headline == "中北大学表现突出 网络安全攻防演习 教育部发来感谢信"
    assert article.body.startswith("2021年9月,教育部")


@pytest.mark.parametrize("page", [
    # must not fire: quotes left open, or a paragraph inside an open item
    "本报讯 3月1日，活动启动。\n\n“技能圆梦想 就业有位”来“云”专项活动近期将举办6场校企对接“云招聘”，欢迎参加。",
    "“技能圆梦想 就业有位”来“云”专项活动近期将举办6场校企对接“云招聘”，欢迎高校毕业生参加。",
])
def test_run_in_headline_must_not_fire(page):
    assert all(a.headline is None for a in split(page))


# -- headline groups, labels, sub-headlines --------------------------------------------------
@pytest.mark.parametrize("page, section, headline, subs", [
    ("政务之要\n\n节前监督检查\n\n本报讯 春节临近，执法队开展检查。", "政务之要", "节前监督检查", []),
    ("聚焦 安全生产\n\n迎泽区优化营商环境\n\n本报讯 该区持续推进改革。", "聚焦 安全生产", "迎泽区优化营商环境", []),
    ("食品安全宣传周动态\n\n晋源区打造零工市场\n\n本报讯 该区零工市场投入运营。", "食品安全宣传周动态", "晋源区打造零工市场", []),
    # must not fire: a label prefix on the only heading line is a headline
    ("关注青少年心理健康\n\n本报讯 市教育局开展专题活动。", None, "关注青少年心理健康", []),
    ("加快优质医疗资源扩容\n\n我市提升医院服务质量\n\n本报讯 市政府公布方案。", None, "我市提升医院服务质量", ["加快优质医疗资源扩容"]),
    ("全力打造核心区\n\n——访万柏林区委书记孙泉\n\n“我们将坚决扛起重大使命。”孙泉说。", None, "全力打造核心区", ["访万柏林区委书记孙泉"]),
    ("抓党建促基层治理\n\n\n\n研究院主体封顶\n\n本报讯 研究院钢结构主体封顶。", "抓党建促基层治理", "研究院主体封顶", []),
])
def test_heading_groups(page, section, headline, subs):
    article = one(page)
    assert (article.section, article.headline, article.subheadlines) == (section, headline, subs)


def test_section_carries_to_following_items_until_the_next_label():
    articles = split("政务之要\n\n甲\n\n本报讯 甲事。\n\n乙\n\n本报讯 乙事。\n\n聚焦 民生\n\n丙\n\n本报讯 丙事。")
    assert [a.section for a in articles] == ["政务之要", "政务之要", "聚焦 民生"]


def test_intertitles_are_paragraphs_of_the_open_item():
    article = one("春风行动\n\n记者走进医院。\n\n“再坚持一下”\n\n护士长每天奔波。\n\n保障多元 立足需求\n\n医院增设床位。记者 赵刚")
    assert article.headline == "春风行动"
    assert article.body.split("\n") == ["记者走进医院。", "“再坚持一下”", "护士长每天奔波。", "保障多元 立足需求", "医院增设床位。"]


def test_a_heading_after_a_layout_gap_starts_a_new_item():
    articles = split("评论标题\n\n太报评 民生是人民幸福之基。\n\n\n\n忙碌与坚守\n\n春节将至，医护人员仍在坚守。")
    assert [a.headline for a in articles] == ["评论标题", "忙碌与坚守"]


def test_a_short_cut_off_sentence_is_text_not_an_intertitle():
    article = one("本报讯 2月9日,阳曲县推进民生项目。\n\n在提升城市品质方面,努力实施总投资16亿元的县\n\n城老旧小区改造项目建设。")
    assert article.body == "2月9日,阳曲县推进民生项目。\n在提升城市品质方面,努力实施总投资16亿元的县城老旧小区改造项目建设。"


# -- bylines ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("page, text, authors", [
    ("本报讯 甲事。（尹哲）", "甲事。", [("尹哲", "reporter")]),
    ("本报讯 甲事。(王勇、兰杰)", "甲事。", [("王勇", "reporter"), ("兰杰", "reporter")]),
    ("本报讯 甲事。\n\n(任晓明、司 勇)", "甲事。", [("任晓明", "reporter"), ("司勇", "reporter")]),
    ("本报讯 甲事。\n\n记者 徐方伟", "甲事。", [("徐方伟", "reporter")]),
    ("本报讯 甲事。\n\n记者 王勇 王丹", "甲事。", [("王勇", "reporter"), ("王丹", "reporter")]),
    ("本报讯 甲事，也是一种幸福。记者 王春宇", "甲事，也是一种幸福。", [("王春宇", "reporter")]),
    ("本报讯 甲事。(岳霞红) (图片由山西合成生物凯赛研究院提供)", "甲事。", [("岳霞红", "reporter")]),
    ("本报讯 甲事。\n\n(张晋峰、刘海君 文/摄)", "甲事。",
     [("张晋峰", "reporter"), ("张晋峰", "photographer"), ("刘海君", "reporter"), ("刘海君", "photographer")]),
    # must not fire: brackets inside a sentence, a bracket that is not a name list, no byline
    ("本报讯 山西省农业信贷融资担保有限公司(以下简称山西农担)业务增长。", "山西省农业信贷融资担保有限公司(以下简称山西农担)业务增长。", []),
    ("本报讯 发热门诊（门诊）应设尽设。", "发热门诊（门诊）应设尽设。", []),
    ("本报讯 会议在此召开(中)", "会议在此召开(中)", []),
    ("本报讯 记者 王勇在现场看到，工人们正在施工。", "记者 王勇在现场看到，工人们正在施工。", []),
])
def test_bylines(page, text, authors):
    article = one(page)
    assert (article.body, names(article)) == (text, authors)


def test_parse_byline_roles():
    got = parse_byline("记者 魏薇 通讯员 王红 孟亮 文/摄", require_prefix=True)
    assert [(a.name, a.role) for a in got] == [
        ("魏薇", "reporter"), ("魏薇", "photographer"),
        ("王红", "correspondent"), ("王红", "photographer"),
        ("孟亮", "correspondent"), ("孟亮", "photographer"),
    ]
    assert parse_byline("王勇 王丹", require_prefix=True) is None  # an unbracketed byline needs 记者…
    assert parse_byline("以下简称山西农担") is None
    lenient = parse_byline("记者陈青平 满洲里电台崔艳凤 通讯员张鹏", lenient=True)
    assert [(a.name, a.role) for a in lenient] == [("陈青平", "reporter"), ("张鹏", "correspondent")]


@pytest.mark.parametrize("line, caption, who", [
    ("市民在汾河公园赏花。王韵菲 摄", "市民在汾河公园赏花。", ["王韵菲"]),
    ("对倒木切割移除。申波 武志刚 王熙 摄", "对倒木切割移除。", ["申波", "武志刚", "王熙"]),
    ("张秀丽 郭建都 摄影", "", ["张秀丽", "郭建都"]),
    ("开展线路覆冰和舞动现象梁丹 常宇 摄影", "开展线路覆冰和舞动现象", ["梁丹", "常宇"]),
    ("交警在路口执勤 李明 摄", "交警在路口执勤", ["李明"]),
])
def test_split_credit(line, caption, who):
    end, authors = split_credit(line)
    assert line[:end] == caption
    assert [a.name for a in authors] == who and {a.role for a in authors} == {"photographer"}


@pytest.mark.parametrize("line", ["我爱摄影", "他拿起相机开始拍摄", "学习摄影 摄"])
def test_split_credit_must_not_fire(line):
    assert split_credit(line) is None


# -- pages with several items -----------------------------------------------------------------------
def test_interrupted_item_resumes_after_the_item_that_cut_it():
    articles = split(decode_file(PAGES / "interrupted.txt"))
    assert [a.headline for a in articles] == ["春风行动 我们在一线", "东湖公园完成改造"]
    feature, news = articles
    assert "及时帮助前来的患者家属办理手续。" in feature.body
    assert feature.body.split("\n")[1] == "“再坚持一下”"
    assert names(feature) == [("赵刚", "reporter"), ("赵刚", "photographer"), ("钱芳", "correspondent"), ("钱芳", "photographer")]
    assert news.body == "3月2日，东湖公园改造工程完工，园内新增步道3公里。"
    assert names(news) == [("周明", "reporter")]
    assert "专栏标题" not in feature.body and "专栏标题" not in news.body


def test_notices_and_signatures():
    articles = split(decode_file(PAGES / "notice.txt"), year=2023)
    assert [(a.section, a.headline) for a in articles] == [("并州论坛", None), ("并州论坛", "停电公告"), ("并州论坛", "公告")]
    commentary, outage, hiring = articles
    assert commentary.body.startswith("推动高质量发展") and "停电" not in commentary.body
    assert outage.body.split("\n") == ["因线路检修，下列区域于3月5日停电：", "- 1.停电时间:3月5日8时至18时。",
                                       "特此公告", "太原供电公司", "2023年3月1日"]
    assert hiring.body.split("\n")[-3:] == ["联系人:孙先生", "某某医院", "2023年3月1日"]


def test_photo_items():
    articles = split(decode_file(PAGES / "photos.txt"))
    kinds = [(a.kind, a.headline, a.body, [x.name for x in a.authors]) for a in articles]
    assert kinds == [
        ("photo", None, "3月8日，市民在汾河公园赏花。", ["刘洋"]),
        ("photo", "春日踏青", "市民在公园里放风筝", ["张秀丽", "郭建都"]),
        ("photo", None, "游客在景区门口排队入园现象", ["梁丹", "常宇"]),
        ("article", None, "交警在路口疏导交通。", []),
        ("article", "交警发布出行提示", "3月8日,交警支队发布出行提示。", ["张晋峰", "张晋峰", "刘海君", "刘海君"]),
    ]
    assert articles[0].section == "图片新闻" and articles[0].date == "--03-08"


def test_text_split_off_under_the_same_byline_is_merged_back():
    page = "公证行业对接金融机构\n\n本报讯 公证行业推出线上服务。(辛欣、赵丹)\n\n借助在线平台，当事人可在线签署文件。(辛欣、赵丹)"
    article = one(page)
    assert article.body == "公证行业推出线上服务。\n借助在线平台，当事人可在线签署文件。"


def test_same_byline_on_two_headed_items_is_not_merged():
    articles = split("甲路施工\n\n本报讯 甲路封闭。（张晋峰）\n\n乙路施工\n\n本报讯 乙路封闭。（张晋峰）")
    assert [a.headline for a in articles] == ["甲路施工", "乙路施工"]


# -- paragraphs --------------------------------------------------------------------------------------
@pytest.mark.parametrize("page, text", [
    ("本报讯 形成“错位发展、有序竞\n\n争”的发展模式。", "形成“错位发展、有序竞争”的发展模式。"),
    ("本报讯 第一段。\n\n第二段。", "第一段。\n第二段。"),
    ("本报讯 第一段。”\n\n第二段！", "第一段。”\n第二段！"),
    ("本报讯 协助开展核酸检测等工作；\n\n志愿者们则跟随党员一起奋战。", "协助开展核酸检测等工作；志愿者们则跟随党员一起奋战。"),
    ("本报讯 　　第一段有全角缩进。  \r\n\t第二段。", "第一段有全角缩进。\n第二段。"),
])
def test_paragraph_joining(page, text):
    assert one(page.replace("\r\n", "\n")).body == text


def test_empty_and_heading_only_pages_give_no_items():
    assert split("") == []
    assert split("\n\n政务之要\n\n") == []


# -- dates -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lead, month_day, place", [
    ("1月9日迎泽区消息，该区开展活动。", (1, 9), "迎泽区"),
    ("4月18日综改区传来消息,研究院封顶。", (4, 18), "综改区"),
    ("以更高标准推进生态文明建设。2月9日,晋源区消息,该区提出。", (2, 9), "晋源区"),
    ("受疫情影响，融资效率难以保障。4月18日,市司法局消息,公证行业对接金融机构。", (4, 18), None),
    ("奔波在路上的快递小哥怎么办?4月18日传来好消息,省邮政管理局印发方案。", (4, 18), None),
    ("5月24日消息，由省人社厅主办的活动近期举办。", (5, 24), None),
    ("4月18日下午,副市长调研。", (4, 18), None),
    ("1月7日、8日，笔试举行。", (1, 7), None),
    # must not fire
    ("近日，太钢发布了路线图。", None, None),
    ("2023年马上就要过去了，尖山铁矿传来好消息。", None, None),
    ("据中国地震台网测定，1月8日23时48分，晋源区发生地震。", None, None),
])
def test_find_dateline(lead, month_day, place):
    found = find_dateline(lead)
    if month_day is None:
        assert found is None
    else:
        assert (found.month, found.day, found.place) == (*month_day, place)


def test_iso_dates():
    found = find_dateline("5月24日，会议召开。")
    assert iso_date(found, 2022) == "2022-05-24"
    assert iso_date(found, None) == "--05-24"
    assert iso_date(find_dateline("2月30日，会议召开。"), 2023) is None
    assert iso_date(find_dateline("2009年7月26日，地震发生。"), 2023) == "2009-07-26"
    assert [cn_number(t) for t in ("六", "二十五", "十七", "三十一", "甲")] == [6, 25, 17, 31, None]


def test_manifest_year_completes_the_date():
    assert one("本报讯 1月9日迎泽区消息，该区开展活动。", year=2023).date == "2023-01-09"


LIST_NOTICE = """太原市人民政府关于王明等同志职务任免的通知
并政任〔2023〕5号
各县（市、区）人民政府，市人民政府各委、办、局：
经市人民政府研究决定：
任命
王明为太原市发展和改革委员会主任；
李强为太原市财政局局长。
免去
赵刚的太原市财政局局长职务。
太原市人民政府
2023年3月1日
"""


def test_a_list_form_notice_is_body_text():
    """Title, document number, a list opener on its own line and one item a line: the number is
    a line of the body, not the headline, and each opener reads on into its items."""
    [article] = split_page(LIST_NOTICE, "notice.txt")
    assert article.headline == "太原市人民政府关于王明等同志职务任免的通知"
    lines = article.body.split("\n")
    assert lines[0] == "并政任〔2023〕5号"
    assert "任命王明为太原市发展和改革委员会主任；李强为太原市财政局局长。" in lines
    assert "免去赵刚的太原市财政局局长职务。" in lines


def test_a_list_form_notice_gives_its_changes(nlp):
    from kg.pipeline import analyse

    [article] = split_page(LIST_NOTICE, "notice.txt")
    [result] = analyse([article], nlp)
    changes = {(p.person.text, p.change, p.title) for p in result.posts if p.change}
    assert {("王明", "appointed", "主任"), ("赵刚", "removed", "局长")} <= changes
