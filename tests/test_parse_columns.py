"""Task tables read by what their columns hold (issue 26), in every format a plan comes in: a role column
whose header word no list names takes its role from the header's meaning (plan/data/columns.yaml) and is
known as a unit column by its cells; a column of organs under a header with no role word at all is the units
column; numbers running on are 序号 wherever they start, beside columns of weights; a person column first
is no unit column; a table pasted a cell a line between lines of `|`. Each document is written here as an
office would write it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from plan.parser import parse_file, parse_text


def _units(plan) -> list[tuple[int, list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.number, t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def _docx(path: Path, rows: list[list[str]], title: str = "某县2024年重点工作任务分工") -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("主要协作单位", "cooperating"),
        ("配合实施单位", "cooperating"),
        ("协同部门", "cooperating"),
        ("承办单位", "responsible"),
        ("实施主体", "responsible"),
        ("责任主体", "responsible"),
        ("主责处室", "lead"),
    ],
)
def test_a_role_column_takes_its_role_from_its_headers_words(tmp_path: Path, header: str, role: str) -> None:
    path = _docx(
        tmp_path / "roles.docx",
        [
            ["序号", "重点任务", "牵头单位" if role != "lead" else "配合单位", header],
            ["1", "推进农村公路提档升级。", "县交通运输局", "县财政局、各乡镇人民政府"],
            ["2", "完成城区老旧小区改造。", "县住建局", "县发改局"],
        ],
    )
    plan = parse_file(path)
    other = "lead" if role != "lead" else "cooperating"
    for task, (first, second) in zip(
        plan.tasks, [("县交通运输局", ["县财政局", "各乡镇人民政府"]), ("县住建局", ["县发改局"])], strict=True
    ):
        assert getattr(task, other) == [first]
        assert getattr(task, role) == second


def test_a_column_of_organs_under_a_header_with_no_role_word_is_the_units_column(tmp_path: Path) -> None:
    rows = [
        ["序号", "考评指标", "数据来源", "完成时间"],
        ["1", "地区生产总值增长7%", "县统计局", "2024年12月底前"],
        ["2", "一般公共预算收入增长5%", "县财政局、县税务局", "2024年12月底前"],
        ["3", "新增城镇就业2000人", "县人社局", "2024年11月底前"],
    ]
    plan = parse_file(_docx(tmp_path / "no-role-word.docx", rows))
    assert _units(plan) == [
        (1, [], ["县统计局"], []),
        (2, [], ["县财政局", "县税务局"], []),
        (3, [], ["县人社局"], []),
    ]
    assert plan.tasks[2].deadlines[0].due.isoformat() == "2024-11-30"
    why = next(line for line in plan.explained if "columns read by what they hold" in line)
    assert "«数据来源»" in why and "units" in why  # the explanation names the column and why


def test_an_unknown_column_beside_known_ones_is_read_by_its_cells(tmp_path: Path) -> None:
    rows = [
        ["序号", "工作任务", "牵头单位", "数据报送"],
        ["1", "推进政务服务一网通办。", "县数据局", "县政务服务中心、各乡镇人民政府"],
        ["2", "完善社会信用体系。", "县发改局", "县市场监管局"],
    ]
    plan = parse_file(_docx(tmp_path / "unknown.docx", rows))
    assert _units(plan) == [
        (1, ["县数据局"], ["县政务服务中心", "各乡镇人民政府"], []),
        (2, ["县发改局"], ["县市场监管局"], []),
    ]
    assert any("数据报送=responsible (by its cells" in line for line in plan.explained)


def test_a_web_table_continued_from_14_without_a_header_beside_weight_columns(tmp_path: Path) -> None:
    cells = [
        ("14", "科技创新贡献率", "", "6", "市科技局、市统计局"),
        ("15", "城镇居民人均可支配收入", "9", "5", "国家统计局某市调查队"),
        ("16", "城镇新增就业人数", "10", "6", "市人社局"),
        ("17", "主要污染物减排", "", "4", "市生态环境局"),
    ]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in cells)
    path = tmp_path / "page2.html"
    path.write_text(
        f'<html><head><meta charset="utf-8"></head><body><h1>某市考核评价指标体系</h1>'
        f"<table>{rows}</table><p>上一页 1 2</p></body></html>",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert _units(plan) == [
        (14, [], ["市科技局", "市统计局"], []),
        (15, [], ["国家统计局某市调查队"], []),
        (16, [], ["市人社局"], []),
        (17, [], ["市生态环境局"], []),
    ]
    assert any("start at 14" in w for w in plan.warnings)


def test_a_word_table_led_by_a_person_column(tmp_path: Path) -> None:
    rows = [
        ["责任领导", "序号", "工作内容", "责任单位", "完成时限"],
        ["王建国", "1", "推进高标准农田建设。", "县农业农村局", "2024年10月底前"],
        ["王建国", "2", "实施农村饮水安全巩固提升工程。", "县水利局、各乡镇人民政府", "2024年12月底前"],
        ["李明（副县长）", "3", "开展城乡环境综合整治。", "县城管局", "2024年12月底前"],
    ]
    plan = parse_file(_docx(tmp_path / "person.docx", rows))
    assert _units(plan) == [
        (1, [], ["县农业农村局"], []),
        (2, [], ["县水利局", "各乡镇人民政府"], []),
        (3, [], ["县城管局"], []),
    ]


def test_a_sheet_with_a_unit_a_row_under_merged_cells_and_a_star_for_the_lead(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区稳增长政策措施任务分解表"])
    sheet.append(["注：带★的为牵头单位"])
    sheet.append(["类别", "序号", "政策措施", "责任单位"])
    sheet.append(["一、提高审批效率", 1, "精简项目审批手续，推行网上审批。", "★区政务服务局"])
    sheet.append([None, None, None, "区发改局"])
    sheet.append([None, None, None, "区住建局"])
    sheet.append([None, 2, "提高环评审批效率。", "★区环保局"])
    sheet.append([None, None, None, "区水务局"])
    for cols in ("A4:A8", "B4:B6", "C4:C6", "B7:B8", "C7:C8"):
        sheet.merge_cells(cols)
    path = tmp_path / "merged.xlsx"
    book.save(path)
    plan = parse_file(path)
    assert _units(plan) == [
        (1, ["区政务服务局"], ["区发改局", "区住建局"], []),
        (2, ["区环保局"], ["区水务局"], []),
    ]


def test_a_table_pasted_a_cell_a_line_between_lines_of_pipes() -> None:
    cells = ["序号", "工作任务", "负责部门", "时间进度"]
    rows = [
        ["1", "完善城市管理体制", "市委编办、市住建局", "2016 年底前"],
        ["2", "推进数字化城市管理平台建设,将环卫作业纳入平台监管", "市城管局,各县(区)政府", "常态工作"],
    ]
    lines = ["附件", "重点工作任务分解", "|"]
    for row in [cells, *rows]:
        lines.append("|")
        for cell in row:
            lines += [cell, "|"]
    plan = parse_text("\n".join(lines))
    assert _units(plan) == [
        (1, [], ["市委编办", "市住建局"], []),
        (2, [], ["市城管局", "各县（区）政府"], []),
    ]


def test_units_slipped_onto_rows_of_their_own_under_a_task_stay_with_it(tmp_path: Path) -> None:
    """The task's cells not merged, only its first row numbered: the rows under it holding one unit each."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["某区任务分解表"],
        ["注：带★的为牵头单位"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "推进项目审批提速。", "★区发改局", "2024年12月底前"],
        [None, None, "区财政局", None],
        [None, None, "区住建局", None],
        [2, "提高环评审批效率。", "★区环保局", "2024年6月底前"],
        [None, None, "区水务局", None],
    ]:
        sheet.append(row)
    path = tmp_path / "slipped.xlsx"
    book.save(path)
    plan = parse_file(path)
    assert _units(plan) == [
        (1, ["区发改局"], ["区财政局", "区住建局"], []),
        (2, ["区环保局"], ["区水务局"], []),
    ]
    assert plan.sections == []  # a unit alone on a row is no heading


