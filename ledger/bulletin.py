"""The office's bulletin (督办通报) as a Word document, written on a template the office can replace
(DUBAN_BULLETIN_TEMPLATE; the shipped one is `ledger/data/bulletin-template.docx`): its placeholders
{{heading}}, {{number}}, {{issuer}}, {{date}}, {{title}} are filled, and {{body}} becomes the summary,
a table per source, the late items, the units that have not signed for or reported, and the chart.
Every number in it comes from `ledger.figures`; a PDF is made from it by LibreOffice when asked."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from core.texts import say
from ledger.chart import draw_behind
from ledger.figures import Bulletin, Figures, behind_first, percent, ranking

TEMPLATE = Path(__file__).resolve().parent / "data" / "bulletin-template.docx"
# The columns of the figures tables: heading key in core/texts.py and how a cell is read off Figures.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("bulletin_col_due", "due"),
    ("bulletin_col_on_time", "on_time"),
    ("bulletin_col_on_time_rate", "on_time_rate"),
    ("bulletin_col_closed", "closed"),
    ("bulletin_col_late", "late"),
    ("bulletin_col_returns", "returns"),
    ("bulletin_col_return_rate", "return_rate"),
    ("bulletin_col_signoff_rate", "signoff_rate"),
    ("bulletin_col_unsigned", "unsigned"),
    ("bulletin_col_unreported", "unreported"),
)
NUMERALS = "一二三四五六七八九十"
_XMLNS = re.compile(r' xmlns:\w+="[^"]*"')


class BulletinError(RuntimeError):
    """The bulletin could not be written (a template without {{body}}, a PDF LibreOffice did not make)."""


@dataclass(frozen=True)
class Masthead:
    """What the office puts at the top: its heading, number, issuer, date and the title."""

    heading: str  # 督办通报
    number: str  # 2025年第10期
    issuer: str  # 区政府督查室
    issued: date
    title: str  # 关于2025年10月重点工作督办情况的通报


def cell(figures: Figures, attribute: str) -> str:
    """A figures table's cell: a count, or a rate as 87.5% (— when nothing was counted)."""
    value = getattr(figures, attribute)
    return percent(value) if attribute.endswith("rate") else str(value)


def _zh(key: str, **values: object) -> str:
    return say("zh", key, **values)


