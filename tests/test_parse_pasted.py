"""Plans as people paste them and as PDFs and web pages leave them: a table one cell a line ending in ` |`
(rows with fewer cells than the header placed by what their cells hold), page numbers in the text, a unit
broken over two lines, persons and positions first inside a role list, one organ under two names, a group
of units, a heading that is the title, 定期 (no deadline). Written for these tests, in the shapes of real
plans; never taken from a held-out round."""

from __future__ import annotations

from pathlib import Path

from plan.directory import load_directory
from plan.parser import parse_file, parse_text

PIPES = """2024年街道重点工作责任清单
序号 |
重点工作 |
分管领导 |
牵头单位 |
配合单位 |
完成时限 |
1 |
推进老旧小区改造,完成12个小区雨污分流。 |
王明 |
城建办 |
财政所、各社区 |
2024年10月底前 |
2 |
新建社区养老服务站3个。 |
李华 |
社会事务办 |
卫生院 |
||
3 |
开展安全生产大排查。 |
应急办 |
各社区、综合执法队 |
全年 |
"""


def test_a_table_one_cell_a_line_ending_in_pipes() -> None:
    plan = parse_text(PIPES, "清单")
    assert [t.number for t in plan.tasks] == [1, 2, 3]
    assert plan.title == "2024年街道重点工作责任清单"  # the heading, not the file's name
    assert [(t.lead, t.cooperating) for t in plan.tasks] == [
        (["城建办"], ["财政所", "各社区"]),
        (["社会事务办"], ["卫生院"]),
        # Row 3 has no 分管领导 cell: its cells still stand under the columns their contents fit.
        (["应急办"], ["各社区", "综合执法队"]),
    ]
    assert plan.task(1).deadlines[0].text == "2024年10月底前"
    assert all("王明" not in t.lead + t.cooperating for t in plan.tasks)  # a person is no unit


def test_pdf_text_page_numbers_and_a_unit_broken_over_two_lines() -> None:
    text = """某市2023年优化营商环境工作要点
1.推进企业开办全程网办。将开办时间压缩至1个工作日以内。(牵头单位:市市场监管局;配合单位:市公安局、市人力资源和
社会保障局)
— 2 —
2.深化工程建设项目审批改革。全面推行联合审批。(牵头单位:市住房和城乡建设局— 3 —;配合单位:市自然资源和规划局)
"""
    plan = parse_text(text)
    assert plan.task(1).cooperating == ["市公安局", "市人力资源和社会保障局"]
    assert plan.task(2).lead == ["市住房和城乡建设局"]
    assert "—" not in plan.task(1).body + plan.task(2).body


def test_persons_and_positions_first_in_a_role_list_are_skipped() -> None:
    text = """某省2022年政府工作报告重点任务分工
1.全省生产总值增长6%左右。(常务副省长负责,省发展改革委牵头,省统计局、省财政厅配合)
2.推进乡村振兴。(分管副省长负责,省农业农村厅牵头,省级有关部门配合)
"""
    plan = parse_text(text)
    assert (plan.task(1).lead, plan.task(1).cooperating) == (["省发展改革委"], ["省统计局", "省财政厅"])
    assert (plan.task(2).lead, plan.task(2).cooperating) == (["省农业农村厅"], ["省级有关部门"])


def test_one_organ_under_two_names_is_one_unit_and_a_group_is_a_collective() -> None:
    text = """某市2023年稳增长工作方案
1.做好粮食储备。(市商务局(市粮食和物资储备局)牵头,市级有关部门配合)
2.扩大消费。(市商务局牵头,市财政局配合)
"""
    plan = parse_text(text)
    assert plan.task(1).lead == plan.task(2).lead == ["市商务局"]
    assert any("one organ under two names" in w for w in plan.warnings)
    assert load_directory().kind("市级有关部门") == "collective"


def test_regularly_is_no_deadline() -> None:
    plan = parse_text("某区2023年政务公开工作要点\n1.定期公布财政预决算。(区财政局负责)\n")
    assert plan.task(1).responsible == ["区财政局"]
    assert plan.task(1).deadlines == []


def test_no_title_in_the_document_is_said(tmp_path: Path) -> None:
    path = tmp_path / "附件2.txt"
    path.write_text("1.推进政务公开。(区政府办公室负责)\n", encoding="utf-8")
    plan = parse_file(path)
    assert plan.title == "附件2" and any("no title found" in w for w in plan.warnings)


