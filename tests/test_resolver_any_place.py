"""What staff type for a unit, on plans of any place and level (issue 26): formal names and abbreviations of
the plan's own units, Party organs' formal names, pinyin and English, and the traps that must name nothing:
a sibling's or the parent's bureau, a town's office, a bureau the plan lacks, another level, a person."""

from __future__ import annotations

import pytest

from plan.directory import load_directory
from plan.model import Plan
from plan.parser import parse_text
from plan.places import level_word, plan_places
from plan.resolver import Resolver, load_organs

# A district's plan that names its place only in its title, after the year.
DISTRICT = """2024年相山区优化营商环境重点任务分工方案
一、提升政务服务水平
1.深化一网通办改革。（牵头单位：区数据资源局；责任单位：区发改委、区财政局）
2.优化企业开办服务。（牵头单位：区市场监管局；配合单位：区委组织部、区司法局）
3.加强审计监督。（牵头单位：区审计局；配合单位：区财政局、区人社局）
"""

# A county's plan with the county's rural revitalisation office and one town's government among its units.
COUNTY = """象山县2024年乡村振兴重点工作任务清单
1.健全防止返贫监测机制。（牵头单位：乡村振兴办；配合单位：县民政局、县医保局、县教育局）
2.发展乡村产业。（牵头单位：县农业农村局；配合单位：县发改局、县财政局、西周镇人民政府）
"""

# A city's plan naming no place at all: only its units' level (市X局) and one district among its units.
CITY = """关于推进人才集聚工程的实施意见
1.紧缺人才开发项目。（牵头单位：市发展改革委，配合单位：市委组织部、市人力资源和社会保障局、越秀区）
2.企业家培养项目。（牵头单位：团市委，配合单位：市国资委、市经贸委、市科技和信息化局、市财政局）
"""

# A province's plan: its departments are 厅.
PROVINCE = """安徽省2022年重点工作及责任分解
1.固定资产投资增长10%以上。（牵头单位：省发展改革委；配合单位：省财政厅、省住房城乡建设厅、省经济和信息化厅、省文化和旅游厅）
2.推进税收征管改革。（牵头单位：省税务局；配合单位：省商务厅）
"""


def _resolver(text: str) -> Resolver:
    plan: Plan = parse_text(text)
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def _check(resolver: Resolver, cases: list[tuple[str, str | None]]) -> None:
    wrong = [
        (typed, want, got.unit, got.reason) for typed, want in cases if (got := resolver.resolve(typed)).unit != want
    ]
    assert wrong == []


def test_formal_names_and_abbreviations_of_the_plans_units_with_its_place_named_only_in_its_title() -> None:
    resolver = _resolver(DISTRICT)
    assert resolver.places.chain == ("安徽省", "淮北市", "相山区")
    _check(
        resolver,
        [
            ("发改委", "区发改委"),
            ("淮北市相山区发展和改革委员会", "区发改委"),
            ("相山区发展改革局", "区发改委"),
            ("淮北市相山区财政局", "区财政局"),
            ("安徽省淮北市相山区司法局", "区司法局"),
            ("区大数据局", "区数据资源局"),
            ("区人力资源和社会保障局", "区人社局"),
            ("区市场监督管理局", "区市场监管局"),
        ],
    )


def test_party_organs_formal_names_and_prefixes_fold_to_the_plans_short_forms() -> None:
    _check(
        _resolver(DISTRICT),
        [
            ("中国共产党淮北市相山区委员会组织部", "区委组织部"),
            ("中共相山区委组织部", "区委组织部"),
            ("中共淮北市相山区委组织部", "区委组织部"),
            ("组织部", "区委组织部"),
            ("中共杜集区委组织部", None),  # a sibling district's Party organ
            ("中共淮北市委组织部", None),  # the city's
        ],
    )
    _check(
        _resolver(CITY),
        [("共青团广州市委员会", "团市委"), ("团委", "团市委"), ("中共广州市委组织部", "市委组织部")],
    )


def test_pinyin_and_english_names_come_from_an_organ_table_for_any_plan() -> None:
    assert load_organs()["财政局"][0] == "Finance Bureau"  # data, keyed by the kind of organ
    _check(
        _resolver(CITY),
        [
            ("caizhengju", "市财政局"),
            ("fagaiwei", "市发展改革委"),
            ("Finance Bureau", "市财政局"),
            ("Development and Reform Commission", "市发展改革委"),
            ("Human Resources and Social Security Bureau", "市人力资源和社会保障局"),
            ("Organization Department", "市委组织部"),
            ("Statistics Bureau", None),  # a kind of organ the plan does not hold
        ],
    )
    _check(
        _resolver(DISTRICT),
        [("Audit Bureau", "区审计局"), ("Justice Bureau", "区司法局"), ("shenjiju", "区审计局")],
    )


