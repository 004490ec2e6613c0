"""An item's life after it is handed down, in the chat: 签收 and 不是我单位的, the office's review of a
unit's 已完成 (办结 / 退回 with a reason), 延期申请 and its decision, 交办 typed by an admin, and the
office's lists (待审核, 未签收). The reasons are asked in declared flows (core/data/flows.yaml)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from sqlmodel import select

from core.context import Context
from core.messages import Button, Incoming, Reply
from core.store import FOCUS, PlanView
from core.texts import say
from handlers.common import asker, echo, lang, office_view, unit_name, view_and_pressed, view_and_unit
from plan.assignment import read_assignment
from plan.deadlines import number as numeral
from plan.text import visible
from schedules import assignments, review
from schedules.outbox import enqueue
from storage import dialogs, docket, trace
from storage.models import Dialog, Unit

BATCH_BUTTONS = 6  # 待审核 items offered with their own buttons; 全部办结 takes them all
_EXTEND = re.compile(
    r"^(?:申请延期|延期申请|申请延长|/extend)\s*(?P<task>\S+?)\s*(?:延至|延期到|延期至|延长到|到|至)\s*"
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*[,，:：;；。]?\s*(?:原因[:：]?)?\s*(?P<reason>.*)$"
)
# request an extension of 交办2号 to 2027-02-01 because of staffing: the same request in English
_EXTEND_EN = re.compile(
    r"^(?:please\s+)?(?:(?:i|we)\s+(?:would\s+like\s+to\s+|want\s+to\s+)?)?(?:apply\s+for|request|ask\s+for|need)"
    r"\s+(?:an?\s+)?extension\s+(?:of|for|on)\s+(?P<task>.+?)\s+(?:to|until|till)\s+"
    r"(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*[,;:.]?\s*(?:(?:because(?:\s+of)?|due\s+to|as|reason:?)\s+)?(?P<reason>.*)$",
    re.IGNORECASE,
)
EXTEND_FORM = re.compile(r"^(?:申请延期|延期申请|申请延长)\s*(.*)$")
EXTEND_FORM_EN = re.compile(
    r"^(?:please\s+)?(?:(?:i|we)\s+(?:would\s+like\s+to\s+|want\s+to\s+)?)?(?:apply\s+for|request|ask\s+for|need)"
    r"\s+(?:an?\s+)?extension\b\s*(.*)$",
    re.IGNORECASE,
)
ASSIGN_FORM = re.compile(r"^(?:交办单?\s*[:：]|/assign\b)\s*(.*)$", re.DOTALL)
PENDING_FORM = re.compile(r"^(?:待审核|待审核的?事项|有哪些待审核的?)()$")
# 签收, 签收交办2号, 我签收了, sign for 交办2号: typed as the button under a 交办 notice is pressed. A task may be
# named (a source's short name, 第, a number, 号/条/项); anything else (签收了吗, 签收情况) is no 签收.
_SIGNED_TASK = r"((?:[^\W\d_]{1,6}?\s*)?(?:第\s*)?[\d零〇一二两三四五六七八九十百]{1,5}\s*(?:号|条|项)?)?"
SIGN_FORMS = (
    re.compile(rf"^(?:我们?|本单位|我单位)?(?:已经?)?(?:确认)?签收了?\s*{_SIGNED_TASK}\s*[。.!！]*$"),
    re.compile(rf"^(?:(?:i|we)\s+)?(?:sign(?:ed)?(?:\s+for)?|acknowledged?)(?:\s+{_SIGNED_TASK})?\s*[.!]*$"),
)

StepAnswer = Callable[[Incoming, Context, Dialog], Awaitable[list[Reply]]]


def _actor(msg: Incoming, ctx: Context) -> str:
    return trace.actor_label(asker(msg, ctx).member)


def _open(msg: Incoming, ctx: Context, state: str, data: dict[str, Any]) -> None:
    with ctx.store.session() as session:
        dialogs.set_dialog(session, msg.platform, msg.chat_id, msg.user_id, state, data, now=ctx.now())


def _close(msg: Incoming, ctx: Context) -> None:
    with ctx.store.session() as session:
        dialogs.clear_dialog(session, msg.platform, msg.chat_id, msg.user_id)


# --- 签收 and 不是我单位的 ---------------------------------------------------------------------------


async def sign(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """签收 under a 交办 notice: the unit acknowledges the item (once; a second press says when)."""
    lg = lang(msg)
    view, part, replies = view_and_pressed(ctx, arg, lg)
    if view is None or part is None:
        return replies
    name = view.label(part.task, lg)
    with ctx.store.session() as session:
        signed = view.by_unit_ids(docket.signoffs(session), docket.newer_signoff)
        done = signed.get((part.task_id, view.unit_id_of(part.unit_id)))  # signed under another name of the organ
        if done is not None and done.status == "signed":
            at = done.at.astimezone(ctx.now().tzinfo).strftime("%m-%d %H:%M")
            text = say(lg, "signed_already", unit=part.unit, name=name, at=at)
            return [Reply(text, notice=text)]
        docket.sign(session, task_id=part.task_id, unit_id=part.unit_id, member_id=asker(msg, ctx).member.id)
    text = say(lg, "signed", unit=part.unit, name=name)
    return [Reply(text, notice=text)]


async def sign_typed(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """签收 typed: the item named, else the asker's unit's one item waiting to be signed for; several are
    asked with the notice's own 签收 buttons, and an item not handed to the unit is said so."""
    lg = lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    own = view.unit_of(unit.name)
    waiting = [(view.by_id(task_id), name) for task_id, name, _ in assignments.unsigned(ctx)]
    mine = [(task, name) for task, name in waiting if task is not None and view.unit_of(name) == own]
    if arg.strip():
        found = view.find(arg)
        focus = FOCUS.get()  # 交办9号: the source named, whose task it must be
        if focus is not None and not any(t.source == focus for t in found):
            found = []
        task = next((t for t in found if _handed(view, t)), found[0] if found else None)
        if task is None:
            return [Reply(say(lg, "sign_no_such", name=echo(arg)))]
        if not _handed(view, task):  # a plan's task: nothing was handed down to sign for
            return [Reply(say(lg, "sign_not_handed", name=view.label(task, lg)))]
        if own not in {view.unit_of(u) for u in (*task.lead, *task.responsible, *task.cooperating)}:
            return [Reply(say(lg, "sign_not_yours", name=view.label(task, lg), unit=own))]
        named = [(t, name) for t, name in mine if t.id == task.id]
        if not named:  # signed already: said when
            return await sign(msg, ctx, f"{task.id}:{view.unit_ids.get(own, unit.id)}")
        mine = named
    if not mine:
        return [Reply(say(lg, "sign_none", unit=own))]
    if len(mine) == 1:
        task, name = mine[0]
        return await sign(msg, ctx, f"{task.id}:{view.unit_ids.get(name, unit.id)}")
    buttons = [
        [Button(view.label(task, lg), f"sign:{task.id}:{view.unit_ids.get(name, unit.id)}")] for task, name in mine
    ]
    return [Reply(say(lg, "sign_which", unit=own, count=len(mine)), buttons=Reply.rows(*buttons))]


