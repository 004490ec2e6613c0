"""The bulletin as the office receives it: a .docx whose tables hold the figures worked out by hand
(tests/test_bulletin_figures.py), on the shipped template or the office's own, rendered to PDF by the
LibreOffice installed here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from ledger.bulletin import TEMPLATE, BulletinError, Masthead, to_pdf, write_bulletin
from ledger.figures import compute
from ledger.periods import Period
from schedules.workdays import WorkCalendar
from tests.bulletin_docket import ZONE, A, B, C, at, docket

MASTHEAD = Masthead("督办通报", "2025年第10期", "区政府督查室", date(2025, 11, 3), "关于2025年10月督办工作情况的通报")


def _october() -> object:
    return compute(docket().values(), Period.month(2025, 10), now=at(11, 3, 9), zone=ZONE, calendar=WorkCalendar())


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in Document(str(path)).tables]


def test_tables_hold_the_figures(tmp_path: Path) -> None:
    out = write_bulletin(_october(), MASTHEAD, tmp_path / "通报.docx")  # type: ignore[arg-type]
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{" not in text
    assert text.index("督办通报") < text.index("2025年第10期") < text.index("关于2025年10月督办工作情况的通报")
    assert "区政府督查室\t2025年11月3日" in text
    assert "按时办结率60%" in text and "退回率28.6%" in text and "签收及时率33.3%" in text
    sources, handed, rule_of_law, units, late, waiting = _tables(out)  # sources in code-point order
    assert sources[0][:5] == ["来源", "应办结", "按时办结", "按时办结率", "办结"]
    assert sources[1:] == [
        ["交办", "2", "2", "100%", "2", "0", "0", "0%", "33.3%", "2", "0"],
        ["法治", "3", "1", "33.3%", "3", "3", "2", "40%", "—", "0", "1"],
    ]
    assert rule_of_law[0][0] == "单位" and "排名" not in rule_of_law[0]  # ranking is off by default
    assert {row[0]: row[1:] for row in handed[1:]}[C] == ["1", "1", "100%", "1", "0", "0", "0%", "100%", "1", "0"]
    # Units, the most behind first: 财政局 (1 late, 1 unsigned, 1 unreported), 统计局, 司法局.
    assert [row[0] for row in units[1:]] == [C, B, A]
    assert units[2] == [B, "1", "0", "0%", "2", "1", "2", "50%", "0%", "1", "0"]
    assert [row[2:7] for row in late[1:]] == [
        ["法治第3条 出庭应诉", C, "2025-09-30", "32", "逾期未办结"],
        ["法治第1条 清理规范性文件", B, "2025-10-20", "8", "逾期办结"],
        ["法治第2条 行政复议规范化", A, "2025-10-31", "1", "逾期未办结"],
    ]
    assert [(row[1], row[3], row[4], row[5]) for row in waiting[1:]] == [
        (B, "交办2号 交办2号事项", "未签收", "2025-10-29"),
        (C, "交办2号 交办2号事项", "未签收", "2025-10-31"),
        (C, "法治第3条 出庭应诉", "未汇报", "2025-10-01"),
    ]
    assert len(document.inline_shapes) == 1  # the chart


def test_ranking_when_the_office_turns_it_on(tmp_path: Path) -> None:
    out = write_bulletin(_october(), MASTHEAD, tmp_path / "b.docx", ranked=True)  # type: ignore[arg-type]
    units = _tables(out)[3]
    assert units[0][-1] == "排名"
    assert [(row[0], row[-1]) for row in units[1:]] == [(C, "1"), (A, "2"), (B, "3")]


def test_the_office_template_is_used(tmp_path: Path) -> None:
    """An office's own template: its own words around the placeholders, a placeholder Word split in two runs."""
    document = Document(str(TEMPLATE))
    first = document.paragraphs[0]
    first.runs[0].text = "{{head"
    first.add_run("ing}}（内部）")
    document.add_paragraph("抄送：区委办公室")
    own = tmp_path / "own.docx"
    document.save(str(own))
    out = write_bulletin(_october(), MASTHEAD, tmp_path / "b.docx", template=own)  # type: ignore[arg-type]
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == "督办通报（内部）"
    assert paragraphs[-1] == "抄送：区委办公室"


def test_a_template_without_a_body_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.docx"
    Document().save(str(bare))
    with pytest.raises(BulletinError, match="body"):
        write_bulletin(_october(), MASTHEAD, tmp_path / "b.docx", template=bare)  # type: ignore[arg-type]


def test_nothing_late_says_so(tmp_path: Path) -> None:
    result = compute([], Period.month(2025, 10), now=at(11, 3), zone=ZONE, calendar=WorkCalendar())
    out = write_bulletin(result, MASTHEAD, tmp_path / "empty.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "本期无逾期事项。" in text and "各单位均已签收并按要求汇报。" in text


def test_libreoffice_renders_it_to_pdf(tmp_path: Path) -> None:
    """LibreOffice is installed on this machine (make test installs it): the PDF is made, never skipped."""
    out = write_bulletin(_october(), MASTHEAD, tmp_path / "通报.docx")  # type: ignore[arg-type]
    pdf = to_pdf(out)
    data = pdf.read_bytes()
    assert data[:5] == b"%PDF-" and len(data) > 10_000
