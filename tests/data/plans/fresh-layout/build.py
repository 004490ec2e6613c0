"""Builds the fresh-layout plans (issue 26, the parser's layouts) from the rows written down here, and
their hand labels (NAME.expected.json). Run once by hand: `python tests/data/plans/fresh-layout/build.py`.

Each document takes its wording, units and layout from a real plan (see SOURCES.md in the folder above);
the labels are what a clerk reads off the page, written before the parser saw any of these files."""

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
label = LABELS.label


def grid(table) -> None:
    table.style = "Table Grid"


# 1. xian-fgf-2022.docx: a Word table, measures under a deployed task merged down, the lead and the
# responsible cells merged over several measure rows, section rows across all columns, the header again
# after a page break, a 备注 column.
def xian() -> None:
    d = docx.Document()
    d.add_paragraph("西安市贯彻落实陕西省《2022年深化“放管服”改革优化营商环境工作要点》分工方案")
    head = ["序号", "陕西省《工作要点》部署任务", "西安市落实措施", "牵头单位", "责任单位", "完成时限", "备注"]
    t = d.add_table(rows=1, cols=7)
    grid(t)
    for c, h in zip(t.rows[0].cells, head, strict=False):
        c.text = h
    rows = [
        ("sec", "一、全链条优化审批"),
        (
            1,
            "（一）全面实施行政许可事项清单管理。按照国务院要求，2022年底前编制并公布省、市、县三级行政许可事项清单。",
            "全面准确依法编制市、区（县）行政许可事项清单，8月底前编制完成市级行政许可事项清单并向社会公布，9月底前编制完成区（县）级行政许可事项清单并向社会公布。",
            "市行政审批局\n市司法局",
            "市级相关单位，各区县政府、西咸新区管委会",
            "2022年9月底",
            "",
        ),
        (
            2,
            None,
            "严格落实行政许可事项清单之外一律不得违法实施行政许可的要求，大力清理整治变相许可，11月底前完成变相许可清查整治。",
            None,
            None,
            "2022年11月底",
            "",
        ),
        (
            3,
            None,
            "对市、区（县）设定的行政许可事项逐项编制实施规范，推进同一事项同要素管理、同标准办理。",
            "市司法局",
            None,
            "2022年12月底",
            "持续推进",
        ),
        ("sec", "二、全方位公正监管"),
        (
            4,
            "（二）推进跨部门综合监管。建立健全跨部门综合监管制度，完善协同监管机制。",
            "梳理跨部门综合监管事项清单，明确监管责任部门和协同配合部门。",
            "市市场监管局",
            "市级相关部门，各区县政府",
            "2022年10月底",
            "",
        ),
        ("head",),
        (
            5,
            None,
            "在食品、药品、特种设备等重点领域开展跨部门联合抽查，推动“双随机、一公开”监管全覆盖。",
            None,
            None,
            "2022年12月底",
            "",
        ),
        (
            6,
            "（三）提升监管执法规范性。完善行政裁量权基准制度。",
            "全面落实行政裁量权基准制度，组织各执法部门细化量化行政裁量权基准。",
            "市司法局",
            "市级行政执法部门",
            "2022年11月底",
            "",
        ),
    ]
    index = {}
    for r in rows:
        cells = t.add_row().cells
        if r[0] == "sec":
            cells[0].merge(cells[-1]).text = r[1]
            continue
        if r[0] == "head":
            for c, h in zip(cells, head, strict=False):
                c.text = h
            continue
        index[r[0]] = len(t.rows) - 1
        for i, v in enumerate(r):
            if v is not None:
                cells[i].text = str(v)

    # vertical merges: task text of 1..3, lead of 1..2, responsible of 1..3, task/lead/resp of 4..5 (across the header)
    def vmerge(col: int, first: int, last: int) -> None:
        top = t.cell(index[first], col)
        text = top.text
        merged = top.merge(t.cell(index[last], col))
        merged.text = text

    vmerge(1, 1, 3)
    vmerge(3, 1, 2)
    vmerge(4, 1, 3)
    # 4 and 5 straddle a repeated header: Word repeats the merged cell's text on the new page
    t.cell(index[5], 1).text = t.cell(index[4], 1).text
    t.cell(index[5], 3).text = "市市场监管局"
    t.cell(index[5], 4).text = "市级相关部门，各区县政府"
    d.save(HERE / "xian-fgf-2022.docx")
    r = ["市级相关单位", "各区县政府", "西咸新区管委会"]
    label(
        "xian-fgf-2022",
        "西安市贯彻落实陕西省《2022年深化“放管服”改革优化营商环境工作要点》分工方案",
        [
            (1, ["市行政审批局", "市司法局"], r, [], "2022-09-30"),
            (2, ["市行政审批局", "市司法局"], r, [], "2022-11-30"),
            (3, ["市司法局"], r, [], "2022-12-31"),
            (4, ["市市场监管局"], ["市级相关部门", "各区县政府"], [], "2022-10-31"),
            (5, ["市市场监管局"], ["市级相关部门", "各区县政府"], [], "2022-12-31"),
            (6, ["市司法局"], ["市级行政执法部门"], [], "2022-11-30"),
        ],
    )


