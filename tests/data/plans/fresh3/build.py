"""Builds the fresh3 set (issue 26: tables read by what they hold) and its hand labels (NAME.expected.json),
written and labeled before the parser changes of the parsetab branch. Run once by hand:
`python tests/data/plans/fresh3/build.py`.

Each document takes its rows, wording and units from a real plan (addresses in SOURCES.md in the folder
above); the layout is the class being measured (a cell a line between `|`, a table continued on a web page's
second page with no header, a Word table led by a person column with a role header the parser does not know,
a sheet with merged cells, a unit a row and ★ for the lead, a ruled PDF table with split header words). The
labels are what a clerk reads off the page."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests.documents import PlanLabels, chromium_pdf  # noqa: E402

LABELS = PlanLabels(HERE)


def label(name: str, title: str | None, tasks: list[tuple]) -> None:
    """tasks: (number, lead, responsible, cooperating); no title where the page shows none of its own."""
    LABELS.label(name, title or "", tasks)
    if not title:
        del LABELS.plans[name]["title"]


# 1. suining-cg-2016-cells.txt: a table copied from a web page as the page's text shows it, a cell a line
# between lines holding only `|`; the units column headed 负责部门, the deadline column 时间进度.
SUINING_ROWS = [
    ("1", "完善城市管理体制", "市委编办、市住建局、市城管局", "省出台文件后 2 个月完成"),
    ("2", "完善城市工作机制", "市住建局,各县(区)政府、市直园区管委会", "2016 年 6 底前"),
    (
        "3",
        "推进市、县、园区数字化城市管理平台建设,将城市环卫作业纳入数字化城市管理平台监管",
        "市城管局,各县(区)政府、市直园区管委会",
        "常态工作",
    ),
    (
        "4",
        "开展环境卫生设施规划编制工作",
        "市住建局、市发改委、市财政局、市环保局,各县(区)政府、市直园区管委会",
        "2016 年底前",
    ),
    (
        "5",
        "加强生活垃圾处理设施运行监管,开展排查、评估和治理工作",
        "市住建局、市环保局,各县(区)政府、市直园区管委会",
        "常态工作",
    ),
    (
        "6",
        "开展城镇生活垃圾分类试点,逐步建立健全生活垃圾分类体系",
        "市住建局、市发改委、市财政局、市商务局、市供销社,各县(区)政府、市直园区管委会",
        "2016—2017 年底前",
    ),
    (
        "7",
        "加快环境卫生设施建设",
        "市住建局、市发改委、市财政局、市环保局,各县(区)政府、市直园区管委会",
        "2016—2018 年底前",
    ),
    ("8", "防止过度包装,减少包装废弃物产生", "市质监局、市商务局,各县(区)政府、市直园区管委会", "常态工作"),
    ("9", "鼓励净菜上市,减少餐厨垃圾产量", "市商务局、市农业局,各县(区)政府、市直园区管委会", "常态工作"),
    (
        "10",
        "在宾馆和餐饮等服务行业、特别是星际宾馆,推广使用可循环利用物品,限制使用一次性用品",
        "市商务局、市旅游局,各县(区)政府、市直园区管委会",
        "常态工作",
    ),
    (
        "11",
        "抓好再生资源分拣中心和利用基地建设,推动城市生活垃圾资源回收利用",
        "市住建局、市供销社,各县(区)政府、市直园区管委会",
        "常态工作",
    ),
]
COUNTIES = ["各县（区）政府", "市直园区管委会"]


def suining() -> None:
    lines = ["附件", "重点工作任务分解", "|"]
    for row in [("序号", "工作任务", "负责部门", "时间进度"), *SUINING_ROWS]:
        lines.append("|")
        for cell in row:
            lines += [cell, "|"]
    (HERE / "suining-cg-2016-cells.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    label(
        "suining-cg-2016-cells",
        None,
        [
            (1, [], ["市委编办", "市住建局", "市城管局"], []),
            (2, [], ["市住建局", *COUNTIES], []),
            (3, [], ["市城管局", *COUNTIES], []),
            (4, [], ["市住建局", "市发改委", "市财政局", "市环保局", *COUNTIES], []),
            (5, [], ["市住建局", "市环保局", *COUNTIES], []),
            (6, [], ["市住建局", "市发改委", "市财政局", "市商务局", "市供销社", *COUNTIES], []),
            (7, [], ["市住建局", "市发改委", "市财政局", "市环保局", *COUNTIES], []),
            (8, [], ["市质监局", "市商务局", *COUNTIES], []),
            (9, [], ["市商务局", "市农业局", *COUNTIES], []),
            (10, [], ["市商务局", "市旅游局", *COUNTIES], []),
            (11, [], ["市住建局", "市供销社", *COUNTIES], []),
        ],
    )


# 2. anhui-kaohe-p2.html: the second page of a paginated article, the table continued from 11 with no header
# row: 序号 | 考评指标 | two weight columns of small numbers (some empty) | the organs the figures come from.
KAOHE_ROWS = [
    ("11", "重点产业集中度", "", "4", "省皖江办"),
    ("12", "投资强度", "", "4", "省发展改革委"),
    ("13", "土地税收产出率", "", "4", "省国土资源厅、省财政厅、<br>省发展改革委、省统计局"),
    ("14", "科技创新贡献率", "", "6", "省科技厅、省财政厅、省统计局"),
    ("15", "城镇居民人均可支配收入", "9", "5", "国家统计局安徽调查总队"),
    ("16", "农村居民人均纯收入", "9", "5", "省统计局"),
    ("17", "城镇就业新增人数", "10", "6", "省人力资源社会保障厅"),
    ("18", "建设项目环评“三同时”执行率", "", "4", "省环保厅"),
    ("19", "万元GDP综合能耗", "", "4", "省统计局"),
    ("20", "主要污染物排放总量完成情况", "", "4", "省环保厅"),
]


def kaohe() -> None:
    rows = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in KAOHE_ROWS)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>示范区10市考核评价指标体系_第2页</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/lar/">法律法规</a></div>
<div class="content"><h1>附件2：示范区10市考核评价指标体系</h1>
<p class="page">第2页</p>
<table border="1">
{rows}
</table>
<p>上一页 1 2 下一页</p></div>
<div class="footer">版权所有</div></body></html>
"""
    (HERE / "anhui-kaohe-p2.html").write_text(page, encoding="utf-8")
    label(
        "anhui-kaohe-p2",
        None,
        [
            (11, [], ["省皖江办"], []),
            (12, [], ["省发展改革委"], []),
            (13, [], ["省国土资源厅", "省财政厅", "省发展改革委", "省统计局"], []),
            (14, [], ["省科技厅", "省财政厅", "省统计局"], []),
            (15, [], ["国家统计局安徽调查总队"], []),
            (16, [], ["省统计局"], []),
            (17, [], ["省人力资源社会保障厅"], []),
            (18, [], ["省环保厅"], []),
            (19, [], ["省统计局"], []),
            (20, [], ["省环保厅"], []),
        ],
    )


