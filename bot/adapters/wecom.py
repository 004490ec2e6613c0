"""WeCom (企业微信) self-built app through wechatpy's enterprise module (the 1.8 line: a released,
stable API; the 2.0 `wechatpy.work` line is still pre-release). Callbacks are checked and decrypted
with its WeChatCrypto on Duban's aiohttp server; replies and pushes go out through its synchronous
WeChatClient in a thread. The access token lives in Duban's database, shared by every process, and
is fetched anew when WeCom says it expired (40014, 42001). WeCom text chats have no buttons:
choices are numbered and the user answers with the number."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import defaultdict, deque
from dataclasses import replace
from pathlib import Path
from typing import Any

from aiohttp import web
from wechatpy.enterprise import WeChatClient, parse_message
from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatClientException

from core.context import Context
from core.delivery import ChatBusy, RetryLater, TransientError, Undeliverable
from core.messages import Attachment, Button, Incoming, Reply
from handlers.router import dispatch
from schedules.outbox import enqueue
from storage.keyvalue import SharedValues

logger = logging.getLogger(__name__)
PLATFORM = "wecom"
MAX_TIMESTAMP_SKEW = 300  # seconds: an older callback is a replay
SEEN_FOR = 24 * 3600  # how long a MsgId is remembered (WeCom retries within seconds)
TEXT_LIMIT = 2048  # WeCom cuts a text message's content at 2,048 bytes of UTF-8
GREET_EVERY = 86400  # an enter_agent greeting at most once a day per member (WeCom sends one at each opening)


class WeComClient(WeChatClient):  # type: ignore[misc]
    """wechatpy's client with every call, the token request included, on DUBAN_WECOM_API_URL."""

    def __init__(self, corp_id: str, secret: str, api_url: str, session: SharedValues) -> None:
        super().__init__(corp_id, secret, session=session, timeout=10)
        self.API_BASE_URL = api_url.rstrip("/") + "/"

    def fetch_access_token(self) -> dict[str, Any]:
        """wechatpy hard-codes WeCom's own host here; ask the configured root instead."""
        return self._fetch_access_token(
            url=self.API_BASE_URL + "gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret}
        )

    @property
    def access_token(self) -> str:
        """The shared token; fetched when no process holds a live one."""
        token = self.session.get(self.access_token_key)
        if token:
            return token
        self.fetch_access_token()
        return self.session.get(self.access_token_key)


def _numbered(reply: Reply) -> tuple[str, list[Button]]:
    """The text with its buttons as numbered choices (as words when a typed number is the answer)."""
    choices = [b for row in reply.buttons for b in row]
    if not choices:
        return reply.text, []
    if reply.expects_number:
        return reply.text + "\n\n可回复：" + " / ".join(b.label for b in choices), []
    lines = [reply.text, "", "请回复数字选择："] + [f"{i}. {b.label}" for i, b in enumerate(choices, start=1)]
    return "\n".join(lines), choices


def inert(text: str) -> str:
    """Text WeCom shows as typed: its text messages render <a href> as a live link, so angle brackets
    (from a member's report, relayed to the office) become full-width ones that mean nothing."""
    return text.replace("<", "\uff1c").replace(">", "\uff1e")


def _cut(line: str, limit: int) -> list[str]:
    """A line longer than `limit` bytes of UTF-8, cut between characters."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return parts


def pieces(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Text cut to WeCom's 2,048 bytes a message, at line ends where possible; nothing dropped."""
    out, current = [], ""
    for line in text.split("\n"):
        for part in _cut(line, limit) if len(line.encode()) > limit else [line]:
            candidate = f"{current}\n{part}" if current else part
            if current and len(candidate.encode()) > limit:
                out.append(current)
                candidate = part
            current = candidate
    out.append(current)
    return [p for p in out if p.strip()] or ["…"]


