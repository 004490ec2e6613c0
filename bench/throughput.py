"""Updates per second end to end through the fake Bot API server: Duban answering "我的任务" against a
bare python-telegram-bot echo bot on the same server; and the p99 time of the my-tasks handler in
process with a generated 1,000-task plan and 10,000 bound users. Run by hand; prints figures.

The fake server runs in a process of its own, as a remote Bot API does: its work (parsing what the
bots send) is not charged to either bot. Targets (issue 11): ratio at least 0.9; handler p99 under 10 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
from sqlmodel import Session, select  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.constants import ParseMode  # noqa: E402
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bench.parse import generated_plan  # noqa: E402
from bot.adapters.telegram import (  # noqa: E402
    chunks,
    keyboard,
    serve_telegram,  # noqa: E402
)
from bot.run import settle  # noqa: E402
from core.context import Context  # noqa: E402
from core.messages import (
    Incoming,  # noqa: E402
    Reply,  # noqa: E402
)
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from handlers.router import dispatch  # noqa: E402
from handlers.tasks import my_tasks  # noqa: E402
from storage.models import Member, Unit  # noqa: E402
from tests.fakes.telegram_api import TOKEN  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
UPDATES = 1000
ROUNDS = 11
USERS = 50


class RemoteFake:
    """The fake Bot API in a process of its own (as the real one is remote: its work is not the bot's),
    driven through its control routes."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> RemoteFake:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.telegram_api"], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        assert self.process.stdout is not None
        self.url = (await asyncio.to_thread(self.process.stdout.readline)).strip()
        self.http = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.http is not None and self.process is not None
        await self.http.close()
        self.process.terminate()
        self.process.wait(10)

    async def sent(self) -> int:
        assert self.http is not None
        async with self.http.get(f"{self.url}/_control/counts") as response:
            return int((await response.json()).get("sendMessage", 0))

    async def messages(self, texts: list[tuple[int, str]]) -> None:
        assert self.http is not None
        async with self.http.post(f"{self.url}/_control/messages", json={"messages": texts}) as response:
            await response.read()


async def drive(fake: RemoteFake, texts: int) -> float:
    """Push `texts` messages from USERS users and time until every one has an answer."""
    before = await fake.sent()
    start = time.perf_counter()
    await fake.messages([(1000 + i % USERS, "我的任务") for i in range(texts)])
    while await fake.sent() - before < texts:
        await asyncio.sleep(0.02)
    return texts / (time.perf_counter() - start)


async def duban_rate(folder: Path) -> float:
    async with RemoteFake() as remote:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=folder / "data", telegram_token=TOKEN, telegram_api_url=remote.url
        )
        ctx = Context(store=open_store(settings), settings=settings)
        with Session(ctx.store.engine) as session:
            unit = session.exec(select(Unit).where(Unit.name == "区司法局")).one()
            for i in range(USERS):
                session.add(Member(platform="telegram", user_id=str(1000 + i), chat_id=str(1000 + i), unit_id=unit.id))
            session.commit()
        await settle(ctx)  # what `duban run` does before serving
        stop = asyncio.Event()
        serving = asyncio.create_task(serve_telegram(ctx, stop=stop))
        try:
            await drive(remote, 50)  # warm up
            return await drive(remote, UPDATES)
        finally:
            stop.set()
            await asyncio.wait_for(serving, 15)
            ctx.store.engine.dispose()


async def echo_rate(page: Reply | None = None) -> float:
    async with RemoteFake() as remote:
        return await _echo(remote, page)


async def duban_page(folder: Path) -> Reply:
    """The page Duban answers 我的任务 with (text and keyboard), for an echo bot to send the same."""
    settings = Settings(_env_file=None, data_dir=folder / "page")  # type: ignore[call-arg]
    ctx = Context(store=open_store(settings), settings=settings)
    with Session(ctx.store.engine) as session:
        unit = session.exec(select(Unit).where(Unit.name == "区司法局")).one()
        session.add(Member(platform="telegram", user_id="1000", chat_id="1000", unit_id=unit.id))
        session.commit()
    [reply] = await dispatch(Incoming(platform="telegram", chat_id="1000", user_id="1000", text="我的任务"), ctx)
    ctx.store.engine.dispose()
    return reply


