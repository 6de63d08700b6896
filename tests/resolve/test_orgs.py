"""Organisation names as written -> canonical names, kinds and sub-organisation links."""

from __future__ import annotations

import pytest

from kg.resolve import Context, Resolver

NO_CONTEXT = Context("t/001")

# (as written, canonical, kind, the rule family that must have done it)
CASES = [
    # home prefixes + bodies (bodies.tsv, profile names)
    ("市委", "中共太原市委员会", "party", "body"),
    ("省委", "中共山西省委员会", "party", "body"),
    ("市政府", "太原市人民政府", "government", "body"),
    ("省政府", "山西省人民政府", "government", "body"),
    ("市政府办公室", "太原市人民政府办公室", "government", "body"),
    ("省政府办公厅", "山西省人民政府办公厅", "government", "body"),
    ("市人大常委会", "太原市人民代表大会常务委员会", "government", "body"),
    ("市政协", "中国人民政治协商会议太原市委员会", "other", "body"),
    ("市纪委", "中共太原市纪律检查委员会", "party", "body"),
    ("市中院", "太原市中级人民法院", "government", "body"),
    ("省高院", "山西省高级人民法院", "government", "body"),
    ("市委党校", "中共太原市委党校", "party", "body"),
    ("市妇联", "太原市妇女联合会", "association", "body"),
    ("市税务局", "国家税务总局太原市税务局", "government", "body"),
    # departments (departments.tsv): short forms, full forms, level suffixes
    ("市委组织部", "中共太原市委组织部", "party", "department"),
    ("省委组织部", "中共山西省委组织部", "party", "department"),
    ("市委宣传部", "中共太原市委宣传部", "party", "department"),
    ("市委网信办", "中共太原市委网络安全和信息化委员会办公室", "party", "department"),
    ("市委编办", "中共太原市委机构编制委员会办公室", "party", "department"),
    ("市委政法委", "中共太原市委政法委员会", "party", "department"),
    ("市卫健委", "太原市卫生健康委员会", "government", "department"),
    ("市卫生健康委员会", "太原市卫生健康委员会", "government", "department"),
    ("省人社厅", "山西省人力资源和社会保障厅", "government", "department"),
    ("省人社局", "山西省人力资源和社会保障厅", "government", "department"),
    ("省人力资源和社会保障厅", "山西省人力资源和社会保障厅", "government", "department"),
    ("省工信厅", "山西省工业和信息化厅", "government", "department"),
    ("市工信", "太原市工业和信息化局", "government", "department"),
    ("市食安办", "太原市食品安全委员会办公室", "government", "department"),
    ("市发改委", "太原市发展和改革委员会", "government", "department"),
    ("省发展改革委", "山西省发展和改革委员会", "government", "department"),
    ("市住建局", "太原市住房和城乡建设局", "government", "department"),
    ("市市场监管局", "太原市市场监督管理局", "government", "department"),
    ("市生态环境局", "太原市生态环境局", "government", "department"),
    ("省生态环境厅", "山西省生态环境厅", "government", "department"),
    ("市文旅局", "太原市文化和旅游局", "government", "department"),
    ("市应急局", "太原市应急管理局", "government", "department"),
    ("市交通局", "太原市交通运输局", "government", "department"),
    ("市外办", "太原市外事办公室", "government", "department"),
    # place-name jurisdictions: districts take their city, counties do not
    ("晋源区人社局", "太原市晋源区人力资源和社会保障局", "government", "department"),
    ("太原市晋源区人社局", "太原市晋源区人力资源和社会保障局", "government", "department"),
    ("万柏林区委", "中共太原市万柏林区委员会", "party", "body"),
    ("清徐县政府", "清徐县人民政府", "government", "body"),
    ("清徐县卫健局", "清徐县卫生健康局", "government", "department"),
    ("大同市委", "中共大同市委员会", "party", "body"),
    ("北京市人社局", "北京市人力资源和社会保障局", "government", "department"),
    ("中共太原市委网络安全和信息化委员会办公室", "中共太原市委网络安全和信息化委员会办公室", "party", "department"),
    ("太原市食品安全委员会办公室", "太原市食品安全委员会办公室", "government", "department"),
    # institutions (institutions.tsv, with 太原's own school naming from the profile)
    ("市第十五中学校", "太原市第十五中学校", "school", "institution"),
    ("太原十五中", "太原市第十五中学校", "school", "institution"),
    ("市第五中学", "太原市第五中学校", "school", "institution"),
    ("市三小", "太原市第三小学", "school", "institution"),
    ("市疾控中心", "太原市疾病预防控制中心", "unit", "institution"),
    # any organisation after a home prefix or a full place name
    ("省人民医院", "山西省人民医院", "hospital", "name"),
    ("市中心医院", "太原市中心医院", "hospital", "name"),
    ("市防震减灾中心", "太原市防震减灾中心", "unit", "name"),
    ("省数字经济产业促进联盟(筹)", "山西省数字经济产业促进联盟（筹）", "association", "name"),
    ("山西省人事考试中心", "山西省人事考试中心", "unit", "name"),
    ("太原市中心医院", "太原市中心医院", "hospital", "alias-table"),
    # alias tables (national and the profile's regional file)
    ("太钢", "太原钢铁（集团）有限公司", "enterprise", "alias-table"),
    ("太钢集团", "太原钢铁（集团）有限公司", "enterprise", "alias-table"),
    ("山大二院", "山西医科大学第二医院", "hospital", "alias-table"),
    ("北大医院", "北京大学第一医院", "hospital", "alias-table"),
    ("教育部", "中华人民共和国教育部", "government", "alias-table"),
    ("农业银行", "中国农业银行", "enterprise", "alias-table"),
    ("邮储银行", "中国邮政储蓄银行", "enterprise", "alias-table"),
    ("中组部", "中共中央组织部", "party", "alias-table"),
    ("中共中央组织部", "中共中央组织部", "party", "alias-table"),
    ("综改区党工委", "山西转型综合改革示范区党工委", "party", "name"),
    # sub-units of an alias
    ("山大二院妇产科", "山西医科大学第二医院妇产科", "unit", "alias-table+sub-unit"),
    ("山大二院妇产科党支部", "山西医科大学第二医院妇产科党支部", "party", "alias-table+sub-unit"),
    ("省工信厅大数据办", "山西省工业和信息化厅大数据办", "government", "department+sub-unit"),
    # a two-character alias heads a longer name only when rules.toml lists it (short_alias_heads)
    ("央行国际司", "中国人民银行国际司", "other", "alias-table+sub-unit"),
    ("央行天津分行", "中国人民银行天津分行", "other", "alias-table+sub-unit"),
    # a known body's party committee: 中共 + the body (without 中华人民共和国) + 委员会, and its units
    ("央行党委", "中共中国人民银行委员会", "party", "party-committee"),
    ("央行党委组织部", "中共中国人民银行委员会组织部", "party", "party-committee+sub-unit"),
    ("商务部党委", "中共商务部委员会", "party", "party-committee"),
    ("太钢技术中心", "太钢技术中心", "unit", "as-written"),
    # names that no rule should touch
    ("山西合成生物凯赛研究院", "山西合成生物凯赛研究院", "unit", "as-written"),
    ("山西大学", "山西大学", "school", "alias-table"),
    ("太原广播电视台", "太原广播电视台", "unit", "as-written"),
    ("山西中医药大学附属医院", "山西中医药大学附属医院", "hospital", "as-written"),
    ("太钢工程技术有限公司", "太钢工程技术有限公司", "enterprise", "as-written"),
    ("坞城街道党工委", "坞城街道党工委", "party", "as-written"),
    ("市场服务中心", "市场服务中心", "unit", "as-written"),
    ("区域医疗中心", "区域医疗中心", "unit", "as-written"),
    ("市际联盟", "市际联盟", "association", "as-written"),
    ("中国地震台网", "中国地震台网", "unit", "as-written"),
    # the centre's offices keep their own names (not built on 中共中央 / 国务院)
    ("中共中央宣传部", "中共中央宣传部", "party", "alias-table"),
    ("中共中央台办", "中共中央台湾工作办公室", "party", "alias-table"),
    # the central committee's organs, the bodies of seat-in-body titles (中共中央政治局委员)
    ("中共中央政治局", "中国共产党中央委员会政治局", "party", "alias-table"),
    ("中国共产党中央书记处", "中国共产党中央委员会书记处", "party", "alias-table"),
    ("国务院新闻办公室", "国务院新闻办公室", "government", "alias-table"),
    # a foreign ruling party's central committee by its short form
    ("越共中央", "越南共产党中央委员会", "party", "alias-table"),
    # a term written in the name is left out: the body is the same in every term
    ("十三届全国人大常委会", "全国人民代表大会常务委员会", "government", "+term"),
    ("中国共产党第十九届中央书记处", "中国共产党中央委员会书记处", "party", "+term"),
    ("政协第十二届全国委员会", "中国人民政治协商会议全国委员会", "government", "+term"),
    # …not when the rest is no body the tables know (the organising committee of one Games)
    ("第30届奥林匹克运动会组织委员会", "第30届奥林匹克运动会组织委员会", "government", "as-written"),
    # special administrative regions have no 人民政府; their governments and its units go by the
    # names they use themselves (澳门特别行政区政府社会文化司), with no 中华人民共和国 in front
    ("澳门政府", "澳门特别行政区政府", "government", "alias-table"),
    ("香港特区政府", "香港特别行政区政府", "government", "alias-table"),
    ("澳门特区政府社会文化司", "澳门特别行政区政府社会文化司", "other", "alias-table"),
    ("澳门检察院", "澳门检察院", "government", "as-written"),
]