def test_a_table_pasted_a_cell_a_line_knows_its_header_by_the_same_words_as_any_table() -> None:
    """预期目标 names the task column in a Word table, and so in a page's text copied a cell a line."""
    rows = [
        ("序号", "预期目标", "责任单位", "进展情况"),
        ("1", "地区生产总值增长6%以上", "区发展改革委", "预计一季度增长20%左右。"),
        ("2", "工业增加值增长8%", "区经济信息委", "预计一季度增长30%左右。"),
    ]
    lines = ["附件1", "预期目标任务进展情况表"] + [f"{cell} |" for row in rows for cell in row]
    plan = parse_text("\n".join(lines))
    assert _units(plan) == [(1, [], ["区发展改革委"], []), (2, [], ["区经济信息委"], [])]


def test_a_row_copied_from_excel_with_its_first_cell_merged_keeps_its_columns() -> None:
    """Excel copies a cell merged down as empty on the rows under it: the tab that opens the row is a cell."""
    plan = parse_text(
        "某县重点工作任务清单\n"
        "类别\t序号\t工作任务\t牵头单位\t配合单位\n"
        "一、农业农村\t1\t推进高标准农田建设。\t县农业农村局\t县财政局\n"
        "\t2\t开展城乡环境综合整治。\t县城管局\t各乡镇\n"
    )
    assert _units(plan) == [(1, ["县农业农村局"], [], ["县财政局"]), (2, ["县城管局"], [], ["各乡镇"])]
    assert [t.title for t in plan.tasks] == ["推进高标准农田建设", "开展城乡环境综合整治"]


def test_a_table_pasted_with_spaces_led_by_a_person_column() -> None:
    plan = parse_text(
        "某县重点工作任务清单\n"
        "责任领导 序号 工作任务 责任单位\n"
        "张三 1 推进高标准农田建设。 县农业农村局\n"
        "李四 2 开展城乡环境综合整治。 县城管局、各乡镇\n"
        "3 实施农村饮水安全巩固提升工程。 县水利局\n"  # the person's cell merged down in the original
    )
    assert _units(plan) == [
        (1, [], ["县农业农村局"], []),
        (2, [], ["县城管局", "各乡镇"], []),
        (3, [], ["县水利局"], []),
    ]
