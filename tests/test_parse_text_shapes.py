"""Text shapes of issue 26 as an office pastes them: fields after a role's list, leads named only in a
section heading, a page without line breaks, lost brackets, numbering restarting in each group, and
plans in traditional characters; each read with the units a person reading the plan would name."""

from __future__ import annotations

from bench.fidelity import FRESH4, fidelity
from plan.parser import parse_text


def roles(text: str) -> list[tuple[list[str], list[str]]]:
    return [(t.lead, t.responsible) for t in parse_text(text, "附件").tasks]


def test_a_field_label_after_a_unit_ends_its_list() -> None:
    text = (
        "2024年县政府民生实事项目任务\n"
        "一、老旧小区改造项目\n"
        "牵头领导：涂超\n"
        "牵头单位：县城管执法局\n"
        "责任单位：莲塘镇任务目标：2024年计划改造完成莲水巷等住宅小区，改造总建筑面积不少于10万平方米。\n"
        "二、公共充电桩项目\n"
        "牵头单位：县城管执法局 完成时限：2024年12月底\n"
        "责任单位：县城投集团\n"
        "任务目标：2024年计划在莲塘片区、象湖片区等区域内共完成300个公共充电桩建设\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["县城管执法局"], ["莲塘镇"]),  # no person (涂超), no 任务目标 in a unit's name
        (["县城管执法局"], ["县城投集团"]),  # the 任务目标 line is the task's text, not a unit
    ]
    assert "300个公共充电桩" in plan.tasks[1].body
    assert plan.tasks[1].deadlines and plan.tasks[1].deadlines[0].due is not None


def test_the_lead_named_in_a_section_heading_leads_the_tasks_below_it() -> None:
    text = (
        "2023年重点工作任务清单\n"
        "一、区发改局牵头的任务\n"
        "1.努力实现地区生产总值增长6.2%左右。\n"
        "2.固定资产投资增长15%左右。\n"
        "二、区财政局（2项）\n"
        "3.一般公共预算收入增长8%左右。\n"
        "4.落实减税降费政策。（牵头单位：区税务局；责任单位：区财政局）\n"
    )
    assert roles(text) == [
        (["区发改局"], []),
        (["区发改局"], []),
        (["区财政局"], []),
        (["区税务局"], ["区财政局"]),  # its own units stand
    ]


def test_a_heading_of_a_matter_names_no_lead() -> None:
    text = "2023年重点工作\n一、稳增长\n1.推进项目建设。\n2.加强统计监测。（区统计局牵头）\n"
    assert roles(text)[0] == ([], [])


def test_a_page_on_one_line_is_cut_before_each_number_in_order() -> None:
    text = (
        "某区2023年重点工作任务分解方案为做好今年政府工作，现就全区2023年重点工作制定分工方案如下。 "
        "一、主要预期目标 1.地区生产总值增长6.2%左右。 牵头单位：区发改局 责任单位：区统计局 "
        "2.规模上工业增加值增长5%左右。 牵头单位：区工信局 责任单位：立山经济开发区 "
        "3.一般公共预算收入增长8%左右，固定资产投资增长2.5倍。 牵头单位：区财政局 责任单位：各街道，税务局\n"
    )
    plan = parse_text(text, "附件")
    assert plan.title == "某区2023年重点工作任务分解方案"
    assert [(t.number, t.lead, t.responsible) for t in plan.tasks] == [
        (1, ["区发改局"], ["区统计局"]),
        (2, ["区工信局"], ["立山经济开发区"]),
        (3, ["区财政局"], ["各街道", "税务局"]),
    ]
    assert any("without line breaks" in w for w in plan.warnings)


def test_a_long_paragraph_with_numbers_out_of_order_is_not_cut() -> None:
    body = "全面落实减税降费政策，" * 30
    text = f"2023年重点工作\n1.{body}按照第3条和第2条执行。（区财政局牵头）\n2.推进项目。（区发改局牵头）\n"
    assert roles(text) == [(["区财政局"], []), (["区发改局"], [])]


def test_the_fresh4_plans_read_as_labeled() -> None:
    exact = total = 0
    for path in sorted(FRESH4.glob("*.txt")):
        good, count, _ = fidelity(path)
        exact, total = exact + good, total + count
    assert exact / total >= 0.8


def test_lost_brackets_persons_and_a_trailing_deng_leave_the_units() -> None:
    text = (
        "2023年重点工作任务分解方案\n"
        "1.推进项目建设。（牵头单位：区发改局；责任单位：区住建局，区财政局\n"
        "2.加强统计监测。牵头单位：区统计局；责任单位：各街道）\n"
        "3.优化营商环境。（牵头领导：王明；牵头单位：区政府办公室；责任单位：区市场局、区司法局等\n"
        "4.做好安全生产。（区应急局牵头，各街道负责，年内持续推进）\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["区发改局"], ["区住建局", "区财政局"]),
        (["区统计局"], ["各街道"]),
        (["区政府办公室"], ["区市场局", "区司法局"]),
        (["区应急局"], ["各街道"]),
    ]
    assert plan.tasks[3].deadlines and plan.tasks[3].deadlines[0].due is not None  # 年内: the year's end