# 2. caizheng-merged.docx: a 目标任务分解表 with a 分管领导 column of persons, the lead cell merged down
# over three task rows and the cooperating cell over two, as the source's ruled table draws them.
def caizheng() -> None:
    d = docx.Document()
    d.add_paragraph("2006年市政府工作报告目标任务分解表")
    head = ["序号", "工作任务", "分管领导", "牵头单位", "配合单位", "完成时限"]
    t = d.add_table(rows=1, cols=6)
    grid(t)
    for c, h in zip(t.rows[0].cells, head, strict=False):
        c.text = h
    data = [
        (
            1,
            "进一步调整财政支出结构，加大财政在“三农”、教育、卫生、科技、社会保障等方面的投入。",
            "梁志强",
            "市财政局",
            "各县（市、区）政府\n市国税局\n市地税局",
            "年内见成效",
        ),
        (2, "加强财政监督，提高财政资金使用效益。", "", "", "", "年内见成效"),
        (3, "加强税源监控，完善护税协税网络。", "", "", "市国税局、市地税局", "年内见成效"),
        (
            4,
            "加快信用体系建设，保护金融债权，建设良好金融生态。",
            "",
            "市金融办",
            "人民银行市中心支行、市银监分局",
            "年内见成效",
        ),
        (
            5,
            "各级财政安排资金支持教育发展，重点解决学校建设债务、教师补贴以及教师定编问题。",
            "王立新",
            "市教育局",
            "市财政局、市编办",
            "2006年底前",
        ),
    ]
    for row in data:
        cells = t.add_row().cells
        for c, v in zip(cells, row, strict=False):
            c.text = str(v)

    def vmerge(col: int, a: int, b: int) -> None:
        text = t.cell(a, col).text
        t.cell(a, col).merge(t.cell(b, col)).text = text

    vmerge(2, 1, 4)  # 分管领导 over 1..4
    vmerge(3, 1, 3)  # 牵头单位 over 1..3
    vmerge(4, 1, 2)  # 配合单位 over 1..2
    d.save(HERE / "caizheng-merged-2006.docx")
    co = ["各县（市、区）政府", "市国税局", "市地税局"]
    label(
        "caizheng-merged-2006",
        "2006年市政府工作报告目标任务分解表",
        [
            (1, ["市财政局"], [], co),
            (2, ["市财政局"], [], co),
            (3, ["市财政局"], [], ["市国税局", "市地税局"]),
            (4, ["市金融办"], [], ["人民银行市中心支行", "市银监分局"]),
            (5, ["市教育局"], [], ["市财政局", "市编办"], "2006-12-31"),
        ],
    )