def test_a_provinces_departments_are_its_bureaus_and_its_formal_names() -> None:
    _check(
        _resolver(PROVINCE),
        [
            ("财政厅", "省财政厅"),
            ("财政局", "省财政厅"),
            ("Department of Finance", "省财政厅"),
            ("省住建厅", "省住房城乡建设厅"),
            ("省经信厅", "省经济和信息化厅"),
            ("省文旅厅", "省文化和旅游厅"),
            ("国家税务总局安徽省税务局", "省税务局"),
            ("江苏省财政厅", None),
            ("合肥市财政局", None),
            ("省教育厅", None),
            ("国家发展改革委", None),
        ],
    )
    # A 厅 is a province's: on a district's plan 区商务厅 is no organ of it.
    assert _resolver(DISTRICT).resolve("区审计厅").unit is None


def test_abbreviations_spelled_out_and_cut_short() -> None:
    _check(
        _resolver(CITY),
        [
            ("市经济贸易委员会", "市经贸委"),
            ("市国有资产监督管理委员会", "市国资委"),
            ("市科信局", "市科技和信息化局"),
        ],
    )


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        (DISTRICT, "杜集区财政局"),  # a sibling district's bureau
        (DISTRICT, "淮北市发改委"),  # the parent city's
        (DISTRICT, "市发改委"),  # the city level without its name
        (DISTRICT, "区统计局"),  # a kind of bureau the plan does not hold
        (DISTRICT, "区审计厅"),
        (DISTRICT, "张建国"),  # a person
        (COUNTY, "西周镇乡村振兴办"),  # a town's office, where the plan has the county's
        (COUNTY, "象山县西周镇乡村振兴办"),
        (COUNTY, "石浦镇人民政府"),  # another town's government
        (COUNTY, "市教育局"),  # another level
        (COUNTY, "宁波市教育局"),
        (COUNTY, "鄞州区农业农村局"),
        (COUNTY, "县林业局"),
        (CITY, "越秀区财政局"),  # a district's bureau on a city's plan
        (CITY, "深圳市财政局"),
        (CITY, "区教育局"),
        (CITY, "省财政厅"),
        (CITY, "市卫健委"),
    ],
)
def test_traps_name_nothing(text: str, typed: str) -> None:
    match = _resolver(text).resolve(typed)
    assert (match.unit, match.candidates) == (None, []), match


def test_a_town_of_the_plan_is_its_own_unit_under_any_of_its_names() -> None:
    resolver = _resolver(COUNTY)
    assert resolver.places.chain == ("浙江省", "宁波市", "象山县")
    _check(
        resolver,
        [
            ("西周镇政府", "西周镇人民政府"),
            ("乡村振兴局", "乡村振兴办"),
            ("县乡村振兴办", "乡村振兴办"),
            ("我是乡村振兴办的", "乡村振兴办"),
            ("县农业局", "县农业农村局"),  # the bureau's older name
        ],
    )


def test_a_plan_naming_no_place_is_placed_by_its_units_never_in_one_of_its_districts() -> None:
    resolver = _resolver(CITY)
    assert (resolver.places.chain, resolver.places.level) == (("广东省", "广州市"), "市")
    _check(resolver, [("广州市发展和改革委员会", "市发展改革委"), ("越秀区", "越秀区"), ("财政局", "市财政局")])


def test_words_that_begin_like_a_level_are_no_level() -> None:
    assert level_word("市场监管局") == "" and level_word("市政局") == ""
    assert level_word("市民政局") == "市" and level_word("市市场监管局") == "市"
    # A district's plan whose units carry no level word, one of them 市政局: read at the title's level.
    plan = parse_text("2023年区政府重点民生实事项目\n1.改造老旧小区。（责任单位：城管局、市政局）\n")
    places = plan_places(plan.issuer, plan.title, plan.units)
    assert places.level == "区"
    resolver = Resolver(plan.units, load_directory(), places=places)
    _check(resolver, [("区城管局", "城管局"), ("城市管理局", "城管局"), ("市城管局", None)])


def test_names_typed_in_traditional_characters() -> None:
    _check(_resolver(DISTRICT), [("區財政局", "区财政局"), ("發改委", "区发改委"), ("杜集區財政局", None)])


