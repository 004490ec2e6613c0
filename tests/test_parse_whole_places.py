"""Counties, districts and cities named whole among a task's units (issue 26): 由漯阜铁路公司、市发展改革委，川汇区、
商水县、项城市、沈丘县人民政府，市经济开发区管委会负责落实 names seven units, the places as the plan prints them; before,
one place without an organ's ending made the whole line no list, and the task had no unit. A list of places alone
(a column of 建设地点) still names no unit. Each document is written here as an office would write it."""

from __future__ import annotations

from pathlib import Path

import docx

from plan.parser import parse_file, parse_text


def _units(plan) -> list[tuple[list[str], list[str], list[str]]]:  # type: ignore[no-untyped-def]
    return [(t.lead, t.responsible, t.cooperating) for t in plan.tasks]


def test_a_role_line_naming_places_whole_among_organs() -> None:
    text = (
        "某市人民政府关于做好2013年经济社会发展重点工作的通知\n"
        "一、强化项目带动战略\n"
        "1.抓好市级重点项目，年度计划投资484.6亿元。\n"
        "由市发展改革委，各县市区人民政府，市经济开发区管委会负责落实\n"
        "2.全面完成漯阜铁路复线电气化改造。\n"
        "由漯阜铁路公司、市发展改革委，川汇区、商水县、项城市、沈丘县人民政府，市经济开发区管委会负责落实\n"
        "3.建成安顺至紫云高速公路。（西秀区、紫云自治县负责，市交通运输局配合）\n"
    )
    assert _units(parse_text(text)) == [
        ([], ["市发展改革委", "各县市区人民政府", "市经济开发区管委会"], []),
        (
            [],
            ["漯阜铁路公司", "市发展改革委", "川汇区", "商水县", "项城市", "沈丘县人民政府", "市经济开发区管委会"],
            [],
        ),
        ([], ["西秀区", "紫云自治县"], ["市交通运输局"]),
    ]


def test_the_same_line_in_a_word_file(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市2024年重点工作任务分解")
    document.add_paragraph("1.推进城乡供水一体化，新增农村集中供水人口3万人。")
    document.add_paragraph("由市水利局、市财政局，淮阳区、郸城县、项城市负责落实")
    path = tmp_path / "fenjie.docx"
    document.save(str(path))
    assert _units(parse_file(path)) == [([], ["市水利局", "市财政局", "淮阳区", "郸城县", "项城市"], [])]


def test_a_column_of_places_alone_is_no_unit_column(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某市2024年重点项目表")
    rows = [
        ["序号", "项目名称", "建设地点", "责任单位"],
        ["1", "新建城区污水处理厂一座。", "川汇区", "市住建局"],
        ["2", "改造国道106线城区段。", "商水县", "市交通运输局"],
        ["3", "建设市级应急物资储备库。", "项城市", "市应急局"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "xiangmu.docx"
    document.save(str(path))
    assert _units(parse_file(path)) == [([], ["市住建局"], []), ([], ["市交通运输局"], []), ([], ["市应急局"], [])]
