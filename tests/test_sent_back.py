"""A part the office sent back (退回) is not done anywhere a unit or the office looks: the completion rate, my
reports, what is still unfinished, the console's overview and the ledger; it is chased again (QA finding 5)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlmodel import Session, select

from tests.chat import Chat


def _review_buttons(chat: Chat) -> list[list[list[str]]]:
    from storage.models import Broadcast

    with Session(chat.ctx.store.engine) as session:
        rows = session.exec(select(Broadcast).order_by(Broadcast.id)).all()
        return next(b.buttons for b in rows if "【待审核】" in b.text)


async def test_a_sent_back_part_is_not_done_anywhere(tmp_path: Path, database_url: str) -> None:
    chat = Chat(tmp_path, database_url=database_url)
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    await chat.report_done("alice", 15)
    assert "已完成1项" in await chat.text("alice", "完成率多少")
    back = next(b[1] for row in _review_buttons(chat) for b in row if b[0] == "退回")
    await chat.text("office", callback=back)
    assert "已退回" in await chat.text("office", "缺少清理目录，请补充")

    rate = await chat.text("alice", "完成率多少")
    assert "完成率0%" in rate and "已退回1项" in rate and "已完成" not in rate  # 完成率4%：已完成1项 before the fix
    mine = await chat.text("alice", "我的汇报")
    assert "已退回" in mine and "【已完成】" not in mine
    assert "共24项" in await chat.text("alice", "还有哪些没完成")  # all 24, 15 among them (23 before)

    from ledger.export import write_ledger
    from ledger.overview import overview
    from storage.reports import reports_of_plan

    view = chat.ctx.store.view()
    assert view is not None
    with chat.ctx.store.session() as session:
        reports = reports_of_plan(session, view.plan_ids)
    today, zone = chat.ctx.now().date(), ZoneInfo(chat.ctx.settings.timezone)
    seen = overview(view, reports, today, zone)
    assert seen.counts["done"] == 0 and seen.counts["returned"] == 1  # the console's 已完成 and 已退回 counts

    path = tmp_path / "ledger.xlsx"
    write_ledger(chat.ctx.store, path, today=today, zone=zone)
    log = load_workbook(path).worksheets[1]
    statuses = [row[5] for row in log.iter_rows(min_row=2, values_only=True)]
    assert statuses == ["已退回"]  # the report's row in 汇报记录 says it was sent back
