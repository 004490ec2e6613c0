"""The one dialog store: where each person stands in a conversation, for every flow and platform.

A conversation is one row (platform, chat, person) holding a state (`report:status`, see core/flows.py)
and the answers so far; a restart continues where the person was. That a person has none open is
remembered in this process until a change is seen: most messages are not in a conversation.

Beside it, the choices offered (`Offer`): where a platform shows buttons as numbers (text without buttons, the
local console), the numbers last offered, which a typed "1" answers; and the buttons of each card an adapter
sent (`keep_card`: under the adapter's own id for the card, with whatever code the platform gave to change the
card once pressed; the store knows nothing of what either means). They are kept until their time (`until`, from the flow's own rules: core/flows.Flows.offer_rules), and the numbers a
flow offered end with its conversation. A question asked beside any conversation (which source a number
means) is an offer too, under its own name (`ask`, `answer`): the message waiting for its answer is its
text, and an open conversation is not touched by it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import Dialog, Offer, utcnow

Key = tuple[str, str, str]  # platform, chat, person

_none_open: WeakKeyDictionary[Any, set[Key]] = WeakKeyDictionary()  # per engine


def _remembered(session: Session) -> set[Key]:
    return _none_open.setdefault(session.get_bind(), set())


def known_closed(engine: Any, platform: str, chat_id: str, user_id: str) -> bool:
    """Whether this process saw that the person has no conversation open in the chat, and nothing has
    changed since (forget_closed): then a message needs no database look-up for it."""
    return (platform, chat_id, user_id) in _none_open.get(engine, ())


def forget_closed(engine: Any) -> None:
    """Believe no "none open" any more: some conversation changed, perhaps in another process."""
    _none_open.pop(engine, None)


def get_dialog(session: Session, platform: str, chat_id: str, user_id: str) -> Dialog | None:
    """A person's open conversation in a chat."""
    key = (platform, chat_id, user_id)
    remembered = _remembered(session)
    if key in remembered:
        return None
    found = session.get(Dialog, key)
    if found is None:
        if len(remembered) > 50_000:
            remembered.clear()
        remembered.add(key)
    return found


def set_dialog(
    session: Session,
    platform: str,
    chat_id: str,
    user_id: str,
    state: str,
    data: dict[str, Any],
    now: datetime | None = None,
) -> None:
    """Move a conversation to a state (created when new)."""
    _remembered(session).discard((platform, chat_id, user_id))
    dialog = session.get(Dialog, (platform, chat_id, user_id))
    if dialog is None:
        dialog = Dialog(platform=platform, chat_id=chat_id, user_id=user_id, state=state, data=data)
        session.add(dialog)
    dialog.state, dialog.data, dialog.updated_at = state, dict(data), now or utcnow()


def clear_dialog(session: Session, platform: str, chat_id: str, user_id: str) -> bool:
    """End a conversation (and the numbers it offered); whether there was one."""
    dialog = session.get(Dialog, (platform, chat_id, user_id))
    if dialog is not None:
        session.delete(dialog)
        _withdraw_flows(session, dialog)
    return dialog is not None


def idle_dialogs(session: Session, before: datetime) -> list[Dialog]:
    """Conversations untouched since `before`."""
    return list(session.exec(select(Dialog).where(col(Dialog.updated_at) < before)).all())


def end_if_untouched(session: Session, dialog: Dialog) -> bool:
    """End a conversation unless it moved since it was read (the person answered meanwhile, perhaps in
    another process); whether it ended."""
    statement = delete(Dialog).where(
        col(Dialog.platform) == dialog.platform,
        col(Dialog.chat_id) == dialog.chat_id,
        col(Dialog.user_id) == dialog.user_id,
        col(Dialog.updated_at) == dialog.updated_at,
        col(Dialog.state) == dialog.state,
    )
    ended = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    if ended:
        _withdraw_flows(session, dialog)
    return ended


def _withdraw_flows(session: Session, dialog: Dialog) -> None:
    """The numbers a conversation offered mean nothing once it ended."""
    flow = dialog.state.removeprefix("paused:").partition(":")[0]
    session.execute(
        delete(Offer).where(
            col(Offer.platform) == dialog.platform,
            col(Offer.chat_id) == dialog.chat_id,
            col(Offer.user_id) == dialog.user_id,
            col(Offer.card) == "",
            col(Offer.flow) == flow,
        )
    )


# --- choices offered ----------------------------------------------------------------------------------


ASKED = "asked:"  # a question's own offer is kept under this prefix; no card's id may start with it


