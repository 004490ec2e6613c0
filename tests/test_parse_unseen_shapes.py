"""Shapes that real plans of other governments came in and a first reading got wrong, each as a class:
glue words on a list (分别, 共同, 等), units on the line under a task with no label, a list going on in the
next line, labels and titles in English, the year of the plan's own date, and task tables whose header
is missing or whose other columns (备注, 完成情况, 进展情况, 责任领导) hold no units. Each document is
written here, as an office would write it, in the formats plans come in."""

from __future__ import annotations

from pathlib import Path

import docx

from plan.parser import parse_file, parse_text


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def test_glue_words_before_a_lists_verb_stay_off_the_names() -> None:
    plan = parse_text(
        "某县2024年重点工作安排\n"
        "1.推进农村公路建设。（县交通运输局牵头，县财政局、各乡镇分别负责）\n"
        "2.加强食品安全监管。（县市场监管局、县卫健局共同负责）\n"
        "3.做好防汛抗旱工作。（县水利局牵头，县应急局等配合，各乡镇按照各自职责落实）\n"
    )
    assert _units(plan) == [
        (["县交通运输局"], ["县财政局", "各乡镇"], []),
        ([], ["县市场监管局", "县卫健局"], []),
        (["县水利局"], ["各乡镇"], ["县应急局"]),
    ]


def test_units_on_the_line_under_a_task_without_a_label() -> None:
    plan = parse_text(
        "某县2024年重点工作任务\n一、经济发展\n1.规上工业增加值增长8%。\n县工信局\n"
        "2.固定资产投资增长10%。\n县发改局、县财政局\n3.社会消费品零售总额增长7%。\n责任单位：县商务局\n"
        "4.一般公共预算收入增长6%。\n县财政局\n某县人民政府办公室\n2024年2月1日\n"
    )
    assert [t.responsible for t in plan.tasks] == [["县工信局"], ["县发改局", "县财政局"], ["县商务局"], ["县财政局"]]


def test_a_list_ending_in_a_separator_goes_on_in_the_next_line() -> None:
    plan = parse_text(
        "某县2024年重点工作任务\n1.规上工业增加值增长8%。\n牵头单位：县工信局\n配合单位：县发改局、\n县财政局、县统计局\n"
        "2.固定资产投资增长10%。\n牵头单位：县发改局\n"
    )
    assert _units(plan) == [(["县工信局"], [], ["县发改局", "县财政局", "县统计局"]), (["县发改局"], [], [])]


def test_a_plan_in_english() -> None:
    plan = parse_text(
        "Key Work Plan of the Economic Development Zone for 2024\n"
        "1. Attract 20 new manufacturing projects. (Lead unit: Investment Promotion Bureau; Responsible units: "
        "Economic Development Bureau, Finance Bureau)\n"
        "2. Build the new logistics park. (Lead: Planning and Construction Bureau; Cooperating units: Land Bureau)\n"
    )
    assert plan.title == "Key Work Plan of the Economic Development Zone for 2024"
    assert plan.year == 2024
    assert _units(plan) == [
        (["Investment Promotion Bureau"], ["Economic Development Bureau", "Finance Bureau"], []),
        (["Planning and Construction Bureau"], [], ["Land Bureau"]),
    ]


def test_the_year_is_the_plans_own_date_not_a_cited_documents() -> None:
    plan = parse_text(
        "关于印发某区政务公开工作要点的通知\n各街道：\n"
        "根据《国务院办公厅关于印发2019年政务公开工作要点的通知》（国办发〔2019〕14号），现将工作要点印发给你们。\n"
        "某区人民政府办公室\n2021年4月2日\n某区政务公开工作要点\n1.定期公开财政预决算信息。（责任单位：区财政局）\n"
    )
    assert plan.year == 2021
    assert plan.tasks[0].deadlines == []  # 定期 is no date


_HEADLESS = [
    ["1", "推进老旧小区改造20个，惠及居民3000户", "区住建局", "区财政局、各街道", "2024年12月底"],
    ["2", "新增城镇就业3000人，开展职业技能培训", "区人社局", "区发改局", "2024年12月底"],
    ["3", "完成造林绿化1000亩，建设口袋公园5个", "区林业局", "区城管局、各街道", "2024年11月底"],
]


def test_a_table_without_a_header_read_by_what_its_columns_hold(tmp_path: Path) -> None:
    text = "某区2024年重点任务清单\n" + "".join("\t".join(row) + "\n" for row in _HEADLESS)
    document = docx.Document()
    document.add_paragraph("某区2024年重点任务清单")
    table = document.add_table(rows=0, cols=5)
    for row in _HEADLESS:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.save(str(tmp_path / "plan.docx"))
    html = (
        "<html><body><h1>某区2024年重点任务清单</h1><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in _HEADLESS)
        + "</table></body></html>"
    )
    (tmp_path / "plan.html").write_text(html, encoding="utf-8")
    for plan in (parse_text(text), parse_file(tmp_path / "plan.docx"), parse_file(tmp_path / "plan.html")):
        assert _units(plan) == [([r[2]], r[3].split("、"), []) for r in _HEADLESS]
        assert [t.number for t in plan.tasks] == [1, 2, 3]
        assert any("columns read by what they hold" in line for line in plan.explained)


