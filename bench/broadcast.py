"""Broadcast span through the outbox to 5,000 recipients on the fake Bot API server, which answers
each send after a network's latency (0, 150 and 400 ms) and, like the real Bot API, refuses more
than 30 messages a second (429). Printed per latency: the span from the first send to the last
against the floor of 5,000 / 30 = 166.7 s, flood answers, and whether every recipient got exactly
one copy. Run by hand. Target (issue 11): within 5% of the floor at each latency.

The fake server runs in its own thread and event loop, as a remote server would not share Duban's.
`python bench/broadcast.py --quick` sends 600 (floor 20 s) instead; `--latency 0.4` runs one latency.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.adapters.telegram import sending_only  # noqa: E402
from core.context import Context  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import open_store  # noqa: E402
from schedules.outbox import Sender, enqueue  # noqa: E402
from tests.fakes.telegram_api import TOKEN, FakeTelegram  # noqa: E402

RATE = 30.0


class RemoteFake:
    """The fake Bot API in a thread of its own, with its own event loop."""

    def __init__(self, latency: float, rate_limit: float | None) -> None:
        self.fake = FakeTelegram(latency=latency, rate_limit=rate_limit, chat_interval=1.0)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakeTelegram:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(10)
        return self.fake

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def run(recipients: int, rate: float, latency: float) -> dict[str, float]:
    with RemoteFake(latency, rate_limit=RATE) as fake, tempfile.TemporaryDirectory() as folder:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=Path(folder),
            telegram_token=TOKEN,
            telegram_api_url=fake.url,
            telegram_rate_per_second=rate,
        )
        ctx = Context(store=open_store(settings), settings=settings)
        chats = [str(10_000 + i) for i in range(recipients)]
        with ctx.store.session() as session:
            enqueue(session, text="请于年底前完成台账核对。", recipients=[("telegram", c) for c in chats])
        async with sending_only(ctx):
            start = time.perf_counter()
            await Sender(ctx).drain()
            elapsed = time.perf_counter() - start
        ctx.store.engine.dispose()
        got = Counter(c.params["chat_id"] for c in list(fake.calls) if c.method == "sendMessage")
        stamps = sorted(t for times in fake.sent_at.values() for t in times)
        return {
            "elapsed": elapsed,
            "span": stamps[-1] - stamps[0] if stamps else 0.0,
            "sent": float(sum(got.values())),
            "exact": float(set(got) == {int(c) for c in chats} and set(got.values()) == {1}),
            "flood": float(fake.counts["flood"]),
        }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--latency", type=float, action="append")
    args = parser.parse_args()
    total = 600 if args.quick else 5000
    floor = (total - 1) / RATE
    for latency in args.latency or [0.0, 0.15, 0.4]:
        got = await run(total, RATE, latency)
        print(
            f"latency {latency * 1000:.0f} ms: {got['sent']:.0f} sent, span {got['span']:.1f} s "
            f"(whole run {got['elapsed']:.1f} s) against the floor {floor:.1f} s: {100 * (got['span'] / floor - 1):+.1f}% "
            f"(target within 5%); 429 answers {got['flood']:.0f}; every recipient exactly one copy: {bool(got['exact'])}",
            flush=True,
        )


if __name__ == "__main__":
    asyncio.run(main())