# 3. xianyang-fgf-2022.txt: pasted from the web page, each task's unit parenthesis on a line after its text,
# two of them wrapped inside a name.
def xianyang() -> None:
    text = """咸阳市2022年深化“放管服”改革优化营商环境工作要点

以习近平新时代中国特色社会主义思想为指导，坚持稳中求进工作总基调，一体化推进“放管服”改革优化营商环境，为加快建设现代化“西部名市丝路名都”提供有力支撑。

一、坚持系统集成，推动审批全链条优化
1.全面实施行政许可事项清单管理。依据国家和省行政许可事项清单，2022年10月底前编制并公布市、县两级行政许可事项清单，将依法设定的行政许可事项全部纳入清单管理。
（市政府办公室、市行政审批制度改革工作领导小组办公室牵头，市级各有关部门及各县市区政府按职责分工负责）
2.持续深化相对集中行政许可权改革。依托行政许可事项清单，全面梳理规范相对集中行政许可权改革事项划转目录，按程序在市、县两级政府门户网站公布。
（市政府办公室、市行政审批服务局牵头，市级各有关部门及各县市区
政府按职责分工负责）
3.深化工程建设项目审批制度改革。推行工程建设项目分级分类管理，进一步压缩审批时间。
（市住房和城乡建设局牵头，市自然资源和规划局、市行政审批服务局、市发展改革委
按职责分工负责）
二、坚持公正监管，推动监管全过程覆盖
4.加强事中事后监管。健全“双随机、一公开”监管机制，推进跨部门联合抽查常态化。
（市市场监管局牵头，市级各有关部门按职责分工负责）
5.推进信用分级分类监管。在重点领域建立信用风险分类指标体系，2022年12月底前实现全覆盖。
（市发展改革委、市市场监管局牵头，市级各有关部门按职责分工负责）
三、坚持便民高效，推动服务全周期提升
6.提升政务服务标准化规范化便利化水平。推进政务服务事项全市同一事项无差别受理、同标准办理。
（市行政审批服务局牵头，各县市区政府
按职责分工负责）

咸阳市人民政府办公室
2022年5月10日
"""
    (HERE / "xianyang-fgf-2022.txt").write_text(text, encoding="utf-8")
    label(
        "xianyang-fgf-2022",
        "咸阳市2022年深化“放管服”改革优化营商环境工作要点",
        [
            (
                1,
                ["市政府办公室", "市行政审批制度改革工作领导小组办公室"],
                ["市级各有关部门", "各县市区政府"],
                [],
                "2022-10-31",
            ),
            (2, ["市政府办公室", "市行政审批服务局"], ["市级各有关部门", "各县市区政府"], []),
            (3, ["市住房和城乡建设局"], ["市自然资源和规划局", "市行政审批服务局", "市发展改革委"], []),
            (4, ["市市场监管局"], ["市级各有关部门"], []),
            (5, ["市发展改革委", "市市场监管局"], ["市级各有关部门"], [], "2022-12-31"),
            (6, ["市行政审批服务局"], ["各县市区政府"], []),
        ],
    )


# 4. huarong-2021.txt: label lines after each task's text, a unit list wrapped onto a new line, a label alone
# with its units on the next line, no blank lines between tasks.
def huarong() -> None:
    text = """2021年县政府重点工作任务分解
华容县人民政府
2021年3月23日
一、主要预期目标
1.地区生产总值增长7.5%左右。
牵头单位：县发改局
责任单位：县统计局、县财政局、县工信局、
县农业农村局、各乡镇人民政府
2.规模工业增加值增长8%以上。
牵头单位：县工信局
责任单位：
华容工业集中区管委会、各乡镇人民政府
3.固定资产投资增长10%以上。
牵头单位：县发改局
责任单位：县住建局、县自然资源局、县交通运输局、县水利局、
各乡镇人民政府
二、重点工作任务
4.推进项目建设攻坚，全年实施重点项目100个以上，6月底前开工率达到60%。
牵头单位：县发改局、县重点项目事务中心
责任单位：县直有关单位、
各乡镇人民政府
5.深化农村人居环境整治，完成农村户厕改造3000户。
牵头单位：县农业农村局
责任单位：县卫健局、县生态环境分局、各乡镇人民政府
6.抓好安全生产和防灾减灾，坚决遏制较大以上安全事故。
牵头单位：县应急管理局
责任单位：县安委会成员单位、
各乡镇人民政府
"""
    (HERE / "huarong-2021.txt").write_text(text, encoding="utf-8")
    label(
        "huarong-2021",
        "2021年县政府重点工作任务分解",
        [
            (1, ["县发改局"], ["县统计局", "县财政局", "县工信局", "县农业农村局", "各乡镇人民政府"], []),
            (2, ["县工信局"], ["华容工业集中区管委会", "各乡镇人民政府"], []),
            (3, ["县发改局"], ["县住建局", "县自然资源局", "县交通运输局", "县水利局", "各乡镇人民政府"], []),
            (4, ["县发改局", "县重点项目事务中心"], ["县直有关单位", "各乡镇人民政府"], [], "2021-06-30"),
            (5, ["县农业农村局"], ["县卫健局", "县生态环境分局", "各乡镇人民政府"], []),
            (6, ["县应急管理局"], ["县安委会成员单位", "各乡镇人民政府"], []),
        ],
    )


