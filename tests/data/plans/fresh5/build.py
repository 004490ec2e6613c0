"""Builds the fresh5 set (issue 26: tables in every format, the classes still misread on plans nobody on the
team has seen) and its hand labels (NAME.expected.json), written and labeled before the parser changes of
the parsetables branch. Run once by hand: `python tests/data/plans/fresh5/build.py`.

Each document takes its rows, wording and units from a real plan (addresses in SOURCES.md here); where the
source page showed only some rows, the rest are written in the same shape with that government's own organs.
The layout is the class being measured: a sheet with merged title, date and section rows and multi-line unit
cells; Word tables and sheets with no 序号 column; unit cells broken into lines by a narrow PDF column; a Word
table grouped by a merged lead column with numbering restarting per group; a web page's table with a long
progress column beside the units; a ruled PDF table whose rows break across pages. The labels are what a
clerk reads off the page."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import docx
import openpyxl
from docx.shared import Cm
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests.documents import PlanLabels, chromium_pdf, soffice_convert  # noqa: E402

LABELS = PlanLabels(HERE)
BUILD = Path("/tmp/fresh5-build")


def label(name: str, title: str | None, tasks: list[tuple]) -> None:
    """tasks: (number, lead, responsible, cooperating); no title where the page shows none of its own."""
    LABELS.label(name, title or "", tasks)
    if not title:
        del LABELS.plans[name]["title"]


# 1. shenyang-2026-sheet.xlsx: a sheet with a merged title row, a merged issuer-and-date row, merged section
# and sub-section rows between the tasks, and unit cells holding one unit a line (Alt+Enter).
SHENYANG_COUNTIES = "各区、县（市）政府"


def shenyang() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.title = "分工方案"
    rows: list[tuple] = [
        ("title", "2026年政府工作报告重点工作分工方案"),
        ("title", "沈阳市人民政府　　2026年1月25日"),
        ("head", "序号", "重点工作", "牵头单位", "责任单位"),
        ("title", "一、增强扩大内需主动力，全力保持经济稳步增长"),
        ("title", "（一）千方百计争取政策支持"),
        (
            "row",
            1,
            "准确把握国家政策导向、支持方向和资金投向，围绕“两重”“两新”、新型基础设施等领域，循政策谋、顺趋势谋、"
            "扬优势谋、补短板谋、依产业谋，持续做好重大项目谋划储备和政策资金争取工作。",
            "市发展改革委",
            f"市财政局\n{SHENYANG_COUNTIES}\n各开发区管委会",
        ),
        (
            "row",
            2,
            "以企业真实需求为导向，适时出台促进经济平稳健康发展的政策举措，加强预期引导，提振发展信心。",
            "市发展改革委",
            "市工业和信息化局\n市商务局",
        ),
        ("title", "（二）持续扩大有效投资"),
        (
            "row",
            3,
            "坚持项目为王，全年实施亿元以上项目1000个以上，加快推进地铁、城市更新等重大项目建设。",
            "市发展改革委",
            f"市自然资源局\n市住房城乡建设局\n{SHENYANG_COUNTIES}",
        ),
        ("title", "二、培育壮大新质生产力，加快建设现代化产业体系"),
        (
            "row",
            4,
            "实施制造业数字化转型行动，新增智能工厂和数字化车间50个，规模以上工业企业数字化改造全覆盖。",
            "市工业和信息化局",
            f"市数据局\n{SHENYANG_COUNTIES}",
        ),
        (
            "row",
            5,
            "推进航空、集成电路装备、新能源汽车等战略性新兴产业集群发展，战略性新兴产业产值增长10%。",
            "市工业和信息化局\n市发展改革委",
            "市科技局",
        ),
        (
            "row",
            6,
            "深化科技成果就地转化，技术合同成交额增长10%以上。",
            "市科技局",
            "市教育局\n市财政局",
        ),
    ]
    for r, row in enumerate(rows, start=1):
        if row[0] == "title":
            s.cell(r, 1, row[1])
            s.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        else:
            for c, value in enumerate(row[1:], start=1):
                s.cell(r, c, value).alignment = Alignment(wrap_text=True)
    b.save(HERE / "shenyang-2026-sheet.xlsx")
    label(
        "shenyang-2026-sheet",
        "2026年政府工作报告重点工作分工方案",
        [
            (1, ["市发展改革委"], ["市财政局", SHENYANG_COUNTIES, "各开发区管委会"], []),
            (2, ["市发展改革委"], ["市工业和信息化局", "市商务局"], []),
            (3, ["市发展改革委"], ["市自然资源局", "市住房城乡建设局", SHENYANG_COUNTIES], []),
            (4, ["市工业和信息化局"], ["市数据局", SHENYANG_COUNTIES], []),
            (5, ["市工业和信息化局", "市发展改革委"], ["市科技局"], []),
            (6, ["市科技局"], ["市教育局", "市财政局"], []),
        ],
    )


# 2. shenhe-2024-noxh.docx: a Word table with no 序号 column (主要工作任务 | 牵头单位 | 责任单位), the tasks'
# numbers at the head of their text, section rows merged across, a unit a paragraph in some cells.
def shenhe() -> None:
    d = docx.Document()
    d.add_paragraph("沈河区人民政府关于印发2024年政府工作报告主要工作任务分解表的通知")
    d.add_paragraph("区政府各部门，各街道办事处，各有关单位：")
    d.add_paragraph(
        "现将《2024年政府工作报告主要工作任务分解表》印发给你们，请认真对照各自承担的工作任务，细化工作目标。"
    )
    d.add_paragraph("沈河区人民政府")
    d.add_paragraph("2024年3月15日")
    d.add_paragraph("2024年政府工作报告主要工作任务分解表")
    rows = [
        ("一、优结构、谋发展，在加快构建现代化产业体系上冲在前、当先锋、作示范",),
        (
            "1.主动对接国家战略，完善“2+5+N”现代化产业体系和“18214”企业支撑体系，壮大531个支撑企业，加快形成新质生产力。",
            "区发改局",
            "区工信局、区商务局、区文旅局、区金融局、各街道办事处",
        ),
        (
            "2.大力发展新兴数字、网络安全、工业互联网、前沿新材料、航空发动机、创新药等战略性新兴产业。",
            "发改局",
            "区工信局\n各街道办事处",
        ),
        (
            "3.积极培育元宇宙、生成式人工智能、人形机器人、数字农业、现代种业等未来产业。",
            "发改局",
            "区工信局、各街道办事处",
        ),
        (
            "4.开展数字核心产业提升行动，推进数字产业金廊、中科文萃数字港、大学科技园区以及多福湾新质区建设，"
            "数字经济核心产业增加值占GDP比重达到10%。",
            "区发改局",
            "区工信局\n区投促局、多福湾工作专班",
        ),
        ("二、优环境、促改革，在打造一流营商环境上冲在前、当先锋、作示范",),
        (
            "5.深化“一网通办”改革，推进高频事项“免证办”，政务服务事项网上可办率保持100%。",
            "区营商局",
            "区数据局、各街道办事处",
        ),
        (
            "6.开展“千企万户大走访”活动，帮助企业解决融资、用工、用地等实际困难。",
            "区工信局",
            "区营商局\n区市场监管局\n各街道办事处",
        ),
    ]
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for i, head in enumerate(["主要工作任务", "牵头单位", "责任单位"]):
        t.cell(0, i).text = head
    for row in rows:
        cells = t.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[2]).text = row[0]
            continue
        for cell, value in zip(cells, row, strict=True):
            parts = value.split("\n")
            cell.text = parts[0]
            for part in parts[1:]:
                cell.add_paragraph(part)
    d.save(HERE / "shenhe-2024-noxh.docx")
    label(
        "shenhe-2024-noxh",
        "2024年政府工作报告主要工作任务分解表",
        [
            (1, ["区发改局"], ["区工信局", "区商务局", "区文旅局", "区金融局", "各街道办事处"], []),
            (2, ["发改局"], ["区工信局", "各街道办事处"], []),
            (3, ["发改局"], ["区工信局", "各街道办事处"], []),
            (4, ["区发改局"], ["区工信局", "区投促局", "多福湾工作专班"], []),
            (5, ["区营商局"], ["区数据局", "各街道办事处"], []),
            (6, ["区工信局"], ["区营商局", "区市场监管局", "各街道办事处"], []),
        ],
    )


# 3. liaoning-2024-noxh.xlsx: a sheet with no 序号 column and no numbers in the text: the targets, a person
# column (牵头领导), 牵头单位 and 责任单位; a merged title row and a merged section row.
def liaoning() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.append(["2024年省《政府工作报告》重点工作分工方案"])
    s.merge_cells("A1:D1")
    s.append(["主要预期目标", "牵头领导", "牵头单位", "责任单位"])
    s.append(["一、今年全省经济社会发展的主要预期目标"])
    s.merge_cells("A3:D3")
    cities = "各市人民政府，省沈抚示范区管委会"
    rows = [
        (
            "地区生产总值增长5.5%左右。",
            "王　健",
            "省发展改革委",
            f"省工业和信息化厅、省农业农村厅、省商务厅等，{cities}",
        ),
        ("一般公共预算收入增长5%。", "王　健", "省财政厅", f"省税务局等，{cities}"),
        (
            "规模以上工业增加值增长5.5%。",
            "王利波",
            "省工业和信息化厅",
            f"省委军民融合办、省发展改革委、省农业农村厅、省国资委等，{cities}",
        ),
        (
            "固定资产投资增长10%。",
            "王　健",
            "省发展改革委",
            f"省工业和信息化厅、省农业农村厅、省商务厅、省国资委等，{cities}",
        ),
        ("城镇新增就业45万人以上。", "姜有为", "省人力资源社会保障厅", f"省教育厅、省财政厅等，{cities}"),
    ]
    for row in rows:
        s.append(list(row))
    b.save(HERE / "liaoning-2024-noxh.xlsx")
    c = ["各市人民政府", "省沈抚示范区管委会"]
    label(
        "liaoning-2024-noxh",
        "2024年省《政府工作报告》重点工作分工方案",
        [
            (1, ["省发展改革委"], ["省工业和信息化厅", "省农业农村厅", "省商务厅", *c], []),
            (2, ["省财政厅"], ["省税务局", *c], []),
            (3, ["省工业和信息化厅"], ["省委军民融合办", "省发展改革委", "省农业农村厅", "省国资委", *c], []),
            (4, ["省发展改革委"], ["省工业和信息化厅", "省农业农村厅", "省商务厅", "省国资委", *c], []),
            (5, ["省人力资源社会保障厅"], ["省教育厅", "省财政厅", *c], []),
        ],
    )


HTML_HEAD = """<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:'Noto Sans SC';font-size:13px;margin:36px}
table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border:1px solid #000;padding:4px;vertical-align:top}
</style></head><body>"""


# 4. nanling-2024-narrow.pdf: a ruled table printed from the portal's page with narrow unit columns, so that
# a unit's name is broken into lines of two or three characters (县人力资 / 源和社会 / 保障局), while a cell
# listing a unit a line keeps its units apart; numbering starts at 80, as on the page.
def nanling() -> None:
    rows = [
        (
            80,
            "积极回应群众新期待新要求，加大普惠性托育供给，新增托位数400个以上，公办园在园幼儿占比60%以上。"
            "实施中小学办学能力提升工程，推动义务教育优质均衡发展。",
            "俞　悦",
            "县教育局",
            "县各有关单位",
        ),
        (
            81,
            "保障芜职院现代物流智造学院秋季开学，支持芜湖科技工程学校发展，探索职业教育赋能区域发展路径。",
            "陆　明<br>俞　悦",
            "县教育局",
            "县各有关单位",
        ),
        (
            82,
            "实施全民参保计划，城乡居民基本医疗保险参保率稳定在95%以上。",
            "俞　悦",
            "县医疗保障局",
            "县人力资源和社会保障局<br>县税务局",
        ),
        (
            83,
            "新增城镇就业3000人以上，城镇登记失业率控制在4%以内。",
            "俞　悦",
            "县人力资源和社会保障局",
            "各乡镇人民政府",
        ),
        (
            84,
            "推进县医院提标扩能，建成县域医共体信息平台。",
            "俞　悦",
            "县卫生健康委员会",
            "县发展和改革委员会<br>县财政局",
        ),
        (
            85,
            "开展政务服务“一网通办”提质行动，县级政务服务事项全程网办率达到90%以上。",
            "陆　明",
            "县政府办公室",
            "县数据资源管理局",
        ),
    ]
    cells = "\n".join(
        f"<tr><td>{n}</td><td>{text}</td><td>{person}</td><td>{lead}</td><td>{units}</td></tr>"
        for n, text, person, lead, units in rows
    )
    body = f"""<p>附件</p><h3 style="text-align:center">2024年《政府工作报告》重点工作目标任务分解表</h3>
