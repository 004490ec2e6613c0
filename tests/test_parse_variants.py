"""Plans of other shapes than the bundled one: roles on their own lines, nested numbering, 配合单位,
完成时限, two levels, roles named by verbs, and the warnings a reader needs."""

from __future__ import annotations

from datetime import date

from plan.parser import parse_text

NESTED = """某某区2022年优化营商环境工作要点

为持续优化营商环境，制定本要点。

一、提升政务服务效能
（一）深化“一网通办”改革
1. 推进政务服务事项全程网办，网办率达到90%以上。
牵头单位：区政务服务局
配合单位：区大数据中心、各镇街
完成时限：2022年6月底前
2. 推行证明事项告知承诺制。
牵头单位：区司法局
责任单位：区政府各部门
完成时限：2022年第三季度
（二）优化审批流程
3. 压缩工程建设项目审批时间。
（1）全面推行并联审批；
（2）推行区域评估。
牵头单位：区住建局；配合单位：区自然资源局、区发改委
完成时限：长期坚持
二、加强事中事后监管
（三）推进信用监管
4. 建立企业信用风险分类管理制度，每季度通报一次。
牵 头单位：区市场监管局
责任单位：区政府各行政执法部门
完成时限：2022年12月31日前

各单位要高度重视，抓好落实。
"""

TWO_LEVEL = """东河区2022年法治政府建设工作要点

一、总体要求
以习近平法治思想为指导，全面推进依法行政。
二、重点任务
（一）加强组织领导。各部门主要负责人履行第一责任人职责，年内专题研究法治政府建设不少于2次。（责任单位：区政府各部门）
（二）推进严格规范公正文明执法。开展行政执法案卷评查，行政执法案卷合格率达到95%。（区司法局牵头，区政府各行政执法部门配合）
（三）加强行政复议工作。行政复议决定书网上公开率达100%。（牵头单位：区司法局；配合单位：区信访局；完成时限：2022年上半年）
三、保障措施
（一）加强组织领导。各部门要把法治政府建设摆在重要位置。
（二）强化督促检查。区委依法治区办要加强督促检查。
"""


def test_nested_plan_tasks_roles_and_deadlines() -> None:
    plan = parse_text(NESTED)
    assert plan.title == "某某区2022年优化营商环境工作要点"
    assert plan.year == 2022
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert plan.sections == ["提升政务服务效能", "加强事中事后监管"]
    one, two, three, four = plan.tasks
    assert (one.lead, one.responsible, one.cooperating) == (["区政务服务局"], [], ["区大数据中心", "各镇街"])
    assert (one.deadlines[-1].text, one.deadlines[-1].due) == ("2022年6月底前", date(2022, 6, 30))
    assert (two.lead, two.responsible) == (["区司法局"], ["区政府各部门"])
    assert ("2022年第三季度", date(2022, 9, 30)) in [(d.text, d.due) for d in two.deadlines] or (
        "第三季度",
        date(2022, 9, 30),
    ) in [(d.text, d.due) for d in two.deadlines]
    # Sub-items （1）（2） belong to task 3's body; its roles came on one line after them.
    assert "全面推行并联审批" in three.body and "推行区域评估" in three.body
    assert (three.lead, three.cooperating) == (["区住建局"], ["区自然资源局", "区发改委"])
    assert any(d.text == "长期坚持" and d.due is None for d in three.deadlines)
    assert four.lead == ["区市场监管局"]  # "牵 头单位" with a stray space
    assert four.responsible == ["区政府各行政执法部门"]
    assert (four.deadlines[-1].text, four.deadlines[-1].due) == ("2022年12月31日前", date(2022, 12, 31))
    assert any(d.kind == "recurring" for d in four.deadlines)  # 每季度通报
    assert "各单位要高度重视" not in four.body
    assert [t.text for t in one.targets] == ["网办率达到90%以上"]


def test_two_level_plan_keeps_only_assigned_tasks() -> None:
    plan = parse_text(TWO_LEVEL)
    assert [t.title for t in plan.tasks] == ["加强组织领导", "推进严格规范公正文明执法", "加强行政复议工作"]
    assert plan.sections == ["重点任务"]
    first, second, third = plan.tasks
    assert first.responsible == ["区政府各部门"]
    assert (second.lead, second.cooperating) == (["区司法局"], ["区政府各行政执法部门"])
    assert (third.lead, third.cooperating) == (["区司法局"], ["区信访局"])
    assert ("2022年上半年" in [d.text for d in third.deadlines]) or any(
        d.due == date(2022, 6, 30) for d in third.deadlines
    )
    assert [t.text for t in first.targets] == ["不少于2次"]
    assert second.targets[0].value == 95