def test_a_deadline_inside_a_role_list_is_no_unit() -> None:
    text = "2020年工作计划\n1.加大简政放权力度。（牵头单位：州行政审批服务局；责任单位：州司法局、州委编办及州直相关单位，6月底完成）\n"
    task = parse_text(text, "附件").tasks[0]
    assert task.responsible == ["州司法局", "州委编办", "州直相关单位"]
    assert [d.due.isoformat() for d in task.deadlines if d.due] == ["2020-06-30"]


def test_a_traditional_plan_is_read_in_simplified_and_kept_as_written() -> None:
    text = (
        "湘西自治州2020年深化“放管服”改革優化營商環境工作計劃\n"
        "一、進一步提升政務服務效能\n"
        "1.加大簡政放權力度。（牽頭單位：州行政審批服務局；責任單位：州司法局、州委編辦，6月底完成）\n"
        "2.推動政務服務導則落實。（責任單位：市稅務局、市財政局，排在首位的爲牽頭單位，下同）\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.lead, t.responsible) for t in plan.tasks] == [
        (["州行政审批服务局"], ["州司法局", "州委编办"]),
        (["市税务局"], ["市财政局"]),  # the stated rule (排在首位的爲牽頭單位) read in traditional characters
    ]
    assert [d.due.isoformat() for d in plan.tasks[0].deadlines if d.due] == ["2020-06-30"]
    assert plan.tasks[0].original.startswith("加大簡政放權力度")  # shown as the plan wrote it


def test_numbering_restarting_in_each_group_reads_every_task_in_order() -> None:
    text = (
        "2023年重点工作\n"
        "一、稳增长\n"
        "1.推进项目建设。（区发改局牵头）\n"
        "2.加强统计监测。（区统计局牵头）\n"
        "二、惠民生\n"
        "1.办好民生实事。（区民政局牵头）\n"
        "2.稳定就业。（区人社局牵头）\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.number, t.label, t.lead) for t in plan.tasks] == [
        (1, "1.", ["区发改局"]),
        (2, "2.", ["区统计局"]),
        (3, "1.", ["区民政局"]),
        (4, "2.", ["区人社局"]),
    ]
    assert any("restart" in line and "3=二、1." in line for line in plan.explained)  # parse --explain says how


def test_unnumbered_paragraphs_under_headings_are_tasks_in_order() -> None:
    text = (
        "2017年政府工作报告重点工作责任分解\n"
        "一、加快转型升级，提升产业竞争力\n"
        "坚持调优调强，推进产业高端化、集群化、绿色化发展，加快构筑现代产业高地。\n"
        "突出工业主体地位。投资200亿元，实施工业项目“155”工程。（责任单位：市经信委、市发改委）\n"
        "加快发展现代服务业。推进物流园区建设。（市商务局牵头，市发改委配合）\n"
        "二、深化改革开放\n"
        "深化“放管服”改革。推进相对集中行政许可权改革。（牵头单位：市编办；责任单位：市政务服务中心）\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.number, t.section, t.title, t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        (1, "加快转型升级，提升产业竞争力", "突出工业主体地位", [], ["市经信委", "市发改委"], []),
        (2, "加快转型升级，提升产业竞争力", "加快发展现代服务业", ["市商务局"], [], ["市发改委"]),
        (3, "深化改革开放", "深化“放管服”改革", ["市编办"], ["市政务服务中心"], []),
    ]


def test_a_numbered_tasks_own_role_paragraph_is_not_a_task_of_its_own() -> None:
    text = (
        "2023年重点工作\n"
        "1.推进项目建设。\n加快重点项目开工。（牵头单位：区发改局）\n"
        "2.加强统计监测。\n做好月度分析。（牵头单位：区统计局）\n"
    )
    assert roles(text) == [(["区发改局"], []), (["区统计局"], [])]


def test_numbers_with_a_full_stop_and_leaders_named_before_units() -> None:
    text = (
        "2023年重點工作\n"
        "1。推進項目建設。\n包保領導：王明\n牽頭單位：區發改局\n"
        "2。加強統計監測。\n督辦領導：李強\n牽頭單位：區統計局\n"
    )
    assert roles(text) == [(["区发改局"], []), (["区统计局"], [])]


def test_a_mirrors_pinyin_glosses_are_not_part_of_a_units_name() -> None:
    text = (
        "湘西自治州2020年深化“放管服”改革優(yōu)化營商環(huán)境工作計劃\n"
        "1.加大簡政放權力度。(牽頭單位:州行政審批服務局;責任單位:湘西經(jīng)開區(qū)管委會,6月底完成)\n"
        "2.做好宣傳。(牽頭單位:州委宣傳部(DRC);責任單位:各縣市人民政府)\n"
    )
    plan = parse_text(text, "附件")
    assert plan.tasks[0].responsible == ["湘西经开区管委会"]
    assert plan.title == "湘西自治州2020年深化“放管服”改革优化营商环境工作计划"


