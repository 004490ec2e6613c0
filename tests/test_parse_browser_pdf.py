"""Plans printed to PDF from a portal's page by a browser (Chromium): page numbers `— 1 —` in the margin,
ruled tables in narrow cells where unit names wrap, and a text layer that carries radicals (⼈⺠ for 人民).
The pages are written here and printed by Chromium; the parser never made them."""

from __future__ import annotations

from pathlib import Path

from plan.parser import parse_file
from plan.text import clean_line
from tests.documents import chromium_pdf

_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 18mm 25mm; @bottom-center {{ content: "— " counter(page) " —"; }} }}
body {{ font-family: "Noto Sans SC", sans-serif; font-size: 12pt; line-height: 1.7; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border: 1px solid #000; padding: 4px; text-align: center; font-weight: normal; }}
</style></head><body>
<div>当前位置：首页 &gt; 政务公开 &gt; 县政府文件</div>
{body}
</body></html>"""

_ROWS = [
    (
        "1",
        "新建改建农村公路",
        "完成120公里",
        "县交通运输局",
        "县财政局、县自然资源和规划局、县农业农村局、各乡镇人民政府",
    ),
    ("2", "城乡居民医保参保", "参保率95%以上", "县医疗保障局", "县卫生健康委员会、县人力资源和社会保障局、县税务局"),
    ("3", "新增城镇就业", "2000人以上", "县人力资源和社会保障局", "县发展和改革局、县商务局、县市场监督管理局"),
]


def _table(rows: list[tuple[str, ...]]) -> str:
    head = "<tr><th>序号</th><th>任 务 名 称</th><th>目 标 要 求</th><th>牵 头 单 位</th><th>配 合 单 位</th><th>备 注</th></tr>"
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "<td>年度考核</td></tr>" for row in rows)
    widths = "".join(f'<col style="width:{w}%">' for w in (7, 17, 17, 12, 35, 12))
    return f"<table><colgroup>{widths}</colgroup>{head}{cells}</table>"


def test_a_ruled_table_in_narrow_cells_keeps_wrapped_unit_names_whole(tmp_path: Path) -> None:
    body = "<p>附件：1. 2024年重点民生实事任务分解表</p><h2>2024年重点民生实事任务分解表</h2>" + _table(_ROWS)
    plan = parse_file(chromium_pdf(_PAGE.format(body=body), tmp_path))
    assert plan.title == "2024年重点民生实事任务分解表"
    got = {t.number: (t.lead, t.cooperating) for t in plan.tasks}
    for number, _, _, lead, cooperating in _ROWS:
        assert got[int(number)] == ([lead], cooperating.split("、")), number
    assert not any("年度考核" in t.units for t in plan.tasks)  # a notes column is no unit


def test_a_text_plan_printed_over_pages_reads_its_characters_and_lists(tmp_path: Path) -> None:
    tasks = "".join(
        f"<p>{n}.{name}，{goal}。</p><p>牵头单位：{lead}</p><p>责任单位：{coop}</p>"
        for n, name, goal, lead, coop in _ROWS * 4
    )
    body = f"<h1>2024年县政府重点工作任务分解方案</h1><p>一、主要目标任务</p>{tasks}"
    plan = parse_file(chromium_pdf(_PAGE.format(body=body), tmp_path))
    assert plan.title == "2024年县政府重点工作任务分解方案"
    assert len(plan.tasks) == 12
    for task, (_, _, _, lead, coop) in zip(plan.tasks, _ROWS * 4, strict=True):
        assert (task.lead, task.responsible) == ([lead], coop.split("、")), task.number


def test_radicals_of_a_browser_pdf_read_as_the_ideographs_they_draw() -> None:
    assert clean_line("县⼈⺠政府办公室、县⽂化和旅游⼴电局") == "县人民政府办公室、县文化和旅游广电局"
    assert clean_line("⻔⻚⻓⻋") == "门页长车"
    assert clean_line("①完成") == "①完成"  # circled numbers are markers, not folded


def test_a_table_without_ruled_lines_read_by_its_words_positions(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>{name}，{goal}，按季度报送进展</td><td>{lead}</td><td>{coop}</td><td>2024年12月底</td></tr>"
        for n, name, goal, lead, coop in _ROWS
    )
    body = (
        "<h2>2024年重点民生实事任务清单</h2><table style='border:none'><colgroup><col style='width:6%'>"
        "<col style='width:38%'><col style='width:16%'><col style='width:26%'><col style='width:14%'></colgroup>"
        "<tr><th style='border:none;border-bottom:1px solid #000'>序号</th><th style='border:none'>工作任务</th>"
        "<th style='border:none'>牵头单位</th><th style='border:none'>配合单位</th><th style='border:none'>完成时限</th></tr>"
        + rows.replace("<td>", "<td style='border:none;text-align:left;vertical-align:top'>")
        + "</table><p>各单位要按季度报送进展情况，年底前报送全年完成情况，区政府督查室将适时开展督查并通报。</p>"
    )
    plan = parse_file(chromium_pdf(_PAGE.format(body=body), tmp_path))
    assert [(t.lead, t.cooperating) for t in plan.tasks] == [
        ([lead], coop.split("、")) for _, _, _, lead, coop in _ROWS
    ]
    assert all(t.deadlines and str(t.deadlines[0].due) == "2024-12-31" for t in plan.tasks)


def test_a_page_printed_with_the_browsers_date_title_and_address_in_its_margins(tmp_path: Path) -> None:
    page = _PAGE.replace("<head>", "<head><title>2024年重点民生实事任务分解表_某县人民政府</title>")
    body = "<h2>2024年重点民生实事任务分解表</h2>" + _table(_ROWS)
    plan = parse_file(chromium_pdf(page.format(body=body), tmp_path, margins=True))
    assert plan.title == "2024年重点民生实事任务分解表"
    assert [t.lead for t in plan.tasks] == [[lead] for _, _, _, lead, _ in _ROWS]


def test_a_long_table_over_pages_with_a_row_cut_by_a_page_break(tmp_path: Path) -> None:
    units = [
        "县发展和改革局",
        "县财政局",
        "县住房和城乡建设局",
        "县文化和旅游广电体育局",
        "县市场监督管理局",
        "各乡镇人民政府",
    ]
    rows = [
        (
            str(n),
            "推进项目建设，完成年度投资目标，确保按期竣工投产并形成实物工作量" * (1 + n % 2),
            units[n % 6],
            "、".join(units[(n + k) % 6] for k in range(1, 2 + n % 3)),
        )
        for n in range(1, 31)
    ]
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "<td></td></tr>" for row in rows)
    body = (
        "<h2>2024年县政府重点任务清单</h2><table><colgroup><col style='width:6%'><col style='width:46%'>"
        "<col style='width:13%'><col style='width:23%'><col style='width:12%'></colgroup><thead><tr><th>序号</th>"
        "<th>工作任务</th><th>牵头单位</th><th>配合单位</th><th>备注</th></tr></thead><tbody>"
        + cells
        + "</tbody></table>"
    )
    plan = parse_file(chromium_pdf(_PAGE.format(body=body), tmp_path))
    assert [(t.number, t.lead, t.cooperating) for t in plan.tasks] == [
        (int(n), [lead], coop.split("、")) for n, _, lead, coop in rows
    ]


def test_a_text_plan_whose_lists_a_page_break_and_a_line_break_cut(tmp_path: Path) -> None:
    units = ["县人力资源和社会保障局", "县发展和改革局", "县住房和城乡建设局", "县市场监督管理局", "各乡镇人民政府"]
    tasks = [(n, units[n % 5], [units[(n + k) % 5] for k in range(1, 3)]) for n in range(1, 25)]
    paragraphs = "".join(
        f"<p>{n}.推进第{n}项重点工作，完成年度目标任务，确保按期见效，形成可复制可推广的经验做法。"
        f"（牵头单位：{lead}，配合单位：{'、'.join(coop)}）</p>"
        for n, lead, coop in tasks
    )
    body = f"<h1>2024年县政府重点工作任务分解方案</h1>{paragraphs}"
    plan = parse_file(chromium_pdf(_PAGE.format(body=body).replace("12pt", "15pt"), tmp_path))
    assert [(t.number, t.lead, t.cooperating) for t in plan.tasks] == [(n, [lead], coop) for n, lead, coop in tasks]