@pytest.mark.parametrize("written, canonical, kind, rule", CASES)
def test_org_canonical(resolver: Resolver, written: str, canonical: str, kind: str, rule: str) -> None:
    got = resolver.resolve_org(written, NO_CONTEXT)
    assert got is not None
    assert (got.label, got.attrs["kind"]) == (canonical, kind)
    assert got.id == f"org/{canonical}"
    assert rule in got.reason, got.reason
    assert got.alias == (written if written != canonical else None)


def test_resolve_with_org_label_is_resolve_org(resolver: Resolver) -> None:
    assert resolver.resolve("市卫健委", "ORG", NO_CONTEXT) == resolver.resolve_org("市卫健委", NO_CONTEXT)


# (as written, context, canonical): names that only the article can complete
CONTEXT_CASES = [
    # a department inside a title chain takes the chain's head
    ("组织部", Context("t", org_head="市委"), "中共太原市委组织部"),
    ("组织部", Context("t", org_head="省委"), "中共山西省委组织部"),
    ("宣传部", Context("t", org_head="晋源区委"), "中共太原市晋源区委宣传部"),
    # a bare department without a chain: the latest organisation of the article with a place
    ("卫健委", Context("t", orgs=("清徐县政府",)), "清徐县卫生健康局"),
    # ... else the home city
    ("公安", NO_CONTEXT, "太原市公安局"),
    ("交通", NO_CONTEXT, "太原市交通运输局"),
    ("卫健", NO_CONTEXT, "太原市卫生健康委员会"),
    ("组织部", NO_CONTEXT, "中共太原市委组织部"),
    # 区/县 prefixes mean the article's district or county (dateline, else the last named)
    ("区委", Context("t", "万柏林区"), "中共太原市万柏林区委员会"),
    ("区人社局", Context("t", "万柏林区"), "太原市万柏林区人力资源和社会保障局"),
    ("区委组织部", Context("t", None, ("迎泽区",)), "中共太原市迎泽区委组织部"),
    ("县政府", Context("t", "清徐县"), "清徐县人民政府"),
    # a bare hospital department joins the nearest hospital named before it
    ("急诊科", Context("t", orgs=("山大二院", "市委")), "山西医科大学第二医院急诊科"),
    ("介入科", Context("t", orgs=("山大二院", "山大二院急诊科")), "山西医科大学第二医院介入科"),
    # any sub-unit joins the head of its chain
    ("党员先锋队", Context("t", org_head="山大二院妇产科"), "山西医科大学第二医院妇产科党员先锋队"),
    # a top-level unit of a body (司, 办公厅) joins the body of the article's last sub-unit, not
    # that sub-unit (rules.toml root_units)
    ("国际司", Context("t", orgs=("央行国际司", "中国外汇交易中心")), "中国人民银行国际司"),
    ("办公厅", Context("t", orgs=("央行天津分行",)), "中国人民银行办公厅"),
    # ... not of the body's party committee
    ("人事司", Context("t", orgs=("央行党委组织部",)), "中国人民银行人事司"),
]


