"""Progress reports: saving, the latest per task and unit, history."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from storage.models import Member, Report, Review, Task, Unit

STATUSES = ("not_started", "in_progress", "done", "blocked")


@dataclass(frozen=True)
class ReportView:
    """A report with the names a reader needs."""

    id: int
    task_number: int
    task_title: str
    unit: str
    person: str
    status: str
    text: str
    figure: float | None
    figure_unit: str | None
    evidence_name: str | None
    evidence_kind: str | None
    created_at: datetime
    task_id: int = 0
    review: str | None = None  # the office's decision on this report: approved (办结) | returned (退回)
    review_reason: str = ""

    @property
    def state(self) -> str:
        """The status as it stands after the office's review: `returned` where its 已完成 was sent back (退回), which
        is not done anywhere (overview, my reports, unfinished, ledger) and is chased again."""
        return "returned" if self.status == "done" and self.review == "returned" else self.status


def add_report(session: Session, **fields: Any) -> Report:
    """Store a new report (a new version when the unit reported on the task before)."""
    if fields.get("status") not in STATUSES:
        raise ValueError(f"unknown status {fields.get('status')!r}")
    report = Report(**fields)
    session.add(report)
    session.flush()
    return report


_COLUMNS = (
    Report.id,
    Task.number,
    Task.title,
    Unit.name,
    Member.name,
    Member.user_id,
    Report.status,
    Report.text,
    Report.figure,
    Report.figure_unit,
    Report.evidence_name,
    Report.evidence_kind,
    Report.created_at,
    Report.task_id,
)


def _views(session: Session, query: Any) -> list[ReportView]:
    """Reports as plain rows of the columns a reader needs: no ORM objects (thousands are read at once),
    each with the office's decision on it, if any."""
    decided = {
        report_id: (decision, reason)
        for report_id, decision, reason in session.exec(
            select(Review.report_id, Review.decision, Review.reason).order_by(col(Review.id))
        ).all()
    }
    rows = session.exec(
        query.join(Task, col(Task.id) == col(Report.task_id))
        .join(Unit, col(Unit.id) == col(Report.unit_id))
        .join(Member, col(Member.id) == col(Report.member_id), isouter=True)
    ).all()
    return [
        ReportView(
            id=rid or 0,
            task_number=number,
            task_title=title,
            unit=unit,
            person=(name or user_id) if user_id is not None else "",
            status=status,
            text=text,
            figure=figure,
            figure_unit=figure_unit,
            evidence_name=evidence_name,
            evidence_kind=evidence_kind,
            created_at=created_at,
            task_id=task_id,
            review=decided.get(rid, (None, ""))[0],
            review_reason=decided.get(rid, (None, ""))[1],
        )
        for (
            rid,
            number,
            title,
            unit,
            name,
            user_id,
            status,
            text,
            figure,
            figure_unit,
            evidence_name,
            evidence_kind,
            created_at,
            task_id,
        ) in rows
    ]


def _base() -> Any:
    return select(*_COLUMNS).select_from(Report)


def _ids(plan_id: int | Collection[int]) -> list[int]:
    return [plan_id] if isinstance(plan_id, int) else list(plan_id)


def reports_of_plan(session: Session, plan_id: int | Collection[int]) -> list[ReportView]:
    """Every report on the tasks of the plan (or of the docket's plans), oldest first."""
    query = _base().where(col(Task.plan_id).in_(_ids(plan_id)))
    return _views(session, query.order_by(col(Report.created_at), col(Report.id)))


def newest_of_plan(session: Session, plan_id: int | Collection[int]) -> list[ReportView]:
    """The newest report of each task and unit of the plan(s), oldest first: what the overview shows."""
    newest = (
        select(func.max(Report.id))
        .join(Task, col(Task.id) == col(Report.task_id))
        .where(col(Task.plan_id).in_(_ids(plan_id)))
        .group_by(col(Report.task_id), col(Report.unit_id))
    )
    return _views(session, _base().where(col(Report.id).in_(newest)).order_by(col(Report.created_at), col(Report.id)))


def task_reports(session: Session, task_id: int) -> list[ReportView]:
    """A task's reports, oldest first: its timeline."""
    return _views(session, _base().where(Report.task_id == task_id).order_by(col(Report.created_at), col(Report.id)))


def latest(reports: list[ReportView]) -> dict[tuple[int, str], ReportView]:
    """The newest report per (task id, unit): task numbers repeat across the docket's sources."""
    newest: dict[tuple[int, str], ReportView] = {}
    for report in reports:  # oldest first: later ones replace earlier ones
        newest[(report.task_id, report.unit)] = report
    return newest


def last_by_member(session: Session, member_id: int, since: datetime) -> tuple[Report, Task, Unit] | None:
    """The newest report a person saved since a moment, with its task and unit."""
    row = session.exec(
        select(Report, Task, Unit)
        .join(Task, col(Task.id) == col(Report.task_id))
        .join(Unit, col(Unit.id) == col(Report.unit_id))
        .where(Report.member_id == member_id, col(Report.created_at) >= since)
        .order_by(col(Report.id).desc())
    ).first()
    return tuple(row) if row else None  # type: ignore[return-value]
