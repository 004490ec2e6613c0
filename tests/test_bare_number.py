"""A bare task number that several live sources have asks which source, however it comes (a question, a
command, an English message, a second thought, a one-line report), even when the source the person used last
has no such task: never "no such task", never a silent pick (QA finding 4)."""

from __future__ import annotations

from pathlib import Path

from tests.chat import Chat

ROUNDS = Path(__file__).parent / "data" / "rounds"


async def test_a_number_the_source_in_focus_lacks_asks_which_source(tmp_path: Path, database_url: str) -> None:
    chat = Chat(tmp_path, database_url=database_url)
    chat.ctx.store.import_file(ROUNDS / "plans-r5" / "wujiang-2024-zdgz.xlsx")  # has a 6
    chat.ctx.store.import_file(ROUNDS / "plans-r7" / "liuan-2021-zdgz.txt")  # has 1–5 only
    await chat.join("alice", "区司法局")
    assert "六安第2条" in await chat.text("alice", "六安2")  # 六安 is in focus now, and has no 6
    for asked in ("第6条", "task 6", "查一下第5条，算了，看第6条吧", "/task 6", "第6条谁牵头", "6 已完成"):
        replies = await chat.say("alice", asked)
        text = "\n".join(r.text for r in replies)
        labels = [b.label for r in replies for row in r.buttons for b in row]
        assert "没有第6条" not in text and "no task 6" not in text, asked
        assert ("几个来源" in text or "several sources" in text) and len(labels) == 2, (asked, text)
    # The source in focus has the number: its task, as before.
    assert "六安第3条" in await chat.text("alice", "六安2") + await chat.text("alice", "第3条")
