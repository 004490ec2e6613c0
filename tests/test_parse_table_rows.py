"""Which rows of a task table make one task (issue 26, tables that generalise): an item whose 序号 is merged
over sub-rows is one task with the units of all its rows; a 序号 merged over a group whose rows number
themselves gives each row its own number; a column of running numbers under a header cell merged over it
is the 序号; a body row whose words a header also uses (工作, 单位) is still a task. Each document is built
here with python-docx or openpyxl, in the shape of real ones."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from plan.parser import parse_file, parse_text


def _word_table(rows: list[list[str]]) -> tuple[docx.Document, docx.table.Table]:
    document = docx.Document()
    document.add_paragraph("某区2022年民生实事项目责任分解表")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return document, table


def test_an_item_merged_over_sub_rows_is_one_task_with_all_its_units(tmp_path: Path) -> None:
    document, table = _word_table(
        [
            ["序号", "项目名称", "主要内容", "分管领导", "牵头单位", "配合单位"],
            ["1", "增加教育资源供给", "新建、改扩建学校5所。", "王明", "教育局", "各街道"],
            ["2", "老城厢复兴发展", "完成纪念馆整体提升工程。", "王明", "文体旅局", "城投公司"],
            ["", "", "推进历史街区改造。", "李强", "住建局", "东门街道\n西门街道"],
            ["3", "优化养老服务", "为2万名老年人提供居家养老服务。", "张华", "民政局", "各街道"],
            ["", "", "改造8家社区养老服务中心。", "", "", ""],
        ]
    )
    for top, bottom in ((2, 3), (4, 5)):  # 序号 and 项目名称 merged over each item's rows
        for col in (0, 1):
            kept = table.cell(top, col).text
            table.cell(top, col).merge(table.cell(bottom, col)).text = kept
    for col in (3, 4, 5):  # task 3's leader and units over both its rows
        kept = table.cell(4, col).text
        table.cell(4, col).merge(table.cell(5, col)).text = kept
    path = tmp_path / "sub-rows.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert [t.lead for t in plan.tasks] == [["教育局"], ["文体旅局", "住建局"], ["民政局"]]
    assert plan.tasks[1].cooperating == ["城投公司", "东门街道", "西门街道"]
    assert "推进历史街区改造" in plan.tasks[1].body


def test_a_number_merged_over_a_group_whose_rows_number_themselves(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区2024年重点工作目标任务分解表"])
    sheet.append(["序号", "项目", "重点工作目标任务", "责任单位"])
    sheet.append(["1", "主要预期目标", "1.地区生产总值增长5%以上。", "区发改委、区统计局"])
    sheet.append([None, None, "2.一般公共预算收入增长6%。", "区财政局、区税务局"])
    sheet.append([None, None, "5.进出口总额稳中有升。", "区商务局"])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B5")
    path = tmp_path / "group.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 5]
    assert [t.responsible for t in plan.tasks] == [["区发改委", "区统计局"], ["区财政局", "区税务局"], ["区商务局"]]


@pytest.mark.parametrize("marks", [("（1）", "（2）", "（5）"), ("(1)", "(2)", "(5)"), ("①", "②", "⑤")])
def test_rows_numbering_themselves_in_brackets_or_circles_under_a_merged_number(
    tmp_path: Path, marks: tuple[str, str, str]
) -> None:
    """（1） and ① print a row's own number as 1. does: each row its own task, with its own lead."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区2025年政府工作报告目标任务责任分解表"])
    sheet.append(["序号", "目标名称", "工作标准", "分管领导", "牵头单位", "配合单位"])
    sheet.append(["1", "主要预期目标", f"{marks[0]}地区生产总值增长5%左右。", "王明", "区发改局", "各街道"])
    sheet.append([None, None, f"{marks[1]}一般公共预算收入稳定增长。", None, "区财政局", None])
    sheet.append([None, None, f"{marks[2]}安全生产形势平稳向好。", "李强", "区应急管理局", "区安委会各成员单位"])
    for column in "AB":
        sheet.merge_cells(f"{column}3:{column}5")
    path = tmp_path / "marks.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 5]
    assert [t.lead for t in plan.tasks] == [["区发改局"], ["区财政局"], ["区应急管理局"]]


