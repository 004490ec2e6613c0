"""The console's docket (督办事项): every live source with its parts, states and lights; the office's
review in batches (办结, or 退回 with a reason); a 交办单 made from a form; a misread task corrected."""

from __future__ import annotations

from collections import Counter
from datetime import date
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlmodel import select

from bot.desk.errors import row_id
from bot.desk.guard import CTX
from bot.desk.render import back, page, who
from core.context import Context
from handlers.office import parse_date
from ledger.lights import STATE_WORDS, SYMBOLS, light
from ledger.standing import Standing, standings
from schedules import assignments, review
from schedules.workdays import WorkCalendar
from storage import docket, trace
from storage.plans import all_plans
from storage.reports import newest_of_plan

ROLES = ("lead", "responsible", "cooperating")
SHOWN = 200  # parts listed on the page at most (the late first, then the nearest); filters narrow it
ORDER = {"pending": 0, "returned": 1, "blocked": 2, "missing": 3, "not_started": 3, "in_progress": 3, "closed": 9}


def _rows(ctx: Context) -> tuple[list[Standing], dict[str, int]]:
    """Every part's standing, kept with the docket in memory until a report or a decision is added, a
    day passes or the docket changes: reloading the page costs nothing new."""
    view = ctx.store.view()
    if view is None:
        raise web.HTTPNotFound(text="尚未导入计划")
    today = ctx.now().date()
    with ctx.store.session() as session:
        mark = docket.review_mark(session)
        key = ("docket_rows", today.isoformat(), repr(mark))
        if key not in view.memo:
            for old in [k for k in list(view.memo) if k[0] == "docket_rows"]:
                view.memo.pop(old, None)
            view.memo[key] = standings(view, newest_of_plan(session, view.plan_ids), today)
    return view.memo[key], view.unit_ids  # type: ignore[return-value]


async def docket_page(request: web.Request) -> web.Response:
    """The docket across sources: each owing unit's part with its state and light; the parts awaiting
    review can be closed or sent back together."""
    ctx = request.app[CTX]
    rows, unit_ids = _rows(ctx)
    view = ctx.store.view()
    assert view is not None
    q = request.query
    source, state = q.get("source", ""), q.get("state", "")
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
        sources = all_plans(session)
    today = ctx.now().date()
    yellow = ctx.settings.light_yellow_workdays
    chosen = [r for r in rows if (not source or r.task.source == source) and (not state or r.state == state)]
    chosen.sort(key=lambda r: (not r.late, ORDER.get(r.state, 5), r.due or today))
    lines = []
    for row in chosen[:SHOWN]:
        colour = light(row, today, yellow, calendar.is_workday, ZoneInfo(ctx.settings.timezone))
        lines.append(
            {
                "row": row,
                "name": view.label(row.task),
                "state": STATE_WORDS[row.state],
                "light": SYMBOLS[colour],
                "colour": colour,
                "key": f"{row.task.id}:{unit_ids.get(row.unit, 0)}",
            }
        )
    tally = Counter(r.state for r in rows)
    counts = {word: tally[key] for key, word in STATE_WORDS.items()}
    return page(
        request,
        "docket.html",
        lines=lines,
        more=max(0, len(chosen) - SHOWN),
        sources=sources,
        live={s.id for s in view.sources},
        counts=counts,
        units=[u for u in view.units if view.kind(u) != "collective"],
        source=source,
        state=state,
        states=STATE_WORDS,
    )


async def review_batch(request: web.Request) -> web.StreamResponse:
    """办结 or 退回 (with one reason) for the parts ticked: each unit is told."""
    ctx = request.app[CTX]
    form = await request.post()
    keys = [str(k) for k in form.getall("part", [])]
    approve = str(form.get("decision", "")) == "approve"
    reason = str(form.get("reason", "")).strip()[:500]
    if not keys:
        raise back(request, "/desk/docket?state=pending", "请先勾选要审核的事项。")
    if not approve and not reason:
        raise back(request, "/desk/docket?state=pending", "退回须写明原因，单位会收到它。")
    done = 0
    for key in keys:
        task, _, unit = key.partition(":")
        if task.isdigit() and unit.isdigit():
            decided = review.decide(
                ctx, int(task), int(unit), approve=approve, reason=reason, actor=who(request), via="web"
            )
            done += decided is not None
    verb = "办结" if approve else "退回"
    raise back(
        request,
        "/desk/docket?state=pending",
        f"已{verb}{done}项。" + ("" if done == len(keys) else "其余的已不在待审核。"),
    )


