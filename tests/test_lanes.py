"""One chat's updates in arrival order, other chats never waiting on it, and the event loop never
waiting on the database: with another process holding SQLite's write lock for 2 s, people already
known are answered at once, the loop never stalls, and WeCom's callback is acknowledged at once."""

from __future__ import annotations

import asyncio
import gc
import re
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.telegram_harness import join, telegram_duban
from tests.test_wecom import join as wecom_join
from tests.test_wecom import wecom_duban

STAFF, NEWCOMER = 42, 77
HOLD_SECONDS = 2.0

# Another process (a `duban import`, a second `duban run`) in the middle of a write transaction.
HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


@asynccontextmanager
async def write_lock_held(database: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLDER, str(database), str(HOLD_SECONDS), stdout=asyncio.subprocess.PIPE
    )
    assert holder.stdout is not None
    assert (await holder.stdout.readline()).strip() == b"held"
    try:
        yield holder
    finally:
        await holder.wait()


class StallWatch:
    """The event loop's longest stall: how late a 5 ms sleep wakes up, at worst."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, loop.time() - before - 0.005)

    def __enter__(self) -> StallWatch:
        self.task = asyncio.create_task(self._watch())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.task is not None
        self.task.cancel()


async def test_a_write_lock_held_elsewhere_stalls_neither_the_loop_nor_other_chats(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "统计局")
        assert "区统计局" in (await fake.reply_to(STAFF, "我的任务")).params["text"]
        gc.collect()  # as `duban run` does once started (bot/run.py): start-up's objects leave the GC's scans
        gc.freeze()
        async with write_lock_held(tmp_path / "data" / "duban.db") as holder:
            with StallWatch() as watch:
                fake.message(NEWCOMER, "我的任务")  # a newcomer is registered: a write, which must wait
                await asyncio.sleep(0.05)
                started = time.monotonic()
                answer = await fake.reply_to(STAFF, "第19条")  # a known person's question: no write
                took = time.monotonic() - started
                assert holder.returncode is None  # still held while the other chat was answered
                assert took < 0.2, took
                assert "第19条" in answer.params["text"]
                newcomer = await fake.wait_for(lambda calls: fake.sent(NEWCOMER), timeout=10)
                assert holder.returncode is not None or time.monotonic() - started > 1.5  # after the lock
                assert "绑定" in newcomer[0].params["text"] or "单位" in newcomer[0].params["text"]
        gc.unfreeze()
        assert watch.worst < 0.1, f"the event loop stalled {watch.worst * 1000:.0f} ms"


async def test_a_wecom_callback_is_acknowledged_while_the_database_is_locked(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        before = len(run.fake.texts("wangwu"))
        async with write_lock_held(tmp_path / "duban.db"):
            with StallWatch() as watch:
                started = time.monotonic()
                assert await run.post("wangwu", "我的任务") == 200
                acknowledged = time.monotonic() - started
        assert acknowledged < 1.0, acknowledged
        assert await run.answer("wangwu", before)  # answered once the lock is gone
        assert watch.worst < 0.1, f"the event loop stalled {watch.worst * 1000:.0f} ms"


def _numbers(texts: list[str]) -> list[int]:
    return [int(m.group(1)) for text in texts if (m := re.match(r"第(\d+)条", text))]


async def test_twenty_messages_at_once_on_telegram_are_answered_in_order(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        await join(run, STAFF, "统计局")
        for n in range(1, 21):
            fake.message(STAFF, f"第{n}条")
        await fake.wait_for(lambda calls: len(_numbers([c.params["text"] for c in fake.sent(STAFF)])) >= 20)
        assert _numbers([c.params["text"] for c in fake.sent(STAFF)]) == list(range(1, 21))


async def test_twenty_messages_at_once_on_wecom_are_answered_in_order(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await wecom_join(run, "lisi", "统计局")
        for n in range(1, 21):
            assert await run.post("lisi", f"第{n}条") == 200
        deadline = time.monotonic() + 30
        while len(_numbers(run.fake.texts("lisi"))) < 20 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert _numbers(run.fake.texts("lisi")) == list(range(1, 21))


async def test_twenty_messages_at_once_on_the_console_are_answered_in_order(tmp_path: Path) -> None:
    import io

    from bot.adapters.console import Console
    from tests.chat import Chat

    chat = Chat(tmp_path)
    typed = "".join(f"第{n}条\n" for n in range(1, 21))  # all 20 waiting on the input at once
    out = io.StringIO()
    await Console(chat.ctx, stdin=io.StringIO(typed), stdout=out).run()
    answers = [line.split("督办> ", 1)[1] for line in out.getvalue().splitlines() if "督办> 第" in line]
    assert _numbers(answers) == list(range(1, 21))