def test_running_numbers_under_a_header_cell_merged_over_them_are_the_numbers(tmp_path: Path) -> None:
    document, table = _word_table(
        [
            ["工作任务", "具体要求", "", "责任科室", "时限要求"],
            ["规范性文件清理", "1", "对规范性文件进行全面清理。", "办公室", "年底前"],
            ["做好主动公开", "2", "规范政府信息公开专栏。", "各科室", "持续推进"],
            ["做好主动公开", "3", "按时发布政府信息公开工作年度报告。", "办公室", "持续推进"],
            ["加强宣传", "4", "积极参加政务公开交流活动。", "法规科", "持续推进"],
        ]
    )
    table.cell(0, 1).merge(table.cell(0, 2)).text = "具体要求"
    path = tmp_path / "merged-header.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert [t.title for t in plan.tasks] == [
        "对规范性文件进行全面清理",
        "规范政府信息公开专栏",
        "按时发布政府信息公开工作年度报告",
        "积极参加政务公开交流活动",
    ]
    assert [t.responsible for t in plan.tasks] == [["办公室"], ["各科室"], ["办公室"], ["法规科"]]


def test_a_row_whose_words_a_header_uses_is_still_a_task_under_its_merged_lead(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市2012年政府工作报告目标任务责任分解表"])
    sheet.append(["牵头单位", "目 标 任 务", "责 任 单 位"])
    sheet.append(["市政\n府办\n公厅", "优质高效办理人大代表建议和政协提案，主动接受社会监督", "市直各单位、各区县"])
    sheet.append([None, "推进国家安全工作发展", "市直各单位、各区县"])  # 工作 and 单位: words of a header
    sheet.append(["市\n监\n察\n局", "严肃查处利用职权谋取私利的腐败行为", "市审计局、市财政局"])
    sheet.append([None, "开展机关作风建设", "市直各单位"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("A5:A6")
    path = tmp_path / "no-number.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [t.title for t in plan.tasks][1] == "推进国家安全工作发展"
    assert [t.lead for t in plan.tasks] == [["市政府办公厅"], ["市政府办公厅"], ["市监察局"], ["市监察局"]]
    assert [t.responsible for t in plan.tasks][1] == ["市直各单位", "各区县"]


def test_a_unit_with_its_person_in_charge_in_one_cell_is_the_unit(tmp_path: Path) -> None:
    document, _ = _word_table(
        [
            ["序号", "工作任务", "分管领导", "牵头单位及主要负责人", "落实进展情况"],
            ["1", "城乡低保标准提高到每人每月700元。", "陈明", "县民政局王建国", "已完成。"],
            ["2", "新增城镇就业1100人。", "陈明", "县人社局李丽华", "推进中。"],
            ["3", "规范物业服务收费。", "赵刚", "县住建局物业科", "推进中。"],
            ["4", "规范国库集中支付。", "赵刚", "县财政局国库", "推进中。"],  # two characters, no surname: a part
        ]
    )
    path = tmp_path / "unit-and-person.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.lead for t in plan.tasks] == [["县民政局"], ["县人社局"], ["县住建局物业科"], ["县财政局国库"]]


def test_a_sign_on_one_unit_of_every_list_marks_the_lead_without_a_note(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2024年重点工作目标任务分解表"])
    sheet.append(["序号", "重点工作目标任务", "责任领导", "责任单位"])
    sheet.append(["1", "地区生产总值增长6%以上。", "王 强", "☆县发改局、县统计局"])
    sheet.append(["2", "一般公共预算收入增长5%。", "王 强", "☆县财政局、县税务局"])
    sheet.append(["3", "城镇新增就业3000人。", "李 明", "☆县人社局"])
    sheet.append(["4", "完成造林1万亩。", "李 明", "☆县林业局、各乡镇"])
    path = tmp_path / "signed.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [t.lead for t in plan.tasks] == [["县发改局"], ["县财政局"], ["县人社局"], ["县林业局"]]
    assert [t.responsible for t in plan.tasks] == [["县统计局"], ["县税务局"], [], ["各乡镇"]]
    assert any("no note" in w and "read as lead" in w for w in plan.warnings)


def test_a_task_column_merged_over_rows_groups_the_texts_beside_it(tmp_path: Path) -> None:
    rows = [
        ("1", "做好疫情防控信息发布", "围绕散发疫情、隔离管控等发布权威信息", "应急处、疾控处", "长期推进"),
        ("2", "", "扎实做好疫苗接种信息公开和舆论引导工作", "疾控处", "长期推进"),
        ("3", "", "做好爱国卫生运动的信息发布工作", "规划信息处", "2021年8月底前"),
        ("4", "常规政务公开事项", "强化行政执法信息公开工作", "政法处", "长期推进"),
        ("5", "", "推进部门预算、决算及相关报表公开", "财务处", "长期推进"),
    ]
    body = ""
    for number, group, text, units, due in rows:
        merged = f'<td rowspan="{3 if number == "1" else 2}">{group}</td>' if group else ""
        body += f"<tr><td>{number}</td>{merged}<td>{text}</td><td>{units}</td><td>{due}</td></tr>"
    page = (
        "<html><body><h1>某省卫生健康委2021年政务公开工作重点任务台账</h1><table>"
        "<tr><th>序号</th><th>工作任务</th><th>细化分工</th><th>责任处室</th><th>完成时限</th></tr>"
        f"{body}</table></body></html>"
    )
    path = tmp_path / "rowspan.html"
    path.write_text(page, encoding="utf-8")
    plan = parse_file(path)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4, 5]
    assert [t.responsible for t in plan.tasks] == [
        ["应急处", "疾控处"],
        ["疾控处"],
        ["规划信息处"],
        ["政法处"],
        ["财务处"],
    ]
    assert plan.tasks[1].title == "扎实做好疫苗接种信息公开和舆论引导工作"
    assert plan.tasks[1].section == "做好疫情防控信息发布"


def test_a_table_without_numbers_takes_those_its_task_names_print(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市2022年民生实事项目进展情况"])
    sheet.append(["类别", "民生事项名称", "年度任务目标", "责任单位", "分管市领导", "工作取得成效"])
    sheet.append(
        [
            "四、教育文化",
            "14.改扩建两所学校",
            "完成两所学校教学楼主体建设。",
            "教育体育局",
            "刘明",
            "正在加速推进施工。",
        ]
    )
    sheet.append(
        [
            "四、教育文化",
            "15.推进学校塑胶运动场地建设",
            "完成13处农村学校运动场地。",
            "教育体育局",
            "刘明",
            "已完成基础施工30%。",
        ]
    )
    sheet.append(
        [
            "四、教育文化",
            "16.推进课后服务",
            "义务教育学校课后服务全覆盖。",
            "教育体育局",
            "刘明",
            "9月底前有32402名学生参加。",
        ]
    )
    path = tmp_path / "numbered-names.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.title) for t in plan.tasks] == [
        (14, "改扩建两所学校"),
        (15, "推进学校塑胶运动场地建设"),
        (16, "推进课后服务"),
    ]
    assert [t.deadlines for t in plan.tasks] == [[], [], []]  # 9月底前 is progress, not the task's deadline


CELL_A_LINE = [
    *("序号", "类别", "项目名称", "目标任务", "牵头单位", "目标任务", "累计完成", "备注"),
    *("1", "一、就业促进", "促进重点群体就业", "城镇新增就业1100人", "县人社局", "1100", "1063", ""),
    *("社区充分就业4个", "4", "2", ""),  # a sub-row without 序号; its 2 is a figure, not the next row
    *("2", "支持毕业生求职", "发放求职创业补贴", "县人社局", "", "补贴已发放。"),  # merged 类别 left out
    *("3", "二、社会保障", "提高城乡低保标准", "最低生活保障", "农村标准(元/月)", "县民政局", "", "", ""),
    *("城市标准(元/月)", "", "", "持续推进", ""),
    *("4", "农村敬老院运营", "督促4家敬老院规范运营", "县民政局", "4", "4", "按工程进度测算"),
]


def test_a_table_pasted_a_cell_a_line_with_empty_cells_and_sub_rows() -> None:
    text = "某县民生工程公开公示\n" + "\n".join(f"{cell} |" for cell in CELL_A_LINE) + "\n"
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert [t.units for t in plan.tasks] == [["县人社局"], ["县人社局"], ["县民政局"], ["县民政局"]]


def test_a_unit_cell_that_names_roles_by_verbs(tmp_path: Path) -> None:
    document, _ = _word_table(
        [
            ["工作任务", "具体要求", "责任部门"],
            ["一、做好财政信息公开。", "1.推进本中心预算、决算公开。", "财务科"],
            ["二、做好网站信息公开。", "2.及时更新微信公众号信息。", "办公室牵头，各科室配合"],
            ["二、做好网站信息公开。", "3.及时反馈网民意见。", "各科室"],
        ]
    )
    path = tmp_path / "verbs.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        ([], ["财务科"], []),
        (["办公室"], [], ["各科室"]),
        ([], ["各科室"], []),
    ]


HEADINGS_BETWEEN_ROWS = [
    *("", "工作任务", "具体工作要求", "责任单位", "完成时限", "", ""),
    "一、深入推进政策公开，服务高质量发展",
    *("1", "聚焦重点工作，及时规范发布政策信息及执行效果。", "各区直部门、各镇(办)、经开区", "持续推进", ""),
    *("2", "动态更新涉企收费政策及清单。", "区数据资源局、区发改委", "持续推进", "", ""),
    "二、强化权力配置公开，助力规范行政履职",
    *("3", "动态更新各部门权责清单及公共服务清单。", "区直各部门、各镇(办)", "持续推进", ""),
]


def test_a_cell_a_line_table_whose_number_column_has_no_header_and_headings_between_rows() -> None:
    text = "某区2025年政务公开工作任务\n" + "\n".join(f"{cell} |" for cell in HEADINGS_BETWEEN_ROWS) + "\n"
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert [t.responsible for t in plan.tasks] == [
        ["各区直部门", "各镇（办）", "经开区"],
        ["区数据资源局", "区发改委"],
        ["区直各部门", "各镇（办）"],
    ]
    assert [t.section for t in plan.tasks] == ["深入推进政策公开，服务高质量发展"] * 2 + [
        "强化权力配置公开，助力规范行政履职"
    ]


TASK_ROWS = [
    ["序号", "工作任务", "牵头单位", "配合单位"],
    ["1", "推进老旧小区改造。", "县住建局", "县财政局"],
    ["2", "新增城镇就业1000人。", "县人社局", "各乡镇"],
]


def _fill(table: docx.table.Table) -> None:
    for r, values in enumerate(TASK_ROWS):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def test_a_task_table_inside_a_frame_table_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县2024年重点工作任务分解表")
    frame = document.add_table(rows=1, cols=1)  # a one-cell table the page is laid out in
    frame.cell(0, 0).paragraphs[0].text = "附件"
    _fill(frame.cell(0, 0).add_table(rows=3, cols=4))
    path = tmp_path / "frame.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.lead, t.cooperating) for t in plan.tasks] == [
        (1, ["县住建局"], ["县财政局"]),
        (2, ["县人社局"], ["各乡镇"]),
    ]


def test_a_task_table_inside_a_content_control_is_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("某县2024年重点工作任务分解表")
    table = document.add_table(rows=3, cols=4)
    _fill(table)
    control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")  # a template's content control
    table._tbl.addprevious(control)
    control[1].append(table._tbl)
    path = tmp_path / "control.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.lead, t.cooperating) for t in plan.tasks] == [
        (1, ["县住建局"], ["县财政局"]),
        (2, ["县人社局"], ["各乡镇"]),
    ]


