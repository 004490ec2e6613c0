"""The console's pages (GET): overview, task, units, people, broadcasts, plan, charts, trace, ledger."""

from __future__ import annotations

import tempfile
import threading
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from aiohttp import web
from markupsafe import Markup, escape
from sqlmodel import col, func, select

from bot.desk.delivered import DELIVERED, reminder_delivery
from bot.desk.errors import UPLOAD_LIMIT, row_id
from bot.desk.guard import CTX, session_of
from bot.desk.render import ROLE_NAMES, STATE_NAMES, page
from bot.desk.sessions import open_sessions
from core.context import Context
from core.store import PlanView
from ledger.export import write_ledger_apart
from ledger.overview import STATES, Filters, Overview, completion, overview, state_of, weekly
from ledger.standing import Standing, standings
from schedules.outbox import counts
from storage import trace
from storage.aliases import taught
from storage.models import Broadcast, ChatBinding, Delivery, Member, Reminder, Report, Unit
from storage.reports import newest_of_plan, reports_of_plan, task_reports


def _zone(ctx: Context) -> ZoneInfo:
    """The office's time zone: its days decide what is late and in which week a report falls."""
    return ZoneInfo(ctx.settings.timezone)


def _view(request: web.Request) -> PlanView:
    view = request.app[CTX].store.view()
    if view is None:
        raise web.HTTPNotFound(text="尚未导入计划：运行 duban import 文件，或在“计划”页上传。")
    return view


class Overviews:
    """The overview as last computed, per filter, while no report came in and the plan view is the same
    (reports are never overwritten: a new one has a higher id). A city's plan takes a few hundred ms to
    compute; every office member's next look, and the next page, then costs a query."""

    KEPT = 32

    def __init__(self) -> None:
        self.found: dict[tuple[object, ...], tuple[PlanView, Overview]] = {}
        self.lock = threading.Lock()

    def get(self, ctx: Context, view: PlanView, today: date, filters: Filters) -> Overview:
        with ctx.store.session() as session:
            mark = session.exec(select(func.max(Report.id), func.count(col(Report.id)))).one()
        key = (id(view), view.plan_id, tuple(mark), today, filters)
        with self.lock:
            kept = self.found.get(key)
        if kept is not None and kept[0] is view:
            return kept[1]
        with ctx.store.session() as session:
            history = newest_of_plan(session, view.plan_ids)
        found = overview(view, history, today, _zone(ctx), filters)
        with self.lock:
            if len(self.found) >= self.KEPT:
                self.found.pop(next(iter(self.found)))
            self.found[key] = (view, found)  # the view is kept with it, so its id names no other view
        return found


OVERVIEWS = web.AppKey("overviews", Overviews)
CHART_UNITS = 60  # units the completion chart draws: the furthest behind
PAGE_ROWS = 50  # tasks a page of the overview shows
ROW_CHIPS = 12  # units a row shows by name: those needing action first; the rest are counted
BEHIND_ROWS = 15  # units the overview ranks as behind


