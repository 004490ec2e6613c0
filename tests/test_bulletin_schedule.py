"""The monthly bulletin is drafted on the first working day of the month (after the National Day
holiday: Thursday Oct 9, 2025), once across restarts and processes; the office is told it awaits review;
units hear nothing until the office issues it, then each unit its own figures, once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from core.context import Context
from core.settings import Settings
from core.store import open_store
from schedules.bulletins import drafts, first_workday_of_month, issue, monthly_draft
from schedules.workdays import WorkCalendar
from storage.models import Broadcast, Delivery
from tests.chat import Chat

ZONE = ZoneInfo("Asia/Shanghai")


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2021, month, day, hour, tzinfo=ZONE)


def _sent(ctx: Context) -> list[tuple[str, str, str]]:
    with ctx.store.session() as session:
        rows = session.exec(select(Broadcast.audience, Delivery.chat_id, Broadcast.text).join(Delivery)).all()
    return [(a, c, t) for a, c, t in rows if a.startswith("bulletin")]


def test_first_working_day_follows_the_calendar() -> None:
    calendar = WorkCalendar()
    assert first_workday_of_month(calendar, _at(10, 20).date()).isoformat() == "2021-10-08"  # 国庆 2021: Oct 1–7
    assert first_workday_of_month(calendar, _at(11, 20).date()).isoformat() == "2021-11-01"
    assert first_workday_of_month(calendar, _at(5, 20).date()).isoformat() == "2021-05-06"  # 劳动节 May 1–5


async def test_monthly_draft_once_then_issued_to_units_once(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("zhang", "区司法局")
    await chat.say("office", "/whoami")  # the office's admin has a chat Duban can write to
    ctx = chat.ctx
    assert monthly_draft(ctx, _at(10, 7)) is None  # still the holiday
    made = monthly_draft(ctx, _at(10, 8))
    assert made is not None and made.docx.exists() and made.number == "2021年第1期"
    assert monthly_draft(ctx, _at(10, 8, 15)) is None  # the same day again
    # A restart: a new store and context on the same database, a day later, drafts nothing more.
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    again = Context(store=open_store(settings), settings=settings)
    assert monthly_draft(again, _at(10, 11)) is None
    notices = _sent(ctx)
    assert [(a, c) for a, c, _ in notices] == [("bulletin:2021-09", "office")]
    assert "2021年9月督办通报（2021年第1期）草稿已生成" in notices[0][2]
    assert [(d.key, d.issued_at) for d in drafts(ctx)] == [("2021-09", None)]
    # Issued by the office: 区司法局's member is told its own figures; a second issue does nothing.
    queued = issue(ctx, "2021-09", by="督查室")
    assert queued == 1
    assert issue(again, "2021-09", by="督查室") is None
    unit_notices = [(c, t) for a, c, t in _sent(ctx) if a.startswith("bulletin:2021-09:")]
    assert [c for c, _ in unit_notices] == ["zhang"]
    assert unit_notices[0][1].startswith("【督办通报】2021年第1期（2021年9月）已印发。\n区司法局：应办结")
    assert drafts(ctx)[0].issued_by == "督查室"
