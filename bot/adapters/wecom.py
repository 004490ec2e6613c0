"""WeCom (企业微信) self-built app through wechatpy's enterprise module (the 1.8 line: a released,
stable API; the 2.0 `wechatpy.work` line is still pre-release). Callbacks are checked and decrypted
with its WeChatCrypto on Duban's aiohttp server; replies and pushes go out through its synchronous
WeChatClient in a thread. The access token lives in Duban's database, shared by every process, and
is fetched anew when WeCom says it expired (40014, 42001). WeCom text chats have no buttons:
choices are numbered and the user answers with the number."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Coroutine
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlmodel import select
from wechatpy.enterprise import WeChatClient, parse_message
from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidSignatureException, WeChatClientException

from bot.adapters import offers
from core.context import Context
from core.delivery import ChatBusy, NotDelivered, RetryLater, TransientError, Undeliverable
from core.messages import Attachment, Button, Incoming, Reply
from core.texts import ZH, say
from handlers.router import dispatch
from schedules import address_book as following
from schedules.outbox import enqueue, queue_elsewhere
from storage import address_book, dialogs, members
from storage.address_book import Move
from storage.keyvalue import SharedValues
from storage.models import Member, Unit, utcnow

logger = logging.getLogger(__name__)
PLATFORM = "wecom"
MAX_TIMESTAMP_SKEW = 300  # seconds: an older callback is a replay
SEEN_FOR = 24 * 3600  # how long a MsgId is remembered (WeCom retries within seconds)
TEXT_LIMIT = 2048  # WeCom cuts a text message's content at 2,048 bytes of UTF-8
GREET_EVERY = 86400  # an enter_agent greeting at most once a day per member (WeCom sends one at each opening)
CARD_BUTTONS = 6  # a button_interaction card holds one to six buttons
CARD_TITLE = 36  # characters WeCom shows of a card's main title
CARD_TEXT = 160  # characters WeCom shows of a card's sub-title text
CARD_KEPT = 72 * 3600  # a card's response_code may update it within 72 hours
GROUP_PREFIX = "appchat:"  # a unit's app group chat, as Duban names the chat
NO_CARDS = (40008,)  # "invalid message type": this WeCom (a private deployment, an old one) has no template cards
GROUP_PER_MINUTE = 20  # sends a minute to one app group, kept under WeCom's limit


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


def settled(key: str, label: str | None) -> str:
    """What a pressed card's buttons turn into: the deed for a button that does one (签收 → 已签收), else the
    choice made."""
    deed = f"card_settled_{key.partition(':')[0]}"
    if deed in ZH:
        return say("zh", deed)
    return say("zh", "card_settled", label=label) if label else say("zh", "card_settled_unknown")


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
        """WeCom's limit for one member (DUBAN_WECOM_MEMBER_PER_MINUTE a minute) or one app group, for the
        outbox's pacing."""
        if chat_id.startswith(GROUP_PREFIX):
            return [(GROUP_PER_MINUTE, 60.0)]
        return [(max(1, self.per_minute), 60.0)]

    def _pace(self, user: str, count: int, done: int = 0) -> None:
        """WeCom silently drops a member's messages past about 30 a minute: wait (raise) instead, until the
        window has room (`done`: pieces of the reply that arrived before)."""
        window = self.recent[user]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) + count > self.per_minute:
            room = len(window) + count - self.per_minute  # this many of the oldest must leave the window
            oldest = window[min(room, len(window)) - 1] if window else now
            raise ChatBusy(max(0.5, 60 - (now - oldest))).after(done)
        window.extend([now] * count)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self.client.message, method)(*args, **kwargs)
        except WeChatClientException as exc:
            if exc.errcode in (None, -1, 45009, 45033):  # network, busy, frequency
                raise TransientError(str(exc)) from exc
            if exc.errcode == 60020:  # the server's IP is not among the app's trusted IPs
                logger.error("WeCom refuses this server's IP (60020): add it to the app's trusted IPs")
            refused = Undeliverable(str(exc))
            refused.code = exc.errcode
            raise refused from exc
        except OSError as exc:
            raise TransientError(str(exc)) from exc

    async def send(self, chat_id: str, reply: Reply) -> None:
        """A unit's group gets text; a member gets choices as a template card's buttons where one can be
        sent, else as numbered text; raises RetryLater when the member is at the limit. The reply goes as
        pieces (a long text's parts, the text before a card, the card, a file): the first
        `reply.sent_parts` arrived before and are not sent again; a failure says how many arrived now."""
        if chat_id.startswith(GROUP_PREFIX):
            await self._send_group(chat_id.removeprefix(GROUP_PREFIX), reply)
            return
        choices = [b for row in reply.buttons for b in row]
        card = choices and len(choices) <= CARD_BUTTONS and not reply.expects_number
        if card and await asyncio.to_thread(self.cards_usable):
            try:
                await self._send_card(chat_id, reply, choices)
                return
            except Undeliverable as exc:  # numbered text instead: for a day if this WeCom has no cards at all
                if exc.code in NO_CARDS:
                    logger.warning("WeCom has no template cards (%s); choices go as numbered text for a day", exc)
                    await asyncio.to_thread(self.shared.set, "wecom:no-cards", "1", 86400)
                else:  # this card (a malformed one, say): this reply only, the other members keep cards
                    logger.warning("WeCom refused a template card (%s); its choices go as numbered text", exc)
                if exc.parts_sent:  # the text before the card arrived: only the choices, numbered, follow
                    reply = replace(reply, text="", sent_parts=0)
        text, numbered = _numbered(reply)
        parts = pieces(inert(text)) if text.strip() else []
        steps = [functools.partial(self._call, "send_text", self.agent_id, chat_id, part) for part in parts]
        if reply.file is not None:
            steps.append(functools.partial(self._send_file, chat_id, reply))
        self._pace(chat_id, len(steps) - reply.sent_parts, reply.sent_parts)
        # the numbers offered, in the dialog store: a typed "1" answers them (after a restart too)
        await asyncio.to_thread(offers.remember, self.ctx, PLATFORM, chat_id, chat_id, reply)
        await self._in_turn(steps, reply.sent_parts)

    @staticmethod
    async def _in_turn(steps: list[functools.partial[Any]], done: int) -> None:
        """Send pieces in order from the first not yet sent; a failure carries how many have arrived."""
        for index, step in enumerate(steps):
            if index < done:
                continue
            try:
                await asyncio.to_thread(step)
            except NotDelivered as exc:
                raise exc.after(index) from exc.__cause__

    def cards_usable(self) -> bool:
        """Template cards unless the settings turn them off or WeCom refused one lately."""
        return self.ctx.settings.wecom_cards and not self.shared.get("wecom:no-cards")

    async def _send_card(self, chat_id: str, reply: Reply, choices: list[Button]) -> None:
        """The text, then (or, when short, inside) a button_interaction card whose clicks come back as
        template_card_event callbacks carrying the button's key: the choice's data."""
        lines = [line for line in reply.text.strip().split("\n") if line.strip()] or ["请选择"]
        fits = len(lines[0]) <= CARD_TITLE and len("\n".join(lines[1:])) <= CARD_TEXT
        body = [] if fits else pieces(inert(reply.text))
        title = lines[0] if fits else lines[-1]
        task_id = "duban-" + secrets.token_hex(12)
        card: dict[str, Any] = {
            "card_type": "button_interaction",
            "main_title": {"title": title[:CARD_TITLE]},
            "task_id": task_id,
            "button_list": [{"text": b.label, "style": 1, "key": b.data} for b in choices],
        }
        if fits and len(lines) > 1:
            card["sub_title_text"] = "\n".join(lines[1:])
        message = {"msgtype": "template_card", "template_card": card}
        steps = [functools.partial(self._call, "send_text", self.agent_id, chat_id, part) for part in body]
        steps.append(functools.partial(self._send_card_message, chat_id, task_id, choices, message))
        if reply.file is not None:
            steps.append(functools.partial(self._send_file, chat_id, reply))
        self._pace(chat_id, len(steps) - reply.sent_parts, reply.sent_parts)
        await self._in_turn(steps, reply.sent_parts)

    def _send_card_message(self, chat_id: str, task_id: str, choices: list[Button], message: dict[str, Any]) -> None:
        """The card, kept in the dialog store with the response_code WeCom answers it with; the numbers offered
        before it mean nothing any more."""
        sent = self._call("send", self.agent_id, chat_id, "", "", message) or {}
        now = self.ctx.now()
        with self.ctx.store.session() as session:
            dialogs.withdraw(session, PLATFORM, chat_id, chat_id)
            dialogs.keep_card(
                session, PLATFORM, chat_id, chat_id, task_id, [(b.label, b.data) for b in choices],
                title=str(message["template_card"]["main_title"]["title"]),
                code=sent.get("response_code") or None, until=now + timedelta(seconds=CARD_KEPT), now=now,
            )  # fmt: skip

    def settle_card(self, user: str, task_id: str, key: str, response_code: str) -> None:
        """After a click: the card's buttons give way to what was done (已签收, 已选择：推进中), so it cannot be
        pressed twice. WeCom takes each response_code once, within 72 hours: the click's own code first, else
        the one the card was sent with (kept in the dialog store until its 72 hours are up); a refused code
        is not tried again, a busy WeCom is asked once more, and nothing here stops the answer."""
        with self.ctx.store.session() as session:
            card = dialogs.pressed_card(session, PLATFORM, user, user, task_id, self.ctx.now())
            label = next((c["label"] for c in card.choices if c["data"] == key), None) if card else None
            sent_code = card.code if card else None
        codes = [code for code in (response_code, sent_code) if code]
        if not codes:
            logger.info("a WeCom card of %s cannot be updated: no response_code within 72 hours", user)
        for code in codes:
            body = {"userids": [user], "agentid": self.agent_id, "response_code": code}
            body["button"] = {"replace_name": settled(key, label)}
            if self._update_card(body):
                if code == sent_code:
                    with self.ctx.store.session() as session:
                        dialogs.code_spent(session, PLATFORM, user, user, task_id)
                return

    def _update_card(self, body: dict[str, Any]) -> bool:
        """One update_template_card; whether WeCom took it (asked twice when it is busy)."""
        for attempt in (1, 2):
            try:
                self.client.post("message/update_template_card", data=body)
                return True
            except WeChatClientException as exc:
                busy = exc.errcode in (None, -1, 45009, 45033)
                logger.info("WeCom refused a card update for %s (%s): %s", body["userids"], exc.errcode, exc.errmsg)
            except OSError as exc:
                busy = True
                logger.info("a WeCom card update for %s failed: %s", body["userids"], exc)
            if not busy or attempt == 2:
                return False
            time.sleep(1.0)
        return False

    async def _send_group(self, chat: str, reply: Reply) -> None:
        """A unit's app group: text only (app groups take no cards, and nobody answers the app there)."""
        parts = pieces(inert(reply.text)) if reply.text.strip() else []
        for part in parts:
            await asyncio.to_thread(self._group_call, chat, {"msgtype": "text", "text": {"content": part}})

    def _group_call(self, chat: str, message: dict[str, Any]) -> Any:
        try:
            return self.client.post("appchat/send", data={"chatid": chat, **message})
        except WeChatClientException as exc:
            if exc.errcode in (None, -1, 45009, 45033):
                raise TransientError(str(exc)) from exc
            raise Undeliverable(str(exc)) from exc
        except OSError as exc:
            raise TransientError(str(exc)) from exc

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
        self.contacts = AddressBook(ctx, messenger)

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
        # A message has its MsgId; an event has none, and several (contact changes from `sys`) may share a
        # second: the event's own content tells a retry from another event.
        seen = getattr(message, "id", None) or hashlib.sha256(xml.encode() if isinstance(xml, str) else xml).hexdigest()
        user = str(getattr(message, "source", "") or "")
        # Answered now; worked on in the member's lane, after their earlier messages, off the event loop.
        self._later(self.ctx.lanes.run((PLATFORM, user), lambda: self._work(message, str(seen))))
        return web.Response(text="")  # WeCom documents an empty 200 answer to a callback

    async def _work(self, message: Any, seen: str) -> None:
        """One callback: claimed once for every process (WeCom retries an unanswered one), then followed
        or answered; whatever fails is logged, never silently dropped."""
        lanes = self.ctx.lanes
        try:
            if not await lanes.in_thread(self.messenger.shared.claim, f"wecom:msg:{seen}", SEEN_FOR):
                return  # WeCom retried: handled once already
            data = getattr(message, "_data", {}) or {}
            if str(data.get("Event", "")).lower() == "change_contact":
                await self.contacts.change(data)
                return
            found = await lanes.in_thread(self._incoming, message)
            if found is not None:
                await self._answer(*found)
        except Exception:
            logger.exception("a WeCom callback of %s could not be answered", getattr(message, "source", "?"))

    def _later(self, work: Coroutine[Any, Any, None]) -> None:
        """Work on a callback after answering it."""
        task = asyncio.create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _incoming(self, message: Any) -> tuple[Incoming, tuple[str, str] | None] | None:
        """The message as handlers read it, with the card clicked (its task_id and response_code)."""
        user = message.source
        data = getattr(message, "_data", {}) or {}
        kind = message.type if message.type != "unknown" else str(data.get("MsgType", "unknown")).lower()
        event = str(data.get("Event", "")).lower()
        attachment = None
        text = ""
        callback = None
        card: tuple[str, str] | None = None
        if kind == "event" and event == "template_card_event":  # a card's button: its key is the choice's data
            callback = str(data.get("EventKey") or "")
            card = (str(data.get("TaskId") or ""), str(data.get("ResponseCode") or ""))
            if not callback:
                return None
        elif kind == "text":
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
        if callback is None and text:
            callback = offers.take(self.ctx, PLATFORM, user, user, text)  # a number answering the choices offered
        incoming = Incoming(
            platform=PLATFORM,
            chat_id=user,
            user_id=user,
            user_name=user,
            text="" if callback else text,
            callback=callback,
            attachment=attachment,
            locale="zh",
        )
        return incoming, card

    def _department(self, user: str) -> str | None:
        """The user's first department in the WeCom address book, offered once a month per user; a failed
        lookup is tried again after ten minutes, not a month."""
        key = f"wecom:hinted:{user}"
        if self.messenger.shared.get(key):
            return None
        try:
            ids = self.messenger.client.user.get(user).get("department") or []
            departments = self.messenger.client.department.get(ids[0]) if ids else []
        except (WeChatClientException, OSError, KeyError, ValueError) as exc:
            logger.info("no address-book department for wecom:%s: %s", user, exc)
            self.messenger.shared.set(key, "failed", 600)
            return None
        self.messenger.shared.set(key, "1", 30 * 86400)
        return next((d.get("name") for d in departments if d.get("id") == ids[0]), None)

    async def _replies(self, msg: Incoming) -> list[Reply]:
        """The replies to a message (in a worker thread); those to other chats go to the outbox."""
        return queue_elsewhere(self.ctx, PLATFORM, msg.chat_id, await dispatch(msg, self.ctx))

    async def _answer(self, msg: Incoming, card: tuple[str, str] | None) -> None:
        lanes = self.ctx.lanes
        if card is not None:
            await lanes.in_thread(self.messenger.settle_card, msg.user_id, card[0], msg.callback or "", card[1])
        if not msg.callback:
            hint = await lanes.in_thread(self._department, msg.user_id)
            if hint:
                msg = replace(msg, unit_hint=hint)
        if msg.attachment is not None:
            path = await lanes.in_thread(self.messenger.download, msg.attachment.file_id, msg.attachment.name)
            msg = replace(msg, attachment=replace(msg.attachment, path=path))
        try:
            replies = await lanes.off_loop(lambda: self._replies(msg))
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
                # past the member's limit, or WeCom busy: the outbox sends the rest in time
                await lanes.in_thread(later, self.ctx, platform, target, reply, exc)
                logger.info("a reply to %s:%s waits in the outbox: %s", platform, target, exc)
            except Undeliverable as exc:
                logger.warning("a reply to %s:%s was not delivered: %s", platform, target, exc)