def _keep(
    session: Session,
    platform: str,
    chat_id: str,
    user_id: str,
    card: str,
    choices: list[tuple[str, str]],
    *,
    text: str,
    flow: str | None,
    until: datetime | None,
    code: str | None,
    now: datetime | None,
) -> None:
    """Keep choices (label, data) under a key ("" the numbers, else a card's or a question's), in place of those
    kept under it before."""
    row = session.get(Offer, (platform, chat_id, user_id, card))
    if row is None:
        row = Offer(platform=platform, chat_id=chat_id, user_id=user_id, card=card)
        session.add(row)
    row.choices = [{"label": label, "data": data} for label, data in choices]
    row.text, row.flow, row.until, row.code, row.offered_at = text[:1000], flow, until, code, now or utcnow()


def offer(
    session: Session,
    platform: str,
    chat_id: str,
    user_id: str,
    choices: list[tuple[str, str]],
    *,
    text: str = "",
    flow: str | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
) -> None:
    """Keep the choices shown as numbers (label, data), in place of the numbers offered before."""
    _keep(session, platform, chat_id, user_id, "", choices, text=text, flow=flow, until=until, code=None, now=now)


def offered(session: Session, platform: str, chat_id: str, user_id: str, now: datetime, card: str = "") -> Offer | None:
    """The choices offered and still open (the numbers, or those kept under a card's or question's key)."""
    row = session.get(Offer, (platform, chat_id, user_id, card))
    if row is None or (row.until is not None and row.until <= now):
        return None
    return row


def take(session: Session, platform: str, chat_id: str, user_id: str, number: int, now: datetime) -> str | None:
    """The data of the choice a typed number picks among those open; taken, the numbers are offered no more."""
    row = offered(session, platform, chat_id, user_id, now)
    if row is None or not 1 <= number <= len(row.choices):
        return None
    session.delete(row)
    return row.choices[number - 1]["data"]


def withdraw(session: Session, platform: str, chat_id: str, user_id: str) -> None:
    """The numbers offered mean nothing any more."""
    row = session.get(Offer, (platform, chat_id, user_id, ""))
    if row is not None:
        session.delete(row)


# --- cards an adapter sent -----------------------------------------------------------------------------


def keep_card(
    session: Session,
    platform: str,
    chat_id: str,
    user_id: str,
    card: str,
    choices: list[tuple[str, str]],
    *,
    title: str,
    code: str | None,
    until: datetime,
    now: datetime,
) -> None:
    """Keep the buttons (label, data) of a card the adapter sent, under its own id for the card, with the code
    the platform gave to change the card later (None: it gave none), until the card cannot be changed."""
    if not card or card.startswith(ASKED):
        raise ValueError(f"a card's id must be non-empty and not start with {ASKED!r}: {card!r}")
    _keep(session, platform, chat_id, user_id, card, choices, text=title, flow=None, until=until, code=code, now=now)


def pressed_card(session: Session, platform: str, chat_id: str, user_id: str, card: str, now: datetime) -> Offer | None:
    """The card a person pressed, as it was kept (its buttons, its code), while it can still be changed."""
    return offered(session, platform, chat_id, user_id, now, card=card) if card and not card.startswith(ASKED) else None


def code_spent(session: Session, platform: str, chat_id: str, user_id: str, card: str) -> None:
    """The card's code was used (a platform may take each once): it is not given out again."""
    row = session.get(Offer, (platform, chat_id, user_id, card))
    if row is not None:
        row.code = None


# --- questions asked beside a conversation ---------------------------------------------------------------


def _asked(question: str) -> str:
    return ASKED + question  # keep_card refuses a card id of this form


def ask(
    session: Session,
    platform: str,
    chat_id: str,
    user_id: str,
    question: str,
    choices: list[tuple[str, str]],
    waiting: str,
    until: datetime | None,
    now: datetime,
) -> None:
    """Keep a question asked beside any conversation (label, data of its choices) with the message waiting
    for its answer; in place of the same question asked before."""
    _keep(
        session,
        platform,
        chat_id,
        user_id,
        _asked(question),
        choices,
        text=waiting,
        flow=question,
        until=until,
        code=None,
        now=now,
    )


def asked(session: Session, platform: str, chat_id: str, user_id: str, question: str, now: datetime) -> Offer | None:
    """The question still waiting for its answer."""
    return offered(session, platform, chat_id, user_id, now, card=_asked(question))


def answer(session: Session, platform: str, chat_id: str, user_id: str, question: str, now: datetime) -> str | None:
    """The message that waited for the question's answer; answered, the question is asked no more."""
    row = asked(session, platform, chat_id, user_id, question, now)
    if row is None:
        return None
    session.delete(row)
    return row.text


def prune_offers(session: Session, now: datetime) -> int:
    """Forget choices past their time; how many."""
    statement = delete(Offer).where(col(Offer.until).is_not(None), col(Offer.until) <= now)
    return session.execute(statement).rowcount  # type: ignore[attr-defined,no-any-return]
