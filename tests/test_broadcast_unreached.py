"""Units a notice would not reach are named before anything is written (QA finding 16): in the chat
before the text is asked, and on the command line beside the count of recipients."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from tests.chat import Chat


async def test_the_chat_names_the_unit_nobody_receives_before_the_text_is_asked(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    await chat.text("office", "发通知")
    asked = await chat.text("office", "审计局、统计局")
    assert "区审计局" in asked and "没有人绑定" in asked and "请输入通知内容" in asked
    preview = await chat.text("office", "请报送进展")
    assert preview.startswith("将发送给2个单位、1个接收人") and "区审计局" in preview and "收不到" in preview
    await chat.text("office", "取消")

    await chat.text("office", "发通知")
    nobody = await chat.text("office", "区审计局")  # nobody at all: said now, not after the text
    assert "没有人绑定" in nobody and "请输入通知内容" not in nobody
    assert "这条通知发给谁" not in await chat.text("office", "请报送进展")  # the conversation ended there
    named = await chat.text("office", "给审计局发个通知")
    assert "没有人绑定" in named and "请输入" not in named


def test_the_command_line_names_the_unit_nobody_receives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def staff() -> None:
        chat = Chat(tmp_path)
        await chat.join("li", "统计局")
        await chat.join("wang", "财政局")

    asyncio.run(staff())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    assert main(["broadcast", "--to", "财政局", "--text", "先发的一条", "--yes"]) == 0
    capsys.readouterr()
    assert main(["broadcast", "--to", "审计局,统计局", "--text", "请报送进展", "--yes"]) == 0
    shown = capsys.readouterr().out
    assert "to 2 units, 1 recipient" in shown and "nobody bound in 区审计局" in shown
    waiting = next(line for line in shown.splitlines() if line.startswith("waiting"))
    assert "1 to console" in waiting  # this broadcast's own copies, not the earlier one's too
    assert shown.rstrip().endswith("0 delivered, 1 pending, 0 failed")