# 5. xian-2022-tabs.txt: a task table copied out of Excel: tab-separated, cells holding line breaks come
# quoted over several lines (a lead on two lines, cooperating units wrapped).
def xian_tabs() -> None:
    rows = [
        ["序号", "工作任务", "责任单位", "配合单位", "完成时限"],
        ["1", "地区生产总值增长6%左右。", "市发改委", "市统计局\n各区县政府、西咸新区管委会", "2022年12月底前"],
        [
            "2",
            "推动秦创原创新驱动平台建设，新增科技型中小企业1000家。",
            "市科技局\n西咸新区管委会",
            "市财政局、市教育局",
            "2022年12月底前",
        ],
        [
            "3",
            "加快建设先进制造业强市，6月底前出台重点产业链提升方案。",
            "市工信局",
            "市发改委、市商务局、\n各开发区管委会",
            "6月底前",
        ],
        ["4", "推进城市更新，完成老旧小区改造500个。", "市住建局", "各区县政府", "2022年11月底前"],
        ["5", "做好稳就业工作，城镇新增就业12万人。", "市人社局", "市教育局\n市财政局\n各区县政府", "2022年12月底前"],
    ]
    out = ["西安市2022年《政府工作报告》任务分解意见", ""]
    for r in rows:
        out.append("\t".join(f'"{c}"' if "\n" in c else c for c in r))
    (HERE / "xian-2022-tabs.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    label(
        "xian-2022-tabs",
        "西安市2022年《政府工作报告》任务分解意见",
        [
            (1, [], ["市发改委"], ["市统计局", "各区县政府", "西咸新区管委会"], "2022-12-31"),
            (2, [], ["市科技局", "西咸新区管委会"], ["市财政局", "市教育局"], "2022-12-31"),
            (3, [], ["市工信局"], ["市发改委", "市商务局", "各开发区管委会"], "2022-06-30"),
            (4, [], ["市住建局"], ["各区县政府"], "2022-11-30"),
            (5, [], ["市人社局"], ["市教育局", "市财政局", "各区县政府"], "2022-12-31"),
        ],
    )


# 6. dawa-2021-star.xlsx: one 责任单位 column, the lead marked by a trailing *, the note above the header.
def dawa() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.title = "任务分解表"
    s.append(["大洼区2021年《政府工作报告》任务分解表"])
    s.merge_cells("A1:D1")
    s.append(["注：责任单位中带*的为牵头单位。"])
    s.merge_cells("A2:D2")
    s.append(["序号", "工作任务", "责任单位", "完成时限"])
    data = [
        (1, "地区生产总值增长6%以上。", "区发改局*、区统计局、各镇街", "2021年12月底前"),
        (2, "一般公共预算收入增长5%。", "区财政局*、区税务局", "2021年12月底前"),
        (
            3,
            "加快临港经济开发区建设，全年新签约项目20个以上。",
            "临港经济开发区管委会*、区商务局*、区发改局",
            "2021年12月底前",
        ),
        (4, "推进农村人居环境整治，完成村庄清洁行动年度任务。", "区农业农村局*、各镇街", "2021年10月底前"),
        (5, "深化“放管服”改革，政务服务事项网上可办率达到95%以上。", "区营商局*、区直各部门", "2021年6月底前"),
        (6, "抓好安全生产，坚决防范遏制重特大事故。", "区应急局*、区安委会成员单位", "2021年12月底前"),
    ]
    for r in data:
        s.append(list(r))
    b.save(HERE / "dawa-2021-star.xlsx")
    label(
        "dawa-2021-star",
        "大洼区2021年《政府工作报告》任务分解表",
        [
            (1, ["区发改局"], ["区统计局", "各镇街"], [], "2021-12-31"),
            (2, ["区财政局"], ["区税务局"], [], "2021-12-31"),
            (3, ["临港经济开发区管委会", "区商务局"], ["区发改局"], [], "2021-12-31"),
            (4, ["区农业农村局"], ["各镇街"], [], "2021-10-31"),
            (5, ["区营商局"], ["区直各部门"], [], "2021-06-30"),
            (6, ["区应急局"], ["区安委会成员单位"], [], "2021-12-31"),
        ],
    )


