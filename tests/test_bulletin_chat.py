"""通报 in the chat: the office asks in its own words and gets the .docx with the figures of the period
it named, numbered in its format; a number stays the period's own; staff asking about 月通报 get the
tasks that mention it, not the office's document."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from docx import Document

from tests.chat import Chat


def _chat(tmp_path: Path) -> Chat:
    chat = Chat(tmp_path)
    chat.ctx.clock = lambda: datetime(2021, 12, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    return chat


async def test_the_office_gets_last_months_bulletin(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    await chat.join("zhang", "区司法局")
    await chat.report_done("zhang", 15)
    replies = await chat.say("office", "上月通报")
    assert len(replies) == 1 and replies[0].file is not None
    assert "2021年第1期" in replies[0].text and "2021年11月" in replies[0].text
    text = "\n".join(p.text for p in Document(str(replies[0].file)).paragraphs)
    assert "关于2021年11月督办工作情况的通报" in text
    again = await chat.say("office", "/bulletin 上月")
    assert "2021年第1期" in again[0].text  # the same period keeps its number
    december = await chat.say("office", "本月通报")
    assert "2021年第2期" in december[0].text and "2021年12月" in december[0].text


async def test_a_bad_period_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    replies = await chat.say("office", "/bulletin 2021年13月")
    assert replies[0].file is None and "不是一个时段" in replies[0].text
    assert not (tmp_path / "bulletins").exists()


async def test_staff_asking_about_monthly_bulletins_get_tasks(tmp_path: Path) -> None:
    chat = _chat(tmp_path)
    await chat.join("zhang", "区司法局")
    replies = await chat.say("zhang", "月通报")
    assert all(r.file is None for r in replies)
    assert "通报" in replies[0].text and "第" in replies[0].text
    assert "只有督办办公室的管理员可以这样做" in await chat.text("zhang", "/bulletin")
