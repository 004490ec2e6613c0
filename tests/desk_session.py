"""The office's web console on a running Duban, signed in as the office (a signed link, as `duban link` makes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestClient, TestServer

from bot.desk import build_desk
from core.context import Context
from core.signin import Holder, make_link
from storage.keyvalue import SharedValues


@asynccontextmanager
async def console_of(ctx: Context) -> AsyncIterator[TestClient]:
    """A client of the console on `ctx`, its sign-in link followed."""
    server = TestServer(build_desk(ctx))
    await server.start_server()
    client = TestClient(server)
    await client.start_server()
    try:
        link = make_link(SharedValues(ctx.store.engine), ctx.settings, Holder("督查室"))
        assert (await client.get(link.split("127.0.0.1:8080", 1)[1])).status == 200
        yield client
    finally:
        await client.close()
        await server.close()
