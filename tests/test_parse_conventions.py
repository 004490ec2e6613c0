"""Conventions a plan states in its own text, each as a class (issue 26): a second name in brackets is one
organ; a rule that the first-listed unit leads, wherever the plan says it, applies to every one-list task
and is itself neither a unit nor a task; fields of a pasted row a run of spaces apart; numbering by 一是,
【1】, 1.1; A会同B负责; persons and positions inside a unit list. Each document is written here as an office
would write it, not taken from the corpus the parser was tuned on."""

from __future__ import annotations

from pathlib import Path

from plan.parser import parse_text


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def _names(plan) -> set[str]:  # type: ignore[no-untyped-def]
    return {n for t in plan.tasks for r in ("lead", "responsible", "cooperating") for n in getattr(t, r)}


def test_a_second_name_in_brackets_is_one_organ_named_bare_and_its_alias() -> None:
    plan = parse_text(
        "某县2025年重点工作\n"
        "1.稳定粮食生产。（牵头单位：县农业农村局；责任单位：县发改局（粮食和物资储备局）、各乡镇（街道））\n"
        "2.推进项目建设。（牵头单位：县发改局；责任单位：县直各部门（单位））\n"
        "3.开展安全检查。（牵头单位：县安委办（县安全生产工作专班办公室）；责任单位：县应急局）\n"
        "4.强化督查督办。（责任单位：县委办（牵头）、县政府办）\n"
        "5.统筹项目资金。（牵头单位：县财政局；责任单位：各镇政府（含开发区管委会））\n"
    )
    assert _units(plan) == [
        (["县农业农村局"], ["县发改局", "各乡镇（街道）"], []),
        (["县发改局"], ["县直各部门（单位）"], []),
        (["县安委办"], ["县应急局"], []),
        (["县委办"], ["县政府办"], []),  # a role in the bracket marks the lead; the name stays bare
        (["县财政局"], ["各镇政府（含开发区管委会）"], []),  # a qualifier stays part of the name
    ]
    assert plan.aliases["粮食和物资储备局"] == "县发改局"  # typed, it still finds the unit
    assert plan.aliases["县安全生产工作专班办公室"] == "县安委办"
    assert "县发改局（粮食和物资储备局）" not in _names(plan)


def test_the_first_listed_unit_leads_wherever_and_however_the_plan_says_so() -> None:
    tasks = "1.推进城市更新。（市住建局、市自然资源局、市财政局）\n2.做好稳岗就业。（市人社局、市财政局）\n"
    rules = {
        "notice": "关于印发重点工作的通知\n各区政府：\n各项任务中列第一位者为牵头单位，其他为责任单位。\n重点工作\n"
        + tasks,
        "note after": "重点工作\n" + tasks + "注：第一个单位为牵头单位。\n",
        "under the title": "重点工作\n（首位单位为牵头单位）\n" + tasks,
        "in the title": "2024年城市建设重点工作（排在首位的为牵头单位）\n" + tasks,
    }
    for where, text in rules.items():
        plan = parse_text(text)
        assert _units(plan) == [
            (["市住建局"], ["市自然资源局", "市财政局"], []),
            (["市人社局"], ["市财政局"], []),
        ], where
        assert len(plan.tasks) == 2, where  # the sentence is no task
        assert not any("牵头单位" in n for n in _names(plan)), where  # …and no unit
        assert any("rule stated in the text" in line for line in plan.explained), where
    assert parse_text(rules["in the title"]).title == "2024年城市建设重点工作"


def test_a_rule_inside_the_first_tasks_list_applies_to_the_tasks_after_it() -> None:
    plan = parse_text(
        "某市全面落实粮食安全责任制的实施意见\n一、明确责任\n"
        "（一）增强粮食安全意识。（市发改委、市农业农村局、各区县政府、某某粮食储备库。排名第一的为牵头单位，下同）\n"
        "（二）落实政府责任。（市农业农村局、市财政局）\n"
    )
    assert _units(plan) == [
        (["市发改委"], ["市农业农村局", "各区县政府", "某某粮食储备库"], []),
        (["市农业农村局"], ["市财政局"], []),
    ]


