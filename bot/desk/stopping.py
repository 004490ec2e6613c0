"""What a plan upload does when Duban stops. aiohttp gives a request in flight 60 s to finish, then
cancels it. A file still being read (a worker process, up to DUBAN_UPLOAD_SECONDS) is abandoned at once
and the upload refused with one line, nothing stored; an import already under way is finished (one
transaction with its trace, in a worker process), and its page answered, so the office never sees a
plan half imported or an import without its trace."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from aiohttp import web

T = TypeVar("T")

STOPPING = web.AppKey("stopping", asyncio.Event)
REFUSED = "督办正在停止，本次上传的计划未导入，计划没有任何更改。请在督办重新启动后重新上传。"


class Stopped(Exception):
    """Duban began to stop before the work was done; the work was abandoned."""


def watch_stopping(app: web.Application) -> None:
    """Mark the console as stopping when its server shuts down (before it waits on requests in flight)."""
    app[STOPPING] = asyncio.Event()
    app.on_shutdown.append(_stopping)


async def _stopping(app: web.Application) -> None:
    app[STOPPING].set()


def stopping(request: web.Request) -> bool:
    """Whether the server is shutting down."""
    return request.app[STOPPING].is_set()


async def unless_stopping(request: web.Request, work: Awaitable[T]) -> T:
    """`work`'s result, or Stopped once the server begins to shut down first (`work` is then cancelled:
    a plan's reading kills its worker process)."""
    doing = asyncio.ensure_future(work)
    halt = asyncio.ensure_future(request.app[STOPPING].wait())
    try:
        await asyncio.wait({doing, halt}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        halt.cancel()
    if not doing.done():
        doing.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await doing
        raise Stopped
    return doing.result()


async def finished(work: Awaitable[T]) -> T:
    """`work` carried to its end even when the request is cancelled meanwhile (past the grace): its
    answer then goes to nobody, but what it stores is whole."""
    return await asyncio.shield(asyncio.ensure_future(work))
