"""Progress reports by conversation: task, status, account, figure, evidence, confirmation.
The state lives in the database (Dialog), so a restart in the middle continues where the user was."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import cn2an

from core.context import Context
from core.flows import flows
from core.messages import Button, Incoming, Reply
from core.store import PlanView
from core.texts import say
from core.understanding import understanding
from handlers import docket
from handlers.common import asker, examples, lang, view_and_unit, view_or_reply
from handlers.docket import button_ref, take_ref
from plan import model
from plan.deadlines import number as numeral
from plan.text import matchable, visible
from schedules import review
from storage import dialogs, reports
from storage.models import Dialog

STATUS_WORDS = {
    "not_started": ("未开始", "没开始", "尚未开始", "还没开始", "还未开始", "没动", "not started", "not yet"),
    "in_progress": (
        "推进中", "进行中", "正在推进", "正在进行", "还在推进", "正在做", "在做", "在推进", "在办",
        "in progress", "ongoing", "working on it",
    ),
    "done": ("已完成", "完成", "已办结", "办结", "做完", "办完", "已落实", "done", "completed", "finished"),
    "blocked": ("遇到困难", "有困难", "受阻", "遇到问题", "有问题", "卡住", "有难度", "blocked", "stuck"),
}  # fmt: skip
_STATUS_TAIL = re.compile(r"(?:了|啦|的|喽|咯)?[。.!！~～]*$")
# 取消 as a whole message with nothing open; 不用了 only there (inside a report it may mean 跳过).
LONE_CANCEL = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(w) for w in (*flows().words['cancel'], '不用了') if not w.startswith('/'))})"
    r"\s*[。.!！]?\s*$()",
    re.IGNORECASE,
)
TASK_BUTTONS = 10

_STATUS_ALTERNATIVES = "|".join(
    re.escape(w) for w in sorted({w for words in STATUS_WORDS.values() for w in words}, key=len, reverse=True)
)
_QUESTION_WORDS = r"吗|呢|么|什么|怎么|如何|哪|谁|是否|与否|[?？]"  # 第5条完成了吗 asks; it does not report
ONE_LINE = re.compile(
    rf"^(?!.*(?:{_QUESTION_WORDS}))(?!.*没有?\s*[。.!！]?\s*$)"  # …, nor does 第5条完成没有
    r"\s*(?:汇报|报告|report)?\s*(?:第|task\s*)?(?P<number>\d{1,4}|[一二两三四五六七八九十百]{1,6})\s*(?:条|项)?"
    r"\s*[,，:：]?\s*(?P<adverb>已经|都已经|都已|都|已|正在|还在|目前|现在|基本|already|now)?\s*"  # 已经完成了
    rf"(?P<status>{_STATUS_ALTERNATIVES})"
    r"(?:了(?![解结])|啦|喽|咯)?"  # 完成了: the 了 is the status's, not the account
    r"(?(adverb)|(?=$|[\s,，:：;；、。.!！]))"  # 第5条完成情况 is no report; 已完成了解情况 is one
    r"\s*[,，:：;；、。.!！]?\s*(?P<account>.*)$",
    re.IGNORECASE | re.DOTALL,
)


# A figure as people type it: 36, 1.5, 1,200 or 1，200 (thousands grouped), -3.
FIGURE = re.compile(r"-?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?!\d)|-?\d+(?:\.\d+)?")


def figure_in(text: str) -> tuple[float, str] | None:
    """The first figure in a text, and the text it was written as; 1,200 is 1200, not 1."""
    found = FIGURE.search(text)
    if found is None:
        return None
    return float(re.sub(r"[,，]", "", found.group(0))), found.group(0)


def status_of(text: str) -> str | None:
    """The status code a word stands for."""
    text = text.strip().lower()
    bare = _STATUS_TAIL.sub("", text)  # 完成了 as 完成
    forms = (text, bare, *(bare.removeprefix(p) for p in ("已经", "都", "已")))  # 已经做完 as 做完
    return next((code for form in forms for code, words in STATUS_WORDS.items() if form in words), None)


def _key(msg: Incoming) -> tuple[str, str, str]:
    return msg.platform, msg.chat_id, msg.user_id


def _cancel_button(lg: str) -> Button:
    return Button(say(lg, "cancel"), "rp:x")


def _save(ctx: Context, msg: Incoming, state: str, data: dict[str, Any]) -> None:
    with ctx.store.session() as session:
        dialogs.set_dialog(session, *_key(msg), state, data, now=ctx.now())


def _account(text: str) -> str:
    """The account as typed, without the white space around it; nothing if nothing in it shows."""
    return text.strip() if visible(text) else ""


def _naming(view: PlanView, task: model.Task) -> list[Any] | None:
    """The task's name kept in the conversation when several sources are live ([营商, 3])."""
    name = view.name(task)
    return [name.source, name.printed, name.numbered] if isinstance(name, model.TaskName) else None


