"""The office's broadcasts: choose the audience, write the message, see a preview, confirm; it goes
out through the outbox. /broadcasts shows delivered, pending and failed counts."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from sqlmodel import col, select

from core.context import Context
from core.flows import flows
from core.messages import Button, Incoming, Reply
from core.store import PlanView
from core.texts import say
from handlers.common import asker, echo, lang, leave_trace, office_view, view_or_reply
from schedules.broadcasts import audience_units, recipients, unreached
from schedules.outbox import counts, enqueue
from storage import dialogs
from storage.models import Broadcast, Dialog

PREVIEW_NAMES = 12


def _key(msg: Incoming) -> tuple[str, str, str]:
    return msg.platform, msg.chat_id, msg.user_id


def _save(ctx: Context, msg: Incoming, state: str, data: dict[str, Any]) -> None:
    with ctx.store.session() as session:
        dialogs.set_dialog(session, *_key(msg), state, data, now=ctx.now())


def _cancel(lg: str) -> Button:
    return Button(say(lg, "cancel"), "bc:x")


async def start(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/broadcast (admins): who gets it? 给统计局发个通知 names the audience, and the text is asked next."""
    lg = lang(msg)
    view, replies = office_view(msg, ctx)
    if view is None:
        return replies
    found = view.resolver.resolve(arg) if arg.strip() else None
    if found is not None and found.unit is not None:
        named = found.unit
        data = {"lang": lg, "choice": "units", "names": [named], "audience": named}
        return _ask_text(msg, ctx, data, view, say(lg, "bc_ask_text_for", audience=named))
    _save(ctx, msg, "bc:audience", {"lang": lg})
    # 给教育局发个通知 where the plan has no 教育局: said so, before who should get it is asked
    absent = say(lg, "unit_not_in_plan", name=echo(arg)) if found is not None and not found.candidates else ""
    return await _ask_audience(msg, ctx, view, lg, absent)


async def _ask_audience(msg: Incoming, ctx: Context, view: PlanView, lg: str, before: str = "") -> list[Reply]:
    collectives = [u for u in view.units if view.kind(u) == "collective" and view.directory.collectives.get(u)]
    rows = [
        [Button(say(lg, "bc_all"), "bc:a:all"), Button(say(lg, "bc_late"), "bc:a:late")],
        *[[Button(name, f"bc:a:u{view.unit_ids[name]}")] for name in collectives],
        [Button(say(lg, "bc_units"), "bc:a:pick"), _cancel(lg)],
    ]
    return [Reply("\n".join(filter(None, [before, say(lg, "bc_pick_audience")])), buttons=Reply.rows(*rows))]