# 7. xingqing-2018-star.docx: a Word table whose lead is marked ★ before the name, the note under the title.
def xingqing() -> None:
    d = docx.Document()
    d.add_paragraph("兴庆区2018年民生十件实事任务分解表")
    d.add_paragraph("（标★的为牵头单位，其余为责任单位）")
    head = ["序号", "实事项目", "责任单位", "完成时限"]
    t = d.add_table(rows=1, cols=4)
    grid(t)
    for c, h in zip(t.rows[0].cells, head, strict=False):
        c.text = h
    data = [
        (1, "新建改扩建幼儿园5所，新增学位1800个。", "★区教育局、区住建局、区财政局", "2018年9月底前"),
        (2, "改造老旧小区20个，惠及居民6000户。", "★区住建局\n各街道办事处", "2018年11月底前"),
        (3, "新建社区居家养老服务站10个。", "★区民政局、各乡镇人民政府、各街道办事处", "2018年12月底前"),
        (4, "实施城乡居民免费健康体检，覆盖常住人口60%以上。", "★区卫计局、★区财政局", "2018年12月底前"),
        (5, "新增城镇就业岗位5000个，开展职业技能培训3000人次。", "★区人社局、区就业服务中心", "2018年12月底前"),
    ]
    for r in data:
        cells = t.add_row().cells
        for c, v in zip(cells, r, strict=False):
            c.text = str(v)
    d.save(HERE / "xingqing-2018-star.docx")
    label(
        "xingqing-2018-star",
        "兴庆区2018年民生十件实事任务分解表",
        [
            (1, ["区教育局"], ["区住建局", "区财政局"], [], "2018-09-30"),
            (2, ["区住建局"], ["各街道办事处"], [], "2018-11-30"),
            (3, ["区民政局"], ["各乡镇人民政府", "各街道办事处"], [], "2018-12-31"),
            (4, ["区卫计局", "区财政局"], [], [], "2018-12-31"),
            (5, ["区人社局"], ["区就业服务中心"], [], "2018-12-31"),
        ],
    )


HTML_HEAD = """<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:'Noto Sans SC';font-size:14px;margin:40px}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}
</style></head><body>"""


def pdf(name: str, body: str) -> None:
    html = HTML_HEAD + body + "</body></html>"
    out = chromium_pdf(html, Path("/tmp/fresh-layout-build") / name)
    shutil.copy(out, HERE / f"{name}.pdf")


# 8. wuhan-2023-star.pdf: a ruled table printed from a web page, leads marked by a trailing *, the note after
# the table, a lead cell spanning two rows (rowspan).
def wuhan() -> None:
    body = """<h2 style="text-align:center">2023年市《政府工作报告》目标任务责任分解方案</h2>
<p>各区人民政府，市人民政府各部门：现将目标任务责任分解如下，请认真贯彻执行。</p>
<table><tr><th>序号</th><th>目标任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>地区生产总值增长6.5%以上。</td><td>市发改委*、市统计局</td><td>2023年12月底</td></tr>
<tr><td>2</td><td>加快建设国家科技创新中心，新增高新技术企业1500家。</td><td rowspan="2">市科技局*、东湖高新区管委会、各区人民政府</td><td>2023年12月底</td></tr>
<tr><td>3</td><td>推进科技成果转化，技术合同成交额突破2000亿元。</td><td>2023年12月底</td></tr>
<tr><td>4</td><td>实施城市更新行动，启动老旧小区改造200个。</td><td>市住房和城市更新局*、市财政局、各区人民政府</td><td>2023年11月底</td></tr>
<tr><td>5</td><td>优化营商环境，6月底前推出“高效办成一件事”主题服务30项。</td><td>市政务服务中心*、市数据局*、市直有关部门</td><td>2023年6月底</td></tr>
</table>
<p>注：带“*”的为牵头单位。</p>
<p style="text-align:right">武汉市人民政府办公厅<br>2023年1月20日</p>"""
    pdf("wuhan-2023-star", body)
    label(
        "wuhan-2023-star",
        "2023年市《政府工作报告》目标任务责任分解方案",
        [
            (1, ["市发改委"], ["市统计局"], [], "2023-12-31"),
            (2, ["市科技局"], ["东湖高新区管委会", "各区人民政府"], [], "2023-12-31"),
            (3, ["市科技局"], ["东湖高新区管委会", "各区人民政府"], [], "2023-12-31"),
            (4, ["市住房和城市更新局"], ["市财政局", "各区人民政府"], [], "2023-11-30"),
            (5, ["市政务服务中心", "市数据局"], ["市直有关部门"], [], "2023-06-30"),
        ],
    )