def _named(ctx: Context, data: dict[str, Any]) -> object:
    """How the report's task is named: with its source when several are live."""
    view = ctx.store.view()
    task = view.by_id(data.get("task_id") or 0) if view else None
    return view.name(task) if view and task else data.get("task")


def _unit_tasks_in_order(view: PlanView, unit: str) -> list[model.Task]:
    found = view.unit_tasks(unit)
    return [u.task for u in found if u.direct] + [u.task for u in found if not u.direct]


def _unit_task_numbers(view: PlanView, unit: str) -> list[int]:
    found = view.unit_tasks(unit)
    direct = [u.task.number for u in found if u.direct]
    return direct + [u.task.number for u in found if not u.direct]


async def start(msg: Incoming, ctx: Context, arg: str = "", account: str = "") -> list[Reply]:
    """/report or 汇报进展 [N]: begin a guided report for the asker's unit. An account said with it and
    no status (关于第4条的情况汇报：…) is kept: only the status is asked, then the rest."""
    if ONE_LINE.match(matchable(msg.text)):
        return await one_line(msg, ctx)  # 汇报 第15条 推进中 …: the whole report in one line
    lg = lang(msg)
    view, unit, replies = view_and_unit(msg, ctx, lg)
    if view is None or unit is None:
        return replies
    numbers = _unit_task_numbers(view, unit.name)
    if not numbers:
        return [Reply(say(lg, "report_no_tasks", unit=unit.name))]
    data: dict[str, Any] = {"unit_id": unit.id, "unit": unit.name, "lang": lg}
    if _account(account):
        data["text"] = _account(account)
    digits = re.search(r"\d{1,4}|[一二两三四五六七八九十]{1,3}", arg or "")
    if digits:
        return _choose_task(msg, ctx, data, numeral(digits.group(0)), view)
    _save(ctx, msg, "report:task", data)
    tasks = _unit_tasks_in_order(view, unit.name)[:TASK_BUTTONS]
    buttons = [
        [Button(f"{say(lg, 'task_title', number=view.name(t), title=t.title[:14])}", f"rp:t:{button_ref(view, t)}")]
        for t in tasks
    ]
    return [Reply(say(lg, "report_pick_task"), buttons=Reply.rows(*buttons, [_cancel_button(lg)]), expects_number=True)]


def _choose_task(msg: Incoming, ctx: Context, data: dict[str, Any], number: int, view: PlanView) -> list[Reply]:
    lg = data["lang"]
    if number not in _unit_task_numbers(view, data["unit"]):
        _save(ctx, msg, "report:task", data)
        return [
            Reply(
                say(lg, "report_not_your_task", number=number, unit=data["unit"]),
                buttons=Reply.rows([_cancel_button(lg)]),
            )
        ]
    task = view.task(number) or next(t for t in _unit_tasks_in_order(view, data["unit"]) if t.number == number)
    data = {**data, "task": number, "task_id": task.id, "title": task.title, "named": _naming(view, task)}
    _save(ctx, msg, "report:status", data)
    buttons = [Button(say(lg, f"status_{code}"), f"rp:s:{code}") for code in reports.STATUSES]
    kept = say(lg, "report_account_kept", text=_short(data["text"])) + "\n" if data.get("text") else ""
    return [
        Reply(
            kept + say(lg, "report_pick_status", number=view.name(task), title=task.title),
            buttons=Reply.rows(buttons[:2], buttons[2:], [_cancel_button(lg)]),
        )
    ]


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most] + "…"


def _ask_text(msg: Incoming, ctx: Context, data: dict[str, Any]) -> list[Reply]:
    _save(ctx, msg, "report:text", data)
    lg = data["lang"]
    return [
        Reply(say(lg, "report_ask_text"), buttons=Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)]))
    ]


