"""What follows from the organisation's address book, on any platform that has one: a member moved into a
department the office mapped is bound to its unit and told; one who left is unbound; both are traced."""

from __future__ import annotations

from core.context import Context
from core.texts import say
from schedules.outbox import enqueue
from storage import address_book, trace
from storage.address_book import Move

ACTOR = "通讯录"  # who the trace names for changes the address book made


def follow(ctx: Context, platform: str, user: str, departments: list[str]) -> Move:
    """Bind a member to the unit their departments map to, and tell them."""
    with ctx.store.session() as session:
        move = address_book.follow(session, platform, user, departments)
        if move.changed and move.after is not None:
            text = say("zh", "address_book_bound", unit=move.after.name)
            enqueue(session, text=text, recipients=[(platform, move.person.chat_id or user)], kind="notice")
            detail = f"{user}：{move.before.name if move.before else '—'} → {move.after.name}"
            trace.record(session, actor=ACTOR, via=platform, action="address_book", detail=detail)
    ctx.store.people.clear()
    if move.changed and ctx.wake_sender is not None:
        ctx.wake_sender()
    return move


def left(ctx: Context, platform: str, user: str) -> None:
    """A member who left the organisation: unbound, their request dropped."""
    with ctx.store.session() as session:
        move = address_book.leave(session, platform, user)
        if move is not None and move.before is not None:
            detail = f"{user}：{move.before.name} → —（已离开通讯录）"
            trace.record(session, actor=ACTOR, via=platform, action="address_book", detail=detail)
    ctx.store.people.clear()


def renamed(ctx: Context, platform: str, old: str, new: str) -> None:
    """A member's user id changed: the same person, the same binding."""
    with ctx.store.session() as session:
        address_book.rename(session, platform, old, new)
    ctx.store.people.clear()
