"""Telegram through python-telegram-bot: updates become Incoming, Replies become Bot API calls.
Long polling by default; a webhook on Duban's aiohttp server when DUBAN_WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import html
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageEntityType, MessageLimit, ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.adapters.bot_api import AiohttpRequest
from bot.web import WebRoutes, serve_web
from core.context import Context
from core.delivery import RetryLater, TransientError, Undeliverable, with_retries
from core.messages import Attachment, Button, Incoming, Reply
from core.settings import SettingsError
from handlers.router import dispatch
from schedules.outbox import queue_elsewhere
from storage.keyvalue import SharedValues

# Durations as timedelta, as python-telegram-bot's next major version will give them (no warnings now).
os.environ.setdefault("PTB_TIMEDELTA", "1")

logger = logging.getLogger(__name__)
PLATFORM = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
UPDATE_SEEN_FOR = 24 * 3600  # seconds an update_id is remembered: Telegram gives up redelivering within a day


@functools.lru_cache(maxsize=4096)  # the same pages go out again and again (我的任务)
def chunks(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> tuple[str, ...]:
    """Escaped HTML pieces of at most `limit` characters, split at line ends where possible."""
    return tuple(_chunks(text, limit))


def _chunks(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(html.escape(line)) > limit:  # one enormous line: cut by raw length, escape after
            cut = limit // 6  # worst case: every character escapes to six ('&quot;')
            if current:
                pieces.append(current)
                current = ""
            pieces.append(html.escape(line[:cut]))
            line = line[cut:]
        escaped = html.escape(line)
        candidate = f"{current}\n{escaped}" if current else escaped
        if len(candidate) > limit:
            pieces.append(current)
            candidate = escaped
        current = candidate
    if current or not pieces:
        pieces.append(current or "…")
    return pieces


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Inline buttons for a reply."""
    return _keyboard(reply.buttons) if reply.buttons else None


@functools.lru_cache(maxsize=4096)
def _keyboard(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """Telegram's objects are immutable: one markup serves every reply with the same buttons."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data[:64]) for b in row] for row in buttons]
    )


def chat_limits(chat_id: str) -> list[tuple[int, float]]:
    """Telegram's flood limits for one chat: about one message a second, and 20 a minute to a group."""
    return [(1, 1.0), (20, 60.0)] if chat_id.startswith("-") else [(1, 1.0)]


class TelegramMessenger:
    """Sends Replies through a python-telegram-bot Bot."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def chat_limits(self, chat_id: str) -> list[tuple[int, float]]:
        """Telegram's limits for the outbox's pacing."""
        return chat_limits(chat_id)

    async def send(self, chat_id: str, reply: Reply, *, edit: Message | None = None) -> None:
        """Send, with Telegram's errors told apart: wait (429), try again (5xx, timeouts), give up."""
        try:
            await self._send(chat_id, reply, edit=edit)
        except RetryAfter as exc:
            delay = exc.retry_after
            raise RetryLater(delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)) from exc
        except (TimedOut, NetworkError) as exc:
            if isinstance(exc, BadRequest | Forbidden):
                raise Undeliverable(str(exc)) from exc
            raise TransientError(str(exc)) from exc
        except TelegramError as exc:
            raise Undeliverable(str(exc)) from exc

    async def _send(self, chat_id: str, reply: Reply, *, edit: Message | None = None) -> None:
        """Text (HTML-escaped, split to Telegram's limit), buttons under the last part, then a file."""
        bot = self.bot
        parts = chunks(reply.text)
        markup = keyboard(reply)
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if edit is not None and i == 0:
                try:
                    await edit.edit_text(part, parse_mode=ParseMode.HTML, reply_markup=markup if last else None)
                    continue
                except BadRequest as exc:  # "message is not modified" and the like: send anew
                    logger.debug("edit failed, sending instead: %s", exc)
            await bot.send_message(chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup if last else None)
        if reply.file is not None:
            with reply.file.open("rb") as handle:
                if reply.file.suffix.lower() in (".png", ".jpg", ".jpeg"):
                    await bot.send_photo(chat_id, handle, filename=reply.file.name)
                else:
                    await bot.send_document(chat_id, handle, filename=reply.file.name)


