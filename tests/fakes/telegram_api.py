"""A fake Telegram Bot API server on 127.0.0.1 that the tests control: they push updates and read
what the bot sent. The real python-telegram-bot talks HTTP to it.

What it copies of the real Bot API, where a test turns it on: the time an answer takes (`latency`:
100-400 ms from a government network), flood control per chat (`chat_interval`: a second message to
one chat within about a second answers 429 with retry_after), and injected 429 / 5xx answers."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-TOKEN"
BOT = {"id": 777, "is_bot": True, "first_name": "督办", "username": "duban_test_bot", "can_join_groups": True}
_JSON_FIELDS = {"reply_markup", "allowed_updates", "entities", "link_preview_options", "reply_parameters"}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "from_chat_id"}


@dataclass
class Call:
    """One Bot API request the bot made."""

    method: str
    params: dict[str, Any]


@dataclass
class FakeTelegram:
    """The fake server's state: queued updates, recorded calls, injected failures."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)  # calls by method, cheap to poll
    updates: list[dict[str, Any]] = field(default_factory=list)
    failures: dict[str, list[int]] = field(default_factory=dict)  # method -> statuses to answer next
    hold_after: int | None = None  # the sendMessage after this many successful ones is received, then never answered
    latency: float = 0.0  # seconds before each send/edit is answered, as over a real network
    chat_interval: float | None = None  # flood control: messages to one chat closer than this answer 429
    rate_limit: float | None = None  # flood control over all chats: more than this in any second answers 429
    sent_at: dict[int, list[float]] = field(default_factory=dict)  # chat -> when messages to it were accepted
    _accepted: list[float] = field(default_factory=list)
    next_update_id: int = 1
    next_message_id: int = 1000
    url: str = ""
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _sent: asyncio.Condition = field(default_factory=asyncio.Condition)
    _release: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    # --- what the tests do -------------------------------------------------------------

    def _user(self, user_id: int, name: str) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name}

    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "user"
        else:
            chat["title"] = "工作群"
        return chat

    def _push(self, update: dict[str, Any]) -> dict[str, Any]:
        update["update_id"] = self.next_update_id
        self.next_update_id += 1
        self.updates.append(update)
        self._arrived.set()
        return update

    def message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        name: str = "用户",
        reply_to_bot: bool = False,
    ) -> dict[str, Any]:
        """Queue a text message from a user, as Telegram would deliver it."""
        self.next_message_id += 1
        message: dict[str, Any] = {
            "message_id": self.next_message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id or user_id, chat_type),
            "from": self._user(user_id, name),
            "text": text,
        }
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        at = f"@{BOT['username']}"
        if at in text:
            entities.append({"type": "mention", "offset": _utf16_offset(text, text.index(at)), "length": len(at)})
        if entities:
            message["entities"] = entities
        if reply_to_bot:
            message["reply_to_message"] = {
                "message_id": 1,
                "date": int(time.time()),
                "chat": message["chat"],
                "from": BOT,
                "text": "…",
            }
        return self._push({"message": message})

    def press(self, user_id: int, sent: Call, data: str, name: str = "用户") -> dict[str, Any]:
        """Queue a press of an inline button under a message the bot sent."""
        result = sent.params["_result"]
        return self._push(
            {
                "callback_query": {
                    "id": str(self.next_update_id * 31),
                    "from": self._user(user_id, name),
                    "chat_instance": "ci",
                    "data": data,
                    "message": result,
                }
            }
        )

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[Call]:
        """Messages the bot sent (to one chat)."""
        return [c for c in self.calls if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)]

    async def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 10.0) -> Any:
        """Wait until the recorded calls satisfy a predicate; its value is returned."""
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._sent:
            while True:
                value = predicate(self.calls)
                if value:
                    return value
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out; calls were: {[(c.method, c.params.get('text')) for c in self.calls]}"
                    )
                try:
                    await asyncio.wait_for(self._sent.wait(), remaining)
                except TimeoutError:
                    pass

    async def reply_to(self, user_id: int, text: str, **kwargs: Any) -> Call:
        """Send a message and wait for the bot's next message to that chat."""
        chat = kwargs.get("chat_id") or user_id
        before = len(self.sent(chat)) + len(self.sent(chat, "editMessageText"))
        self.message(user_id, text, **kwargs)
        return await self.wait_for(
            lambda calls: (
                len(self.sent(chat)) + len(self.sent(chat, "editMessageText")) > before
                and [
                    c
                    for c in calls
                    if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == chat
                ][-1]
            )
        )

    # --- the server --------------------------------------------------------------------

    async def start(self, port: int = 0) -> str:
        app = web.Application()
        app.router.add_post("/_control/messages", self._control_messages)
        app.router.add_get("/_control/counts", self._control_counts)
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def _control_messages(self, request: web.Request) -> web.Response:
        """For a benchmark running this server in a process of its own: queue messages from users."""
        body = await request.json()
        for user, text in body["messages"]:
            self.message(int(user), str(text))
        return web.json_response({"ok": True})

    async def _control_counts(self, request: web.Request) -> web.Response:
        return web.json_response(dict(self.counts))

    async def stop(self) -> None:
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        """A call's parameters as the Bot API reads them, from a JSON body or a form: "42" and 42 are the
        same chat, and a JSON-serialized field may come as a string or as the object itself."""
        if request.content_type == "application/json":
            given: dict[str, Any] = dict(await request.json())
        else:
            form = await request.post()
            given = {}
            for key, value in form.items():
                given[key] = (
                    value if isinstance(value, str) else {"filename": value.filename, "size": len(value.file.read())}
                )
        params: dict[str, Any] = {}
        for key, value in given.items():
            if isinstance(value, str) and key in _JSON_FIELDS:
                params[key] = json.loads(value)
            elif isinstance(value, str) and key in _INT_FIELDS:
                params[key] = int(value) if value.lstrip("-").isdigit() else value
            else:
                params[key] = value
        params["_as"] = request.content_type  # how the call came: JSON, a form, or multipart with a file
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        queued = self.failures.get(method)
        if queued:
            status = queued.pop(0)
            body: dict[str, Any] = {"ok": False, "error_code": status, "description": "injected failure"}
            if status == 429:
                body["parameters"] = {"retry_after": 1}
            self.calls.append(Call(f"{method}!{status}", params))
            return web.json_response(body, status=status)
        if method == "getUpdates":
            self.calls.append(Call(method, params))
            async with self._sent:
                self._sent.notify_all()
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        if method.startswith(("send", "edit")):
            chat = params.get("chat_id")
            if self.chat_interval is not None and isinstance(chat, int):
                last = self.sent_at.get(chat, [])
                if last and time.monotonic() - last[-1] < self.chat_interval:
                    self.counts["flood"] += 1
                    self.calls.append(Call(f"{method}!429", params))
                    body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
                    return web.json_response({**body, "parameters": {"retry_after": 1}}, status=429)
            if self.rate_limit is not None:
                now = time.monotonic()
                while self._accepted and now - self._accepted[0] >= 1.0:
                    self._accepted.pop(0)
                if len(self._accepted) >= self.rate_limit:
                    self.counts["flood"] += 1
                    self.calls.append(Call(f"{method}!429", params))
                    body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
                    return web.json_response({**body, "parameters": {"retry_after": 1}}, status=429)
                self._accepted.append(now)
            if isinstance(chat, int):
                self.sent_at.setdefault(chat, []).append(time.monotonic())
            if self.latency:
                await asyncio.sleep(self.latency)
        result = self._result(method, params)
        call = Call(method, params)
        params["_result"] = result
        if method == "sendMessage" and self.hold_after is not None and self.counts[method] >= self.hold_after:
            self.calls.append(Call("sendMessage(held)", params))
            self.counts["held"] += 1
            async with self._sent:
                self._sent.notify_all()
            await self._release.wait()  # the message arrived; its answer comes only when the server stops
        self.calls.append(call)
        self.counts[method] += 1
        async with self._sent:
            self._sent.notify_all()
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates:
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), min(float(params.get("timeout") or 0), 2.0))
            except TimeoutError:
                pass
        return list(self.updates[: int(params.get("limit") or 100)])

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT
        if method in ("deleteWebhook", "setWebhook", "answerCallbackQuery", "close", "logOut"):
            return True
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            self.next_message_id += 1
            chat_id = params.get("chat_id")
            message: dict[str, Any] = {
                "message_id": params.get("message_id") or self.next_message_id,
                "date": int(time.time()),
                "chat": self._chat(int(chat_id), "private" if int(chat_id) > 0 else "group"),
                "from": BOT,
            }
            if "text" in params:
                message["text"] = params["text"]
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            if method == "sendDocument":
                message["document"] = {
                    "file_id": f"f{self.next_message_id}",
                    "file_unique_id": "u",
                    "file_name": params["document"]["filename"],
                }
            return message
        return True


def _utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, data) of the inline buttons under a sent message."""
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def main() -> None:
    """`python -m tests.fakes.telegram_api PORT`: the fake in a process of its own, as a remote Bot API is."""
    import sys

    async def serve() -> None:
        fake = FakeTelegram()
        await fake.start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
        print(fake.url, flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
