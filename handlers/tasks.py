"""Asking about the plan: my tasks, one task, a unit's tasks, a keyword, what is due soon."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from core.context import Context
from core.messages import Incoming, Reply
from core.store import PlanView
from core.texts import say
from handlers import docket, progress
from handlers.common import asker, echo, examples, lang, paged, task_line, unit_task_lines, view_and_unit, view_or_reply
from plan import model
from plan.deadlines import number as numeral
from plan.text import without_format

SPANS = ("this_week", "next_week", "this_month", "next_month", "year_end")  # named ranges; else days
DUE_DAYS = 30
TASK_BODY_CHARS = 1500


async def my_tasks(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """The tasks of the asker's unit (or the group's), lead and responsible, collective ones marked."""
    lg = lg or lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    return [_unit_listing(view, unit.name, "my", page, lg, edit=page > 1 or bool(msg.callback))]


def _unit_listing(view: PlanView, unit: str, key: str, page: int, lg: str, *, edit: bool = False) -> Reply:
    """A unit's tasks as a page; made once per plan view (a Reply is immutable; 我的任务 is the most
    frequent message of all)."""
    memo = ("listing", unit, key, str(page), lg, str(edit))
    if memo not in view.memo:
        view.memo[memo] = _listing(view, unit, key, page, lg, edit=edit)
    return view.memo[memo]  # type: ignore[return-value]


def _listing(view: PlanView, unit: str, key: str, page: int, lg: str, *, edit: bool = False) -> Reply:
    found = view.unit_tasks(unit)
    if not found:
        return Reply(say(lg, "unit_no_tasks", unit=unit))
    header = say(lg, "my_tasks_header" if key == "my" else "unit_tasks_header", unit=unit, count=len(found))
    return paged(header, unit_task_lines(unit, view, lg), key, page, lg, edit=edit)


async def unit_tasks(msg: Incoming, ctx: Context, arg: str, page: int = 1) -> list[Reply]:
    """The tasks of a unit named in the message (统计局有什么任务)."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    match = view.resolver.resolve(arg)
    if match.unit is None:
        if match.candidates:
            lines = [say(lg, "unit_ambiguous", name=echo(arg)), *match.candidates]
            return [Reply("\n".join(lines))]
        return [Reply(say(lg, "unit_not_found", name=echo(arg)))]
    return [_unit_listing(view, match.unit, f"u{view.unit_ids[match.unit]}", page, lg)]


def _detail(task: model.Task, view: PlanView, lg: str) -> str:
    none = say(lg, "nobody")
    lines = [say(lg, "task_title", number=view.name(task), title=task.title)]
    if task.section:
        lines.append(say(lg, "task_section", section=task.section))
    lines.append(say(lg, "task_lead", units="、".join(task.lead) or none))
    lines.append(say(lg, "task_responsible", units="、".join(task.responsible) or none))
    if task.cooperating:
        lines.append(say(lg, "task_cooperating", units="、".join(task.cooperating)))
    schedule = view.schedule(task)
    dated = [i for i in schedule if i.kind != "default"]
    if dated:
        items = "；".join(f"{i.text}（{i.due.isoformat()}）" if i.due else i.text for i in dated)
        lines.append(say(lg, "task_deadlines", items=items))
    default = next((i for i in schedule if i.kind == "default" and i.due), None)
    if default is not None and default.due is not None:
        lines.append(say(lg, "task_default_due", date=default.due.isoformat()))
    if task.targets:
        lines.append(say(lg, "task_targets", items="；".join(t.text for t in task.targets)))
    if task.body:
        body = task.body if len(task.body) <= TASK_BODY_CHARS else task.body[:TASK_BODY_CHARS] + "…"
        lines += ["", body]
    if task.original:  # a traditional-character plan: the task as the document wrote it
        original = task.original if len(task.original) <= TASK_BODY_CHARS else task.original[:TASK_BODY_CHARS] + "…"
        lines += ["", say(lg, "task_original", text=original)]
    return "\n".join(lines)


