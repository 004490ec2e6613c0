"""Talking to Duban's handlers in process, as any adapter would: an Incoming in, Replies out."""

from __future__ import annotations

from pathlib import Path

from core.context import Context
from core.messages import Incoming, Reply
from core.settings import Settings
from core.store import open_store
from handlers.router import dispatch


class Chat:
    """Duban on a fresh SQLite database with the bundled plan, spoken to on the console platform."""

    def __init__(self, tmp_path: Path, **settings: object) -> None:
        values = {"_env_file": None, "data_dir": tmp_path, **settings}
        self.ctx = Context(store=open_store(Settings(**values)), settings=Settings(**values))  # type: ignore[arg-type]

    async def say(self, user: str, text: str = "", *, callback: str | None = None, **extra: object) -> list[Reply]:
        msg = Incoming(platform="console", chat_id=user, user_id=user, user_name=user, text=text, callback=callback)
        if extra:
            from dataclasses import replace

            msg = replace(msg, **extra)  # type: ignore[arg-type]
        return await dispatch(msg, self.ctx)

    async def text(self, user: str, text: str = "", **kwargs: object) -> str:
        return "\n".join(r.text for r in await self.say(user, text, **kwargs))

    async def press(self, user: str, replies: list[Reply], label: str) -> list[Reply]:
        data = next(b.data for r in replies for row in r.buttons for b in row if b.label.startswith(label))
        return await self.say(user, callback=data)

    async def report_done(self, user: str, number: int) -> None:
        """A one-line report of 已完成 on a task, confirmed."""
        replies = await self.say(user, f"{number} 已完成 按计划完成")
        assert "已完成" in replies[0].text
        saved = await self.press(user, replies, "确认")
        assert f"已保存。第{number}条" in "\n".join(r.text for r in saved)

    async def join(self, user: str, unit: str) -> None:
        """Bind a user to a unit with an invite code from the console's admin (office)."""
        made = await self.text("office", f"/invite {unit}")
        code = made.split("/start ")[1].split()[0]
        assert "已绑定到" in await self.text(user, f"/start {code}")