def test_a_rule_changes_nothing_where_a_task_names_its_roles() -> None:
    plan = parse_text(
        "重点工作（列第一位的为牵头单位）\n1.推进甲项。（牵头单位：区司法局；责任单位：区财政局、区民政局）\n"
        "2.推进乙项。（区财政局、区民政局）\n"
    )
    assert _units(plan) == [(["区司法局"], ["区财政局", "区民政局"], []), (["区财政局"], ["区民政局"], [])]


def test_a_paste_with_fields_a_run_of_spaces_apart_is_read_by_what_they_hold(tmp_path: Path) -> None:
    plan = parse_text(
        "2025年市民生实事项目(列第一位的为牵头单位)\n"
        "1  新建改建城市公园10个  市城管局、市住建局  2025年底\n"
        "2  新增公办幼儿园学位3000个  市教育局、市财政局、各区政府  2025年9月底前\n"
        "3  改造农村公路200公里  市交通运输局  2025年12月底前\n"
    )
    assert [t.title for t in plan.tasks] == ["新建改建城市公园10个", "新增公办幼儿园学位3000个", "改造农村公路200公里"]
    assert _units(plan) == [
        (["市城管局"], ["市住建局"], []),
        (["市教育局"], ["市财政局", "各区政府"], []),
        (["市交通运输局"], [], []),
    ]
    assert str(plan.tasks[1].deadlines[0].due) == "2025-09-30"


def test_a_single_spaced_row_stays_text() -> None:
    plan = parse_text("某区工作安排\n1  做好信访工作。  区信访局  全年\n")
    assert len(plan.tasks) == 1 and plan.tasks[0].responsible == ["区信访局"]


def test_units_a_space_apart_in_a_cell_are_several() -> None:
    plan = parse_text(
        "某镇工作安排\n任务 | 时间 | 责任单位\n烟花爆竹整治 | 1月 | 安监站 派出所\n食品安全检查 | 2月 | 市场监管所 卫生院\n"
    )
    assert _units(plan) == [([], ["安监站", "派出所"], []), ([], ["市场监管所", "卫生院"], [])]


def test_numbering_yishi_brackets_and_decimals() -> None:
    yishi = parse_text(
        "某区2024年防汛工作要点\n一、监测预警\n一是完善雨情监测。（区水务局牵头，区气象局配合）\n"
        "二是做好预警发布。（区应急局）\n二、应急处置\n一是修订预案。（区应急局）\n"
    )
    assert len(yishi.tasks) == 3 and [t.lead for t in yishi.tasks] == [["区水务局"], [], []]
    assert yishi.tasks[1].responsible == ["区应急局"] and yishi.tasks[1].title == "做好预警发布"
    brackets = parse_text("某县重点工作\n【1】推进甲项。（县发改局）\n【2】推进乙项。（县财政局）\n")
    assert [t.title for t in brackets.tasks] == ["推进甲项", "推进乙项"]
    decimals = parse_text(
        "某区整治方案\n1 组织领导\n1.1 成立专班。（牵头单位：区城管局）\n1.2 建立调度机制。（牵头单位：区住建局）\n"
        "2 重点任务\n2.1 整治背街小巷，清理1.5万平方米。（牵头单位：区城管局）\n"
    )
    assert [t.number for t in decimals.tasks] == [1, 2, 3]
    assert [t.label for t in decimals.tasks][0].endswith("1.1")
    assert decimals.tasks[2].title == "整治背街小巷，清理1.5万平方米"


def test_a_leads_with_b_and_a_sentence_of_units_and_verbs() -> None:
    plan = parse_text(
        "某区工作要点\n1.做好预警信息发布。区应急局会同区委宣传部负责。\n"
        "2.加强避难场所管理。（由区住建局会同区发改局、区财政局共同负责）\n"
        "3.推进智慧城市建设。（区数据局牵头，区直各部门配合）\n"
    )
    assert _units(plan) == [
        (["区应急局"], [], ["区委宣传部"]),
        (["区住建局"], [], ["区发改局", "区财政局"]),
        (["区数据局"], [], ["区直各部门"]),
    ]
    assert plan.tasks[0].title == "做好预警信息发布" and "会同" not in plan.tasks[0].body