class AddressBook:
    """The WeCom address book followed: members of the departments the office mapped to units belong to
    those units; change_contact events move them (or unbind those who left) as they happen, and a daily
    sync catches what was missed. A department nobody mapped decides nothing: units are never guessed."""

    def __init__(self, ctx: Context, messenger: WeComMessenger) -> None:
        self.ctx = ctx
        self.messenger = messenger

    async def change(self, data: dict[str, Any]) -> None:
        """One change_contact event."""
        kind = str(data.get("ChangeType", ""))
        user = str(data.get("UserID", ""))
        try:
            if kind == "delete_user":
                await asyncio.to_thread(self._left, user)
            elif kind in ("create_user", "update_user"):
                if data.get("NewUserID"):
                    await asyncio.to_thread(self._renamed, user, str(data["NewUserID"]))
                    user = str(data["NewUserID"])
                if data.get("Department"):  # update_user carries it only when the departments changed
                    departments = [d for d in str(data["Department"]).split(",") if d]
                    await asyncio.to_thread(self._follow, user, departments)
        except Exception:
            logger.exception("a WeCom contact change (%s %s) could not be followed", kind, user)

    def _follow(self, user: str, departments: list[str]) -> Move:
        return following.follow(self.ctx, PLATFORM, user, departments)

    def _left(self, user: str) -> None:
        following.left(self.ctx, PLATFORM, user)

    def _renamed(self, old: str, new: str) -> None:
        following.renamed(self.ctx, PLATFORM, old, new)

    def departments(self) -> list[dict[str, Any]]:
        """Every department the app can see: id, name, parent."""
        return list(self.messenger.client.department.get())

    def sync(self) -> tuple[int, int]:
        """Follow every mapped department's members, and unbind WeCom members the address book no longer
        has; (members moved, members who left)."""
        with self.ctx.store.session() as session:
            mapped = [row.department_id for row in address_book.mappings(session, PLATFORM)]
            bound = [
                p.user_id for p in session.exec(select(Member).where(Member.platform == PLATFORM)).all() if p.unit_id
            ]
        seen: dict[str, list[str]] = {}
        for department in mapped:
            for person in self.messenger.client.user.list(int(department), simple=True):
                seen[person["userid"]] = [str(d) for d in person.get("department") or [department]]
        moved = sum(self._follow(user, departments).changed for user, departments in seen.items())
        left = 0
        for user in bound:
            if user in seen:
                continue
            try:
                self.messenger.client.user.get(user)
            except WeChatClientException as exc:
                if exc.errcode == 60111:  # no such member: they left
                    self._left(user)
                    left += 1
        return moved, left

    async def daily(self, stop: asyncio.Event) -> None:
        """Sync at start and once a day, until stopped."""
        while not stop.is_set():
            try:
                moved, left = await asyncio.to_thread(self.sync)
                logger.info("WeCom address book synced: %d moved, %d left", moved, left)
            except (WeChatClientException, OSError) as exc:
                logger.warning("WeCom address book not synced: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 86400)


def create_group(ctx: Context, client: WeComClient, unit: Unit, owner: str, users: list[str]) -> str:
    """An app group chat for a unit (appchat/create), bound so reminders and broadcasts reach it too."""
    body = {"name": f"{unit.name}·督办"[:50], "owner": owner, "userlist": list(dict.fromkeys([owner, *users]))}
    try:
        chat = GROUP_PREFIX + client.post("appchat/create", data=body)["chatid"]
    except WeChatClientException as exc:
        raise ValueError(f"WeCom refused the group ({exc.errcode}): {exc.errmsg}") from exc
    with ctx.store.session() as session:
        members.bind_chat(session, PLATFORM, chat, unit, None)
    return chat


def later(ctx: Context, platform: str, chat_id: str, reply: Reply, failure: NotDelivered | None = None) -> None:
    """A reply the platform refused for now, queued in the outbox, which sends it when the member's
    window has room (or after the wait asked), without the pieces that already arrived."""
    buttons = [[(b.label, b.data) for b in row] for row in reply.buttons]
    wait = failure.seconds if isinstance(failure, RetryLater) else 0.0
    with ctx.store.session() as session:
        enqueue(
            session,
            text=reply.text,
            recipients=[(platform, chat_id)],
            kind="reply",
            buttons=buttons,
            parts_sent=failure.parts_sent if failure is not None else 0,
            not_before=utcnow() + timedelta(seconds=wait),
        )
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
