"""The console's actions (POST): each checked by the guard's CSRF token, each leaving a trace (留痕)."""

from __future__ import annotations

import secrets
import shutil
import time
from pathlib import Path
from typing import BinaryIO

import segno
from aiohttp import web
from markupsafe import Markup

from bot.desk import sessions
from bot.desk.delivered import chased
from bot.desk.errors import row_id
from bot.desk.guard import CTX, refusal, session_of, start_session, still_admin
from bot.desk.pages import broadcast_page, people_page, plan_page
from bot.desk.plan_diff import changes, new_units
from bot.desk.render import back, leave_trace, who
from bot.desk.stopping import REFUSED, Stopped, finished, stopping, unless_stopping
from bot.desk.worker import on_the_loop
from bot.plan_reading import Limits, read_plan_async
from core.context import Context
from core.signin import use_link
from core.store import PlanView, import_apart
from handlers.bind import settle_request
from handlers.office import parse_date, set_override
from plan.model import Plan
from plan.parser import describe_error
from plan.reader import SUFFIXES, PlanError
from schedules.broadcasts import audience_units, recipients
from schedules.outbox import enqueue, queue_replies
from schedules.reminders import chase_now
from storage import aliases, members, trace
from storage.keyvalue import SharedValues

UPLOAD_SUFFIXES = SUFFIXES  # every kind of file the plan reader takes
MAX_TEXT = 4000


async def login(request: web.Request) -> web.StreamResponse:
    """A one-time link: a session for its holder, then the overview; used or expired links get a refusal."""
    ctx = request.app[CTX]
    holder = use_link(SharedValues(ctx.store.engine), request.match_info["token"])
    if holder is None:
        return refusal(403, "登录链接无效、已使用或已过期（有效期 10 分钟，只能使用一次）。请重新获取。")
    if not still_admin(ctx, holder.member_id):
        return refusal(403, "您不是管理员，无权使用督办台。")
    await start_session(request, holder)
    with ctx.store.session() as session:
        trace.record(session, actor=holder.who, via="web", action="signin", detail="")
    raise web.HTTPSeeOther("/desk/")


async def logout(request: web.Request) -> web.StreamResponse:
    """End the session on the server (its cookie then opens nothing), and say so."""
    with request.app[CTX].store.session() as session:
        leave_trace(request, session, "signout", "退出")
    session_of(request).invalidate()
    raise web.HTTPSeeOther("/desk/signed-out")


async def end_session(request: web.Request) -> web.StreamResponse:
    """An admin ends a console session (a lost laptop, a colleague who left): at once, on the server."""
    ctx = request.app[CTX]
    form = await request.post()
    handle = str(form.get("session", ""))[:64]
    found = [s for s in sessions.open_sessions(ctx.store.engine, session_of(request).identity) if s.handle == handle]
    if not found or not sessions.end_session(ctx.store.engine, handle):
        raise back(request, "/desk/people", "该登录会话已结束。")
    with ctx.store.session() as session:
        leave_trace(request, session, "signout", f"结束 {found[0].who} 的登录会话")
    if found[0].mine:
        session_of(request).invalidate()
        raise web.HTTPSeeOther("/desk/signed-out")
    raise back(request, "/desk/people", f"已结束 {found[0].who} 的登录会话。")


async def signed_out(request: web.Request) -> web.StreamResponse:
    """Where signing out lands: no data, and how to come back."""
    return refusal(
        200, "您已退出督办台。再次使用请重新获取登录链接：在聊天中由管理员发送 /web，或在服务器上运行 duban web-login。"
    )


async def chase(request: web.Request) -> web.StreamResponse:
    """Chase a task's unfinished units now."""
    ctx = request.app[CTX]
    number = row_id(request.match_info["number"])
    form = await request.post()
    unit = str(form.get("unit", ""))
    done = chase_now(ctx, number, [unit] if unit else None)
    view = ctx.store.view()
    if not done or view is None:
        raise back(request, f"/desk/task/{number}", "没有需要催办的单位（均已完成或无人负责）。")
    with ctx.store.session() as session:
        outcome = chased(view, session, done)
        line = outcome.line(sender_here=ctx.wake_sender is not None)
        leave_trace(request, session, "chase", f"任务{number}：{line}")
    raise back(request, f"/desk/task/{number}", f"催办：{line}")