def test_persons_beside_the_units_of_a_cell_are_no_units(tmp_path: Path) -> None:
    document, _ = _word_table(
        [
            ["序号", "工作任务", "分管市领导", "牵头单位及主要负责人", "配合单位"],
            ["1", "提高城乡低保标准。", "陈明", "市民政局\n伍泽国", "市财政局"],
            ["2", "新增城镇就业1万人。", "陈明", "市人社局 李丽华", "各区政府"],
            ["3", "新建幼儿园5所。", "赵刚", "市教育局、市住建局\n张华、李明", "市自然资源局、何海平"],
            ["4", "建设城市公园10个。", "赵刚", "市城管局", "龙岗、高新"],
        ]
    )
    path = tmp_path / "persons.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [t.lead for t in plan.tasks] == [["市民政局"], ["市人社局"], ["市教育局", "市住建局"], ["市城管局"]]
    # 何海平 reads as a person anywhere; two characters (龙岗, 高新) only where the header says persons stand there
    assert [t.cooperating for t in plan.tasks] == [["市财政局"], ["各区政府"], ["市自然资源局"], ["龙岗", "高新"]]


def test_a_cell_that_says_ditto_holds_the_cell_above(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2024年重点工作任务分解表"])
    sheet.append(["序号", "工作任务", "牵头单位", "配合单位", "完成时限"])
    sheet.append(["1", "推进老旧小区改造。", "县住建局", "县财政局、各乡镇", "2024年12月底前"])
    sheet.append(["2", "推进城镇燃气管网改造。", "同上", "同上", "同上"])
    sheet.append(["3", "新增城镇就业1000人。", "县人社局", "〃", "2024年6月底前"])
    path = tmp_path / "ditto.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [(t.lead, t.cooperating) for t in plan.tasks] == [
        (["县住建局"], ["县财政局", "各乡镇"]),
        (["县住建局"], ["县财政局", "各乡镇"]),
        (["县人社局"], ["县财政局", "各乡镇"]),
    ]
    assert [t.deadlines[0].due.isoformat() for t in plan.tasks] == ["2024-12-31", "2024-12-31", "2024-06-30"]