def test_parse_explain_says_the_shape_and_why(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    path = tmp_path / "清单.txt"
    path.write_text(
        "某区2023年工作要点\n一、总体要求\n(一)指导思想。坚持依法行政。\n二、重点任务\n"
        + "1.推进政务公开。(区政府办公室牵头,区直各部门配合)\n",
        encoding="utf-8",
    )
    assert main(["parse", str(path), "--explain"]) in (0, None)
    said = capsys.readouterr().out
    assert "shape: numbered text" in said
    assert "skipped «(一)指导思想" in said  # numbered, but no unit: not a task
    assert "task 1 «推进政务公开»: lead 区政府办公室; cooperating 区直各部门" in said


def test_a_table_pasted_with_spaces_between_cells_under_an_attachment_list() -> None:
    text = """附件:1.重点任务分工表
2.联系人名单
某县2022年重点工作任务分工表
序号 2022年预期目标 牵头单位 责任单位 完成时限
1 全县地区生产总值增长6.5%左右 县发改局 县统计局 县财政局 年底前
2 新增城镇就业2000人以上，城镇登记失业率
控制在4.5%以内 县人社局 各乡镇人民政府 全年
3.  推进 农村 人居 环境 整治   县农业农村局   各乡镇人民政府   2022年10月底前
"""
    plan = parse_text(text)
    assert [(t.number, t.lead, t.responsible) for t in plan.tasks] == [
        (1, ["县发改局"], ["县统计局", "县财政局"]),  # one lead, the rest of the list in the next role column
        (2, ["县人社局"], ["各乡镇人民政府"]),
        (3, ["县农业农村局"], ["各乡镇人民政府"]),
    ]
    assert plan.task(3).title == "推进农村人居环境整治"  # words a space apart are one cell
    assert plan.task(3).deadlines[0].text == "2022年10月底前"


def test_a_table_one_cell_a_line_with_empty_cells_and_merged_sub_rows() -> None:
    """One cell a line ending in ` |`, an empty cell a `|` alone, and a task whose merged cells carry sub-rows of
    figures with no number of their own (城镇新增就业 / 充分就业社区): each numbered row is a task with its lead,
    the sub-rows' figures are no units, and the next number starts the next task."""
    rows = [
        ["1", "一、就业促进(2项)", "促进重点群体稳定就业", "城镇新增就业1100人", "县人社局", "1100", "1063", "96%", ""],
        ["充分就业社区4个", "4", "4", "100%", ""],
        ["2", "支持毕业生求职创业", "发放求职创业补贴", "县人社局", "", "补贴资金年底前足额发放。"],
        ["3", "二、社会保障(2项)", "加强低保人员保障", "最低生活保障", "农村标准(元/月)", "县民政局", "", "", ""],
        ["农村保障人数", "-", "35611", "持续推进", ""],
        ["城市标准(元/月)", "", "", "", ""],
        ["4", "农村敬老院运营服务能力提升", "督促辖区内敬老院规范运营", "县民政局", "4", "4", "100%", ""],
    ]
    head = ["序号", "类别", "项目名称", "目标任务", "牵头单位", "目标任务", "累计完成", "累计进度", "备注"]
    text = "\n".join(f"{cell} |" if cell else "|" for row in [head, *rows] for cell in row)
    plan = parse_text(text, "民生工程公示")
    assert [t.lead for t in plan.tasks] == [["县人社局"], ["县人社局"], ["县民政局"], ["县民政局"]]
    assert not any(t.responsible or t.cooperating for t in plan.tasks)


def test_a_table_one_cell_a_line_with_no_number_header_and_sections_merged_before_the_numbers() -> None:
    """One cell a line ending in ` |`, the header naming no 序号 over the numbers, a section's cell merged over its
    rows standing before the first number of its group, and empty cells as `|` alone: each numbered row is a task,
    its units from the 责任单位 cell (各镇(办) one name; X等相关区直部门 the bureau and the others it stands for)."""
    cells = [
        "", "工作任务", "具体工作要求", "责任单位", "完成时限", "", "",
        "一、推进政策公开", "1", "及时发布政策信息及执行效果。", "各区直部门、各镇(办)、经开区", "持续推进", "",
        "2", "集中发布政务服务事项目录、办理指南。", "区数据资源局、区发改委等相关区直部门、各镇(办)", "持续推进", "", "",
        "二、强化权力配置公开", "3", "动态更新各部门权责清单。", "区司法局、区委编办", "2025年6月底前", "",
    ]  # fmt: skip
    text = "区政务公开工作任务分工\n" + "\n".join(f"{c} |" if c else "|" for c in cells)
    plan = parse_text(text, "附件")
    assert [t.responsible for t in plan.tasks] == [
        ["各区直部门", "各镇（办）", "经开区"],
        ["区数据资源局", "区发改委", "相关区直部门", "各镇（办）"],
        ["区司法局", "区委编办"],
    ]
