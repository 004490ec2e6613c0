"""Who may see the console: a session made by a one-time link, kept in the database and named by a
signed, HttpOnly, SameSite cookie; every POST carries the session's CSRF token; a member whose admin rights were taken
back loses the console at the next request."""

from __future__ import annotations

import base64
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable

import aiohttp
from aiohttp import web
from aiohttp_session import Session, get_session, new_session
from aiohttp_session import setup as setup_sessions

from bot.desk.errors import UPLOAD_LIMIT, errors, refusal_page
from bot.desk.sessions import DatabaseSessions
from core.context import Context
from core.signin import Holder
from storage.keyvalue import SharedValues
from storage.models import Member

CTX = web.AppKey("ctx", Context)
SESSION = web.RequestKey("desk_session", Session)
OPEN_PATHS = ("/desk/login/", "/desk/static/", "/desk/font/", "/desk/signed-out")
CACHED_PATHS = ("/desk/static/", "/desk/font/")  # hold no data: the browser may keep them
SECRET_KEY = "desk-cookie-secret"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def cookie_secret(ctx: Context) -> bytes:
    """DUBAN_WEB_SECRET, or a key made once and kept in the database so restarts keep sessions."""
    if ctx.settings.web_secret:
        return base64.urlsafe_b64decode(ctx.settings.web_secret)
    shared = SharedValues(ctx.store.engine)
    value = shared.get(SECRET_KEY)
    if value is None and shared.claim(SECRET_KEY + ":made", ttl=10 * 365 * 86400):  # one process makes it
        value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        shared.set(SECRET_KEY, value)
    for _ in range(50):  # another process is making it
        if value is not None:
            break
        time.sleep(0.1)
        value = shared.get(SECRET_KEY)
    if value is None:
        raise RuntimeError("no console cookie key in the database; set DUBAN_WEB_SECRET")
    return base64.urlsafe_b64decode(value)


def install(app: web.Application, ctx: Context) -> None:
    """Sessions and the guard on every console request, and the handler off the event loop."""
    from bot.desk.worker import in_worker

    storage = DatabaseSessions(
        SharedValues(ctx.store.engine),
        cookie_secret(ctx),
        cookie_name="duban_desk",
        max_age=int(ctx.settings.web_session_hours * 3600),
        httponly=True,
        samesite="Lax",
        path="/desk/",
        secure=ctx.settings.desk_url().startswith("https://"),
    )
    setup_sessions(app, storage)
    app.middlewares.append(headers)
    app.middlewares.append(errors(UPLOAD_LIMIT))
    app.middlewares.append(guard)
    app.middlewares.append(in_worker)  # innermost: the handler itself in a worker thread


async def start_session(request: web.Request, holder: Holder) -> None:
    """A new session for the holder of a used link, with its own CSRF token."""
    session = await new_session(request)
    session["who"] = holder.who
    session["member_id"] = holder.member_id
    session["csrf"] = secrets.token_urlsafe(24)
    session["at"] = time.time()


def still_admin(ctx: Context, member_id: int | None) -> bool:
    """A session made from the chat is worth what the member's rights are worth now."""
    if member_id is None:  # `duban web-login`: whoever can run the command line is the office
        return True
    with ctx.store.session() as db:
        person = db.get(Member, member_id)
        return person is not None and (ctx.settings.names_admin(person.platform, person.user_id) or person.is_admin)


def refusal(status: int, text: str) -> web.Response:
    """A clear refusal that shows no data."""
    return refusal_page(status, text)


NO_SESSION = "请先登录：在聊天中由管理员发送 /web，或在服务器上运行 duban web-login，打开所给的一次性链接。"


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """No session, no data; a POST without this session's CSRF token changes nothing."""
    if not request.path.startswith("/desk") or request.path.startswith(OPEN_PATHS):
        return await handler(request)  # the adapters' callbacks share the server; they check their own signatures
    session = await get_session(request)
    if not session.get("who"):
        return refusal(401, NO_SESSION)
    ctx = request.app[CTX]
    if not await ctx.lanes.in_thread(still_admin, ctx, session.get("member_id")):
        session.invalidate()
        return refusal(403, "您已不是管理员，无权使用督办台。")
    if request.method not in ("GET", "HEAD"):
        try:
            form = await request.post()
        except (ValueError, LookupError, AssertionError, UnicodeDecodeError, aiohttp.ClientPayloadError):
            raise web.HTTPBadRequest(text="请求的内容无法读取，未做任何更改。") from None
        sent = str(form.get("csrf", "")) or request.headers.get("X-CSRF-Token", "")
        if not sent or not hmac.compare_digest(sent, str(session.get("csrf", ""))):
            return refusal(403, "请求已过期或来源不明（CSRF 校验失败），未做任何更改。请刷新页面后重试。")
    request[SESSION] = session
    return await handler(request)


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Only the console's own scripts and styles run; no page of it inside another site's frame."""
    response = await handler(request)
    if not request.path.startswith("/desk"):
        return response
    response.headers.setdefault(
        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if not request.path.startswith(CACHED_PATHS):
        response.headers["Cache-Control"] = "no-store"  # Back after signing out shows nothing
    if isinstance(response, web.Response) and not response.prepared and (response.content_length or 0) > 1024:
        # A city's overview is 1 MB of HTML before paging; gzip where accepted (aiohttp would pick deflate).
        accepted = request.headers.get("Accept-Encoding", "")
        response.enable_compression(web.ContentCoding.gzip if "gzip" in accepted else None)
    return response


def session_of(request: web.Request) -> Session:
    """The signed-in session the guard let through."""
    return request[SESSION]
