"""The console's 通报 page: the figures of a period (the same as the bulletin's), the drafts with their
files, and the office's two actions: make the bulletin of a period, issue a draft to the units."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from bot.desk.guard import CTX
from bot.desk.render import back, page, who
from core.texts import say
from ledger.bulletin import COLUMNS, cell
from ledger.figures import behind_first
from ledger.issue import figures_for
from ledger.periods import PeriodError, parse_period
from schedules.bulletins import BulletinIssued, draft, drafts, issue
from schedules.workdays import WorkCalendar


async def bulletin_page(request: web.Request) -> web.Response:
    """/desk/bulletin?period=上月: the period's figures, its late items, the drafts."""
    ctx = request.app[CTX]
    asked = request.query.get("period", "").strip() or "本月"
    now = ctx.now()
    error = None
    try:
        period = parse_period(asked, now.date())
    except PeriodError:
        error, period = say("zh", "bulletin_bad_period", text=asked), parse_period("本月", now.date())
    if ctx.store.view() is None:
        raise web.HTTPNotFound(text="尚未导入计划：运行 duban import 文件，或在“计划”页上传。")

    def compute() -> object:
        with ctx.store.session() as session:
            calendar = WorkCalendar.load(session)
        return figures_for(ctx.store, ctx.settings, period, now=now, calendar=calendar)

    result = compute()
    columns = [(say("zh", key), attribute) for key, attribute in COLUMNS]
    return page(
        request,
        "bulletin.html",
        asked=asked,
        error=error,
        period=period,
        result=result,
        columns=columns,
        cell=cell,
        sources=sorted(result.by_source),  # type: ignore[attr-defined]
        units=behind_first(result.by_unit),  # type: ignore[attr-defined]
        drafts=drafts(ctx),
    )


async def make(request: web.Request) -> web.StreamResponse:
    """Make (or remake, while not issued) the bulletin of the period in the form."""
    ctx = request.app[CTX]
    form = await request.post()
    asked = str(form.get("period", "")).strip() or "本月"
    try:
        period = parse_period(asked, ctx.now().date())
    except PeriodError:
        raise back(request, "/desk/bulletin", say("zh", "bulletin_bad_period", text=asked)) from None
    try:
        made = draft(ctx, period, by=who(request), via="web")
    except BulletinIssued:
        raise back(
            request, f"/desk/bulletin?period={quote(asked)}", f"{period.label()}的通报已印发，不再重新生成。"
        ) from None
    raise back(
        request,
        f"/desk/bulletin?period={quote(asked)}",
        f"已生成{period.label()}督办通报（{made.number}），请审核后印发。",
    )


async def issue_draft(request: web.Request) -> web.StreamResponse:
    """Issue a draft: each unit is told its own figures, once."""
    ctx = request.app[CTX]
    key = request.match_info["key"]
    queued = issue(ctx, key, by=who(request), via="web")
    if queued is None:
        raise back(request, "/desk/bulletin", "没有这份草稿，或已印发。")
    raise back(request, "/desk/bulletin", f"已印发，{queued}个会话将收到各自单位的情况。")


async def draft_file(request: web.Request) -> web.StreamResponse:
    """A draft's .docx."""
    ctx = request.app[CTX]
    key = request.match_info["key"]
    found = next((d for d in drafts(ctx) if d.key == key), None)
    if found is None or not found.file.exists():
        raise web.HTTPNotFound(text="没有这份通报。")
    return web.Response(
        body=found.file.read_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.file.name)}"},
    )