async def _echo(fake: RemoteFake, page: Reply | None = None) -> float:
    # The same set-up as Duban's (16 updates at once, a pool of 8 connections), so only the work differs.
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{fake.url}/bot")
        .concurrent_updates(16)
        .connection_pool_size(8)
        .build()
    )

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        if page is None:
            await update.effective_message.reply_text(update.effective_message.text or "")
        else:  # the same content as Duban's answer: what the content alone costs
            await update.effective_message.reply_text(
                chunks(page.text)[0], parse_mode=ParseMode.HTML, reply_markup=keyboard(page)
            )

    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=10)
        await drive(fake, 50)
        rate = await drive(fake, UPDATES)
        await application.updater.stop()
        await application.stop()
    return rate


async def handler_p99(folder: Path) -> tuple[float, float]:
    plan = folder / "big.txt"
    plan.write_text(generated_plan(1000), encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=folder / "h", plan_file=plan)  # type: ignore[call-arg]
    ctx = Context(store=open_store(settings), settings=settings)
    with Session(ctx.store.engine) as session:
        units = session.exec(select(Unit)).all()
        departments = [u for u in units if u.kind == "department"]
        for i in range(10_000):
            unit = departments[i % len(departments)]
            session.add(Member(platform="telegram", user_id=str(i), chat_id=str(i), unit_id=unit.id))
        session.commit()
    times = []
    for i in range(2000):
        msg = Incoming(platform="telegram", chat_id=str(i * 7 % 10_000), user_id=str(i * 7 % 10_000), text="我的任务")
        start = time.perf_counter()
        replies = await my_tasks(msg, ctx)
        times.append((time.perf_counter() - start) * 1000)
        assert replies and "任务" in replies[0].text
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = await duban_page(Path(folder))
        dubans, echoes, pages = [], [], []
        for run in range(ROUNDS):  # side by side, taking turns to go first, so a slow moment falls on both
            if run % 2 == 0:
                dubans.append(await duban_rate(Path(folder) / f"r{run}"))
                echoes.append(await echo_rate())
            else:
                echoes.append(await echo_rate())
                dubans.append(await duban_rate(Path(folder) / f"r{run}"))
            if run % 3 == 0:
                pages.append(await echo_rate(page))
        # The machine's speed drifts from one run to the next (here by a third): each round's ratio
        # compares runs made side by side, and their median is the figure.
        ratios = [d / e for d, e in zip(dubans, echoes, strict=True)]
        duban, echo, same = statistics.median(dubans), statistics.median(echoes), statistics.median(pages)
        print(f"end to end, {UPDATES} updates from {USERS} users through the fake Bot API server, {ROUNDS} rounds:")
        print(f"  Duban '我的任务': median {duban:.0f} updates/s  (runs: {', '.join(f'{r:.0f}' for r in dubans)})")
        print(
            f"  bare python-telegram-bot echo bot: median {echo:.0f} updates/s  (runs: {', '.join(f'{r:.0f}' for r in echoes)})"
        )
        print(
            f"  ratio {statistics.median(ratios):.2f} (median of the rounds' ratios: {', '.join(f'{r:.2f}' for r in ratios)};"
            f" target >= 0.9)"
        )
        print(
            f"  for reference, the echo bot answering with Duban's same page and keyboard: {same:.0f} updates/s "
            f"(Duban / that: {duban / same:.2f}; the content alone: {same / echo:.2f} of the bare echo)"
        )
        median, p99 = await handler_p99(Path(folder))
        print(
            f"my-tasks handler in process, 1,000-task plan, 10,000 bound users: median {median:.2f} ms, p99 {p99:.2f} ms (target p99 < 10 ms)"
        )


if __name__ == "__main__":
    asyncio.run(main())