# 3. lingbi-wjw-2021.docx: a Word table led by a person column (责任领导, one position merged down the table),
# the lead column 牵头责任单位 and the cooperating column 主要协作单位 (a header word the parser does not list).
LINGBI_TASKS = [
    "落实积极应对人口老龄化国家战略,加快发展健康、养老、育幼、家政等服务业,加强公益性、基础性服务业供给,推动生活性服务业向高品质和多样化升级。",
    "加强重大公共卫生安全风险源头防控,切实保障人民群众生命安全",
    "毫不放松抓好新冠肺炎疫情常态化防控工作,完善疾病预防控制体系和平战结合的疫情防控救治体系。",
    "创建国家卫生县城。",
    "树立全周期健康管理理念,推广家庭医生签约服务。补齐公共医疗卫生基础设施短板,加快建设县妇幼保健院、医疗废物集中处置中心、县疾控中心等重点项目。",
]
LINGBI_COOP = "各乡镇人民政府、经济开发区管委会,县政府有关部门、有关直属单位"


def lingbi() -> None:
    d = docx.Document()
    d.add_paragraph("县卫健委2021年政府工作报告任务分解")
    t = d.add_table(rows=1 + len(LINGBI_TASKS), cols=5)
    t.style = "Table Grid"
    for i, head in enumerate(["责任领导", "序号", "工作任务", "牵头责任单位", "主要协作单位"]):
        t.cell(0, i).text = head
    for n, text in enumerate(LINGBI_TASKS, start=1):
        t.cell(n, 1).text = str(n)
        t.cell(n, 2).text = text
        t.cell(n, 3).text = "县卫健委、县民政局" if n == 1 else "县卫健委"
        t.cell(n, 4).text = LINGBI_COOP
    t.cell(1, 0).merge(t.cell(len(LINGBI_TASKS), 0)).text = "分管副县长"
    d.add_paragraph("监督方式：0557-6031710")
    d.save(HERE / "lingbi-wjw-2021.docx")
    coop = ["各乡镇人民政府", "经济开发区管委会", "县政府有关部门", "有关直属单位"]
    label(
        "lingbi-wjw-2021",
        "县卫健委2021年政府工作报告任务分解",
        [(1, ["县卫健委", "县民政局"], [], coop)] + [(n, ["县卫健委"], [], coop) for n in range(2, 6)],
    )


