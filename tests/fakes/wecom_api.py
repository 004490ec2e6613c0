"""A fake WeCom API on 127.0.0.1 (gettoken, message/send, media/upload, media/get, user/get,
department/list) that the tests control, and callbacks encrypted exactly as WeCom sends them, with
wechatpy's own crypto. Copied from WeCom's documentation: an expired token answers 42001; media/get
answers the file's bytes, or JSON errcode 40007 for an unknown (or expired, after 3 days) media_id."""

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
    _runner: web.AppRunner | None = None

    def expire(self) -> None:
        """WeCom forgets the current token before its 7,200 s are up."""
        self.token = ""

    def texts(self, user: str) -> list[str]:
        return [m["text"]["content"] for m in self.sent if m.get("touser") == user and m.get("msgtype") == "text"]

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/cgi-bin/gettoken", self._gettoken)
        app.router.add_post("/cgi-bin/message/send", self._send)
        app.router.add_post("/cgi-bin/media/upload", self._upload)
        app.router.add_get("/cgi-bin/media/get", self._media_get)
        app.router.add_get("/cgi-bin/user/get", self._user)
        app.router.add_get("/cgi-bin/department/list", self._department)
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

    async def _send(self, request: web.Request) -> web.Response:
        if not self._valid(request):
            self.expired_answers += 1
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
        self.sent.append(json.loads(await request.read()))
        return web.json_response({"errcode": 0, "errmsg": "ok", "invaliduser": ""})

    async def _user(self, request: web.Request) -> web.Response:
        if not self._valid(request):
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
        user = request.query.get("userid", "")
        if user not in self.departments:
            return web.json_response({"errcode": 60111, "errmsg": "userid not found"})
        index = list(self.departments).index(user) + 2
        return web.json_response({"errcode": 0, "userid": user, "name": user, "department": [index]})

    async def _department(self, request: web.Request) -> web.Response:
        if not self._valid(request):
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
        index = int(request.query.get("id", "0"))
        names = list(self.departments.values())
        found = [{"id": index, "name": names[index - 2], "parentid": 1}] if 2 <= index < len(names) + 2 else []
        return web.json_response({"errcode": 0, "department": found})

    async def _media_get(self, request: web.Request) -> web.Response:
        if not self._valid(request):
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
        found = self.media.get(request.query.get("media_id", ""))
        if found is None:
            return web.json_response({"errcode": 40007, "errmsg": "invalid media_id"})
        return web.Response(
            body=found,
            content_type="image/jpeg",
            headers={"Content-disposition": 'attachment; filename="photo.jpg"'},
        )

    async def _upload(self, request: web.Request) -> web.Response:
        if not self._valid(request):
            return web.json_response({"errcode": 42001, "errmsg": "access_token expired"})
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