def incoming(update: Update, bot_id: int, bot_username: str) -> Incoming | None:
    """The plain message of an update, or None for updates Duban does not read."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return None
    is_group = chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
    name = " ".join(p for p in (user.first_name, user.last_name) if p) or (user.username or "")
    if update.callback_query is not None:
        query = update.callback_query
        message = query.message if isinstance(query.message, Message) else None
        return Incoming(
            platform=PLATFORM,
            chat_id=str(chat.id),
            user_id=str(user.id),
            user_name=name,
            text=message.text or "" if message else "",
            is_group=is_group,
            callback=query.data or "",
            message_id=str(message.message_id) if message else None,
            locale=user.language_code or "",
        )
    message = update.effective_message
    if message is None:
        return None
    attachment = _attachment(message)
    if message.text is None and attachment is None:
        return None
    text = message.text or message.caption or ""
    addressed = not is_group
    mention = f"@{bot_username}".lower()
    for entity, value in message.parse_entities([MessageEntityType.MENTION, MessageEntityType.BOT_COMMAND]).items():
        if value.lower() == mention or value.lower().endswith(mention):
            addressed = True
        if entity.type == MessageEntityType.BOT_COMMAND and "@" not in value:
            addressed = True  # /tasks in a group without @: meant for whichever bot knows it
    reply_to = message.reply_to_message
    if reply_to is not None and reply_to.from_user is not None and reply_to.from_user.id == bot_id:
        addressed = True
    if is_group and bot_username:
        text = text.replace(f"@{bot_username}", " ").replace(f"@{bot_username.lower()}", " ")
    return Incoming(
        platform=PLATFORM,
        chat_id=str(chat.id),
        user_id=str(user.id),
        user_name=name,
        text=text.strip(),
        is_group=is_group,
        addressed=addressed,
        message_id=str(message.message_id),
        locale=user.language_code or "",
        attachment=attachment,
    )


def _attachment(message: Message) -> Attachment | None:
    """A photo (its largest size) or a document, by file id, name and size."""
    if message.photo:
        photo = message.photo[-1]
        return Attachment("photo", photo.file_id, f"photo-{photo.file_unique_id}.jpg", photo.file_size)
    if message.document is not None:
        document = message.document
        return Attachment("document", document.file_id, document.file_name or "document", document.file_size)
    return None


async def _deliver(
    ctx: Context, messenger: TelegramMessenger, msg: Incoming, replies: list[Reply], edit: Message | None
) -> None:
    """Each reply to this chat on its own (those to other chats went to the outbox): a 429 or a 5xx is
    waited out and tried again, and one recipient who blocked the bot does not stop the others."""
    for reply in replies:
        platform = reply.platform or PLATFORM
        target = reply.chat_id or msg.chat_id
        if platform != PLATFORM:
            await with_retries(lambda r=reply, p=platform, t=target: ctx.delivery.send(p, t, r), f"{platform}:{target}")
            continue
        same = edit if reply.edit and target == msg.chat_id else None
        await with_retries(lambda r=reply, t=target, e=same: messenger.send(t, r, edit=e), f"{PLATFORM}:{target}")


async def replies_here(ctx: Context, msg: Incoming) -> list[Reply]:
    """The replies to a message (in a worker thread): those to other chats queued in the outbox, those
    to this chat returned to be sent now."""
    return queue_elsewhere(ctx, PLATFORM, msg.chat_id, await dispatch(msg, ctx))


def build_application(ctx: Context) -> Application:
    """A python-telegram-bot Application wired to Duban's router, on the configured Bot API root."""
    settings = ctx.settings
    root = settings.telegram_api_url.rstrip("/")
    requests = [
        AiohttpRequest(connection_pool_size=8, pool_timeout=10.0),
        AiohttpRequest(connection_pool_size=1),
        AiohttpRequest(connection_pool_size=max(1, settings.outbox_concurrency), pool_timeout=10.0),
        AiohttpRequest(connection_pool_size=1),
    ]
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token or "")
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .concurrent_updates(16)  # updates handled at once: more only queue at the connection pool, quadratically
        # replies to concurrent updates go out in parallel (8 connections), not one at a time
        .request(requests[0])
        .get_updates_request(requests[1])
    )
    if settings.webhook_url:
        builder = builder.updater(None)
    application = builder.build()
    messenger = TelegramMessenger(application.bot)
    # The outbox's window of sends gets a bot and a connection pool of its own: a broadcast neither
    # waits for nor slows down the connections that answer people.
    pushes = Bot(
        settings.telegram_token or "",
        base_url=f"{root}/bot",
        base_file_url=f"{root}/file/bot",
        request=requests[2],
        get_updates_request=requests[3],  # never polls; only so no httpx client is made
    )
    application.bot_data["pushes"] = pushes
    application.bot_data["requests"] = requests
    ctx.delivery.register(PLATFORM, TelegramMessenger(pushes))

    async def on_update(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Every text message and button press goes through the router."""
        bot = application.bot
        msg = incoming(update, bot.id, bot.username or "")
        if msg is None:
            return
        # One chat's updates in arrival order (16 are handled at once), the work off the event loop.
        await ctx.lanes.run((PLATFORM, msg.chat_id), lambda: answer(update, msg))

    async def answer(update: Update, msg: Incoming) -> None:
        try:
            replies = await ctx.lanes.off_loop(lambda: replies_here(ctx, msg))
        except Exception:
            logger.exception("handler failed for %s:%s", msg.platform, msg.user_id)
            replies = [Reply("抱歉，处理出错了，请稍后再试。Sorry, something went wrong.")]
        query = update.callback_query
        if query is not None:
            notice = next((r.notice for r in replies if r.notice), None)
            with contextlib.suppress(TelegramError):  # the pop-up is a courtesy; the replies matter
                await query.answer(notice)
            replies = [r for r in replies if r.text and not (r.notice and r.text == r.notice)]
        edit = query.message if query is not None and isinstance(query.message, Message) else None
        await _deliver(ctx, messenger, msg, replies, edit)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Whatever python-telegram-bot itself could not do (a network error while polling, …) is logged."""
        logger.warning("telegram: %s", context.error, exc_info=context.error)

    application.add_error_handler(on_error)
    application.add_handler(CallbackQueryHandler(on_update))
    application.add_handler(MessageHandler(filters.TEXT | filters.PHOTO | filters.Document.ALL, on_update))
    return application


@contextlib.asynccontextmanager
async def sending_only(ctx: Context) -> AsyncIterator[None]:
    """Telegram registered for sending (reminders, broadcasts from the command line), not receiving."""
    application = build_application(ctx)
    try:
        async with application, application.bot_data["pushes"]:
            yield
    finally:
        await close_connections(application)


async def close_connections(application: Application) -> None:
    """Close every aiohttp session the application's bots opened. python-telegram-bot shuts down only
    what it initialized completely: a start that failed (getMe timed out) left its sessions open."""
    for request in application.bot_data.get("requests", []):
        await request.shutdown()


def webhook_secret(ctx: Context) -> str:
    """The secret Telegram must echo in its header: configured, or derived from the token."""
    token = ctx.settings.telegram_token or ""
    return ctx.settings.webhook_secret or hashlib.sha256(f"duban:{token}".encode()).hexdigest()[:48]


def webhook_handler(ctx: Context, application: Application) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler Telegram posts updates to; requests without the secret header get 403."""
    secret = webhook_secret(ctx)
    shared = SharedValues(ctx.store.engine)

    async def receive(request: web.Request) -> web.Response:
        if request.headers.get(SECRET_HEADER) != secret:
            return web.Response(status=403, text="forbidden")
        try:
            data: Any = await request.json()
            update = Update.de_json(data, application.bot)
        except Exception:  # a malformed body: refuse it, keep serving
            return web.Response(status=400, text="bad update")
        # Telegram posts an update again when its answer was late or lost; behind a proxy the second
        # post may reach another process. One insert decides which process takes it.
        if not await asyncio.to_thread(shared.claim, f"telegram:update:{update.update_id}", UPDATE_SEEN_FOR):
            return web.Response(text="ok")
        await application.update_queue.put(update)
        return web.Response(text="ok")

    return receive


async def serve_telegram(
    ctx: Context, *, stop: asyncio.Event | None = None, web_routes: WebRoutes | None = None
) -> None:
    """Run Telegram until `stop` is set (or forever): polling, or the webhook on Duban's web server."""
    application = build_application(ctx)
    stop = stop or asyncio.Event()
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(close_connections, application)  # last: after PTB's own shutdown
        await stack.enter_async_context(application)
        await stack.enter_async_context(application.bot_data["pushes"])
        me = application.bot
        ctx.invite_links[PLATFORM] = lambda code: f"https://t.me/{me.username}?start={code}"
        await application.start()
        if ctx.settings.webhook_url:
            routes = web_routes
            if routes is None:
                routes = WebRoutes()
                await stack.enter_async_context(serve_web(routes, ctx.settings))
            path = "/" + ctx.settings.webhook_url.split("://", 1)[-1].partition("/")[2].strip("/")
            routes.add("POST", path if path != "/" else "/telegram", webhook_handler(ctx, application))
            await application.bot.set_webhook(ctx.settings.webhook_url, secret_token=webhook_secret(ctx))
            logger.info("telegram webhook at %s", ctx.settings.webhook_url)
        else:
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=10, error_callback=polling_error)
            logger.info("telegram long polling as @%s", me.username)
        try:
            await stop.wait()
        finally:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            await application.stop()