# 9. baoji-fgf-2022.pdf: numbered tasks whose sub-items (1)(2)(3) run on lines of their own, the task's
# collective units in a parenthesis after the last sub-item or on a line of their own.
def baoji() -> None:
    body = """<h2 style="text-align:center">宝鸡市2022年深化“放管服”改革优化营商环境重点工作安排</h2>
<p>各县、区人民政府，市政府各工作部门、各直属机构，各开发区（园区）：</p>
<p>一、持续推进七项重点改革</p>
<p>1.深化工程建设项目审批制度改革。</p>
<p>（1）持续推进“多测合一”“多验合一”，实现测绘成果共享互认。</p>
<p>（2）推行工程建设项目分级分类管理，社会投资简易低风险项目审批时间压缩至15个工作日以内。</p>
<p>（3）6月底前实现工程建设项目审批管理系统与投资审批、规划用地等系统互联互通。（牵头单位：市住建局；责任单位：各县区政府、市级有关部门）</p>
<p>2.深化商事制度改革。</p>
<p>（1）推行企业开办“一网通办”，企业开办时间压缩至1个工作日以内。</p>
<p>（2）推进“证照分离”改革全覆盖，12月底前完成涉企经营许可事项清单动态调整。</p>
<p>牵头单位：市市场监管局</p>
<p>责任单位：各县区政府、市级有关部门</p>
<p>3.深化“一件事一次办”改革。（1）梳理公布“一件事”主题服务清单；（2）推动“一件事”线上线下融合办理。（牵头单位：市行政审批服务局；责任单位：各县区政府、市直有关部门）</p>
<p>二、着力优化政务服务</p>
<p>4.推进政务服务“跨省通办”“全省通办”。</p>
<p>（1）扩大“跨省通办”事项范围，9月底前新增通办事项50项；</p>
<p>（2）完善线下“通办”专窗服务。</p>
<p>（牵头单位：市行政审批服务局；责任单位：各县区政府、各开发区（园区）管委会）</p>
<p style="text-align:right">宝鸡市人民政府办公室<br>2022年4月19日</p>"""
    pdf("baoji-fgf-2022", body)
    col = ["各县区政府", "市级有关部门"]
    label(
        "baoji-fgf-2022",
        "宝鸡市2022年深化“放管服”改革优化营商环境重点工作安排",
        [
            (1, ["市住建局"], col, []),
            (2, ["市市场监管局"], col, []),
            (3, ["市行政审批服务局"], ["各县区政府", "市直有关部门"], []),
            (4, ["市行政审批服务局"], ["各县区政府", "各开发区（园区）管委会"], []),
        ],
    )


# 10. guangyuan-aq-2024.pdf: a three-year plan (2024—2026年), dated 2024, deadlines with no year (6月底前),
# sub-items under each task, the collective units after the sub-items.
def guangyuan() -> None:
    body = """<h2 style="text-align:center">广元市安全生产治本攻坚三年行动方案<br>（2024—2026年）</h2>
<p>为进一步夯实安全生产工作基础，从根本上消除事故隐患，结合全市实际，制定本方案。</p>
<p>一、重点任务</p>
<p>1.开展安全生产责任落实行动。</p>
<p>（1）6月底前制定党政领导干部安全生产责任清单；</p>
<p>（2）健全安全生产考核巡查制度，推动责任落实到岗到人。</p>
<p>牵头单位：市安办</p>
<p>责任单位：各县（区）、市级有关部门</p>
<p>2.开展重大事故隐患动态清零行动。</p>
<p>（1）9月底前完成重点行业领域重大事故隐患判定标准宣贯；</p>
<p>（2）建立重大事故隐患排查整改台账，实行闭环管理。</p>
<p>（牵头单位：市应急管理局；责任单位：市安委会有关成员单位，各县（区））</p>
<p>3.开展安全科技支撑和工程治理行动。（1）推动高危行业领域企业“机械化换人、自动化减人”；（2）12月底前完成城镇燃气管道老化更新改造年度任务。（牵头单位：市住房城乡建设局、市经济和信息化局；责任单位：各县（区））</p>
<p style="text-align:right">广元市安全生产委员会<br>2024年3月7日</p>"""
    pdf("guangyuan-aq-2024", body)
    label(
        "guangyuan-aq-2024",
        "广元市安全生产治本攻坚三年行动方案（2024—2026年）",
        [
            (1, ["市安办"], ["各县（区）", "市级有关部门"], [], "2024-06-30"),
            (2, ["市应急管理局"], ["市安委会有关成员单位", "各县（区）"], [], "2024-09-30"),
            (3, ["市住房城乡建设局", "市经济和信息化局"], ["各县（区）"], [], "2024-12-31"),
        ],
        year=2024,
    )