<table><colgroup><col style="width:7%"><col style="width:63%"><col style="width:10%"><col style="width:9%"><col style="width:11%"></colgroup>
<tr><th>序号</th><th>目标与任务</th><th>分管县领导</th><th>牵头责任单位</th><th>责任单位</th></tr>
{cells}
</table>"""
    out = chromium_pdf(HTML_HEAD + body + "</body></html>", BUILD / "nanling")
    shutil.copy(out, HERE / "nanling-2024-narrow.pdf")
    label(
        "nanling-2024-narrow",
        "2024年《政府工作报告》重点工作目标任务分解表",
        [
            (80, ["县教育局"], ["县各有关单位"], []),
            (81, ["县教育局"], ["县各有关单位"], []),
            (82, ["县医疗保障局"], ["县人力资源和社会保障局", "县税务局"], []),
            (83, ["县人力资源和社会保障局"], ["各乡镇人民政府"], []),
            (84, ["县卫生健康委员会"], ["县发展和改革委员会", "县财政局"], []),
            (85, ["县政府办公室"], ["县数据资源管理局"], []),
        ],
    )


# 5. liaozhong-2024-bylead.docx: a Word table grouped by lead unit: the 牵头单位 column merged down over its
# group, the numbering starting again at 1 in each group; 配合单位 and 责任领导 beside.
LIAOZHONG = {
    "t1": "加快构建具有辽中特色的现代化产业体系，聚焦农产品精深加工产业，加快推进肉鸡、肉牛、淡水鱼全产业链规划布局和对外招商，"
    "实现三产融合发展。",
    "t2": "加快安徽节源、沈发废弃油脂等在建项目的建设进度，推动韩国废旧光伏板拆解、中科凌胜等签约项目的开工建设。",
    "t3": "推动胜达再生塑料、敏实铝循环利用等一批项目的签约落地，打造再生资源产业集群。",
    "t4": "聚焦装备制造及配套产业，扶持远程摩擦、昌盛电气、银丰铸造等一批重点增资项目扩产，带动区域内装备制造及配套企业提档升级。",
    "t5": "聚焦保税加工和现代物流产业，大力发展“保税+”新业态，促进外贸业态融合和贸易产业融合，推动长燊科技集成电路生产线建设，"
    "加快白俄罗斯乳制品等项目的建设进度。",
}
TOWNS = "各镇政府（街道办事处）"


def liaozhong_bylead() -> None:
    d = docx.Document()
    d.add_paragraph("2024年政府工作报告主要工作任务分解表（按牵头单位）")
    groups = [
        (
            "区农业农村局",
            [
                (LIAOZHONG["t1"], "区发展改革局、区工业和信息化局、沈阳近海经济区管委会", ""),
                (
                    "实施高标准农田建设工程，新建高标准农田5万亩，粮食总产稳定在25亿斤以上。",
                    f"区财政局、自然资源分局、{TOWNS}",
                    "",
                ),
            ],
        ),
        (
            "沈阳近海经济区管委会",
            [
                (LIAOZHONG["t2"], "自然资源分局、生态环境分局、区发展改革局", "冯冬昌"),
                (LIAOZHONG["t3"], "自然资源分局、生态环境分局、区发展改革局", "冯冬昌"),
            ],
        ),
        (
            "区工业和信息化局",
            [
                (LIAOZHONG["t4"], f"沈阳近海经济区管委会、{TOWNS}", "冯冬昌"),
                ("实施工业企业技术改造提升行动，全年工业技改投资增长10%以上。", "区发展改革局、区财政局", "冯冬昌"),
            ],
        ),
    ]
    count = sum(len(g[1]) for g in groups)
    t = d.add_table(rows=1 + count, cols=5)
    t.style = "Table Grid"
    for i, head in enumerate(["牵头单位", "序号", "主要工作举措", "配合单位", "责任领导"]):
        t.cell(0, i).text = head
    r = 1
    for lead, tasks in groups:
        start = r
        for n, (text, coop, person) in enumerate(tasks, start=1):
            t.cell(r, 1).text = str(n)
            t.cell(r, 2).text = text
            t.cell(r, 3).text = coop
            t.cell(r, 4).text = person
            r += 1
        t.cell(start, 0).merge(t.cell(r - 1, 0)).text = lead
    d.save(HERE / "liaozhong-2024-bylead.docx")
    label(
        "liaozhong-2024-bylead",
        "2024年政府工作报告主要工作任务分解表（按牵头单位）",
        [
            (1, ["区农业农村局"], [], ["区发展改革局", "区工业和信息化局", "沈阳近海经济区管委会"]),
            (2, ["区农业农村局"], [], ["区财政局", "自然资源分局", TOWNS]),
            (3, ["沈阳近海经济区管委会"], [], ["自然资源分局", "生态环境分局", "区发展改革局"]),
            (4, ["沈阳近海经济区管委会"], [], ["自然资源分局", "生态环境分局", "区发展改革局"]),
            (5, ["区工业和信息化局"], [], ["沈阳近海经济区管委会", TOWNS]),
            (6, ["区工业和信息化局"], [], ["区发展改革局", "区财政局"]),
        ],
    )


# 6. shaoxing-2020-progress.html: the portal's page as saved from a browser: 序号 | 内容与要求 | 进展情况 |
# 责任单位, the progress column long text that names organs of its own, beside the unit column.
def shaoxing() -> None:
    rows = [
        (
            1,
            "坚持“稳开稳走，提质提效”的总体态势，加强季度、月度数据监测，确保地区生产总值增长7%左右。",
            "从1-2月主要经济指标完成情况看，金融机构存贷款余额、保费收入等错月指标实现正增长，其他指标增速虽有不同程度回落，"
            "但在全省排名靠前，如规上工业增加值全省第2，建安投资全省第1。",
            "市发改委",
        ),
        (
            2,
            "持续推进重大项目攻坚，确保有效投资增长高于经济增长、4个结构性指标均实现10%以上增长，市县长项目落地率50%以上。",
            "1-2月，全市固定资产投资同比下降12.7%，高于全省平均水平1.7个百分点，居全省第6位。市县长项目目前已安排36个项目，"
            "总投资882.1亿元。",
            "市发改委",
        ),
        (
            3,
            "聚焦重点领域编制培育发展新兴产业新三年行动计划，力争规上工业中四大新兴产业增加值占比提升至44%。",
            "启动培育发展新兴产业研究报告招投标相关前期工作；1-2月，战略性新兴产业增加值占规上工业增加值比重为46.3%；",
            "市发改委<br>市经信局",
        ),
        (
            4,
            "深化“最多跑一次”改革，企业开办全流程1个工作日内办结。",
            "市市场监管局会同市跑改办、市税务局推行企业开办“一件事”，已实现全流程0.5个工作日办结。",
            "市市场监管局、市跑改办",
        ),
        (
            5,
            "新建、改扩建城乡公办幼儿园15所，新增学位4500个。",
            "市教育局会同各区、县（市）政府已开工建设9所，完成投资1.2亿元，其余6所完成前期工作。",
            "市教育局",
        ),
    ]
    cells = "\n".join(
        f"<tr><td><p>{n}</p></td><td><p>{a}</p></td><td><p>{b}</p></td><td><p>{c}</p></td></tr>" for n, a, b, c in rows
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>市政府2020年重点工作（预下达）一季度进展情况表</title></head>
<body><div class="top"><a href="/">首页</a> &gt; <a href="/col/gk">政务公开</a> &gt; 工作报告</div>
<div class="article"><h1>市政府2020年重点工作（预下达）一季度进展情况表</h1>
<div class="info">发布日期：2020-05-14 09:44 浏览次数： 字体：[ 大 中 小 ] 分享：</div>
<table border="1" cellspacing="0">
<tr><td><p>序号</p></td><td><p>内容与要求</p></td><td><p>进展情况</p></td><td><p>责任单位</p></td></tr>
{cells}
</table></div>
<div class="foot">主办单位：绍兴市人民政府办公室</div></body></html>
"""
    (HERE / "shaoxing-2020-progress.html").write_text(page, encoding="utf-8")
    label(
        "shaoxing-2020-progress",
        "市政府2020年重点工作（预下达）一季度进展情况表",
        [
            (1, [], ["市发改委"], []),
            (2, [], ["市发改委"], []),
            (3, [], ["市发改委", "市经信局"], []),
            (4, [], ["市市场监管局", "市跑改办"], []),
            (5, [], ["市教育局"], []),
        ],
    )


