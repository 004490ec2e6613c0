"""Buttons shown as numbers, where a platform has none (WeCom text, the local console): the choices offered
are kept in the dialog store (storage/dialogs.py) so that a typed "1" answers them after a restart too, for
as long as their flow's own rules allow (core/flows.Flows.offer_rules). Plain functions: call them in a
worker thread."""

from __future__ import annotations

from core.context import Context
from core.flows import flows
from core.messages import Button, Reply
from storage import dialogs
from storage.models import Offer


def buttons_of(reply: Reply) -> list[Button]:
    return [b for row in reply.buttons for b in row]


def remember(ctx: Context, platform: str, chat_id: str, user_id: str, reply: Reply) -> None:
    """A reply was shown: its buttons, numbered, are what a typed number answers now. Buttons a number cannot
    answer (the question wants a number: a figure, a task) end the earlier ones; no buttons change nothing."""
    offered = buttons_of(reply)
    if not offered:
        return
    with ctx.store.session() as session:
        if reply.expects_number:
            dialogs.withdraw(session, platform, chat_id, user_id)
            return
        now = ctx.now()
        flow, until = flows().offer_rules([b.data for b in offered], now, ctx.settings)
        choices = [(b.label, b.data) for b in offered]
        dialogs.offer(session, platform, chat_id, user_id, choices, text=reply.text, flow=flow, until=until, now=now)


def withdraw(ctx: Context, platform: str, chat_id: str, user_id: str) -> None:
    """The numbers offered mean nothing any more (a card offers the next choices)."""
    with ctx.store.session() as session:
        dialogs.withdraw(session, platform, chat_id, user_id)


def take(ctx: Context, platform: str, chat_id: str, user_id: str, typed: str) -> str | None:
    """The button a typed number picks among the choices still open (its data), or None: the number is
    read as anything else typed is (第1条)."""
    number = typed.strip()
    if not number.isdigit() or len(number) > 3:
        return None
    with ctx.store.session() as session:
        return dialogs.take(session, platform, chat_id, user_id, int(number), ctx.now())


def waiting(ctx: Context, platform: str, chat_id: str, user_id: str) -> Offer | None:
    """The numbered choices still open for a person, to be shown again."""
    with ctx.store.session() as session:
        found = dialogs.offered(session, platform, chat_id, user_id, ctx.now())
        if found is not None:
            session.expunge(found)
        return found
