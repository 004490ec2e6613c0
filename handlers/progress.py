"""Seeing progress: a unit's reports, a task's timeline, a lead unit's view, the office's overview
and ledger (台账)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from core.context import Context
from core.messages import Incoming, Reply
from core.store import PlanView
from core.texts import say
from handlers import docket
from handlers.common import asker, echo, examples, lang, paged, task_line, view_and_unit, view_or_reply
from ledger.standing import Standing, owing_units, standings
from plan import model
from plan.deadlines import number as numeral
from storage import reports
from storage.reports import STATUSES, ReportView

MISSING_NAMES = 30  # units named in "not reported yet"; past this, counted
PREVIEW_CHARS = 200  # of a report's text in a list; the timeline shows it whole


def _reports(ctx: Context, view: PlanView) -> list[ReportView]:
    with ctx.store.session() as session:
        return view.with_units(reports.reports_of_plan(session, view.plan_ids))  # 农委's report is 市农委's


def report_line(
    report: ReportView, lg: str, zone: ZoneInfo, *, whole: bool = False, view: PlanView | None = None
) -> str:
    """One report in a list, its time in the plan's zone (DUBAN_TIMEZONE), whatever the server's clock."""
    text = report.text if whole or len(report.text) <= PREVIEW_CHARS else report.text[:PREVIEW_CHARS] + "…"
    if report.figure is not None:
        text = f"{text}（{report.figure:g}{report.figure_unit or ''}）"
    if report.evidence_name:
        text = f"{text} 📎{report.evidence_name}"
    return say(
        lg,
        "report_line",
        number=view.name(task) if view is not None and (task := view.by_id(report.task_id)) else report.task_number,
        status=say(lg, f"status_{report.state}"),
        date=report.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        unit=report.unit,
        person=report.person,
        text=text or say(lg, "report_empty"),
    )


async def my_reports(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """我的汇报: the newest report of the asker's unit on each task."""
    lg = lg or lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    mine = [r for r in reports.latest(_reports(ctx, view)).values() if r.unit == unit.name]
    if not mine:
        return [Reply(say(lg, "my_reports_none", unit=unit.name))]
    mine.sort(
        key=lambda r: (
            (view.by_id(r.task_id).source_id or 0, r.task_number) if view.by_id(r.task_id) else (0, r.task_number)
        )
    )
    header = say(lg, "my_reports_header", unit=unit.name, count=len(mine))
    return [
        paged(
            header,
            [report_line(r, lg, ZoneInfo(ctx.settings.timezone), view=view) for r in mine],
            "myrep",
            page,
            lg,
            edit=bool(msg.callback),
        )
    ]


async def timeline(msg: Incoming, ctx: Context, arg: str, page: int = 1, lg: str | None = None) -> list[Reply]:
    """/progress 15: every report on a task, oldest first. Admins and the task's lead units see all
    units' reports; other units see their own."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lg or lang(msg)
    number = numeral(arg) if arg else 0
    task = view.task(number)
    if task is None or task.id is None:
        return docket.no_task(msg, ctx, view, number, lg)
    who = asker(msg, ctx)
    number = view.name(task)  # type: ignore[assignment]
    with ctx.store.session() as session:
        found = view.with_units(reports.task_reports(session, task.id))
    unit = who.speaking_for
    sees_all = who.is_admin or (unit is not None and unit.name in task.lead)
    if not sees_all and unit is None:
        return [Reply(say(lg, "progress_unbound", number=number))]
    if not sees_all:
        hidden = bool(found)
        found = [r for r in found if r.unit == unit.name]
        if not found and hidden:
            lead = "、".join(task.lead) or say(lg, "nobody")
            return [Reply(say(lg, "progress_own_none", number=number, unit=unit.name, lead=lead))]
    # Who owes a report and has none, for those who see every unit's (第5条谁还没报).
    missing = _not_reported(task, view, found, lg) if sees_all else ""
    if not found:
        return [Reply("\n".join(filter(None, [say(lg, "progress_none", number=number), missing])))]
    header = say(lg, "progress_header", number=number, title=task.title, count=len(found))
    lines = [missing] if missing else []  # on the first page, before the reports
    lines += [report_line(r, lg, ZoneInfo(ctx.settings.timezone), whole=True, view=view) for r in found]
    return [paged(header, lines, f"tl{task.number}", page, lg, edit=bool(msg.callback))]


def _not_reported(task: model.Task, view: PlanView, found: list[ReportView], lg: str) -> str:
    """The units that owe a report on a task and have given none, named up to a bound."""
    reported = {r.unit for r in found}
    missing = [unit for unit, _, _ in owing_units(task, view) if unit not in reported]
    if not missing:
        return ""
    shown = "、".join(missing[:MISSING_NAMES]) + ("…" if len(missing) > MISSING_NAMES else "")
    return say(lg, "progress_missing", count=len(missing), units=shown)


async def leading(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """牵头任务进展: for each task the asker's unit leads, where each owing unit stands."""
    lg = lg or lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    led = [t for t in view.tasks if unit.name in t.lead]
    if not led:
        return [Reply(say(lg, "leading_none", unit=unit.name))]
    rows = standings(view, _reports(ctx, view), ctx.now().date())
    lines: list[str] = []
    for task in led:
        lines.append(f"【{say(lg, 'task_title', number=view.name(task), title=task.title)}】")
        for row in (r for r in rows if r.task.id == task.id):
            status = say(lg, f"status_{row.report.state}") if row.report else say(lg, "not_reported")
            if row.late:
                status += say(lg, "late_mark")
            lines.append(say(lg, "leading_unit_line", unit=row.unit, status=status))
    return [paged(say(lg, "leading_header", unit=unit.name), lines, "lead", page, lg, edit=bool(msg.callback))]