def test_article_numbering_and_restarting_numbers_are_renumbered_in_order() -> None:
    text = """某区2021年重点工作任务
一、经济发展
1. 推进项目建设。（牵头单位：区发改委）
2. 扩大有效投资。（牵头单位：区财政局）
二、社会事业
1. 办好民生实事。（牵头单位：区民政局）
2. 加强社会保障。（责任单位：区人社局）
"""
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert [t.label for t in plan.tasks] == ["1.", "2.", "1.", "2."]
    assert plan.tasks[3].responsible == ["区人社局"]


def test_task_without_units_and_number_gaps_are_warned() -> None:
    text = """某区2021年工作计划
一、第一部分
1. 有单位的任务。（牵头单位：区司法局）
3. 没有写单位的任务。
"""
    plan = parse_text(text)
    assert [t.number for t in plan.tasks] == [1, 3]
    assert any("jump from 1 to 3" in w for w in plan.warnings)
    assert "task 3: no lead or responsible unit found" in plan.warnings


def test_role_values_clean_up() -> None:
    text = """某区2021年工作计划
一、任务
1. 甲任务。（牵头单位：区司法局 区财政局；责任单位：区政府各部门按职责分工负责）
2. 乙任务。（牵头单位：区委办公室(李某)、区政府办公室等）
"""
    plan = parse_text(text)
    assert plan.tasks[0].lead == ["区司法局", "区财政局"]
    assert plan.tasks[0].responsible == ["区政府各部门"]
    assert plan.tasks[1].lead == ["区委办公室", "区政府办公室"]


def test_deadline_phrases_resolve() -> None:
    from plan.deadlines import find_deadlines

    found = {
        d.text: d.due
        for d in find_deadlines("6月底前完成；第三季度；十二月底前；2022年3月15日前；下半年；今年底", 2021)
    }
    assert found == {
        "6月底前": date(2021, 6, 30),
        "第三季度": date(2021, 9, 30),
        "十二月底前": date(2021, 12, 31),
        "2022年3月15日前": date(2022, 3, 15),
        "下半年": date(2021, 12, 31),
        "今年底": date(2021, 12, 31),
    }


def test_brackets_nested_parentheses_and_labels_after_the_text() -> None:
    text = """某区2022年工作要点
一、重点任务
1.推进甲项工作。【牵头单位：区发改委；责任单位：区财政局】
2.推进乙项工作。［牵头单位：区司法局］
3.推进丙项工作。（区民政局牵头，区直有关部门按职责分工负责）
4.推进丁项工作。责任单位：各镇（街道）、区直各部门。完成时限：2022年12月底
5.推进戊项工作。（牵头单位：区人力资源和社会保障局（区医保局）；责任单位：各镇（街道））
"""
    plan = parse_text(text)
    got = [(t.lead, t.responsible) for t in plan.tasks]
    assert got == [
        (["区发改委"], ["区财政局"]),
        (["区司法局"], []),
        (["区民政局"], ["区直有关部门"]),
        ([], ["各镇（街道）", "区直各部门"]),
        (["区人力资源和社会保障局"], ["各镇（街道）"]),  # one organ, its second name an alias
    ]
    assert plan.aliases["区医保局"] == "区人力资源和社会保障局"
    assert plan.tasks[3].body == "" and plan.tasks[3].deadlines[0].due == date(2022, 12, 31)


def test_a_notice_with_its_plan_signature_three_levels_and_safeguards() -> None:
    text = """关于印发《某某区2023年优化营商环境重点任务分工方案》的通知
各镇人民政府、街道办事处，区政府各部门：
现将《某某区2023年优化营商环境重点任务分工方案》印发给你们，请认真贯彻执行。
某某区人民政府办公室
2023年3月1日
某某区2023年优化营商环境重点任务分工方案
为进一步优化营商环境，制定本方案。
一、工作目标
到2023年底，营商环境持续优化。
二、重点任务
（一）提升政务服务水平
1.深化“一网通办”。推进政务服务事项全程网办。（责任单位：区政务服务局；配合单位：区直各部门；完成时限：2023年6月底前）
2.推行“跨省通办”。扩大通办范围。（牵头单位：区政务服务局；责任单位：各镇人民政府、街道办事处；完成时限：2023年12月底前）
（二）优化法治环境
3.规范涉企执法。推行包容审慎监管。（牵头单位：区司法局、区市场监管局；完成时限：持续推进）
三、保障措施
（一）加强组织领导。各部门要高度重视。
（二）强化督查考核。区政府督查室要加强督查。
"""
    plan = parse_text(text)
    assert (plan.title, plan.year, plan.issuer, plan.issued) == (
        "某某区2023年优化营商环境重点任务分工方案",
        2023,
        "某某区人民政府办公室",
        date(2023, 3, 1),
    )
    assert plan.sections == ["提升政务服务水平", "优化法治环境"]
    assert [t.title for t in plan.tasks] == ["深化“一网通办”", "推行“跨省通办”", "规范涉企执法"]
    assert plan.tasks[0].cooperating == ["区直各部门"]
    assert plan.tasks[1].responsible == ["各镇人民政府", "街道办事处"]
    assert [(d.text, d.due) for d in plan.tasks[1].deadlines] == [("2023年12月底前", date(2023, 12, 31))]


