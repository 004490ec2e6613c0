"""People and the units they belong to: binding requests, approval, invite codes, group chats."""

from __future__ import annotations

import secrets
from typing import Any

from sqlmodel import Session, col, func, select

from storage.models import ChatBinding, Dialog, Invite, Member, Unit, utcnow


def member(session: Session, platform: str, user_id: str, *, name: str = "", chat_id: str = "") -> Member:
    """The person behind a platform user id, created on first contact."""
    found = session.exec(select(Member).where(Member.platform == platform, Member.user_id == user_id)).first()
    if found is None:
        found = Member(platform=platform, user_id=user_id, name=name, chat_id=chat_id)
        session.add(found)
        session.flush()
    else:
        if name and found.name != name:
            found.name = name
        if chat_id and not found.chat_id:
            found.chat_id = chat_id
    return found


def people_mark(session: Session) -> tuple[Any, ...]:
    """What changes whenever any person, unit or conversation does, by this process or another: while it
    stays the same, what a process remembers of who is asking holds. One query for everyone."""
    parts = (
        select(func.count(col(Member.id))),
        select(func.max(Member.changed_at)),
        select(func.count(col(Unit.id))),
        select(func.max(Unit.id)),
        select(func.count()).select_from(Dialog),
        select(func.max(Dialog.updated_at)),
    )
    return tuple(session.exec(select(*(part.scalar_subquery() for part in parts))).one())


def unit_by_name(session: Session, name: str) -> Unit | None:
    """A stored unit by its exact name."""
    return session.exec(select(Unit).where(Unit.name == name)).first()


def request_binding(session: Session, person: Member, unit: Unit) -> None:
    """Ask to join a unit; takes effect when an admin approves."""
    person.pending_unit_id = unit.id


def approve(session: Session, person: Member) -> Unit | None:
    """Grant a pending request; the unit joined, or None when nothing was pending."""
    if person.pending_unit_id is None:
        return None
    person.unit_id, person.pending_unit_id = person.pending_unit_id, None
    return session.get(Unit, person.unit_id)


def reject(session: Session, person: Member) -> Unit | None:
    """Refuse a pending request; the unit that was asked for."""
    asked = session.get(Unit, person.pending_unit_id) if person.pending_unit_id else None
    person.pending_unit_id = None
    return asked


def bind_now(person: Member, unit: Unit) -> None:
    """Bind without approval (an admin binding, an invite code)."""
    person.unit_id, person.pending_unit_id = unit.id, None


def unbind(person: Member) -> None:
    """Leave one's unit and drop any pending request."""
    person.unit_id = person.pending_unit_id = None


def admins(session: Session, configured: list[tuple[str, str]] | None = None) -> list[Member]:
    """The office's admins who are members: those the configuration names (platform, user id) and
    those granted the right with /addadmin (Member.is_admin holds only such grants)."""
    found = {m.id: m for m in session.exec(select(Member).where(col(Member.is_admin).is_(True))).all()}
    for platform, user_id in configured or []:
        person = session.exec(select(Member).where(Member.platform == platform, Member.user_id == user_id)).first()
        if person is not None:
            found[person.id] = person
    return sorted(found.values(), key=lambda m: m.id or 0)


def unreachable(session: Session, people: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of (platform, user id) pairs, those Duban cannot write to: no private chat has been opened."""
    out = []
    for platform, user_id in people:
        found = session.exec(select(Member).where(Member.platform == platform, Member.user_id == user_id)).first()
        if found is None or not found.chat_id:
            out.append((platform, user_id))
    return out


def make_invite(session: Session, unit: Unit, creator: Member | None) -> str:
    """A fresh one-time code for a unit."""
    code = secrets.token_urlsafe(6).replace("-", "x").replace("_", "y")
    session.add(Invite(code=code, unit_id=unit.id or 0, created_by=creator.id if creator else None))
    session.flush()
    return code


def use_invite(session: Session, code: str, person: Member) -> Unit | None:
    """Join the code's unit if the code exists and is unused; the unit, else None."""
    invite = session.exec(select(Invite).where(Invite.code == code).with_for_update()).first()
    if invite is None or invite.used_by is not None:
        return None
    invite.used_by, invite.used_at = person.id, utcnow()
    unit = session.get(Unit, invite.unit_id)
    if unit is not None:
        bind_now(person, unit)
    return unit


def bind_chat(session: Session, platform: str, chat_id: str, unit: Unit, by: Member | None) -> None:
    """Make a group chat speak for a unit (`by`: the member who bound it; None for one Duban created)."""
    by_id = by.id if by is not None else None
    found = session.get(ChatBinding, (platform, chat_id))
    if found is None:
        session.add(ChatBinding(platform=platform, chat_id=chat_id, unit_id=unit.id or 0, bound_by=by_id))
    else:
        found.unit_id, found.bound_by = unit.id or 0, by_id


def unbind_chat(session: Session, platform: str, chat_id: str) -> bool:
    """Release a group chat; whether it was bound."""
    found = session.get(ChatBinding, (platform, chat_id))
    if found is not None:
        session.delete(found)
    return found is not None


def chat_unit(session: Session, platform: str, chat_id: str) -> Unit | None:
    """The unit a group chat is bound to."""
    found = session.get(ChatBinding, (platform, chat_id))
    return session.get(Unit, found.unit_id) if found else None
