"""A fake WeCom API on 127.0.0.1 (gettoken, message/send, message/update_template_card, media/upload,
media/get, user/get, user/simplelist, department/list, appchat/create, appchat/send) that the tests
control, and callbacks encrypted exactly as WeCom sends them, with wechatpy's own crypto.

Copied from WeCom's documentation: an expired token answers 42001; media/get answers the file's bytes,
or JSON errcode 40007 for an unknown (or expired, after 3 days) media_id; a send past the app's call
frequency answers 45009; a send or a card update naming another app's agentid answers 40056.

Template cards, from 发送应用消息 (message/send, msgtype template_card) and 更新模版卡片消息
(message/update_template_card, developer.work.weixin.qq.com/document/path/94888): a button_interaction card
needs a task_id (letters, digits and _-@, at most 128 bytes, never reused by the app) and one to six
buttons, each with a key (unique in the card, at most 1,024 bytes, returned as the click's EventKey). The
send of such a card returns a `response_code`, and each click's callback carries another (ResponseCode):
each code updates the card once (update_template_card), within 72 hours, for userids (at most 1,000) that
received the card (a click's code: the member who clicked); the update names the app's agentid and, to
turn the buttons into a label, `button.replace_name`.

An app group chat (appchat) needs at least two members and an owner among them, and only the app that
made it may send to it; user/get of a member who left answers 60111. Where the documentation names no
errcode for a bad parameter, the fake answers 40058, WeCom's general "invalid parameter"; for userids none
of which may be updated, 81013 ("user & party & tag all invalid")."""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from wechatpy.crypto import _get_signature
from wechatpy.enterprise.crypto import PrpCrypto, WeChatCrypto
from wechatpy.utils import to_text

CORP_ID = "ww0123456789abcdef"
SECRET = "test-secret"
TOKEN = "duban-callback-token"
AES_KEY = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode().rstrip("=")
AGENT_ID = 1000002
CODE_LIFETIME = 72 * 3600  # seconds a response_code may update its card