def test_a_unit_marked_as_lead_inside_the_responsible_list() -> None:
    text = """某区2022年工作要点
一、重点任务
1.推进甲项工作。（责任单位：区司法局（牵头）、区财政局）
2.推进乙项工作。（牵头单位：区司法局 配合单位：区财政局、区审计局）
"""
    plan = parse_text(text)
    assert [(t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        (["区司法局"], ["区财政局"], []),
        (["区司法局"], [], ["区财政局", "区审计局"]),
    ]


def test_quarters_and_halves_of_another_year() -> None:
    from plan.deadlines import find_deadlines

    found = [(d.text, d.due) for d in find_deadlines("2022年一季度完成；2023年上半年；第三季度", 2021)]
    assert found == [
        ("2022年一季度", date(2022, 3, 31)),
        ("2023年上半年", date(2023, 6, 30)),
        ("第三季度", date(2021, 9, 30)),
    ]


def test_a_deadline_label_of_only_a_month_or_a_year_means_its_end() -> None:
    from plan.deadlines import deadline_from_label, find_deadlines

    read = {
        v: [(d.due, d.kind) for d in deadline_from_label(v, 2025)] for v in ("2025年9月", "11月", "2026年", "长期坚持")
    }
    assert read == {
        "2025年9月": [(date(2025, 9, 30), "fixed")],
        "11月": [(date(2025, 11, 30), "fixed")],
        "2026年": [(date(2026, 12, 31), "fixed")],
        "长期坚持": [(None, "other")],
    }
    assert find_deadlines("2025年9月召开推进会", 2025) == []  # in running text a month is not a deadline
    text = """青禾县2025年优化营商环境重点任务分工方案
一、优化法治环境
1.建立健全企业诉求“接诉即办”机制。（责任单位：县工商联、县营商办；完成时限：2025年9月）
"""
    plan = parse_text(text)
    assert [(d.text, d.due) for d in plan.tasks[0].deadlines] == [("2025年9月", date(2025, 9, 30))]
    assert plan.tasks[0].responsible == ["县工商联", "县营商办"]


def test_a_plan_without_numbers_reads_each_paragraph_naming_units_as_a_task() -> None:
    text = """某区2022年重点工作安排
优化营商环境
推进政务服务标准化。全面梳理事项清单。（牵头单位：区政务服务局；责任单位：区直各部门）
深化放管服改革。（牵头单位：区发改委；完成时限：2022年6月底前）
加强法治建设
开展执法检查。（责任单位：区司法局）
"""
    plan = parse_text(text)
    assert [(t.number, t.section, t.title, t.lead, t.responsible) for t in plan.tasks] == [
        (1, "优化营商环境", "推进政务服务标准化", ["区政务服务局"], ["区直各部门"]),
        (2, "优化营商环境", "深化放管服改革", ["区发改委"], []),
        (3, "加强法治建设", "开展执法检查", [], ["区司法局"]),
    ]
    assert plan.tasks[1].deadlines[0].due == date(2022, 6, 30)
    assert any("no numbered tasks" in w for w in plan.warnings)


def test_places_of_a_group_sharing_the_organ_noun_of_the_next_name_are_one_unit() -> None:
    plan = parse_text(
        "某省2025年数据工作要点\n1.建设政务数据共享平台。（责任单位：省数据局、省财政厅，各市（州）、新区数据管理部门）\n"
        "2.推进县域数字化。（责任单位：省数据局，各县（市、区）、省直有关部门）"
    )
    assert plan.tasks[0].responsible == ["省数据局", "省财政厅", "各市（州）、新区数据管理部门"]
    assert plan.tasks[1].responsible == ["省数据局", "各县（市、区）", "省直有关部门"]  # another organ: two units