def _after_text(msg: Incoming, ctx: Context, data: dict[str, Any], view: PlanView) -> list[Reply]:
    lg = data["lang"]
    task = view.by_id(data.get("task_id") or 0) or view.task(data["task"])
    if task is not None and task.targets and "figure" not in data:
        _save(ctx, msg, "report:figure", data)
        targets = "；".join(t.text for t in task.targets)
        skip = Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)])
        return [Reply(say(lg, "report_ask_figure", targets=targets), buttons=skip, expects_number=True)]
    return _ask_evidence(msg, ctx, data)


def _ask_evidence(msg: Incoming, ctx: Context, data: dict[str, Any]) -> list[Reply]:
    _save(ctx, msg, "report:evidence", data)
    lg = data["lang"]
    skip = Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)])
    return [Reply(say(lg, "report_ask_evidence"), buttons=skip)]


def _size(size: int | None) -> str:
    if not size:
        return "?"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def summary(data: dict[str, Any]) -> str:
    """What will be saved, as the user confirms it."""
    lg = data["lang"]
    figure = say(lg, "report_figure_line", figure=f"{data['figure']:g}") if data.get("figure") is not None else ""
    evidence = data.get("evidence")
    evidence_line = (
        say(lg, "report_evidence_line", name=evidence["name"], size=_size(evidence.get("size"))) if evidence else ""
    )
    return say(
        lg,
        "report_confirm",
        number=model.TaskName(*data["named"]) if data.get("named") else data["task"],
        title=data["title"],
        unit=data["unit"],
        status=say(lg, f"status_{data['status']}"),
        text=data.get("text") or say(lg, "report_empty"),
        figure=figure,
        evidence=evidence_line,
    )


def _confirm_buttons(data: dict[str, Any]) -> list[list[Button]]:
    """确认提交, a button to change each field that was asked, 取消."""
    lg = data.get("lang", "zh")
    edits = [Button(say(lg, f"report_edit_{field}"), f"rp:e:{field}") for field in ("status", "text")]
    if "figure" in data:
        edits.append(Button(say(lg, "report_edit_figure"), "rp:e:figure"))
    return Reply.rows([Button(say(lg, "confirm_save"), "rp:ok")], edits, [_cancel_button(lg)])


def _ask_confirm(msg: Incoming, ctx: Context, data: dict[str, Any]) -> list[Reply]:
    data = {key: value for key, value in data.items() if key != "editing"}
    _save(ctx, msg, "report:confirm", data)
    return [Reply(summary(data), buttons=_confirm_buttons(data))]


def _store(msg: Incoming, ctx: Context, data: dict[str, Any]) -> list[Reply]:
    who = asker(msg, ctx)
    evidence = data.get("evidence") or {}
    with ctx.store.session() as session:
        if not dialogs.clear_dialog(session, *_key(msg)):
            return already_saved(msg, ctx)  # confirmed twice at once: saved once
        saved = reports.add_report(
            session,
            task_id=data["task_id"],
            unit_id=data["unit_id"],
            member_id=who.member.id,
            status=data["status"],
            text=data.get("text") or "",
            figure=data.get("figure"),
            figure_unit=data.get("figure_unit"),
            evidence_kind=evidence.get("kind"),
            evidence_file_id=evidence.get("file_id"),
            evidence_name=evidence.get("name"),
            evidence_size=evidence.get("size"),
            evidence_path=evidence.get("path"),
            platform=msg.platform,
            created_at=ctx.now(),
        )
    if data["status"] == "done":
        review.tell_office_done(ctx, saved.id or 0)  # 已完成 awaits the office's review (办结 / 退回)
    lg = data["lang"]
    status = say(lg, f"status_{data['status']}")
    return [
        Reply(
            say(lg, "report_saved", number=_named(ctx, data), unit=data["unit"], status=status), edit=bool(msg.callback)
        )
    ]


