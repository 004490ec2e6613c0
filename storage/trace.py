"""The office's trace (留痕): every office action, who did it, when and from where."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Member, OfficeAction


def actor_label(person: Member | None, fallback: str = "") -> str:
    """How a person is named to the office, in messages and in the trace: 张三（telegram:42）."""
    if person is None:
        return fallback or "?"
    return f"{person.name or person.user_id}（{person.platform}:{person.user_id}）"


def record(session: Session, *, actor: str, via: str, action: str, detail: str = "") -> OfficeAction:
    """Keep one office action; committed with the change it describes."""
    row = OfficeAction(actor=actor, via=via, action=action, detail=detail)
    session.add(row)
    return row


def recent(session: Session, limit: int = 200, *, about: str | None = None) -> list[OfficeAction]:
    """The newest office actions first; `about`: only those whose detail mentions it."""
    query = select(OfficeAction).order_by(col(OfficeAction.id).desc()).limit(limit)
    if about:
        query = query.where(col(OfficeAction.detail).contains(about))
    return list(session.exec(query).all())
