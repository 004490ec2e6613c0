"""How Duban's Bot API calls travel: over aiohttp, behind python-telegram-bot's `BaseRequest` (its
documented way to change the networking backend), as one application/json body for every method
without a file ("application/json (except for uploading files)", core.telegram.org/bots/api).

Why not python-telegram-bot's own HTTPXRequest: measured here, with 16 calls at once over 8
connections, httpx spent about 1,000 µs of CPU per call and aiohttp about 130 µs (bench/throughput.py
shows what that does to a bot's answers per second). A file still goes as multipart/form-data.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_DEFAULT = type(BaseRequest.DEFAULT_NONE)  # "use the timeout this request was built with"


def _or(given: object, default: float | None) -> float | None:
    """A per-call timeout, or the request's own when the call gave none."""
    return default if isinstance(given, _DEFAULT) else given  # type: ignore[return-value]


def _sum(*parts: float | None) -> float | None:
    """A bound made of several waits; none if any of them is unbounded."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


class AiohttpRequest(BaseRequest):
    """python-telegram-bot's requests over one aiohttp session with a pool of connections.

    The timeouts read as python-telegram-bot's do: `pool` (waiting for a free connection) and
    `connect` together bound getting a connection, `read` bounds each wait for the answer, `write`
    (and `media_write` for a file) bound sending the body. A proxy is taken from HTTPS_PROXY and
    HTTP_PROXY, as httpx would.
    """

    __slots__ = ("_pool_size", "_session", "_timeouts")

    def __init__(
        self,
        connection_pool_size: int = 8,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = max(1, connection_pool_size)
        self._timeouts = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
            "media_write": media_write_timeout,
        }
        self._session: aiohttp.ClientSession | None = None  # made on the event loop that uses it

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout; python-telegram-bot adds a long poll's own to it."""
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector, trust_env=True)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """One call: JSON, or multipart/form-data when it carries a file."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        own = self._timeouts
        files = request_data is not None and request_data.contains_files
        connect = _or(connect_timeout, own["connect"])
        read = _or(read_timeout, own["read"])
        write = _or(write_timeout, own["media_write" if files else "write"])
        # aiohttp has no write timeout of its own: the body's sending and the answer's first byte
        # fall under `total`, so the bound on the whole call is the sum of the parts.
        timeout = aiohttp.ClientTimeout(
            total=_sum(_or(pool_timeout, own["pool"]), connect, write, read),
            connect=_sum(_or(pool_timeout, own["pool"]), connect),
            sock_connect=connect,
            sock_read=read,
        )
        headers = {"User-Agent": self.USER_AGENT}
        body: bytes | aiohttp.FormData | None = None
        if request_data is not None and files:
            # A file's name goes as UTF-8, as browsers and httpx send it; quoted, 台账.csv would arrive
            # as %E5%8F%B0%E8%B4%A6.csv.
            form = aiohttp.FormData(request_data.json_parameters, quote_fields=False)
            for name, (filename, content, mimetype) in request_data.multipart_data.items():
                form.add_field(name, content, filename=filename, content_type=mimetype)
            body = form
        elif request_data is not None:
            body = json.dumps(request_data.parameters, ensure_ascii=False, separators=(",", ":")).encode()
            headers["Content-Type"] = "application/json"
        try:
            async with session.request(method, url, data=body, headers=headers, timeout=timeout) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as err:
            raise TimedOut("Pool timeout: no connection could be had; the request was not sent") from err
        except TimeoutError as err:  # the errors python-telegram-bot's own request raises
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
