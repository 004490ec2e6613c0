"""Reminders: planned into Duban's own table ahead of time (idempotently, by a unique key), sent
once when due through the outbox. A restart loses and repeats nothing; what fell due while Duban
was down goes out once when it is back, marked late; two processes on one database send each
reminder once, because the pending → sent step is a compare-and-set done together with queueing."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from core.context import Context
from core.settings import Settings
from core.store import PlanView
from core.texts import say
from ledger.standing import owing_units
from plan.schedule import main_due
from schedules.broadcasts import recipients
from schedules.outbox import enqueue
from schedules.workdays import WorkCalendar
from storage import docket, members
from storage.models import Broadcast, Member, Reminder, utcnow

logger = logging.getLogger(__name__)
LATE_AFTER = timedelta(hours=1)  # sent this long after its time: marked 补发 (late)


@dataclass(frozen=True)
class Policy:
    """The office's reminder policy (from the settings)."""

    days_before: tuple[int, ...]  # calendar days
    periodic_days_before: int
    chase_every: int
    escalate_after: int
    at: time
    quiet: tuple[time, time]
    horizon: timedelta
    zone: ZoneInfo
    leader_after: int = 5  # working days after the first chaser: the unit's leaders are copied
    workdays_before: tuple[int, ...] = (3,)  # working days, as the calendar counts them
    chase_after: int = 1  # the first chaser, this many working days after the deadline

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        start, _, end = settings.quiet_hours.partition("-")
        return cls(
            days_before=tuple(sorted(set(settings.remind_days_before), reverse=True)),
            periodic_days_before=settings.remind_periodic_days_before,
            chase_every=max(1, settings.chase_every_workdays),
            escalate_after=max(1, settings.escalate_after_workdays),
            at=time.fromisoformat(settings.remind_at),
            quiet=(time.fromisoformat(start.strip()), time.fromisoformat(end.strip())),
            horizon=timedelta(days=settings.plan_horizon_days),
            zone=ZoneInfo(settings.timezone),
            leader_after=max(1, settings.leader_after_workdays),
            workdays_before=tuple(sorted({n for n in settings.remind_workdays_before if n > 0}, reverse=True)),
            chase_after=max(1, settings.chase_after_workdays),
        )

    def kinds_before(self) -> list[str]:
        """The kinds of the reminders before a deadline: before:3wd (working days), before:7 (calendar days)."""
        return [f"before:{n}wd" for n in self.workdays_before] + [f"before:{n}" for n in self.days_before]

    def when(self, day: date) -> datetime:
        """The moment a reminder for a day goes out (local time, stored as UTC)."""
        return datetime.combine(day, self.at, tzinfo=self.zone)

    def quiet_now(self, now: datetime) -> bool:
        """Inside quiet hours (local time)."""
        local = now.astimezone(self.zone).time()
        start, end = self.quiet
        return local >= start or local < end if start > end else start <= local < end


def _key(task_id: int, unit_id: int, due: date, kind: str) -> str:
    return f"{task_id}:{unit_id}:{due.isoformat()}:{kind}"


def _done(session: Session, view: PlanView) -> set[tuple[int, int]]:
    """(task id, unit id) pairs nobody chases: reported 已完成 (awaiting the office's review or closed by
    it). A part the office sent back (退回) is chased again. A report under another name the plan prints
    for the organ (农委 for 市农委) is the unit's."""
    parts = view.by_unit_ids(docket.part_states(session, view.plan_ids), docket.newer_part)
    return {key for key, part in parts.items() if part.state in ("pending", "closed")}


