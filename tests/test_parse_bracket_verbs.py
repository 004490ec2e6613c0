"""A task's units named by verbs inside square brackets (issue 26): 〔省发展改革委牵头，省直有关单位按职责分工负责〕,
【区住建局牵头，区财政局配合】 and [市公安局负责] at a task's end are its role list, as the same list in parentheses
is; a bracket holding no such list (a document's number 〔2024〕, 各县〔市、区〕政府) stays as it is. Each document is
written here as an office would write it."""

from __future__ import annotations

from pathlib import Path

import docx

from plan.parser import parse_file, parse_text


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def test_a_list_named_by_verbs_in_square_brackets_is_the_tasks_units() -> None:
    text = (
        "某省人民政府关于印发2026年省《政府工作报告》重点工作分工方案的通知\n"
        "某政发〔2026〕2号\n"
        "一、推动完成地区生产总值增长5%左右等主要预期目标。〔省发展改革委、省财政厅等牵头，省直有关单位按职责分工负责〕\n"
        "二、争取超长期特别国债、专项债份额稳中有升。〔省委金融办、省财政厅牵头，各市人民政府配合〕\n"
        "三、出台降低物流成本的务实举措。（省交通运输厅牵头，省商务厅等按职责分工负责）\n"
    )
    plan = parse_text(text)
    assert _units(plan) == [
        (["省发展改革委", "省财政厅"], ["省直有关单位"], []),
        (["省委金融办", "省财政厅"], [], ["各市人民政府"]),
        (["省交通运输厅"], ["省商务厅"], []),
    ]
    assert plan.doc_number == "某政发〔2026〕2号"


def test_brackets_of_every_shape_on_a_saved_page(tmp_path: Path) -> None:
    path = tmp_path / "anpai.html"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><h1>某市2024年度法治政府建设重点工作安排</h1>'
        "<p>一、深入学习贯彻习近平法治思想，推动领导干部带头学法。【市直各部门(单位)，各县(市、区)人民政府按职责分工负责】</p>"
        "<p>二、深化行政执法体制改革，推进综合行政执法。[市司法局牵头，市直各行政执法部门配合]</p>"
        "<p>三、健全行政复议案件审理机制。〔市司法局负责〕</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert _units(parse_file(path)) == [
        ([], ["市直各部门（单位）", "各县（市、区）人民政府"], []),
        (["市司法局"], [], ["市直各行政执法部门"]),
        ([], ["市司法局"], []),
    ]


def test_a_bracket_that_names_no_roles_stays_part_of_the_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市2024年重点工作任务分工")
    document.add_paragraph("1.落实〔2023〕15号文件要求，完成城区排水管网改造。（责任单位：各县〔市、区〕政府）")
    document.add_paragraph("2.建成市级应急物资储备库。〔市应急局牵头，市发展改革委配合〕")
    path = tmp_path / "fengong.docx"
    document.save(str(path))
    plan = parse_file(path)
    assert _units(plan) == [([], ["各县〔市、区〕政府"], []), (["市应急局"], [], ["市发展改革委"])]
    assert "〔2023〕15号" in plan.tasks[0].title
