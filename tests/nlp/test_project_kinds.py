"""Projects named in planning language: a programme after the verb that carries it out, the
items of a list closed by 等工程, and what is no project (slogans, kinds, sectors)."""

from __future__ import annotations

import pytest

CASES = [
    ("要加快实施国家中长期科学和技术发展规划纲要，带动产业升级。", {"国家中长期科学和技术发展规划纲要"}),
    ("大力推进西部大开发。", {"西部大开发"}),
    # the next items of a list after the verb, and a plan (规划) after it
    ("继续推进西部大开发、中部崛起。", {"西部大开发", "中部崛起"}),
    ("会议要求抓好纺织工业调整和振兴规划的落实。", {"纺织工业调整和振兴规划"}),
    # the last item of a list after the verb, joined by 和, after an item that is no name
    ("加快推进东部大开发、南方沿海等老港口基地更新和西部崛起。", {"东部大开发", "西部崛起"}),
    # an item that starts with a verb opens a clause of its own
    ("推动东部大开放、促进东部大开发。", set()),
    ("城市总体规划要抓好。", set()),
    ("今年将实施迎宾路北绿地项目。", {"迎宾路北绿地项目"}),
    ("抓好退耕还林、退牧还草、沙化草原治理等工程。", {"退耕还林", "退牧还草", "沙化草原治理"}),
    # not projects: sectors in a list, slogans ending in 建设, a plan without its verb
    ("抓好供水、供电等工程。", set()),
    ("为强国建设、民族复兴伟业贡献力量。", set()),
    ("坚持一体推进思想建设、队伍建设。", set()),
    ("国家中长期科学和技术发展规划纲要指出。", set()),
    # a verb's complement stands between the verb and the project: 推进|好|…
    ("统筹推进好国家公立医院改革与高质量发展示范项目。", {"国家公立医院改革与高质量发展示范项目"}),
    # a designation after a verb of being named is no project, nor is the clause around it
    ("杏花岭区荣膺省生态文明建设示范区。", set()),
    # a head word that starts a compound ends no name (工程|技术人员)
    ("以改革创新精神做好新时代工程技术工作。", set()),
    # a unit's head right after 项目 is a post of a unit, not a project's: 项目|主任
    ("该研究院能源政策项目主任李明表示。", set()),
    # a zone set up as a service (…专区) is a project when named (quoted, or by its place);
    # a zone of a kind is not
    ("“跨境物流综合服务专区”明年上线。", {"跨境物流综合服务专区"}),
    ("平台设立招聘专区，方便求职者。", set()),
    # a class of projects (鼓励类, 限制类) is no name
    ("外资用于国家限制类项目的，不予减免。", set()),
    # 做实 carries out a programme
    ("各地要做实家庭医生签约服务项目。", {"家庭医生签约服务项目"}),
    # a plan that starts with its verb, described at length before a generic head (发展规划),
    # with or without its quoted period; a short one is a kind
    ("国家制定并实施了扶持革命老区经济发展规划。", {"扶持革命老区经济发展规划"}),
    ("要做好支持革命老区经济发展“十四五”规划编制工作。", {"支持革命老区经济发展“十四五”规划"}),
    ("各地要落实产业发展规划。", set()),
    # a quoted short name right after a verb that carries it out, not a counted slogan, nor
    # the start of a longer name (“…”改革)
    ("双方同意推进“两廊一圈”和共建“数字丝路”对接合作。", {"两廊一圈", "数字丝路"}),
    ("全面推进“三医联动”改革。", set()),
    ("要推进“两个毫不动摇”，激发活力。", set()),
    # right after the verb that carries it out, a name may hold a verb of what it repairs
    ("今年继续实施矿山破坏面植被修复工程。", {"矿山破坏面植被修复工程"}),
    # a renewal of a named place is a project; an unnamed one is a kind of work
    ("实施柳巷北街棚户区改造。", {"柳巷北街棚户区改造"}),
    ("加快农村地区雨污分流改造。", set()),
    # a built place named as what is being built is a project; open, it stays a place
    ("保障汾河森林公园建设。", {"汾河森林公园"}),
    ("年内开工建设太原五中汾东学校。", {"太原五中汾东学校"}),
    ("比赛在汾河森林公园举行。", set()),
    # a programme named …行动 after the verb that carries it out; a kind of campaign is none
    ("深入实施人才强市行动。", {"人才强市行动"}),
    ("各区开展专项整治行动。", set()),
    # a count of a kind of project, or what follows such a count, is no named project
    ("今年实施12个城中村改造项目。", set()),
    ("今年启动4所公办幼儿园建设，推进2处城市公园建设。", set()),
    # items of a list closed by 等…项目 are projects, however they end; a road inside stays a place
    ("完成了迎泽大街西延、五一路提质改造、龙城污水厂扩容等重点建设项目。",
     {"迎泽大街西延", "五一路提质改造", "龙城污水厂扩容"}),
    # the tail of a coordination before the first separator is no item of its own
    ("实施城区道路及周边管网改造、东山片区供热管网、北郊水厂扩建等项目建设。", {"东山片区供热管网", "北郊水厂扩建"}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:10] for c in CASES])
def test_project_kinds(nlp, text, expected):
    assert {e.text for e in nlp(text).ents if e.label_ == "PROJECT"} == expected


def test_a_road_inside_a_listed_project_stays_a_place(nlp):
    doc = nlp("完成了迎泽大街西延、五一路提质改造、龙城污水厂扩容等重点建设项目。")
    assert {"迎泽大街", "五一路"} <= {s.text for s in doc.spans["nested"]}