# 4. guandu-wzz-2016.xlsx: a sheet with the category merged down over its measures, each measure's 序号 and
# text merged over as many rows as it has units, a unit a row (the lead marked ★, the note above the header);
# the last measure with its units in one cell.
def guandu() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.title = "Sheet1"
    s.append(["官渡区稳增长促发展若干政策措施任务分解表"])
    s.merge_cells("A1:E1")
    s.append(["注：带★的为牵头单位"])
    s.merge_cells("A2:E2")
    s.append(["类别", "序号", "政策措施", "责任单位", "备注"])
    measures = [
        (
            "一、提高投资项目审批效率",
            1,
            "精简项目审批手续。加快推进网上审批，完善行政审批网上服务大厅功能，扩大上线服务单位范围，提高行政审批效率。"
            "加快建立“中介超市”，5月底前实现我区中介超市上线运行。",
            ["★区政务服务局", "区发改局", "区审改办", "区住建局", "区级相关部门"],
        ),
        (
            None,
            2,
            "提高土地审批效率。辖区范围内6亩以下（不含6亩）的土地使用转让手续，区政府审查后办理土地登记。",
            ["★区国土分局", "区规划分局", "区级相关部门"],
        ),
        (
            None,
            3,
            "提高环评审批效率。环评文件上报审批时，只需提交水保批复（涉及水土保持项目）、滇管部门选址意见（涉及滇池流域项目）。"
            "环境影响报告表、登记表原则上由区级负责审批。",
            ["★区环保局", "区水务局", "区级相关部门"],
        ),
        (
            "二、加快推进项目建设",
            4,
            "加强项目谋划储备。编制完成官渡区三年滚动投资计划，完善“十三五”规划项目库，建立专项建设基金三年滚动项目库，"
            "建立投资项目信息化管理平台，促进投资项目科学管理。",
            ["★区发改局、区财政局、区交运局、区经贸投促局、区住建局、区水务局等部门，区国投公司、各街道办事处"],
        ),
    ]
    row = 4
    category_start = None
    for category, number, text, units in measures:
        if category:
            if category_start is not None and row - 1 > category_start:
                s.merge_cells(start_row=category_start, start_column=1, end_row=row - 1, end_column=1)
            category_start = row
            s.cell(row, 1, category)
        s.cell(row, 2, number)
        s.cell(row, 3, text)
        for k, unit in enumerate(units):
            s.cell(row + k, 4, unit)
        if len(units) > 1:
            s.merge_cells(start_row=row, start_column=2, end_row=row + len(units) - 1, end_column=2)
            s.merge_cells(start_row=row, start_column=3, end_row=row + len(units) - 1, end_column=3)
        row += len(units)
    if category_start is not None and row - 1 > category_start:
        s.merge_cells(start_row=category_start, start_column=1, end_row=row - 1, end_column=1)
    b.save(HERE / "guandu-wzz-2016.xlsx")
    label(
        "guandu-wzz-2016",
        "官渡区稳增长促发展若干政策措施任务分解表",
        [
            (1, ["区政务服务局"], ["区发改局", "区审改办", "区住建局", "区级相关部门"], []),
            (2, ["区国土分局"], ["区规划分局", "区级相关部门"], []),
            (3, ["区环保局"], ["区水务局", "区级相关部门"], []),
            (
                4,
                ["区发改局"],
                ["区财政局", "区交运局", "区经贸投促局", "区住建局", "区水务局", "区国投公司", "各街道办事处"],
                [],
            ),
        ],
    )


# 5. yuanlin-2010.pdf: a ruled table printed from a web page, header words split by a space as the page wrote
# them (责任单位 或牵头单位, 协助 单位), no 序号 column (the number opens the standard's cell), the category
# merged down, two units a space apart in one cell.
HTML_HEAD = """<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:'Noto Sans SC';font-size:13px;margin:36px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}
</style></head><body>"""


def yuanlin() -> None:
    body = """<h3 style="text-align:center">创建国家园林城市工作任务分解表</h3>
<table><tr><th>任务 内容</th><th>国家园林城市 标准或要求</th><th>工作内容及要求</th><th>责任单位 或牵头单位</th>
<th>协助 单位</th><th>完成 期限</th></tr>
<tr><td rowspan="2">生 态 环 境</td><td>1、城市大环境绿化扎实开展，效果明显，形成城郊一体的优良环境。</td>
<td>禁止开发城市周围的自然山体，保护植被；在产业带、工业园区、风景区开发时重视生态环境建设，加强农田保护，进行农村庄点绿化，形成城乡一体的优良环境。</td>
<td>市规划局</td><td>市国土资源局<br>市农牧林业局</td><td>2010年9月20日前</td></tr>
<tr><td>2、按照城市卫生、安全、防灾、环保等要求建设防护绿地，城市周边、城市功能分区交接处建有绿化隔离带，维护管理措施落实，城市热岛效应缓解，环境效益良好。</td>
<td>加强建成区防护绿地、交通岛绿地的建设及绿化带的管护，缓解城市热效应和交通压力。</td>
<td>市规划局 市建设局</td><td>有关部门</td><td>2010年9月20日前</td></tr>
</table>"""
    html = HTML_HEAD + body + "</body></html>"
    out = chromium_pdf(html, Path("/tmp/fresh3-build") / "yuanlin")
    shutil.copy(out, HERE / "yuanlin-2010.pdf")
    label(
        "yuanlin-2010",
        "创建国家园林城市工作任务分解表",
        [
            (1, ["市规划局"], [], ["市国土资源局", "市农牧林业局"]),
            (2, ["市规划局", "市建设局"], [], ["有关部门"]),
        ],
    )


def main() -> None:
    for build in (suining, kaohe, lingbi, guandu, yuanlin):
        build()
    LABELS.write()


if __name__ == "__main__":
    main()
