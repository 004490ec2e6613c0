"""`duban run`: open the store, then serve every configured platform (the console when none is)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from bot.background import background
from bot.web import WebRoutes, serve_web
from core.context import Context
from core.lanes import warm
from core.settings import Settings
from core.store import open_store
from core.understanding import understanding
from storage import members

logger = logging.getLogger(__name__)


async def serve(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until interrupted: Telegram and WeCom when configured (both in one process), else the
    local chat console. The web server starts when a webhook or the WeCom callback needs it."""
    store = open_store(settings)
    ctx = Context(store=store, settings=settings)
    say_where(settings)
    warn_unreachable_admins(ctx)
    await settle(ctx)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # not in the main thread: the caller stops us
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, _stopping(stop, signum))
    routes = WebRoutes(_desk(ctx))
    needs_web = bool(settings.wecom_corp_id) or bool(settings.telegram_token and settings.webhook_url)
    async with contextlib.AsyncExitStack() as stack:
        if settings.wecom_corp_id:
            from bot.adapters.wecom import build_wecom

            callback = build_wecom(ctx)
            for route in callback.routes():
                routes.add(route.method, route.path, route.handler)  # type: ignore[attr-defined]
            syncing = asyncio.create_task(callback.contacts.daily(stop))
            stack.callback(syncing.cancel)
        if needs_web:
            await stack.enter_async_context(serve_web(routes, settings))
        elif settings.web_console:
            await _serve_console_if_free(stack, routes, settings)
        await stack.enter_async_context(background(ctx))
        if settings.telegram_token:
            from bot.adapters.telegram import keep_serving_telegram

            await keep_serving_telegram(ctx, stop=stop, web_routes=routes)
        elif settings.wecom_corp_id:
            await stop.wait()
        else:
            from bot.adapters.console import Console, ConsoleMessenger

            console = Console(ctx)
            ctx.delivery.register("console", ConsoleMessenger(console))
            chatting = asyncio.create_task(console.run())
            stopped = asyncio.create_task(stop.wait())
            await asyncio.wait({chatting, stopped}, return_when=asyncio.FIRST_COMPLETED)
            for task in (chatting, stopped):
                task.cancel()


GC_YOUNG = 20_000  # allocations between young collections (Python's default: 700)


async def settle(ctx: Context) -> None:
    """Before the first person asks: jieba's dictionary and the plan in memory, then what start-up made
    (some 350,000 objects, most of them pypinyin's phrase lists) frozen out of the garbage collector's
    scans. They live as long as the process, and each full scan of them held every chat up for about 0.2 s."""
    await asyncio.to_thread(understanding().read, "我的任务")
    await asyncio.to_thread(ctx.store.view)
    await asyncio.to_thread(ctx.lanes.start)  # the worker threads up before the first update
    gc.collect()  # start-up's garbage goes first: a frozen object is never freed
    gc.freeze()
    # Young objects are collected less often, and full collections a tenth as often: each one stops every
    # thread, the event loop's too (measured under load: 0.1–0.6 s each, a dozen a minute at 1,000 chats).
    gc.set_threshold(GC_YOUNG, 20, 100)
    ctx.lanes.warming = asyncio.ensure_future(_warm_later(ctx))


WARM_AFTER = 30.0  # seconds after start; a run ended sooner (a test, a console quit at once) starts none


async def _warm_later(ctx: Context) -> None:
    """The worker process for ledgers and imports readied once Duban has settled in, not waited for: a
    first /ledger then takes its own second or two, not the seconds of starting a Python with openpyxl
    and matplotlib."""
    await asyncio.sleep(WARM_AFTER)
    await asyncio.to_thread(warm, ctx.settings)


def _desk(ctx: Context) -> web.Application | None:
    """The office's web console, when it is to be served."""
    if not ctx.settings.web_console:
        return None
    from bot.desk import build_desk

    return build_desk(ctx)


async def _serve_console_if_free(stack: contextlib.AsyncExitStack, routes: WebRoutes, settings: Settings) -> None:
    """Serve the console beside the chat; a busy port costs the console, not the chat (said in one line)."""
    try:
        await stack.enter_async_context(serve_web(routes, settings))
    except OSError as exc:
        logger.warning(
            "web console not served: %s:%s is not free (%s); set DUBAN_WEB_PORT",
            settings.web_host,
            settings.web_port,
            exc,
        )
        return
    line = f"督办台 web console: {settings.desk_url()}/desk/  (sign in: duban web-login, or /web in the chat)"
    if settings.telegram_token or settings.wecom_corp_id:
        logger.info(line)
    else:  # the local chat console: said once, plainly, above the chat
        sys.stderr.write(line + "\n")


async def serve_console(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """`duban web`: only the console; what it queues is sent by a running `duban run` or `duban send`."""
    ctx = Context(store=open_store(settings), settings=settings)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, _stopping(stop, signum))
    from bot.desk import build_desk

    async with serve_web(WebRoutes(build_desk(ctx)), settings):
        logger.info("web console at %s/desk/ (sign in: duban web-login)", settings.desk_url())
        await stop.wait()


def run_web(settings: Settings) -> None:
    """Blocking entry point of `duban web`."""
    logging.getLogger().setLevel(logging.INFO)
    asyncio.run(serve_console(settings))


def _stopping(stop: asyncio.Event, signum: int) -> Callable[[], None]:
    def handle() -> None:
        logger.warning("%s: stopping (finishing what is in flight)", signal.Signals(signum).name)
        stop.set()

    return handle


def warn_unreachable_admins(ctx: Context) -> list[tuple[str, str]]:
    """Say at start which configured admins Duban cannot write to (Telegram: no chat opened with the bot),
    so that binding requests do not wait on nobody; `duban invite` binds without an admin."""
    with ctx.store.session() as session:
        missing = [
            (platform, user)
            for platform, user in members.unreachable(session, ctx.settings.chat_admins())
            if platform == "telegram"  # a WeCom app writes to any member of its visible range
        ]
    if missing:
        names = ", ".join(f"{platform}:{user}" for platform, user in missing)
        logger.warning(
            "admins %s have not opened a chat with the bot: binding requests cannot reach them until they send it "
            "/start; meanwhile `duban invite UNIT` gives codes that bind without approval",
            names,
        )
    return missing


def say_where(settings: Settings) -> str:
    """One line at start: where the data lives (run from another folder, `./data` is that folder's)."""
    from sqlalchemy.engine import make_url

    url = make_url(settings.db_url())
    if url.get_backend_name() == "sqlite":
        where = f"data: {Path(url.database or '').resolve()} (DUBAN_DATA_DIR, DUBAN_DATABASE_URL)"
    else:
        where = f"data: {url.render_as_string(hide_password=True)} (DUBAN_DATABASE_URL)"
    if settings.telegram_token or settings.wecom_corp_id:
        logger.info(where)
    else:  # the local chat console: said plainly above the chat, as the console's address is
        sys.stderr.write(where + "\n")
    return where


def run(settings: Settings) -> None:
    """Blocking entry point for the command line."""
    platform = settings.telegram_token or settings.wecom_corp_id
    logging.getLogger().setLevel(logging.INFO if platform else logging.WARNING)
    asyncio.run(serve(settings))