async def cancel(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    """取消 at any step: nothing is sent."""
    with ctx.store.session() as session:
        dialogs.clear_dialog(session, *_key(msg))
    return [Reply(say(dialog.data.get("lang", "zh"), "bc_cancelled"), edit=bool(msg.callback))]


async def _on_audience(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    data = dict(dialog.data)
    lg = data.get("lang", "zh")
    choice = (msg.callback or "").removeprefix("bc:a:")
    if choice == "pick":
        _save(ctx, msg, "bc:units", data)
        return [Reply(say(lg, "bc_ask_units"), buttons=Reply.rows([_cancel(lg)]))]
    if choice.startswith("u"):
        name = next((n for n, i in view.unit_ids.items() if f"u{i}" == choice), "")
        data.update(choice="units", names=[name], audience=name)
    elif choice in ("all", "late"):
        data.update(choice=choice, names=[], audience=say(lg, f"bc_{choice}"))
    elif msg.callback is None and (typed := _typed_audience(msg.text or "", view)) is not None:
        data.update(typed)  # 所有单位, 逾期的, 统计局、财政局: the choice said in words is kept
    else:  # not understood: asked again, what was said before kept
        return await _ask_audience(msg, ctx, view, lg)
    if data.get("text"):  # the audience changed from the preview: the text is kept
        return _preview(msg, ctx, data, view)
    return _ask_text(msg, ctx, data, view, say(lg, "bc_ask_text"))


async def _on_units(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    data = dict(dialog.data)
    lg = data.get("lang", "zh")
    names = [n for n in re.split(r"[、,，;；\s]+", (msg.text or "").strip()) if n]
    with ctx.store.session() as session:
        _, unknown = audience_units(view, session, "units", names, ctx.now().date())
    if unknown or not names:
        return [Reply(say(lg, "bc_unknown_units", names="、".join(unknown) or "—"), buttons=Reply.rows([_cancel(lg)]))]
    data.update(choice="units", names=names, audience="、".join(names))
    if data.get("text"):
        return _preview(msg, ctx, data, view)
    return _ask_text(msg, ctx, data, view, say(lg, "bc_ask_text"))


def _ask_text(msg: Incoming, ctx: Context, data: dict[str, Any], view: PlanView, question: str) -> list[Reply]:
    """The text asked once the audience is known, after naming the units it would not reach; when it
    would reach nobody, that is said now and the conversation ends, before anything is written."""
    lg = data.get("lang", "zh")
    with ctx.store.session() as session:
        units, _ = audience_units(view, session, data["choice"], data["names"], ctx.now().date())
        missed = unreached(view, session, units)
    if units and len(missed) == len(units):
        with ctx.store.session() as session:
            dialogs.clear_dialog(session, *_key(msg))
        return [Reply(say(lg, "bc_nobody_named", units=_names(missed)))]
    _save(ctx, msg, "bc:text", data)
    note = say(lg, "bc_unreached", units=_names(missed)) + "\n" if missed else ""
    return [Reply(note + question, buttons=Reply.rows([_cancel(lg)]))]


def _names(units: list[str]) -> str:
    return "、".join(units[:PREVIEW_NAMES]) + ("…" if len(units) > PREVIEW_NAMES else "")


async def _on_text(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    data = dict(dialog.data)
    lg = data.get("lang", "zh")
    if not (msg.text or "").strip():
        return [Reply(say(lg, "bc_ask_text"))]
    data["text"] = msg.text
    return _preview(msg, ctx, data, view)


def _preview(msg: Incoming, ctx: Context, data: dict[str, Any], view: PlanView) -> list[Reply]:
    """Who gets it and what it says, with 发送, 改内容, 改对象 and 取消."""
    lg = data.get("lang", "zh")
    with ctx.store.session() as session:
        units, _ = audience_units(view, session, data["choice"], data["names"], ctx.now().date())
        people = recipients(view, session, units)
        missed = unreached(view, session, units)
    if not people:  # a dead end: the conversation ends, saying how to reach them, instead of asking again
        with ctx.store.session() as session:
            dialogs.clear_dialog(session, *_key(msg))
        return [Reply(say(lg, "bc_nobody"))]
    _save(ctx, msg, "bc:confirm", data)
    preview = say(lg, "bc_preview", units=len(units), people=len(people), names=_names(units), text=data["text"])
    if missed:
        preview += "\n\n" + say(lg, "bc_unreached", units=_names(missed))
    return [Reply(preview, buttons=_confirm_buttons(lg))]


def _confirm_buttons(lg: str) -> list[list[Button]]:
    edits = [Button(say(lg, "bc_edit_text"), "bc:e:text"), Button(say(lg, "bc_edit_audience"), "bc:e:audience")]
    return Reply.rows([Button(say(lg, "bc_send"), "bc:ok")], edits, [_cancel(lg)])


# 改成：…, 内容改为…: the text rewritten at the preview
_NEW_TEXT = re.compile(
    r"^\s*(?:内容|通知|正文|text)?\s*(?:改成|改为|换成|change to|change it to)\s*[:：]?\s*(?P<text>.+)$", re.S | re.I
)


async def _on_confirm(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    data = dict(dialog.data)
    lg = data.get("lang", "zh")
    if msg.callback == "bc:e:text":
        _save(ctx, msg, "bc:text", data)
        return [Reply(say(lg, "bc_ask_text"), buttons=Reply.rows([_cancel(lg)]))]
    if msg.callback == "bc:e:audience":
        _save(ctx, msg, "bc:audience", data)
        return await _ask_audience(msg, ctx, view, lg)
    rewritten = _NEW_TEXT.match(msg.text or "") if msg.callback is None else None
    if rewritten is not None:
        return _preview(msg, ctx, {**data, "text": rewritten.group("text").strip()}, view)
    if msg.callback != "bc:ok" and not flows().means("confirm", msg.text or ""):
        return [Reply(say(lg, "bc_ask_confirm"), buttons=_confirm_buttons(lg))]
    who = asker(msg, ctx)
    with ctx.store.session() as session:
        if not dialogs.clear_dialog(session, *_key(msg)):
            return [Reply(say(lg, "expired"))]
        units, _ = audience_units(view, session, data["choice"], data["names"], ctx.now().date())
        people = recipients(view, session, units)
        item = enqueue(
            session, text=data["text"], recipients=people, audience=data["audience"], created_by=who.member.id
        )
        item_id = item.id
    leave_trace(msg, ctx, "broadcast", f"群发{item_id} → {data['audience']}（{len(people)} 人）")
    if ctx.wake_sender is not None:
        ctx.wake_sender()
    return [Reply(say(lg, "bc_queued", count=len(people)), edit=bool(msg.callback))]


def _typed_audience(text: str, view: PlanView) -> dict[str, object] | None:
    """The audience typed at the audience step: all, the late ones, or units of the plan by name."""
    lg = "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
    for choice in ("all", "late"):
        if flows().means(f"audience_{choice}", text):
            return {"choice": choice, "names": [], "audience": say(lg, f"bc_{choice}")}
    names = [view.resolver.resolve(n).unit for n in re.split(r"[、,，;；\s]+", text.strip()) if n]
    if not names or None in names:
        return None
    found = [n for n in names if n is not None]
    return {"choice": "units", "names": found, "audience": "、".join(found)}


StepAnswer = Callable[[Incoming, Context, Dialog, PlanView], Awaitable[list[Reply]]]
# The broadcast's steps (declared in core/data/flows.yaml) and what answers each.
ANSWERS: dict[str, StepAnswer] = {
    "audience": _on_audience,
    "units": _on_units,
    "text": _on_text,
    "confirm": _on_confirm,
}


async def proceed(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    """The next step of /broadcast."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    if msg.callback == "bc:x" or flows().means("cancel", msg.text or ""):
        return await cancel(msg, ctx, dialog)
    step = dialog.state.partition(":")[2]
    return await ANSWERS[step](msg, ctx, dialog, view) if step in ANSWERS else []


async def status(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/broadcasts (admins): the latest broadcasts with delivered, pending and failed counts."""
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"))]
    with ctx.store.session() as session:
        latest = session.exec(
            select(Broadcast).where(Broadcast.kind == "broadcast").order_by(col(Broadcast.id).desc()).limit(10)
        ).all()
        lines = []
        for item in latest:
            found = counts(session, item.id or 0)
            lines.append(
                say(
                    lg,
                    "broadcast_line",
                    id=item.id,
                    date=item.created_at.astimezone(ctx.now().tzinfo).strftime("%m-%d %H:%M"),
                    audience=item.audience,
                    sent=found.sent,
                    pending=found.pending,
                    failed=found.failed,
                )
            )
    if not lines:
        return [Reply(say(lg, "broadcasts_none"))]
    return [Reply("\n".join([say(lg, "broadcasts_header"), *lines]))]
