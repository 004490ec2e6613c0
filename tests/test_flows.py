"""Conversations carried as declared flows (core/data/flows.yaml): a report put aside waits as long as the
person was told, across a restart, and ends with a notice that goes through the outbox."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from handlers.conversation import end_idle
from storage.models import Broadcast, Delivery, Dialog
from tests.chat import Chat


async def _put_aside(chat: Chat) -> str:
    await chat.join("wang", "司法局")
    await chat.say("wang", "汇报进展")
    await chat.say("wang", "17")
    await chat.say("wang", "嗯")
    stuck = await chat.say("wang", "啊这")
    paused = await chat.press("wang", stuck, "稍后继续")
    return paused[0].text


def _notices(chat: Chat) -> list[tuple[str, str, str]]:
    with Session(chat.ctx.store.engine) as session:
        rows = session.exec(
            select(Broadcast.text, Delivery.platform, Delivery.chat_id)
            .join(Delivery, col(Delivery.broadcast_id) == col(Broadcast.id))
            .where(Broadcast.kind == "reply")
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_a_report_put_aside_is_resumed_the_next_day_after_a_restart(tmp_path: Path) -> None:
    chat = Chat(tmp_path, paused_report_days=7)
    told = await _put_aside(chat)
    assert "保留7天" in told  # the person is told how long, and that is how long it is kept
    real = chat.ctx.clock
    restarted = Chat(tmp_path, paused_report_days=7)  # a new process on the same database
    restarted.ctx.clock = lambda: real() + timedelta(days=1)
    assert end_idle(restarted.ctx) == 0  # idle far past the 30 minutes of an open report: kept
    resumed = await restarted.say("wang", "继续汇报")
    assert resumed[0].text.startswith("接着刚才的汇报") and "第17条" in resumed[-1].text
    assert "说明进展" in await restarted.text("wang", "推进中")
    assert _notices(restarted) == []


async def test_a_report_put_aside_ends_after_the_days_told_and_says_so_through_the_outbox(tmp_path: Path) -> None:
    chat = Chat(tmp_path, paused_report_days=2)
    await _put_aside(chat)
    real = chat.ctx.clock
    chat.ctx.clock = lambda: real() + timedelta(days=1, hours=23)
    assert end_idle(chat.ctx) == 0
    chat.ctx.clock = lambda: real() + timedelta(days=2, minutes=1)
    assert end_idle(chat.ctx) == 1
    [(text, platform, chat_id)] = _notices(chat)  # queued with retries, not sent once and forgotten
    assert "2天前先保留的汇报已到期" in text and (platform, chat_id) == ("console", "wang")
    with Session(chat.ctx.store.engine) as session:
        assert session.exec(select(Dialog)).all() == []
    assert "第17条" not in (await chat.say("wang", "继续汇报"))[0].text  # a new report: which task?


async def test_an_idle_broadcast_ends_as_a_notice_not_as_a_report(tmp_path: Path) -> None:
    chat = Chat(tmp_path, dialog_timeout_minutes=30)
    await chat.join("li", "统计局")  # someone to send it to: else it ends at once
    asked = await chat.say("office", "给统计局发个通知")
    assert asked[0].buttons  # the text is asked for
    real = chat.ctx.clock
    chat.ctx.clock = lambda: real() + timedelta(minutes=31)
    late = await chat.text("office", "请于周五前报送材料")
    assert "通知30分钟未操作，已取消，没有发送" in late and "汇报" not in late.split("\n")[0]


async def test_a_figure_written_with_thousands_grouped_is_saved_whole(tmp_path: Path) -> None:
    from storage.models import Report

    chat = Chat(tmp_path)
    await chat.join("wang", "司法局")
    for said in ("汇报进展", "17", "推进中", "组织了执法人员培训"):
        await chat.say("wang", said)
    evidence = await chat.text("wang", "1,200")  # the figure step (不少于60学时)
    assert "照片或文件" in evidence
    confirm = await chat.say("wang", "跳过")
    assert "1200" in confirm[0].text
    await chat.press("wang", confirm, "确认")
    with Session(chat.ctx.store.engine) as session:
        [report] = session.exec(select(Report)).all()
    assert report.figure == 1200.0