async def correct(request: web.Request) -> web.StreamResponse:
    """Correct a task's deadline, or record its event's date."""
    ctx = request.app[CTX]
    number = row_id(request.match_info["number"])
    kind = "due" if request.match_info["what"] == "deadline" else "event"
    form = await request.post()
    day = parse_date(str(form.get("date", "")))
    if day is None:
        raise back(request, f"/desk/task/{number}", "日期格式不对，请用 2026-12-31。")
    if not set_override(ctx, number, kind, day):
        raise web.HTTPNotFound(text="没有这项任务")
    with ctx.store.session() as session:
        leave_trace(request, session, "deadline" if kind == "due" else "event", f"任务{number}：{day.isoformat()}")
    raise back(request, f"/desk/task/{number}", f"已保存：{day.isoformat()}。")


async def decide(request: web.Request) -> web.StreamResponse:
    """Approve or reject a binding request, as the chat's buttons do; the person is told through the outbox."""
    ctx = request.app[CTX]
    approve = request.match_info["what"] == "approve"
    decision = settle_request(ctx, row_id(request.match_info["id"]), approve=approve)
    if decision is None:
        raise back(request, "/desk/people", "该申请已处理。")
    queue_replies(ctx, [decision.told] if decision.told else [])
    with ctx.store.session() as session:
        leave_trace(request, session, "approve" if approve else "reject", f"{decision.person} → {decision.unit}")
    raise back(request, "/desk/people", f"已{'同意' if approve else '拒绝'}：{decision.person} → {decision.unit}")


async def invite(request: web.Request) -> web.StreamResponse:
    """A one-time invite code for a unit, with its Telegram link and QR code where the bot's name is known."""
    ctx = request.app[CTX]
    form = await request.post()
    name = str(form.get("unit", ""))
    with ctx.store.session() as session:
        unit = members.unit_by_name(session, name)
        if unit is None:
            raise back(request, "/desk/people", "没有这个单位。")
        code = members.make_invite(session, unit, None)
        leave_trace(request, session, "invite", name)
    link = ""
    if "telegram" in ctx.invite_links:
        link = ctx.invite_links["telegram"](code)
    elif ctx.settings.telegram_bot_name:
        link = f"https://t.me/{ctx.settings.telegram_bot_name.lstrip('@')}?start={code}"
    qr = Markup(segno.make(link, error="m").svg_inline(scale=4)) if link else ""
    return await people_page(request, invite={"unit": name, "code": code, "link": link, "qr": qr})


async def _composed(request: web.Request) -> tuple[PlanView | None, str, list[str], str]:
    """The composer's form: the plan, the audience (all, late or units), the units chosen, the text."""
    form = await request.post()
    choice = str(form.get("choice", "units"))
    if choice not in ("all", "late", "units"):
        choice = "units"
    names = [str(n) for n in form.getall("unit", [])]
    if not names and form.get("names"):  # the preview's confirm form carries them joined
        names = [n for n in str(form.get("names")).split("、") if n]
    return request.app[CTX].store.view(), choice, names, str(form.get("text", "")).strip()[:MAX_TEXT]


async def broadcast_preview(request: web.Request) -> web.StreamResponse:
    """The audience a broadcast would reach, before anything is sent."""
    ctx = request.app[CTX]
    view, choice, names, text = await _composed(request)
    if view is None or not text or (choice == "units" and not names):
        return await broadcast_page(request, choice=choice, chosen=names, text=text, flash="请选择单位并填写内容。")
    with ctx.store.session() as session:
        units, _ = audience_units(view, session, choice, names, ctx.now().date())
        people = recipients(view, session, units)
    preview = {"units": units, "people": len(people), "text": text, "choice": choice, "names": "、".join(names)}
    return await broadcast_page(request, choice=choice, chosen=names, text=text, preview=preview)