def test_persons_and_positions_inside_a_list_are_left_out() -> None:
    plan = parse_text(
        "某县重点工作\n1.推进甲项。（分管副县长、县发改局牵头，县财政局配合）\n"
        "2.推进乙项。（牵头单位：县住建局；责任单位：各乡镇、张三同志）\n"
        "3.推进丙项。（县长李四，县交通运输局负责）\n"
    )
    assert _units(plan) == [
        (["县发改局"], [], ["县财政局"]),
        (["县住建局"], ["各乡镇"], []),
        ([], ["县交通运输局"], []),
    ]


def test_explain_names_the_stated_rule(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    path = tmp_path / "分工.txt"
    path.write_text("重点工作\n注：排在首位的为牵头单位。\n1.推进甲项。（区发改委、区财政局）\n", encoding="utf-8")
    assert main(["parse", str(path), "--explain"]) in (0, None)
    said = capsys.readouterr().out
    assert "rule stated in the text «排在首位的为牵头单位»" in said
    assert "task 1 «推进甲项»: lead 区发改委; responsible 区财政局" in said


def test_a_main_responsibility_column_beside_a_lead_column_is_responsible() -> None:
    plan = parse_text(
        "2024年大气污染防治行动计划\n序号\t重点任务\t牵头部门\t主责单位\t协办单位\t完成时限\n"
        "1\t治理扬尘污染\t市生态环境局\t各区政府\t市住建委、市城管委\t年底前\n"
        "2\t淘汰老旧车辆\t市交通委\t各区政府\t市公安局\t6月底前\n"
    )
    assert _units(plan) == [
        (["市生态环境局"], ["各区政府"], ["市住建委", "市城管委"]),
        (["市交通委"], ["各区政府"], ["市公安局"]),
    ]


def test_more_wordings_lead_then_with_and_two_second_names() -> None:
    plan = parse_text(
        "某区2024年工作要点\n1.推进甲项。（由区发改局牵头，会同区财政局负责）\n"
        "2.推进乙项。（牵头单位：区政府办公室（区外事办、区金融办）；责任单位：区商务局）\n"
        "3.推进丙项。（区司法局、区财政局）\n注：牵头单位为排在第一位的单位。\n"
    )
    assert _units(plan) == [
        (["区发改局"], [], ["区财政局"]),
        (["区政府办公室"], ["区商务局"], []),
        (["区司法局"], ["区财政局"], []),
    ]
    assert plan.aliases["区外事办"] == plan.aliases["区金融办"] == "区政府办公室"
    duty = parse_text("某区工作\n1.推进甲项。（区司法局、区财政局）\n各牵头单位主要负责人为第一责任人。\n")
    assert duty.tasks[0].lead == []  # 第一责任人 is no rule about the lists


def test_a_rule_stated_in_one_task_list_with_the_same_below_governs_that_task_and_those_after() -> None:
    """下同 (the same below) inside a task's role list: the tasks above keep their one list as written, the
    rule's own task and those below are read by it; a clause excepting the lists that mark their lead
    (除标注“牵头”外) is part of the rule, never glued onto the last unit."""
    plan = parse_text(
        "某市2024年重点工作责任分解\n"
        "1.一般公共预算收入与经济增长同步。\n责任单位：市财政局\n"
        "2.推进城市更新。\n责任单位：市住建局、市自然资源局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）\n"
        "3.做好稳岗就业。\n责任单位：市人社局、市财政局\n"
        "4.抓好项目招引。\n责任单位：市发改委、市商务局分别牵头\n"
        "5.推进工业技改。\n责任单位：市经信局\n"
    )
    assert _units(plan) == [
        ([], ["市财政局"], []),  # above the rule: as written
        (["市住建局"], ["市自然资源局"], []),
        (["市人社局"], ["市财政局"], []),
        (["市发改委", "市商务局"], [], []),  # marked: the exception
        (["市经信局"], [], []),  # below the rule, a sole unit is also the one listed first
    ]
    assert not any("牵头" in n or "除" in n for n in _names(plan))


def test_a_rule_naming_its_lead_as_the_work_lead_or_collecting_unit_is_read() -> None:
    plan = parse_text(
        "重点工作\n1.推进融资畅通。\n责任单位：市经信局、市财政局、市金融办（列第一位者为工作牵头单位或汇总单位，下同）\n"
        "2.做好稳岗就业。\n责任单位：市人社局、市财政局\n"
    )
    assert _units(plan) == [(["市经信局"], ["市财政局", "市金融办"], []), (["市人社局"], ["市财政局"], [])]


def test_a_role_list_in_square_brackets_holding_a_second_name_is_one_list() -> None:
    """[牵头单位：县发改局（粮食局）；责任单位：…]: the organ's bracketed second name inside a bracketed role list
    does not cut the list in two (the second name read as a unit, the closing bracket glued on the last)."""
    plan = parse_text(
        "一、主要目标\n"
        "（一）地区生产总值增长7%。[牵头单位：县发改局（粮食局）；责任单位：各镇人民政府，县经济开发区]\n"
        "（二）地方公共预算收入增长5%。（牵头单位：县财政局；责任单位：县税务局）\n"
    )
    assert _units(plan) == [
        (["县发改局"], ["各镇人民政府", "县经济开发区"], []),
        (["县财政局"], ["县税务局"], []),
    ]


def test_a_line_of_fields_with_persons_between_the_role_labels_is_read_field_by_field() -> None:
    """牵头领导：张三　责任单位：…　项目责任人：李四　配合单位：… pasted with the spaces between fields lost: each label
    starts a field wherever it stands on the line; the persons' fields hold no units, nor does the progress line."""
    plan = parse_text(
        "2024年民生实事项目进展情况\n"
        "1.新建城市公园5个。\n"
        "牵头领导：张伟　责任单位：市园林局　项目责任人：李强\n"
        "实际完成情况：已完成3个。\n"
        "2.新增公交线路10条。\n"
        "牵头领导：王芳 责任单位：市交通局 项目责任人：赵敏 配合单位：市公安局、市财政局\n"
        "实际完成情况：已开通6条，其余正在推进。\n"
    )
    assert _units(plan) == [([], ["市园林局"], []), ([], ["市交通局"], ["市公安局", "市财政局"])]


def test_a_sentence_opening_with_who_does_it_names_the_task_units() -> None:
    """由分管副市长负责，市发改委牵头，相关部门配合，尽快完成…: the opening stretches name the units by their verbs (the
    vice-mayor is a person, no unit); the action after them is the task's text, never a unit."""
    plan = parse_text(
        "关于争取国家部委支持事项的分工\n"
        "1、设立综合改革试验区事宜\n"
        "由王明副市长负责，市发改委牵头，相关部门配合，尽快完成实施方案，报省政府审批。\n"
        "2、城市轨道交通项目\n"
        "由李华副市长负责，市住建局牵头，市发改委、市财政局配合，进一步完善项目建设方案。\n"
    )
    assert _units(plan) == [
        (["市发改委"], [], ["相关部门"]),
        (["市住建局"], [], ["市发改委", "市财政局"]),
    ]
    assert "尽快完成实施方案" in plan.tasks[0].body


def test_a_list_is_not_cut_inside_tortoise_shell_brackets() -> None:
    """各县〔市、区〕政府: the 、 inside 〔〕 lists the places the collective covers, as it does inside （）."""
    plan = parse_text(
        "2023年重点工作\n"
        "1.地区生产总值增长6.5%。（责任单位：市发展改革委、各县〔市、区〕政府）\n"
        "2.规上工业增加值增长7%。（责任单位：市工业和信息化局，各县〔市、区〕政府、市城乡一体化示范区管委会）\n"
    )
    assert _units(plan) == [
        ([], ["市发展改革委", "各县〔市、区〕政府"], []),
        ([], ["市工业和信息化局", "各县〔市、区〕政府", "市城乡一体化示范区管委会"], []),
    ]


def test_places_counted_then_another_level_are_one_group() -> None:
    """13个街道、镇: the count covers the streets and the towns, one collective; not 13个街道 and a unit 镇."""
    plan = parse_text(
        "重点工作分解\n"
        "1.推进素质教育。（牵头部门：教育局；责任部门：13个街道、镇）\n"
        "2.提升基层卫生服务能力。（牵头部门：卫生局；责任部门：民政局，8个乡、镇）\n"
    )
    assert _units(plan) == [(["教育局"], ["13个街道、镇"], []), (["卫生局"], ["民政局", "8个乡、镇"], [])]


def test_a_role_cell_naming_roles_by_verbs_is_read_by_its_verbs() -> None:
    """A 责任部门 cell 办公室牵头，各科室配合 names a lead and a cooperating unit, not two responsible ones; a cell
    ending 等按职责分工落实 lists its units without the words after them."""
    plan = parse_text(
        "2021年政务公开工作任务\n"
        "序号\t工作任务\t责任部门\t完成时限\n"
        "1\t及时更新网站频道的各类概况信息\t办公室\t长期\n"
        "2\t及时更新微信公众号信息\t办公室牵头，各科室配合\t长期\n"
        "3\t做好常态化疫情防控信息发布\t应急处、监督处、疾控处等按职责分工落实\t长期\n"
    )
    assert _units(plan) == [
        ([], ["办公室"], []),
        (["办公室"], [], ["各科室"]),
        ([], ["应急处", "监督处", "疾控处"], []),
    ]


def test_bare_names_after_a_collective_in_a_verb_list_are_its_kin() -> None:
    """（区科技局主办，区相关部门、街道、片区协办）: 街道 and 片区 after a collective are 各街道 and 各片区, units of the
    list; the list is read, not dropped for two names that do not end like organs."""
    plan = parse_text(
        "2021年区重点工作分解\n"
        "1.推进科技成果转化。（区科技局、高新区管委会主办，区相关部门、街道、片区协办）\n"
        "2.培育科技型企业。（区科技局主办，各街道、片区协办）\n"
    )
    assert _units(plan) == [
        (["区科技局", "高新区管委会"], [], ["区相关部门", "街道", "片区"]),
        (["区科技局"], [], ["各街道", "片区"]),
    ]


def test_a_role_line_ended_with_a_whole_name_takes_no_line_below_it() -> None:
    """A role line ending in a whole unit's name is complete: the header of a small table of figures pasted below
    it (海曙、江东、江北　镇海　合计) is no part of its last unit."""
    plan = parse_text(
        "2024年民生实事项目进展情况\n"
        "1.新辟公交线路10条。\n"
        "牵头领导：王芳　责任单位：市交通局　配合单位：市公安局、市城管局，各区政府\n"
        "海曙、江东、江北　　镇海　　合计\n"
        "新辟线路年度目标　　5　　2　　7\n"
        "2.新建城市公园5个。\n"
        "责任单位：市园林局\n"
    )
    assert _units(plan) == [([], ["市交通局"], ["市公安局", "市城管局", "各区政府"]), ([], ["市园林局"], [])]


def test_a_progress_line_gives_no_deadline() -> None:
    """实际完成情况：已于2024年5月30日通车 reports what was done: that date is no deadline of the task."""
    plan = parse_text(
        "2024年民生实事项目1—6月进展情况\n"
        "1.轨道交通2号线投入试运营。\n"
        "责任单位：市轨道交通集团\n"
        "实际完成情况：已于2024年5月30日通车试运营。\n"
        "2.新建城市公园5个，2024年10月底前完成。\n"
        "责任单位：市园林局\n"
        "实际完成情况：已完成3个。\n"
    )
    assert [[str(d.due) for d in t.deadlines if d.due] for t in plan.tasks] == [[], ["2024-10-31"]]
