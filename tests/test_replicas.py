"""Several `duban run` processes on one PostgreSQL behind nginx, Telegram by webhook: every update is
answered once, a conversation begun on one process goes on on another, a broadcast reaches each chat
once, and all of them started together import the plan once."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.conftest import _reset_postgres
from tests.replicas import ADMIN, replicas


async def test_two_processes_behind_nginx_answer_each_update_once(tmp_path: Path, postgres_server: str) -> None:
    _reset_postgres(postgres_server)
    async with replicas(tmp_path, postgres_server, 2) as cluster:
        engine = create_engine(postgres_server)
        with engine.connect() as connection:  # both started on an empty database: one plan, one import
            assert connection.execute(text("SELECT count(*) FROM plan")).scalar() == 1
        engine.dispose()
        units = [u["name"] for u in json.loads(await cluster.duban("units", "--json")) if u["kind"] == "department"][:6]

        # Staff bound through the proxy with the admin's invite codes.
        people = list(range(101, 101 + len(units)))
        for person, unit in zip(people, units, strict=True):
            made = await cluster.say(ADMIN, f"/invite {unit}")
            code = made.split("/start ")[1].split()[0]
            assert "已绑定到" in await cluster.say(person, f"/start {code}")

        # A conversation begun on process 0 goes on on process 1 and back, at once (no wait for a cache).
        first = people[0]
        assert "任务" in await cluster.say(first, "我的任务", to=1)  # process 1 has seen this person idle
        assert "请选择要汇报的任务" in await cluster.say(first, "汇报进展", to=0)
        assert "目前进展如何" in await cluster.say(first, "2", to=1)
        assert "说明进展" in await cluster.say(first, "推进中", to=0)
        await cluster.say(first, "取消", to=1)

        # Every update through the proxy answered once, a redelivered one too.
        before = Counter(c.params["chat_id"] for c in cluster.fake.sent())
        updates = [cluster.update(person, f"第{n}条") for n, person in enumerate(people * 5, start=1)]
        statuses = await asyncio.gather(*(cluster.post(u) for u in updates))
        assert statuses == [200] * len(updates)
        assert await cluster.post(updates[0]) == 200  # Telegram sends it again: not answered again
        want = len(updates)
        await cluster.fake.wait_for(lambda calls: sum(_new(cluster, before).values()) >= want, timeout=120)
        await asyncio.sleep(2)
        assert _new(cluster, before) == Counter({person: 5 for person in people})

        # A broadcast's copies: each bound chat gets one, whichever process (or the command) sends it.
        await cluster.duban("broadcast", "--to", "all", "--text", "周五下午三点开会", "--yes")

        def copies() -> Counter:
            return Counter(
                c.params["chat_id"] for c in cluster.fake.sent() if c.params.get("text") == "周五下午三点开会"
            )

        await cluster.fake.wait_for(lambda calls: len(copies()) == len(people), timeout=60)
        await asyncio.sleep(3)  # a second copy would come now
        assert copies() == Counter({person: 1 for person in people})


def _new(cluster, before: Counter) -> Counter:  # type: ignore[no-untyped-def]
    now = Counter(c.params["chat_id"] for c in cluster.fake.sent())
    return Counter({chat: n - before.get(chat, 0) for chat, n in now.items() if n - before.get(chat, 0) > 0})
