"""Plans as offices keep and publish them: PDF (text and ruled tables), web pages saved from a browser
(HTML, MHTML), Word 97–2003 / WPS documents and Excel 97–2003 / WPS workbooks. Each file is made by
LibreOffice or by hand from the bundled plan, never by the parser."""

from __future__ import annotations

import json
import shutil
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plan.office import doc_blocks
from plan.parser import parse_blocks, parse_file
from plan.reader import PlanError
from tests.documents import docx_from_text, docx_table_from_text, soffice_convert, task_rows, xlsx_from_text
from tests.test_parse_seed import EXPECTED_UNITS, assert_seed


def assert_units(plan) -> None:  # type: ignore[no-untyped-def]
    assert [t.number for t in plan.tasks] == list(range(1, 27))
    for task in plan.tasks:
        assert (task.lead, task.responsible) == EXPECTED_UNITS[task.number], task.number


def _page_field(paragraph: object) -> None:
    """A PAGE field, as Word's page-number button inserts it."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            node.text = text
        run._r.append(node)


def _with_running_heads(path: Path) -> Path:
    """Every page headed by the issuer and footed by `— N —`, as printed government documents are."""
    document = docx.Document(str(path))
    section = document.sections[0]
    section.header.paragraphs[0].text = "包头市东河区人民政府办公室文件"
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    _page_field(footer)
    footer.add_run(" —")
    document.save(str(path))
    return path


def test_pdf_text_without_page_heads_numbers_or_broken_lines(seed_text: str, tmp_path: Path) -> None:
    source = _with_running_heads(docx_from_text(seed_text, tmp_path / "plan.docx"))
    plan = parse_file(soffice_convert(source, "pdf", tmp_path / "pdf"))
    assert_seed(plan)
    assert plan.title == "东河区2021年度法治政府建设工作计划"
    assert plan.year == 2021
    text = "".join(t.title + t.body for t in plan.tasks)
    assert "—" not in text and "人民政府办公室文件" not in text
    # A paragraph wrapped over many lines is one task text, not a line each.
    assert plan.task(26).body.endswith("培育法治政府建设先进典型。")


def test_pdf_ruled_table_across_pages(seed_text: str, tmp_path: Path) -> None:
    source = docx_table_from_text(seed_text, tmp_path / "table.docx", ruled=True)
    plan = parse_file(soffice_convert(source, "pdf", tmp_path / "pdf"))
    assert_units(plan)  # a unit a line in a cell stays one unit each; a row cut by a page is one task
    assert plan.task(1).title == "实施统一的市场准入负面清单制度"
    assert plan.task(13).section == "严格规范公正文明执法"


def test_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy

    figure = plt.figure(figsize=(2, 2))
    figure.figimage(numpy.random.default_rng(1).random((100, 100)))
    figure.savefig(tmp_path / "scan.pdf")
    plt.close(figure)
    with pytest.raises(PlanError, match="no text layer"):
        parse_file(tmp_path / "scan.pdf")


def test_doc_and_wps_through_libreoffice_and_natively(seed_text: str, tmp_path: Path) -> None:
    source = docx_table_from_text(seed_text, tmp_path / "table.docx", ruled=True)
    doc = soffice_convert(source, "doc", tmp_path / "doc")
    assert_units(parse_file(doc))
    wps = shutil.copyfile(doc, tmp_path / "table.wps")  # WPS writes the Word 97–2003 format
    assert_units(parse_file(wps))
    native = parse_blocks(doc_blocks(doc))  # the reader used when LibreOffice is not installed
    assert_units(native)
    assert native.task(1).title == "实施统一的市场准入负面清单制度"


def test_doc_paragraphs_natively(seed_text: str, tmp_path: Path) -> None:
    doc = soffice_convert(docx_from_text(seed_text, tmp_path / "plan.docx"), "doc", tmp_path / "doc")
    plan = parse_blocks(doc_blocks(doc))
    assert_seed(plan)
    assert plan.issuer == "包头市东河区人民政府办公室"


def test_xls_and_et_workbooks(seed_text: str, tmp_path: Path) -> None:
    xls = soffice_convert(xlsx_from_text(seed_text, tmp_path / "plan.xlsx"), "xls", tmp_path / "xls")
    for path in (xls, shutil.copyfile(xls, tmp_path / "plan.et")):
        plan = parse_file(path)
        assert_units(plan)
        assert plan.task(17).section == "严格规范公正文明执法"  # from the merged 重点任务 cells
        assert plan.title == "东河区2021年度法治政府建设工作计划任务分工表"


def test_a_word_file_with_another_ending_is_still_read(seed_text: str, tmp_path: Path) -> None:
    doc = soffice_convert(docx_from_text(seed_text, tmp_path / "plan.docx"), "doc", tmp_path / "doc")
    assert_seed(parse_file(shutil.copyfile(doc, tmp_path / "下载文件.txt")))


def _page(seed_text: str) -> str:
    """The plan as a government portal shows it: site chrome around an article with a task table."""
    rows = task_rows(seed_text)
    body = []
    section = None
    for row in rows:
        if row["重点任务"] != section:
            section = row["重点任务"]
            span = sum(1 for r in rows if r["重点任务"] == section)
            first = f'<td rowspan="{span}">{section}</td>'
        else:
            first = ""
        lead = str(row["牵头单位"]).replace("\n", "<br>")
        body.append(
            f"<tr><td>{row['序号']}</td>{first}<td>{row['工作措施']}</td><td>{lead}</td>"
            f"<td>{row['责任单位']}</td><td>{row['完成时限']}</td></tr>"
        )
    return f"""<!DOCTYPE html><html><head><meta charset="gb2312"><title>东河区2021年度法治政府建设工作计划_东河区人民政府</title>