def wanted(
    view: PlanView, calendar: WorkCalendar, policy: Policy, now: datetime, done: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The reminder rows that should exist now: due within the horizon, not long past."""
    window_start, window_end = now - LATE_AFTER, now + policy.horizon
    today = now.astimezone(policy.zone).date()
    rows: list[dict[str, Any]] = []
    chasers: dict[date, list[tuple[str, date]]] = {}  # by deadline: most tasks share one
    for task in view.tasks:
        items = view.schedule(task)
        main = main_due(items)
        for unit, role, _via in owing_units(task, view):
            unit_id = view.unit_ids.get(unit)
            if unit_id is None or task.id is None or (task.id, unit_id) in done:
                continue
            plans: list[tuple[date, str, date]] = []  # (due, kind, day to send)
            granted = view.unit_due.get((task.id, unit))  # an extension the office granted this unit
            main = granted or main_due(items)
            for item in [] if granted else items:
                for point in item.checkpoints:
                    if item.kind in ("recurring", "quota"):
                        plans.append((point, "checkpoint", point - timedelta(days=policy.periodic_days_before)))
                        continue
                    plans += _before(point, policy, calendar)
            if granted is not None:
                plans += _before(granted, policy, calendar)
            if main is not None and main < today:
                # 催办 went out `chase_after` working days late; this many working days on, the leaders hear.
                plans.append((main, "leader", calendar.add_workdays(main, policy.chase_after + policy.leader_after)))
                if main not in chasers:
                    chasers[main] = _chasers_now(calendar, main, policy, today)
                plans += [(main, kind, chase) for kind, chase in chasers[main]]
                if role == "responsible":
                    plans.append((main, "escalate", calendar.add_workdays(main, policy.escalate_after)))
            for due, kind, day in plans:
                send_day = calendar.on_or_before(day) if not kind.startswith(("chase", "leader")) else day
                send_at = policy.when(send_day)
                if window_start <= send_at <= window_end:
                    rows.append(
                        {
                            "key": _key(task.id, unit_id, due, kind),
                            "task_id": task.id,
                            "unit_id": unit_id,
                            "due": due,
                            "kind": kind,
                            "send_at": send_at,
                            "status": "pending",
                            "late": False,
                        }
                    )
    return rows


def _before(due: date, policy: Policy, calendar: WorkCalendar) -> list[tuple[date, str, date]]:
    """(due, kind, day) of the reminders before a deadline and on its day: working days counted back on the
    calendar (before:3wd), calendar days (before:7), each sent on a working day."""
    days = [calendar.workdays_before(due, n) for n in policy.workdays_before]
    days += [due - timedelta(days=n) for n in policy.days_before]
    return [(due, kind, day) for kind, day in zip(policy.kinds_before(), days, strict=True)] + [(due, "day", due)]


def _chasers_now(calendar: WorkCalendar, main: date, policy: Policy, today: date) -> list[tuple[str, date]]:
    """The chaser due about today: the first `chase_after` working days after the deadline, then one every
    `chase_every` working days."""
    k, chase = 1, calendar.add_workdays(main, policy.chase_after)
    found = []
    while chase <= today + timedelta(days=1):
        if chase >= today - timedelta(days=1):  # older chasers are history, not news
            found.append((f"chase:{k}", chase))
        k, chase = k + 1, calendar.add_workdays(chase, policy.chase_every)
    return found


_COLUMNS = ("key", "task_id", "unit_id", "due", "kind", "send_at", "status", "late")
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy keeps a DateTime in SQLite


def insert_missing(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert reminder rows whose key is new; existing ones are left as they are. How many were new.
    One driver-level executemany per chunk: at 100,000 rows the ORM's per-row work is most of the time."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    before = session.exec(select(func.count()).select_from(Reminder)).one()
    utc = ZoneInfo("UTC")
    names = ", ".join(_COLUMNS)
    if dialect == "sqlite":
        sql = f"INSERT OR IGNORE INTO reminder ({names}) VALUES ({', '.join('?' for _ in _COLUMNS)})"

        def values(r: dict[str, Any]) -> tuple[Any, ...]:
            sent = r["send_at"].astimezone(utc).strftime(_SQLITE_TIME)
            return (r["key"], r["task_id"], r["unit_id"], r["due"].isoformat(), r["kind"], sent, r["status"], r["late"])
    else:
        sql = (
            f"INSERT INTO reminder ({names}) VALUES ({', '.join('%s' for _ in _COLUMNS)}) ON CONFLICT (key) DO NOTHING"
        )

        def values(r: dict[str, Any]) -> tuple[Any, ...]:
            sent = r["send_at"].astimezone(utc)
            return (r["key"], r["task_id"], r["unit_id"], r["due"], r["kind"], sent, r["status"], r["late"])

    cursor = session.connection().connection.cursor()
    try:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, [values(r) for r in rows[start : start + 5000]])
    finally:
        cursor.close()
    return session.exec(select(func.count()).select_from(Reminder)).one() - before


def plan_reminders(ctx: Context, now: datetime | None = None) -> int:
    """Plan what is due within the horizon; retire what a correction or a 已完成 report made moot."""
    view = ctx.store.view()
    if view is None:
        return 0
    now = now or ctx.now()
    policy = Policy.from_settings(ctx.settings)
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
        done = _done(session, view)
        rows = wanted(view, calendar, policy, now, done)
        created = insert_missing(session, rows)
        current = {(t.id, d) for t in view.tasks for i in view.schedule(t) for d in i.checkpoints}
        current |= {(t.id, view.due(t)) for t in view.tasks}
        pending = session.exec(
            select(Reminder.id, Reminder.task_id, Reminder.unit_id, Reminder.due, Reminder.kind).where(
                Reminder.status == "pending"
            )
        ).all()
        finished = [r.id for r in pending if (r.task_id, view.unit_id_of(r.unit_id)) in done]
        before = set(policy.kinds_before())

        def moot(kind: str, task_id: int, due: date) -> bool:
            """The office moved the deadline it was for, or no longer reminds so long before (its policy)."""
            if kind.startswith("before:") and kind not in before:
                return True
            return (task_id, due) not in current and not kind.startswith("later")

        moved = [
            r.id
            for r in pending
            if (r.task_id, view.unit_id_of(r.unit_id)) not in done and moot(r.kind, r.task_id, r.due)
        ]
        for ids, status in ((finished, "done"), (moved, "skipped")):
            for start in range(0, len(ids), 500):
                session.execute(
                    update(Reminder).where(col(Reminder.id).in_(ids[start : start + 500])).values(status=status)
                )
        years = {row["send_at"].year for row in rows} | {today_year(now, policy)}
        _tell_office_about_calendar(
            session, [y for y in sorted(years) if not calendar.known(y)], ctx.settings.configured_admins()
        )
    return created


def today_year(now: datetime, policy: Policy) -> int:
    """The current year in the plan's time zone."""
    return now.astimezone(policy.zone).year


def _tell_office_about_calendar(session: Session, years: list[int], configured: list[tuple[str, str]]) -> None:
    """Tell the admins, once a year, that a year's reminders count weekdays only."""
    for year in years:
        audience = f"calendar:{year}"
        if session.exec(select(Broadcast.id).where(Broadcast.audience == audience)).first() is not None:
            continue
        admins = [(a.platform, a.chat_id) for a in members.admins(session, configured) if a.chat_id]
        enqueue(
            session, text=say("zh", "calendar_missing", year=year), recipients=admins, kind="notice", audience=audience
        )


def _worded(view: PlanView, reminder: Reminder, unit: str, lg: str, today: date, style: str) -> str:
    """A reminder in words: `reminder` for a message of its own, `digest` for a line among others."""
    task = next(t for t in view.tasks if t.id == reminder.task_id)
    roles = next((u.roles for u in view.unit_tasks(unit) if u.task.id == task.id), [])
    part = "；".join(say(lg, f"role_{r}") + (say(lg, "via", collective=v) if v else "") for r, v in roles) or "—"
    values: dict[str, object] = {
        "number": view.name(task), "title": task.title, "due": reminder.due.isoformat(), "unit": unit, "part": part,
    }  # fmt: skip
    if reminder.kind.startswith(("before", "later")) or (reminder.kind == "day" and reminder.due > today):
        # a deadline on a rest day is reminded the working day before: "还有1天", never "今天"
        kind, values["days"] = "before", max(0, (reminder.due - today).days)
    elif reminder.kind == "day" and reminder.due < today:
        kind = "chase"  # sent after its day (Duban was down): past due, not "today"
    elif reminder.kind == "checkpoint":
        item = next((i for i in view.schedule(task) if reminder.due in i.checkpoints), None)
        kind, values["phrase"] = "checkpoint", item.text if item else ""
    else:
        kind = reminder.kind if reminder.kind in ("day", "escalate") else "chase"
    return say(lg, f"{style}_{kind}", **values)


def _text(view: PlanView, reminder: Reminder, unit: str, lg: str, today: date) -> str:
    """A reminder as a message of its own, 补发 when late."""
    text = _worded(view, reminder, unit, lg, today, "reminder")
    return (say(lg, "late_prefix") if reminder.late else "") + text


def _line(view: PlanView, reminder: Reminder, unit: str, lg: str, today: date) -> str:
    """One reminder as a line of a digest."""
    return _worded(view, reminder, unit, lg, today, "digest")


def _head(items: list[Reminder]) -> str:
    """补发 before a digest whose every reminder is late."""
    return say("zh", "late_prefix") if all(r.late for r in items) else ""


def _marked(items: list[Reminder], lines: list[str]) -> list[str]:
    """补发 before each late line of a digest that also has timely ones."""
    if all(r.late for r in items):
        return lines
    return [(say("zh", "late_prefix") if r.late else "") + line for r, line in zip(items, lines, strict=True)]


MAX_REPORT_BUTTONS = 8  # a digest offers 现在汇报 for its first tasks; the rest are a "汇报进展" away


def _queue_for_unit(session: Session, view: PlanView, unit: str, items: list[Reminder], today: date) -> None:
    """A unit's reminders due at one time: one message, a digest when there are several."""
    to = recipients(view, session, [unit])
    number = {t.id: f"{t.number}@{t.source}" if view.several and t.source else t.number for t in view.tasks}
    named = {t.id: view.name(t) for t in view.tasks}
    if len(items) == 1:
        [only] = items
        buttons = [
            [
                (say("zh", "button_report_now"), f"rpt:{number[only.task_id]}"),
                (say("zh", "button_later"), f"later:{only.id}"),
            ]
        ]
        enqueue(
            session,
            text=_text(view, only, unit, "zh", today),
            recipients=to,
            kind="reminder",
            audience=f"reminder:{only.key}",
            buttons=buttons,
        )
        return
    items = sorted(items, key=lambda r: (r.due, r.task_id))
    lines = _marked(items, [_line(view, r, unit, "zh", today) for r in items])
    chasing = all(r.kind.startswith("chase") for r in items)
    text = _head(items) + say("zh", "digest_chase_head" if chasing else "digest_head", unit=unit, count=len(items))
    text += "\n" + "\n".join(lines) + "\n" + say("zh", "digest_foot")
    report = [(say("zh", "button_report_task", number=named[r.task_id]), f"rpt:{number[r.task_id]}") for r in items]
    report = list(dict.fromkeys(report))[:MAX_REPORT_BUTTONS]
    broadcast = enqueue(
        session,
        text=text,
        recipients=to,
        kind="reminder",
        audience="reminders:" + ",".join(str(r.id) for r in items),
    )
    rows = [report[i : i + 2] for i in range(0, len(report), 2)]
    broadcast.buttons = [[list(b) for b in row] for row in rows] + [
        [[say("zh", "button_later_all"), f"laters:{broadcast.id}"]]
    ]
    session.add(broadcast)


def _queue_escalations(
    session: Session,
    view: PlanView,
    items: list[Reminder],
    unit_names: dict[int, str],
    admins: list[tuple[str, str]],
    today: date,
) -> None:
    """Escalations due at one time: each lead unit and the office get one message listing theirs."""
    per_chat: dict[tuple[str, str], list[Reminder]] = defaultdict(list)
    for reminder in items:
        task = next(t for t in view.tasks if t.id == reminder.task_id)
        for chat in dict.fromkeys(recipients(view, session, task.lead) + admins):
            per_chat[chat].append(reminder)
    audiences: dict[tuple[int, ...], list[tuple[str, str]]] = defaultdict(list)
    for chat, found in per_chat.items():
        audiences[tuple(sorted(r.id or 0 for r in found))].append(chat)
    by_id = {r.id: r for r in items}
    for ids, chats in audiences.items():
        found = [by_id[i] for i in ids]
        if len(found) == 1:
            unit = unit_names.get(found[0].unit_id, "")
            text = _text(view, found[0], unit, "zh", today)
        else:  # one line per task, naming its late units
            per_task: dict[tuple[int, date], list[Reminder]] = defaultdict(list)
            for reminder in found:
                per_task[(reminder.task_id, reminder.due)].append(reminder)
            lines = []
            for (task_id, due), late in sorted(per_task.items(), key=lambda kv: (kv[0][1], kv[0][0])):
                task = next(t for t in view.tasks if t.id == task_id)
                names = "、".join(unit_names.get(r.unit_id, "") for r in late)
                mark = say("zh", "late_prefix") if all(r.late for r in late) and not all(r.late for r in found) else ""
                lines.append(
                    mark + say("zh", "digest_escalate", number=view.name(task), title=task.title, due=due, units=names)
                )
            units = len({r.unit_id for r in found})
            text = _head(found) + say("zh", "digest_escalate_head", count=len(per_task), units=units)
            text += "\n" + "\n".join(lines)
        enqueue(
            session, text=text, recipients=chats, kind="reminder", audience="escalations:" + ",".join(map(str, ids))
        )


def calendar_of(session: Session) -> WorkCalendar:
    """The workday calendar with the office's entries."""
    return WorkCalendar.load(session)


def docket_leader_chats(session: Session, unit_ids: list[int]) -> list[tuple[str, str]]:
    """The private chats of a unit's leaders (分管领导) who have talked to Duban, for the stored ids of all its
    printed names (a leader named for 农委 leads 市农委)."""
    found = []
    for role in (role for i in unit_ids for role in docket.leaders(session, i)):
        person = session.exec(
            select(Member).where(Member.platform == role.platform, Member.user_id == role.user_id)
        ).first()
        if person is not None and person.chat_id:
            found.append((person.platform, person.chat_id))
    return list(dict.fromkeys(found))


def _queue_leader_copies(
    session: Session,
    view: PlanView,
    items: list[Reminder],
    unit_names: dict[int, str],
    today: date,
    calendar: WorkCalendar,
) -> None:
    """A late part not closed long after its 催办: copied to the unit's leaders (分管领导), one message each."""
    for reminder in items:
        task = view.by_id(reminder.task_id)
        unit = unit_names.get(reminder.unit_id, "")
        chats = docket_leader_chats(session, view.organ_ids.get(unit) or [reminder.unit_id])
        if task is None or not chats:
            continue
        days = calendar.workdays_between(reminder.due, today)
        text = say(
            "zh", "reminder_leader", unit=unit, name=view.label(task), title=task.title, due=reminder.due, days=days
        )
        enqueue(session, text=text, recipients=chats, kind="reminder", audience=f"leader:{reminder.key}")


WAITING = ("pending", "unheard")  # unheard: due when its unit had nobody bound; sent once someone joins


def dispatch_due(ctx: Context, now: datetime | None = None) -> int:
    """Queue every reminder whose time has come, once: the newest of each overdue group, late-marked
    when it is long past; a unit's reminders due at one time go out as one message. How many were queued."""
    view = ctx.store.view()
    if view is None:
        return 0
    now = now or ctx.now()
    policy = Policy.from_settings(ctx.settings)
    if policy.quiet_now(now):
        return 0
    queued = 0
    with ctx.store.session() as session:
        due = session.exec(
            select(Reminder)
            .where(col(Reminder.status).in_(WAITING), col(Reminder.send_at) <= now)
            .order_by(col(Reminder.send_at))
        ).all()
        groups: dict[tuple[int, int, date, str], list[Reminder]] = defaultdict(list)
        for reminder in due:
            own = reminder.kind if reminder.kind in ("escalate", "leader") else ""  # each its own line of chasing
            groups[(reminder.task_id, reminder.unit_id, reminder.due, own)].append(reminder)
        done = _done(session, view)
    unit_names = {i: n for n, ids in view.organ_ids.items() for i in ids} | {i: n for n, i in view.unit_ids.items()}
    live = {t.id for t in view.tasks}
    today = now.astimezone(policy.zone).date()
    # One transaction: each reminder's pending → sent step and its queueing commit together, so two
    # processes racing for one reminder queue it once (the loser's compare-and-set matches no row).
    with ctx.store.session() as session:
        admins = [
            (a.platform, a.chat_id) for a in members.admins(session, ctx.settings.configured_admins()) if a.chat_id
        ]
        per_unit: dict[str, list[Reminder]] = defaultdict(list)
        escalations: list[Reminder] = []
        copies: list[Reminder] = []
        heard: dict[str, bool] = {}  # whether anyone is bound to a unit (a person or a group chat)
        for group in groups.values():
            *older, newest = group
            for stale in older:  # missed while down: only the newest of them still matters
                _set(session, stale.id, status="skipped")
            if (newest.task_id, view.unit_id_of(newest.unit_id)) in done:
                _set(session, newest.id, status="done")
                continue
            late = now - newest.send_at > LATE_AFTER
            unit = unit_names.get(newest.unit_id, "")
            if newest.kind not in ("escalate", "leader") and newest.task_id in live:
                if unit not in heard:
                    heard[unit] = bool(recipients(view, session, [unit]))
                if not heard[unit]:  # nobody to tell: kept (无人接收) for the first one who joins
                    if newest.status != "unheard":
                        _set(session, newest.id, status="unheard")
                    continue
            if newest.task_id not in live or not _set(session, newest.id, status="sent", sent_at=utcnow(), late=late):
                continue  # another process sent it
            newest.late = late
            if newest.kind == "escalate":
                escalations.append(newest)
            elif newest.kind == "leader":
                copies.append(newest)
            else:
                per_unit[unit].append(newest)
            queued += 1
        for unit, items in per_unit.items():
            _queue_for_unit(session, view, unit, items, today)
        if escalations:
            _queue_escalations(session, view, escalations, unit_names, admins, today)
        if copies:
            _queue_leader_copies(session, view, copies, unit_names, today, calendar_of(session))
    return queued


def snooze_digest(ctx: Context, broadcast_id: int, now: datetime | None = None) -> datetime | None:
    """稍后提醒 under a digest: each of its reminders again at the next working day's reminder time."""
    with ctx.store.session() as session:
        broadcast = session.get(Broadcast, broadcast_id)
        audience = broadcast.audience if broadcast is not None else ""
    if not audience.startswith("reminders:"):
        return None
    when = None
    for reminder_id in audience.removeprefix("reminders:").split(","):
        when = snooze(ctx, int(reminder_id), now) or when
    return when


def _set(session: Session, reminder_id: int | None, **values: object) -> bool:
    """Compare-and-set a reminder still waiting (pending, or kept for a unit nobody had joined); whether
    this session won it."""
    result = session.execute(
        update(Reminder).where(col(Reminder.id) == reminder_id, col(Reminder.status).in_(WAITING)).values(**values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def snooze(ctx: Context, reminder_id: int, now: datetime | None = None) -> datetime | None:
    """Remind again at the next working day's reminder time; when, or None for an unknown reminder."""
    now = now or ctx.now()
    policy = Policy.from_settings(ctx.settings)
    with ctx.store.session() as session:
        original = session.get(Reminder, reminder_id)
        if original is None:
            return None
        calendar = WorkCalendar.load(session)
        day = calendar.add_workdays(now.astimezone(policy.zone).date(), 1)
        send_at = policy.when(day)
        insert_missing(
            session,
            [
                {
                    "key": f"{original.key}:later:{day.isoformat()}",
                    "task_id": original.task_id,
                    "unit_id": original.unit_id,
                    "due": original.due,
                    "kind": f"later:{original.id}",
                    "send_at": send_at,
                    "status": "pending",
                    "late": False,
                }
            ],
        )
        return send_at


async def tick(ctx: Context, now: datetime | None = None, *, plan: bool = True) -> int:
    """One round: plan, queue what is due, and let the sender deliver. How many reminders were queued."""
    if plan:
        plan_reminders(ctx, now)
    return dispatch_due(ctx, now)


def chase_now(ctx: Context, number: int, units: list[str] | None = None) -> list[str]:
    """The office's "chase now" on a task: a chaser to each owing unit that has not finished it (or to the
    named ones), queued at once whatever the hour, with the usual report buttons. The units chased."""
    view = ctx.store.view()
    task = view.task(number) if view else None
    if view is None or task is None or task.id is None:
        return []
    now = ctx.now()
    today = now.date()
    due = view.due(task) or today
    with ctx.store.session() as session:
        done = _done(session, view)
        owing = [unit for unit, _, _ in owing_units(task, view)]
        chosen = [u for u in owing if (not units or u in units) and (task.id, view.unit_ids.get(u, 0)) not in done]
        for unit in chosen:
            reminder = Reminder(
                key=f"{task.id}:{view.unit_ids[unit]}:{due.isoformat()}:chase:office:{now.isoformat()}",
                task_id=task.id,
                unit_id=view.unit_ids[unit],
                due=due,
                kind="chase:office",
                send_at=now,
                status="sent",
                sent_at=utcnow(),
            )
            session.add(reminder)
            session.flush()
            _queue_for_unit(session, view, unit, [reminder], today)
    if chosen and ctx.wake_sender is not None:
        ctx.wake_sender()
    return chosen
