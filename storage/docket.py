"""The docket's life after assignment: the office's review (办结/退回), units' 签收, 延期申请, corrections
of misread tasks, and the leaders (分管领导) of units. Each is a row of its own; nothing is overwritten."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from storage.models import (
    DeadlineOverride,
    Extension,
    Report,
    Review,
    Signoff,
    Task,
    TaskCorrection,
    Unit,
    UnitAlias,
    UnitRole,
    utcnow,
)

CORRECTABLE = ("title", "body", "lead", "responsible", "cooperating")
DECISIONS = ("approved", "returned")


def docket_marks(session: Session) -> tuple[Any, ...]:
    """What, when it changes, makes the docket in memory stale besides an import: the office's deadline
    corrections, taught aliases, task corrections and decided extensions."""
    return (
        tuple(session.exec(select(func.count(), func.max(DeadlineOverride.set_at))).one()),
        tuple(session.exec(select(func.count(), func.max(UnitAlias.id))).one()),
        tuple(session.exec(select(func.count(), func.max(TaskCorrection.set_at))).one()),
        tuple(
            session.exec(
                select(func.count(), func.max(Extension.decided_at)).where(Extension.status == "approved")
            ).one()
        ),
    )


def review_mark(session: Session) -> tuple[Any, ...]:
    """What changes when a report or a review is added: one query's worth, to tell a kept view is stale."""
    return (
        session.exec(select(func.max(Report.id))).one(),
        session.exec(select(func.max(Review.id))).one(),
    )


def granted_dates(session: Session) -> dict[tuple[int, str], date]:
    """(task id, unit name) -> the date the office granted that unit (its newest approved extension)."""
    rows = session.exec(
        select(Extension.task_id, Unit.name, Extension.new_due)
        .join(Unit, col(Unit.id) == col(Extension.unit_id))
        .where(Extension.status == "approved")
        .order_by(col(Extension.decided_at), col(Extension.id))
    ).all()
    return {(task_id, unit): new_due for task_id, unit, new_due in rows}


# --- review: 已完成 → 待审核 → 办结 / 退回 ------------------------------------------------------------


@dataclass(frozen=True)
class PartState:
    """Where one unit's part of one task stands after the office's review."""

    report_status: str | None  # the newest report's status
    report_id: int | None
    state: str  # none | not_started | in_progress | blocked | pending (待审核) | closed (办结) | returned (退回)
    reason: str = ""  # the 退回 reason
    at: datetime | None = None  # when the state began (the report or the decision)
    text: str = ""  # the newest report's account


def part_states(session: Session, plan_ids: Collection[int] | None = None) -> dict[tuple[int, int], PartState]:
    """(task id, unit id) -> the reviewed state of every part that has a report."""
    reports = select(Report.task_id, Report.unit_id, Report.status, Report.id, Report.created_at, Report.text)
    reviews = select(Review.task_id, Review.unit_id, Review.decision, Review.reason, Review.report_id, Review.at)
    if plan_ids is not None:
        reports = reports.join(Task, col(Task.id) == col(Report.task_id)).where(col(Task.plan_id).in_(plan_ids))
        reviews = reviews.join(Task, col(Task.id) == col(Review.task_id)).where(col(Task.plan_id).in_(plan_ids))
    newest: dict[tuple[int, int], tuple[str, int, datetime, str]] = {}
    for task_id, unit_id, status, rid, at, text in session.exec(reports.order_by(col(Report.id))).all():
        newest[(task_id, unit_id)] = (status, rid, at, text)
    decided: dict[tuple[int, int], tuple[str, str, int | None, datetime]] = {}
    for task_id, unit_id, decision, reason, report_id, at in session.exec(reviews.order_by(col(Review.id))).all():
        decided[(task_id, unit_id)] = (decision, reason, report_id, at)
    states: dict[tuple[int, int], PartState] = {}
    for key, (status, rid, at, text) in newest.items():
        decision = decided.get(key)
        if status == "done" and decision is not None and decision[2] == rid:
            state = "closed" if decision[0] == "approved" else "returned"
            states[key] = PartState(status, rid, state, decision[1], decision[3], text)
        elif status == "done":
            states[key] = PartState(status, rid, "pending", "", at, text)
        else:
            returned = decision is not None and decision[0] == "returned" and (decision[2] or 0) < rid
            reason = decision[1] if returned and decision else ""
            states[key] = PartState(status, rid, status, reason, at, text)
    return states


def newer_part(one: PartState, other: PartState) -> bool:
    """Whether one part's state rests on a newer report than the other's (one organ reported under two names)."""
    return (one.report_id or 0) > (other.report_id or 0)