async def unfinished(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """逾期任务 (arg "late") and 还有哪些没完成: the asker's unit's tasks not reported 已完成, past
    their deadline or all of them with the late ones marked. Unbound, an admin sees every task some unit
    is late on, with those units."""
    lg = lg or lang(msg)
    late_only = arg == "late"
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    who = asker(msg, ctx)
    unit = who.speaking_for
    rows = standings(view, _reports(ctx, view), ctx.now().date())
    if unit is None:
        if not who.is_admin:
            return [Reply(say(lg, "unbound_group" if msg.is_group else "unbound", **examples(ctx)))]
        return [_late_by_task(view, rows, page, lg, edit=bool(msg.callback))]
    owed: dict[int, bool] = {}  # task id -> late, over the unit's own rows (one per task)
    for row in rows:
        if row.unit == unit.name and (row.report is None or row.report.state != "done"):
            owed[row.task.id or 0] = row.late
    late = [n for n, is_late in owed.items() if is_late]
    if late_only and not late:
        key = "late_none_unit_open" if owed else "late_none_unit"
        return [Reply(say(lg, key, unit=unit.name, count=len(owed)))]
    if not owed:
        return [Reply(say(lg, "open_none_unit", unit=unit.name))]
    shown = late if late_only else sorted(owed, key=lambda n: not owed[n])  # the late ones first
    lines = [
        task_line(task, view, lg, say(lg, "late_mark") if owed[n] and not late_only else "")
        for n in shown
        if (task := view.by_id(n)) is not None
    ]
    first = view.by_id(shown[0])
    lines.append(say(lg, "open_hint", number=first.ref if first and view.several else first.number if first else ""))
    header = (
        say(lg, "late_header_unit", unit=unit.name, count=len(shown))
        if late_only
        else say(lg, "open_header_unit", unit=unit.name, count=len(shown), late=len(late))
    )
    return [paged(header, lines, "late" if late_only else "open", page, lg, edit=bool(msg.callback))]


def _late_by_task(view: PlanView, rows: list[Standing], page: int, lg: str, *, edit: bool) -> Reply:
    """For the office: each task some unit is late on, and those units."""
    by_task: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row.late:
            by_task[row.task.id or 0].append(row.unit)
    if not by_task:
        return Reply(say(lg, "late_none_all"))
    lines = []
    for task_id, units in by_task.items():
        task = view.by_id(task_id)
        if task is not None:
            lines.append(task_line(task, view, lg))
            lines.append(say(lg, "late_task_units", units="、".join(units)))
    return paged(say(lg, "late_header_all", count=len(by_task)), lines, "late", page, lg, edit=edit)


def late_count(ctx: Context, view: PlanView, unit: str) -> int:
    """How many of a unit's tasks are past their deadline and not reported 已完成."""
    rows = standings(view, _reports(ctx, view), ctx.now().date())
    return len({r.task.id for r in rows if r.unit == unit and r.late})


async def overview(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """/overview: for admins, per task and per unit, reported, not reported, late; for anyone else,
    how their own unit stands (整体进度 and 完成率 are everyone's questions)."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lg or lang(msg)
    today = ctx.now().date()
    who = asker(msg, ctx)
    rows = standings(view, _reports(ctx, view), today)
    if arg.strip():  # 统计局报了没有: one unit's standing, for the office or the unit itself
        match = view.resolver.resolve(arg)
        if match.unit is None or view.kind(match.unit) == "collective":
            return [Reply(say(lg, "unit_not_found", name=echo(arg)))]
        own = who.speaking_for is not None and who.speaking_for.name == match.unit
        if not (who.is_admin or own):
            return [Reply(say(lg, "standing_others", unit=match.unit))]
        return [_unit_standing(view, rows, match.unit, lg)]
    if not who.is_admin:
        if who.speaking_for is None:
            return [Reply(say(lg, "unbound_group" if msg.is_group else "unbound", **examples(ctx)))]
        return [_unit_standing(view, rows, who.speaking_for.name, lg)]
    by_task: dict[int, list] = defaultdict(list)
    by_unit: dict[str, list] = defaultdict(list)
    for row in rows:
        by_task[row.task.id or 0].append(row)
        by_unit[row.unit].append(row)
    reported = sum(1 for r in rows if r.report)
    header = say(
        lg,
        "overview_header",
        date=today.isoformat(),
        tasks=len(view.tasks),
        expected=len(rows),
        reported=reported,
        missing=len(rows) - reported,
        late=sum(r.late for r in rows),
    )
    # Units first, the most late on top: the office chases units (哪些单位还没汇报); then task by task.
    lines = [say(lg, "overview_units")]
    for unit, items in sorted(by_unit.items(), key=lambda pair: -sum(r.late for r in pair[1])):
        lines.append(
            say(
                lg,
                "overview_unit",
                unit=unit,
                reported=sum(1 for r in items if r.report),
                expected=len(items),
                late=sum(r.late for r in items),
            )
        )
    lines.append(say(lg, "overview_tasks"))
    for items in by_task.values():
        lines.append(
            say(
                lg,
                "overview_task",
                number=view.name(items[0].task),
                reported=sum(1 for r in items if r.report),
                expected=len(items),
                late=sum(r.late for r in items),
            )
        )
    return [paged(header, lines, "overview", page, lg, edit=bool(msg.callback))]


def _unit_standing(view: PlanView, rows: list[Standing], unit: str, lg: str) -> Reply:
    """One unit's tasks by the status of its newest report, and how many are late."""
    own = {row.task.id: row for row in rows if row.unit == unit}
    if not own:
        return Reply(say(lg, "standing_none", unit=unit))
    statuses = Counter(row.report.state if row.report else "missing" for row in own.values())
    counts = say(lg, "list_sep").join(
        say(lg, "standing_count", label=say(lg, f"status_{key}"), count=statuses[key])
        for key in (*STATUSES, "returned", "missing")
        if statuses[key]
    )
    late = sum(row.late for row in own.values())
    rate = round(100 * statuses["done"] / len(own))
    return Reply(say(lg, "standing_unit", unit=unit, total=len(own), rate=rate, counts=counts, late=late))


async def send_ledger(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/ledger (admins): the ledger workbook and its chart, sent as files."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"))]
    from ledger.export import write_ledger_apart

    stamp = ctx.now().strftime("%Y%m%d-%H%M%S")
    out = Path(ctx.settings.data_dir) / "ledgers" / f"台账-{stamp}.xlsx"
    from schedules.workdays import WorkCalendar

    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    # A second of CPU and more: in a worker process, so the chats' event loop keeps the GIL it needs.
    written = await ctx.lanes.in_process(write_ledger_apart, ctx.settings, out, ctx.now().date(), calendar.is_workday)
    chart = written.chart.name if written.chart else "—"
    text = say(lg, "ledger_ready", name=written.workbook.name, rows=written.rows, chart=chart)
    replies = [Reply(text, file=written.workbook)]
    if written.chart is not None:
        replies.append(Reply(written.chart.name, file=written.chart))
    return replies
