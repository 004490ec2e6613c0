"""Builds the second fresh-layout set: written and labeled after the layout changes of issue 26 and
before the parser read them, to measure those changes on documents they were not made for.
Run once by hand: `python tests/data/plans/fresh-layout-2/build.py`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests.documents import PlanLabels, chromium_pdf  # noqa: E402

LABELS = PlanLabels(HERE)
label = LABELS.label


def _cell_lines(cell, text: str) -> None:
    """A cell with a paragraph a line, as Word keeps a unit a line."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


# 1. suining-gcjs-2019.docx: a header over two rows (责任单位 over 牵头单位 / 配合单位, made with gridSpan and
# vMerge), units a paragraph each, a lead cell merged over three rows, a section row across.
def suining() -> None:
    d = docx.Document()
    d.add_paragraph("遂宁市工程建设项目审批制度改革任务分工")
    t = d.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    top, sub = t.rows[0].cells, t.rows[1].cells
    top[0].text, top[1].text, top[4].text = "序号", "改革任务", "完成时限"
    top[2].merge(top[3]).text = "责任单位"
    sub[2].text, sub[3].text = "牵头单位", "配合单位"
    for col in (0, 1, 4):
        text = t.cell(0, col).text
        t.cell(0, col).merge(t.cell(1, col)).text = text
    rows = [
        ("sec", "一、统一审批流程"),
        (
            "1",
            "精简审批环节，取消不合法、不合理、不必要的审批事项。",
            "市住房城乡建设局",
            "市发展改革委\n市自然资源和规划局",
            "2019年6月底前",
        ),
        ("2", "推行联合审图和联合验收，实行“多图联审”。", "", "市消防救援支队\n市人防办", "2019年6月底前"),
        (
            "3",
            "推行区域评估，由政府统一组织对压覆矿产、地震安全性等事项实行区域评估。",
            "",
            "市应急管理局",
            "2019年9月底前",
        ),
        ("sec", "二、统一信息数据平台"),
        (
            "4",
            "建设工程建设项目审批管理系统，实现与投资项目在线审批监管平台互联互通。",
            "市大数据中心",
            "市住房城乡建设局\n市发展改革委",
            "2019年6月底前",
        ),
        (
            "5",
            "建立“一张蓝图”，统筹各类规划，实现“多规合一”。",
            "市自然资源和规划局",
            "各县（区）人民政府\n市级有关部门",
            "2019年12月底前",
        ),
    ]
    first = None
    for r in rows:
        cells = t.add_row().cells
        if r[0] == "sec":
            cells[0].merge(cells[-1]).text = r[1]
            continue
        for c, v in zip(cells, r, strict=True):
            _cell_lines(c, v)
        if r[0] == "1":
            first = len(t.rows) - 1
    lead = t.cell(first, 2).merge(t.cell(first + 2, 2))
    for p in lead.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    lead.paragraphs[0].text = "市住房城乡建设局"
    d.save(HERE / "suining-gcjs-2019.docx")
    label(
        "suining-gcjs-2019",
        "遂宁市工程建设项目审批制度改革任务分工",
        [
            (1, ["市住房城乡建设局"], [], ["市发展改革委", "市自然资源和规划局"], "2019-06-30"),
            (2, ["市住房城乡建设局"], [], ["市消防救援支队", "市人防办"], "2019-06-30"),
            (3, ["市住房城乡建设局"], [], ["市应急管理局"], "2019-09-30"),
            (4, ["市大数据中心"], [], ["市住房城乡建设局", "市发展改革委"], "2019-06-30"),
            (5, ["市自然资源和规划局"], [], ["各县（区）人民政府", "市级有关部门"], "2019-12-31"),
        ],
    )


# 2. zjc-2016-mark.xlsx: one 责任单位 column whose lead is marked （牵头）, numbers as floats, a title row, a
# 备注 column, an empty hidden column between.
def zjc() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.append(["2016年县政府重点工作任务分解表"])
    s.merge_cells("A1:F1")
    s.append(["序号", "工作任务", None, "责任单位", "完成时限", "备注"])
    s.column_dimensions["C"].hidden = True
    data = [
        (1.0, "全县生产总值增长8%。", None, "县发改局（牵头）、县统计局、各乡镇", "2016年12月", None),
        (2.0, "完成固定资产投资60亿元。", None, "县发改局（牵头）、县住建局、县交通局", "2016年12月", "按月调度"),
        (3.0, "新建农村公路100公里。", None, "县交通局（牵头）、县财政局（配合）、各乡镇", "2016年10月", None),
        (4.0, "完成植树造林3万亩。", None, "县林业局（牵头）、各乡镇", "2016年5月", None),
    ]
    for r in data:
        s.append(list(r))
    b.save(HERE / "zjc-2016-mark.xlsx")
    label(
        "zjc-2016-mark",
        "2016年县政府重点工作任务分解表",
        [
            (1, ["县发改局"], ["县统计局", "各乡镇"], []),
            (2, ["县发改局"], ["县住建局", "县交通局"], []),
            (3, ["县交通局"], ["各乡镇"], ["县财政局"]),
            (4, ["县林业局"], ["各乡镇"], []),
        ],
    )