def test_a_responsibility_matrix_a_unit_a_column(tmp_path: Path) -> None:
    document, _ = _word_table(
        [
            ["序号", "重点任务", "区发改局", "区财政局", "区市场监管局", "各街道", "完成时限"],
            ["1", "推行企业开办一网通办。", "", "√", "★", "", "2024年6月底前"],
            ["2", "清理拖欠企业账款。", "★", "√", "", "√", "2024年12月底前"],
            ["3", "开展营商环境评价。", "牵头", "配合", "配合", "配合", "2024年10月底前"],
        ]
    )
    path = tmp_path / "matrix.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.lead, t.cooperating) for t in plan.tasks] == [
        (1, ["区市场监管局"], ["区财政局"]),
        (2, ["区发改局"], ["区财政局", "各街道"]),
        (3, ["区发改局"], ["区财政局", "区市场监管局", "各街道"]),
    ]
    assert [t.deadlines[0].due.isoformat() for t in plan.tasks] == ["2024-06-30", "2024-12-31", "2024-10-31"]


def test_a_header_printed_again_further_down_is_the_header_whatever_its_words(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    head = [
        "序号",
        "主要目标任务及具体工作措施和工作要求内容",
        "牵头单位",
        "配合单位",
    ]  # a task header too long to name
    sheet.append(["某县2024年重点工作任务分解表"])
    sheet.append(head)
    sheet.append(["1", "推进老旧小区改造。", "县住建局", "县财政局"])
    sheet.append(head)  # the header again, as a sheet's print titles put it on each page
    sheet.append(["2", "新增城镇就业1000人。", "县人社局", "各乡镇"])
    path = tmp_path / "repeated-header.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.title, t.lead, t.cooperating) for t in plan.tasks] == [
        (1, "推进老旧小区改造", ["县住建局"], ["县财政局"]),
        (2, "新增城镇就业1000人", ["县人社局"], ["各乡镇"]),
    ]