def _units(ctx: Context, form: object) -> tuple[list[tuple[str, str]], list[str]]:
    view = ctx.store.view()
    units: list[tuple[str, str]] = []
    unknown: list[str] = []
    for role in ROLES:
        for name in str(form.get(role, "")).replace("，", "、").replace(",", "、").split("、"):  # type: ignore[attr-defined]
            if not name.strip():
                continue
            match = view.office_unit(name.strip()) if view else None
            if match is None or match.unit is None:
                unknown.append(name.strip())
            else:
                units.append((match.unit, role))
    return units, unknown


async def assign(request: web.Request) -> web.StreamResponse:
    """A 交办单 from the form: its units are told at once."""
    ctx = request.app[CTX]
    form = await request.post()
    text = str(form.get("text", "")).strip()[:2000]
    units, unknown = _units(ctx, form)
    due_text = str(form.get("due", "")).strip()
    due = parse_date(due_text) if due_text else None
    if not text or not units or unknown or (due_text and due is None):
        problem = (
            f"这些单位不在台账中：{'、'.join(unknown)}" if unknown else "请填写内容、至少一个单位，时限如 2026-12-31。"
        )
        raise back(request, "/desk/docket", problem)
    done = assignments.hand_down(
        ctx,
        text=text,
        units=units,
        due=due,
        actor=who(request),
        via="web",
        person=str(form.get("person", "")).strip()[:40],
    )
    missing = f"；尚无人加入：{'、'.join(done.unjoined)}" if done.unjoined else ""
    raise back(
        request, "/desk/docket", f"已交办{done.item.doc_number}（{done.name}），已通知{done.told}个聊天{missing}。"
    )


async def correction_page(request: web.Request) -> web.Response:
    """A task's text, units and roles, and deadline, to correct what was misread."""
    ctx = request.app[CTX]
    view = ctx.store.view()
    task = view.by_id(row_id(request.match_info["id"])) if view else None
    if view is None or task is None:
        raise web.HTTPNotFound(text="没有这项任务")
    due = view.due(task)
    return page(request, "correct.html", task=task, name=view.label(task), due=due.isoformat() if due else "")


async def correct(request: web.Request) -> web.StreamResponse:
    """Save the office's corrections: kept over a revised import, each in the trace."""
    ctx = request.app[CTX]
    view = ctx.store.view()
    task_id = row_id(request.match_info["id"])
    task = view.by_id(task_id) if view else None
    if view is None or task is None:
        raise web.HTTPNotFound(text="没有这项任务")
    form = await request.post()
    units, unknown = _units(ctx, form)
    if unknown:
        raise back(request, f"/desk/docket/task/{task_id}", f"这些单位不在台账中：{'、'.join(unknown)}")
    changes: dict[str, object] = {}
    for field in ("title", "body"):
        value = str(form.get(field, "")).strip()
        if value and value != getattr(task, field):
            changes[field] = value[:5000]
    for role in ROLES:
        named = [u for u, r in units if r == role]
        if named != getattr(task, role):
            changes[role] = named
    due_text = str(form.get("due", "")).strip()
    due = parse_date(due_text) if due_text else None
    with ctx.store.session() as session:
        for field, value in changes.items():
            docket.correct_task(session, task_id=task_id, field=field, value=value, by=who(request))
        detail = "；".join(f"{k}：{'、'.join(v) if isinstance(v, list) else v}" for k, v in changes.items())
        if changes:
            trace.record(
                session, actor=who(request), via="web", action="correct", detail=f"{view.label(task)}：{detail}"[:2000]
            )
    if due is not None and due != view.due(task):
        _set_due(ctx, task_id, due)
        with ctx.store.session() as session:
            trace.record(
                session,
                actor=who(request),
                via="web",
                action="deadline",
                detail=f"{view.label(task)}：{due.isoformat()}",
            )
    ctx.store.refresh()
    raise back(request, f"/desk/docket/task/{task_id}", "已保存更正；重新导入计划时保留。")


def _set_due(ctx: Context, task_id: int, due: date) -> None:
    from storage.models import DeadlineOverride, utcnow

    with ctx.store.session() as session:
        row = session.exec(
            select(DeadlineOverride).where(DeadlineOverride.task_id == task_id, DeadlineOverride.kind == "due")
        ).first()
        if row is None:
            session.add(DeadlineOverride(task_id=task_id, kind="due", value=due))
        else:
            row.value, row.set_at = due, utcnow()
