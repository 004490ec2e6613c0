"""The bulletin's life in the office: drafted (by hand, or for last month on the first working day of
the month, with the office told it awaits review in the console), then issued on the office's
confirmation, when each unit is told its own figures. Nothing reaches units before that. Each step is
claimed once in the database, in the same transaction as what it queues, so two processes or a
restart never do it twice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from core.context import Context
from core.texts import say
from ledger.figures import Figures, percent
from ledger.issue import Made, make_bulletin
from ledger.periods import Period
from schedules.broadcasts import recipients
from schedules.outbox import enqueue
from schedules.workdays import WorkCalendar
from storage import members, trace
from storage.models import KeyValue

DRAFT_KEY = "bulletin:draft:"
CATCH_UP_WORKDAYS = 2  # a monthly draft missed while Duban was down is made this many working days late at most


@dataclass(frozen=True)
class Draft:
    """A bulletin made for a period: where its file is, its number, whether it was issued."""

    key: str  # the period's key: 2025-10, 2025-W40
    label: str
    number: str
    file: Path
    made_at: str
    issued_at: str | None = None
    issued_by: str | None = None


def first_claim(session: Session, key: str, value: str = "1") -> bool:
    """Insert a key unless some process already did; whether this call was first. In the caller's
    transaction, so what it queues and the claim commit together."""
    make = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        make(KeyValue.__table__)  # type: ignore[arg-type]
        .values(key=key, value=value)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(col(KeyValue.key))
    )
    # The row comes back only to the insert that made it; rowcount reads -1 on PostgreSQL through psycopg,
    # where no digest, draft or issue was ever claimed (as storage/keyvalue.py's claim found).
    return session.execute(statement).first() is not None


def _record(session: Session, draft: Draft) -> None:
    row = session.get(KeyValue, DRAFT_KEY + draft.key)
    value = json.dumps({**draft.__dict__, "file": str(draft.file)}, ensure_ascii=False)
    if row is None:
        session.add(KeyValue(key=DRAFT_KEY + draft.key, value=value))
    else:
        row.value = value


def drafts(ctx: Context) -> list[Draft]:
    """Every bulletin drafted, newest period first."""
    with ctx.store.session() as session:
        rows = session.exec(select(KeyValue).where(col(KeyValue.key).startswith(DRAFT_KEY))).all()
        found = [Draft(**{**json.loads(r.value), "file": Path(json.loads(r.value)["file"])}) for r in rows]
    return sorted(found, key=lambda d: d.key, reverse=True)


def draft(ctx: Context, period: Period, *, now: datetime | None = None, by: str = "", via: str = "web") -> Made:
    """Make (or make again, while not issued) the period's bulletin and record it as a draft."""
    now = now or ctx.now()
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
        issued = session.get(KeyValue, DRAFT_KEY + period.key())
        if issued is not None and json.loads(issued.value).get("issued_at"):
            raise BulletinIssued(period.label())
    made = make_bulletin(ctx.store, ctx.settings, period, now=now, calendar=calendar)
    with ctx.store.session() as session:
        _record(session, Draft(period.key(), period.label(), made.number, made.docx, now.isoformat(timespec="minutes")))
        trace.record(
            session, actor=by or "duban", via=via, action="bulletin", detail=f"{made.number} {period.label()} 起草"
        )
    return made


class BulletinIssued(RuntimeError):
    """The period's bulletin was issued: it is not made again."""


def first_workday_of_month(calendar: WorkCalendar, day: date) -> date:
    """The month's first working day (after New Year's or National Day holidays, a moved Saturday)."""
    first = day.replace(day=1)
    return first if calendar.is_workday(first) else calendar.add_workdays(first, 1)


def monthly_draft(ctx: Context, now: datetime | None = None) -> Made | None:
    """On the first working day of a month (or the two after it, when Duban was down that day): last
    month's bulletin drafted once, and the office told it awaits review in the console. None when it is
    not the time or it was done."""
    now = (now or ctx.now()).astimezone(ZoneInfo(ctx.settings.timezone))
    today = now.date()
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    first = first_workday_of_month(calendar, today)
    if ctx.store.view() is None or not first <= today <= calendar.add_workdays(first, CATCH_UP_WORKDAYS):
        return None
    before = today.replace(day=1) - timedelta(days=1)
    period = Period.month(before.year, before.month)
    with ctx.store.session() as session:
        if not first_claim(session, f"bulletin:monthly:{period.key()}"):
            return None
        session.commit()
    made = draft(ctx, period, now=now, by="duban", via="schedule")
    with ctx.store.session() as session:
        admins = [
            (a.platform, a.chat_id) for a in members.admins(session, ctx.settings.configured_admins()) if a.chat_id
        ]
        text = say(
            "zh",
            "bulletin_drafted",
            number=made.number,
            period=period.label(),
            url=f"{ctx.settings.desk_url()}/desk/bulletin",
        )
        enqueue(session, text=text, recipients=admins, kind="notice", audience=f"bulletin:{period.key()}")
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    return made


def unit_line(unit: str, figures: Figures) -> str:
    """A unit's own figures, as it is told them when the bulletin is issued."""
    return say(
        "zh",
        "bulletin_unit_figures",
        unit=unit,
        due=figures.due,
        on_time=figures.on_time,
        rate=percent(figures.on_time_rate),
        late=figures.late,
        returns=figures.returns,
        unsigned=figures.unsigned,
        unreported=figures.unreported,
    )


def issue(ctx: Context, key: str, *, by: str, via: str = "web") -> int | None:
    """The office confirms a drafted bulletin: each unit of it is told its own figures through the
    outbox, once. The number of chats queued; None when there is no such draft or it was issued."""
    found = next((d for d in drafts(ctx) if d.key == key), None)
    view = ctx.store.view()
    if found is None or found.issued_at or view is None:
        return None
    period = _period_of(key)
    now = ctx.now()
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    from ledger.issue import figures_for

    result = figures_for(ctx.store, ctx.settings, period, now=now, calendar=calendar)
    queued = 0
    with ctx.store.session() as session:
        if not first_claim(session, f"bulletin:issued:{key}"):
            return None
        for unit, figures in result.by_unit.items():
            chats = recipients(view, session, [unit])
            if not chats:
                continue
            text = (
                say("zh", "bulletin_issued_unit", number=found.number, period=found.label)
                + "\n"
                + unit_line(unit, figures)
            )
            enqueue(session, text=text, recipients=chats, kind="notice", audience=f"bulletin:{key}:{unit}")
            queued += len(chats)
        _record(session, Draft(**{**found.__dict__, "issued_at": now.isoformat(timespec="minutes"), "issued_by": by}))
        trace.record(
            session, actor=by, via=via, action="bulletin", detail=f"{found.number} {found.label} 印发，{queued}个会话"
        )
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    return queued


def _period_of(key: str) -> Period:
    """The period a draft's key names (2025-10, 2025-W40, 2025-09-22_2025-10-12)."""
    if "_" in key:
        start, end = key.split("_")
        return Period.between(date.fromisoformat(start), date.fromisoformat(end))
    if "-W" in key:
        year, week = key.split("-W")
        return Period.week_of(date.fromisocalendar(int(year), int(week), 1))
    year, month = key.split("-")
    return Period.month(int(year), int(month))
