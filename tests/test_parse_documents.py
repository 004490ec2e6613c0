"""Word and Excel plans: the bundled plan as .docx paragraphs, a .docx task table and an .xlsx 任务分工表."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from plan.parser import parse_file
from tests.documents import docx_from_text, docx_table_from_text, xlsx_from_text
from tests.test_parse_seed import EXPECTED_UNITS, SECTIONS, assert_seed


def test_docx_paragraphs_with_full_width_punctuation(seed_text: str, tmp_path: Path) -> None:
    plan = parse_file(docx_from_text(seed_text, tmp_path / "plan.docx"))
    assert_seed(plan)
    assert plan.title == "东河区2021年度法治政府建设工作计划"
    assert plan.task(10).deadlines[0].due == date(2021, 12, 31)


def test_xlsx_task_table(seed_text: str, tmp_path: Path) -> None:
    plan = parse_file(xlsx_from_text(seed_text, tmp_path / "plan.xlsx"))
    assert [t.number for t in plan.tasks] == list(range(1, 27))
    for task in plan.tasks:
        lead, responsible = EXPECTED_UNITS[task.number]
        assert (task.lead, task.responsible) == (lead, responsible), task.number
    assert plan.sections == SECTIONS  # from the merged 重点任务 column
    assert plan.task(17).section == SECTIONS[3]
    assert plan.task(1).title == "实施统一的市场准入负面清单制度"
    assert plan.title == "东河区2021年度法治政府建设工作计划任务分工表"
    assert plan.year == 2021
    # A 完成时限 column: 2021年12月底前 where the text had none.
    assert (plan.task(1).deadlines[0].text, plan.task(1).deadlines[0].due) == ("2021年12月底前", date(2021, 12, 31))


def test_docx_task_table_with_section_rows(seed_text: str, tmp_path: Path) -> None:
    plan = parse_file(docx_table_from_text(seed_text, tmp_path / "table.docx"))
    assert len(plan.tasks) == 26
    for task in plan.tasks:
        lead, responsible = EXPECTED_UNITS[task.number]
        assert (task.lead, task.responsible) == (lead, responsible), task.number
    assert plan.sections == SECTIONS
    assert plan.task(13).section == "严格规范公正文明执法"


def test_docx_automatic_numbering_is_read(tmp_path: Path) -> None:
    """Word list numbering (not typed) still numbers the tasks."""
    document = docx.Document()
    document.add_paragraph("某区2023年度工作要点")
    for i, title in enumerate(["推进政务公开", "规范执法行为", "加强队伍建设"], start=1):
        paragraph = document.add_paragraph(f"{title}。具体工作第{i}项。（牵头单位：区司法局；责任单位：区政府各部门）")
        paragraph.style = document.styles["List Number"]
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.title for t in plan.tasks] == ["推进政务公开", "规范执法行为", "加强队伍建设"]
    assert all(t.lead == ["区司法局"] and t.responsible == ["区政府各部门"] for t in plan.tasks)


def test_docx_tables_continued_without_a_header(tmp_path: Path) -> None:
    """One table per section, only the first with a header row, as offices often lay them out."""
    document = docx.Document()
    document.add_paragraph("某区2022年法治建设任务分工")
    rows = [
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "推进甲项。细则。", "区司法局", "区财政局", "2022年6月底前"],
        ],
        [["2", "推进乙项。细则。", "区发改委", "区商务局、区民政局", "2022年底前"]],
    ]
    for table_rows in rows:
        table = document.add_table(rows=0, cols=5)
        for values in table_rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    path = tmp_path / "tables.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.title, t.lead, t.cooperating) for t in plan.tasks] == [
        (1, "推进甲项", ["区司法局"], ["区财政局"]),
        (2, "推进乙项", ["区发改委"], ["区商务局", "区民政局"]),
    ]
    assert plan.tasks[1].deadlines[0].due == date(2022, 12, 31)


def test_docx_heading_styles_without_typed_numbers_are_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("某区2022年法治政府建设工作计划", level=1)
    document.add_heading("深化放管服改革", level=1)
    document.add_paragraph("1.推进甲项工作。细则。（牵头单位：区政务服务局）")
    document.add_heading("加强执法监督", level=1)
    document.add_paragraph("2.推进乙项工作。细则。（牵头单位：区司法局）")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert plan.title == "某区2022年法治政府建设工作计划"
    assert plan.sections == ["深化放管服改革", "加强执法监督"]
    assert [(t.section, t.lead) for t in plan.tasks] == [
        ("深化放管服改革", ["区政务服务局"]),
        ("加强执法监督", ["区司法局"]),
    ]
