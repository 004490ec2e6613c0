"""Console sessions kept on the server, in the database every Duban process shares: the cookie holds only
a random id, signed with the console's key. Signing out, or losing the admin right, deletes the session there, so the old cookie opens
nothing afterwards (an encrypted cookie holding the session itself would stay valid until it expired).
An admin sees the open sessions on the 绑定 page and can end any of them."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from aiohttp import web
from aiohttp_session import AbstractStorage, Session
from sqlalchemy import Engine
from sqlmodel import Session as Session_
from sqlmodel import col, select

from storage.keyvalue import SharedValues
from storage.models import KeyValue, utcnow

PREFIX = "desk-session:"


class DatabaseSessions(AbstractStorage):
    """aiohttp_session's storage on Duban's KeyValue table, each session expiring with its max age."""

    def __init__(self, shared: SharedValues, secret: bytes, **cookie: object) -> None:
        super().__init__(**cookie)  # type: ignore[arg-type]
        self.shared = shared
        self.secret = secret

    def _signed(self, key: str) -> str:
        return key + "." + hmac.new(self.secret, key.encode(), hashlib.sha256).hexdigest()[:32]

    def _key(self, cookie: str | None) -> str | None:
        """The session id a cookie carries, if this server signed it."""
        if not cookie or len(cookie) > 200 or "." not in cookie:
            return None
        key = cookie.rsplit(".", 1)[0]
        return key if hmac.compare_digest(self._signed(key), cookie) else None

    async def load_session(self, request: web.Request) -> Session:
        cookie = self._key(self.load_cookie(request))
        if cookie is None:
            return Session(None, data=None, new=True, max_age=self.max_age)
        stored = await asyncio.to_thread(self.shared.get, PREFIX + cookie)
        if stored is None:  # ended, expired, or never made here
            return Session(None, data=None, new=True, max_age=self.max_age)
        try:
            data = json.loads(stored)
        except ValueError:
            data = None
        return Session(cookie, data=data, new=False, max_age=self.max_age)

    async def save_session(self, request: web.Request, response: web.StreamResponse, session: Session) -> None:
        key = session.identity
        if session.empty:
            if key:
                await asyncio.to_thread(self.shared.delete, PREFIX + str(key))
            self.save_cookie(response, "", max_age=session.max_age)
            return
        if key is None:
            key = secrets.token_urlsafe(32)
        value = json.dumps(self._get_session_data(session), ensure_ascii=False)
        await asyncio.to_thread(self.shared.set, PREFIX + str(key), value, session.max_age)
        self.save_cookie(response, self._signed(str(key)), max_age=session.max_age)


@dataclass(frozen=True)
class Open:
    """A console session as the office sees it: who, since when; `handle` names it without being it."""

    handle: str
    who: str
    since: float
    mine: bool


def handle_of(key: str) -> str:
    """A session's public name: a hash of its id, which no cookie can be made from."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def open_sessions(engine: Engine, current: str | None) -> list[Open]:
    """The console sessions that have not ended or expired, newest first."""
    with Session_(engine) as db:
        rows = db.exec(
            select(KeyValue).where(
                col(KeyValue.key).startswith(PREFIX),
                col(KeyValue.expires_at).is_(None) | (col(KeyValue.expires_at) > utcnow()),
            )
        ).all()
    found = []
    for row in rows:
        key = row.key.removeprefix(PREFIX)
        try:
            data = json.loads(row.value).get("session", {})
        except (ValueError, AttributeError):
            continue
        found.append(Open(handle_of(key), str(data.get("who", "?")), float(data.get("at", 0)), key == current))
    return sorted(found, key=lambda s: -s.since)


def end_session(engine: Engine, handle: str) -> bool:
    """End the session with this handle on the server: its cookie opens nothing from the next request."""
    with Session_(engine) as db:
        keys = db.exec(select(KeyValue.key).where(col(KeyValue.key).startswith(PREFIX))).all()
    for key in keys:
        if hmac.compare_digest(handle_of(key.removeprefix(PREFIX)), handle):
            SharedValues(engine).delete(key)
            return True
    return False