# 7. liaozhong-2024-pages.pdf: the district's Word table saved as PDF (by LibreOffice, as an office exports it): 序号 | 主要工作举措 | 牵头单位 | 配合单位 |
# 责任领导, section rows across, long rows, so that rows break over the pages (a row's text, and its units,
# continued at the top of the next page).
def liaozhong_pages() -> None:
    long = (
        "坚持规划引领，统筹推进项目谋划、要素保障、招商引资和建设运营，完善项目全生命周期服务机制，"
        "建立重点项目“一项目一专班”推进制度，定期调度项目进展，及时协调解决用地、用能、资金、审批等方面的困难和问题，"
        "确保项目早开工、早投产、早见效。"
    )
    rows = [
        ("一、做大做强主导产业",),
        ("1", LIAOZHONG["t1"] + long, "区农业农村局", "区发展改革局、区工业和信息化局、沈阳近海经济区管委会", ""),
        ("2", LIAOZHONG["t2"] + long, "沈阳近海经济区管委会", "自然资源分局、生态环境分局、区发展改革局", "冯冬昌"),
        ("3", LIAOZHONG["t3"] + long, "沈阳近海经济区管委会", "自然资源分局、生态环境分局、区发展改革局", "冯冬昌"),
        ("4", LIAOZHONG["t4"] + long, "区工业和信息化局", f"沈阳近海经济区管委会、{TOWNS}", "冯冬昌"),
        ("5", LIAOZHONG["t5"] + long, "沈阳近海经济区管委会", "区商务局、区发展改革局、沈阳海关驻辽中办事处", "冯冬昌"),
        ("二、持续优化营商环境",),
        (
            "6",
            "深化“放管服”改革，推进政务服务“一网通办”“一件事一次办”，企业开办时间压缩至1个工作日以内。" + long,
            "区营商局",
            "区市场监管局、区数据局、各镇政府（街道办事处）",
            "",
        ),
        (
            "7",
            "开展“万人进万企”活动，常态化走访服务企业，帮助企业解决融资、用工、用地等实际困难。" + long,
            "区工业和信息化局",
            "区营商局、区财政局、区人力资源社会保障局",
            "",
        ),
        (
            "8",
            "全面落实减税降费政策，规范涉企收费，严禁乱收费、乱罚款、乱摊派。" + long,
            "区财政局",
            "区税务局、区市场监管局",
            "",
        ),
    ]
    d = docx.Document()
    d.add_paragraph("2024年政府工作报告主要工作任务分解表")
    t = d.add_table(rows=1, cols=5)
    t.style = "Table Grid"
    for i, head in enumerate(["序号", "主要工作举措", "牵头单位", "配合单位", "责任领导"]):
        t.cell(0, i).text = head
    for row in rows:
        cells = t.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[4]).text = row[0]
            continue
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    widths = [Cm(1.2), Cm(9.0), Cm(2.2), Cm(3.0), Cm(1.6)]
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    source = BUILD / "pages" / "liaozhong-2024-pages.docx"
    source.parent.mkdir(parents=True, exist_ok=True)
    d.save(source)
    out = soffice_convert(source, "pdf", BUILD / "pages")
    shutil.copy(out, HERE / "liaozhong-2024-pages.pdf")
    label(
        "liaozhong-2024-pages",
        "2024年政府工作报告主要工作任务分解表",
        [
            (1, ["区农业农村局"], [], ["区发展改革局", "区工业和信息化局", "沈阳近海经济区管委会"]),
            (2, ["沈阳近海经济区管委会"], [], ["自然资源分局", "生态环境分局", "区发展改革局"]),
            (3, ["沈阳近海经济区管委会"], [], ["自然资源分局", "生态环境分局", "区发展改革局"]),
            (4, ["区工业和信息化局"], [], ["沈阳近海经济区管委会", TOWNS]),
            (5, ["沈阳近海经济区管委会"], [], ["区商务局", "区发展改革局", "沈阳海关驻辽中办事处"]),
            (6, ["区营商局"], [], ["区市场监管局", "区数据局", TOWNS]),
            (7, ["区工业和信息化局"], [], ["区营商局", "区财政局", "区人力资源社会保障局"]),
            (8, ["区财政局"], [], ["区税务局", "区市场监管局"]),
        ],
    )


