"""How Duban's Bot API calls travel: as one application/json body, which the Bot API accepts for every
method without a file ("application/json (except for uploading files)", core.telegram.org/bots/api).

python-telegram-bot posts a form instead, and percent-encoding a page of Chinese text takes nine bytes a
character and about ten times the time of JSON. A file still goes as multipart/form-data, unchanged.
"""

from __future__ import annotations

from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

_DEFAULT = type(BaseRequest.DEFAULT_NONE)  # "use the timeout this request was built with"


def _or(given: object, default: float | None) -> float | None:
    """A per-call timeout, or the request's own when the call gave none."""
    return default if isinstance(given, _DEFAULT) else given  # type: ignore[return-value]


class JSONRequest(HTTPXRequest):
    """python-telegram-bot's HTTPX request, sending calls without files as JSON."""

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
        """The call as JSON, or as python-telegram-bot sends it when it carries a file."""
        if request_data is None or request_data.contains_files:
            timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
            return await super().do_request(url, method, request_data, *timeouts)
        client = self._client
        if client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        own = client.timeout
        timeout = httpx.Timeout(
            connect=_or(connect_timeout, own.connect),
            read=_or(read_timeout, own.read),
            write=_or(write_timeout, own.write),
            pool=_or(pool_timeout, own.pool),
        )
        try:  # httpx encodes `json=` as UTF-8 JSON with its Content-Type
            response = await client.request(
                method, url, headers={"User-Agent": self.USER_AGENT}, timeout=timeout, json=request_data.parameters
            )
        except httpx.TimeoutException as err:  # the errors python-telegram-bot's own request raises
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut("Pool timeout: all connections are busy; the request was not sent") from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return response.status_code, response.content
