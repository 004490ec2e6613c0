"""Broadcast throughput through the outbox to 5,000 recipients on the fake Bot API server: with the
rate limit lifted, and at 30 messages a second against its 5,000 / 30 = 166.7 s floor. Run by hand;
prints figures. Target (issue 6): the limited run within 10% of the floor.

`python bench/broadcast.py --quick` sends 600 at 30/s (floor 20 s) instead of 5,000.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.adapters.telegram import sending_only  # noqa: E402
from core.context import Context  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from schedules.outbox import Sender, enqueue  # noqa: E402
from tests.fakes.telegram_api import TOKEN, FakeTelegram  # noqa: E402


async def run(recipients: int, rate: float) -> tuple[float, int]:
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=Path(folder),
            telegram_token=TOKEN,
            telegram_api_url=fake.url,
            telegram_rate_per_second=rate,
        )
        ctx = Context(store=open_store(settings), settings=settings)
        with ctx.store.session() as session:
            enqueue(
                session,
                text="请于年底前完成台账核对。",
                recipients=[("telegram", str(10_000 + i)) for i in range(recipients)],
            )
        async with sending_only(ctx):
            start = time.perf_counter()
            await Sender(ctx).drain()
            elapsed = time.perf_counter() - start
        ctx.store.engine.dispose()
    await fake.stop()
    return elapsed, fake.counts["sendMessage"]


async def main() -> None:
    total = 600 if "--quick" in sys.argv else 5000
    elapsed, sent = await run(total, 0)
    print(f"rate limit lifted: {sent} messages in {elapsed:.1f} s = {sent / elapsed:.0f} messages/s")
    elapsed, sent = await run(total, 30)
    floor = total / 30
    print(
        f"30 messages/s: {sent} messages in {elapsed:.1f} s; floor {floor:.1f} s; {100 * (elapsed / floor - 1):+.1f}% (target within 10%)"
    )


if __name__ == "__main__":
    asyncio.run(main())