# Second part, written and labeled after the first seven read 42/42 as found, and before any parser change:
# the same classes in the shapes offices publish them that the first part did not reach.


# 8. nanling-2024-lines.html: the same table as a web page saved from a document converted out of a PDF: each
# printed line of a narrow unit cell is a paragraph of its own (县人力资 / 源和社会 / 保障局), and a cell listing
# a unit a line has its units broken the same way (县发展和改 / 革委员会 / 县财政局).
def nanling_lines() -> None:
    rows = [
        (
            80,
            "积极回应群众新期待新要求，加大普惠性托育供给，新增托位数400个以上。",
            ["俞　悦"],
            ["县教育局"],
            ["县各有关", "单位"],
        ),
        (
            82,
            "实施全民参保计划，城乡居民基本医疗保险参保率稳定在95%以上。",
            ["俞　悦"],
            ["县医疗保", "障局"],
            ["县人力资", "源和社会", "保障局", "县税务局"],
        ),
        (
            83,
            "新增城镇就业3000人以上，城镇登记失业率控制在4%以内。",
            ["俞　悦"],
            ["县人力资", "源和社会", "保障局"],
            ["各乡镇人", "民政府"],
        ),
        (
            84,
            "推进县医院提标扩能，建成县域医共体信息平台。",
            ["俞　悦"],
            ["县卫生健", "康委员会"],
            ["县发展和改", "革委员会", "县财政局"],
        ),
        (
            85,
            "开展政务服务“一网通办”提质行动，县级政务服务事项全程网办率达到90%以上。",
            ["陆　明"],
            ["县政府", "办公室"],
            ["县数据资", "源管理局"],
        ),
        (
            86,
            "深化“放管服”改革，企业开办全流程1个工作日内办结。",
            ["陆　明"],
            ["县市场监", "管局"],
            ["县数据资源管理局", "县税务局"],
        ),
    ]

    def ps(lines: list[str]) -> str:
        return "".join(f'<p class="MsoNormal" align="center"><span>{x}</span></p>' for x in lines)

    cells = "\n".join(
        f"<tr><td>{ps([str(n)])}</td><td>{ps([text])}</td><td>{ps(person)}</td><td>{ps(lead)}</td><td>{ps(units)}</td></tr>"
        for n, text, person, lead, units in rows
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>2024年《政府工作报告》重点工作目标任务分解表</title></head>
<body><div class="nav">首页 &gt; 信息公开 &gt; 政府工作报告</div><div class="content">
<p align="center"><b>2024年《政府工作报告》重点工作目标任务分解表</b></p>
<table border="1" cellspacing="0" cellpadding="0">
<tr><td>{ps(["序号"])}</td><td>{ps(["目标与任务"])}</td><td>{ps(["分管", "县领导"])}</td><td>{ps(["牵头责", "任单位"])}</td><td>{ps(["责任", "单位"])}</td></tr>
{cells}
</table></div><div class="footer">南陵县人民政府办公室主办</div></body></html>
"""
    (HERE / "nanling-2024-lines.html").write_text(page, encoding="utf-8")
    label(
        "nanling-2024-lines",
        "2024年《政府工作报告》重点工作目标任务分解表",
        [
            (80, ["县教育局"], ["县各有关单位"], []),
            (82, ["县医疗保障局"], ["县人力资源和社会保障局", "县税务局"], []),
            (83, ["县人力资源和社会保障局"], ["各乡镇人民政府"], []),
            (84, ["县卫生健康委员会"], ["县发展和改革委员会", "县财政局"], []),
            (85, ["县政府办公室"], ["县数据资源管理局"], []),
            (86, ["县市场监管局"], ["县数据资源管理局", "县税务局"], []),
        ],
    )


# 9. shenyang-2026-lines.docx: the 沈阳 table in a Word document converted from its PDF: every printed line of
# a cell a paragraph (市发展 / 改革委; 市工业和 / 信息化局 / 市商务局), section rows merged across.
def shenyang_lines() -> None:
    d = docx.Document()
    d.add_paragraph("2026年政府工作报告重点工作分工方案")
    rows = [
        ("一、增强扩大内需主动力，全力保持经济稳步增长",),
        (
            "1",
            "准确把握国家政策导向、支持方向和资金投向，持续做好重大项目谋划储备和政策资金争取工作。",
            ["市发展", "改革委"],
            ["市财政局", "各区、县", "（市）政府"],
        ),
        (
            "2",
            "以企业真实需求为导向，适时出台促进经济平稳健康发展的政策举措。",
            ["市发展", "改革委"],
            ["市工业和", "信息化局", "市商务局"],
        ),
        (
            "3",
            "坚持项目为王，全年实施亿元以上项目1000个以上。",
            ["市发展", "改革委"],
            ["市自然资", "源局", "市住房城", "乡建设局"],
        ),
        ("二、培育壮大新质生产力，加快建设现代化产业体系",),
        ("4", "实施制造业数字化转型行动，新增智能工厂和数字化车间50个。", ["市工业和", "信息化局"], ["市数据局"]),
        (
            "5",
            "推进政务服务“高效办成一件事”，企业和群众办事满意度保持在98%以上。",
            ["市政", "府办", "公厅"],
            ["市营商局", "市数据局"],
        ),
    ]
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, head in enumerate(["序号", "重点工作", "牵头单位", "责任单位"]):
        t.cell(0, i).text = head
    for row in rows:
        cells = t.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[3]).text = row[0]
            continue
        cells[0].text, cells[1].text = row[0], row[1]
        for cell, lines in zip(cells[2:], row[2:], strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    d.save(HERE / "shenyang-2026-lines.docx")
    label(
        "shenyang-2026-lines",
        "2026年政府工作报告重点工作分工方案",
        [
            (1, ["市发展改革委"], ["市财政局", SHENYANG_COUNTIES], []),
            (2, ["市发展改革委"], ["市工业和信息化局", "市商务局"], []),
            (3, ["市发展改革委"], ["市自然资源局", "市住房城乡建设局"], []),
            (4, ["市工业和信息化局"], ["市数据局"], []),
            (5, ["市政府办公厅"], ["市营商局", "市数据局"], []),
        ],
    )


# 10. shenyang-2026-cn.xlsx: the sheet as many offices keep it: the section rows not merged but written as
# 一 in the 序号 column and the section's name in the task column, header cells broken in two (牵头 / 单位),
# a 完成时限 column of dates, a note row under the table.
def shenyang_cn() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.append(["附件"])
    s.append(["2026年政府工作报告重点工作分工方案"])
    s.merge_cells("A2:E2")
    s.append(["序号", "重点工作", "牵头\n单位", "责任\n单位", "完成\n时限"])
    rows = [
        ("一", "增强扩大内需主动力，全力保持经济稳步增长", "", "", ""),
        (
            1,
            "准确把握国家政策导向、支持方向和资金投向，持续做好重大项目谋划储备和政策资金争取工作。",
            "市发展改革委",
            f"市财政局\n{SHENYANG_COUNTIES}",
            "2026年12月底前",
        ),
        (
            2,
            "以企业真实需求为导向，适时出台促进经济平稳健康发展的政策举措。",
            "市发展改革委",
            "市工业和信息化局、市商务局",
            "2026年6月底前",
        ),
        ("二", "培育壮大新质生产力，加快建设现代化产业体系", "", "", ""),
        (
            3,
            "实施制造业数字化转型行动，新增智能工厂和数字化车间50个。",
            "市工业和信息化局",
            f"市数据局\n{SHENYANG_COUNTIES}",
            "2026年12月底前",
        ),
        (
            4,
            "推进航空、集成电路装备、新能源汽车等战略性新兴产业集群发展。",
            "市工业和信息化局\n市发展改革委",
            "市科技局",
            "2026年12月底前",
        ),
        ("三", "持续深化改革开放，全面优化营商环境", "", "", ""),
        (
            5,
            "推进政务服务“高效办成一件事”，企业和群众办事满意度保持在98%以上。",
            "市政府办公厅",
            "市营商局\n市数据局",
            "2026年12月底前",
        ),
    ]
    for row in rows:
        s.append(list(row))
    s.append(["注：各牵头单位于每季度末将进展情况报市政府督查室。"])
    s.merge_cells(start_row=s.max_row, start_column=1, end_row=s.max_row, end_column=5)
    b.save(HERE / "shenyang-2026-cn.xlsx")
    label(
        "shenyang-2026-cn",
        "2026年政府工作报告重点工作分工方案",
        [
            (1, ["市发展改革委"], ["市财政局", SHENYANG_COUNTIES], []),
            (2, ["市发展改革委"], ["市工业和信息化局", "市商务局"], []),
            (3, ["市工业和信息化局"], ["市数据局", SHENYANG_COUNTIES], []),
            (4, ["市工业和信息化局", "市发展改革委"], ["市科技局"], []),
            (5, ["市政府办公厅"], ["市营商局", "市数据局"], []),
        ],
    )


# 11. shaoxing-2020-targets.html: a web page's table 序号 | 重点任务 | 任务目标 | 责任单位 | 完成时限 whose 任务目标
# cells are short and one spans two tasks (rowspan), as is the unit cell of two others.
def shaoxing_targets() -> None:
    body = """<table border="1" cellspacing="0">
<tr><th>序号</th><th>重点任务</th><th>任务目标</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>加强季度、月度经济数据监测分析，坚持“稳开稳走，提质提效”的总体态势。</td><td>地区生产总值增长7%左右</td><td>市发改委</td><td>2020年12月</td></tr>
<tr><td>2</td><td>持续推进重大项目攻坚，加快市县长项目落地。</td><td rowspan="2">有效投资增长高于经济增长，市县长项目落地率50%以上</td><td>市发改委</td><td>2020年12月</td></tr>
<tr><td>3</td><td>加快重大产业项目招引，推进“双招双引”。</td><td>市商务局<br>市投资促进中心</td><td>2020年12月</td></tr>
<tr><td>4</td><td>深化“最多跑一次”改革，推行企业开办“一件事”。</td><td>企业开办全流程1个工作日内办结</td><td rowspan="2">市市场监管局<br>市跑改办</td><td>2020年6月</td></tr>
<tr><td>5</td><td>推进工程建设项目审批制度改革。</td><td>审批时间压减至80个工作日以内</td><td>2020年9月</td></tr>
<tr><td>6</td><td>新建、改扩建城乡公办幼儿园。</td><td>新建、改扩建15所，新增学位4500个</td><td>市教育局</td><td>2020年12月</td></tr>
</table>"""
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>市政府2020年重点工作任务分解表</title></head>
<body><div class="top"><a href="/">首页</a> &gt; 政务公开</div>
<div class="article"><h1>市政府2020年重点工作任务分解表</h1>{body}</div>
<div class="foot">主办单位：绍兴市人民政府办公室</div></body></html>
"""
    (HERE / "shaoxing-2020-targets.html").write_text(page, encoding="utf-8")
    label(
        "shaoxing-2020-targets",
        "市政府2020年重点工作任务分解表",
        [
            (1, [], ["市发改委"], []),
            (2, [], ["市发改委"], []),
            (3, [], ["市商务局", "市投资促进中心"], []),
            (4, [], ["市市场监管局", "市跑改办"], []),
            (5, [], ["市市场监管局", "市跑改办"], []),
            (6, [], ["市教育局"], []),
        ],
    )


# Third part, written and labeled after the parser changes for the second (fresh5 64/64), before reading these:
# the same classes in further shapes, to see whether the changes hold beyond the documents they were made for.


# 12. gaotang-2024-noxh.xlsx: 类别 | 任务内容 | 牵头领导 | 责任单位, the shape 高唐县's 2024 分工方案 is published in
# (no 序号 column; its 解读 names the four columns): 类别 merged down over its tasks, no numbers anywhere.
def gaotang() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.append(["2024年政府工作报告目标任务分工方案"])
    s.merge_cells("A1:D1")
    s.append(["类别", "任务内容", "牵头领导", "责任单位"])
    groups = [
        (
            "经济发展",
            [
                ("全年地区生产总值增长6%左右，一般公共预算收入增长5%。", "王　刚", "县发展和改革局\n县财政局"),
                ("实施重点项目60个以上，完成投资120亿元。", "王　刚", "县发展和改革局"),
                ("新增规模以上工业企业20家，规上工业增加值增长8%。", "李　明", "县工业和信息化局"),
            ],
        ),
        (
            "民生保障",
            [
                ("城镇新增就业3500人，城镇调查失业率控制在5.5%以内。", "张　华", "县人力资源和社会保障局"),
                ("新建改扩建中小学、幼儿园6所，新增学位3000个。", "张　华", "县教育和体育局\n各镇（街道）"),
                ("提升县人民医院服务能力，创建三级综合医院。", "张　华", "县卫生健康局"),
            ],
        ),
    ]
    row = 3
    for category, tasks in groups:
        start = row
        for text, person, units in tasks:
            s.cell(row, 2, text)
            s.cell(row, 3, person)
            s.cell(row, 4, units).alignment = Alignment(wrap_text=True)
            row += 1
        s.cell(start, 1, category)
        s.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
    b.save(HERE / "gaotang-2024-noxh.xlsx")
    label(
        "gaotang-2024-noxh",
        "2024年政府工作报告目标任务分工方案",
        [
            (1, [], ["县发展和改革局", "县财政局"], []),
            (2, [], ["县发展和改革局"], []),
            (3, [], ["县工业和信息化局"], []),
            (4, [], ["县人力资源和社会保障局"], []),
            (5, [], ["县教育和体育局", "各镇（街道）"], []),
            (6, [], ["县卫生健康局"], []),
        ],
    )


# 13. liaozhong-2024-bylead-sheet.xlsx: the table grouped by unit in a sheet: 责任单位 merged down over its group first,
# 序号 starting again at 1 in each group, then the measure and 完成时限.
def liaozhong_bylead_sheet() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.append(["2024年政府工作报告主要工作任务分解表"])
    s.merge_cells("A1:D1")
    s.append(["责任单位", "序号", "主要工作举措", "完成时限"])
    groups = [
        ("沈阳近海经济区管委会", [(LIAOZHONG["t2"], "2024年12月底"), (LIAOZHONG["t3"], "2024年10月底")]),
        ("区工业和信息化局", [(LIAOZHONG["t4"], "2024年12月底")]),
        (
            "区商务局",
            [(LIAOZHONG["t5"], "2024年12月底"), ("举办各类促消费活动20场以上，社会消费品零售总额增长7%。", "全年")],
        ),
    ]
    row = 3
    for unit, tasks in groups:
        start = row
        for n, (text, due) in enumerate(tasks, start=1):
            s.cell(row, 2, n)
            s.cell(row, 3, text)
            s.cell(row, 4, due)
            row += 1
        s.cell(start, 1, unit)
        if row - 1 > start:
            s.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
    b.save(HERE / "liaozhong-2024-bylead-sheet.xlsx")
    label(
        "liaozhong-2024-bylead-sheet",
        "2024年政府工作报告主要工作任务分解表",
        [
            (1, [], ["沈阳近海经济区管委会"], []),
            (2, [], ["沈阳近海经济区管委会"], []),
            (3, [], ["区工业和信息化局"], []),
            (4, [], ["区商务局"], []),
            (5, [], ["区商务局"], []),
        ],
    )


# 14. shaoxing-2020-twohead.html: a web page's table with a header over two rows (责任单位 spanning 牵头单位 and
# 配合单位, the other header cells spanning both rows) and a 任务目标 column beside the units.
def shaoxing_twohead() -> None:
    body = """<table border="1" cellspacing="0"><tbody>
<tr><td rowspan="2">序号</td><td rowspan="2">重点任务</td><td rowspan="2">任务目标</td><td colspan="2">责任单位</td><td rowspan="2">完成时限</td></tr>
<tr><td>牵头单位</td><td>配合单位</td></tr>
<tr><td>1</td><td>持续推进重大项目攻坚，加快市县长项目落地。</td><td>市县长项目落地率50%以上</td><td>市发改委</td><td>各区、县（市）政府</td><td>2020年12月</td></tr>
<tr><td>2</td><td>深化“最多跑一次”改革，推行企业开办“一件事”。</td><td>企业开办全流程1个工作日内办结</td><td>市市场监管局</td><td>市跑改办<br>市税务局</td><td>2020年6月</td></tr>
<tr><td>3</td><td>新建、改扩建城乡公办幼儿园。</td><td>新增学位4500个</td><td>市教育局</td><td>市发改委、市财政局</td><td>2020年12月</td></tr>
<tr><td>4</td><td>推进城市有机更新，改造老旧小区。</td><td>改造老旧小区100个</td><td>市住建局</td><td>各区、县（市）政府</td><td>2020年12月</td></tr>
</tbody></table>"""
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>市政府2020年重点工作任务分解表</title></head>
<body><div class="top"><a href="/">首页</a> &gt; 政务公开</div>
<div class="article"><h1>市政府2020年重点工作任务分解表</h1>{body}</div>
<div class="foot">主办单位：绍兴市人民政府办公室</div></body></html>
"""
    (HERE / "shaoxing-2020-twohead.html").write_text(page, encoding="utf-8")
    counties = "各区、县（市）政府"
    label(
        "shaoxing-2020-twohead",
        "市政府2020年重点工作任务分解表",
        [
            (1, ["市发改委"], [], [counties]),
            (2, ["市市场监管局"], [], ["市跑改办", "市税务局"]),
            (3, ["市教育局"], [], ["市发改委", "市财政局"]),
            (4, ["市住建局"], [], [counties]),
        ],
    )


# 15. liaozhong-2024-pages2.pdf: the Word table saved as PDF with its header row repeated on every page and the
# page number in the footer, a row broken over the page (its measures and its 配合单位 list continued).
def liaozhong_pages2() -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    long = (
        "建立重点项目“一项目一专班”推进制度，定期调度项目进展，及时协调解决用地、用能、资金、审批等方面的困难和问题，"
        "确保项目早开工、早投产、早见效。"
    )
    rows = [
        ("1", LIAOZHONG["t1"] + long * 4, "区农业农村局", "区发展改革局、区工业和信息化局、沈阳近海经济区管委会"),
        ("2", LIAOZHONG["t2"] + long * 4, "沈阳近海经济区管委会", "自然资源分局、生态环境分局、区发展改革局"),
        ("3", LIAOZHONG["t4"] + long * 4, "区工业和信息化局", f"沈阳近海经济区管委会、{TOWNS}"),
        (
            "4",
            LIAOZHONG["t5"] + long * 5,
            "区商务局",
            "沈阳近海经济区管委会、区发展改革局、区财政局、区市场监管局、区交通运输局、沈阳海关驻辽中办事处",
        ),
        ("5", "举办各类促消费活动20场以上，社会消费品零售总额增长7%。" + long, "区商务局", f"区财政局、{TOWNS}"),
    ]
    d = docx.Document()
    d.sections[0].footer.paragraphs[0].text = "— 1 —"
    d.add_paragraph("2024年政府工作报告主要工作任务分解表")
    t = d.add_table(rows=1, cols=4)
    t.style = "Table Grid"
    for i, head in enumerate(["序号", "主要工作举措", "牵头单位", "配合单位"]):
        t.cell(0, i).text = head
    header = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    widths = [Cm(1.2), Cm(10.0), Cm(2.4), Cm(3.4)]
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    for r in t.rows:
        for cell, width in zip(r.cells, widths, strict=True):
            cell.width = width
    source = BUILD / "pages2" / "liaozhong-2024-pages2.docx"
    source.parent.mkdir(parents=True, exist_ok=True)
    d.save(source)
    out = soffice_convert(source, "pdf", BUILD / "pages2")
    shutil.copy(out, HERE / "liaozhong-2024-pages2.pdf")
    label(
        "liaozhong-2024-pages2",
        "2024年政府工作报告主要工作任务分解表",
        [
            (1, ["区农业农村局"], [], ["区发展改革局", "区工业和信息化局", "沈阳近海经济区管委会"]),
            (2, ["沈阳近海经济区管委会"], [], ["自然资源分局", "生态环境分局", "区发展改革局"]),
            (3, ["区工业和信息化局"], [], ["沈阳近海经济区管委会", TOWNS]),
            (
                4,
                ["区商务局"],
                [],
                [
                    "沈阳近海经济区管委会",
                    "区发展改革局",
                    "区财政局",
                    "区市场监管局",
                    "区交通运输局",
                    "沈阳海关驻辽中办事处",
                ],
            ),
            (5, ["区商务局"], [], ["区财政局", TOWNS]),
        ],
    )


# 16. shenyang-2026-nohead.xlsx (written after probing sheets of other shapes by hand, labeled before this file was
# read): the 沈阳 sheet as an office exports it from its 督办 system with no header row at all: a merged title, a
# merged issuer-and-date row, merged section rows across, then the rows: number, task, the units a line each,
# the date.
def shenyang_nohead() -> None:
    b = openpyxl.Workbook()
    s = b.active
    rows: list[tuple] = [
        ("title", "2026年政府工作报告重点工作分工方案"),
        ("title", "沈阳市人民政府办公厅　　2026年1月30日"),
        ("title", "一、增强扩大内需主动力，全力保持经济稳步增长"),
        (
            "row",
            1,
            "准确把握国家政策导向、支持方向和资金投向，持续做好重大项目谋划储备和政策资金争取工作。",
            f"市发展改革委\n市财政局\n{SHENYANG_COUNTIES}",
            "2026年12月底前",
        ),
        ("row", 2, "以企业真实需求为导向，适时出台促进经济平稳健康发展的政策举措。", "市发展改革委", "2026年6月底前"),
        ("title", "二、培育壮大新质生产力，加快建设现代化产业体系"),
        (
            "row",
            3,
            "实施制造业数字化转型行动，新增智能工厂和数字化车间50个。",
            f"市工业和信息化局\n市数据局\n{SHENYANG_COUNTIES}",
            "2026年12月底前",
        ),
        ("row", 4, "深化科技成果就地转化，技术合同成交额增长10%以上。", "市科技局\n市教育局", "2026年12月底前"),
    ]
    for r, row in enumerate(rows, start=1):
        if row[0] == "title":
            s.cell(r, 1, row[1])
            s.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        else:
            for c, value in enumerate(row[1:], start=1):
                s.cell(r, c, value).alignment = Alignment(wrap_text=True)
    b.save(HERE / "shenyang-2026-nohead.xlsx")
    label(
        "shenyang-2026-nohead",
        "2026年政府工作报告重点工作分工方案",
        [
            (1, [], ["市发展改革委", "市财政局", SHENYANG_COUNTIES], []),
            (2, [], ["市发展改革委"], []),
            (3, [], ["市工业和信息化局", "市数据局", SHENYANG_COUNTIES], []),
            (4, [], ["市科技局", "市教育局"], []),
        ],
    )


# 17. gaotang-2024-sections.xlsx (written after probing by hand found sheets refused whose section rows hold a
# table's own words, labeled before this file was read): the 高唐县 sheet with a header, then section rows merged
# across whose names are short and say 目标 / 工作任务 (一、主要预期目标; 二、重点工作任务), a unit a line.
def gaotang_sections() -> None:
    b = openpyxl.Workbook()
    s = b.active
    rows: list[tuple] = [
        ("title", "2024年政府工作报告目标任务分工方案"),
        ("head", "序号", "目标任务", "牵头单位", "责任单位"),
        ("title", "一、主要预期目标"),
        ("row", 1, "全年地区生产总值增长6%左右。", "县发展和改革局", "县统计局\n各镇（街道）"),
        ("row", 2, "一般公共预算收入增长5%。", "县财政局", "县税务局"),
        ("title", "二、重点工作任务"),
        ("row", 3, "实施重点项目60个以上，完成投资120亿元。", "县发展和改革局", "县自然资源和规划局\n各镇（街道）"),
        ("row", 4, "城镇新增就业3500人，城镇调查失业率控制在5.5%以内。", "县人力资源和社会保障局", "县财政局"),
        ("row", 5, "新建改扩建中小学、幼儿园6所，新增学位3000个。", "县教育和体育局", "县住房和城乡建设局"),
    ]
    for r, row in enumerate(rows, start=1):
        if row[0] == "title":
            s.cell(r, 1, row[1])
            s.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        else:
            for c, value in enumerate(row[1:], start=1):
                s.cell(r, c, value).alignment = Alignment(wrap_text=True)
    b.save(HERE / "gaotang-2024-sections.xlsx")
    towns = "各镇（街道）"
    label(
        "gaotang-2024-sections",
        "2024年政府工作报告目标任务分工方案",
        [
            (1, ["县发展和改革局"], ["县统计局", towns], []),
            (2, ["县财政局"], ["县税务局"], []),
            (3, ["县发展和改革局"], ["县自然资源和规划局", towns], []),
            (4, ["县人力资源和社会保障局"], ["县财政局"], []),
            (5, ["县教育和体育局"], ["县住房和城乡建设局"], []),
        ],
    )


# 18. shaoxing-2020-labels.html (written after probing web pages by hand, labeled before this file was read): 序号 |
# 重点任务 | 任务目标 | 责任单位, the unit cell naming the roles a line each (牵头：… / 配合：…), the 任务目标 cells short
# figures (1个工作日内办结, 新增学位4500个) beside it.
def shaoxing_labels() -> None:
    rows = [
        (
            1,
            "持续推进重大项目攻坚，确保有效投资增长高于经济增长。",
            "市县长项目落地率50%以上",
            ["牵头：市发改委", "配合：各区、县（市）政府"],
        ),
        (
            2,
            "深化“最多跑一次”改革，推行企业开办“一件事”。",
            "1个工作日内办结",
            ["牵头：市市场监管局", "配合：市跑改办、市税务局"],
        ),
        (3, "新建、改扩建城乡公办幼儿园15所。", "新增学位4500个", ["牵头：市教育局", "配合：市发改委、市财政局"]),
        (4, "推进城市有机更新，改造老旧小区。", "改造100个", ["市住建局"]),
    ]
    cells = "\n".join(
        f"<tr><td>{n}</td><td>{task}</td><td>{goal}</td><td>{''.join(f'<p>{x}</p>' for x in units)}</td></tr>"
        for n, task, goal, units in rows
    )
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>市政府2020年重点工作任务分解表</title></head>
<body><div class="article"><h1>市政府2020年重点工作任务分解表</h1>
<table border="1" cellspacing="0"><tr><td>序号</td><td>重点任务</td><td>任务目标</td><td>责任单位</td></tr>
{cells}
</table></div></body></html>
"""
    (HERE / "shaoxing-2020-labels.html").write_text(page, encoding="utf-8")
    counties = "各区、县（市）政府"
    label(
        "shaoxing-2020-labels",
        "市政府2020年重点工作任务分解表",
        [
            (1, ["市发改委"], [], [counties]),
            (2, ["市市场监管局"], [], ["市跑改办", "市税务局"]),
            (3, ["市教育局"], [], ["市发改委", "市财政局"]),
            (4, [], ["市住建局"], []),
        ],
    )


def main() -> None:
    for build in (
        shenyang,
        shenhe,
        liaoning,
        nanling,
        liaozhong_bylead,
        shaoxing,
        liaozhong_pages,
        nanling_lines,
        shenyang_lines,
        shenyang_cn,
        shaoxing_targets,
        gaotang,
        liaozhong_bylead_sheet,
        shaoxing_twohead,
        liaozhong_pages2,
        shenyang_nohead,
        gaotang_sections,
        shaoxing_labels,
    ):
        build()
    LABELS.write()


if __name__ == "__main__":
    main()