async def broadcast_send(request: web.Request) -> web.StreamResponse:
    """Queue a previewed broadcast in the outbox and show its delivery."""
    ctx = request.app[CTX]
    view, choice, names, text = await _composed(request)
    if view is None or not text:
        raise back(request, "/desk/broadcast", "内容为空，未发送。")
    with ctx.store.session() as session:
        units, _ = audience_units(view, session, choice, names, ctx.now().date())
        people = recipients(view, session, units)
        if not people:
            raise back(request, "/desk/broadcast", "这些单位尚无人绑定，未发送。")
        audience = {"all": "全部单位", "late": "逾期单位"}.get(choice, "、".join(names))
        item = enqueue(session, text=text, recipients=people, audience=audience)
        leave_trace(request, session, "broadcast", f"群发{item.id} → {audience}（{len(people)} 人，排入待发）")
        broadcast_id = item.id
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    raise web.HTTPSeeOther(f"/desk/broadcast/{broadcast_id}")


UPLOAD_KEPT = 86400  # seconds an unconfirmed upload is kept


def _uploads(ctx: Context) -> Path:
    """Where uploaded plans wait for confirmation; those left unconfirmed for a day are removed."""
    folder = ctx.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.iterdir():
        if old.is_dir() and now - old.stat().st_mtime > UPLOAD_KEPT:
            shutil.rmtree(old, ignore_errors=True)
    return folder


@on_the_loop
async def plan_preview(request: web.Request) -> web.StreamResponse:
    """Parse an uploaded plan and show its tasks, units, warnings and the difference; nothing is stored.
    The file is read by a worker process awaited here; the rest is a unit of work in a thread."""
    ctx = request.app[CTX]
    form = await request.post()
    upload = form.get("file")
    filename = getattr(upload, "filename", "") or ""
    suffix = Path(filename).suffix.lower()
    if upload is None or not hasattr(upload, "file"):
        return await ctx.lanes.off_loop(lambda: plan_page(request, error="请选择文件。"))
    if suffix not in UPLOAD_SUFFIXES:
        error = f"{filename}：只能导入 {'、'.join(UPLOAD_SUFFIXES)} 文件。"
        return await ctx.lanes.off_loop(lambda: plan_page(request, error=error))
    if stopping(request):
        return refusal(503, REFUSED)
    token = secrets.token_urlsafe(12)
    path = await ctx.lanes.in_thread(_keep, ctx, token, _safe_name(filename, suffix), upload.file)
    try:
        read = await unless_stopping(request, read_plan_async(path, Limits.of(ctx.settings)))
    except (PlanError, Stopped) as exc:
        await ctx.lanes.in_thread(shutil.rmtree, path.parent, True)
        if isinstance(exc, Stopped):
            return refusal(503, REFUSED)
        error = describe_error(exc)
        return await ctx.lanes.off_loop(lambda: plan_page(request, error=error))
    return await ctx.lanes.off_loop(lambda: _previewed(request, path, read, token))


def _keep(ctx: Context, token: str, name: str, upload: BinaryIO) -> Path:
    """The uploaded file, kept in a folder of its own until it is confirmed."""
    folder = _uploads(ctx) / token
    folder.mkdir()
    path = folder / name
    path.write_bytes(upload.read())
    return path


async def _previewed(request: web.Request, path: Path, read: Plan, token: str) -> web.StreamResponse:
    """The preview page of a plan read: what importing it would do (computed, then rolled back)."""
    ctx = request.app[CTX]
    try:
        parsed, diff = await ctx.lanes.in_process(import_apart, ctx.settings, path, read, preview=True)
    except PlanError as exc:
        shutil.rmtree(path.parent, ignore_errors=True)
        return await plan_page(request, error=describe_error(exc))
    session_of(request).setdefault("uploads", [])
    session_of(request)["uploads"] = [*session_of(request)["uploads"][-4:], token]
    units = sorted({u for t in parsed.tasks for r in ("lead", "responsible", "cooperating") for u in getattr(t, r)})
    view = ctx.store.view()
    fields = changes(view, parsed, diff.updated) if view and not diff.created else []
    fresh = new_units(view, parsed) if view and not diff.created else []
    return await plan_page(
        request, parsed=parsed, diff=diff, units=units, upload=token, changes=fields, new_units=fresh
    )


