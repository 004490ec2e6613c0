"""Which handler answers a message: one ordered list of routes, commands first, then phrases."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from core.context import Context
from core.messages import Button, Incoming, Reply
from core.texts import language, say
from core.understanding import Reading, understanding
from handlers import (
    bind,
    broadcast,
    bulletin,
    conversation,
    desk,
    docket,
    help,
    lifecycle,
    office,
    progress,
    report,
    tasks,
)
from handlers.common import asker, echo, lang
from plan.text import halfwidth, without_format
from storage import dialogs

logger = logging.getLogger(__name__)

Handler = Callable[[Incoming, Context, str], Awaitable[list[Reply]]]
MAX_TEXT = 4000  # longer messages are answered from their beginning
MEANT = "which_meant"  # 是想问哪一个 asked of a message with an account: the message waits in the dialog store
_NUM = r"(\d{1,4}|[一二两三四五六七八九十百]{1,4})"


@dataclass(frozen=True)
class Route:
    """A pattern over the message text (or button data) and the handler it calls with group 1."""

    pattern: re.Pattern[str]
    handler: Handler
    callback: bool = False


def _r(pattern: str, handler: Handler, *, callback: bool = False) -> Route:
    return Route(re.compile(pattern, re.IGNORECASE | re.DOTALL), handler, callback)


# Buttons and commands: exact forms, matched first. Everything else people type goes through the
# understanding step (core/understanding.py), not through patterns.
ROUTES: list[Route] = [
    # Buttons.
    _r(r"^pg:(.+)$", tasks.page, callback=True),
    _r(r"^bind:(\d+)$", bind.confirm, callback=True),
    _r(r"^nobind()$", bind.cancel, callback=True),
    _r(r"^approve:(\d+)$", bind.approve, callback=True),
    _r(r"^reject:(\d+)$", bind.reject, callback=True),
    _r(r"^rpt:(\d+(?:@\S+)?)$", office.report_now, callback=True),  # 3@营商: a task of one source
    # The docket (handlers/lifecycle.py): which source, 签收, 不是我单位的, 办结/退回, 延期 decisions.
    _r(r"^src:(.+)$", lambda msg, ctx, arg: _source_chosen(msg, ctx, arg), callback=True),
    _r(r"^sign:(\d+:\d+)$", lifecycle.sign, callback=True),
    _r(r"^decl:(\d+:\d+)$", lifecycle.decline, callback=True),
    _r(r"^rv:(.+)$", lifecycle.review_button, callback=True),
    _r(r"^ext:(.+)$", lifecycle.extension_button, callback=True),
    _r(r"^later:(\d+)$", office.remind_later, callback=True),
    _r(r"^laters:(\d+)$", office.remind_all_later, callback=True),
    _r(r"^rp:()", report.ended, callback=True),  # a report button whose conversation has ended
    _r(r"^bc:()", broadcast.status, callback=True),  # a broadcast button whose conversation has ended
    _r(r"^welcome:()", help.welcome, callback=True),  # the platform says someone opened the app
    _r(r"^unsupported:(\w*)", help.unsupported, callback=True),  # a message kind Duban cannot read
    _r(r"^ask:(.*)$", lambda msg, ctx, arg: meant(msg, ctx, arg), callback=True),  # 您是想问… answered
    # Commands.
    _r(r"^/start(?:\s+(\S+))?\s*$", bind.start),
    _r(r"^/report\b\s*(.*)$", report.start),
    _r(r"^/cancel\b()", report.cancel),
    _r(r"^/myreports\b()", progress.my_reports),
    _r(rf"^/progress\b\s*{_NUM}?", progress.timeline),
    _r(r"^/leading\b()", progress.leading),
    _r(r"^/overview\b()", progress.overview),
    _r(r"^/ledger\b()", progress.send_ledger),
    _r(r"^/bulletin\b\s*(.*)$", bulletin.send_bulletin),
    _r(r"^/deadline\b\s*(.*)$", office.deadline),
    _r(r"^/event\b\s*(.*)$", office.event),
    _r(r"^/holiday\b\s*(.*)$", office.holiday),
    _r(r"^/broadcasts\b()", broadcast.status),
    _r(r"^/broadcast\b()", broadcast.start),
    _r(r"^/help\b()", help.show_help),
    _r(r"^/review\b()", lifecycle.pending),
    _r(r"^/unsigned\b()", lifecycle.not_signed),
    _r(r"^/reassign\b\s*(.*)$", lifecycle.reassign),
    _r(r"^/extend\b\s*(.*)$", lifecycle.extend),
    _r(r"^/assign\b\s*(.*)$", lifecycle.assign),
    _r(r"^/bind\b\s*(.*)$", bind.bind),
    _r(r"^/unbind\b()", bind.unbind),
    _r(r"^/whoami\b()", bind.whoami),
    _r(r"^/invite\b\s*(.*)$", bind.invite),
    _r(r"^/web\b()", desk.web_link),
    _r(r"^/addadmin\b\s*(.*)$", bind.add_admin),
    _r(r"^/removeadmin\b\s*(.*)$", bind.remove_admin),
    _r(r"^/(?:tasks|mytasks|my)\b()", tasks.my_tasks),
    _r(rf"^/task\b\s*{_NUM}?", tasks.task_detail),
    _r(r"^/unit\b\s*(.*)$", tasks.unit_tasks),
    _r(r"^/units\b()", tasks.list_units),
    _r(r"^/search\b\s*(.*)$", tasks.search),
    _r(r"^/due\b()", tasks.due_soon),
    _r(r"^/overdue\b()", lambda msg, ctx, arg: progress.unfinished(msg, ctx, "late")),
    _r(r"^/(?:open|unfinished)\b()", progress.unfinished),
    # A whole report in one line (15 已完成 编制了清单): a form, not a question.
    Route(report.ONE_LINE, report.one_line),
    # The docket's forms: 申请延期 第3条 到… 原因, an admin's 交办：…, 待审核.
    Route(lifecycle.EXTEND_FORM, lifecycle.extend),
    Route(lifecycle.EXTEND_FORM_EN, lifecycle.extend),
    Route(lifecycle.ASSIGN_FORM, lifecycle.assign),
    Route(lifecycle.PENDING_FORM, lifecycle.pending),
    *[Route(form, lifecycle.sign_typed) for form in lifecycle.SIGN_FORMS],
    # 通报, 上月通报, 2025年10月督办通报: the office's bulletin asked for by name, a form.
    Route(bulletin.ASKED, bulletin.send_bulletin),
    # 取消 with nothing open: said so, not read as a question.
    Route(report.LONE_CANCEL, report.cancel),
]


# The typed routes split once: commands are tried only for text that starts with "/", forms for the rest.
_COMMANDS = [r for r in ROUTES if not r.callback and r.pattern.pattern.startswith("^/")]
_FORMS = [r for r in ROUTES if not r.callback and not r.pattern.pattern.startswith("^/")]


def read(msg: Incoming, ctx: Context) -> Reading:
    """What a message asks, read against the current plan's units and words (the same text is read
    once per plan view: 我的任务 is sent far more often than anything else)."""
    view = ctx.store.view()
    if view is None:
        return understanding().read(msg.text)
    own = asker(msg, ctx).speaking_for
    key = (msg.text, own.name if own is not None else None)  # 财政局的任务 said by the 财政局 is one's own
    readings = view.memo.setdefault(("readings",), {})  # kept with the view: a new plan reads anew
    found = readings.get(key)  # type: ignore[union-attr]
    if found is None:
        if len(readings) > 20_000:  # type: ignore[arg-type]
            readings.clear()  # type: ignore[union-attr]
        found = readings[key] = understanding().read(msg.text, view.resolver, view.knows, key[1], view.subject_task)  # type: ignore[index]
    return found  # type: ignore[return-value]


def read_as_routed(msg: Incoming, ctx: Context) -> Reading:
    """What a typed message is read as once routed (`duban ask` shows it): its text normalized and a task
    named with its source (法治第6条) as that source's number, not the source's name read as a unit."""
    routed, text = docket.named_source(msg, ctx, normalize(msg.text))
    return read(replace(routed, text=text), ctx)


IntentHandler = Callable[[Incoming, Context, Reading], Awaitable[list[Reply]]]


def _unit_arg(reading: Reading) -> str:
    return reading.unit_text or reading.unit or (reading.candidates[0] if reading.candidates else "")


def _bind(msg: Incoming, ctx: Context, reading: Reading) -> Awaitable[list[Reply]]:
    """我是司法局的 binds; 我不是司法局的 is not a claim, and 我是不是司法局的 asks who one is."""
    if reading.negated:
        return bind.not_member(msg, ctx, _unit_arg(reading))
    if reading.question:
        return bind.whoami(msg, ctx)
    return bind.bind(msg, ctx, _unit_arg(reading))


# Which handler answers each intent, with the slots it needs.
INTENTS: dict[str, IntentHandler] = {
    "my_tasks": lambda m, c, r: tasks.my_tasks(m, c),
    "task_detail": lambda m, c, r: tasks.task_detail(m, c, str(r.task or "")),
    "who_leads": lambda m, c, r: tasks.who_leads(m, c, r.task, r.keyword or r.subject or _unit_arg(r)),
    "unit_tasks": lambda m, c, r: tasks.unit_tasks(m, c, _unit_arg(r)),
    "search": lambda m, c, r: tasks.search(m, c, r.keyword or ""),
    "due_soon": lambda m, c, r: tasks.due_soon(m, c, r.range or ""),
    "overdue": lambda m, c, r: progress.unfinished(m, c, "late"),
    "unfinished": lambda m, c, r: progress.unfinished(m, c),
    "report": lambda m, c, r: (
        report.revise(m, c, r.task, r.status)
        if r.task and not r.account and report.REVISES.search(m.text or "")  # 第15条刚才报错了 应该是推进中
        else report.said(m, c, r.task, r.status, r.account)
        if r.task and r.status
        else report.start(m, c, str(r.task or ""), account=r.account)  # a paragraph without a status: kept
    ),
    # 上次报的19条: our reports on task 19 (a unit sees its own); without a number, our latest on each
    "my_reports": lambda m, c, r: (
        report.revise(m, c, r.task)  # 我上回报的第15条能改吗: the last one, to change
        if r.task and report.REVISES.search(m.text or "")
        else progress.timeline(m, c, str(r.task))
        if r.task
        else progress.my_reports(m, c)
    ),
    # 哪些单位还没报, 统计局报了没: with no task, the reporting status of every task (of a unit, if named)
    "progress": lambda m, c, r: (
        progress.timeline(m, c, str(r.task)) if r.task else progress.overview(m, c, _unit_arg(r))
    ),
    "leading": lambda m, c, r: progress.leading(m, c),
    "overview": lambda m, c, r: progress.overview(m, c, _unit_arg(r)),
    "broadcast": lambda m, c, r: broadcast.start(m, c, _unit_arg(r)),
    "ledger": lambda m, c, r: progress.send_ledger(m, c),
    "help": lambda m, c, r: help.show_help(m, c),
    "bind": lambda m, c, r: _bind(m, c, r),
    "unbind": lambda m, c, r: bind.not_member(m, c, _unit_arg(r)) if r.negated and r.names_unit else bind.unbind(m, c),
    "whoami": lambda m, c, r: bind.whoami(m, c),
}


async def act(msg: Incoming, ctx: Context, reading: Reading) -> list[Reply]:
    """Answer a reading: act when it is confident and clear, ask when two fit, else say what is near."""
    if reading.acted_on:
        replies = await INTENTS[reading.intent](msg, ctx, reading)
        if reading.then is not None:  # 第6条做完了，顺便问下第9条谁牵头: the second answered after the first
            replies += await INTENTS[reading.then.intent](msg, ctx, reading.then)
        return replies
    if reading.missing:  # 乡村振兴的任务谁负责: the plan has no such task, said so
        return [Reply(say(lang(msg), "search_none", keyword=echo(reading.missing)))]
    choices = [(reading.intent, reading.confidence)] if reading.intent != "unknown" else []
    choices += [alt for alt in reading.alternatives if alt[0] != reading.intent]
    read_slots = {"task": reading.task, "unit": reading.unit or reading.unit_text or None, "keyword": reading.keyword}
    needed = {name: understanding().needs(name) for name, _ in choices}  # 查找“”: no button without its slot
    choices = [(name, score) for name, score in choices if needed[name] is None or read_slots[needed[name]]]
    if choices:
        return [_which(msg, ctx, reading, [name for name, _ in choices[:3]])]
    courtesy = understanding().courtesy(msg.text)
    if courtesy == "ack":
        return []  # 收到, 好的: nothing to answer
    if courtesy is not None:
        return [Reply(say(lang(msg), f"courtesy_{courtesy}"))]
    return await help.not_understood(msg, ctx, suggestions=understanding().nearest(msg.text))


def _which(msg: Incoming, ctx: Context, reading: Reading, names: list[str]) -> Reply:
    """您是想问…: the likeliest readings as buttons, each carrying the slots that were read."""
    lg = lang(msg)
    view = ctx.store.view()
    unit_id = view.unit_ids.get(reading.unit or "", "") if view and reading.unit else ""
    keyword = (reading.keyword or "")[:12].replace(":", " ")
    buttons = [
        Button(
            say(
                lg,
                f"intent_{name}",
                task=reading.task or "",
                unit=reading.unit or reading.unit_text or "",
                keyword=keyword,
            ),
            f"ask:{name}:{reading.task or ''}:{unit_id}:{keyword}",
        )
        for name in names
    ]
    if reading.account or reading.status:  # 关于第4条的情况汇报：…: the account waits for the button, not retyped
        now = ctx.now()
        with ctx.store.session() as session:
            until = now + timedelta(minutes=ctx.settings.dialog_timeout_minutes)
            choices = [(b.label, b.data) for b in buttons]
            dialogs.ask(session, msg.platform, msg.chat_id, msg.user_id, MEANT, choices, msg.text, until, now)
    return Reply(say(lg, "which_meant", text=echo(msg.text)), buttons=Reply.rows(*[[b] for b in buttons]))


async def meant(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """The button someone pressed under 您是想问…: that intent, with the slots read before."""
    name, _, rest = arg.partition(":")
    task, _, rest = rest.partition(":")
    unit_id, _, keyword = rest.partition(":")
    if name not in INTENTS:
        return [Reply(say(lang(msg), "expired"))]
    view = ctx.store.view()
    unit = next((n for n, i in view.unit_ids.items() if str(i) == unit_id), None) if view and unit_id else None
    with ctx.store.session() as session:  # the message asked about, when its account was kept
        asked = dialogs.answer(session, msg.platform, msg.chat_id, msg.user_id, MEANT, ctx.now())
    said = understanding().read(asked) if asked and name == "report" else None
    reading = Reading(
        msg.text,
        name,
        1.0,
        task=int(task) if task.isdigit() else None,
        unit=unit,
        keyword=keyword or None,
        unit_text=unit or "",
        status=said.status if said else None,
        account=said.account if said else "",
    )
    return await INTENTS[name](msg, ctx, reading)


def normalize(text: str) -> str:
    """Message text as routes read it: no format characters (zero-width, direction marks), one width of
    punctuation, single spaces, a bot mention gone. Only this copy is changed; what is stored is as typed."""
    return _normalized(text) if len(text) <= 200 else _normalize(text)  # short ones recur: 我的任务


@functools.lru_cache(maxsize=8192)
def _normalized(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    text = halfwidth(without_format(text)).strip()
    text = re.sub(r"^(/\w+)@\w+", r"\1", text)
    return re.sub(r"\s+", " ", text)[:MAX_TEXT]


async def dispatch(msg: Incoming, ctx: Context) -> list[Reply]:
    """The replies to one message or button press. Unaddressed group chatter gets none."""
    if msg.is_group and not msg.addressed and not msg.callback:
        return []
    dialog = asker(msg, ctx).dialog  # everyone who talks is known, so that Duban can write back later
    docket.focus(msg, ctx)  # several sources live: the one this person used last is meant by a bare number
    notice: list[Reply] = []
    if dialog is not None and (until := conversation.ends_at(dialog, ctx)) is not None and until <= ctx.now():
        with ctx.store.session() as session:
            dialogs.clear_dialog(session, msg.platform, msg.chat_id, msg.user_id)
        notice, dialog = [conversation.ended_notice(dialog, ctx)], None
    if dialog is not None:  # an open conversation (core/data/flows.yaml) takes what answers it
        carried = await conversation.carry(msg, ctx, dialog, read, lambda m, c, r: INTENTS[r.intent](m, c, r))
        if carried is not None:
            return carried
    replies = notice + await _route(msg, ctx)
    asks = any(reply.buttons for reply in replies)  # never two questions open at once: numbers would collide
    if msg.unit_hint and not asks and not msg.callback and not msg.text.startswith(("/bind", "/start")):
        replies += bind.suggest(msg, ctx)
    return replies


async def _route(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.callback is not None:
        for route in ROUTES:
            if route.callback and (m := route.pattern.match(msg.callback)):
                return await route.handler(msg, ctx, m.group(1) or "")
        return [Reply(say(language(msg.text), "expired"), notice=say(language(msg.text), "expired"))]
    text = normalize(msg.text)
    if (source := docket.named_answer(msg, ctx, text)) is not None:  # 营商, under "which source?"
        return await _source_chosen(msg, ctx, source)
    msg, text = docket.named_source(msg, ctx, text)  # 营商3: that source's task 3
    if not text:
        if msg.attachment is not None:
            return await help.stray_file(msg, ctx)
        return await help.not_understood(msg, ctx)
    for route in _COMMANDS if text.startswith("/") else _FORMS:  # a command, or a one-line form
        if m := route.pattern.match(text):
            return await route.handler(msg, ctx, (m.group(1) or "").strip() if m.groups() else "")
    if text.startswith("/"):
        return await help.not_understood(msg, ctx, suggestions=["/help"])
    reading = read(msg, ctx)
    return docket.which_source(msg, ctx, reading.task) or await act(msg, ctx, reading)


async def _source_chosen(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """A source chosen under 哪一项: the question that asked, answered for it."""
    again = docket.chosen(msg, ctx, arg)
    if again is None:
        return [Reply(say(lang(msg), "expired"), notice=say(lang(msg), "expired"))]
    return await _route(again, ctx)
