import openpyxl
from openpyxl.styles import Alignment, Font, Border, Side
import docx
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH

thin = Side(style="thin")
B = Border(left=thin, right=thin, top=thin, bottom=thin)
wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
left = Alignment(wrap_text=True, vertical="center", horizontal="left")

# ---------- 2024: xlsx ----------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "附件1"
ws["A1"] = "附件1"
ws.merge_cells("A2:F2")
ws["A2"] = "2024年《政府工作报告》主要目标任务责任分解表"
ws["A2"].font = Font(size=16, bold=True)
ws["A2"].alignment = wrap
hdr = ["序号", "目标名称", "工 作 标 准", "区政府\n分管领导", "牵头单位", "配合单位"]
for i, h in enumerate(hdr, 1):
    c = ws.cell(row=3, column=i, value=h)
    c.font = Font(bold=True); c.alignment = wrap; c.border = B
rows = [
 "(1)地区生产总值增长6%左右。",
 "(2)一般公共预算收入增长3%以上。",
 "(3)社会消费品零售总额增长6%左右。",
 "(4)实际使用外资和进出口总额稳中提质。",
 "(5)居民人均可支配收入增速与经济增速同步。",
 "(6)主要污染物减排、单位GDP能耗下降,大气、水环境质量改善完成市下达任务。",
 "(7)安全生产形势平稳向好。",
]
r0 = 4
for k, t in enumerate(rows):
    ws.cell(row=r0+k, column=3, value=t).alignment = left
ws.cell(row=r0, column=1, value=1)
ws.cell(row=r0, column=2, value="全区经济社会发展的主要预期目标")
ws.cell(row=r0, column=4, value="王旭锋")
ws.cell(row=r0, column=5, value="发改局")
ws.cell(row=r0, column=6, value="经开区\n高新园\n(邹区镇)\n各街道\n统计局")
ws.cell(row=r0+1, column=5, value="财政局")
ws.cell(row=r0+2, column=4, value="吴 伟")
ws.cell(row=r0+2, column=5, value="商务局")
ws.cell(row=r0+5, column=4, value="谢志诚")
ws.cell(row=r0+5, column=5, value="工信局\n生态环境局")
ws.cell(row=r0+6, column=5, value="应急管理局\n(安委办)")
ws.cell(row=r0+6, column=6, value="区安委会各成员单位")
# merges as the flattened page implies
ws.merge_cells(start_row=r0, end_row=r0+6, start_column=1, end_column=1)
ws.merge_cells(start_row=r0, end_row=r0+6, start_column=2, end_column=2)
ws.merge_cells(start_row=r0, end_row=r0+1, start_column=4, end_column=4)
ws.merge_cells(start_row=r0+2, end_row=r0+4, start_column=4, end_column=4)
ws.merge_cells(start_row=r0+5, end_row=r0+6, start_column=4, end_column=4)
ws.merge_cells(start_row=r0+2, end_row=r0+4, start_column=5, end_column=5)
ws.merge_cells(start_row=r0, end_row=r0+5, start_column=6, end_column=6)
for r in range(r0, r0+7):
    for c in range(1, 7):
        cell = ws.cell(row=r, column=c)
        cell.border = B
        if c != 3: cell.alignment = wrap
for col, w in zip("ABCDEF", [6, 14, 52, 10, 14, 16]):
    ws.column_dimensions[col].width = w
wb.save("zhonglou-2024-zrfj.xlsx")

# ---------- 2025: docx ----------
d = docx.Document()
st = d.styles["Normal"]; st.font.name = "仿宋_GB2312"; st.font.size = Pt(12)
for p in ["经开区、高新区(邹区镇)、各街道,区各办局、直属单位:",
          "为确保全面实现2025年《政府工作报告》提出的经济社会发展目标,全面完成2025年民生实事项目,经区政府研究决定,对主要目标任务和重点工作进行了责任分解。现将相关分解落实方案印发给你们,请各牵头单位和配合单位高度重视,加强组织领导,项目化推进,清单化落实,确保各项工作落实到位,目标任务顺利完成。",
          "附件:1. 2025年《政府工作报告》主要目标任务责任分解表",
          "2. 2025年民生实事项目目标任务责任分解表",
          "常州市钟楼区人民政府",
          "2025年3月7日",
          "(此件公开发布)",
          "附件1"]:
    para = d.add_paragraph(p)
    if p in ("常州市钟楼区人民政府", "2025年3月7日"):
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
t = d.add_paragraph("2025年《政府工作报告》主要目标任务责任分解表")
t.alignment = WD_ALIGN_PARAGRAPH.CENTER; t.runs[0].bold = True; t.runs[0].font.size = Pt(16)
rows25 = [
 "(1)地区生产总值增长5%左右。",
 "(2)一般公共预算收入保持稳定增长。",
 "(3)制造业投资增长8%左右。",
 "(4)实际使用外资和进出口总额稳中提质。",
 "(5)居民人均可支配收入与经济增长同步。",
 "(6)社会消费品零售总额增长5%左右。",
 "(7)主要污染物减排、单位GDP能耗下降,大气、水环境质量改善完成市下达任务。",
 "(8)安全生产形势平稳向好。",
]
tb = d.add_table(rows=1+len(rows25), cols=6)
tb.style = "Table Grid"
for i, h in enumerate(["序号", "目标名称", "工 作 标 准", "区政府\n分管领导", "牵头单位", "配合单位"]):
    tb.cell(0, i).text = h
for k, t_ in enumerate(rows25):
    tb.cell(1+k, 2).text = t_
def put(r, c, s): tb.cell(r, c).text = s
put(1, 0, "1"); put(1, 1, "全区经济社会发展的主要预期目标")
put(1, 3, "王旭锋"); put(1, 4, "区发改局"); put(1, 5, "经开区\n高新区(邹区镇)\n各街道")
put(2, 4, "区财政局")
put(3, 3, "吴 伟"); put(3, 4, "区工信局")
put(4, 4, "区商务局\n新运集团\n金控集团")
put(7, 3, "谢志诚"); put(7, 4, "钟楼生态环境局")
put(8, 4, "区应急管理局(安委办)"); put(8, 5, "区安委会各成员单位")
def merge(r1, r2, c):
    a = tb.cell(r1, c); b = tb.cell(r2, c)
    txt = a.text
    m = a.merge(b); m.text = txt
merge(1, 8, 0); merge(1, 8, 1)
merge(1, 2, 3); merge(3, 6, 3); merge(7, 8, 3)
merge(4, 6, 4)
merge(1, 7, 5)
d.save("zhonglou-2025-zrfj.docx")
print("ok")