# 3. changji-sq-2023.pdf: a plan to 2025 dated 2023, tasks with ①② sub-items, the task's units on role lines
# after the sub-items, one list wrapped where its separator stood.
def changji() -> None:
    body = """<h2 style="text-align:center">昌吉州城乡社区服务体系建设实施方案<br>（2023—2025年）</h2>
<p>各县市人民政府，州人民政府各工作部门，各直属机构：</p>
<p>一、重点任务</p>
<p>（一）完善社区服务设施。</p>
<p>①新建社区综合服务设施面积不低于每百户30平方米；</p>
<p>②10月底前完成老旧社区服务设施改造提升。</p>
<p>牵头单位：州民政局</p>
<p>责任单位：州住房和城乡建设局、州自然资源局</p>
<p>各县市人民政府</p>
<p>（二）提升社区服务能力。</p>
<p>①推进社区政务通用自助服务全覆盖；</p>
<p>②12月底前每万城镇常住人口拥有社区工作者不低于25人。</p>
<p>（牵头单位：州委社会工作部；责任单位：州民政局、州人力资源和社会保障局，各县市人民政府）</p>
<p>（三）加强社区工作者队伍建设。①健全社区工作者职业体系；②开展社区工作者轮训。（牵头单位：州民政局；责任单位：州财政局，各县市人民政府）</p>
<p style="text-align:right">昌吉回族自治州人民政府办公室<br>2023年5月6日</p>"""
    html = (
        """<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:'Noto Sans SC';font-size:14px;margin:40px}</style></head><body>"""
        + body
        + "</body></html>"
    )
    out = chromium_pdf(html, Path("/tmp/fresh-layout2-build") / "changji")
    shutil.copy(out, HERE / "changji-sq-2023.pdf")
    label(
        "changji-sq-2023",
        "昌吉州城乡社区服务体系建设实施方案（2023—2025年）",
        [
            (1, ["州民政局"], ["州住房和城乡建设局", "州自然资源局", "各县市人民政府"], [], "2023-10-31"),
            (2, ["州委社会工作部"], ["州民政局", "州人力资源和社会保障局", "各县市人民政府"], [], "2023-12-31"),
            (3, ["州民政局"], ["州财政局", "各县市人民政府"], []),
        ],
        year=2023,
    )


# 4. hangzhou-qrs-2024.docx: a Word table whose leads are marked ☆ after the name, the note in the header's
# 责任单位 cell, a 序号 column, a second table after a page break with the same columns and numbering going on.
def hangzhou() -> None:
    d = docx.Document()
    d.add_paragraph("杭州市社区嵌入式服务设施建设工程任务清单")
    head = ["序号", "主要任务", "责任单位（标☆的为牵头单位）", "完成时间"]
    parts = [
        [
            ("1", "开展社区嵌入式服务设施摸底评估，建立设施清单。", "市发改委☆、市建委、市民政局", "2024年6月"),
            ("2", "编制社区嵌入式服务设施建设导则。", "市建委☆、市规划和自然资源局", "2024年9月"),
        ],
        [
            ("3", "推进老年助餐服务点建设，新增助餐点200个。", "市民政局☆、各区、县（市）政府", "2024年12月"),
            (
                "4",
                "推进托育服务设施建设，新增托位3000个。",
                "市卫生健康委☆、市教育局、各区、县（市）政府",
                "2024年12月",
            ),
        ],
    ]
    for part in parts:
        t = d.add_table(rows=1, cols=4)
        t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, head, strict=True):
            c.text = h
        for r in part:
            for c, v in zip(t.add_row().cells, r, strict=True):
                c.text = v
        br = OxmlElement("w:br")
        br.set(qn("w:type"), "page")
        d.add_paragraph()._p.append(br)
    d.save(HERE / "hangzhou-qrs-2024.docx")
    label(
        "hangzhou-qrs-2024",
        "杭州市社区嵌入式服务设施建设工程任务清单",
        [
            (1, ["市发改委"], ["市建委", "市民政局"], []),
            (2, ["市建委"], ["市规划和自然资源局"], []),
            (3, ["市民政局"], ["各区、县（市）政府"], []),
            (4, ["市卫生健康委"], ["市教育局", "各区、县（市）政府"], []),
        ],
    )


# 5. wuhan-2020-lines.txt: a portal's text: each task's role lines after it, lists wrapped where the 、 stood,
# a 配合单位 line, and one task whose parenthesis is on the next line and wraps too.
def wuhan() -> None:
    text = """2020年市《政府工作报告》确定的主要目标任务责任分解方案
市人民政府办公厅
2020年1月17日

一、主要预期目标
1.地区生产总值增长7.5%左右。
责任单位：市发展改革委
配合单位：市统计局、市经济和信息化局、市商务局
各区人民政府
2.一般公共预算收入增长5%。
责任单位：市财政局
配合单位：市税务局
二、重点工作
3.加快建设国家中心城市，推进长江新城起步区建设。
（责任单位：长江新城管理委员会；配合单位：市发展改革委、市自然资源和规划局
市住房保障和房屋管理局）
4.深化“放管服”改革，政务服务事项“一网通办”率达到90%。
责任单位：市政务服务管理局、市大数据中心
配合单位：市直有关部门、各区人民政府
"""
    (HERE / "wuhan-2020-lines.txt").write_text(text, encoding="utf-8")
    label(
        "wuhan-2020-lines",
        "2020年市《政府工作报告》确定的主要目标任务责任分解方案",
        [
            (1, [], ["市发展改革委"], ["市统计局", "市经济和信息化局", "市商务局", "各区人民政府"]),
            (2, [], ["市财政局"], ["市税务局"]),
            (3, [], ["长江新城管理委员会"], ["市发展改革委", "市自然资源和规划局", "市住房保障和房屋管理局"]),
            (4, [], ["市政务服务管理局", "市大数据中心"], ["市直有关部门", "各区人民政府"]),
        ],
    )


def main() -> None:
    for build in (suining, zjc, changji, hangzhou, wuhan):
        build()
    LABELS.write()


if __name__ == "__main__":
    main()
