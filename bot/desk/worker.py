"""Every console page and action runs in a worker thread (core/lanes.py), never on the event loop: its
queries, the overview's computing, the template's rendering. A page waiting on a database lock held by
another process, or a slow query, then holds up that page alone; the chats, the webhooks and the other
pages go on. The request's body is read here first, on the loop that owns the connection; the handler
runs on the worker thread's own loop and finds the form already read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiohttp import web

from bot.desk.guard import CACHED_PATHS, CTX

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
H = TypeVar("H", bound=Handler)


def on_the_loop(handler: H) -> H:
    """Mark a handler that keeps its own work off the loop (a plan upload: its reading is a worker process
    awaited here, its storing a unit of work in a thread), so the middleware runs it as it is."""
    handler.on_loop = True  # type: ignore[attr-defined]
    return handler


@web.middleware
async def in_worker(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The console's handler in a worker thread; the adapters' callbacks and static files as they are."""
    if not request.path.startswith("/desk") or request.path.startswith(CACHED_PATHS):
        return await handler(request)
    if getattr(request.match_info.handler, "on_loop", False):
        return await handler(request)
    if request.method not in ("GET", "HEAD"):
        await request.post()  # read on this loop; the handler's own `await request.post()` gets it as read
    return await request.app[CTX].lanes.off_loop(lambda: handler(request))