# 11. xian-2022-sheet.xlsx: two title rows, a header over two rows (责任单位 over 牵头单位 / 配合单位),
# section rows merged across, an empty hidden column, numbers stored as floats, a 备注 column.
def xian_sheet() -> None:
    b = openpyxl.Workbook()
    s = b.active
    s.title = "Sheet1"
    s.append(["附件"])
    s.append(["西安市2022年《政府工作报告》重点任务分解表"])
    s.merge_cells("A2:G2")
    s.append(["序号", "重点任务", None, "责任单位", None, "完成时限", "备注"])
    s.append([None, None, None, "牵头单位", "配合单位", None, None])
    s.merge_cells("A3:A4")
    s.merge_cells("B3:B4")
    s.merge_cells("D3:E3")
    s.merge_cells("F3:F4")
    s.merge_cells("G3:G4")
    s.column_dimensions["C"].hidden = True
    data = [
        ("sec", "一、主要发展指标"),
        (1.0, "地区生产总值增长6%左右。", None, "市发改委", "市统计局、各区县政府", "2022年12月底", None),
        (2.0, "地方一般公共预算收入增长5%。", None, "市财政局", "市税务局、各区县政府", "2022年12月底", "按季度调度"),
        ("sec", "二、着力提升城市综合能级"),
        (
            3.0,
            "推进西安—咸阳一体化，加快西咸新区建设。",
            None,
            "西咸新区管委会",
            "市发改委、市自然资源和规划局",
            "2022年12月底",
            None,
        ),
        (
            4.0,
            "加快地铁建设，6月底前开通运营地铁14号线。",
            None,
            "市轨道交通集团",
            "市住建局、市交通局、沿线区县政府",
            "2022年6月底",
            "重点项目",
        ),
        (5.0, "完善城市路网，打通断头路30条。", None, "市住建局", "市资源规划局、各区县政府", "2022年11月底", None),
    ]
    for r in data:
        if r[0] == "sec":
            s.append([r[1]])
            s.merge_cells(start_row=s.max_row, start_column=1, end_row=s.max_row, end_column=7)
        else:
            s.append(list(r))
    b.save(HERE / "xian-2022-sheet.xlsx")
    label(
        "xian-2022-sheet",
        "西安市2022年《政府工作报告》重点任务分解表",
        [
            (1, ["市发改委"], [], ["市统计局", "各区县政府"], "2022-12-31"),
            (2, ["市财政局"], [], ["市税务局", "各区县政府"], "2022-12-31"),
            (3, ["西咸新区管委会"], [], ["市发改委", "市自然资源和规划局"], "2022-12-31"),
            (4, ["市轨道交通集团"], [], ["市住建局", "市交通局", "沿线区县政府"], "2022-06-30"),
            (5, ["市住建局"], [], ["市资源规划局", "各区县政府"], "2022-11-30"),
        ],
    )


