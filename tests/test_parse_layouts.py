"""Task tables and page layouts (issue 26, the parser's layouts): every task keeps its own row's units
through merged cells, quoted cells and sub-items; leads marked by a sign; sheets with two-row headers;
plans over several years. Each document is built here, in the shape of real ones."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from plan.parser import parse_file, parse_text
from tests.documents import chromium_pdf


def _table(document: docx.Document, header: list[str]) -> docx.table.Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    return table


def test_a_merged_unit_cell_gives_its_units_to_every_row_it_spans(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市2024年优化营商环境重点任务分工表")
    header = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    table = _table(document, header)
    rows = [
        ["一、提升政务服务效能"],
        ["1", "推行企业开办一网通办。", "市数据局", "市市场监管局\n市税务局", "2024年6月底前"],
        ["2", "推进高效办成一件事。", "", "", "2024年9月底前"],
        header,  # the header again after a page break
        ["3", "完善政务服务评价。", "市数据局", "各县区政府", "2024年12月底前"],
        ["4", "规范中介服务。", "市发改委", "市级有关部门", "2024年10月底前"],
    ]
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:
            cells[0].merge(cells[-1]).text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    lead = table.cell(2, 2).merge(table.cell(3, 2))  # 市数据局 down over tasks 1–2
    lead.text = "市数据局"
    cooperating = table.cell(2, 3).merge(table.cell(3, 3))  # 市市场监管局、市税务局 over tasks 1–2
    cooperating.text = "市市场监管局\n市税务局"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert [t.lead for t in plan.tasks] == [["市数据局"], ["市数据局"], ["市数据局"], ["市发改委"]]
    assert [t.cooperating for t in plan.tasks] == [
        ["市市场监管局", "市税务局"],
        ["市市场监管局", "市税务局"],
        ["各县区政府"],
        ["市级有关部门"],
    ]


def test_cells_copied_from_excel_over_several_lines_stay_in_their_row() -> None:
    text = (
        "某区2023年重点工作任务分解表\n"
        "序号\t工作任务\t责任单位\t配合单位\t完成时限\n"
        '1\t新建幼儿园3所。\t"区教育局\n区住建局"\t区财政局、\n2023年8月底前\n'.replace(
            "、\n2023", "、区自然资源局\t2023"
        )
        + '2\t改造老旧小区10个。\t区住建局\t"区财政局、\n各街道办事处"\t2023年11月底前\n'
        + "3\t新增就业岗位2000个。\t区人社局\t各街道办事处\t2023年12月底前\n"
    )
    plan = parse_text(text)
    assert [t.responsible for t in plan.tasks] == [["区教育局", "区住建局"], ["区住建局"], ["区人社局"]]
    assert [t.cooperating for t in plan.tasks] == [
        ["区财政局", "区自然资源局"],
        ["区财政局", "各街道办事处"],
        ["各街道办事处"],
    ]
    assert [t.deadlines[-1].due.isoformat() for t in plan.tasks] == ["2023-08-31", "2023-11-30", "2023-12-31"]


def test_a_cell_that_only_starts_with_a_quote_is_no_quoted_cell() -> None:
    text = '序号\t工作任务\t责任单位\n1\t"一网通办"提质增效。\t区数据局\n2\t推进帮办代办。\t区政务服务中心\n'
    plan = parse_text(text)
    assert [t.responsible for t in plan.tasks] == [["区数据局"], ["区政务服务中心"]]


def test_a_sheet_marks_its_leads_with_a_star_and_says_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2022年重点工作任务分解表"])
    sheet.append(["说明：责任单位中带“*”号的为牵头单位。"])
    sheet.append(["序号", "工作任务", "责任单位", "完成时限"])
    sheet.append([1, "推进县城污水管网改造。", "县住建局*、县水利局、各乡镇", "2022年10月底前"])
    sheet.append([2, "创建省级卫生县城。", "县卫健局*、县城管局*、县直各部门", "2022年12月底前"])
    path = tmp_path / "star.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    first, second = plan.tasks
    assert first.lead == ["县住建局"] and first.responsible == ["县水利局", "各乡镇"]
    assert second.lead == ["县卫健局", "县城管局"] and second.responsible == ["县直各部门"]
    assert any("marks its leads with *" in w for w in plan.warnings)


def test_a_word_table_marks_its_leads_with_a_sign_before_the_name(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某区2019年民生实事任务分工")
    document.add_paragraph("注：★为牵头单位。")
    table = _table(document, ["序号", "实事项目", "责任单位"])
    for values in (
        ["1", "新建公办幼儿园2所。", "★区教育局\n区财政局"],
        ["2", "改造农贸市场3个。", "区商务局、★区市场监管局"],
    ):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    path = tmp_path / "sign.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["区教育局"], ["区财政局"]),
        (["区市场监管局"], ["区商务局"]),
    ]


def test_a_sign_with_no_note_is_taken_off_and_the_roles_kept() -> None:
    text = "序号\t工作任务\t责任单位\n1\t完善路网。\t区交通局★、区住建局\n2\t治理扬尘。\t区生态环境分局\n"
    plan = parse_text(text)
    assert plan.tasks[0].lead == [] and plan.tasks[0].responsible == ["区交通局", "区住建局"]
    assert any("no note" in w for w in plan.warnings)


SUB_ITEMS = """某区2022年农村人居环境整治工作要点
一、重点任务
1.推进农村厕所革命。
（1）完成农村户厕改造1000户；
（2）6月底前建立户厕管护长效机制。
（牵头单位：区农业农村局；责任单位：各镇街、区直有关部门）
2.治理农村生活垃圾。
（1）健全收运处置体系；
（2）开展村庄清洁行动。（牵头单位：区城管局；责任单位：各镇街）
3.治理农村生活污水。
（1）编制治理规划；
（2）9月底前完成年度治理任务。
牵头单位：区生态环境分局
责任单位：区水利局、各镇街
"""


def test_units_after_a_tasks_last_sub_item_are_the_tasks() -> None:
    plan = parse_text(SUB_ITEMS)
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["区农业农村局"], ["各镇街", "区直有关部门"]),
        (["区城管局"], ["各镇街"]),
        (["区生态环境分局"], ["区水利局", "各镇街"]),
    ]
    assert "6月底前建立户厕管护长效机制" in plan.tasks[0].body  # the sub-items stay in the task


def test_sub_items_that_name_their_own_units_are_still_tasks() -> None:
    text = (
        "某区2022年工作要点\n1.深化改革。\n（1）推进审批改革。（牵头单位：区审批局）\n"
        "（2）推进监管改革。（牵头单位：区市场监管局）\n"
    )
    plan = parse_text(text)
    assert [t.lead for t in plan.tasks] == [["区审批局"], ["区市场监管局"]]


def test_a_pdf_tasks_sub_items_keep_the_tasks_units(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in SUB_ITEMS.splitlines()[1:])
    html = (
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Sans SC"}</style></head><body>'
        f"<h2>某区2022年农村人居环境整治工作要点</h2>{paragraphs}</body></html>"
    )
    plan = parse_file(chromium_pdf(html, tmp_path))
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["区农业农村局"], ["各镇街", "区直有关部门"]),
        (["区城管局"], ["各镇街"]),
        (["区生态环境分局"], ["区水利局", "各镇街"]),
    ]


def test_a_plan_over_several_years_dates_its_deadlines_in_its_own_year() -> None:
    text = (
        "某市优化营商环境三年行动方案\n（2023—2025年）\n某市人民政府办公室\n2023年4月6日\n"
        "1.建设一体化政务服务平台。6月底前上线运行。（牵头单位：市数据局）\n"
        "2.推行证明事项告知承诺制。年底前全面推行。（牵头单位：市司法局）\n"
    )
    plan = parse_text(text)
    assert plan.title == "某市优化营商环境三年行动方案（2023—2025年）"
    assert plan.year == 2023
    assert [t.deadlines[0].due.isoformat() for t in plan.tasks] == ["2023-06-30", "2023-12-31"]


def test_a_sheet_with_a_two_row_header_a_hidden_column_and_float_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件"])
    sheet.append(["某市2021年重点工作任务分解表"])
    sheet.append(["序号", "重点工作", None, "责任单位", None, "完成时限", "备注"])
    sheet.append([None, None, None, "牵头单位", "配合单位", None, None])
    for merged in ("A3:A4", "B3:B4", "D3:E3", "F3:F4", "G3:G4"):
        sheet.merge_cells(merged)
    sheet.column_dimensions["C"].hidden = True
    sheet.append(["一、稳增长"])
    sheet.merge_cells("A5:G5")
    sheet.append([1.0, "抓好重点项目建设。", None, "市发改委", "市自然资源局、各县区政府", "2021年12月底", "季度调度"])
    sheet.append([2.0, "扩大有效投资。", None, "市发改委", "市财政局", "2021年11月底", None])
    path = tmp_path / "two-row.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2]
    assert [(t.lead, t.cooperating) for t in plan.tasks] == [
        (["市发改委"], ["市自然资源局", "各县区政府"]),
        (["市发改委"], ["市财政局"]),
    ]
    assert plan.tasks[0].section == "一、稳增长" or plan.tasks[0].section == "稳增长"


def test_a_word_plan_with_a_table_per_section_numbers_on(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某区2020年政务公开工作要点分工")
    header = ["序号", "工作任务", "牵头单位", "责任单位"]
    for section, rows in (
        ("一、推进决策公开", [["1", "公开重大决策草案。", "区司法局", "区政府各部门"]]),
        (
            "二、推进执行公开",
            [["2", "公开重点任务进展。", "区政府办", "区政府各部门"], ["3", "公开审计结果。", "区审计局", ""]],
        ),
    ):
        document.add_paragraph(section)
        table = _table(document, header)
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
    path = tmp_path / "tables.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.lead) for t in plan.tasks] == [(1, ["区司法局"]), (2, ["区政府办"]), (3, ["区审计局"])]


def test_a_role_list_broken_where_a_separator_stood_stays_whole() -> None:
    text = (
        "某区2023年重点工作任务\n1.推进项目建设。\n牵头单位：区发改局\n责任单位：区财政局、区住建局\n区自然资源局、各街道\n"
        "2.优化营商环境。（牵头单位：区营商局；责任单位：区财政局、区住建局\n区自然资源局、各街道）\n"
        "3.做好统计工作。\n牵头单位：区统计局\n责任单位：区直各部门\n"
    )
    plan = parse_text(text)
    units = ["区财政局", "区住建局", "区自然资源局", "各街道"]
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["区发改局"], units),
        (["区营商局"], units),
        (["区统计局"], ["区直各部门"]),
    ]


def test_a_role_column_marks_its_lead_in_brackets() -> None:
    text = (
        "序号\t工作任务\t责任单位\n1\t修路。\t县交通局（牵头）、县财政局\n2\t治污。\t县环保局(牵头)、各乡镇（配合）\n"
    )
    plan = parse_text(text)
    assert [(t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        (["县交通局"], ["县财政局"], []),
        (["县环保局"], [], ["各乡镇"]),
    ]


def test_a_note_after_the_table_names_the_leads_sign() -> None:
    text = "序号\t工作任务\t责任单位\n1\t修路。\t县交通局★、县财政局\n2\t治污。\t县环保局★、各乡镇\n注：牵头单位以“★”标注。\n"
    plan = parse_text(text)
    assert [(t.lead, t.responsible) for t in plan.tasks] == [(["县交通局"], ["县财政局"]), (["县环保局"], ["各乡镇"])]


def test_a_role_list_continued_in_a_paragraph_of_its_own_but_not_the_signing_office(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (
        "某州2023年社区服务工作要点",
        "1.完善社区服务设施。",
        "牵头单位：州民政局",
        "责任单位：州住房和城乡建设局、州自然资源局",
        "各县市人民政府",
        "2.提升社区服务能力。",
        "牵头单位：州委社会工作部",
        "责任单位：州民政局、州财政局",
        "某州人民政府办公室",
        "2023年5月6日",
    ):
        document.add_paragraph(line)
    path = tmp_path / "paragraphs.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.responsible for t in plan.tasks] == [
        ["州住房和城乡建设局", "州自然资源局", "各县市人民政府"],
        ["州民政局", "州财政局"],
    ]