@pytest.mark.parametrize("written, context, canonical", CONTEXT_CASES)
def test_org_in_context(resolver: Resolver, written: str, context: Context, canonical: str) -> None:
    got = resolver.resolve_org(written, context)
    assert got is not None and got.label == canonical, got


@pytest.mark.parametrize(
    "written, context",
    [
        ("急诊科", Context("t", orgs=("市委",))),  # no hospital named before
        ("急诊科", NO_CONTEXT),
        ("国际司", Context("t", orgs=("中国外汇交易中心",))),  # no sub-unit of a body named before
        ("特区第二届政府社会文化司", Context("t", orgs=("央行国际司",))),  # a longer name is no bare unit
    ],
)
def test_org_context_that_must_not_apply(resolver: Resolver, written: str, context: Context) -> None:
    got = resolver.resolve_org(written, context)
    assert got is not None and got.label == written and got.reason == "as-written", got


@pytest.mark.parametrize("written, context", [
    ("区委", NO_CONTEXT),  # no district in sight: no node (it would be every district's 区委)
    ("县委", Context("t", "万柏林区")),  # 县 does not mean a 区
])
def test_a_district_body_with_no_district_is_no_node(resolver: Resolver, written: str, context: Context) -> None:
    assert resolver.resolve_org(written, context) is None


