"""Persons in a role's list (issue 26), in every format by one reading (plan/persons.py): a name glued after a
unit's (市民政局伍泽国, 市民政局 伍泽国) is the unit, and where a label or a header says its list names persons too
(责任单位及责任人：, 牵头单位及负责人) a person's name standing alone is no unit; before, a label in the text kept them
(市民政局伍泽国 a lead) or, with 及责任人, was read as no label at all. A label inside a role's list that no role word
names (联系单位：区委办) ends that list and is no unit of the task. Each document is written here as an office
would write it."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from plan.parser import parse_file, parse_text

WANT = [(["市民政局"], ["各县市区人民政府"], []), (["市交通运输局"], ["市财政局"], [])]


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def test_a_persons_name_glued_after_a_unit_in_the_text() -> None:
    text = (
        "某市2024年十件民生实事任务分解\n"
        "1.新建城乡社区养老服务中心10个。（牵头单位：市民政局伍泽国；责任单位：各县市区人民政府）\n"
        "2.新改建农村公路200公里。（牵头单位：市交通运输局 林静国；责任单位：市财政局）\n"
    )
    assert _units(parse_text(text)) == WANT


def test_a_label_that_says_its_list_names_persons_too(tmp_path: Path) -> None:
    path = tmp_path / "shishi.html"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><h1>某市2024年十件民生实事任务分解</h1>'
        "<p>1.新建城乡社区养老服务中心10个。</p>"
        "<p>牵头单位及责任人：市民政局 伍泽国</p><p>责任单位：各县市区人民政府</p>"
        "<p>2.新改建农村公路200公里。</p>"
        "<p>牵头单位及责任人：市交通运输局、林静国</p><p>责任单位：市财政局</p>"
        "</body></html>",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert _units(plan) == WANT
    said = next(line for line in plan.explained if line.startswith("role labels"))
    assert "牵头单位及责任人 → lead (牵头), the persons in its list left out" in said


def test_the_same_in_a_word_file_and_a_sheet(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市2024年十件民生实事任务分解")
    document.add_paragraph("1.新建城乡社区养老服务中心10个。（牵头单位：市民政局伍泽国；责任单位：各县市区人民政府）")
    document.add_paragraph("2.新改建农村公路200公里。（牵头单位/负责人：市交通运输局 林静国；责任单位：市财政局）")
    word = tmp_path / "shishi.docx"
    document.save(str(word))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市2024年十件民生实事任务分解"])
    sheet.append(["序号", "民生实事", "牵头单位及责任人", "责任单位"])
    sheet.append(["1", "新建城乡社区养老服务中心10个。", "市民政局伍泽国", "各县市区人民政府"])
    sheet.append(["2", "新改建农村公路200公里。", "市交通运输局 林静国", "市财政局"])
    sheet_path = tmp_path / "shishi.xlsx"
    book.save(sheet_path)
    assert _units(parse_file(word)) == WANT
    assert _units(parse_file(sheet_path)) == WANT


def test_a_label_no_role_word_names_ends_the_list_before_it() -> None:
    text = (
        "某区2024年重点工作任务分工\n"
        "1.推行企业开办一日办结。（牵头部门：区政务服务中心；参与部门：区市场监管局；联系单位：区委办）\n"
        "2.清理规范涉企收费。（牵头部门：区发改局；参与部门：区财政局）\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [(["区政务服务中心"], [], ["区市场监管局"]), (["区发改局"], [], ["区财政局"])]
    said = next(line for line in plan.explained if line.startswith("role labels"))
    assert "联系单位 → not a role (no role word): 区委办 left out" in said


def test_a_position_named_as_a_label_is_no_unit() -> None:
    text = (
        "某市2024年重点工作任务分工\n"
        "1.推进城乡供水一体化。（牵头单位：市水利局，分管副市长：王明；配合单位：市发展改革委）\n"
        "2.建成应急物资储备库。（联系副市长：李华；牵头单位：市应急局）\n"
    )
    assert _units(parse_text(text)) == [(["市水利局"], [], ["市发展改革委"]), (["市应急局"], [], [])]
