"""/web: an admin's one-time sign-in link to the office's web console (督办台)."""

from __future__ import annotations

from core.context import Context
from core.messages import Incoming, Reply
from core.signin import LINK_SECONDS, Holder, make_link
from core.texts import say
from handlers.common import asker, lang
from storage import trace
from storage.keyvalue import SharedValues


async def web_link(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """A link valid ten minutes and once, only in a private chat: in a group, others could use it."""
    lg = lang(msg)
    who = asker(msg, ctx)
    if not who.is_admin:
        return [Reply(say(lg, "admin_only"))]
    if msg.is_group:
        return [Reply(say(lg, "web_private_only"))]
    label = trace.actor_label(who.member)
    link = make_link(SharedValues(ctx.store.engine), ctx.settings, Holder(who=label, member_id=who.member.id))
    return [Reply(say(lg, "web_link", link=link, minutes=LINK_SECONDS // 60))]