def already_saved(msg: Incoming, ctx: Context) -> list[Reply]:
    """确认提交 pressed again after the report was saved: say it is saved, never that it was cancelled."""
    lg = lang(msg)
    who = asker(msg, ctx)
    with ctx.store.session() as session:
        found = reports.last_by_member(session, who.member.id or 0, ctx.now() - timedelta(days=1))
    if found is None:
        return [Reply(say(lg, "report_gone"), edit=bool(msg.callback))]
    report, task, unit = found
    status = say(lg, f"status_{report.status}")
    text = say(
        lg, "report_saved", number=_named(ctx, {"task": task.number, "task_id": task.id}), unit=unit.name, status=status
    )
    return [Reply(text, edit=bool(msg.callback), notice=say(lg, "report_saved_already"))]


async def ended(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """A report button pressed after its conversation ended: 确认提交 again, or another."""
    if msg.callback == "rp:ok":
        return already_saved(msg, ctx)
    return await cancel(msg, ctx)


async def cancel(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """取消 or /cancel at any step: nothing is saved. With nothing open, it says so."""
    with ctx.store.session() as session:
        open_one = dialogs.get_dialog(session, *_key(msg)) is not None
        dialogs.clear_dialog(session, *_key(msg))
    key = "report_cancelled" if open_one or msg.callback else "nothing_to_cancel"
    return [Reply(say(lang(msg), key), edit=bool(msg.callback))]


@dataclass(frozen=True)
class Answer:
    """A message at a step of the report: the words it carries, read once."""

    text: str
    pressed: str
    skip: bool
    lang: str


def _answer(msg: Incoming, dialog: Dialog) -> Answer:
    text = (msg.text or "").strip()
    pressed = msg.callback or ""
    skip = pressed == "rp:skip" or flows().means("skip", text)
    return Answer(text, pressed, skip, dialog.data.get("lang", "zh"))


async def _on_task(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    number = take_ref(msg, ctx, got.pressed[5:]) if got.pressed.startswith("rp:t:") else got.text
    digits = re.search(r"\d{1,4}", number)
    if digits is None:
        hint = say(got.lang, "report_ask_number", **examples(ctx))
        return [Reply(hint, buttons=Reply.rows([_cancel_button(got.lang)]))]
    return _choose_task(msg, ctx, dict(dialog.data), int(digits.group(0)), view)


async def _on_status(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    code = got.pressed[5:] if got.pressed.startswith("rp:s:") else status_said(got.text)
    if code not in reports.STATUSES:
        return [Reply(say(got.lang, "report_unknown_status"))]
    data = {**dialog.data, "status": code}
    if data.get("editing"):  # changed from the confirm screen: back to it
        return _ask_confirm(msg, ctx, data)
    if data.get("text"):  # the account came with the message that started the report
        return _after_text(msg, ctx, data, view)
    return _ask_text(msg, ctx, data)


async def _on_text(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    if not got.skip and not visible(msg.text):
        return [Reply(say(got.lang, "report_ask_text"))]  # empty, or only zero-width characters: nothing to keep
    data = {**dialog.data, "text": "" if got.skip else _account(msg.text)}
    if data.get("editing"):
        return _ask_confirm(msg, ctx, data)
    return _after_text(msg, ctx, data, view)


async def _on_figure(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    data = dict(dialog.data)
    if got.skip:
        return _ask_evidence(msg, ctx, {**data, "figure": None})
    figure = figure_in(got.text)
    if figure is None:
        return [Reply(say(got.lang, "report_bad_figure"))]
    task = view.by_id(data.get("task_id") or 0) or view.task(data["task"])
    unit = task.targets[0].unit if task and task.targets else None
    if data.get("editing"):
        return _ask_confirm(msg, ctx, {**data, "figure": figure[0], "figure_unit": unit})
    return _ask_evidence(msg, ctx, {**data, "figure": figure[0], "figure_unit": unit})


async def _on_evidence(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    data = dict(dialog.data)
    if msg.attachment is not None:
        attachment = msg.attachment
        evidence = {
            "kind": attachment.kind,
            "file_id": attachment.file_id,
            "name": attachment.name,
            "size": attachment.size,
            "path": attachment.path,
        }
        return _ask_confirm(msg, ctx, {**data, "evidence": evidence})
    if got.skip:
        return _ask_confirm(msg, ctx, data)
    skip = Reply.rows([Button(say(got.lang, "skip"), "rp:skip"), _cancel_button(got.lang)])
    return [Reply(say(got.lang, "report_ask_evidence"), buttons=skip)]


async def _on_confirm(msg: Incoming, ctx: Context, dialog: Dialog, view: PlanView) -> list[Reply]:
    got = _answer(msg, dialog)
    data = dict(dialog.data)
    if got.pressed == "rp:ok" or flows().means("confirm", got.text):
        return _store(msg, ctx, data)
    if got.pressed.startswith("rp:e:"):
        return _edit(msg, ctx, data, got.pressed[5:])
    changed = edited(got.text, data)
    if changed is not None:
        return _edit_typed(msg, ctx, data, changed)
    return [Reply(say(got.lang, "report_ask_confirm_edit"), buttons=_confirm_buttons(data))]


_FIELD_WORDS = {
    "status": r"状态|进度|status",
    "text": r"说明|内容|进展说明|情况|account|text",
    "figure": r"数字|完成数|数量|数据|figure|number",
}
_CHANGE = r"(?:(?:改成|改为|换成|应该是|应为|是|:|：|to|is)\s*)"


def edited(text: str, data: dict[str, Any]) -> tuple[str, str] | None:
    """One field changed in words at the confirm screen: (field, new value), or (field, "") to ask for it
    again. 状态改成已完成 and 不对 是推进中 change the status; 说明改成…… the account; 改说明 asks it."""
    said = text.strip()
    folded = said.lower()
    for field, words in _FIELD_WORDS.items():
        change = "*" if field == "status" else "+"  # 状态已完成; but 情况就这样 is no change of the account
        found = re.match(rf"^(?:不对|错了|那个)?[\s,，。]*(?:把)?(?:{words})\s*{_CHANGE}{change}", folded)
        if found is None or (field == "figure" and "figure" not in data and "figure_unit" not in data):
            continue
        rest = said[found.end() :].strip()
        if not rest:
            return field, ""
        if field == "status":
            code = status_said(rest)
            return (field, code) if code else None
        return field, rest
    found = re.match(rf"^(?:改|修改|重写|重新写)\s*(?:一下)?\s*({'|'.join(_FIELD_WORDS.values())})$", folded)
    if found is not None:
        return next(f for f, w in _FIELD_WORDS.items() if re.fullmatch(w, found.group(1))), ""
    code = status_said(said)  # 不对 是推进中: a status alone, said as a correction
    if code is not None and re.match(r"^(?:不对|错了|改成|改为|应该是)", folded):
        return "status", code
    return None


def status_said(text: str) -> str | None:
    """The status a word stands for, or one said as a correction (不对，应该是已完成; 不对 是推进中).
    基本完成了 is neither: asked, never guessed."""
    code = status_of(text)
    if code is not None:
        return code
    said = text.strip()
    rest = _CORRECTION.sub("", said)
    if rest == said or not rest:
        return None
    return status_of(rest) or (understanding().status_in(rest) if len(rest) <= 8 else None)


_CORRECTION = re.compile(r"^(?:不对|错了|搞错了|说错了|弄错了)?[\s,，。]*(?:应该是|应为|改成|改为|是)?\s*")


AFTER_STATUS = ("text", "figure", "evidence")  # the steps asked once the status is given


def restated(msg: Incoming, ctx: Context, dialog: Dialog, status: str) -> list[Reply]:
    """A status corrected at a step after it (不对，应该是已完成 where the account is asked): the status is
    changed, said so, and the step asked again; the correction is never kept as the account."""
    data = {**dialog.data, "status": status, "misses": 0}
    _save(ctx, msg, dialog.state, data)
    lg = data.get("lang", "zh")
    changed = Reply(say(lg, "report_status_changed", status=say(lg, f"status_{status}")))
    return [changed, *reask(ctx, dialog.model_copy(update={"data": data}))]


def _edit(msg: Incoming, ctx: Context, data: dict[str, Any], field: str) -> list[Reply]:
    """改状态, 改说明, 改数字 pressed at the confirm screen: that step asked again, then back to confirming."""
    data = {**data, "editing": True}
    lg = data.get("lang", "zh")
    if field == "status":
        _save(ctx, msg, "report:status", data)
        return _ask_again_status(ctx, data, lg)
    if field == "figure":
        _save(ctx, msg, "report:figure", data)
        return _ask_again_figure(ctx, data, lg)
    _save(ctx, msg, "report:text", data)
    return _ask_again_text(ctx, data, lg)


def _edit_typed(msg: Incoming, ctx: Context, data: dict[str, Any], change: tuple[str, str]) -> list[Reply]:
    field, value = change
    if not value:
        return _edit(msg, ctx, data, field)
    if field == "figure":
        figure = figure_in(value)
        if figure is None:
            return _edit(msg, ctx, data, field)
        return _ask_confirm(msg, ctx, {**data, "figure": figure[0]})
    return _ask_confirm(msg, ctx, {**data, field: value if field == "status" else _account(value)})


StepAnswer = Callable[[Incoming, Context, Dialog, PlanView], Awaitable[list[Reply]]]
# The report's steps (declared in core/data/flows.yaml) and what answers each.
ANSWERS: dict[str, StepAnswer] = {
    "task": _on_task,
    "status": _on_status,
    "text": _on_text,
    "figure": _on_figure,
    "evidence": _on_evidence,
    "confirm": _on_confirm,
}


async def proceed(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    """The next step of an open report, from a typed answer, a button or an attachment."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    text = (msg.text or "").strip()
    pressed = msg.callback or ""
    if pressed == "rp:x" or flows().means("cancel", text):
        return await cancel(msg, ctx)
    if pressed == "rp:later":
        return await pause(msg, ctx, dialog)
    step = dialog.state.partition(":")[2]
    if step not in ANSWERS:
        return await cancel(msg, ctx)
    return await ANSWERS[step](msg, ctx, dialog, view)


async def one_line(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """`15 已完成 编制了清单`: the whole report in one message, confirmed with one button."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    match = ONE_LINE.match(matchable(msg.text))  # positions as typed: the account is cut from the original
    if match is None:
        return []
    number = int(cn2an.cn2an(match.group("number"), "smart"))  # 15 or 十五
    status = status_of(match.group("status")) or "in_progress"
    return _said(msg, ctx, view, number, status, _account(msg.text[match.start("account") :]))


async def said(msg: Incoming, ctx: Context, number: int, status: str, account: str) -> list[Reply]:
    """第9条弄好了, 已完成 第12条: a report said in everyday words, read by the reader with its status,
    confirmed with one button as a one-line report is."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    return _said(msg, ctx, view, number, status, _account(account))


def _said(msg: Incoming, ctx: Context, view: PlanView, number: int, status: str, account: str) -> list[Reply]:
    lg = lang(msg)
    unit = asker(msg, ctx).speaking_for
    if unit is None:
        return [Reply(say(lg, "unbound_group" if msg.is_group else "unbound", **examples(ctx)))]
    task = view.task(number)
    if task is None and (asked := docket.which_source(msg, ctx, number)):
        return asked  # a number two sources have: which, never "not your task"
    if task is None or number not in _unit_task_numbers(view, unit.name):
        return [Reply(say(lg, "report_not_your_task", number=number, unit=unit.name))]
    data = {
        "unit_id": unit.id,
        "unit": unit.name,
        "lang": lg,
        "task": number,
        "task_id": task.id,
        "named": _naming(view, task),
        "title": task.title,
        "status": status,
        "text": account,
    }
    return _ask_confirm(msg, ctx, data)


# A saved report to be changed (第15条刚才报错了, 修改一下第16条的汇报, 上回报的第15条能改吗): a new version
# made from the last one, opened at the confirm screen where one field is changed.
REVISES = re.compile(r"报错|填错|写错|修改|更正|改一下|改下|能改|要改|重报|重新报|重新填|revise|amend")


async def revise(msg: Incoming, ctx: Context, number: int, status: str | None = None) -> list[Reply]:
    """The unit's last report on a task, as a new version to confirm, with the status said now (应该是
    推进中) in place of the old one; a task the unit has not reported on starts a report as usual."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    unit = asker(msg, ctx).speaking_for
    task = view.task(number)
    if unit is None or task is None or task.id is None:
        return await (said(msg, ctx, number, status, "") if status else start(msg, ctx, str(number)))
    with ctx.store.session() as session:
        last = reports.latest(view.with_units(reports.task_reports(session, task.id))).get((task.id, unit.name))
    if last is None or number not in _unit_task_numbers(view, unit.name):
        return await (said(msg, ctx, number, status, "") if status else start(msg, ctx, str(number)))
    lg = lang(msg)
    data: dict[str, Any] = {
        "unit_id": unit.id,
        "unit": unit.name,
        "lang": lg,
        "task": number,
        "task_id": task.id,
        "named": _naming(view, task),
        "title": task.title,
        "status": status or last.status,
        "text": last.text,
    }
    if last.figure is not None:
        data["figure"] = last.figure
    shown = _ask_confirm(msg, ctx, data)
    head = say(lg, "report_revising", date=f"{last.created_at:%m-%d}", status=say(lg, f"status_{last.status}"))
    return [replace(shown[0], text=head + "\n" + shown[0].text), *shown[1:]]


def _ask_again_task(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    hint = say(lg, "report_ask_number", **examples(ctx))
    return [Reply(hint, buttons=Reply.rows([_cancel_button(lg)]), expects_number=True)]


def _ask_again_status(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    buttons = [Button(say(lg, f"status_{code}"), f"rp:s:{code}") for code in reports.STATUSES]
    text = say(lg, "report_pick_status", number=_named(ctx, data), title=data.get("title", ""))
    return [Reply(text, buttons=Reply.rows(buttons[:2], buttons[2:], [_cancel_button(lg)]))]


def _ask_again_text(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    return [
        Reply(say(lg, "report_ask_text"), buttons=Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)]))
    ]


def _ask_again_figure(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    view = ctx.store.view()
    task = (view.by_id(data.get("task_id") or 0) or view.task(data.get("task", 0))) if view else None
    targets = "；".join(t.text for t in task.targets) if task else ""
    text = say(lg, "report_ask_figure", targets=targets)
    buttons = Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)])
    return [Reply(text, buttons=buttons, expects_number=True)]


def _ask_again_evidence(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    buttons = Reply.rows([Button(say(lg, "skip"), "rp:skip"), _cancel_button(lg)])
    return [Reply(say(lg, "report_ask_evidence"), buttons=buttons)]


def _ask_again_confirm(ctx: Context, data: dict[str, Any], lg: str) -> list[Reply]:
    return [Reply(summary(data), buttons=_confirm_buttons(data))]


# Each step's question, asked again (after answering something else, or on resuming).
ASKS: dict[str, Callable[[Context, dict[str, Any], str], list[Reply]]] = {
    "task": _ask_again_task,
    "status": _ask_again_status,
    "text": _ask_again_text,
    "figure": _ask_again_figure,
    "evidence": _ask_again_evidence,
    "confirm": _ask_again_confirm,
}


def reask(ctx: Context, dialog: Dialog) -> list[Reply]:
    """The open step's question again (after answering something else, or on resuming)."""
    data = dict(dialog.data)
    step = dialog.state.removeprefix("paused:").partition(":")[2]
    return ASKS.get(step, _ask_again_confirm)(ctx, data, data.get("lang", "zh"))


MISSES_BEFORE_OFFER = 2  # replies the open step cannot use, before 取消 and 稍后继续 are offered


async def missed(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    """A reply the open step cannot use: the step's own hint (请填一个数字 …), and after two such
    replies a way out (稍后继续, 取消)."""
    data = dict(dialog.data)
    if dialog.state.endswith(":confirm") and edited(msg.text or "", data) is not None:
        return await proceed(msg, ctx, dialog)  # 状态改成已完成: an answer the confirm screen takes
    data["misses"] = int(data.get("misses", 0)) + 1
    _save(ctx, msg, dialog.state, data)
    lg = data.get("lang", "zh")
    if data["misses"] < MISSES_BEFORE_OFFER:
        return await proceed(msg, ctx, dialog.model_copy(update={"data": data}))
    buttons = Reply.rows([Button(say(lg, "report_pause"), "rp:later"), _cancel_button(lg)])
    return [Reply(say(lg, "report_stuck"), buttons=buttons)]


async def pause(msg: Incoming, ctx: Context, dialog: Dialog) -> list[Reply]:
    """稍后继续: the report waits, untouched, until the person sends 汇报进展 (or 继续汇报) again."""
    data = {**dialog.data, "misses": 0}
    _save(ctx, msg, "paused:" + dialog.state, data)
    days = ctx.settings.paused_report_days
    return [Reply(say(data.get("lang", "zh"), "report_paused", days=days), edit=bool(msg.callback))]
