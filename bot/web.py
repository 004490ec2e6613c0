"""Duban's one web server (aiohttp). Adapters register their handlers (Telegram's webhook, WeCom's
callback) by method and path, whenever they start; unknown paths get 404."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from core.settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class WebRoutes:
    """Handlers by (method, path), looked up per request so adapters can join a running server."""

    def __init__(self, app: web.Application | None = None) -> None:
        """`app`: an application whose own routes come first (the office's console), else an empty one."""
        self.handlers: dict[tuple[str, str], Handler] = {}
        self.app = app or web.Application()
        self.app.router.add_route("*", "/{tail:.*}", self._dispatch)

    def add(self, method: str, path: str, handler: Handler) -> None:
        """Serve `method path` with `handler`."""
        self.handlers[(method.upper(), path)] = handler

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        handler = self.handlers.get((request.method, request.path))
        if handler is None:
            raise web.HTTPNotFound(text="not found")  # under /desk/, the console answers it in its language
        return await handler(request)


@contextlib.asynccontextmanager
async def serve_web(routes: WebRoutes, settings: Settings) -> AsyncIterator[web.AppRunner]:
    """Listen on DUBAN_WEB_HOST:DUBAN_WEB_PORT until the block ends."""
    runner = web.AppRunner(routes.app)
    await runner.setup()
    await web.TCPSite(runner, settings.web_host, settings.web_port).start()
    try:
        yield runner
    finally:
        await runner.cleanup()
