"""Plans as offices write them (issue 15), in documents written here cell by cell with python-docx and
openpyxl, independent of the parser: what each task must read as is spelled out by hand."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from core.settings import Settings
from core.store import open_store
from plan.parser import parse_file


def workbook_with_names_and_measures(path: Path) -> Path:
    """序号 | 类别 (merged down) | 工作任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限, under 附件1 and a title."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件1"
    sheet.append(["附件1"])
    sheet.append(["临江市2024年优化营商环境重点任务分解表"])
    sheet.append(["序号", "类别", "工作任务", "具体措施", "牵头单位", "责任单位", "完成时限"])
    sheet.append([1, "一、提升政务服务效能", "推行“一网通办”", "完善一体化政务服务平台，年内兑现事项不少于30项，实现高频事项全程网办。", "市政务服务数据管理局", "市直各部门", "2024年6月底前"])  # fmt: skip
    sheet.append([2, None, "深化“一件事一次办”", "新增一件事集成服务10项。", "市政务服务数据管理局", "市人社局、市医保局", "2024年12月底前"])  # fmt: skip
    sheet.append([3, "二、优化市场环境", "降低市场主体准入成本", "全面推行企业开办“一日办结”。", "市市场监管局", "市税务局、市公安局", "2024年9月底前"])  # fmt: skip
    sheet.append([4, None, "规范涉企收费", "开展涉企违规收费专项整治。", "市发展改革委", "市财政局、市市场监管局", "长期坚持"])  # fmt: skip
    sheet.merge_cells("A2:G2")
    sheet.merge_cells("B4:B5")
    sheet.merge_cells("B6:B7")
    book.save(str(path))
    return path


def test_a_task_name_column_beside_the_measures_and_merged_categories(tmp_path: Path) -> None:
    plan = parse_file(workbook_with_names_and_measures(tmp_path / "附件1.xlsx"))
    assert plan.title == "临江市2024年优化营商环境重点任务分解表"  # not the file's name
    assert plan.sections == ["提升政务服务效能", "优化市场环境"]
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [
        (1, "提升政务服务效能", "推行“一网通办”"),
        (2, "提升政务服务效能", "深化“一件事一次办”"),
        (3, "优化市场环境", "降低市场主体准入成本"),
        (4, "优化市场环境", "规范涉企收费"),
    ]
    assert plan.tasks[0].body.startswith("完善一体化政务服务平台")
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["市政务服务数据管理局"], ["市直各部门"]),
        (["市政务服务数据管理局"], ["市人社局", "市医保局"]),
        (["市市场监管局"], ["市税务局", "市公安局"]),
        (["市发展改革委"], ["市财政局", "市市场监管局"]),
    ]
    # The deadline column wins over 年内 in the measures: one deadline, the column's.
    assert [(d.text, str(d.due)) for d in plan.tasks[0].deadlines] == [("2024年6月底前", "2024-06-30")]


def test_one_sheet_per_section_numbered_again_in_each(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for index, (section, names) in enumerate(
        [("一、营商环境", ["优化审批流程", "压减办理时限", "推进证照分离"]), ("二、民生保障", ["扩大就业", "完善社保"])]
    ):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = section[2:]
        if index == 0:
            sheet.append(["临江市2024年重点民生实事责任分解"])
        sheet.append([section])
        sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
        for number, name in enumerate(names, start=1):
            sheet.append([number, f"{name}。", "市发展改革委", "市财政局", "2024年12月底前"])
    path = tmp_path / "分解.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert plan.title == "临江市2024年重点民生实事责任分解"
    assert plan.sections == ["营商环境", "民生保障"]  # sheet 1's section row above its header is kept
    assert [(t.number, t.label, t.section) for t in plan.tasks] == [
        (1, "一-1", "营商环境"),
        (2, "一-2", "营商环境"),
        (3, "一-3", "营商环境"),
        (4, "二-1", "民生保障"),
        (5, "二-2", "民生保障"),
    ]


def test_sheet_names_are_sections_when_no_row_says_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for index, name in enumerate(["法治政府", "数字政府"]):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(["序号", "重点任务", "责任单位"])
        sheet.append([1, f"推进{name}建设。", "市司法局"])
    path = tmp_path / "sheets.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.section, t.title) for t in plan.tasks] == [(1, "法治政府", "推进法治政府建设"), (2, "数字政府", "推进数字政府建设")]  # fmt: skip


def document_with_conventions(path: Path) -> Path:
    """A Word table under a note saying the first listed unit leads, and a 以下简称 in the text."""
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("临江市2024年数字政府建设重点任务责任分解")
    document.add_paragraph("由市数据资源管理局（以下简称“市数据局”）统筹推进。责任单位栏中排在第一位的为牵头单位。")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "工作要求", "责任单位"], strict=True):
        cell.text = text
    rows = [
        ("1", "建设一体化数据平台", "完成市级数据平台建设。", "市数据局、市经信局、市财政局"),
        ("2", "推进政务服务下沉", "延伸至镇街。", "各区、县（市）政府，市政务服务中心"),
        ("3", "加强安全保障", "落实网络安全责任制。", "市委网信办、各有关部门，乡镇人民政府按职责分工分别负责"),
    ]
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(str(path))
    return path


def test_the_conventions_a_document_states_are_applied(tmp_path: Path) -> None:
    plan = parse_file(document_with_conventions(tmp_path / "附件2.docx"))
    assert plan.title == "临江市2024年数字政府建设重点任务责任分解"
    assert [t.title for t in plan.tasks] == ["建设一体化数据平台", "推进政务服务下沉", "加强安全保障"]
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["市数据资源管理局"], ["市经信局", "市财政局"]),  # 以下简称 and 排在第一位的为牵头单位, both
        (["各区、县（市）政府"], ["市政务服务中心"]),  # a group name whose 、 is outside its brackets
        (["市委网信办"], ["各有关部门", "乡镇人民政府"]),  # 按职责分工分别负责 is a duty, not a unit
    ]
    assert plan.aliases == {"市数据局": "市数据资源管理局"}
    assert any("以下简称" in w for w in plan.warnings) and any("牵头" in w for w in plan.warnings)


def test_a_plans_short_name_is_understood_when_typed(tmp_path: Path) -> None:
    path = document_with_conventions(tmp_path / "附件2.docx")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", plan_file=path)  # type: ignore[call-arg]
    store = open_store(settings)
    view = store.view()
    assert view is not None and "市数据局" not in view.units
    assert view.resolver.resolve("市数据局").unit == "市数据资源管理局"
    assert view.resolver.resolve("数据局").unit == "市数据资源管理局"