def _handed(view: PlanView, task: Any) -> bool:
    source = view.source(task.source_id) if task.source_id is not None else None
    return source is not None and source.kind == "交办"


async def decline(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """不是我单位的: the reason is asked, then the office is told."""
    lg = lang(msg)
    view, part, replies = view_and_pressed(ctx, arg, lg)
    if view is None or part is None:
        return replies
    data = {"task_id": part.task_id, "unit_id": part.unit_id, "unit": part.unit, "lang": lg}
    _open(msg, ctx, "decl:reason", data)
    return [Reply(say(lg, "decline_ask_reason", name=view.label(part.task, lg), unit=part.unit))]


async def _declined(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    data = dialog.data
    lg = data.get("lang", "zh")
    view = ctx.store.view()
    task = view.by_id(data["task_id"]) if view else None
    if not visible(msg.text) or view is None or task is None:
        return [
            Reply(say(lg, "decline_ask_reason", name=view.label(task, lg) if view and task else "", unit=data["unit"]))
        ]
    reason = msg.text.strip()[:500]
    with ctx.store.session() as session:
        dialogs.clear_dialog(session, msg.platform, msg.chat_id, msg.user_id)
        docket.sign(
            session,
            task_id=data["task_id"],
            unit_id=data["unit_id"],
            member_id=asker(msg, ctx).member.id,
            status="declined",
            reason=reason,
        )
        office = review.office_chats(ctx, session)
        text = say("zh", "office_declined", unit=data["unit"], name=view.label(task, lg), reason=reason, ref=task.ref)
        enqueue(session, text=text, recipients=office, kind="notice", audience="declined")
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    return [Reply(say(lg, "declined", name=view.label(task, lg), unit=data["unit"], reason=reason))]


async def reassign(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/reassign 交办12号 OLD NEW (admins): a declined part goes to another unit, which is told."""
    lg = lang(msg)
    view, replies = office_view(msg, ctx)
    if view is None:
        return replies
    parts = arg.split()
    found = view.find(parts[0]) if len(parts) == 3 else []
    old, new = (view.resolver.resolve(p).unit for p in parts[1:]) if len(parts) == 3 else (None, None)
    if len(found) != 1 or old is None or new is None:
        return [Reply(say(lg, "reassign_usage"))]
    task = found[0]
    if not assignments.reassign(ctx, task.id or 0, old, new, actor=_actor(msg, ctx), via=msg.platform):
        return [Reply(say(lg, "reassign_usage"))]
    return [Reply(say(lg, "reassigned", name=view.label(task, lg), old=old, new=new))]


async def not_signed(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/unsigned (admins): items handed down and not signed for, by whom and since when."""
    lg = lang(msg)
    view, replies = office_view(msg, ctx)
    if view is None:
        return replies
    rows = assignments.unsigned(ctx)
    if not rows:
        return [Reply(say(lg, "not_signed_none"))]
    lines = [say(lg, "not_signed_header", count=len(rows))]
    for task_id, unit, since in rows:
        task = view.by_id(task_id)
        if task is not None:
            lines.append(say(lg, "not_signed_line", name=view.label(task, lg), unit=unit, since=since))
    return [Reply("\n".join(lines))]


# --- review: 办结 / 退回 -------------------------------------------------------------------------------


async def review_button(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """办结 / 退回 under a 待审核 notice, or 全部办结 under the list (admins)."""
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"), notice=say(lg, "admin_only"))]
    verb, _, rest = arg.partition(":")
    if verb == "all":
        return await _approve_all(msg, ctx)
    view, part, replies = view_and_pressed(ctx, rest if verb in ("ok", "back") else "", lg)
    if view is None or part is None:
        return replies
    name, unit = view.label(part.task, lg), part.unit
    with ctx.store.session() as session:
        waiting = review.waiting_part(view, session, part.task_id, part.unit_id)
    if waiting is None:
        text = say(lg, "review_not_pending", name=name, unit=unit)
        return [Reply(text, notice=text)]
    if verb == "ok":
        review.decide(
            ctx, part.task_id, part.unit_id, approve=True, reason="", actor=_actor(msg, ctx), via=msg.platform
        )
        text = say(lg, "review_approved", name=name, unit=unit)
        return [Reply(text, notice=say(lg, "state_closed"), edit=True)]  # the notice shows it: never pressed twice
    _open(msg, ctx, "rvr:reason", {"task_id": part.task_id, "unit_id": part.unit_id, "unit": unit, "lang": lg})
    return [Reply(say(lg, "review_reason_ask", unit=unit, name=name))]


async def _returned(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    data = dialog.data
    lg = data.get("lang", "zh")
    view = ctx.store.view()
    task = view.by_id(data["task_id"]) if view else None
    name = view.label(task, lg) if view and task else ""
    if not visible(msg.text):
        return [Reply(say(lg, "review_reason_ask", unit=data["unit"], name=name))]
    reason = msg.text.strip()[:500]
    _close(msg, ctx)
    done = review.decide(
        ctx, data["task_id"], data["unit_id"], approve=False, reason=reason, actor=_actor(msg, ctx), via=msg.platform
    )
    if done is None:
        return [Reply(say(lg, "review_not_pending", name=name, unit=data["unit"]))]
    return [Reply(say(lg, "review_returned", name=name, unit=data["unit"], reason=reason))]


async def pending(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/review, 待审核 (admins): what units reported 已完成 and the office has not decided, and the extension
    requests (延期申请) it has not decided, with buttons."""
    lg = lang(msg)
    view, replies = office_view(msg, ctx)
    if view is None:
        return replies
    waiting = _waiting(ctx, view)
    extensions = _extensions_waiting(ctx, view, lg)
    if not waiting and not extensions:
        return [Reply(say(lg, "review_none"))]
    lines = [say(lg, "review_header", count=len(waiting))] if waiting else []
    buttons: list[list[Button]] = []
    for (task_id, unit_id), (unit, text) in waiting.items():
        task = view.by_id(task_id)
        if task is None:
            continue
        lines.append(say(lg, "review_line", name=view.label(task, lg), unit=unit, text=echo(text or "—")))
        if len(buttons) < BATCH_BUTTONS:
            key = f"{task_id}:{unit_id}"
            label = f"{view.label(task, lg)} {unit}"
            buttons.append(
                [
                    Button(f"{say(lg, 'button_approve')} {label}", f"rv:ok:{key}"),
                    Button(say(lg, "button_return"), f"rv:back:{key}"),
                ]
            )
    if waiting:
        buttons.append([Button(say(lg, "button_approve_all"), "rv:all")])
    if extensions:
        lines.append(say(lg, "review_ext_header", count=len(extensions)))
    for ident, label, line in extensions:
        lines.append(line)
        if len(buttons) < 2 * BATCH_BUTTONS:
            buttons.append(
                [
                    Button(f"{say(lg, 'button_ext_approve')} {label}", f"ext:ok:{ident}"),
                    Button(say(lg, "button_ext_refuse"), f"ext:no:{ident}"),
                ]
            )
    return [Reply("\n".join(lines), buttons=Reply.rows(*buttons))]


def _extensions_waiting(ctx: Context, view: PlanView, lg: str) -> list[tuple[int, str, str]]:
    """(id, button label, line) of every extension request awaiting the office, on live tasks, oldest first."""
    found: list[tuple[int, str, str]] = []
    with ctx.store.session() as session:
        names = {u.id: u.name for u in session.exec(select(Unit)).all()}
        for row in docket.pending_extensions(session):
            task = view.by_id(row.task_id)
            if task is None or row.id is None:
                continue
            unit = view.unit_of(names.get(row.unit_id, "?"))  # a request kept under 农委 is 市农委's
            line = say(
                lg,
                "review_ext_line",
                name=view.label(task, lg),
                unit=unit,
                date=row.new_due.isoformat(),
                reason=echo(row.reason or "—"),
            )
            found.append((row.id, f"{view.label(task, lg)} {unit}", line))
    return found


def _waiting(ctx: Context, view: PlanView) -> dict[tuple[int, int], tuple[str, str]]:
    """(task id, unit id) -> (unit, account) of every part awaiting review, on live tasks."""
    with ctx.store.session() as session:
        states = view.by_unit_ids(docket.part_states(session, view.plan_ids), docket.newer_part)  # one per organ
        found: dict[tuple[int, int], tuple[str, str]] = {}
        names = {u.id: u.name for u in session.exec(select(Unit)).all()}
        for key, state in states.items():
            if state.state == "pending" and view.by_id(key[0]) is not None:
                found[key] = (view.unit_of(names.get(key[1], "?")), state.text)
    return found


async def _approve_all(msg: Incoming, ctx: Context) -> list[Reply]:
    lg = lang(msg)
    view = ctx.store.view()
    if view is None:
        return [Reply(say(lg, "no_plan"))]
    count = 0
    for task_id, unit_id in _waiting(ctx, view):
        if review.decide(ctx, task_id, unit_id, approve=True, reason="", actor=_actor(msg, ctx), via=msg.platform):
            count += 1
    text = say(lg, "review_batch_done", count=count)
    return [Reply(text, notice=text)]


# --- 延期申请 ------------------------------------------------------------------------------------------


async def extend(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """申请延期 第3条 到2026-12-31 原因: a unit asks for a new date before its deadline; the reason is
    asked when it was not given."""
    lg = lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    found = _EXTEND.match(msg.text.strip()) or _EXTEND_EN.match(msg.text.strip())
    if found is None:
        return [Reply(say(lg, "ext_usage"))]
    task = _task_of(msg, ctx, view, found.group("task"))
    new_due = _iso(re.sub(r"[年月/.]", "-", found.group("date")).removesuffix("日"))
    if task is None or new_due is None or unit.name not in task.units:
        return [Reply(say(lg, "ext_usage"))]
    data = {"task_id": task.id, "unit_id": unit.id, "unit": unit.name, "date": new_due.isoformat(), "lang": lg}
    reason = found.group("reason").strip()
    if not reason:
        _open(msg, ctx, "ext:reason", data)
        return [Reply(say(lg, "ext_no_reason", name=view.label(task, lg), date=new_due.isoformat()))]
    return _request(msg, ctx, data, reason)


def _iso(text: str) -> date | None:
    try:
        return date(*(int(x) for x in text.strip().split("-")))
    except (TypeError, ValueError):
        return None


def _task_of(msg: Incoming, ctx: Context, view: PlanView, text: str) -> Any:
    found = view.find(text)
    if len(found) == 1:
        return found[0]
    digits = re.search(r"\d{1,4}|[一二两三四五六七八九十]{1,3}", text)
    return view.task(numeral(digits.group(0))) if digits else None


async def _extension_reason(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    data = dialog.data
    if not visible(msg.text):
        return [Reply(say(data.get("lang", "zh"), "ext_usage"))]
    _close(msg, ctx)
    return _request(msg, ctx, data, msg.text.strip()[:500])


def _request(msg: Incoming, ctx: Context, data: dict[str, Any], reason: str) -> list[Reply]:
    lg = data.get("lang", "zh")
    view = ctx.store.view()
    task = view.by_id(data["task_id"]) if view else None
    if view is None or task is None:
        return [Reply(say(lg, "expired"))]
    new_due = date.fromisoformat(data["date"])
    old = view.due(task, data["unit"])
    today = ctx.now().date()
    if old is not None and old < today:
        return [Reply(say(lg, "ext_late", name=view.label(task, lg), due=old.isoformat()))]
    if old is not None and new_due <= old:
        return [Reply(say(lg, "ext_not_later", date=new_due.isoformat(), due=old.isoformat()))]
    with ctx.store.session() as session:
        row = docket.request_extension(
            session,
            task_id=data["task_id"],
            unit_id=data["unit_id"],
            new_due=new_due,
            reason=reason,
            old_due=old,
            member_id=asker(msg, ctx).member.id,
        )
        extension_id = row.id or 0
    review.tell_office_extension(ctx, extension_id)
    return [Reply(say(lg, "ext_requested", name=view.label(task, lg), date=new_due.isoformat()))]


async def extension_button(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """同意延期 / 不同意 under a request (admins)."""
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"), notice=say(lg, "admin_only"))]
    verb, _, ident = arg.partition(":")
    if verb not in ("ok", "no") or not ident.isdigit():
        return [Reply(say(lg, "expired"), notice=say(lg, "expired"))]
    row = review.decide_extension(ctx, int(ident), approve=verb == "ok", actor=_actor(msg, ctx), via=msg.platform)
    view = ctx.store.view()
    task = view.by_id(row.task_id) if row and view else None
    if row is None or view is None or task is None:
        return [Reply(say(lg, "ext_not_pending"), notice=say(lg, "ext_not_pending"))]
    verdict = say(lg, f"ext_verdict_{row.status}")
    text = say(
        lg,
        "ext_decided_office",
        verdict=verdict,
        unit=view.unit_of(unit_name(ctx, row.unit_id)),  # a request kept under 农委 is 市农委's
        name=view.label(task, lg),
        date=row.new_due.isoformat(),
    )
    return [Reply(text, notice=verdict, edit=True)]


# --- 交办 typed by an admin -----------------------------------------------------------------------------


async def assign(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """交办：内容，牵头单位：…，配合单位：…，时限：… (admins): read, then confirmed with a button."""
    lg = lang(msg)
    view, replies = office_view(msg, ctx)
    if view is None:
        return replies
    read = read_assignment(msg.text, view.resolver, ctx.now().year)
    if read.unknown:
        return [Reply(say(lg, "assign_unknown_units", names="、".join(read.unknown)))]
    if not read.units or not read.text:
        return [Reply(say(lg, "assign_usage"))]
    units = "、".join(f"{u}（{assignments.ROLE_WORDS[r]}）" for u, r in read.units)
    data = {"text": read.text, "units": read.units, "due": read.due.isoformat() if read.due else None, "lang": lg}
    _open(msg, ctx, "asg:confirm", data)
    text = say(lg, "assign_confirm", title=read.text, units=units, due=data["due"] or "—")
    buttons = Reply.rows([Button(say(lg, "button_assign"), "asg:ok"), Button(say(lg, "cancel"), "asg:x")])
    return [Reply(text, buttons=buttons)]


async def _assign_confirmed(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    data = dialog.data
    lg = data.get("lang", "zh")
    _close(msg, ctx)
    if msg.callback != "asg:ok":
        return [Reply(say(lg, "cancelled"), edit=bool(msg.callback))]
    done = assignments.hand_down(
        ctx,
        text=data["text"],
        units=[(u, r) for u, r in data["units"]],
        due=date.fromisoformat(data["due"]) if data.get("due") else None,
        actor=_actor(msg, ctx),
        via=msg.platform,
        created_by=asker(msg, ctx).member.id,
    )
    text = say(
        lg,
        "assign_done",
        doc=done.item.doc_number,
        name=done.name,
        units="、".join(u for u, _ in data["units"]),
        due=data.get("due") or "—",
        count=done.told,
        missing="、".join(done.unjoined) or "—",
    )
    return [Reply(text, edit=True)]


# --- the declared flows' steps (core/data/flows.yaml) -----------------------------------------------------


async def _cancel_or(msg: Incoming, ctx: Context, dialog: Dialog, answer: StepAnswer) -> list[Reply]:
    if (msg.text or "").strip() in ("取消", "/cancel", "cancel", "算了"):
        _close(msg, ctx)
        return [Reply(say(dialog.data.get("lang", "zh"), "cancelled"))]
    return await answer(msg, ctx, dialog)


def _flow(answer: StepAnswer) -> Callable[[Incoming, Context, Dialog], Awaitable[list[Reply]]]:
    async def proceed(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
        return await _cancel_or(msg, ctx, dialog, answer)

    return proceed


FLOWS: dict[str, dict[str, StepAnswer]] = {
    "review_return": {"reason": _returned},
    "decline": {"reason": _declined},
    "extension": {"reason": _extension_reason},
    "assign": {"confirm": _assign_confirmed},
}


def bound(declared: dict[str, Any], make: Callable[..., Any]) -> dict[str, Any]:
    """This module's flows bound as handlers/conversation.py binds every flow: the steps it answers and
    the function that carries them."""
    return {
        name: make(declared[name], frozenset(steps), _flow(next(iter(steps.values()))))
        for name, steps in FLOWS.items()
        if name in declared
    }
