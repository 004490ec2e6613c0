"""Units a heading gives its items (issue 26): a group title naming its lead (（一）市审计局牵头的工作) gives it to
each item below, which adds its own cooperating units, and is itself a task where no numbered item stands under it;
an item whose own line ends in a role list above sub-items naming theirs is a task at each depth (一、…（责任单位：…）
over 1.…（责任单位：…）); a heading's role list over items naming none is theirs, the heading no task. Each document
is written here as an office would write it, as text and as a Word file."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan.parser import parse_file, parse_text
from tests.documents import docx_from_text

LEADS_IN_HEADINGS = (
    "某市人民政府关于印发2026年市政府工作目标责任分解的通知\n"
    "一、王某市长负责的工作\n"
    "（一）市审计局牵头的工作\n"
    "深化审计监督，推进审计全覆盖。\n"
    "（二）市市场监管局牵头的工作\n"
    "加强食品安全监管，守住不发生系统性风险的底线。\n"
    "配合单位：市农业农村局、各区县人民政府。\n"
    "（三）市委编办牵头的工作\n"
    "1.深化事业单位改革，优化机构设置。\n"
    "配合单位：市财政局。\n"
    "2.推进街道管理体制改革。\n"
    "配合单位：市民政局、各区县人民政府。\n"
)

TWO_DEPTHS = (
    "某县2026年十件民生实事任务分解\n"
    "一、新建改扩建幼儿园3所、中小学2所。（责任单位：县教育局、县住建局）\n"
    "1.新建改扩建幼儿园3所。（责任单位：县教育局，城关镇）\n"
    "2.新建中小学2所。（责任单位：县住建局，县教育局）\n"
    "二、完成农村危房改造500户。（责任单位：县住建局，各乡镇人民政府）\n"
    "三、新增城镇就业2000人。（责任单位：县人社局）\n"
    "1.开发公益性岗位300个。（责任单位：县人社局，县财政局）\n"
    "2.开展职业技能培训1000人次。（责任单位：县人社局，县职业中专）\n"
)

HEADING_LIST_OVER_BARE_ITEMS = (
    "某县2026年优化营商环境工作要点\n"
    "一、提升政务服务效能（牵头单位：县政务服务中心）\n"
    "1.推行企业开办一日办结。\n"
    "2.推进高频事项跨省通办。\n"
    "二、降低企业成本（牵头单位：县发展改革局；配合单位：县财政局）\n"
    "1.开展涉企收费专项治理。\n"
    "2.落实减税降费政策。（责任单位：县税务局）\n"
)


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def _read(text: str, form: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    if form == "txt":
        return parse_text(text)
    return parse_file(docx_from_text(text, tmp_path / "plan.docx"))


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_a_group_title_naming_its_lead_leads_every_item_below_and_is_a_task_where_none_is(
    form: str, tmp_path: Path
) -> None:
    plan = _read(LEADS_IN_HEADINGS, form, tmp_path)
    assert [t.title for t in plan.tasks] == [
        "市审计局牵头的工作",
        "市市场监管局牵头的工作",
        "深化事业单位改革，优化机构设置",
        "推进街道管理体制改革",
    ]
    assert _units(plan) == [
        (["市审计局"], [], []),
        (["市市场监管局"], [], ["市农业农村局", "各区县人民政府"]),
        (["市委编办"], [], ["市财政局"]),
        (["市委编办"], [], ["市民政局", "各区县人民政府"]),
    ]


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_an_item_with_its_own_units_above_sub_items_with_theirs_is_a_task_at_each_depth(
    form: str, tmp_path: Path
) -> None:
    plan = _read(TWO_DEPTHS, form, tmp_path)
    assert [t.label for t in plan.tasks] == ["一、", "1.", "2.", "二、", "三、", "1.", "2."]
    assert _units(plan) == [
        ([], ["县教育局", "县住建局"], []),
        ([], ["县教育局", "城关镇"], []),
        ([], ["县住建局", "县教育局"], []),
        ([], ["县住建局", "各乡镇人民政府"], []),
        ([], ["县人社局"], []),
        ([], ["县人社局", "县财政局"], []),
        ([], ["县人社局", "县职业中专"], []),
    ]
    # the item's own text, not its sub-items', is its body: each matter is read once
    assert "公益性岗位" not in plan.tasks[4].body


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_a_headings_role_list_over_items_naming_none_is_theirs_and_the_heading_no_task(
    form: str, tmp_path: Path
) -> None:
    plan = _read(HEADING_LIST_OVER_BARE_ITEMS, form, tmp_path)
    assert [t.title for t in plan.tasks] == [
        "推行企业开办一日办结",
        "推进高频事项跨省通办",
        "开展涉企收费专项治理",
        "落实减税降费政策",
    ]
    assert _units(plan) == [
        (["县政务服务中心"], [], []),
        (["县政务服务中心"], [], []),
        (["县发展改革局"], [], ["县财政局"]),
        (["县发展改革局"], ["县税务局"], ["县财政局"]),
    ]