def test_labels_in_brackets_before_their_values() -> None:
    text = (
        "2023年重点工作\n"
        "1.推进项目建设。【牵头单位】区发改局【责任单位】区财政局、区住建局【完成时限】2023年6月底\n"
        "2.加强统计监测，做好月度经济运行分析\n【牵头单位】区统计局\n【配合单位】各街道\n"
        "3.加强宣传。【重点】做好政策解读。（区委宣传部牵头）\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.lead, t.responsible, t.cooperating) for t in plan.tasks] == [
        (["区发改局"], ["区财政局", "区住建局"], []),
        (["区统计局"], [], ["各街道"]),
        (["区委宣传部"], [], []),  # 【重点】 is no label
    ]
    assert [d.due.isoformat() for d in plan.tasks[0].deadlines if d.due] == ["2023-06-30"]


def test_sentences_and_inline_items_each_ending_in_their_role_list_are_tasks() -> None:
    text = (
        "2023年重点工作\n"
        "一、稳增长\n"
        "一是推进项目建设（区发改局牵头）；二是加强统计监测（区统计局牵头）。\n"
        "二、惠民生\n"
        "稳定就业，全年新增就业5000人（区人社局牵头）。办好民生实事（区民政局牵头，各街道配合）。\n"
        "三、优环境。1.深化改革（区政务服务中心牵头）；2.优化服务（区市场局牵头）。\n"
    )
    plan = parse_text(text, "附件")
    assert [(t.number, t.title, t.lead) for t in plan.tasks] == [
        (1, "推进项目建设", ["区发改局"]),
        (2, "加强统计监测", ["区统计局"]),
        (3, "稳定就业，全年新增就业5000人", ["区人社局"]),
        (4, "办好民生实事", ["区民政局"]),
        (5, "深化改革", ["区政务服务中心"]),
        (6, "优化服务", ["区市场局"]),
    ]
    assert plan.tasks[3].cooperating == ["各街道"]


def test_two_role_sentences_inside_one_numbered_task_stay_one_task() -> None:
    text = "2023年重点工作\n1.推进项目建设。加快开工（区发改局牵头）。做好要素保障（区自然资源局负责）。\n2.加强统计。（区统计局牵头）\n"
    assert roles(text) == [(["区发改局"], ["区自然资源局"]), (["区统计局"], [])]


def test_sentences_each_followed_by_their_own_role_list_after_the_stop_are_tasks() -> None:
    """Under a numbered heading that names no unit, sentences whose role list follows their full stop and runs
    straight into the next sentence (…左右。（市公安局牵头）万元…), one list starting a line of its own: each
    sentence is a task with its own units, numbered in order."""
    text = (
        "某市“十一五”规划纲要主要目标和任务分工\n"
        "一、主要目标\n"
        "1.主要指标的责任部门。\n"
        "常住人口控制在900万人左右。（市卫健委、市公安局牵头）单位生产总值能耗降低15%。（市发改委牵头）"
        "耕地保有量保持在省定面积。\n"
        "（市自然资源局牵头）主要污染物排放总量减少10%。（市生态环境局牵头）\n"
    )
    assert roles(text) == [
        (["市卫健委", "市公安局"], []),
        (["市发改委"], []),
        (["市自然资源局"], []),
        (["市生态环境局"], []),
    ]


def test_a_news_report_naming_its_tasks_in_sentences_grouped_by_unit_is_read_as_a_plan() -> None:
    """No numbers, no table: 市卫健委负责A、B、C等三个项目；市教育局负责D和E两个项目；… Each matter is a task of its
    clause's units; matters are cut at 、 and 和 only where the clause's own count agrees (a matter whose name holds
    和 stays whole); the reporter's other sentences are no task."""
    plan = parse_text(
        "某市今年实施8件民生实事\n"
        "记者从新闻发布会获悉，某市今年将实施8件民生实事，涵盖教育、医疗、养老等方面。\n"
        "其中，市卫健委负责老年人免费体检、新生儿听力筛查、基层医疗机构能力提升等三个项目；"
        "市教育局负责中小学教室照明改造和学生视力监测两个项目；"
        "市教育局、市体育局共同负责为中小学和公园配备体育器材项目；"
        "市民政局负责社区养老服务中心建设项目；市住建局负责老旧小区加装电梯项目。\n"
        "据悉，这些项目共需资金3亿元。\n",
        "附件",
    )
    assert [(t.title, t.responsible) for t in plan.tasks] == [
        ("老年人免费体检", ["市卫健委"]),
        ("新生儿听力筛查", ["市卫健委"]),
        ("基层医疗机构能力提升", ["市卫健委"]),
        ("中小学教室照明改造", ["市教育局"]),
        ("学生视力监测", ["市教育局"]),
        ("为中小学和公园配备体育器材", ["市教育局", "市体育局"]),
        ("社区养老服务中心建设", ["市民政局"]),
        ("老旧小区加装电梯", ["市住建局"]),
    ]
