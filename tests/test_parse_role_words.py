"""Role labels and headers the parser had no word for (issue 26): a label or a column's header is its role's words,
perhaps a qualifier, and a tail (单位, 部门, 科室, 处室); its role is that of its words, by one table for every format
(plan/data/conventions.yaml role_words): 配合实施单位 and 协同单位 cooperate, 主要责任单位 and 责任科室 are responsible,
and units a plan names apart from who does the task (数据提供单位, 督办单位) are no unit of the task; never the label read
into a unit or another role's list. `duban parse --explain` says which label was read as what, and by which word.
Each document is written here as an office would write it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from plan.parser import parse_file, parse_text
from tests.documents import chromium_pdf


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("配合实施单位", "cooperating"),
        ("协同单位", "cooperating"),
        ("参与单位", "cooperating"),
        ("主要配合部门", "cooperating"),
        ("主要责任单位", "responsible"),
        ("责任科室", "responsible"),
        ("责任处室", "responsible"),
        ("区级牵头部门", "lead"),
    ],
)
def test_a_label_takes_its_role_from_its_words(label: str, role: str) -> None:
    text = (
        "某区2024年重点工作任务分工方案\n"
        "一、优化营商环境\n"
        f"1.推行企业开办一日办结。（{'责任单位' if role == 'lead' else '牵头单位'}：区政务服务中心；{label}：区市场监管局、区税务局）\n"
        f"2.清理规范涉企收费。（{'责任单位' if role == 'lead' else '牵头单位'}：区发改局；{label}：区财政局）\n"
    )
    plan = parse_text(text)
    other = "responsible" if role == "lead" else "lead"
    assert [getattr(t, other) for t in plan.tasks] == [["区政务服务中心"], ["区发改局"]]
    assert [getattr(t, role) for t in plan.tasks] == [["区市场监管局", "区税务局"], ["区财政局"]]
    assert all(label not in name for name in plan.units)  # the label is never read as part of a unit
    assert any(label in line and f"→ {role}" in line for line in plan.explained)


def test_units_a_plan_names_apart_are_no_units_of_the_task() -> None:
    text = (
        "某市2022年《政府工作报告》目标任务责任分解方案\n"
        "一、全市经济社会发展主要预期目标\n"
        "1.地区生产总值增长7%左右。（牵头单位：市发改委；数据提供单位：市统计局）\n"
        "2.第一产业增加值增长2%。（牵头单位：市农业农村局；责任单位：市林业局；数据提供单位：市统计局）\n"
        "3.城镇居民人均可支配收入增长7%。（牵头单位：市人社局；数据提供单位：国家统计局某市调查队）\n"
        "4.清理拖欠企业账款。（牵头单位：市工信局；督办单位：市政府督查室）\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [
        (["市发改委"], [], []),
        (["市农业农村局"], ["市林业局"], []),
        (["市人社局"], [], []),
        (["市工信局"], [], []),
    ]
    said = next(line for line in plan.explained if line.startswith("role labels"))
    assert "数据提供单位 → not a role (提供): 市统计局、国家统计局某市调查队 left out" in said
    assert "督办单位 → not a role (督办)" in said


def test_role_lines_under_a_task_with_labels_of_four_words(tmp_path: Path) -> None:
    path = tmp_path / "msss.html"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>2016年市定民生实事及责任分工</title></head><body>'
        "<h2>2016年市定10件民生实事及责任分工</h2>"
        "<p>一、实施畅通出行工程</p>"
        "<p>1.加快建设中山路立交桥，建成解放路沙河桥。</p>"
        "<p>牵头责任单位：市住房城乡建设局、市城投公司</p>"
        "<p>配合实施单位：东城区人民政府、西城区人民政府</p>"
        "<p>2.新改建农村公路260公里，改造危桥10座。</p>"
        "<p>牵头责任单位：市交通运输局</p>"
        "<p>配合实施单位：各县区人民政府，市经济开发区管委会</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert _units(parse_file(path)) == [
        (["市住房城乡建设局", "市城投公司"], [], ["东城区人民政府", "西城区人民政府"]),
        (["市交通运输局"], [], ["各县区人民政府", "市经济开发区管委会"]),
    ]


def test_a_header_takes_its_role_from_the_same_words(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县2024年民生实事任务分解表")
    rows = [
        ["序号", "民生实事", "牵头单位", "配合实施单位", "督办单位"],
        ["1", "新建城区公办幼儿园2所。", "县教育局", "县住建局、县自然资源局", "县政府督查室"],
        ["2", "改造老旧小区12个。", "县住建局", "城关镇人民政府", "县政府督查室"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "shishi.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert _units(plan) == [
        (["县教育局"], [], ["县住建局", "县自然资源局"]),
        (["县住建局"], [], ["城关镇人民政府"]),
    ]
    header = next(line for line in plan.explained if "header 序号" in line)
    assert "配合实施单位=cooperating (by its role word, 配合)" in header
    assert "督办单位=ignore (no role: a list the plan names apart, 督办)" in header


def test_a_data_providers_column_in_a_sheet_is_left_out(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2019年《政府工作报告》主要目标任务责任分解"])
    sheet.append(["序号", "目标任务", "牵头领导", "牵头单位", "主要责任单位", "数据提供单位"])
    sheet.append(["1", "地区生产总值增长8%左右。", "王明", "市发改委", "", "市统计局"])
    sheet.append(["2", "一般公共预算收入增长6%。", "李华", "市财政局", "市税务局", "市统计局"])
    path = tmp_path / "mubiao.xlsx"
    book.save(path)
    assert _units(parse_file(path)) == [(["市发改委"], [], []), (["市财政局"], ["市税务局"], [])]


def test_words_that_are_no_role_leave_a_line_as_it_is() -> None:
    text = (
        "某区2024年重点工作\n"
        "1.做好企业注册登记服务。注册单位：新设企业500户。（牵头单位：区市场监管局）\n"
        "2.提升政务服务效能。（责任单位：区政务服务中心）\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [(["区市场监管局"], [], []), ([], ["区政务服务中心"], [])]
    assert "注册单位" in plan.tasks[0].body


def test_labels_and_headers_in_a_pdf_printed_from_a_web_page(tmp_path: Path) -> None:
    page = '<html><head><meta charset="utf-8"></head><body style="width:520px"><h2>某市2016年民生实事及责任分工</h2>{}</body></html>'
    text = (
        "<p>1.加快建设中山路上跨立交桥，建成解放路沙河桥、太白山路沙河桥。</p>"
        "<p>牵头责任单位：市城乡建设委员会、市城建投公司</p>"
        "<p>配合实施单位：郾城区人民政府、源汇区人民政府</p>"
        "<p>2.新改建农村公路260公里，改造危桥10座。（牵头单位：市交通运输局；数据提供单位：市统计局）</p>"
    )
    plan = parse_file(chromium_pdf(page.format(text), tmp_path / "text"))
    assert _units(plan) == [
        (["市城乡建设委员会", "市城建投公司"], [], ["郾城区人民政府", "源汇区人民政府"]),
        (["市交通运输局"], [], []),
    ]
    table = (
        '<table border="1"><tr><th>序号</th><th>目标任务</th><th>牵头单位</th><th>配合实施单位</th><th>数据提供单位</th></tr>'
        "<tr><td>1</td><td>地区生产总值增长7%左右。</td><td>市发改委</td><td>市经信局、市商务局</td><td>市统计局</td></tr>"
        "<tr><td>2</td><td>一般公共预算收入增长6%。</td><td>市财政局</td><td>市税务局</td><td>市统计局</td></tr></table>"
    )
    plan = parse_file(chromium_pdf(page.format(table), tmp_path / "table"))
    assert _units(plan) == [(["市发改委"], [], ["市经信局", "市商务局"]), (["市财政局"], [], ["市税务局"])]
