"""Plan documents built in the tests: .docx and .xlsx copies of the bundled plan and other shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import openpyxl

from plan.parser import parse_text

HEADER_XLSX = ["序号", "重点任务", "工作措施", "完成时限", "责任单位", "牵头单位"]


def docx_from_text(text: str, path: Path, *, full_width: bool = True) -> Path:
    """The plan as a Word document, a paragraph a line, with the original's full-width punctuation."""
    document = docx.Document()
    table = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.translate(table) if full_width and not line.startswith("解读") else line)
    document.save(str(path))
    return path


def task_rows(text: str) -> list[dict[str, object]]:
    """The bundled plan's tasks as rows of a 任务分工表."""
    plan = parse_text(text)
    return [
        {
            "序号": t.number,
            "重点任务": t.section,
            "工作措施": f"{t.title}。{t.body}",
            "完成时限": "；".join(d.text for d in t.deadlines) or "2021年12月底前",
            "责任单位": "、".join(t.responsible),
            "牵头单位": "\n".join(t.lead),  # one unit a line, as offices type them in cells
        }
        for t in plan.tasks
    ]


def xlsx_from_text(text: str, path: Path) -> Path:
    """The plan as an Excel task table: a title row, a header in its own order, merged section cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["东河区2021年度法治政府建设工作计划任务分工表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER_XLSX))
    sheet.append(HEADER_XLSX)
    rows = task_rows(text)
    start = 3
    for i, row in enumerate(rows):
        sheet.append([row[h] for h in HEADER_XLSX])
        last = i + 1 == len(rows) or rows[i + 1]["重点任务"] != row["重点任务"]
        if last:  # merge the section column down over its tasks, leaving blanks below the first
            end = start + (i - (start - 3))
            if end > start:
                sheet.merge_cells(start_row=start, start_column=2, end_row=end, end_column=2)
            start = end + 1
    book.save(str(path))
    return path


def docx_table_from_text(text: str, path: Path, *, ruled: bool = False) -> Path:
    """The plan as a Word document with a preamble and a task table whose sections are full-width rows;
    `ruled`: with borders and column widths, as offices draw them (and as a PDF shows them)."""
    document = docx.Document()
    document.add_paragraph("东河区2021年度法治政府建设工作计划")
    document.add_paragraph("为深入贯彻落实习近平法治思想，制定本计划。")
    header = ["序号", "主要任务", "牵头单位", "责任单位", "完成时限"]
    table = document.add_table(rows=1, cols=len(header))
    for cell, name in zip(table.rows[0].cells, header, strict=True):
        cell.text = name
    section = None
    for row in task_rows(text):
        if row["重点任务"] != section:
            section = row["重点任务"]
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = f"{_cn(row)}、{section}"
        cells = table.add_row().cells
        for cell, name in zip(cells, header, strict=True):
            value = row["工作措施"] if name == "主要任务" else row.get(name, "")
            cell.text = str(value)
    if ruled:
        from docx.shared import Cm

        table.style = document.styles["Table Grid"]
        for column, width in zip(table.columns, (1.2, 8.0, 3.0, 3.0, 2.4), strict=True):
            for cell in column.cells:
                cell.width = Cm(width)
    document.save(str(path))
    return path


_SECTION_NUMBERS = "一二三四五六七八"
_sections_seen: list[str] = []


def _cn(row: dict[str, object]) -> str:
    section = str(row["重点任务"])
    if section not in _sections_seen:
        _sections_seen.append(section)
    return _SECTION_NUMBERS[_sections_seen.index(section) % 8]


def strip_spaces(text: str) -> str:
    """Text without the web copy's stray spaces, for comparing."""
    return re.sub(r"\s+", "", text)


FONTS = Path(__import__("pylopdf_fonts_zh_cn").__file__).parent  # Noto Sans SC, for PDFs with Chinese glyphs


def cjk_fonts(folder: Path) -> Path:
    """A fontconfig file in `folder` that adds Noto Sans SC to the machine's fonts (with its cache there), for
    a program that draws Chinese into a PDF on a machine that may have no CJK font."""
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{FONTS}</dir><cachedir>{folder / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return config


def soffice_convert(source: Path, to: str, folder: Path) -> Path:
    """A document converted by LibreOffice (as an office would save it: Word → .doc, .pdf; Excel → .xls),
    with a CJK font it can embed, so that a PDF's text layer holds the characters. A .doc is written from
    an .odt: LibreOffice writes python-docx's tables into a .doc that it then reads without them."""
    import subprocess

    if to == "doc" and source.suffix == ".docx":
        source = soffice_convert(source, "odt", folder / "odt")
    folder.mkdir(parents=True, exist_ok=True)
    config = cjk_fonts(folder)
    env = {**__import__("os").environ, "FONTCONFIG_FILE": str(config), "HOME": str(folder)}
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", to]
        + ["--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    out = folder / (source.stem + "." + to.split(":")[0])
    assert out.exists(), f"LibreOffice made no {to} of {source.name}"
    return out


def chromium_pdf(html: str, folder: Path, margins: bool = False) -> Path:
    """A web page printed to PDF by headless Chromium, as an office prints a portal's page: with Noto Sans
    SC to draw it (the machine may have no CJK font), so the text layer is Chromium's own (radicals and all)."""
    import os
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        import pytest

        pytest.skip("no Chromium to print a web page")
    folder.mkdir(parents=True, exist_ok=True)
    config = cjk_fonts(folder)
    page = folder / "page.html"
    page.write_text(html, encoding="utf-8")
    out = folder / "page.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu"]
        + ([] if margins else ["--no-pdf-header-footer"])  # margins: the date, title, address and page number
        + [f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={out}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(folder)},
    )
    assert out.exists(), "Chromium printed no PDF"
    return out


class PlanLabels:
    """A hand-labeled set's answers, written as NAME.expected.json beside its documents by the set's build script."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.plans: dict[str, dict] = {}

    def label(self, name: str, title: str, tasks: list[tuple], **extra: object) -> None:
        """tasks: (number, lead, responsible, cooperating[, due])."""
        rows = []
        for t in tasks:
            row = {"number": t[0], "lead": t[1], "responsible": t[2], "cooperating": t[3]}
            if len(t) > 4:
                row["due"] = t[4]
            rows.append(row)
        self.plans[name] = {"title": title, "tasks": rows, **extra}

    def write(self) -> None:
        for name, data in self.plans.items():
            (self.folder / f"{name}.expected.json").write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
