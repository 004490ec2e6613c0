"""The ledger (台账) workbook: one row per task and owing unit, the report history, and the chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from bot.store import Store
from handlers.texts import say
from ledger.chart import draw_chart
from ledger.standing import standings
from storage.reports import reports_of_plan

LEDGER_HEADER = [
    "序号", "任务", "所属部分", "牵头单位", "责任单位", "单位", "角色", "完成时限",
    "最新状态", "最新汇报", "汇报日期", "汇报人", "是否逾期",
]  # fmt: skip
HISTORY_HEADER = ["时间", "序号", "任务", "单位", "汇报人", "状态", "说明", "完成数", "佐证"]
ROLE = {"lead": "牵头", "responsible": "责任"}


@dataclass(frozen=True)
class Written:
    """The files of one ledger."""

    workbook: Path
    chart: Path
    rows: int


def _append(sheet: Worksheet, values: list[object]) -> None:
    """A row of plain values: what users wrote never becomes a formula or breaks the file."""
    clean = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(clean)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
            cell.data_type = "s"


def _local(moment: object) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""  # type: ignore[attr-defined]


def write_ledger(store: Store, out: Path, *, today: date) -> Written:
    """Write the ledger workbook to `out` and its chart beside it (same name, .png)."""
    view = store.view()
    if view is None:
        raise LookupError("no plan is stored")
    with store.session() as session:
        history = reports_of_plan(session, view.plan_id)
    rows = standings(view, history, today)
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(LEDGER_HEADER)
    for row in rows:
        report = row.report
        role = ROLE[row.role] + (f"（{row.via}）" if row.via else "")
        _append(
            sheet,
            [
                row.task.number,
                row.task.title,
                row.task.section or "",
                "、".join(row.task.lead),
                "、".join(row.task.responsible),
                row.unit,
                role,
                row.due.isoformat() if row.due else "",
                say("zh", f"status_{report.status}") if report else say("zh", "not_reported"),
                report.text if report else "",
                _local(report.created_at) if report else "",
                report.person if report else "",
                "是" if row.late else "否",
            ],
        )
    log = book.create_sheet("汇报记录")
    log.append(HISTORY_HEADER)
    for report in history:
        _append(
            log,
            [
                _local(report.created_at),
                report.task_number,
                report.task_title,
                report.unit,
                report.person,
                say("zh", f"status_{report.status}"),
                report.text,
                report.figure if report.figure is not None else "",
                report.evidence_name or "",
            ],
        )
    for ws, widths in (
        (sheet, [6, 30, 18, 24, 20, 18, 16, 12, 10, 40, 17, 10, 8]),
        (log, [17, 6, 30, 18, 10, 10, 50, 8, 20]),
    ):
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE7F3")
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(1, index).column_letter].width = width
        for line in ws.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    chart = draw_chart(rows, out.with_suffix(".png"), view.title)
    return Written(workbook=out, chart=chart, rows=len(rows))