@dataclass
class FakeWeCom:
    """Issued tokens, sent messages, uploaded files."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[str] = field(default_factory=list)
    token_requests: int = 0
    expired_answers: int = 0
    token: str = ""
    url: str = ""
    departments: dict[str, str] = field(default_factory=dict)  # userid -> department name in the address book
    media: dict[str, bytes] = field(default_factory=dict)  # media_id -> the file a member sent
    # The address book proper: department id -> name, userid -> department ids (used when a user is here).
    department_names: dict[int, str] = field(default_factory=dict)
    members: dict[str, list[int]] = field(default_factory=dict)
    task_ids: set[str] = field(default_factory=set)
    # response_code -> (task_id, the members it may update the card for, when it was issued)
    response_codes: dict[str, tuple[str, frozenset[str], float]] = field(default_factory=dict)
    recipients: dict[str, frozenset[str]] = field(default_factory=dict)  # a card's task_id -> its recipients
    refused_updates: list[tuple[int, str]] = field(default_factory=list)  # (errcode, why) of each refused update
    later: float = 0.0  # seconds the fake's clock is ahead of the real one (a code's 72 hours pass)
    updates: list[dict[str, Any]] = field(default_factory=list)
    chats: dict[str, dict[str, Any]] = field(default_factory=dict)  # appchat id -> name, owner, userlist
    chat_sent: list[dict[str, Any]] = field(default_factory=list)
    refuse_cards: bool = False  # a WeCom (private deployment, old client) that has no template cards
    busy_cards: int = 0  # the next this many card sends answer 45009 (the app's call frequency exceeded)
    _runner: web.AppRunner | None = None

    def expire(self) -> None:
        """WeCom forgets the current token before its 7,200 s are up."""
        self.token = ""

    def texts(self, user: str) -> list[str]:
        """What a member reads: text messages, and template cards as their title, text and 【buttons】."""
        found = []
        for m in self.sent:
            if m.get("touser") != user:
                continue
            if m.get("msgtype") == "text":
                found.append(m["text"]["content"])
            elif m.get("msgtype") == "template_card":
                card = m["template_card"]
                buttons = "".join(f"【{b['text']}】" for b in card["button_list"])
                found.append(
                    "\n".join(filter(None, [card["main_title"]["title"], card.get("sub_title_text"), buttons]))
                )
        return found

    async def start(self) -> str:
        app = web.Application(middlewares=[self._token_checked])
        app.router.add_get("/cgi-bin/gettoken", self._gettoken)
        app.router.add_post("/cgi-bin/message/send", self._send)
        app.router.add_post("/cgi-bin/media/upload", self._upload)
        app.router.add_get("/cgi-bin/media/get", self._media_get)
        app.router.add_get("/cgi-bin/user/get", self._user)
        app.router.add_get("/cgi-bin/department/list", self._department)
        app.router.add_get("/cgi-bin/user/simplelist", self._simplelist)
        app.router.add_post("/cgi-bin/message/update_template_card", self._update_card)
        app.router.add_post("/cgi-bin/appchat/create", self._chat_create)
        app.router.add_post("/cgi-bin/appchat/send", self._chat_send)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/cgi-bin/"  # type: ignore[union-attr]
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _gettoken(self, request: web.Request) -> web.Response:
        if request.query.get("corpid") != CORP_ID or request.query.get("corpsecret") != SECRET:
            return web.json_response({"errcode": 40013, "errmsg": "invalid corpid"})
        self.token_requests += 1
        self.token = f"TOKEN-{self.token_requests}"
        return web.json_response({"errcode": 0, "errmsg": "ok", "access_token": self.token, "expires_in": 7200})

    def _valid(self, request: web.Request) -> bool:
        return bool(self.token) and request.query.get("access_token") == self.token

    @web.middleware
    async def _token_checked(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Every call but gettoken needs the live access token: an expired one answers 42001, as WeCom does."""
        if request.path.endswith("/gettoken") or self._valid(request):
            return await handler(request)
        if request.path.endswith("/message/send"):
            self.expired_answers += 1
        return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})

    def now(self) -> float:
        return time.time() + self.later

    def _code(self, task_id: str, users: frozenset[str]) -> str:
        code = f"RC-{len(self.response_codes) + 1}-{os.urandom(4).hex()}"
        self.response_codes[code] = (task_id, users, self.now())
        return code

    async def _send(self, request: web.Request) -> web.Response:
        message = json.loads(await request.read())
        if int(message.get("agentid") or 0) != AGENT_ID:
            return web.json_response({"errcode": 40056, "errmsg": "invalid agentid"})
        answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": f"MSG-{len(self.sent) + 1}"}
        if message.get("msgtype") == "template_card":
            problem = self._card_problem(message.get("template_card") or {})
            if problem:
                return web.json_response({"errcode": 40058 if self.refuse_cards is False else 40008, "errmsg": problem})
            if self.busy_cards > 0:
                self.busy_cards -= 1
                return web.json_response({"errcode": 45009, "errmsg": "api freq out of limit"})
            card = message["template_card"]
            self.task_ids.add(card["task_id"])
            users = frozenset(u for u in str(message.get("touser", "")).split("|") if u)
            self.recipients[card["task_id"]] = users
            answer["response_code"] = self._code(card["task_id"], users)  # button_interaction cards only
        self.sent.append(message)
        return web.json_response(answer)

    def _card_problem(self, card: dict[str, Any]) -> str:
        if self.refuse_cards:
            return "invalid message type"
        task_id = str(card.get("task_id", ""))
        if card.get("card_type") != "button_interaction":
            return "card_type not supported here"
        if not task_id or len(task_id.encode()) > 128 or not all(c.isalnum() or c in "_-@" for c in task_id):
            return "invalid task_id"
        if task_id in self.task_ids:
            return "task_id exist"
        buttons = card.get("button_list") or []
        if not 1 <= len(buttons) <= 6 or not all(b.get("key") and b.get("text") for b in buttons):
            return "invalid button_list"
        keys = [str(b["key"]) for b in buttons]
        if len(set(keys)) != len(keys) or any(len(k.encode()) > 1024 for k in keys):
            return "button key duplicated or longer than 1024 bytes"
        if not (card.get("main_title") or {}).get("title"):
            return "main_title.title required"
        return ""

    def card_for(self, user: str) -> dict[str, Any]:
        """The newest template card sent to a member."""
        return [m for m in self.sent if m.get("touser") == user and m.get("msgtype") == "template_card"][-1][
            "template_card"
        ]

    def click(self, user: str, card: dict[str, Any], label: str) -> str:
        """A member presses a card's button: the template_card_event WeCom posts (returned as XML)."""
        key = next(b["key"] for b in card["button_list"] if b["text"].startswith(label))
        code = self._code(card["task_id"], frozenset([user]))  # the click's own code: this member's card
        return (
            f"<xml>{_head(user, 'event')}<Event><![CDATA[template_card_event]]></Event>"
            f"<EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{card['task_id']}]]></TaskId>"
            f"<CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[{code}]]></ResponseCode>"
            f"<AgentID>{AGENT_ID}</AgentID></xml>"
        )

    async def _update_card(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        errcode, why = self._update_problem(body)
        if errcode:
            self.refused_updates.append((errcode, why))
            return web.json_response({"errcode": errcode, "errmsg": why})
        self.response_codes.pop(body["response_code"])  # used once
        self.updates.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    def _update_problem(self, body: dict[str, Any]) -> tuple[int, str]:
        if int(body.get("agentid") or 0) != AGENT_ID:
            return 40056, "invalid agentid"
        issued = self.response_codes.get(str(body.get("response_code", "")))
        if issued is None:
            return 40058, "invalid response_code: unknown or used"
        task_id, allowed, at = issued
        if self.now() - at > CODE_LIFETIME:
            return 40058, "invalid response_code: older than 72 hours"
        users = body.get("userids")
        if not isinstance(users, list) or not users or len(users) > 1000:
            return 40058, "invalid userids"
        if not set(users) <= allowed or not set(users) <= self.recipients.get(task_id, frozenset()):
            return 81013, "user & party & tag all invalid"
        if not str((body.get("button") or {}).get("replace_name") or ""):
            return 40058, "button.replace_name required"
        return 0, ""

    async def _simplelist(self, request: web.Request) -> web.Response:
        wanted = int(request.query.get("department_id", "0"))
        if wanted not in self.department_names:
            return web.json_response({"errcode": 60123, "errmsg": "invalid party id"})
        found = [{"userid": u, "name": u, "department": d} for u, d in self.members.items() if wanted in d]
        return web.json_response({"errcode": 0, "errmsg": "ok", "userlist": found})

    async def _chat_create(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        users = body.get("userlist") or []
        if len(users) < 2 or (body.get("owner") and body["owner"] not in users):
            return web.json_response({"errcode": 40058, "errmsg": "userlist needs 2 members, owner among them"})
        chat = body.get("chatid") or f"chat{len(self.chats) + 1}"
        if chat in self.chats:
            return web.json_response({"errcode": 86215, "errmsg": "chatid exist"})
        self.chats[chat] = body
        return web.json_response({"errcode": 0, "errmsg": "ok", "chatid": chat})

    async def _chat_send(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        if body.get("chatid") not in self.chats:
            return web.json_response({"errcode": 86003, "errmsg": "chat not exist"})
        if body.get("msgtype") not in ("text", "image", "file", "textcard", "news", "markdown"):
            return web.json_response({"errcode": 40008, "errmsg": "invalid message type"})
        self.chat_sent.append(body)
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def _user(self, request: web.Request) -> web.Response:
        user = request.query.get("userid", "")
        if user in self.members:
            return web.json_response({"errcode": 0, "userid": user, "name": user, "department": self.members[user]})
        if user not in self.departments:
            return web.json_response({"errcode": 60111, "errmsg": "userid not found"})
        index = list(self.departments).index(user) + 2
        return web.json_response({"errcode": 0, "userid": user, "name": user, "department": [index]})

    async def _department(self, request: web.Request) -> web.Response:
        if self.department_names:
            wanted = request.query.get("id")
            found = [
                {"id": i, "name": n, "parentid": 1}
                for i, n in self.department_names.items()
                if wanted is None or int(wanted) == i
            ]
            return web.json_response({"errcode": 0, "department": found})
        index = int(request.query.get("id", "0"))
        names = list(self.departments.values())
        found = [{"id": index, "name": names[index - 2], "parentid": 1}] if 2 <= index < len(names) + 2 else []
        return web.json_response({"errcode": 0, "department": found})

    async def _media_get(self, request: web.Request) -> web.Response:
        found = self.media.get(request.query.get("media_id", ""))
        if found is None:
            return web.json_response({"errcode": 40007, "errmsg": "invalid media_id"})
        return web.Response(
            body=found,
            content_type="image/jpeg",
            headers={"Content-disposition": 'attachment; filename="photo.jpg"'},
        )

    async def _upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        media = form["media"]
        self.uploads.append(getattr(media, "filename", "?"))
        return web.json_response(
            {"errcode": 0, "type": request.query.get("type"), "media_id": f"MEDIA-{len(self.uploads)}"}
        )


def text_xml(user: str, content: str, msg_id: int) -> str:
    """A text message as WeCom's XML."""
    return (
        f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
    )


def _head(user: str, kind: str) -> str:
    return (
        f"<ToUserName><![CDATA[{CORP_ID}]]></ToUserName><FromUserName><![CDATA[{user}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>"
    )


def image_xml(user: str, media_id: str, msg_id: int) -> str:
    """A picture a member sends, as WeCom's XML."""
    return (
        f"<xml>{_head(user, 'image')}<PicUrl><![CDATA[http://127.0.0.1/p.jpg]]></PicUrl>"
        f"<MediaId><![CDATA[{media_id}]]></MediaId><MsgId>{msg_id}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
    )


def voice_xml(user: str, media_id: str, msg_id: int) -> str:
    """A voice message, as WeCom's XML."""
    return (
        f"<xml>{_head(user, 'voice')}<MediaId><![CDATA[{media_id}]]></MediaId><Format><![CDATA[amr]]></Format>"
        f"<MsgId>{msg_id}</MsgId><AgentID>{AGENT_ID}</AgentID></xml>"
    )


def event_xml(user: str, event: str) -> str:
    """An event (enter_agent: the member opened the app; subscribe), as WeCom's XML."""
    return (
        f"<xml>{_head(user, 'event')}<Event><![CDATA[{event}]]></Event><EventKey><![CDATA[]]></EventKey>"
        f"<AgentID>{AGENT_ID}</AgentID></xml>"
    )


def encrypted(xml: str, *, timestamp: int | None = None) -> tuple[dict[str, str], str]:
    """(query, body) of a callback POST, encrypted and signed as WeCom does it."""
    crypto = WeChatCrypto(TOKEN, AES_KEY, CORP_ID)
    stamp = str(timestamp or int(time.time()))
    nonce = os.urandom(5).hex()
    body = crypto.encrypt_message(xml, nonce, stamp)
    signature = body.split("<MsgSignature><![CDATA[")[1].split("]]>")[0]
    return {"msg_signature": signature, "timestamp": stamp, "nonce": nonce}, body


def verification(echo: str) -> dict[str, str]:
    """The query of WeCom's URL verification GET."""
    crypto = WeChatCrypto(TOKEN, AES_KEY, CORP_ID)
    encrypted_echo = to_text(PrpCrypto(crypto.key).encrypt(echo, CORP_ID))
    stamp, nonce = str(int(time.time())), "n0nce"
    return {
        "msg_signature": _get_signature(TOKEN, stamp, nonce, encrypted_echo),
        "timestamp": stamp,
        "nonce": nonce,
        "echostr": encrypted_echo,
    }


def contact_xml(change: str, user: str, departments: list[int] | None = None) -> str:
    """A change_contact event (create_user, update_user, delete_user), as WeCom posts it from `sys`."""
    department = f"<Department><![CDATA[{','.join(map(str, departments))}]]></Department>" if departments else ""
    return (
        f"<xml>{_head('sys', 'event')}<Event><![CDATA[change_contact]]></Event>"
        f"<ChangeType><![CDATA[{change}]]></ChangeType><UserID><![CDATA[{user}]]></UserID>{department}</xml>"
    )
