"""The ledger (台账) workbook: one row per task and owing unit, the report history, and the chart."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from core.settings import Settings
from core.store import Store, attached_store
from core.texts import say
from ledger.chart import draw_chart, shares
from ledger.lights import STATE_WORDS, SYMBOLS, light, weekdays
from ledger.standing import Standing, standings
from storage.reports import reports_of_plan

LEDGER_HEADER = [
    "序号", "任务", "所属部分", "牵头单位", "责任单位", "单位", "角色", "完成时限",
    "最新状态", "最新汇报", "汇报日期", "汇报人", "是否逾期", "来源", "灯",
]  # fmt: skip
HISTORY_HEADER = ["时间", "序号", "任务", "单位", "汇报人", "状态", "说明", "完成数", "佐证", "来源"]  # 来源: as 台账's
ROLE = {"lead": "牵头", "responsible": "责任"}
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Written:
    """The files of one ledger."""

    workbook: Path
    chart: Path | None  # the PNG for the chat; None when it could not be drawn (the workbook has its own chart)
    rows: int


def _append(sheet: Worksheet, values: list[object]) -> None:
    """A row of plain values: what users wrote never becomes a formula or breaks the file."""
    clean = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(clean)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
            cell.data_type = "s"


def _local(moment: object, zone: ZoneInfo) -> str:
    """A time as the plan's office reads it (DUBAN_TIMEZONE), not in the server's own zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""  # type: ignore[attr-defined]


def _chart_sheet(book: Workbook, rows: list[Standing]) -> None:
    """A sheet of completion shares by section and by unit, with native bar charts that Excel and WPS
    draw in their own fonts: the workbook never depends on a font on this machine."""
    sheet = book.create_sheet("完成情况")
    top = 1
    for key, label in (("section", "按部分"), ("unit", "按单位")):
        names, percents, totals = shares(rows, key)
        for column, heading in enumerate((label, "已完成占比（%）", "行数"), start=1):
            sheet.cell(top, column, heading).font = Font(bold=True)
        for offset, (name, share, total) in enumerate(zip(names, percents, totals, strict=True), start=1):
            _append_at(sheet, top + offset, [name, round(share, 1), total])
        if names:
            chart = BarChart()
            chart.type = "bar"
            chart.title = f"{label}：已完成占比（%）"
            chart.y_axis.scaling.min = 0
            chart.y_axis.scaling.max = 100
            chart.legend = None
            chart.height = max(7.5, 0.55 * len(names))
            chart.width = 18
            chart.add_data(Reference(sheet, min_col=2, min_row=top, max_row=top + len(names)), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + len(names)))
            sheet.add_chart(chart, f"E{top}")
        top += max(len(names), int(max(7.5, 0.55 * len(names)) * 2)) + 3  # below the table and its chart
    sheet.column_dimensions["A"].width = 30


def _append_at(sheet: Worksheet, row: int, values: list[object]) -> None:
    """Values written at a row, cleaned as _append cleans them."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
            cell.data_type = "s"


def write_ledger(
    store: Store,
    out: Path,
    *,
    today: date,
    zone: ZoneInfo | None = None,
    yellow_workdays: int = 3,
    is_workday: Callable[[date], bool] = weekdays,
) -> Written:
    """Write the ledger workbook to `out` and its chart beside it (same name, .png), each part with its
    source and light (yellow within `yellow_workdays` working days of its deadline)."""
    zone = zone or ZoneInfo("Asia/Shanghai")
    view = store.view()
    if view is None:
        raise LookupError("no plan is stored")
    with store.session() as session:
        history = view.with_units(reports_of_plan(session, view.plan_ids))  # 农委's reports are 市农委's
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
                STATE_WORDS[row.state],
                report.text if report else "",
                _local(report.created_at, zone) if report else "",
                report.person if report else "",
                "是" if row.late else "否",
                row.task.source,
                SYMBOLS[light(row, today, yellow_workdays, is_workday, zone)],
            ],
        )
    log = book.create_sheet("汇报记录")
    log.append(HISTORY_HEADER)
    for report in history:
        _append(
            log,
            [
                _local(report.created_at, zone),
                report.task_number,
                report.task_title,
                report.unit,
                report.person,
                say("zh", f"status_{report.state}"),
                report.text,
                report.figure if report.figure is not None else "",
                report.evidence_name or "",
                task.source if (task := view.by_id(report.task_id)) else "",
            ],
        )
    for ws, widths in (
        (sheet, [6, 30, 18, 24, 20, 18, 16, 12, 10, 40, 17, 10, 8, 10, 4]),
        (log, [17, 6, 30, 18, 10, 10, 50, 8, 20, 10]),
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
    _chart_sheet(book, rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    try:
        chart: Path | None = draw_chart(rows, out.with_suffix(".png"), view.title)
    except Exception:  # a picture for the chat is a convenience: the workbook, chart included, is written
        logger.exception("the ledger chart (PNG) could not be drawn")
        chart = None
    return Written(workbook=out, chart=chart, rows=len(rows))


def write_ledger_apart(
    settings: Settings, out: Path, today: date, is_workday: Callable[[date], bool] = weekdays
) -> Written:
    """`write_ledger` as a worker process runs it (core/lanes.py: Lanes.in_process), on the database and
    with the time zone and lights of `settings`: the same workbook and chart, no GIL taken from the loop."""
    return write_ledger(
        attached_store(settings),
        out,
        today=today,
        zone=ZoneInfo(settings.timezone),
        yellow_workdays=settings.light_yellow_workdays,
        is_workday=is_workday,
    )
