"""Database tables: plans, sections, tasks, units and who does which task in what role."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text, UniqueConstraint
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
    """A source of the docket: an imported plan (a revised document updates the same row), or the
    office's own items (交办单); many are live at once."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind: str = Field(default="年度计划", sa_column=Column(Text, nullable=False, server_default="年度计划"))
    short_name: str | None = None  # what the office calls it: 法治, 营商; tasks are named 营商3
    archived_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
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
    original: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
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
    # Set on every write, so that one query tells a process whether what it remembers of people holds.
    changed_at: datetime | None = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=True, onupdate=utcnow)
    )


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
    evidence_path: str | None = None  # Duban's own copy of the file, where the platform's id expires
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


class Offer(SQLModel, table=True):
    """Choices offered to a person that a later message answers, part of the dialog store
    (storage/dialogs.py): the numbered ones last shown where a platform has no buttons (`card` ""), one
    card's buttons (`card`: the adapter's own id for it), or a question asked beside a conversation
    (`card` asked:…)."""

    platform: str = Field(primary_key=True)
    chat_id: str = Field(primary_key=True)
    user_id: str = Field(primary_key=True)
    card: str = Field(default="", primary_key=True)
    choices: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # label, data
    text: str = ""  # what they were offered with, to be shown again
    flow: str | None = None  # the state word of the flow whose buttons they are (report); None: no flow's
    code: str | None = None  # what the platform gave to change the card later, opaque here; None once spent
    offered_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))


class DeadlineOverride(SQLModel, table=True):
    """The office's word on a task's deadline: a date it sets, or the date of the event a relative
    deadline counts from. Attached to the task, so a re-imported plan keeps it."""

    __table_args__ = (UniqueConstraint("task_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    kind: str  # "due" | "event"
    value: date
    note: str = ""
    set_by: int | None = Field(default=None, foreign_key="member.id")
    set_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class CalendarDay(SQLModel, table=True):
    """A day the office declared a holiday or a (moved) working day, for years chinese-calendar lacks."""

    day: date = Field(primary_key=True)
    workday: bool
    note: str = ""


class Reminder(SQLModel, table=True):
    """A reminder Duban owes one unit about one deadline of one task; the unique key makes planning
    idempotent, and the status makes sending happen once."""

    __table_args__ = (UniqueConstraint("key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str  # task:unit:due:kind, unique
    task_id: int = Field(foreign_key="task.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    due: date
    kind: str  # before:3wd (working days), before:7 (calendar days), day, chase:1 …, escalate, checkpoint, later:…
    send_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    status: str = Field(default="pending", index=True)  # pending | sent | done | skipped
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    late: bool = False


class Broadcast(SQLModel, table=True):
    """A message the office sends to many units (or a reminder's fan-out): one row, many deliveries."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = "broadcast"  # broadcast | reminder | notice
    audience: str = ""
    text: str = Field(sa_column=Column(Text, nullable=False))
    buttons: list[list[list[str]]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    file: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # a file sent with the text
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Delivery(SQLModel, table=True):
    """One recipient's copy of a broadcast: the outbox row the sender claims, sends and records."""

    __table_args__ = (
        UniqueConstraint("broadcast_id", "platform", "chat_id"),
        Index("ix_delivery_chat", "platform", "chat_id"),  # a chat's other copies, for its own limit
    )

    id: int | None = Field(default=None, primary_key=True)
    broadcast_id: int = Field(foreign_key="broadcast.id", index=True)
    platform: str
    chat_id: str
    status: str = Field(default="pending", index=True)  # pending | sending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True)
    )
    claimed_by: str | None = None
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    error: str | None = None
    parts_sent: int = 0  # pieces of the message that arrived at earlier tries: a retry sends the rest


class KeyValue(SQLModel, table=True):
    """Small shared state with an expiry: the WeCom access token (one for every process), WeCom
    message ids already handled, the numbered choices a WeCom user was offered."""

    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))
    expires_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class OfficeAction(SQLModel, table=True):
    """A trace (留痕) of one thing the office did: who, when, from where (web, chat, command line), what."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor: str  # a person's label: name and platform id, or the name given to `duban web-login --user`
    via: str  # web | telegram | wecom | console | cli
    action: str  # approve | reject | broadcast | deadline | event | chase | invite | import | alias | admin …
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))


class UnitAlias(SQLModel, table=True):
    """A name the office taught Duban for a unit or collective of the plan, beside the directory file's."""

    __table_args__ = (UniqueConstraint("alias"),)

    id: int | None = Field(default=None, primary_key=True)
    unit: str = Field(index=True)  # the plan's own name of the unit
    alias: str
    added_by: str = ""
    added_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class DepartmentUnit(SQLModel, table=True):
    """The office's choice: members of this address-book department (WeCom) belong to this plan unit."""

    platform: str = Field(primary_key=True)
    department_id: str = Field(primary_key=True)
    department_name: str = ""
    unit_id: int = Field(foreign_key="unit.id", index=True)
    set_by: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Review(SQLModel, table=True):
    """The office's decision on a unit's 已完成: approved (办结) or sent back (退回) with a reason."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    report_id: int | None = Field(default=None, foreign_key="report.id")
    decision: str  # approved | returned
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    decided_by: str = ""
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Signoff(SQLModel, table=True):
    """A unit's acknowledgement (签收) of an item it was given, or its refusal (不是我单位的) with a reason."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    status: str  # signed | declined | reassigned
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    member_id: int | None = Field(default=None, foreign_key="member.id")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Extension(SQLModel, table=True):
    """A unit's request (延期申请) for a new date, and the office's decision on it."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    old_due: date | None = None
    new_due: date
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    status: str = Field(default="pending", index=True)  # pending | approved | refused
    member_id: int | None = Field(default=None, foreign_key="member.id")
    requested_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    decided_by: str = ""
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class TaskCorrection(SQLModel, table=True):
    """The office's correction of a misread task (its text, units and roles): applied over what the
    document says, so a revised import keeps it."""

    __table_args__ = (UniqueConstraint("task_id", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    field: str  # title | body | lead | responsible | cooperating
    value: Any = Field(sa_column=Column(JSON, nullable=False))
    set_by: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class UnitRole(SQLModel, table=True):
    """A person with a role on a unit beyond membership: its 分管领导 (leader), copied on escalations."""

    __table_args__ = (UniqueConstraint("unit_id", "platform", "user_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    platform: str
    user_id: str
    role: str = "leader"
    name: str = ""
    set_by: str = ""
    set_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
