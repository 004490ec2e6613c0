"""`duban run`: open the store, then serve every configured platform (the console when none is)."""

from __future__ import annotations

import asyncio
import logging

from bot.core.context import Context
from bot.settings import Settings
from bot.store import open_store
from schedules.runner import background

logger = logging.getLogger(__name__)


async def serve(settings: Settings) -> None:
    """Run until interrupted: Telegram when a token is set, else the local chat console."""
    store = open_store(settings)
    ctx = Context(store=store, settings=settings)
    if settings.telegram_token:
        from bot.adapters.telegram import serve_telegram

        async with background(ctx):
            await serve_telegram(ctx)
    else:
        from bot.adapters.console import Console, ConsoleMessenger

        console = Console(ctx)
        ctx.delivery.register("console", ConsoleMessenger(console))
        async with background(ctx):
            await console.run()


def run(settings: Settings) -> None:
    """Blocking entry point for the command line."""
    logging.getLogger().setLevel(logging.INFO if settings.telegram_token else logging.WARNING)
    asyncio.run(serve(settings))