def decide(
    session: Session, *, task_id: int, unit_id: int, decision: str, reason: str = "", by: str = ""
) -> Review | None:
    """The office's decision on a unit's 已完成 awaiting review; None when nothing awaits it."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    state = part_state(session, task_id, unit_id)
    if state is None or state.state != "pending":
        return None
    review = Review(
        task_id=task_id, unit_id=unit_id, report_id=state.report_id, decision=decision, reason=reason, decided_by=by
    )
    session.add(review)
    session.flush()
    return review


def part_state(session: Session, task_id: int, unit_id: int) -> PartState | None:
    """One part's reviewed state."""
    plan_id = session.exec(select(Task.plan_id).where(Task.id == task_id)).first()
    if plan_id is None:
        return None
    return part_states(session, [plan_id]).get((task_id, unit_id))


# --- 签收 --------------------------------------------------------------------------------------------


def sign(
    session: Session, *, task_id: int, unit_id: int, member_id: int | None, status: str = "signed", reason: str = ""
) -> Signoff:
    """A unit signs for an item (signed), declines it (declined, with a reason), or the office takes it
    off the unit (reassigned)."""
    row = Signoff(task_id=task_id, unit_id=unit_id, status=status, reason=reason, member_id=member_id)
    session.add(row)
    session.flush()
    return row


def signoffs(session: Session) -> dict[tuple[int, int], Signoff]:
    """(task id, unit id) -> the newest 签收 row."""
    newest: dict[tuple[int, int], Signoff] = {}
    for row in session.exec(select(Signoff).order_by(col(Signoff.id))).all():
        newest[(row.task_id, row.unit_id)] = row
    return newest


def newer_signoff(one: Signoff, other: Signoff) -> bool:
    """Whether one 签收 row came after the other (one organ signed under two names)."""
    return (one.id or 0) > (other.id or 0)


# --- 延期申请 -----------------------------------------------------------------------------------------


def request_extension(
    session: Session,
    *,
    task_id: int,
    unit_id: int,
    new_due: date,
    reason: str,
    old_due: date | None,
    member_id: int | None,
) -> Extension:
    """A unit asks for a new date; an earlier request of the unit still pending is replaced."""
    for earlier in session.exec(
        select(Extension).where(
            Extension.task_id == task_id, Extension.unit_id == unit_id, Extension.status == "pending"
        )
    ).all():
        earlier.status, earlier.decided_at, earlier.note = "withdrawn", utcnow(), "replaced by a new request"
    row = Extension(
        task_id=task_id, unit_id=unit_id, new_due=new_due, reason=reason, old_due=old_due, member_id=member_id
    )
    session.add(row)
    session.flush()
    return row


def decide_extension(
    session: Session, extension_id: int, *, approve: bool, by: str, note: str = ""
) -> Extension | None:
    """The office approves or refuses a pending request; None when it is not pending."""
    row = session.get(Extension, extension_id)
    if row is None or row.status != "pending":
        return None
    row.status = "approved" if approve else "refused"
    row.decided_by, row.decided_at, row.note = by, utcnow(), note
    session.flush()
    return row


def pending_extensions(session: Session) -> list[Extension]:
    """Requests awaiting the office, oldest first."""
    return list(session.exec(select(Extension).where(Extension.status == "pending").order_by(col(Extension.id))).all())


# --- corrections and leaders --------------------------------------------------------------------------


def correct_task(session: Session, *, task_id: int, field: str, value: Any, by: str) -> TaskCorrection:
    """The office's correction of one field of a task; a unit named in a role is stored as a unit."""
    if field not in CORRECTABLE:
        raise ValueError(f"{field!r} cannot be corrected")
    if field in ("lead", "responsible", "cooperating"):
        for name in value:
            if session.exec(select(Unit).where(Unit.name == name)).first() is None:
                session.add(Unit(name=name))
    row = session.exec(
        select(TaskCorrection).where(TaskCorrection.task_id == task_id, TaskCorrection.field == field)
    ).first()
    if row is None:
        row = TaskCorrection(task_id=task_id, field=field, value=value, set_by=by)
        session.add(row)
    row.value, row.set_by, row.set_at = value, by, utcnow()
    session.flush()
    return row


def set_leader(
    session: Session, *, unit_id: int, platform: str, user_id: str, name: str = "", by: str = ""
) -> UnitRole:
    """Record a person as a leader (分管领导) of a unit: copied on its escalations."""
    row = session.exec(
        select(UnitRole).where(
            UnitRole.unit_id == unit_id,
            UnitRole.platform == platform,
            UnitRole.user_id == user_id,
            UnitRole.role == "leader",
        )
    ).first()
    if row is None:
        row = UnitRole(unit_id=unit_id, platform=platform, user_id=user_id, role="leader", name=name, set_by=by)
        session.add(row)
        session.flush()
    return row


def leaders(session: Session, unit_id: int) -> list[UnitRole]:
    """A unit's leaders."""
    return list(session.exec(select(UnitRole).where(UnitRole.unit_id == unit_id, UnitRole.role == "leader")).all())
