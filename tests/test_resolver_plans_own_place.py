"""A plan's own place where its issuer and title do not say it (issue 26): read from its units and tasks against the
gazetteer of divisions, so that staff typing their place before their unit are answered, and another place's organ
is still "not in this plan". Each plan is imported into a store as `duban run` reads it."""

from __future__ import annotations

from pathlib import Path

from core.settings import Settings
from core.store import open_store
from plan.resolver import Resolver

# A district's plan naming no place: its units are its own streets and bureaus without a level, one city's company.
STREETS = """2025年重点工作任务分解表
1.推进老旧小区改造。（牵头单位：住建局；责任单位：平江街道、沧浪街道、双塔街道）
2.建设口袋公园。（牵头单位：城管局；责任单位：平江街道、市国有公司）
3.完善养老服务。（牵头单位：民政局；责任单位：沧浪街道、双塔街道）
"""

# A city's plan naming no place in its title: its tasks name the counties and districts it holds.
COUNTIES = """2021年民生实事项目分解表
1.新建养老服务中心，柯城区、衢江区各1个，龙游县、江山市、常山县、开化县各2个。（责任单位：市民政局）
2.改造农村公路100公里。（责任单位：市交通运输局；配合单位：市财政局）
"""

# A city's plan whose zone committee bears the name of a district elsewhere (南湖区管委会 of a 新城, not 嘉兴's 南湖区).
ZONE = """2016年十件民生实事责任分工
1.新建公办幼儿园5所。（责任单位：市教育局、南湖区管委会）
2.改造城中村3个。（责任单位：市城乡建设委员会、市财政局）
"""

# An autonomous region's plan: its departments 自治区X厅, its cities' governments among the units.
REGION = """都市圈建设年度工作要点
1.推进城际道路建设。（牵头单位：自治区交通运输厅；责任单位：南宁市人民政府、柳州市人民政府、桂林市人民政府）
2.编制都市圈规划。（牵头单位：自治区发展改革委；责任单位：自治区自然资源厅）
"""

# A district named as several cities' districts are (鼓楼区), its city said in a task.
SHARED_NAME = """鼓楼区2024年重点工作任务分解
1.推进福州老城历史文化街区保护。（牵头单位：区文旅局；配合单位：区财政局、区住建局）
2.优化营商环境。（牵头单位：区发改局；配合单位：区财政局）
"""


def _resolver(tmp_path: Path, text: str) -> Resolver:
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    view = open_store(Settings(_env_file=None, data_dir=tmp_path, plan_file=plan)).view()  # type: ignore[call-arg]
    assert view is not None
    return view.resolver


def _answers(resolver: Resolver, typed: list[str]) -> dict[str, str | None]:
    return {name: resolver.resolve(name).unit for name in typed}


def test_a_plan_whose_units_are_streets_of_one_district_is_that_districts(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, STREETS)
    assert resolver.places.chain == ("江苏省", "苏州市", "姑苏区") and resolver.places.level == "区"
    assert _answers(resolver, ["姑苏区住房和城乡建设局", "苏州市姑苏区民政局", "区民政局", "区城管局"]) == {
        "姑苏区住房和城乡建设局": "住建局",
        "苏州市姑苏区民政局": "民政局",
        "区民政局": "民政局",
        "区城管局": "城管局",
    }
    # another district's, the city's, a bureau the plan lacks: not in this plan
    assert _answers(resolver, ["吴中区住建局", "苏州市民政局", "区教育局"]) == dict.fromkeys(
        ["吴中区住建局", "苏州市民政局", "区教育局"]
    )


def test_a_city_plan_naming_its_counties_in_its_tasks_is_that_citys(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, COUNTIES)
    assert resolver.places.chain == ("浙江省", "衢州市")
    assert _answers(resolver, ["衢州市民政局", "衢州市交通运输局", "柯城区民政局", "丽水市民政局"]) == {
        "衢州市民政局": "市民政局",
        "衢州市交通运输局": "市交通运输局",
        "柯城区民政局": None,  # a county's bureau, not the city's
        "丽水市民政局": None,
    }


def test_a_zone_committee_named_like_a_district_does_not_place_the_plan(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, ZONE)
    assert resolver.places.chain == () and resolver.places.level == "市"
    assert _answers(resolver, ["南湖区管委会", "教育局", "嘉兴市教育局"]) == {
        "南湖区管委会": "南湖区管委会",
        "教育局": "市教育局",
        "嘉兴市教育局": None,  # a city the plan never named
    }


def test_a_plan_listing_its_cities_governments_is_their_regions(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, REGION)
    assert resolver.places.chain == ("广西壮族自治区",)
    assert _answers(
        resolver,
        [
            "交通运输厅",
            "广西交通运输厅",
            "广西壮族自治区发展和改革委员会",
            "自然资源厅",
            "南宁市交通运输局",
            "云南省交通运输厅",
        ],
    ) == {
        "交通运输厅": "自治区交通运输厅",
        "广西交通运输厅": "自治区交通运输厅",
        "广西壮族自治区发展和改革委员会": "自治区发展改革委",
        "自然资源厅": "自治区自然资源厅",
        "南宁市交通运输局": None,  # a city's bureau
        "云南省交通运输厅": None,  # another province's department
    }


def test_a_district_name_several_cities_have_is_told_apart_by_the_city_its_plan_says(tmp_path: Path) -> None:
    resolver = _resolver(tmp_path, SHARED_NAME)
    assert resolver.places.chain == ("福建省", "福州市", "鼓楼区")
    assert _answers(resolver, ["福州市鼓楼区财政局", "鼓楼区发展和改革局", "南京市鼓楼区财政局", "福州市财政局"]) == {
        "福州市鼓楼区财政局": "区财政局",
        "鼓楼区发展和改革局": "区发改局",
        "南京市鼓楼区财政局": None,  # the other 鼓楼区
        "福州市财政局": None,  # the city's
    }
