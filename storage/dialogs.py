"""The one dialog store: where each person stands in a conversation, for every flow and platform.

A conversation is one row (platform, chat, person) holding a state (`report:status`, see core/flows.py)
and the answers so far; a restart continues where the person was. That a person has none open is
remembered in this process until a change is seen: most messages are not in a conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import Dialog, utcnow

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
    """End a conversation; whether there was one."""
    dialog = session.get(Dialog, (platform, chat_id, user_id))
    if dialog is not None:
        session.delete(dialog)
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
    return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