class WeComMessenger:
    """Sends Replies as WeCom app messages, off the event loop, paced per member."""

    def __init__(self, ctx: Context, client: WeComClient, shared: SharedValues) -> None:
        self.ctx = ctx
        self.client = client
        self.shared = shared
        self.agent_id = ctx.settings.wecom_agent_id
        self.per_minute = ctx.settings.wecom_member_per_minute
        self.recent: dict[str, deque[float]] = defaultdict(deque)

    def chat_limits(self, chat_id: str) -> list[tuple[int, float]]:
        """WeCom's limit for one member (DUBAN_WECOM_MEMBER_PER_MINUTE a minute), for the outbox's pacing."""
        return [(max(1, self.per_minute), 60.0)]

    def _pace(self, user: str, count: int) -> None:
        """WeCom silently drops a member's messages past about 30 a minute: wait (raise) instead."""
        window = self.recent[user]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) + count > self.per_minute:
            raise ChatBusy(60 - (now - window[0]) if window else 1.0)
        window.extend([now] * count)

    def choices(self, user: str) -> list[dict[str, str]]:
        """The numbered choices last offered to a user."""
        raw = self.shared.get(f"wecom:choices:{user}")
        return json.loads(raw) if raw else []

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self.client.message, method)(*args, **kwargs)
        except WeChatClientException as exc:
            if exc.errcode in (None, -1, 45009, 45033):  # network, busy, frequency
                raise TransientError(str(exc)) from exc
            if exc.errcode == 60020:  # the server's IP is not among the app's trusted IPs
                logger.error("WeCom refuses this server's IP (60020): add it to the app's trusted IPs")
            raise Undeliverable(str(exc)) from exc
        except OSError as exc:
            raise TransientError(str(exc)) from exc

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Text (with numbered choices), then a file; raises RetryLater when the member is at the limit."""
        text, choices = _numbered(reply)
        parts = pieces(inert(text)) if text.strip() else []
        self._pace(chat_id, len(parts) + (1 if reply.file else 0))
        if choices:
            self.shared.set(
                f"wecom:choices:{chat_id}", json.dumps([{"label": b.label, "data": b.data} for b in choices]), 86400
            )
        elif reply.buttons:
            self.shared.delete(f"wecom:choices:{chat_id}")  # earlier numbers no longer mean anything
        for part in parts:
            await asyncio.to_thread(self._call, "send_text", self.agent_id, chat_id, part)
        if reply.file is not None:
            await asyncio.to_thread(self._send_file, chat_id, reply)

    def _send_file(self, chat_id: str, reply: Reply) -> None:
        assert reply.file is not None
        kind = "image" if reply.file.suffix.lower() in (".png", ".jpg", ".jpeg") else "file"
        with reply.file.open("rb") as handle:
            media = self.client.media.upload(kind, (reply.file.name, handle))
        method = "send_image" if kind == "image" else "send_file"
        self._call(method, self.agent_id, chat_id, media["media_id"])

    def download(self, media_id: str, name: str) -> str | None:
        """Keep a received file: WeCom forgets a media_id after 3 days (media/get); the local path."""
        try:
            response = self.client.get("media/get", params={"media_id": media_id})
        except (WeChatClientException, OSError) as exc:
            logger.warning("could not fetch WeCom media %s: %s", media_id, exc)
            return None
        content = getattr(response, "content", None)
        if not isinstance(content, bytes):
            return None
        folder = Path(self.ctx.settings.data_dir) / "media" / PLATFORM
        folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(c for c in name if c.isalnum() or c in "._-")[-80:] or "file"
        path = folder / f"{media_id[:40]}-{safe}"
        path.write_bytes(content)
        return str(path)


class WeComCallback:
    """The callback URL: GET verifies it, POST brings encrypted messages; answered at once, worked
    on in the background, so WeCom's 5-second limit holds whatever the work costs."""

    def __init__(self, ctx: Context, messenger: WeComMessenger) -> None:
        settings = ctx.settings
        self.ctx = ctx
        self.messenger = messenger
        self.crypto = WeChatCrypto(settings.wecom_token, settings.wecom_aes_key, settings.wecom_corp_id)
        self.tasks: set[asyncio.Task[None]] = set()

    def routes(self) -> list[web.RouteDef]:
        """GET and POST on the callback path."""
        path = self.ctx.settings.wecom_callback_path
        return [web.get(path, self.verify), web.post(path, self.receive)]

    def _fresh(self, request: web.Request) -> bool:
        try:
            return abs(time.time() - int(request.query.get("timestamp", "0"))) <= MAX_TIMESTAMP_SKEW
        except ValueError:
            return False

    async def verify(self, request: web.Request) -> web.Response:
        """URL verification: echo the decrypted echostr when the signature holds."""
        q = request.query
        if not self._fresh(request):
            return web.Response(status=403, text="stale")
        try:
            echo = self.crypto.check_signature(
                q.get("msg_signature", ""), q.get("timestamp", ""), q.get("nonce", ""), q.get("echostr", "")
            )
        except (InvalidSignatureException, ValueError, KeyError):
            return web.Response(status=403, text="bad signature")
        return web.Response(text=echo if isinstance(echo, str) else echo.decode())

    async def receive(self, request: web.Request) -> web.Response:
        """A message: checked, decrypted, de-duplicated by MsgId, answered now, handled after."""
        q = request.query
        if not self._fresh(request):
            return web.Response(status=403, text="stale")
        body = await request.text()
        try:
            xml = self.crypto.decrypt_message(
                body, q.get("msg_signature", ""), q.get("timestamp", ""), q.get("nonce", "")
            )
            message = parse_message(xml)
        except (InvalidSignatureException, ValueError, KeyError, TypeError) as exc:
            logger.warning("refused a WeCom callback: %s", type(exc).__name__)
            return web.Response(status=403, text="bad signature")
        key = f"wecom:msg:{getattr(message, 'id', None) or message.source + ':' + str(message.time)}"
        if not self.messenger.shared.claim(key, SEEN_FOR):
            return web.Response(text="")  # WeCom retried: handled once already
        incoming = self._incoming(message)
        if incoming is not None:
            task = asyncio.create_task(self._handle(incoming))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        return web.Response(text="")  # WeCom documents an empty 200 answer to a callback

    def _incoming(self, message: Any) -> Incoming | None:
        user = message.source
        kind = message.type
        attachment = None
        text = ""
        callback = None
        if kind == "text":
            text = message.content or ""
        elif kind == "image":
            attachment = Attachment("photo", message.media_id, f"image-{message.id}.jpg", None)
        elif kind == "file":
            attachment = Attachment("document", message.media_id, getattr(message, "title", None) or "file", None)
        elif kind == "event" and getattr(message, "event", "") in ("enter_agent", "subscribe"):
            if not self.messenger.shared.claim(f"wecom:greeted:{user}", GREET_EVERY):
                return None
            callback = "welcome:"
        elif kind == "event":
            return None  # other events (menus, locations, jobs) ask nothing of Duban
        else:
            callback = f"unsupported:{kind}"  # voice, video, location, link: a polite answer
        stripped = text.strip()
        if stripped.isdigit() and callback is None:
            choices = self.messenger.choices(user)
            if 1 <= int(stripped) <= len(choices):
                callback = choices[int(stripped) - 1]["data"]
                self.messenger.shared.delete(f"wecom:choices:{user}")
        return Incoming(
            platform=PLATFORM,
            chat_id=user,
            user_id=user,
            user_name=user,
            text="" if callback else text,
            callback=callback,
            attachment=attachment,
            locale="zh",
        )

    def _department(self, user: str) -> str | None:
        """The user's first department in the WeCom address book, asked once per user."""
        key = f"wecom:hinted:{user}"
        if self.messenger.shared.get(key):
            return None
        self.messenger.shared.set(key, "1", 30 * 86400)
        try:
            ids = self.messenger.client.user.get(user).get("department") or []
            departments = self.messenger.client.department.get(ids[0]) if ids else []
        except (WeChatClientException, OSError, KeyError, ValueError) as exc:
            logger.info("no address-book department for wecom:%s: %s", user, exc)
            return None
        return next((d.get("name") for d in departments if d.get("id") == ids[0]), None)

    async def _handle(self, msg: Incoming) -> None:
        """Work on one callback in the background; whatever fails is logged, never silently dropped."""
        try:
            await self._answer(msg)
        except Exception:
            logger.exception("a WeCom message of %s could not be answered", msg.user_id)

    async def _answer(self, msg: Incoming) -> None:
        if not msg.callback:
            hint = await asyncio.to_thread(self._department, msg.user_id)
            if hint:
                msg = replace(msg, unit_hint=hint)
        if msg.attachment is not None:
            path = await asyncio.to_thread(self.messenger.download, msg.attachment.file_id, msg.attachment.name)
            msg = replace(msg, attachment=replace(msg.attachment, path=path))
        try:
            replies = await dispatch(msg, self.ctx)
        except Exception:
            logger.exception("handler failed for wecom:%s", msg.user_id)
            replies = [Reply("抱歉，处理出错了，请稍后再试。")]
        for reply in replies:
            if reply.notice and not reply.text:
                continue
            platform = reply.platform or PLATFORM
            target = reply.chat_id or msg.chat_id
            try:
                if platform == PLATFORM:
                    await self.messenger.send(target, reply)
                else:
                    await self.ctx.delivery.send(platform, target, reply)
            except (RetryLater, TransientError) as exc:
                later(self.ctx, platform, target, reply)  # past the member's limit: the outbox sends it in time
                logger.info("a reply to %s:%s waits in the outbox: %s", platform, target, exc)
            except Undeliverable as exc:
                logger.warning("a reply to %s:%s was not delivered: %s", platform, target, exc)


def later(ctx: Context, platform: str, chat_id: str, reply: Reply) -> None:
    """A reply the platform refused for now, queued in the outbox, which waits out the limit and sends it."""
    buttons = [[(b.label, b.data) for b in row] for row in reply.buttons]
    with ctx.store.session() as session:
        enqueue(session, text=reply.text, recipients=[(platform, chat_id)], kind="reply", buttons=buttons)
    if reply.file is not None:
        logger.warning("a file for %s:%s was not sent (the platform is busy); ask again", platform, chat_id)
    if ctx.wake_sender is not None:
        ctx.wake_sender()


def build_wecom(ctx: Context) -> WeComCallback:
    """The WeCom client, messenger (registered for pushes) and callback, from the settings."""
    settings = ctx.settings
    shared = SharedValues(ctx.store.engine)
    client = WeComClient(settings.wecom_corp_id or "", settings.wecom_secret or "", settings.wecom_api_url, shared)
    messenger = WeComMessenger(ctx, client, shared)
    ctx.delivery.register(PLATFORM, messenger)
    return WeComCallback(ctx, messenger)
