"""Which handler answers a message: one ordered list of routes, commands first, then phrases."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.context import Context
from core.messages import Incoming, Reply
from core.texts import language, say
from handlers import bind, broadcast, help, office, progress, report, tasks
from handlers.common import asker, lang
from plan.text import halfwidth, without_format

logger = logging.getLogger(__name__)

Handler = Callable[[Incoming, Context, str], Awaitable[list[Reply]]]
MAX_TEXT = 4000  # longer messages are answered from their beginning
_NUM = r"(\d{1,4}|[一二两三四五六七八九十百]{1,4})"


@dataclass(frozen=True)
class Route:
    """A pattern over the message text (or button data) and the handler it calls with group 1."""

    pattern: re.Pattern[str]
    handler: Handler
    callback: bool = False


def _r(pattern: str, handler: Handler, *, callback: bool = False) -> Route:
    return Route(re.compile(pattern, re.IGNORECASE | re.DOTALL), handler, callback)


ROUTES: list[Route] = [
    # Buttons.
    _r(r"^pg:(.+)$", tasks.page, callback=True),
    _r(r"^bind:(\d+)$", bind.confirm, callback=True),
    _r(r"^nobind()$", bind.cancel, callback=True),
    _r(r"^approve:(\d+)$", bind.approve, callback=True),
    _r(r"^reject:(\d+)$", bind.reject, callback=True),
    _r(r"^rpt:(\d+)$", office.report_now, callback=True),
    _r(r"^later:(\d+)$", office.remind_later, callback=True),
    _r(r"^laters:(\d+)$", office.remind_all_later, callback=True),
    _r(r"^rp:()", report.ended, callback=True),  # a report button whose conversation has ended
    _r(r"^bc:()", broadcast.status, callback=True),  # a broadcast button whose conversation has ended
    _r(r"^welcome:()", help.welcome, callback=True),  # the platform says someone opened the app
    _r(r"^unsupported:(\w*)", help.unsupported, callback=True),  # a message kind Duban cannot read
    # Commands.
    _r(r"^/start(?:\s+(\S+))?\s*$", bind.start),
    _r(r"^/report\b\s*(.*)$", report.start),
    _r(r"^/cancel\b()", report.cancel),
    _r(r"^/myreports\b()", progress.my_reports),
    _r(rf"^/progress\b\s*{_NUM}?", progress.timeline),
    _r(r"^/leading\b()", progress.leading),
    _r(r"^/overview\b()", progress.overview),
    _r(r"^/ledger\b()", progress.send_ledger),
    _r(r"^/deadline\b\s*(.*)$", office.deadline),
    _r(r"^/event\b\s*(.*)$", office.event),
    _r(r"^/holiday\b\s*(.*)$", office.holiday),
    _r(r"^/broadcasts\b()", broadcast.status),
    _r(r"^/broadcast\b()", broadcast.start),
    _r(r"^/help\b()", help.show_help),
    _r(r"^/bind\b\s*(.*)$", bind.bind),
    _r(r"^/unbind\b()", bind.unbind),
    _r(r"^/whoami\b()", bind.whoami),
    _r(r"^/invite\b\s*(.*)$", bind.invite),
    _r(r"^/addadmin\b\s*(.*)$", bind.add_admin),
    _r(r"^/(?:tasks|mytasks|my)\b()", tasks.my_tasks),
    _r(rf"^/task\b\s*{_NUM}?", tasks.task_detail),
    _r(r"^/unit\b\s*(.*)$", tasks.unit_tasks),
    _r(r"^/units\b()", tasks.list_units),
    _r(r"^/search\b\s*(.*)$", tasks.search),
    _r(r"^/due\b()", tasks.due_soon),
    # Phrases, Chinese and English.
    _r(r"^(?:帮助|help|怎么用|使用说明|\?|？)$()", help.show_help),
    _r(r"^(?:我是谁|我的身份|who am i)\??$()", bind.whoami),
    _r(r"^(?:解除绑定|取消绑定)$()", bind.unbind),
    _r(r"^(?:我是|我在|我来自|我们是|本人是|我属于)(.{2,40}?)(?:的)?(?:人|同志|工作人员|员工)?[。.!！]?$", bind.bind),
    _r(r"^(?:i am from|i'm from|i work (?:at|for)|i am with|we are)\s+(.+)$", bind.bind),
    _r(r"^(?:我的|我们的|本单位的?|我单位的?)(?:任务|工作)(?:是什么|有哪些|有什么)?[?？。]?$()", tasks.my_tasks),
    _r(r"^(?:what(?:'s| is| are)? my tasks?|my tasks?|our tasks?)\??$()", tasks.my_tasks),
    _r(r"^(?:汇报进展|汇报|我要汇报|报告进展|填报进展|进展汇报)\s*(.*)$", report.start),
    _r(r"^(?:我的汇报|我们的汇报|本单位汇报|my reports)$()", progress.my_reports),
    _r(rf"^第\s*{_NUM}\s*条(?:的)?(?:进展|进度|汇报情况)$", progress.timeline),
    _r(r"^(?:牵头任务进展|牵头任务|我牵头的任务)$()", progress.leading),
    _r(r"^(?:进展总览|总览|汇总)$()", progress.overview),
    _r(r"^(?:台账|导出台账)$()", progress.send_ledger),
    Route(report.ONE_LINE, report.one_line),
    _r(rf"^第\s*{_NUM}\s*条", tasks.task_detail),
    _r(rf"^(?:task|who leads task|who is responsible for task)\s*#?{_NUM}\b", tasks.task_detail),
    _r(rf"^{_NUM}\s*条", tasks.task_detail),
    _r(r"^(\d{1,4})$", tasks.task_detail),
    _r(r"^(?:下个?月|近期|即将|最近|马上)?(?:到期|快到期)的?任务.*$()", tasks.due_soon),
    _r(r"^(?:what is )?due soon\??$()|^deadlines\??$()", tasks.due_soon),
    _r(r"^(.{2,40}?)(?:有什么|有哪些|的)(?:任务|工作)(?:吗|呢)?[?？。]?$", tasks.unit_tasks),
    _r(r"^(?:tasks of|tasks for)\s+(.+?)\??$", tasks.unit_tasks),
    _r(r"^(?:搜索|查找|查询|关于|search)\s*(.+)$", tasks.search),
]


def normalize(text: str) -> str:
    """Message text as routes read it: no format characters (zero-width, direction marks), one width of
    punctuation, single spaces, a bot mention gone. Only this copy is changed; what is stored is as typed."""
    text = halfwidth(without_format(text)).strip()
    text = re.sub(r"^(/\w+)@\w+", r"\1", text)
    return re.sub(r"\s+", " ", text)[:MAX_TEXT]


async def dispatch(msg: Incoming, ctx: Context) -> list[Reply]:
    """The replies to one message or button press. Unaddressed group chatter gets none."""
    if msg.is_group and not msg.addressed and not msg.callback:
        return []
    dialog = asker(msg, ctx).dialog  # everyone who talks is known, so that Duban can write back later
    notice: list[Reply] = []
    if dialog is not None and report.expired(dialog, ctx):
        await report.cancel(msg, ctx)
        notice = [Reply(say(lang(msg), "report_timeout", minutes=ctx.settings.dialog_timeout_minutes))]
        dialog = None
    if dialog is not None and _continues(msg, dialog.state):
        flow = broadcast.proceed if dialog.state.startswith("bc:") else report.proceed
        return await flow(msg, ctx, dialog)
    replies = notice + await _route(msg, ctx)
    asks = any(reply.buttons for reply in replies)  # never two questions open at once: numbers would collide
    if msg.unit_hint and not asks and not msg.callback and not msg.text.startswith(("/bind", "/start")):
        replies += bind.suggest(msg, ctx)
    return replies


_BUTTONS = {"report": "rp:", "bc": "bc:"}  # a conversation's buttons, by its state's first word


def _continues(msg: Incoming, state: str) -> bool:
    """A message answers the open conversation unless it is another command or another feature's button."""
    if msg.callback is not None:
        return msg.callback.startswith(_BUTTONS[state.split(":")[0]])
    text = msg.text.strip()
    return not text.startswith("/") or text.startswith("/cancel")


async def _route(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.callback is not None:
        for route in ROUTES:
            if route.callback and (m := route.pattern.match(msg.callback)):
                return await route.handler(msg, ctx, m.group(1) or "")
        return [Reply(say(language(msg.text), "expired"), notice=say(language(msg.text), "expired"))]
    text = normalize(msg.text)
    if not text:
        if msg.attachment is not None:
            return await help.stray_file(msg, ctx)
        return await help.not_understood(msg, ctx)
    for route in ROUTES:
        if not route.callback and (m := route.pattern.match(text)):
            return await route.handler(msg, ctx, (m.group(1) or "").strip() if m.groups() else "")
    return await _fallback(msg, ctx, text)


async def _fallback(msg: Incoming, ctx: Context, text: str) -> list[Reply]:
    """Free text: a unit's name gives its tasks, a word of the plan gives a search, else a hint."""
    view = ctx.store.view()
    if view is not None and len(text) <= 40:
        match = view.resolver.resolve(text)
        if match.unit and match.reason not in ("sentence", "fuzzy"):
            return await tasks.unit_tasks(msg, ctx, text)
        if tasks.search_tasks(view, text):
            return await tasks.search(msg, ctx, text)
    return await help.not_understood(msg, ctx)