def test_notes_progress_and_leader_columns_hold_no_units(tmp_path: Path) -> None:
    head = ["序号", "工作任务", "责任领导", "责任单位", "进展情况", "备注"]
    rows = [
        ["1", "推进老旧小区改造20个", "张建国", "区住建局", "已完成12个，区财政局已拨付资金", "省考指标"],
        ["2", "新增城镇就业3000人", "李明", "区人社局、区发改局", "已新增2100人", "市考指标"],
    ]
    html = (
        "<html><body><h1>某区2024年重点任务推进情况</h1><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [head, *rows])
        + "</table></body></html>"
    )
    (tmp_path / "plan.html").write_text(html, encoding="utf-8")
    plan = parse_file(tmp_path / "plan.html")
    assert _units(plan) == [([], ["区住建局"], []), ([], ["区人社局", "区发改局"], [])]  # 责任单位 alone: responsible


def test_header_words_of_other_wordings_and_in_english(tmp_path: Path) -> None:
    text = (
        "某区2024年重点任务清单\n序号\t工作内容\t实施主体\t责任处（科）室\t完成时间\n"
        "1\t推进老旧小区改造20个\t区住建局\t城建科\t2024年12月底\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [([], ["区住建局", "城建科"], [])]
    english = (
        "Key Tasks of the Free Trade Zone for 2024\nNo.\tTask\tLead unit(s)\tCooperating units\tDeadline\tRemarks\n"
        "1\tOpen 5 new international freight routes\tPort Authority\tCustoms Office, Transport Bureau\tDecember 2024\t"
        "Provincial target\n"
    )
    plan = parse_text(english)
    assert _units(plan) == [(["Port Authority"], [], ["Customs Office", "Transport Bureau"])]


def test_one_organ_under_its_second_name_in_brackets_is_one_unit() -> None:
    plan = parse_text(
        "某市2023年粮食安全工作要点\n1.加强粮食储备管理。（牵头单位：市商务局（市粮食和物资储备局）；配合单位：市财政局）\n"
        "2.稳定粮食生产。（牵头单位：市农业农村局；配合单位：市商务局）\n"
    )
    assert _units(plan) == [(["市商务局"], [], ["市财政局"]), (["市农业农村局"], [], ["市商务局"])]
    assert plan.aliases.get("市粮食和物资储备局") == "市商务局"


def test_an_unnumbered_plan_whose_units_stand_under_each_paragraph() -> None:
    labelled = (
        "某县2024年民生实事工作安排\n为办好民生实事，安排如下。\n新建改建农村公路120公里，完成危桥改造10座。\n"
        "牵头单位：县交通运输局\n责任单位：县财政局\n新增城镇就业2000人，开展职业技能培训3000人次。\n责任单位：县人社局\n"
    )
    bare = (
        "某县2024年民生实事工作安排\n新建改建农村公路120公里，完成危桥改造10座。\n县交通运输局、县财政局\n"
        "新增城镇就业2000人，开展职业技能培训3000人次。\n县人社局\n"
    )
    plan = parse_text(labelled)
    assert [t.title for t in plan.tasks] == [
        "新建改建农村公路120公里，完成危桥改造10座",
        "新增城镇就业2000人，开展职业技能培训3000人次",
    ]
    assert _units(plan) == [(["县交通运输局"], ["县财政局"], []), ([], ["县人社局"], [])]
    assert _units(parse_text(bare)) == [([], ["县交通运输局", "县财政局"], []), ([], ["县人社局"], [])]


def test_a_table_pasted_with_spaces_keeps_its_notes_out_of_the_units() -> None:
    plan = parse_text(
        "某区2024年重点任务清单\n序号 重点任务 牵头单位 配合单位 完成时限 备注\n"
        "1 推进老旧小区改造20个 区住建局 区财政局、各街道 2024年12月底 省考指标\n"
        "2 新增城镇就业3000人 区人社局 区发改局 2024年12月底 已完成\n"
    )
    assert _units(plan) == [(["区住建局"], [], ["区财政局", "各街道"]), (["区人社局"], [], ["区发改局"])]


def test_persons_and_positions_in_a_list_of_verbs_are_skipped() -> None:
    plan = parse_text(
        "某区2024年重点工作\n1.推进老旧小区改造。（区政府分管领导牵头，区住建局负责，区财政局配合）\n"
        "2.加快园区建设。（区委常委、常务副区长王五牵头，区科经局、区发改局负责）\n"
    )
    assert _units(plan) == [([], ["区住建局"], ["区财政局"]), ([], ["区科经局", "区发改局"], [])]


def test_a_responsible_column_whose_note_says_the_first_leads() -> None:
    plan = parse_text(
        "某区2024年重点任务清单\n序号\t工作任务\t责任单位（牵头单位列第一位）\t完成时限\n"
        "1\t推进老旧小区改造20个\t区住建局、区财政局、各街道\t2024年12月底\n2\t新增城镇就业3000人\t区人社局\t2024年12月底\n"
    )
    assert _units(plan) == [(["区住建局"], ["区财政局", "各街道"], []), (["区人社局"], [], [])]


def test_units_of_other_endings_on_a_line_of_their_own() -> None:
    plan = parse_text(
        "某区2024年重点工作任务\n1.开展全民健身活动。\n区文旅局、区总工会、团区委、区妇联、区科协\n"
        "2.建设智能制造产业园。\n某某经济开发区、区图书馆、区融媒体中心\n"
    )
    assert [t.responsible for t in plan.tasks] == [
        ["区文旅局", "区总工会", "团区委", "区妇联", "区科协"],
        ["某某经济开发区", "区图书馆", "区融媒体中心"],
    ]


def test_the_title_is_the_heading_that_names_the_plan_not_a_sites_menu() -> None:
    plan = parse_text(
        "国内政策【切换】 国际政策\n您现在的位置: 首页 > 政策前沿\n政务服务中心\n2024年全县民生实事\n"
        "1.新建改建农村公路120公里。（责任单位：县交通运输局）\n"
    )
    assert plan.title == "2024年全县民生实事"
    assert plan.year == 2024


def test_an_english_table_without_a_header() -> None:
    plan = parse_text(
        "Key Tasks of the Pilot Zone for 2024\n"
        "1\tOpen 5 new international freight routes this year\tPort Authority\tCustoms Office, Transport Bureau\tDecember 2024\n"
        "2\tBuild the cold-chain logistics centre by the end of the year\tCommerce Bureau\tFinance Bureau\tJune 2024\n"
        "3\tTrain 2000 cross-border e-commerce staff across the zone\tHuman Resources Bureau\tEducation Bureau\tQ4\n"
    )
    assert _units(plan) == [
        (["Port Authority"], ["Customs Office", "Transport Bureau"], []),
        (["Commerce Bureau"], ["Finance Bureau"], []),
        (["Human Resources Bureau"], ["Education Bureau"], []),
    ]


def test_units_marked_by_their_role_inside_one_list() -> None:
    plan = parse_text(
        "某区2024年重点工作\n1.推进老旧小区改造。（责任单位：区住建局（牵头）、区财政局（配合）、各街道）\n"
    )
    assert _units(plan) == [(["区住建局"], ["各街道"], ["区财政局"])]


def test_verbs_of_other_wordings_in_a_list() -> None:
    forms = {
        "由区发改局牵头，区财政局配合": (["区发改局"], [], ["区财政局"]),
        "区发改局牵头抓总，区财政局配合": (["区发改局"], [], ["区财政局"]),
        "区发改局牵头负责，各街道具体落实": (["区发改局"], ["各街道"], []),
        "区发改局牵头，区财政局、区城管局按职能分工负责": (["区发改局"], ["区财政局", "区城管局"], []),
        "区发改局会同区财政局负责": (["区发改局"], [], ["区财政局"]),  # A会同B: A leads, B works with it
        "区住建局组织实施": ([], ["区住建局"], []),
    }
    for form, want in forms.items():
        plan = parse_text(
            f"某区2024年重点工作\n1.推进老旧小区改造。（{form}）\n2.推进园区建设。（牵头单位：区科经局）\n"
        )
        assert _units(plan)[0] == want, form


def test_a_unit_name_broken_over_lines_and_a_page_number_of_pasted_pdf_text() -> None:
    plan = parse_text(
        "某县2024年重点工作任务\n1.推进农村公路建设，完成120公里。（牵头单位：县交通运输局；配合单位：县发展和\n- 2 -\n"
        "改革局、县财政局）\n2.新增城镇就业2000人。\n牵头单位：县人社局\n配合单位：县教育和体\n第3页\n育局、县财政局\n"
        "责任单位：各乡镇\n各单位要高度重视，确保按期完成。\n"
    )
    assert _units(plan) == [
        (["县交通运输局"], [], ["县发展和改革局", "县财政局"]),
        (["县人社局"], ["各乡镇"], ["县教育和体育局", "县财政局"]),
    ]


def test_a_portals_metadata_line_gives_the_date_and_stays_off_the_title() -> None:
    plan = parse_text(
        "关于印发重点任务清单的通知\n发文日期 2023-01-03 发布机构 区人民政府办公室\n重点任务清单\n"
        "1.新建改建农村公路。（责任单位：区交通运输局）\n"
    )
    assert (plan.title, plan.year, str(plan.issued)) == ("重点任务清单", 2023, "2023-01-03")
