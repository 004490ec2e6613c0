"""`duban run`: open the store, then serve every configured platform (the console when none is)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.background import background
from bot.web import WebRoutes, serve_web
from core.context import Context
from core.settings import Settings
from core.store import open_store

logger = logging.getLogger(__name__)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until interrupted: Telegram and WeCom when configured (both in one process), else the
    local chat console. The web server starts when a webhook or the WeCom callback needs it."""
    store = open_store(settings)
    ctx = Context(store=store, settings=settings)
    stop = stop or asyncio.Event()
    routes = WebRoutes()
    needs_web = bool(settings.wecom_corp_id) or bool(settings.telegram_token and settings.webhook_url)
    async with contextlib.AsyncExitStack() as stack:
        if settings.wecom_corp_id:
            from bot.adapters.wecom import build_wecom

            callback = build_wecom(ctx)
            for route in callback.routes():
                routes.add(route.method, route.path, route.handler)  # type: ignore[attr-defined]
        if needs_web:
            await stack.enter_async_context(serve_web(routes, settings))
        await stack.enter_async_context(background(ctx))
        if settings.telegram_token:
            from bot.adapters.telegram import serve_telegram

            await serve_telegram(ctx, stop=stop, web_routes=routes)
        elif settings.wecom_corp_id:
            await stop.wait()
        else:
            from bot.adapters.console import Console, ConsoleMessenger

            console = Console(ctx)
            ctx.delivery.register("console", ConsoleMessenger(console))
            await console.run()


def run(settings: Settings) -> None:
    """Blocking entry point for the command line."""
    platform = settings.telegram_token or settings.wecom_corp_id
    logging.getLogger().setLevel(logging.INFO if platform else logging.WARNING)
    try:
        asyncio.run(serve(settings))
    except KeyboardInterrupt:
        pass