def _fill(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace {{name}} in a paragraph, also when Word split the placeholder over several runs."""
    if "{{" not in paragraph.text:
        return
    for run in paragraph.runs:
        for name, value in values.items():
            run.text = run.text.replace("{{" + name + "}}", value)
    if "{{" in paragraph.text and any(("{{" + n + "}}") in paragraph.text for n in values) and paragraph.runs:
        text = paragraph.text
        for name, value in values.items():
            text = text.replace("{{" + name + "}}", value)
        paragraph.runs[0].text = text
        for run in paragraph.runs[1:]:
            run.text = ""


def _paragraphs(document: DocumentObject) -> Iterator[Paragraph]:
    yield from document.paragraphs
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            yield from part.paragraphs
    for table in document.tables:
        for row in table.rows:
            for table_cell in row.cells:
                yield from table_cell.paragraphs


class _Body:
    """Writes the body where {{body}} stood, element after element."""

    def __init__(self, document: DocumentObject, anchor: Paragraph) -> None:
        self.document = document
        self.anchor = anchor

    def _place(self, element: object) -> None:
        self.anchor._p.addprevious(element)

    def heading(self, text: str, level: int) -> None:
        paragraph = self.document.add_paragraph(text, style=f"Heading {level}")
        self._place(paragraph._p)

    def text(self, text: str) -> None:
        paragraph = self.document.add_paragraph(text, style=self.anchor.style)
        paragraph.paragraph_format.first_line_indent = Pt(32)
        self._place(paragraph._p)

    def note(self, text: str) -> None:
        paragraph = self.document.add_paragraph(style=self.anchor.style)
        run = paragraph.add_run(text)
        run.font.size = Pt(12)
        self._place(paragraph._p)

    def table(self, header: list[str], rows: list[list[str]]) -> Table:
        """A table with a bold heading row repeated on every page. Rows past the first are copies of a
        formatted first row with their texts set, as python-docx's row by row building takes minutes
        for the thousands of rows of a large docket."""
        table = self.document.add_table(rows=2, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, name in enumerate(header):
            table.rows[0].cells[index].text = name
            table.rows[1].cells[index].text = "-"
        for number, row in enumerate(table.rows):
            for table_cell in row.cells:
                for paragraph in table_cell.paragraphs:
                    paragraph.paragraph_format.first_line_indent = Pt(0)
                    paragraph.paragraph_format.line_spacing = 1.0
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for run in paragraph.runs:
                        run.font.size = Pt(10.5)
                        run.font.bold = number == 0
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        self._place(table._tbl)  # moved while small: lxml's move walks the whole subtree
        sample = table.rows[1]._tr
        row_xml = etree.tostring(sample, encoding="unicode")
        declarations = " ".join(_XMLNS.findall(row_xml.split(">", 1)[0]))  # once on the fragment, not per row
        pieces = _XMLNS.sub("", row_xml).split("<w:t>-</w:t>")
        if rows:
            texts = (
                "".join(
                    p + f'<w:t xml:space="preserve">{escape(v)}</w:t>' for p, v in zip(pieces, values, strict=False)
                )
                + pieces[-1]
                for values in rows
            )
            fragment = etree.fromstring(f"<rows {declarations}>{''.join(texts)}</rows>")
            for row in list(fragment):
                sample.addprevious(row)
        sample.getparent().remove(sample)
        spacer = self.document.add_paragraph(style=self.anchor.style)
        self._place(spacer._p)
        return table

    def picture(self, path: Path) -> None:
        self.document.add_picture(str(path), width=Mm(150))
        paragraph = self.document.paragraphs[-1]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._place(paragraph._p)


def _figures_rows(named: dict[str, Figures], order: list[str], ranks: dict[str, int] | None) -> list[list[str]]:
    rows = []
    for name in order:
        values = [name, *(cell(named[name], attribute) for _, attribute in COLUMNS)]
        rows.append([*values, str(ranks[name])] if ranks is not None else values)
    return rows


def _header(first: str, ranked: bool) -> list[str]:
    return [_zh(first), *(_zh(key) for key, _ in COLUMNS), *([_zh("bulletin_col_rank")] if ranked else [])]


def summary(result: Bulletin) -> str:
    """The bulletin's opening paragraph: the period's figures in one sentence."""
    total = result.total
    return _zh(
        "bulletin_summary",
        as_of=f"{result.as_of.year}年{result.as_of.month}月{result.as_of.day}日",
        sources=len(result.by_source),
        units=len(result.by_unit),
        parts=total.parts,
        due=total.due,
        on_time=total.on_time,
        on_time_rate=percent(total.on_time_rate),
        closed=total.closed,
        late=total.late,
        late_open=total.late_open,
        returns=total.returns,
        return_rate=percent(total.return_rate),
        signoff_rate=percent(total.signoff_rate),
        unsigned=total.unsigned,
        unreported=total.unreported,
        extended=total.extended,
    )


def write_bulletin(
    result: Bulletin,
    masthead: Masthead,
    out: Path,
    *,
    template: Path | None = None,
    ranked: bool = False,
    chart: bool = True,
) -> Path:
    """Write the bulletin .docx to `out`: the template filled, the body written where {{body}} stood."""
    document = Document(str(template or TEMPLATE))
    values = {
        "heading": masthead.heading,
        "number": masthead.number,
        "issuer": masthead.issuer,
        "date": f"{masthead.issued.year}年{masthead.issued.month}月{masthead.issued.day}日",
        "title": masthead.title,
        "period": result.period.label(),
    }
    anchor = next((p for p in document.paragraphs if "{{body}}" in p.text), None)
    if anchor is None:
        raise BulletinError(f"{(template or TEMPLATE).name}: the template has no {{{{body}}}} paragraph")
    for paragraph in _paragraphs(document):
        if paragraph is not anchor:
            _fill(paragraph, values)
    body = _Body(document, anchor)
    body.text(summary(result))
    sections = iter(NUMERALS)

    body.heading(_zh("bulletin_by_source", n=next(sections)), 1)
    sources = sorted(result.by_source)
    body.table(_header("bulletin_col_source", False), _figures_rows(result.by_source, sources, None))
    for index, source in enumerate(sources, start=1):
        body.heading(_zh("bulletin_source_units", n=NUMERALS[index - 1], source=source), 2)
        units = result.by_source_unit[source]
        source_ranks = ranking(units) if ranked else None
        order = sorted(units, key=lambda u: (source_ranks[u], u)) if source_ranks else sorted(units)
        body.table(_header("bulletin_col_unit", ranked), _figures_rows(units, order, source_ranks))

    body.heading(_zh("bulletin_by_unit", n=next(sections)), 1)
    ranks = ranking(result.by_unit) if ranked else None
    order = sorted(result.by_unit, key=lambda u: (ranks[u], u)) if ranks else behind_first(result.by_unit)
    body.table(_header("bulletin_col_unit", ranked), _figures_rows(result.by_unit, order, ranks))
    if chart and result.by_unit:
        with tempfile.TemporaryDirectory() as folder:
            picture = draw_behind(result.by_unit, Path(folder) / "behind.png", _zh("bulletin_chart_title"))
            body.picture(picture)

    body.heading(_zh("bulletin_late", n=next(sections), count=len(result.late)), 1)
    if result.late:
        states = {True: _zh("bulletin_late_closed"), False: _zh("bulletin_late_open")}
        body.table(
            [_zh(k) for k in ("bulletin_col_no", "bulletin_col_source", "bulletin_col_item", "bulletin_col_unit",
                              "bulletin_col_deadline", "bulletin_col_days_late", "bulletin_col_state")],
            [
                [str(n), x.part.source, f"{x.part.item} {x.part.title}".strip(), x.part.unit, x.due.isoformat(),
                 str(x.days), states[x.closed]]
                for n, x in enumerate(result.late, start=1)
            ],
        )  # fmt: skip
    else:
        body.text(_zh("bulletin_none_late"))

    body.heading(_zh("bulletin_waiting", n=next(sections)), 1)
    unsigned, unreported = _zh("bulletin_unsigned"), _zh("bulletin_unreported")
    waiting = [(w, unsigned) for w in result.unsigned] + [(w, unreported) for w in result.unreported]
    if waiting:
        body.table(
            [_zh(k) for k in ("bulletin_col_no", "bulletin_col_unit", "bulletin_col_source", "bulletin_col_item",
                              "bulletin_col_state", "bulletin_col_since")],
            [
                [str(n), w.part.unit, w.part.source, f"{w.part.item} {w.part.title}".strip(), state,
                 w.since.isoformat()]
                for n, (w, state) in enumerate(waiting, start=1)
            ],
        )  # fmt: skip
    else:
        body.text(_zh("bulletin_none_waiting"))
    body.note(_zh("bulletin_definitions", days=result.signoff_workdays))
    anchor._p.getparent().remove(anchor._p)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def to_pdf(docx: Path, *, timeout: float = 120.0) -> Path:
    """The bulletin as PDF beside it, rendered by LibreOffice (soffice --headless), in its own profile
    so that a running LibreOffice of the office's does not swallow the job."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise BulletinError("LibreOffice (soffice) is not installed: the .docx is written, no PDF")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(  # noqa: S603 - a fixed program and our own file
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(docx.parent), str(docx)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    pdf = docx.with_suffix(".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise BulletinError(f"LibreOffice made no PDF of {docx.name}: {(done.stderr or done.stdout).strip()[:200]}")
    return pdf
