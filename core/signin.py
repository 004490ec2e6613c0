"""One-time sign-in links to the office's web console: made by `duban web-login` or an admin's /web,
valid for ten minutes and for one use, kept in the shared database so any Duban process honours them."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from core.settings import Settings
from storage.keyvalue import SharedValues

LINK_SECONDS = 600
PREFIX = "desk-link:"


@dataclass(frozen=True)
class Holder:
    """Who a link or a console session belongs to: a name for the trace, and the chat member if any."""

    who: str
    member_id: int | None = None


def make_link(shared: SharedValues, settings: Settings, holder: Holder) -> str:
    """A fresh sign-in link for `holder`."""
    token = secrets.token_urlsafe(24)
    shared.set(PREFIX + token, json.dumps({"who": holder.who, "member_id": holder.member_id}), ttl=LINK_SECONDS)
    return f"{settings.desk_url()}/desk/login/{token}"


def use_link(shared: SharedValues, token: str) -> Holder | None:
    """The holder of a link, once: a used, expired or unknown link gives None."""
    if not token or len(token) > 100:
        return None
    raw = shared.take(PREFIX + token)
    if raw is None:
        return None
    data = json.loads(raw)
    return Holder(who=str(data.get("who") or "?"), member_id=data.get("member_id"))