<script>var nav = "首页";</script></head><body>
<div class="top-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hdjl">互动交流</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="article">
<h1>东河区2021年度法治政府建设工作计划</h1>
<p class="info">发布机构：包头市东河区人民政府办公室　发布日期：2021年08月09日</p>
<div class="TRS_Editor"><p>为深入贯彻落实习近平法治思想，制定本计划。</p>
<table border="1"><tr><th>序号</th><th>重点任务</th><th>工作措施</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>
{"".join(body)}</table></div></div>
<ul class="related"><li><a href="/1">关于印发东河区2020年度工作要点的通知</a></li><li><a href="/2">2022年工作计划</a></li></ul>
<div class="footer">主办：包头市东河区人民政府 版权所有 ICP备案号：蒙ICP备00000000号</div>
</body></html>"""


def test_html_page_saved_from_a_browser(seed_text: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_bytes(_page(seed_text).encode("gb18030"))
    plan = parse_file(path)
    assert_units(plan)
    assert plan.sections[0] == "深入推进法治化营商环境建设"  # the column merged down by rowspan
    assert plan.task(17).section == "严格规范公正文明执法"
    assert plan.title == "东河区2021年度法治政府建设工作计划"
    assert plan.issuer == "包头市东河区人民政府办公室"


def test_mhtml_page(seed_text: str, tmp_path: Path) -> None:
    message = MIMEMultipart("related")
    message["Subject"] = "东河区2021年度法治政府建设工作计划"
    message.attach(MIMEText(_page(seed_text).replace("gb2312", "utf-8"), "html", "utf-8"))
    path = tmp_path / "plan.mhtml"
    path.write_bytes(b"MIME-Version: 1.0\r\n" + message.as_bytes())
    assert_units(parse_file(path))


def test_html_from_an_office_suite(seed_text: str, tmp_path: Path) -> None:
    source = docx_from_text(seed_text, tmp_path / "plan.docx")
    assert_seed(parse_file(soffice_convert(source, "html", tmp_path / "html")))


def test_cli_parses_a_pdf(seed_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    pdf = soffice_convert(docx_from_text(seed_text, tmp_path / "plan.docx"), "pdf", tmp_path / "pdf")
    assert main(["parse", str(pdf), "--json"]) in (0, None)
    data = json.loads(capsys.readouterr().out)
    assert len(data["tasks"]) == 26
