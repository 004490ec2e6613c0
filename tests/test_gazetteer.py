"""Places from the gazetteer of China's divisions: a plan's place chain completed upwards, any place
recognised as a place (not only those the plan names), and a plan without a named place placed by its
own units' level and the places they name."""

from __future__ import annotations

from plan.directory import load_directory
from plan.gazetteer import gazetteer
from plan.parser import parse_file, parse_text
from plan.places import leading_places, plan_places
from plan.resolver import Resolver


def _resolver(plan):  # type: ignore[no-untyped-def]
    return Resolver(plan.units, load_directory(), places=plan_places(plan.issuer, plan.title, plan.units))


def test_the_bundled_plans_place_is_completed_and_its_full_names_are_its_own(seed_path) -> None:  # type: ignore[no-untyped-def]
    plan = parse_file(seed_path)
    places = plan_places(plan.issuer, plan.title, plan.units)
    assert places.chain == ("内蒙古自治区", "包头市", "东河区")
    resolver = _resolver(plan)
    assert resolver.resolve("内蒙古包头市东河区统计局").unit == "区统计局"
    assert resolver.resolve("帮我查区统计局的任务").unit == "区统计局"  # 帮我查区 is no place
    assert resolver.resolve("铁西区商务局").reason == "other-place"
    assert resolver.resolve("包头市统计局").unit is None  # the city's bureau is not the district's


def test_places_of_every_level_are_known() -> None:
    book = gazetteer()
    assert book.is_place("东华门街道") and book.is_place("城关镇") and book.is_place("立山区")
    assert leading_places("广西南宁市青秀区人民政府") == ["广西", "南宁市", "青秀区"]
    assert book.complete(["南宁市", "青秀区"]) == ["广西壮族自治区", "南宁市", "青秀区"]
    assert book.complete(["鼓楼区"]) == ["鼓楼区"]  # several districts of that name: left as it is


def test_a_city_plan_that_names_no_place_is_read_at_its_units_level() -> None:
    text = """2023年重点工作任务分工
1.推进项目建设。(牵头单位:市发改委;配合单位:市财政局、东河区人民政府、昆都仑区人民政府、青山区人民政府)
2.做好医疗保障。(牵头单位:市卫健委;配合单位:市医保局)
"""
    plan = parse_text(text)
    places = plan_places(plan.issuer, plan.title, plan.units)
    # Its cooperating districts all lie in one city: that city is the plan's place, not one of them.
    assert (places.chain, places.level) == (("内蒙古自治区", "包头市"), "市")
    resolver = _resolver(plan)
    for typed, unit in (
        ("发改委", "市发改委"),
        ("卫健委", "市卫健委"),
        ("fagaiwei", "市发改委"),
        ("市卫健委", "市卫健委"),
    ):
        assert resolver.resolve(typed).unit == unit, typed
