"""Task tables as offices publish them after a format's round trip (issue 26): a unit cell whose name a narrow
column broke into printed lines, kept a paragraph a line in a Word document converted out of a PDF or in a web page
saved from one (市发展 / 改革委, 市政 / 府办 / 公厅), reads as the one unit it names, while a cell listing a unit a
line keeps its units apart; a sheet whose sections stand in the 序号 column (一 | 增强扩大内需主动力) reads them as
headings, its tasks numbered as printed. Each document is written here as an office would write it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from plan.parser import parse_file


def _units(plan) -> list[tuple[int, list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.number, t.lead, t.responsible) for t in plan.tasks]


def _docx_lines(path: Path, rows: list[tuple[str, str, list[str], list[str]]]) -> Path:
    """A Word table whose unit cells hold a paragraph per printed line."""
    document = docx.Document()
    document.add_paragraph("2026年重点工作分工方案")
    table = document.add_table(rows=1, cols=4)
    for cell, head in zip(table.rows[0].cells, ["序号", "重点工作", "牵头单位", "责任单位"], strict=True):
        cell.text = head
    for number, text, lead, units in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = number, text
        for cell, lines in zip(cells[2:], [lead, units], strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.save(str(path))
    return path


def test_a_name_broken_over_a_narrow_cells_lines_is_one_unit(tmp_path: Path) -> None:
    path = _docx_lines(
        tmp_path / "lines.docx",
        [
            ("1", "持续做好重大项目谋划储备工作。", ["市发展", "改革委"], ["市工业和", "信息化局", "市商务局"]),
            (
                "2",
                "推进政务服务“高效办成一件事”。",
                ["市政", "府办", "公厅"],
                ["市自然资", "源局", "市住房城", "乡建设局"],
            ),
            ("3", "扩大城镇就业。", ["市人力资", "源和社会", "保障局"], ["各乡镇人", "民政府"]),
            ("4", "提升县级政务服务。", ["县政府", "办公室"], ["县发展和改", "革委员会", "县财政局"]),
        ],
    )
    assert _units(parse_file(path)) == [
        (1, ["市发展改革委"], ["市工业和信息化局", "市商务局"]),
        (2, ["市政府办公厅"], ["市自然资源局", "市住房城乡建设局"]),
        (3, ["市人力资源和社会保障局"], ["各乡镇人民政府"]),
        (4, ["县政府办公室"], ["县发展和改革委员会", "县财政局"]),
    ]


def test_a_cell_listing_a_unit_a_line_keeps_its_units_apart(tmp_path: Path) -> None:
    path = _docx_lines(
        tmp_path / "list.docx",
        [
            ("1", "持续做好重大项目谋划储备工作。", ["市发改委", "市财政局"], ["发改局", "财政局"]),
            ("2", "完善招商引资机制。", ["立山经济开发区"], ["全区经济运行各专班", "各镇（街道）", "区财政局"]),
        ],
    )
    assert _units(parse_file(path)) == [
        (1, ["市发改委", "市财政局"], ["发改局", "财政局"]),
        (2, ["立山经济开发区"], ["全区经济运行各专班", "各镇（街道）", "区财政局"]),
    ]


def test_a_collective_on_its_own_line_is_not_joined_to_a_name_ending_in_its_note(tmp_path: Path) -> None:
    # A unit written with its second name in brackets has ended, though its bracket hides the ending; 各 opens another.
    path = _docx_lines(
        tmp_path / "notes.docx",
        [
            ("1", "新建改扩建中小学校3所。", ["区教育局"], ["经开区", "软件园（东湖镇）", "各街道", "区属国有公司"]),
            ("2", "新增城镇就业岗位。", ["区人社局"], ["软件园（东湖镇）", "各街道"]),
        ],
    )
    assert _units(parse_file(path)) == [
        (1, ["区教育局"], ["经开区", "软件园（东湖镇）", "各街道", "区属国有公司"]),
        (2, ["区人社局"], ["软件园（东湖镇）", "各街道"]),
    ]


def test_a_web_pages_cell_of_printed_lines_reads_whole_names(tmp_path: Path) -> None:
    def ps(*lines: str) -> str:
        return "".join(f'<p class="MsoNormal" align="center"><span>{x}</span></p>' for x in lines)

    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>重点工作目标任务分解表</title></head><body>
<table border="1"><tr><td>{ps("序号")}</td><td>{ps("目标与任务")}</td><td>{ps("牵头责", "任单位")}</td><td>{ps("责任", "单位")}</td></tr>
<tr><td>{ps("1")}</td><td>{ps("实施全民参保计划，参保率稳定在95%以上。")}</td><td>{ps("县医疗保", "障局")}</td>
<td>{ps("县人力资", "源和社会", "保障局", "县税务局")}</td></tr>
<tr><td>{ps("2")}</td><td>{ps("推进县医院提标扩能。")}</td><td>{ps("县卫生健", "康委员会")}</td><td>{ps("县各有关", "单位")}</td></tr>
</table></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert _units(parse_file(path)) == [
        (1, ["县医疗保障局"], ["县人力资源和社会保障局", "县税务局"]),
        (2, ["县卫生健康委员会"], ["县各有关单位"]),
    ]


def test_sections_numbered_in_the_number_column_are_headings_not_tasks(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年重点工作分工方案"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "重点工作", "牵头\n单位", "责任\n单位"])
    for row in [
        ("一", "增强扩大内需主动力", "", ""),
        (1, "持续做好重大项目谋划储备工作。", "市发展改革委", "市财政局"),
        (2, "出台促进经济平稳健康发展的政策举措。", "市发展改革委", "市商务局"),
        ("（二）", "培育壮大新质生产力", "", ""),
        (3, "实施制造业数字化转型行动。", "市工业和信息化局", "市数据局"),
    ]:
        sheet.append(list(row))
    path = tmp_path / "sections.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert _units(plan) == [
        (1, ["市发展改革委"], ["市财政局"]),
        (2, ["市发展改革委"], ["市商务局"]),
        (3, ["市工业和信息化局"], ["市数据局"]),
    ]
    assert [t.section for t in plan.tasks] == ["增强扩大内需主动力"] * 2 + ["培育壮大新质生产力"]


def _sheet(path: Path, rows: list[tuple], merged: list[int], width: int = 4) -> Path:
    """A sheet whose rows numbered in `merged` (from 1) are merged across the table, as titles and sections are."""
    book = openpyxl.Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(list(values))
    for row in merged:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    book.save(str(path))
    return path


def test_a_section_row_under_the_header_is_a_heading_whatever_words_it_holds(tmp_path: Path) -> None:
    # 一、主要预期目标 merged across under the header once read as a second header row of task columns: refused.
    path = _sheet(
        tmp_path / "targets.xlsx",
        [
            ("2024年政府工作报告目标任务分工方案",),
            ("序号", "目标任务", "牵头单位", "责任单位"),
            ("一、主要预期目标",),
            (1, "全年地区生产总值增长6%左右。", "县发展和改革局", "县统计局"),
            ("二、重点工作任务",),
            (2, "实施重点项目60个以上。", "县发展和改革局", "县自然资源和规划局\n各镇（街道）"),
        ],
        merged=[1, 3, 5],
    )
    plan = parse_file(path)
    assert _units(plan) == [
        (1, ["县发展和改革局"], ["县统计局"]),
        (2, ["县发展和改革局"], ["县自然资源和规划局", "各镇（街道）"]),
    ]
    assert [t.section for t in plan.tasks] == ["主要预期目标", "重点工作任务"]


def test_a_sheet_without_a_header_between_merged_titles_and_sections_is_read_by_its_columns(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "nohead.xlsx",
        [
            ("某县2024年重点工作任务分解表",),
            ("一、经济发展",),
            (1, "加快推进重大项目建设，全年完成投资100亿元。", "县发改局", "县财政局"),
            (2, "深化营商环境改革，企业开办1个工作日办结。", "县营商局", "县市场监管局"),
            ("二、城乡建设",),
            (3, "实施城镇老旧小区改造30个。", "县住建局", "各乡镇人民政府"),
        ],
        merged=[1, 2, 5],
    )
    plan = parse_file(path)
    assert [(t.number, t.units) for t in plan.tasks] == [
        (1, ["县发改局", "县财政局"]),
        (2, ["县营商局", "县市场监管局"]),
        (3, ["县住建局", "各乡镇人民政府"]),
    ]
    assert [t.section for t in plan.tasks] == ["经济发展", "经济发展", "城乡建设"]


def test_a_headers_second_row_with_only_its_role_cells_filled_still_names_them(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "twohead.xlsx",
        [
            ("某县2024年重点工作任务分解表",),
            ("序号", "工作任务", "责任单位", None, "完成时限"),
            (None, None, "牵头单位", "配合单位", None),
            (1, "加快推进重大项目建设，全年完成投资100亿元。", "县发改局", "县财政局", "年底"),
            (2, "实施城镇老旧小区改造30个。", "县住建局", "各乡镇人民政府", "年底"),
        ],
        merged=[1],
        width=5,
    )
    assert [(t.number, t.lead, t.cooperating) for t in parse_file(path).tasks] == [
        (1, ["县发改局"], ["县财政局"]),
        (2, ["县住建局"], ["各乡镇人民政府"]),
    ]


def test_a_numbered_row_whose_cells_read_like_header_words_is_a_task(tmp_path: Path) -> None:
    # 1个工作日 (工作) beside 牵头：… / 配合：… once read as a new header, and its rows as another table's.
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>重点工作任务分解表</title></head><body>
<table border="1"><tr><td>序号</td><td>工作任务</td><td>任务目标</td><td>责任单位</td></tr>
<tr><td>1</td><td>加快推进重大项目建设，全年完成投资100亿元。</td><td>完成投资100亿元</td>
<td><p>牵头：县发改局</p><p>配合：县财政局</p></td></tr>
<tr><td>2</td><td>深化营商环境改革，企业开办1个工作日办结。</td><td>1个工作日</td>
<td><p>牵头：县营商局</p><p>配合：县市场监管局</p></td></tr>
<tr><td>3</td><td>实施城镇老旧小区改造30个。</td><td>改造30个</td><td>县住建局</td></tr></table></body></html>"""
    path = tmp_path / "goals.html"
    path.write_text(page, encoding="utf-8")
    assert [(t.number, t.lead, t.responsible, t.cooperating) for t in parse_file(path).tasks] == [
        (1, ["县发改局"], [], ["县财政局"]),
        (2, ["县营商局"], [], ["县市场监管局"]),
        (3, [], ["县住建局"], []),
    ]
