from docx import Document
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Border, Side

def para(doc, text, bold=False, center=False, right=False, size=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size: r.font.size = Pt(size)
    if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right: p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p

# Jiangxi 2017
d = Document()
para(d, "江西省人民政府办公厅关于印发支持鄱余万都滨湖四县小康攻坚重点工作责任分工方案", bold=True, center=True, size=16)
para(d, "支持鄱余万都滨湖四县小康攻坚重点工作责任分工方案", bold=True, center=True, size=15)
para(d, "为贯彻落实《江西省人民政府关于支持鄱余万都滨湖四县小康攻坚的指导意见》(赣府发〔2017〕12号),抓好各项重点工作的推进落实,现提出如下分工方案。")
para(d, "一、加快基础设施建设", bold=True)
para(d, "(一)完善公路交通网络。")
para(d, "1、按照统一规划、分期实施原则,加快构建环湖旅游快速通道,纳入全省收费公路体系管理。2017年开工建设鄱(阳)余(干)高等级公路,支持都昌至南昌高速公路列入高速公路网规划并开展前期工作,支持万年建设贯通南(鹰潭)北(鄱阳)高铁站一级公路项目建设。(省发改委、省交通运输厅、省财政厅负责。列第一位的为牵头部门,下同)")
para(d, "2、加快国省道升级改造,提升区域内公路等级。“十三五”末三级以上县道比重稳步提升,促进与周边县市的互联互通。支持鄱阳县区域内国道G236田畈街至鄱阳县城段升级改造,支持国道G206烟汕线黄金埠段改建、国道G236余干县城段改造,支持万年县城东西外环及上万连接线北线贯通项目建设。支持都昌县三汊港至万户至南峰公路、省道S214线都昌境内左里至县城挂线段新建工程建设。(省发改委、省交通运输厅、省财政厅负责)")
d.save("jiangxi-2017-poyuwandu.docx")

# Zichuan 2023
d = Document()
para(d, "淄川区人民政府办公室", bold=True, center=True, size=22)
para(d, "淄川区人民政府办公室")
para(d, "关于印发淄川区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务的通知", bold=True, center=True, size=16)
para(d, "川政办字〔2023〕22号", center=True)
para(d, "各镇人民政府,各街道办事处,开发区管委会,区政府有关部门,有关单位:")
para(d, "《淄川区深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务》已经区政府同意,现印发给你们,请结合实际,认真抓好落实。")
para(d, "淄川区人民政府办公室", right=True)
para(d, "2023年7月3日", right=True)
para(d, "(此件公开发布)")
para(d, "淄川区深化新旧动能转换推动绿色低碳", bold=True, center=True, size=16)
para(d, "高质量发展2023年重点工作任务", bold=True, center=True, size=16)
para(d, "为全面落实《淄博市深化新旧动能转换推动绿色低碳高质量发展2023年重点工作任务》、《淄川区深化新旧动能转换推动绿色低碳高质量发展三年行动计划(2023—2025年)》,确保我区绿色低碳高质量发展工作开好局、起好步、走在前,制定2023年重点工作任务如下。")
para(d, "一、加快推进科技创新驱动发展", bold=True)
para(d, "1. 加快高能级创新平台建设。实施创新平台梯次梯度培育计划,建立储备培育库,形成“成立”、“成长”、“成熟”的可持续平台生态,推动创新平台提质升级,力争新增市级以上创新平台10家以上。做好第二批省级工程研究中心(工程实验室)优化整合工作,力争新增3—5家市级创新平台、1—2家省级创新平台。(区科技局牵头,区发改局等部门配合)")
para(d, "2. 加强关键核心技术攻关。聚焦我区“431”现代产业体系,支持企业与高校院所开展产学研协同创新,共同申报科技型中小企业创新能力提升工程,争取相关领域省级及以上科技项目3项以上。(区科技局负责)")
d.save("zichuan-2023-xjdn.docx")

# Tongzhou 2021 sheet
wb = Workbook(); ws = wb.active; ws.title = "区级任务分工"
thin = Side(style="thin"); b = Border(left=thin, right=thin, top=thin, bottom=thin)
rows = [
 ("北京城市副中心(通州区)国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要区级任务分工方案", None, None),
 ("通政办发〔2021〕8号    北京市通州区人民政府办公室    2021年8月9日", None, None),
 ("序号", "任务", "牵头单位"),
 ("第一部分 通州区政府主责任务(312项)", None, None),
 ("一、主要指标(30项)", None, None),
 ("(一)约束性指标(15项)", None, None),
 (1, "北运河水质(重要时段重点河段)达到Ⅳ类。", "区水务局"),
 (2, "城区道路路网密度达到5.1公里/平方公里。", "区交通局"),
 (3, "森林覆盖率达到36.5%。", "区园林绿化局"),
 (4, "生活垃圾回收利用率大于37.5%。", "区城市管理委"),
 (5, "细颗粒物(PM2.5)年均浓度达到市级要求。", "区生态环境局"),
 (6, "单位地区生产总值能耗降幅达到市级要求。", "区发展改革委"),
 (7, "生产生活用水总量达到市级要求。", "区水务局"),
 (8, "单位地区生产总值二氧化碳排放降幅达到市级要求。", "区生态环境局"),
]
for i, r in enumerate(rows, 1):
    for j, v in enumerate(r, 1):
        c = ws.cell(row=i, column=j, value=v)
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if j != 2 or i <= 3 else "left")
        if i >= 3: c.border = b
    if r[1] is None:
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=3)
        ws.cell(row=i, column=1).alignment = Alignment(wrap_text=True, horizontal="center" if i <= 2 else "left", vertical="center")
ws.cell(row=1, column=1).font = Font(bold=True, size=14)
ws.row_dimensions[1].height = 40
for c in ws[3]: c.font = Font(bold=True)
ws.column_dimensions["A"].width = 8; ws.column_dimensions["B"].width = 60; ws.column_dimensions["C"].width = 18
wb.save("tongzhou-2021-shiwuwu.xlsx")
