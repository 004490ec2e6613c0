"""The leaders' weekly digest: each person with the leader role (分管领导) on units is sent, on the first
working day of the week from DUBAN_REMIND_AT (or later that week, when Duban was down), one message: the
lights of their units' parts, what turned red in the past week, and what awaits a decision (延期申请,
已完成 awaiting review), with the lights as a chart. Once per week per leader: the claim and the message
are written in one transaction, so a restart or a second process sends nothing twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core.context import Context
from core.store import PlanView
from core.texts import say
from ledger.chart import draw_lights
from ledger.figures import Part
from ledger.lights import part_light
from ledger.parts import docket_parts
from ledger.periods import Period, local_day
from schedules.bulletins import first_claim
from schedules.outbox import enqueue
from schedules.workdays import WorkCalendar
from storage.models import Extension, Member, Unit, UnitRole


def _leaders(ctx: Context, view: PlanView) -> dict[tuple[str, str, str], list[str]]:
    """(platform, user id, chat id) of each leader -> the units they lead (a leader named for 农委 leads
    市农委, the unit of the organ)."""
    with ctx.store.session() as session:
        rows = session.exec(
            select(UnitRole.platform, UnitRole.user_id, Unit.name)
            .join(Unit, col(Unit.id) == col(UnitRole.unit_id))
            .where(UnitRole.role == "leader")
            .order_by(col(UnitRole.id))
        ).all()
        chats = {(m.platform, m.user_id): m.chat_id for m in session.exec(select(Member)).all() if m.chat_id}
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for platform, user_id, unit in rows:
        units = found[(platform, user_id, chats.get((platform, user_id), user_id))]
        if view.unit_of(unit) not in units:
            units.append(view.unit_of(unit))
    return found


def digest_text(
    units: list[str],
    parts: list[Part],
    pending: list[tuple[str, str, str]],
    now: datetime,
    ctx: Context,
    calendar: WorkCalendar,
) -> tuple[str, dict[str, dict[str, int]]]:
    """The message for one leader and the lights of their units."""
    zone = ZoneInfo(ctx.settings.timezone)
    today = local_day(now, zone)
    week = Period.week_of(today)
    lights: dict[str, dict[str, int]] = {u: {"red": 0, "yellow": 0, "green": 0} for u in units}
    turned: list[str] = []
    reviews: list[str] = []
    for part in parts:
        colour = part_light(part, now, zone, ctx.settings.light_yellow_workdays, calendar.is_workday)
        lights[part.unit][colour] += 1
        due = part.due_at(now)
        if colour == "red" and due is not None and today - timedelta(days=7) <= due < today:
            turned.append(
                say(
                    "zh",
                    "leaders_digest_turned_red",
                    item=f"{part.source}{part.item}",
                    title=part.title,
                    unit=part.unit,
                    due=due.isoformat(),
                )
            )
        claim = part.pending_claim(now)
        if claim is not None:
            reviews.append(
                say(
                    "zh",
                    "leaders_digest_review",
                    item=f"{part.source}{part.item}",
                    unit=part.unit,
                    day=local_day(claim, zone).isoformat(),
                )
            )
    lines = [say("zh", "leaders_digest_head", week=week.label(), today=today.isoformat())]
    for unit in units:
        counts = lights[unit]
        lines.append(say("zh", "leaders_digest_unit", unit=unit, **{k: counts[k] for k in ("red", "yellow", "green")}))
    lines.append(say("zh", "leaders_digest_turned_head", count=len(turned)))
    lines += turned[:20] or [say("zh", "leaders_digest_none")]
    decisions = [
        say("zh", "leaders_digest_extension", item=item, unit=unit, day=day) for item, unit, day in pending
    ] + reviews
    lines.append(say("zh", "leaders_digest_decide_head", count=len(decisions)))
    lines += decisions[:20] or [say("zh", "leaders_digest_none")]
    return "\n".join(lines), lights


def weekly_digest(ctx: Context, now: datetime | None = None) -> int:
    """Queue this week's digest to every leader who has not had it; how many were queued."""
    if not ctx.settings.leader_digest:
        return 0
    zone = ZoneInfo(ctx.settings.timezone)
    now = (now or ctx.now()).astimezone(zone)
    today = now.date()
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    week = Period.week_of(today)
    first = week.start if calendar.is_workday(week.start) else calendar.add_workdays(week.start, 1)
    at = time.fromisoformat(ctx.settings.remind_at)
    view = ctx.store.view()
    if view is None or first > week.end or now < datetime.combine(first, at, zone):
        return 0
    leaders = _leaders(ctx, view)
    if not leaders:
        return 0
    with ctx.store.session() as session:
        parts = docket_parts(session, view, zone)
        pending_rows = session.exec(
            select(Extension.task_id, Unit.name, Extension.new_due)
            .join(Unit, col(Unit.id) == col(Extension.unit_id))
            .where(Extension.status == "pending")
        ).all()
    names = {t.id: t for t in view.tasks}
    pending = [
        (f"{names[t].source}第{names[t].printed}条" if t in names else str(t), view.unit_of(unit), new_due.isoformat())
        for t, unit, new_due in pending_rows
    ]
    queued = 0
    for (platform, user_id, chat_id), units in leaders.items():
        own = [p for p in parts if p.unit in units]
        text, lights = digest_text(units, own, [p for p in pending if p[1] in units], now, ctx, calendar)
        chart = Path(ctx.settings.data_dir) / "digests" / f"{week.key()}-{platform}-{user_id}.png"
        with ctx.store.session() as session:
            if not first_claim(session, f"digest:{week.key()}:{platform}:{user_id}"):
                continue
            draw_lights(lights, chart, say("zh", "leaders_digest_chart_title", week=week.label()))
            enqueue(
                session,
                text=text,
                recipients=[(platform, chat_id)],
                kind="notice",
                audience=f"digest:{week.key()}",
                file=chart,
            )
            queued += 1
    if queued and ctx.wake_sender is not None:
        ctx.wake_sender()
    return queued