def polling_error(exc: TelegramError) -> None:
    """A failed getUpdates. A 409 means another process polls this token: Telegram serves one poller."""
    if isinstance(exc, Conflict):
        logger.error(
            "another process is polling this bot (Telegram: %s): one process may poll a token; to run several, "
            "set DUBAN_WEBHOOK_URL and put them behind the reverse proxy",
            exc,
        )
    else:
        logger.warning("telegram polling failed, trying again: %s", exc)


FIRST_RETRY, LONGEST_RETRY = 2.0, 300.0  # seconds: an unreachable Bot API is tried again, doubling the wait


async def keep_serving_telegram(
    ctx: Context, *, stop: asyncio.Event, web_routes: WebRoutes | None = None, first_retry: float = FIRST_RETRY
) -> None:
    """Serve Telegram until `stop`; while the Bot API cannot be reached (no route, a time-out, a 5xx at
    start) try again with doubling waits, and meanwhile the console, the other platform and the reminders
    go on. A token Telegram refuses is a bad setting: it stops `duban run` with one line naming it."""
    wait = first_retry
    while not stop.is_set():
        try:
            await serve_telegram(ctx, stop=stop, web_routes=web_routes)
            return
        except InvalidToken:
            raise SettingsError("DUBAN_TELEGRAM_TOKEN: refused by Telegram (check it with @BotFather)") from None
        except (NetworkError, TimedOut, RetryAfter) as exc:  # a 5xx arrives as NetworkError
            if isinstance(exc, RetryAfter):
                retry_after = exc.retry_after
                wait = max(wait, retry_after if isinstance(retry_after, int | float) else retry_after.total_seconds())
            logger.warning(
                "telegram cannot be reached (%s): trying again in %.0f s; the web console, reminders and "
                "other platforms keep running",
                exc,
                wait,
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), wait)
        wait = min(wait * 2, LONGEST_RETRY)