def test_one_organ_under_two_names_resolves_to_one_unit() -> None:
    text = "丽水市2024年稳增长工作方案\n1.做好粮食储备。(市商务局(市粮食和物资储备局)牵头,市级有关部门配合)\n2.扩大消费。(市商务局牵头,市财政局配合)\n"
    plan = parse_text(text)
    directory = load_directory()
    resolver = Resolver(plan.units, directory, places=plan_places(plan.issuer, plan.title, plan.units))
    assert resolver.resolve("市商务局").unit == "市商务局"
    assert directory.kind("市级有关部门") == "collective"
    _check(resolver, [("莲都区发改委", None), ("衢州市财政局", None), ("Commerce Bureau", "市商务局")])


def test_english_names_with_places_are_the_plans_only_with_its_own() -> None:
    _check(
        _resolver(DISTRICT),
        [
            ("Xiangshan District Finance Bureau", "区财政局"),
            ("Finance Bureau of Xiangshan District", "区财政局"),
            ("I'm from the Finance Bureau", "区财政局"),
            ("Duji District Finance Bureau", None),  # a sibling district, in English
            ("Huaibei Finance Bureau", None),  # the parent city alone
        ],
    )


def test_a_higher_bureaus_branch_and_a_merged_bureau_answer_to_their_kinds() -> None:
    text = """淮北市相山区2024年生态环境保护工作要点
1.打好蓝天保卫战。（牵头单位：市生态环境局相山分局；配合单位：市公安局相山分局、区农业农村水利局）
2.加强执法。（牵头单位：区城管局；配合单位：国家税务总局淮北市相山区税务局）
"""
    resolver = _resolver(text)
    assert resolver.places.chain == ("安徽省", "淮北市", "相山区")  # its units' 市…分局 do not make it a city's
    _check(
        resolver,
        [
            ("区生态环境局", "市生态环境局相山分局"),
            ("生态环境分局", "市生态环境局相山分局"),
            ("公安分局", "市公安局相山分局"),
            ("Public Security Bureau", "市公安局相山分局"),
            ("区水利局", "区农业农村水利局"),
            ("区农业农村局", "区农业农村水利局"),
            ("区税务局", "国家税务总局淮北市相山区税务局"),
            ("市生态环境局", None),  # the city's bureau itself
            ("淮北市生态环境局", None),
            ("杜集区公安分局", None),
        ],
    )


def test_a_place_the_gazetteer_does_not_know_is_still_a_place() -> None:
    # A district merged away before the gazetteer's year, typed before a unit of a plan that names no place.
    plan = parse_text("2023年区政府重点民生实事项目\n1.改造老旧小区。（责任单位：城管局、环卫处）\n")
    resolver = Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))
    _check(
        resolver,
        [
            ("港闸区城管局", None),
            ("我是港闸区城管局的", None),
            ("帮我查区城管局", "城管局"),  # 帮我查区 is no place
            ("查一下城管局的任务", "城管局"),
        ],
    )
    # Its own plan, issued by that district's government: its name is the plan's place.
    places = plan_places("港闸区人民政府办公室", "2019年重点工作", ["区城管局"])
    resolver = Resolver(["区城管局"], load_directory(), places=places)
    _check(resolver, [("港闸区城管局", "区城管局"), ("崇川区城管局", None)])


@pytest.mark.parametrize(
    "group",
    [
        "市级有关部门",
        "各有关单位",
        "市直有关单位",
        "县直相关部门",
        "区政府有关部门",
        "其他有关部门",
        "相关街道",
        "相关镇（街道）",
    ]
    + ["有关区县政府", "区疫情防控指挥部成员单位"],
)
def test_a_group_is_a_collective_never_a_department_that_owes_reports(group: str) -> None:
    assert load_directory().kind(group) == "collective"


def test_a_street_office_and_a_zones_committee_under_their_other_names() -> None:
    text = """武汉市汉阳区2019年重点工作
1.推进园区建设。（牵头单位：汉阳经济开发区管委会；责任单位：永丰街办事处、各街办事处）
"""
    _check(
        _resolver(text),
        [
            ("永丰街道", "永丰街办事处"),
            ("永丰街道办事处", "永丰街办事处"),
            ("汉阳经开区管委会", "汉阳经济开发区管委会"),
            ("汉阳经济开发区管理委员会", "汉阳经济开发区管委会"),
            ("江堤街道", None),  # another street of the district
            ("武汉经济开发区管委会", None),  # the city's zone
        ],
    )


def test_pinyin_spelled_with_spaces() -> None:
    _check(
        _resolver(DISTRICT),
        [("cai zheng ju", "区财政局"), ("xiangshan qu cai zheng ju", "区财政局"), ("duji qu cai zheng ju", None)],
    )
