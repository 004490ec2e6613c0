"""Duban on the real python-telegram-bot against the fake Bot API server, for the tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from bot.adapters.telegram import serve_telegram
from core.context import Context
from core.lanes import from_any_thread
from core.settings import Settings
from core.store import open_store
from schedules.outbox import Sender
from tests.fakes.telegram_api import TOKEN, FakeTelegram

ADMIN = 1


@dataclass
class Running:
    """A running Duban and the fake server it talks to."""

    fake: FakeTelegram
    ctx: Context
    stop: asyncio.Event
    task: asyncio.Task[None]


@contextlib.asynccontextmanager
async def telegram_duban(
    tmp_path: Path, fake: FakeTelegram | None = None, *, sending: bool = True, **overrides: object
) -> AsyncIterator[Running]:
    """Start Duban with long polling against a fake server (a fresh one unless given); stop it afterwards.
    `sending=False`: no outbox sender runs (a test that looks at what waits, then drains it itself)."""
    own = fake is None
    fake = fake or FakeTelegram()
    if own:
        await fake.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        telegram_token=TOKEN,
        telegram_api_url=fake.url,
        admins=[ADMIN],
        **overrides,
    )
    ctx = Context(store=open_store(settings), settings=settings)
    stop = asyncio.Event()
    task = asyncio.create_task(serve_telegram(ctx, stop=stop))
    sender = Sender(ctx)  # as in `duban run`: replies to other chats go through the outbox
    if sending:
        ctx.wake_sender = from_any_thread(sender.wake.set)
    serving = asyncio.create_task(sender.serve(stop)) if sending else None
    await fake.wait_for(lambda calls: any(c.method in ("getUpdates", "setWebhook") for c in calls) or task.done())
    if task.done():
        task.result()
    try:
        yield Running(fake, ctx, stop, task)
    finally:
        stop.set()
        sender.wake.set()
        await asyncio.wait_for(task, 15)
        if serving is not None:
            await asyncio.wait_for(serving, 15)
        if own:
            await fake.stop()
        ctx.store.engine.dispose()


async def join(run: Running, user: int, unit: str) -> None:
    """Bind a user to a unit the quick way: an admin's invite code."""
    made = await run.fake.reply_to(ADMIN, f"/invite {unit}")
    code = made.params["text"].split("/start ")[1].split()[0]
    answer = await run.fake.reply_to(user, f"/start {code}")
    assert "已绑定到" in answer.params["text"], answer.params["text"]
