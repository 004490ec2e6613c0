"""交办单: single items the office hands down itself, each a task of the docket's 交办 source, numbered
in the office's style (督办〔2026〕12号) and named 交办12号."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from plan.directory import Directory
from storage.models import Plan, Task, TaskUnit, Unit, utcnow

SOURCE_KIND = "交办"
SOURCE_TITLE = "督办室交办事项"
SOURCE_SHORT = "交办"
ROLES = ("lead", "responsible", "cooperating")


@dataclass(frozen=True)
class Assigned:
    """A stored 交办单: its task id, number, the office's document number, its units."""

    task_id: int
    number: int
    doc_number: str
    units: list[tuple[str, str]]


def assignment_source(session: Session) -> Plan:
    """The docket's 交办 source, made on the first 交办单 (reopened if it was closed)."""
    found = session.exec(select(Plan).where(Plan.kind == SOURCE_KIND).order_by(col(Plan.id))).first()
    if found is None:
        taken = {p.short_name for p in session.exec(select(Plan)).all()}
        short = SOURCE_SHORT if SOURCE_SHORT not in taken else f"{SOURCE_SHORT}单"
        found = Plan(
            title=SOURCE_TITLE, kind=SOURCE_KIND, short_name=short, source_name="", source_hash=f"assign:{utcnow()}"
        )
        session.add(found)
        session.flush()
    found.archived_at = None
    return found


def assign(
    session: Session,
    *,
    text: str,
    units: list[tuple[str, str]],
    due: date | None,
    directory: Directory,
    number_format: str,
    today: date,
    person: str = "",
    attachment: str = "",
) -> Assigned:
    """Store one 交办单: the next number of the 交办 source, its text, units with roles, deadline."""
    if not text.strip():
        raise ValueError("a 交办单 needs its text")
    if not units:
        raise ValueError("a 交办单 needs at least one unit")
    bad = [role for _, role in units if role not in ROLES]
    if bad:
        raise ValueError(f"unknown role {bad[0]!r}")
    source = assignment_source(session)
    last = session.exec(select(func.max(Task.number)).where(Task.plan_id == source.id)).one()
    number = (last or 0) + 1
    doc_number = number_format.format(year=today.year, n=number)
    title, _, rest = text.strip().partition("。")
    body_parts = [rest.strip()] if rest.strip() else []
    if person:
        body_parts.append(f"责任人：{person}")
    if attachment:
        body_parts.append(f"附件：{attachment}")
    deadlines = [{"text": f"{due.isoformat()}前", "due": due.isoformat(), "kind": "fixed"}] if due else []
    task = Task(
        plan_id=source.id or 0,
        number=number,
        label=doc_number,
        section=None,
        title=title[:200],
        body="\n".join(body_parts),
        deadlines=deadlines,
        targets=[],
        original="",
    )
    session.add(task)
    session.flush()
    positions: dict[str, int] = {}
    for name, role in units:
        unit = session.exec(select(Unit).where(Unit.name == name)).first()
        if unit is None:
            unit = Unit(name=name, kind=directory.kind(name))
            session.add(unit)
            session.flush()
        session.add(TaskUnit(task_id=task.id or 0, unit_id=unit.id or 0, role=role, position=positions.get(role, 0)))
        positions[role] = positions.get(role, 0) + 1
    source.imported_at = utcnow()  # the docket in memory is rebuilt with the new item
    session.flush()
    return Assigned(task_id=task.id or 0, number=number, doc_number=doc_number, units=units)