async def task_detail(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """One task in full; 第15条谁牵头 answers the question first."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    number = numeral(arg) if arg else 0
    task = view.task(number)
    if task is None:
        return docket.no_task(msg, ctx, view, number, lg)
    text = _detail(task, view, lg)
    number = view.name(task)  # type: ignore[assignment]
    asked = without_format(msg.text)
    if any(w in asked for w in ("谁牵头", "牵头单位是", "who leads", "lead")):
        text = say(lg, "who_leads", number=number, units="、".join(task.lead) or say(lg, "nobody")) + "\n\n" + text
    elif any(w in asked for w in ("谁负责", "责任单位是", "who is responsible")):
        units = "、".join(task.responsible) or say(lg, "nobody")
        text = say(lg, "who_responsible", number=number, units=units) + "\n\n" + text
    return [Reply(text)]


async def who_leads(msg: Incoming, ctx: Context, task: int | None, keyword: str | None) -> list[Reply]:
    """第15条谁牵头, or 行政复议的任务是谁负责: the lead (or responsible) units first, then the task."""
    if task is not None:
        return await task_detail(msg, ctx, str(task))
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    keyword = (keyword or "").strip()
    if not keyword:
        return [Reply(say(lg, "who_leads_what", **examples(ctx)))]
    found = search_tasks(view, keyword)
    if not found:
        return [Reply(say(lg, "search_none", keyword=echo(keyword)))]
    if len(found) == 1:
        return (
            await task_detail(msg, ctx, str(found[0].number))
            if not view.several
            else [Reply(_detail(found[0], view, lg))]
        )
    none = say(lg, "nobody")
    lines = [
        say(lg, "who_leads_line", number=view.name(t), title=t.title, units="、".join(t.lead or t.responsible) or none)
        for t in found
    ]
    header = say(lg, "who_leads_header", keyword=keyword, count=len(found))
    return [paged(header, lines, f"w{keyword}", 1, lg)]


def search_tasks(view: PlanView, keyword: str) -> list[model.Task]:
    """Tasks whose title, body or units mention a keyword."""
    keyword = keyword.strip()
    return [
        t for t in view.tasks if keyword and (keyword in t.title or keyword in t.body or keyword in "".join(t.units))
    ]


async def search(msg: Incoming, ctx: Context, arg: str, page: int = 1, lg: str | None = None) -> list[Reply]:
    """Tasks by keyword (行政复议, 培训)."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lg or lang(msg)
    keyword = arg.strip()[:20]
    found = search_tasks(view, keyword)
    closed = [t for t in view.closed if keyword and (keyword in t.title or keyword in t.body)]  # 归档: still found
    if not found and not closed:
        return [Reply(say(lg, "search_none", keyword=echo(keyword)))]
    header = say(lg, "search_header", keyword=keyword, count=len(found) + len(closed))
    lines = [task_line(t, view, lg) for t in found] + [
        say(lg, "task_title", number=model.TaskName(t.source, t.printed), title=t.title) + say(lg, "closed_mark")
        for t in closed
    ]
    return [paged(header, lines, f"s{keyword}", page, lg, edit=bool(msg.callback))]


def span_of(today: date, span: str) -> tuple[date, date]:
    """The first and last day of a time range someone named (本周, 下周, 本月, 下个月, 年底前): 下周 is
    next Monday to Sunday, not today onwards; 30 days from today when none was named."""
    if span == "this_week":
        return today, today + timedelta(days=6 - today.weekday())
    if span == "next_week":
        monday = today + timedelta(days=7 - today.weekday())
        return monday, monday + timedelta(days=6)
    if span == "this_month":
        return today, date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if span == "next_month":
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if span == "year_end":
        return today, date(today.year, 12, 31)
    return today, today + timedelta(days=DUE_DAYS)


async def due_soon(msg: Incoming, ctx: Context, arg: str = "", page: int = 1, lg: str | None = None) -> list[Reply]:
    """Tasks with a dated deadline within a range (30 days unless one is named): the asker's unit's,
    or all when unbound."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lg or lang(msg)
    today = ctx.now().date()
    start, end = span_of(today, arg)
    unit = asker(msg, ctx).speaking_for
    tasks = [u.task for u in view.unit_tasks(unit.name)] if unit else view.tasks
    due = []
    for task in tasks:
        dates = [d for item in view.schedule(task) for d in item.checkpoints]
        upcoming = [d for d in dates if start <= d <= end]
        if upcoming:
            due.append((min(upcoming), task))
    span = say(lg, f"span_{arg}" if arg in SPANS else "span_days", days=(end - today).days)
    if not due:
        late = progress.late_count(ctx, view, unit.name) if unit else 0
        return [Reply(say(lg, "due_none_but_late", span=span, late=late) if late else say(lg, "due_none", span=span))]
    due.sort(key=lambda pair: (pair[0], pair[1].number))
    header = (
        say(lg, "due_header_unit", unit=unit.name, span=span, count=len(due))
        if unit
        else say(lg, "due_header", span=span, count=len(due))
    )
    lines = [task_line(t, view, lg) for _, t in due]
    return [paged(header, lines, f"due{arg}", page, lg, edit=bool(msg.callback))]


async def list_units(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """The plan's units, for someone looking for their unit's name."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    return [paged(say(lg, "units_header"), view.units, "units", 1, lg)]


async def page(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """A ◀ ▶ button: the same listing at another page, replacing the message."""
    lg, _, rest = arg.partition(":")
    key, _, number = rest.rpartition(":")
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    n = int(number) if number.isdigit() else 1
    if key == "my":
        return await my_tasks(msg, ctx, page=n, lg=lg)
    if key.startswith("u") and key[1:].isdigit():
        unit = next((u for u, i in view.unit_ids.items() if i == int(key[1:])), None)
        if unit:
            return [_unit_listing(view, unit, key, n, lg, edit=True)]
    if key.startswith("s"):
        return await search(msg, ctx, key[1:], page=n, lg=lg)
    if key.startswith("due"):  # due, or duenext_week: the range named stays on every page
        return await due_soon(msg, ctx, key[3:], page=n, lg=lg)
    if key == "units":
        return [paged(say(lg, "units_header"), view.units, "units", n, lg, edit=True)]
    if key == "myrep":
        return await progress.my_reports(msg, ctx, page=n, lg=lg)
    if key.startswith("tl"):
        return await progress.timeline(msg, ctx, key[2:], page=n, lg=lg)
    if key == "lead":
        return await progress.leading(msg, ctx, page=n, lg=lg)
    if key == "overview":
        return await progress.overview(msg, ctx, page=n, lg=lg)
    if key in ("late", "open"):
        return await progress.unfinished(msg, ctx, key, page=n, lg=lg)
    return [Reply(say(lg, "expired"), notice=say(lg, "expired"))]
