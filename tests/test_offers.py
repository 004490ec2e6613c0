"""Choices shown as numbers (WeCom without cards, the local console) are kept in the one dialog store
(storage/dialogs.py): a "1" typed after a restart still answers them, on WeCom and on the console, and they
end by their flow's own rules: a report's numbers with the report (cancelled, or idle past
DUBAN_DIALOG_TIMEOUT_MINUTES), other choices (a binding request) after the hours flows.yaml declares."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select

from bot.adapters.console import Console
from core.flows import flows
from storage.models import Member, Offer
from tests.chat import Chat
from tests.test_console import converse
from tests.test_wecom import OFFICE, STAFF, context, join, wecom_duban
from tests.test_wecom_cards import wait_until


def test_a_binding_request_waits_in_the_console_across_a_restart(tmp_path: Path) -> None:
    asked = converse(tmp_path, "/as 张三", "我是统计局的", "1", "/quit")
    assert "(留给 office · kept for office; /as office 查看)" in asked  # the office's request, then a stop
    after = converse(tmp_path, "1", "/as 张三", "/quit")  # a new process, as the office
    assert "张三（console:张三） 申请绑定到“区统计局”" in after  # kept in the outbox, shown at the office's start
    assert "管理员已确认：您已绑定到“区统计局”" in after  # "1" was 通过, not 第1条
    assert "“1”是想问" not in after and "第1条的内容" not in after


async def test_a_number_answers_the_choices_offered_before_a_wecom_restart(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await run.say(OFFICE, "/whoami")
        await run.say("lisi", "我是统计局的")
        await run.say("lisi", "1")
        await wait_until(lambda: any("申请绑定到“区统计局”" in t and "1. 通过" in t for t in run.fake.texts(OFFICE)))
    async with wecom_duban(tmp_path) as run:  # a new server, a new store, the same database
        run.msg_id = 5000  # WeCom's message ids never repeat: those of the first run were seen
        await run.post(OFFICE, "1")
        await wait_until(lambda: any("管理员已确认" in t for t in run.fake.texts("lisi")))
        with Session(context(run).store.engine) as session:
            lisi = session.exec(select(Member).where(Member.user_id == "lisi")).one()
        assert lisi.unit_id is not None


async def test_a_reports_numbers_end_with_the_report_on_wecom(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await join(run, STAFF, "统计局")
        await run.say(STAFF, "汇报进展")
        assert "2. 推进中" in await run.say(STAFF, "19")
        assert "取消" in await run.say(STAFF, "取消")
        answer = await run.say(STAFF, "2")  # the report is gone, and so are its numbers: 2 is task 2
        assert "第2条" in answer and "取消" not in answer and "汇报" not in answer, answer


async def _console(chat: Chat, *lines: str) -> str:
    """The local console (a new one each time: a restart) on a context's database, fed lines."""
    out = io.StringIO()
    await Console(chat.ctx, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out).run()
    return out.getvalue()


async def test_numbers_end_by_their_flows_own_time(tmp_path: Path) -> None:
    chat = Chat(tmp_path, dialog_timeout_minutes=30)
    real = chat.ctx.clock
    start = real()
    await chat.join("wang", "司法局")
    asked = await _console(chat, "/as wang", "汇报进展", "17")
    assert "[2] 推进中" in asked
    restarted = Chat(tmp_path, dialog_timeout_minutes=30)
    restarted.ctx.clock = lambda: start + timedelta(minutes=20)  # within the report's 30 minutes
    assert "说明进展" in await _console(restarted, "/as wang", "2")
    restarted.ctx.clock = lambda: start + timedelta(minutes=20 + 31)  # the report's time is up
    late = await _console(restarted, "/as wang", "1")  # 跳过 was offered: no longer
    assert "第1条" in late and "照片或文件" not in late  # read as task 1, not 跳过 at the text step

    await _console(restarted, "/as zhao", "我是统计局的")  # 您是指“区统计局”吗？ [1] 是 [2] 不是
    hours = flows().offered_hours
    restarted.ctx.clock = lambda: start + timedelta(minutes=51, hours=hours - 1)
    await _console(restarted, "/as zhao")  # switching answers nothing
    with Session(chat.ctx.store.engine) as session:
        [kept] = session.exec(select(Offer).where(Offer.user_id == "zhao")).all()
    assert kept.flow is None and [c["label"] for c in kept.choices] == ["是", "不是"]
    restarted.ctx.clock = lambda: start + timedelta(minutes=52, hours=hours)
    again = await _console(restarted, "/as zhao", "1")  # a day on: 1 is task 1 again
    assert "第1条" in again and "申请" not in again