@pytest.mark.parametrize(
    "written, chain",
    [
        ("山大二院妇产科党支部", ["山西医科大学第二医院妇产科", "山西医科大学第二医院"]),
        ("市委组织部", ["中共太原市委员会"]),
        ("市卫健委", ["太原市人民政府"]),
        ("晋源区人社局", ["太原市晋源区人民政府"]),
        ("山西大学后勤处房产中心", ["山西大学后勤处", "山西大学"]),
        ("市政府办公室", ["太原市人民政府"]),
        ("太钢", []),
        ("市委", []),
        ("市中心医院", []),
    ],
)
def test_parent_org_chain(resolver: Resolver, written: str, chain: list[str]) -> None:
    node = resolver.resolve_org(written, NO_CONTEXT)
    got = []
    while (node := resolver.parent_org(node)) is not None:
        got.append(node.label)
        assert node.id == f"org/{node.label}"
    assert got == chain


def test_sub_unit_parent_has_a_reason(resolver: Resolver) -> None:
    child = resolver.resolve_org("山大二院妇产科", NO_CONTEXT)
    assert resolver.parent_org(child).label == "山西医科大学第二医院"
    assert "sub-unit" in resolver.parent_org_reason(child)


@pytest.mark.parametrize("written", ["部门", "单位", "企业", "相关负责人", "有关部门", "副市长", "市委书记", "护士长"])
def test_generic_and_title_orgs_are_not_nodes(resolver: Resolver, written: str) -> None:
    assert resolver.resolve_org(written, NO_CONTEXT) is None
    assert resolver.resolve(written, "ORG", NO_CONTEXT) is None


@pytest.mark.parametrize(
    "canonical, kind",
    [
        ("中共太原市委组织部", "party"),
        ("太原市人民政府", "government"),
        ("太原钢铁（集团）有限公司", "enterprise"),
        ("太原市第十五中学校", "school"),
        ("山西医科大学第二医院", "hospital"),
        ("山西省红十字会", "association"),
        ("太原市防震减灾中心", "unit"),
        ("万水物贸", "enterprise"),
        ("山大社区党支部", "party"),
        ("西塋乡“清化收”工作领导小组", "unit"),
        ("镇城底矿", "enterprise"),
        ("某某", "other"),
    ],
)
def test_org_kind_from_suffix_data(resolver: Resolver, canonical: str, kind: str) -> None:
    assert resolver.tables.kind_of(canonical) == kind


@pytest.mark.parametrize(
    "title, body",
    [
        ("副市长", "太原市人民政府"),
        ("市长", "太原市人民政府"),
        ("市委书记", "中共太原市委员会"),
        ("省长", "山西省人民政府"),
        ("省委书记", "中共山西省委员会"),
        ("市政协主席", "中国人民政治协商会议太原市委员会"),
        # not in the profile's table: a home body + a title word
        ("市委常委", "中共太原市委员会"),
        ("市政府秘书长", "太原市人民政府"),
        ("省委副书记", "中共山西省委员会"),
        ("市卫健委主任", "太原市卫生健康委员会"),
    ],
)
def test_home_body(resolver: Resolver, title: str, body: str) -> None:
    got = resolver.home_body(title)
    assert got is not None and got.label == body and got.id == f"org/{body}"


@pytest.mark.parametrize("title", ["书记", "主任", "护士长", "项目经理", "总经理", "董事长"])
def test_home_body_of_a_title_without_home_is_none(resolver: Resolver, title: str) -> None:
    assert resolver.home_body(title) is None
