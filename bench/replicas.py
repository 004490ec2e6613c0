"""Updates per second with 1, 2 and 4 `duban run` processes on one PostgreSQL behind nginx, Telegram by
webhook against the fake Bot API (tests/replicas.py starts them as the multi-process test does).

Each round binds 40 users through the proxy, then posts BURST updates (我的任务 and 第N条, each user in
turn) through nginx, up to 64 at once as Telegram's webhook delivery does, and times until every one
is answered. The fake Telegram and the load run in this process; the machine's cores are shared by all
of them, so the figure is what this machine does, stated with its core count. Run by hand:

    DUBAN_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test python bench/replicas.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.replicas import ADMIN, replicas  # noqa: E402

URL = os.environ.get("DUBAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
USERS, BURST, AT_ONCE = 40, 1000, 64


def scratch_database() -> str:
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    name = f"duban_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return admin.url.set(database=name).render_as_string(hide_password=False)


def drop(url: str) -> None:
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    name = url.rsplit("/", 1)[1]
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


async def round_of(processes: int) -> tuple[float, float]:
    """(updates per second, seconds to answer BURST updates) with this many processes."""
    url = scratch_database()
    try:
        with tempfile.TemporaryDirectory() as folder:
            async with replicas(Path(folder), url, processes) as cluster:
                users = list(range(1000, 1000 + USERS))
                for user in users:
                    made = await cluster.say(ADMIN, "/invite 区司法局")
                    await cluster.say(user, "/start " + made.split("/start ")[1].split()[0])
                texts = ["我的任务", *[f"第{n}条" for n in range(1, 27)]]
                updates = [cluster.update(users[i % USERS], texts[i % len(texts)]) for i in range(BURST)]
                before = cluster.fake.counts["sendMessage"]
                gate = asyncio.Semaphore(AT_ONCE)

                async def post(update: dict[str, object]) -> None:
                    async with gate:
                        assert await cluster.post(update) == 200

                start = time.perf_counter()
                await asyncio.gather(*(post(u) for u in updates))
                await cluster.fake.wait_for(
                    lambda calls: cluster.fake.counts["sendMessage"] - before >= BURST, timeout=600
                )
                span = time.perf_counter() - start
                return BURST / span, span
    finally:
        drop(url)


async def main() -> None:
    print(f"bench/replicas.py: {os.cpu_count()} cores; {BURST} updates through nginx, {AT_ONCE} at once")
    for processes in (1, 2, 4):
        rate, span = await round_of(processes)
        print(f"  {processes} process{'es' if processes > 1 else ''}: {rate:7.1f} updates/s ({span:.1f} s)")


if __name__ == "__main__":
    asyncio.run(main())
