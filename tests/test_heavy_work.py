"""CPU-heavy work (a ledger's workbook and chart, a plan's import) runs in a worker process, so a
thread running it no longer holds the GIL the chats' event loop needs (core/lanes.py: in_process). What
it makes is what the same work makes in the process itself."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from core.store import import_apart
from ledger.export import write_ledger, write_ledger_apart
from plan.parser import parse_file
from schedules.workdays import WorkCalendar
from tests.chat import Chat


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


async def test_a_ledger_built_in_a_worker_process_is_the_one_built_here(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("zhang", "统计局")
    await chat.report_done("zhang", 19)
    ctx = chat.ctx
    today = ctx.now().date()
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    here = write_ledger(
        ctx.store,
        tmp_path / "here" / "台账.xlsx",
        today=today,
        zone=ZoneInfo(ctx.settings.timezone),
        yellow_workdays=ctx.settings.light_yellow_workdays,
        is_workday=calendar.is_workday,
    )
    apart = await ctx.lanes.in_process(
        write_ledger_apart, ctx.settings, tmp_path / "apart" / "台账.xlsx", today, calendar.is_workday
    )
    assert apart.rows == here.rows > 0
    assert cells(apart.workbook) == cells(here.workbook)
    assert any("按计划完成" in str(row) for row in cells(apart.workbook)["台账"])  # the report is in it
    assert apart.chart is not None and here.chart is not None
    assert apart.chart.read_bytes() == here.chart.read_bytes()


async def test_a_plan_previewed_in_a_worker_process_reads_as_here(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    revised = tmp_path / "修订.txt"
    text = chat.ctx.settings.plan_file.read_text(encoding="utf-8")
    revised.write_text(text.replace("2021年底前", "2021年11月底前"), encoding="utf-8")
    parsed = parse_file(revised)
    _, here = chat.ctx.store.preview_import(revised, parsed=parsed)
    _, apart = await chat.ctx.lanes.in_process(import_apart, chat.ctx.settings, revised, parsed, preview=True)
    assert apart == here and apart.updated
    result = await chat.ctx.lanes.in_process(import_apart, chat.ctx.settings, revised, parsed)
    assert result.updated == here.updated
    chat.ctx.store.refresh()
    view = chat.ctx.store.view()
    assert view is not None and "2021年11月底前" in "".join(t.body + t.title for t in view.tasks)
