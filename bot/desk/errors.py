"""Every refusal the console gives is a page in its own language: a bad id, an unknown page, a wrong
method, a file too large. Nothing a request carries makes the server answer 500; should a defect
still raise, the office gets one line and the log gets the traceback."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

UPLOAD_LIMIT = 20 * 1024 * 1024  # a request's body; a plan workbook with pictures still fits

# The largest id a row may have: PostgreSQL's INTEGER (SQLite's is wider); anything past it names nothing.
LARGEST_ID = 2**31 - 1

SAID = {
    400: "请求有误，未做任何更改。",
    404: "没有这个页面或这条记录。",
    405: "不支持这种请求方式，未做任何更改。",
    413: "上传的内容太大（上限 {limit} MB），未保存。",
    500: "服务器出错，未做任何更改。请稍后重试；如仍出错，请联系管理员查看日志。",
}


def row_id(text: str) -> int:
    """An id from a URL, or 404 when it cannot name a row (not digits, or past the database's range)."""
    if not text.isascii() or not text.isdigit() or len(text) > 10 or int(text) > LARGEST_ID:
        raise web.HTTPNotFound(text="没有这条记录。")
    return int(text)


def refusal_page(status: int, text: str) -> web.Response:
    """A refusal that shows no data, with a way back to the console."""
    body = (
        "<!doctype html><html lang=zh-CN><meta charset=utf-8><title>督办台</title>"
        '<link rel="stylesheet" href="/desk/static/desk.css">'
        f'<main><p class="refusal">{_escape(text)}</p><p><a href="/desk/">返回督办台</a></p></main></html>'
    )
    return web.Response(status=status, text=body, content_type="text/html")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ours(exc: web.HTTPException) -> str | None:
    """The Chinese line a handler gave, if it gave one (aiohttp's own text is '404: Not Found')."""
    text = exc.text or ""
    return text if text and any("\u4e00" <= c <= "\u9fff" for c in text) else None


def errors(upload_limit: int = UPLOAD_LIMIT) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """The middleware: 4xx as a page in the console's language, anything unexpected as one line."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith("/desk"):
            return await handler(request)
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status < 400:
                raise
            said = _ours(exc) or SAID.get(exc.status, SAID[400]).format(limit=upload_limit // 1048576)
            page = refusal_page(exc.status, said)
            if exc.status == 405 and "Allow" in exc.headers:
                page.headers["Allow"] = exc.headers["Allow"]
            return page
        except Exception:
            logger.exception("console request %s %s failed", request.method, request.path)
            return refusal_page(500, SAID[500])

    return middleware