def _safe_name(filename: str, suffix: str) -> str:
    """The uploaded file's own name, as a name of one file here: no folders, no control characters, short."""
    stem = "".join(c for c in Path(filename.replace("\\", "/")).stem if c.isprintable() and c not in '/:*?"<>|')
    return (stem.strip(". ")[:80] or "plan") + suffix


def _waiting_upload(ctx: Context, token: str) -> Path | None:
    """The file a preview kept under `token`, if it is still there."""
    folder = _uploads(ctx) / token
    files = list(folder.iterdir()) if folder.is_dir() else []
    return files[0] if files else None


@on_the_loop
async def plan_confirm(request: web.Request) -> web.StreamResponse:
    """Store the previewed plan: read again by a worker process, then imported in one transaction with
    its trace, in another. When Duban stops meanwhile, see bot/desk/stopping.py."""
    ctx = request.app[CTX]
    form = await request.post()
    token = str(form.get("upload", ""))
    if token not in session_of(request).get("uploads", []):
        raise back(request, "/desk/plan", "预览已过期，请重新上传。")
    path = await ctx.lanes.in_thread(_waiting_upload, ctx, token)
    if path is None:
        raise back(request, "/desk/plan", "预览已过期，请重新上传。")
    if stopping(request):
        return refusal(503, REFUSED)
    try:  # a stop meanwhile abandons the reading: nothing is stored
        read = await unless_stopping(request, read_plan_async(path, Limits.of(ctx.settings)))
    except Stopped:
        return refusal(503, REFUSED)
    except PlanError as exc:
        raise back(request, "/desk/plan", describe_error(exc)) from None
    try:  # in a worker process (a city's plan is seconds of CPU), one transaction with its trace; once
        # begun it is finished, a stop meanwhile included
        importing = ctx.lanes.in_process(import_apart, ctx.settings, path, read, actor=who(request))
        result = await finished(importing)
    except PlanError as exc:
        raise back(request, "/desk/plan", describe_error(exc)) from None
    ctx.store.refresh()
    await ctx.lanes.in_thread(shutil.rmtree, path.parent, True)
    verb = "未变化" if result.unchanged else ("已导入" if result.created else "已修订")
    raise back(request, "/desk/", f"{verb}：«{result.title}»，{result.task_count} 项任务。")


async def teach_alias(request: web.Request) -> web.StreamResponse:
    """Teach a name for a unit; refused when it already names another unit of the plan."""
    ctx = request.app[CTX]
    view = ctx.store.view()
    form = await request.post()
    unit, alias = str(form.get("unit", "")), str(form.get("alias", "")).strip()[:40]
    if view is None or unit not in view.unit_ids or not alias:
        raise back(request, "/desk/units", "请填写别名。")
    other = view.resolver.resolve(alias).unit
    if alias in view.unit_ids or (other is not None and other != unit):
        raise back(request, "/desk/units", f"“{alias}”已指向 {other or alias}，未添加。")
    with ctx.store.session() as session:
        if not aliases.teach(session, unit, alias, who(request)):
            raise back(request, "/desk/units", f"“{alias}”已是别名。")
        leave_trace(request, session, "alias", f"{alias} → {unit}")
    ctx.store.refresh()
    raise back(request, "/desk/units", f"已添加别名：{alias} → {unit}")


async def forget_alias(request: web.Request) -> web.StreamResponse:
    """Drop a taught alias."""
    ctx = request.app[CTX]
    form = await request.post()
    unit, alias = str(form.get("unit", "")), str(form.get("alias", ""))
    with ctx.store.session() as session:
        if aliases.forget(session, unit, alias):
            leave_trace(request, session, "unalias", f"{alias} → {unit}")
    ctx.store.refresh()
    raise back(request, "/desk/units", f"已删除别名：{alias}")