async def home(request: web.Request) -> web.Response:
    """The overview: tasks needing action first, a page at a time, each owing unit's state; the units
    behind; filters and labeled counts."""
    ctx = request.app[CTX]
    view = ctx.store.view()
    if view is None:
        return await plan_page(request)
    q = request.query
    filters = Filters(
        section=q.get("section", "")[:200],
        unit=q.get("unit", "")[:200],
        state=q.get("state", "") if q.get("state", "") in STATES else "",
        text=q.get("text", "")[:50],
    )
    today = ctx.now().date()
    found = request.app[OVERVIEWS].get(ctx, view, today, filters)
    pages = max(1, -(-len(found.lines) // PAGE_ROWS))
    number = q.get("page", "1")
    at = min(int(number), pages) if number.isascii() and number.isdigit() and 0 < len(number) < 6 else 1
    at = max(at, 1)
    shown = found.lines[(at - 1) * PAGE_ROWS : at * PAGE_ROWS]
    made: dict[tuple[object, ...], str] = {}
    return page(
        request,
        "overview.html",
        ov=found,
        lines=shown,
        at=at,
        pages=pages,
        first=(at - 1) * PAGE_ROWS + 1,
        behind=found.units[:BEHIND_ROWS],
        chips={line.task.number: chips(line.cells[:ROW_CHIPS], view, made) for line in shown},
        rest={line.task.number: rest(line.cells[ROW_CHIPS:]) for line in shown},
        filters=filters,
        states=STATES,
        sections=list(dict.fromkeys(t.section for t in view.tasks if t.section)),
        units=[u for u in view.units if view.kind(u) != "collective"],
        unit_ids=view.unit_ids,
        today=today,
    )


def rest(cells: list[tuple[Standing, tuple[str, ...]]]) -> str:
    """The units of a row past those named, counted by state: 另 23 个单位：已完成 20、推进中 3."""
    if not cells:
        return ""
    tally = Counter(state for _, states in cells for state in states)
    parts = "、".join(f"{STATE_NAMES[s]} {tally[s]}" for s in STATES if tally[s])
    return f"另 {len(cells)} 个单位：{parts}"


def chips(
    cells: list[tuple[Standing, tuple[str, ...]]], view: PlanView, made: dict[tuple[object, ...], str] | None = None
) -> Markup:
    """A task's owing units as coloured links, each saying every fact of its cell (遇到困难·逾期). Names are
    escaped here; a large plan has 10,000s of these, so they are joined as strings (the same chip recurs:
    `made` keeps each one once)."""
    made = {} if made is None else made
    parts = []
    for row, states in cells:
        key = (row.unit, row.role, row.via or "", states)
        chip = made.get(key)
        if chip is None:
            via = f"（{escape(row.via)}）" if row.via else ""
            star = "★" if row.role == "lead" else ""
            extra = "".join(f" {s}" for s in states[1:])
            said = "".join(f"·{STATE_NAMES[s]}" for s in states[1:])
            chip = made[key] = (
                f'<a class="chip s-{states[0]}{extra}" href="/desk/unit/{view.unit_ids.get(row.unit, 0)}" '
                f'title="{ROLE_NAMES[row.role]}{via} · {" · ".join(STATE_NAMES[s] for s in states)}">'
                f"{escape(row.unit)}{star}{said}</a>"
            )
        parts.append(chip)
    return Markup("".join(parts))


def _number(request: web.Request) -> int:
    return row_id(request.match_info["number"])


async def task_page(request: web.Request) -> web.Response:
    """One task: text, units and their states, deadlines, reports with attachments, reminders, actions."""
    ctx = request.app[CTX]
    view = _view(request)
    task = view.task(_number(request))
    if task is None or task.id is None:
        raise web.HTTPNotFound(text="没有这项任务")
    today = ctx.now().date()
    with ctx.store.session() as session:
        timeline = view.with_units(task_reports(session, task.id))  # a report filed under 农委 is 市农委's
        files = {
            r.id
            for r in session.exec(
                select(Report).where(Report.task_id == task.id, col(Report.evidence_path).is_not(None))
            ).all()
        }
        reminders = session.exec(
            select(Reminder).where(Reminder.task_id == task.id).order_by(col(Reminder.send_at).desc()).limit(100)
        ).all()
        actions = trace.recent(session, 50, about=f"任务{task.number}：")  # 任务1： is not 任务15：
        delivery = reminder_delivery(session, reminders)
    rows = standings(view, timeline, today, [task])  # the task's own reports: its newest per unit
    return page(
        request,
        "task.html",
        task=task,
        task_name=view.label(task),  # 第15条, or 法治第15条 in a docket
        cells=[(r, state_of(r, _zone(ctx))) for r in rows],
        cooperating=task.cooperating,
        schedule=view.schedule(task),
        overrides=view.overrides.get(task.id, {}),
        reports=list(reversed(timeline)),
        files=files,
        reminders=reminders,
        delivery=delivery,
        delivered=DELIVERED,
        unit_names={i: n for n, ids in view.organ_ids.items() for i in ids} | {i: n for n, i in view.unit_ids.items()},
        unit_ids=view.unit_ids,
        actions=actions,
    )


async def evidence(request: web.Request) -> web.StreamResponse:
    """A report's attachment, from Duban's own copy."""
    ctx = request.app[CTX]
    text = request.match_info["report"]
    with ctx.store.session() as session:
        report = session.get(Report, row_id(text))
        path = Path(report.evidence_path) if report and report.evidence_path else None
        name = (report.evidence_name if report else None) or (path.name if path else "")
    kept = Path(ctx.settings.data_dir).resolve()
    if path is None or not path.is_file() or not path.resolve().is_relative_to(kept):
        raise web.HTTPNotFound(text="附件不在本机")  # only Duban's own copies under its data folder are served
    response = web.FileResponse(path)
    response.headers["Content-Disposition"] = _attachment(name)
    return response


def _attachment(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"


async def units_page(request: web.Request) -> web.Response:
    """The plan's units and collectives with their aliases, editable."""
    ctx = request.app[CTX]
    view = _view(request)
    with ctx.store.session() as session:
        people = dict(
            session.exec(
                select(Member.unit_id, func.count()).where(col(Member.unit_id).is_not(None)).group_by(Member.unit_id)
            ).all()
        )
        added = taught(session)
    rows = []
    for name in view.units:
        entry = ctx.store.directory.units.get(name)
        collective = ctx.store.directory.collectives.get(name)
        kind = view.kind(name)
        rows.append(
            {
                "id": view.unit_ids[name],
                "name": name,
                "kind": kind,
                "members": view.members(name) if kind == "collective" else [],
                "people": sum(people.get(i, 0) for i in view.organ_ids.get(name) or [view.unit_ids[name]]),
                "tasks": len(view.unit_tasks(name)),
                "printed": [n for n, unit in view.organ.items() if unit == name and n != name],  # 农委 for 市农委
                "file_aliases": (entry.aliases if entry else []) + (collective.aliases if collective else []),
                "taught": added.get(name, []),
            }
        )
    return page(request, "units.html", units=rows)


async def unit_page(request: web.Request) -> web.Response:
    """One unit: its people and groups, its tasks with states and latest reports."""
    ctx = request.app[CTX]
    view = _view(request)
    text = request.match_info["unit"]
    name = next((n for n, i in view.unit_ids.items() if str(i) == text), None)
    if name is None:
        raise web.HTTPNotFound(text="没有这个单位")
    with ctx.store.session() as session:
        ids = view.organ_ids.get(name) or [view.unit_ids[name]]  # bound under any printed name of the organ
        people = session.exec(select(Member).where(col(Member.unit_id).in_(ids))).all()
        groups = session.exec(select(ChatBinding).where(col(ChatBinding.unit_id).in_(ids))).all()
        history = newest_of_plan(session, view.plan_ids)
    today = ctx.now().date()
    kind = view.kind(name)
    members = view.members(name) if kind == "collective" else []
    mine = [u.task for u in view.unit_tasks(name)]
    rows = [r for r in standings(view, history, today, mine) if r.unit == name or r.via == name]
    cooperating = [u.task for u in view.unit_tasks(name) if all(role == "cooperating" for role, _ in u.roles)]
    return page(
        request,
        "unit.html",
        unit=name,
        members=members,
        people=people,
        groups=groups,
        rows=[(r, state_of(r, _zone(ctx))) for r in rows],
        cooperating=cooperating,
    )


async def people_page(request: web.Request, invite: dict[str, str] | None = None) -> web.Response:
    """Binding requests to approve, invite codes, who is bound."""
    ctx = request.app[CTX]
    view = _view(request)
    with ctx.store.session() as session:
        units = {u.id: view.unit_of(u.name) for u in session.exec(select(Unit)).all()}  # 农委's people: 市农委
        waiting = session.exec(select(Member).where(col(Member.pending_unit_id).is_not(None))).all()
        bound = session.exec(select(Member).where(col(Member.unit_id).is_not(None)).order_by(col(Member.unit_id))).all()
    return page(
        request,
        "people.html",
        requests=[(p, units.get(p.pending_unit_id, "?")) for p in waiting],
        bound=[
            (p, units.get(p.unit_id, "?"), ctx.settings.names_admin(p.platform, p.user_id) or p.is_admin) for p in bound
        ],
        units=[u for u in view.units if view.kind(u) != "collective"],
        invite=invite,
        sessions=open_sessions(ctx.store.engine, session_of(request).identity),
    )


def _recent_broadcasts(request: web.Request) -> list[tuple[Broadcast, object]]:
    ctx = request.app[CTX]
    with ctx.store.session() as session:
        found = session.exec(
            select(Broadcast).where(Broadcast.kind == "broadcast").order_by(col(Broadcast.id).desc()).limit(10)
        ).all()
        return [(b, counts(session, b.id or 0)) for b in found]


async def broadcast_page(request: web.Request, **values: object) -> web.Response:
    """The composer, and the latest broadcasts."""
    view = _view(request)
    defaults: dict[str, object] = {"choice": "units", "chosen": [], "text": "", "preview": None}
    return page(
        request,
        "broadcast.html",
        **{**defaults, **values},
        units=view.units,
        recent=_recent_broadcasts(request),
    )


async def delivery_page(request: web.Request) -> web.Response:
    """One broadcast: its delivery, updated while it goes out."""
    ctx = request.app[CTX]
    text = request.match_info["id"]
    with ctx.store.session() as session:
        item = session.get(Broadcast, row_id(text))
        if item is None:
            raise web.HTTPNotFound(text="没有这次群发")
        # Counts first: SQLite reads each SELECT apart, so a copy sent between the two reads would leave the table
        # saying 发送中 under a line that says nothing is pending, and the page would never reload it.
        found = counts(session, item.id or 0)
        deliveries = session.exec(select(Delivery).where(Delivery.broadcast_id == item.id).limit(1000)).all()
    return page(
        request, "delivery.html", b=item, c=found, deliveries=deliveries, sender_here=ctx.wake_sender is not None
    )


async def delivery_counts(request: web.Request) -> web.Response:
    """Delivered, pending and failed copies, for the page's progress bar."""
    ctx = request.app[CTX]
    text = request.match_info["id"]
    with ctx.store.session() as session:
        found = counts(session, row_id(text))
    return web.json_response({"sent": found.sent, "pending": found.pending, "failed": found.failed})


async def plan_page(request: web.Request, **values: object) -> web.Response:
    """Upload a plan; the parsed preview and the difference from the stored plan come back here."""
    view = request.app[CTX].store.view()
    defaults: dict[str, object] = {
        "error": None,
        "parsed": None,
        "diff": None,
        "units": [],
        "upload": "",
        "upload_mb": UPLOAD_LIMIT // 1048576,
        "changes": [],
        "new_units": [],
    }
    return page(request, "plan.html", task_count=len(view.tasks) if view else 0, **{**defaults, **values})


async def charts_page(request: web.Request) -> web.Response:
    """Completion by section and by unit, and reports over time, drawn as SVG on the server."""
    ctx = request.app[CTX]
    view = _view(request)
    with ctx.store.session() as session:
        history = reports_of_plan(session, view.plan_ids)
    rows = standings(view, history, ctx.now().date())
    # The units behind first: the office chases from the bottom (the best are the least news).
    by_unit = sorted(completion(rows, "unit"), key=lambda r: (r[1] / r[2] if r[2] else 1, -r[2], r[0]))
    ordered = weekly(history, _zone(ctx))  # by the office's day, not UTC's
    return page(
        request,
        "charts.html",
        by_section=completion(rows, "section"),
        by_unit=by_unit[:CHART_UNITS],
        unit_count=len(by_unit),
        weeks=ordered,
        top=max((c for _, c in ordered), default=0),
    )


async def trace_page(request: web.Request) -> web.Response:
    """Every office action, newest first."""
    with request.app[CTX].store.session() as session:
        actions = trace.recent(session, 500)
    return page(request, "trace.html", actions=actions)


async def ledger_file(request: web.Request) -> web.StreamResponse:
    """The ledger workbook, written fresh."""
    ctx = request.app[CTX]
    folder = Path(tempfile.mkdtemp(prefix="duban-ledger-"))
    out = folder / f"台账-{ctx.now().date().isoformat()}.xlsx"
    from schedules.workdays import WorkCalendar

    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    written = await ctx.lanes.in_process(write_ledger_apart, ctx.settings, out, ctx.now().date(), calendar.is_workday)
    body = written.workbook.read_bytes()
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()
    return web.Response(
        body=body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": _attachment(out.name)},
    )


async def font(request: web.Request) -> web.StreamResponse:
    """Noto Sans SC (SIL OFL) from the font package Duban depends on, for a browser with no CJK font of
    its own; the style sheet names local fonts first, so most browsers never fetch it."""
    from pylopdf_fonts_zh_cn import sans_path

    response = web.FileResponse(sans_path())
    response.headers["Cache-Control"] = "public, max-age=2592000"
    return response
