"""Forms of a unit's name that plans and staff write otherwise (issue 26), each a convention of Chinese government
naming kept as data: a Party committee's commission office by its short name, 金控 for 金融控股, an autonomous county
by what it is called, banks and their branches short (人行, 中支, 国开行, 农发行), a group with the places it lists written inline or its fillers left out, a higher bureau's
branch by its kind, a bureau's sections abbreviated, a zone's Party and administrative committees as one unit. The
traps name nothing: another place's or another kind's organ."""

from __future__ import annotations

from plan.directory import load_directory
from plan.parser import parse_text
from plan.places import plan_places
from plan.resolver import Resolver

PROVINCE = """湖南省2026年重点工作分工
1.防范化解金融风险。（牵头单位：省委金融办；配合单位：省委编办、省财政厅、省金融控股集团）
2.加大重点项目信贷支持。（牵头单位：人民银行长沙中心支行；配合单位：国家开发银行湖南省分行、农业发展银行湖南省分行）
"""

CITY = """怀化市2024年民生实事分工方案
1.改造农村公路。（牵头单位：市交通运输局；责任单位：麻阳自治县、新晃自治县、各县（市、区）人民政府、市直其他有关单位）
2.建设产业园区。（牵头单位：经开区党工委和管委会；配合单位：市财政局）
"""

DISTRICT = """2024年江宁区重点工作任务分解
1.保护耕地。（牵头单位：自规分局；配合单位：区农业农村局、区金控集团）
2.推进集团化办学。（牵头单位：基础教育科；配合单位：计财科、职成科、组干科）
"""


def _resolver(text: str) -> Resolver:
    plan = parse_text(text)
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def _answers(resolver: Resolver, typed: list[str]) -> dict[str, str | None]:
    return {name: resolver.resolve(name).unit for name in typed}


def test_a_party_committees_commission_office_by_its_formal_name() -> None:
    resolver = _resolver(PROVINCE)
    assert _answers(
        resolver, ["中共湖南省委金融委员会办公室", "省委金融委员会办公室", "中共湖南省委机构编制委员会办公室"]
    ) == {
        "中共湖南省委金融委员会办公室": "省委金融办",
        "省委金融委员会办公室": "省委金融办",
        "中共湖南省委机构编制委员会办公室": "省委编办",  # a kind's own full name stays that kind's
    }
    assert resolver.resolve("中共湖南省委网络安全和信息化委员会办公室").unit is None  # a commission the plan lacks


def test_jinkong_is_the_financial_holding_company() -> None:
    assert _answers(_resolver(PROVINCE), ["省金控集团", "金控集团"]) == {
        "省金控集团": "省金融控股集团",
        "金控集团": "省金融控股集团",
    }
    assert _answers(_resolver(DISTRICT), ["江宁区金融控股集团", "区金融控股集团", "南京市金融控股集团"]) == {
        "江宁区金融控股集团": "区金控集团",
        "区金融控股集团": "区金控集团",
        "南京市金融控股集团": None,  # the city's company
    }


def test_an_autonomous_county_by_every_name_it_is_called() -> None:
    assert _answers(_resolver(CITY), ["麻阳苗族自治县", "麻阳县", "新晃侗族自治县", "新晃县", "芷江侗族自治县"]) == {
        "麻阳苗族自治县": "麻阳自治县",
        "麻阳县": "麻阳自治县",
        "新晃侗族自治县": "新晃自治县",
        "新晃县": "新晃自治县",
        "芷江侗族自治县": None,  # a county the plan does not name
    }


def test_a_group_with_its_places_written_inline_or_its_fillers_left_out() -> None:
    assert _answers(_resolver(CITY), ["各县市区人民政府", "各县市区政府", "市直有关单位", "市直各有关单位"]) == {
        "各县市区人民政府": "各县（市、区）人民政府",
        "各县市区政府": "各县（市、区）人民政府",
        "市直有关单位": "市直其他有关单位",
        "市直各有关单位": "市直其他有关单位",
    }


def test_a_higher_bureaus_branch_by_its_kind() -> None:
    assert _answers(
        _resolver(DISTRICT),
        ["南京市规划和自然资源局江宁分局", "自然资源和规划局江宁分局", "自然资源分局", "自然资源和规划局浦口分局"],
    ) == {
        "南京市规划和自然资源局江宁分局": "自规分局",
        "自然资源和规划局江宁分局": "自规分局",
        "自然资源分局": "自规分局",
        "自然资源和规划局浦口分局": None,  # another district's branch
    }


def test_a_bureaus_sections_abbreviated() -> None:
    assert _answers(_resolver(DISTRICT), ["基教科", "计划财务科", "职业与成人教育科", "组织干部科", "人事科"]) == {
        "基教科": "基础教育科",
        "计划财务科": "计财科",
        "职业与成人教育科": "职成科",
        "组织干部科": "组干科",  # 干部 is no organ's 部
        "人事科": None,  # a section the plan does not name
    }


def test_a_zones_party_and_administrative_committees_are_one_unit() -> None:
    assert _answers(_resolver(CITY), ["经开区管委会", "经济技术开发区管理委员会", "经开区党工委", "高新区管委会"]) == {
        "经开区管委会": "经开区党工委和管委会",
        "经济技术开发区管理委员会": "经开区党工委和管委会",
        "经开区党工委": "经开区党工委和管委会",
        "高新区管委会": None,  # another zone
    }


def test_banks_and_their_branches_by_their_short_names() -> None:
    assert _answers(
        _resolver(PROVINCE),
        [
            "人行长沙中支",
            "人行长沙中心支行",
            "国开行湖南分行",
            "国开行湖南省分行",
            "农发行湖南省分行",
            "国开行江西分行",
        ],
    ) == {
        "人行长沙中支": "人民银行长沙中心支行",
        "人行长沙中心支行": "人民银行长沙中心支行",
        "国开行湖南分行": "国家开发银行湖南省分行",
        "国开行湖南省分行": "国家开发银行湖南省分行",
        "农发行湖南省分行": "农业发展银行湖南省分行",
        "国开行江西分行": None,  # another province's branch
    }