def test_sub_rows_of_an_item_in_a_table_numbered_afresh_in_each_section(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某区2022年民生实事项目责任分解表"])
    sheet.append(["序号", "项目内容", "责任单位"])
    sheet.append(["一、教育"])
    sheet.append(["1", "新建幼儿园3所。", "区教育局"])
    sheet.append(["2", "新增学位2000个。", "区教育局"])
    sheet.append(["2", "改造校舍10所。", "区住建局"])  # 序号 2 merged over two rows: one item
    sheet.append(["二、养老"])
    sheet.append(["1", "新建养老服务站5个。", "区民政局"])
    sheet.merge_cells("A5:A6")
    path = tmp_path / "sections.xlsx"
    book.save(str(path))
    plan = parse_file(path)
    assert [(t.section, t.responsible) for t in plan.tasks] == [
        ("教育", ["区教育局"]),
        ("教育", ["区教育局", "区住建局"]),
        ("养老", ["区民政局"]),
    ]


def test_a_table_broken_off_with_its_columns_split_otherwise_goes_on_under_the_first_header(tmp_path: Path) -> None:
    document, _ = _word_table(
        [
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "推进老旧小区改造。", "市住建局", "市财政局、各区政府", "2024年12月底前"],
            ["2", "新增城镇就业1万人。", "市人社局", "各区政府", "2024年12月底前"],
        ]
    )
    document.add_paragraph("")
    rest = document.add_table(rows=2, cols=6)  # the next page's part: one more (empty) column, no header
    for r, values in enumerate(
        [
            ["3", "建设城市公园10个。", "", "市城管局", "市自然资源局", "2024年10月底前"],
            ["4", "新建幼儿园5所。", "", "市教育局", "各区政府", "2024年9月底前"],
        ]
    ):
        for c, value in enumerate(values):
            rest.cell(r, c).text = value
    path = tmp_path / "broken-off.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.number, t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        (1, ["市住建局"], [], ["市财政局", "各区政府"]),
        (2, ["市人社局"], [], ["各区政府"]),
        (3, ["市城管局"], [], ["市自然资源局"]),
        (4, ["市教育局"], [], ["各区政府"]),
    ]
