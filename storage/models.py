"""Database tables: plans, sections, tasks, units and who does which task in what role."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware now, for timestamps stored by Duban."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and read back timezone-aware on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Plan(SQLModel, table=True):
    """An imported plan; a revised document updates the same row."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    year: int | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued: date | None = None
    source_name: str
    source_hash: str = Field(index=True)
    default_due: date | None = None
    default_due_text: str | None = None
    warnings: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Section(SQLModel, table=True):
    """A heading of a plan (一、…) under which tasks stand."""

    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    position: int
    title: str


class Unit(SQLModel, table=True):
    """A unit as a plan names it: a department, a Party organ, or a collective (区政府各部门)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: str = "department"


class Task(SQLModel, table=True):
    """A numbered task; archived, never deleted, when a revised plan drops it."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int = Field(index=True)
    label: str = ""
    section: str | None = None
    title: str
    body: str = Field(default="", sa_column=Column(Text, nullable=False))
    deadlines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    targets: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    archived_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class TaskUnit(SQLModel, table=True):
    """One unit's role in one task: lead, responsible or cooperating."""

    task_id: int = Field(foreign_key="task.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    role: str = Field(primary_key=True)
    position: int = 0


class Member(SQLModel, table=True):
    """A person on a chat platform and the unit they belong to, once approved."""

    __table_args__ = (UniqueConstraint("platform", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    user_id: str = Field(index=True)
    name: str = ""
    chat_id: str = ""  # where Duban can write to the person (a private chat)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    pending_unit_id: int | None = Field(default=None, foreign_key="unit.id")
    is_admin: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ChatBinding(SQLModel, table=True):
    """A group chat that speaks for one unit."""

    platform: str = Field(primary_key=True)
    chat_id: str = Field(primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    bound_by: int | None = Field(default=None, foreign_key="member.id")


class Invite(SQLModel, table=True):
    """A one-time code an admin made for a unit; whoever uses it first joins that unit."""

    code: str = Field(primary_key=True)
    unit_id: int = Field(foreign_key="unit.id")
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    used_by: int | None = Field(default=None, foreign_key="member.id")
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Report(SQLModel, table=True):
    """One progress report of a unit on a task; a correction is a new row, nothing is overwritten."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    status: str  # not_started | in_progress | done | blocked
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    figure: float | None = None
    figure_unit: str | None = None
    evidence_kind: str | None = None  # photo | document
    evidence_file_id: str | None = None
    evidence_name: str | None = None
    evidence_size: int | None = None
    platform: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Dialog(SQLModel, table=True):
    """Where a person is in a conversation (a guided report), kept so a restart loses nothing."""

    platform: str = Field(primary_key=True)
    chat_id: str = Field(primary_key=True)
    user_id: str = Field(primary_key=True)
    state: str  # a named state, e.g. "report:status"
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