# 12. beijing-gwgk-2016.docx: a Word plan with one table per section, numbering running on across tables,
# a heading paragraph before each table.
def beijing() -> None:
    d = docx.Document()
    d.add_paragraph("北京市2016年政务公开工作要点任务分工")
    d.add_paragraph("北京市人民政府办公厅")
    d.add_paragraph("2016年5月28日")
    head = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]
    sections = [
        (
            "一、围绕深化改革推进公开",
            [
                (
                    1,
                    "进一步推进权力清单和责任清单公开，公布2016年版市政府部门权力清单。",
                    "市编办",
                    "市政府各部门",
                    "2016年6月底前",
                ),
                (
                    2,
                    "编制城市应急管理、环境保护、缓解交通拥堵等重点领域专项责任清单。",
                    "市编办",
                    "市应急办、市环保局、市交通委",
                    "2016年9月底前",
                ),
                (
                    3,
                    "推进行政审批结果公开，实行审批事项网上公示。",
                    "市审改办",
                    "市政府各部门、各区政府",
                    "2016年12月底前",
                ),
            ],
        ),
        (
            "二、围绕经济发展推进公开",
            [
                (4, "推进财政预决算公开，细化公开到项级科目。", "市财政局", "市政府各部门", "2016年12月底前"),
                (
                    5,
                    "推进重大建设项目批准和实施领域信息公开。",
                    "市发展改革委",
                    "市规划国土委、市住房城乡建设委",
                    "2016年12月底前",
                ),
            ],
        ),
        (
            "三、围绕民生改善推进公开",
            [
                (
                    6,
                    "推进教育、医疗卫生领域信息公开，公开义务教育入学政策。",
                    "市教委\n市卫生计生委",
                    "各区政府",
                    "2016年8月底前",
                ),
                (7, "推进食品药品安全信息公开，定期公布抽检结果。", "市食品药品监管局", "各区政府", "2016年12月底前"),
            ],
        ),
    ]
    for title, rows in sections:
        d.add_paragraph(title)
        t = d.add_table(rows=1, cols=5)
        grid(t)
        for c, h in zip(t.rows[0].cells, head, strict=False):
            c.text = h
        for r in rows:
            cells = t.add_row().cells
            for c, v in zip(cells, r, strict=False):
                c.text = str(v)
    d.save(HERE / "beijing-gwgk-2016.docx")
    label(
        "beijing-gwgk-2016",
        "北京市2016年政务公开工作要点任务分工",
        [
            (1, ["市编办"], ["市政府各部门"], [], "2016-06-30"),
            (2, ["市编办"], ["市应急办", "市环保局", "市交通委"], [], "2016-09-30"),
            (3, ["市审改办"], ["市政府各部门", "各区政府"], [], "2016-12-31"),
            (4, ["市财政局"], ["市政府各部门"], [], "2016-12-31"),
            (5, ["市发展改革委"], ["市规划国土委", "市住房城乡建设委"], [], "2016-12-31"),
            (6, ["市教委", "市卫生计生委"], ["各区政府"], [], "2016-08-31"),
            (7, ["市食品药品监管局"], ["各区政府"], [], "2016-12-31"),
        ],
    )


# 13. chengdu-qrs-2024.txt: a plan over several years (2024—2027年) dated 2024, deadlines with no year.
def chengdu() -> None:
    text = """成都市城市社区嵌入式服务设施建设工程实施方案（2024—2027年）

各区（市）县政府（管委会），市级有关部门，有关单位：
经市领导同意，现将《成都市城市社区嵌入式服务设施建设工程实施方案》印发给你们，请结合实际认真贯彻落实。

成都市发展和改革委员会
2024年8月7日

一、主要目标
到2025年底前，全市首批100个嵌入式服务设施建设示范社区全面建成；到2027年底前，向全市更多社区推开。
二、重点任务
（一）开展社区服务设施摸底评估。6月底前完成全市城市社区服务设施现状摸底，形成设施缺口清单。（牵头单位：市住建局；责任单位：市委社会工作部、市民政局，各区（市）县政府）
（二）编制嵌入式服务设施建设规划。9月底前完成市级专项规划编制，明确设施配置标准。（牵头单位：市规划和自然资源局；责任单位：市发展改革委、市住建局）
（三）推进首批示范社区建设。年底前首批示范社区全部开工。（牵头单位：市住建局、市委社会工作部；责任单位：各区（市）县政府）
（四）强化资金保障。积极争取中央预算内投资支持，12月底前完成年度资金下达。（牵头单位：市发展改革委；责任单位：市财政局，各区（市）县政府）
"""
    (HERE / "chengdu-qrs-2024.txt").write_text(text, encoding="utf-8")
    label(
        "chengdu-qrs-2024",
        "成都市城市社区嵌入式服务设施建设工程实施方案（2024—2027年）",
        [
            (1, ["市住建局"], ["市委社会工作部", "市民政局", "各区（市）县政府"], [], "2024-06-30"),
            (2, ["市规划和自然资源局"], ["市发展改革委", "市住建局"], [], "2024-09-30"),
            (3, ["市住建局", "市委社会工作部"], ["各区（市）县政府"], [], "2024-12-31"),
            (4, ["市发展改革委"], ["市财政局", "各区（市）县政府"], [], "2024-12-31"),
        ],
        year=2024,
    )


def main() -> None:
    for build in (
        xian,
        caizheng,
        xianyang,
        huarong,
        xian_tabs,
        dawa,
        xingqing,
        wuhan,
        baoji,
        guangyuan,
        xian_sheet,
        beijing,
        chengdu,
    ):
        build()
    LABELS.write()


if __name__ == "__main__":
    main()
