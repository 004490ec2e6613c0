"""What every console page shows around its own content, and the names of states, roles and actions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import aiohttp_jinja2
from aiohttp import web
from sqlmodel import Session

from bot.desk.guard import CTX, session_of
from core.texts import say
from storage import trace

NAV = [
    ("/desk/", "总览"),
    ("/desk/docket", "督办事项"),
    ("/desk/units", "单位"),
    ("/desk/people", "绑定"),
    ("/desk/broadcast", "群发"),
    ("/desk/plan", "计划"),
    ("/desk/address-book", "通讯录"),
    ("/desk/charts", "图表"),
    ("/desk/bulletin", "通报"),
    ("/desk/trace", "留痕"),
    ("/desk/ledger.xlsx", "台账"),
]
STATE_NAMES = {
    "done": "已完成",
    "returned": "已退回",
    "in_progress": "推进中",
    "not_started": "未开始",
    "blocked": "遇到困难",
    "unreported": "未汇报",
    "late": "逾期",
    "done_late": "逾期完成",
}
ROLE_NAMES = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
KIND_NAMES = {
    "department": "部门",
    "collective": "集体单位",
    "non-government": "党委、人大、政协等",
    "local": "下级政府、乡镇街道",
}
VIA_NAMES = {"web": "网页", "telegram": "Telegram", "wecom": "企业微信", "console": "控制台", "cli": "命令行"}
ACTION_NAMES = {
    "approve": "同意绑定",
    "reject": "拒绝绑定",
    "broadcast": "群发",
    "deadline": "更正期限",
    "event": "记录事件日期",
    "chase": "催办",
    "invite": "生成邀请码",
    "import": "导入计划",
    "alias": "添加别名",
    "unalias": "删除别名",
    "grant": "授予管理员",
    "revoke": "撤销管理员",
    "signin": "登录督办台",
    "signout": "退出或结束登录会话",
    "address_book": "通讯录变动",
    "department": "对应通讯录部门",
    "group": "建立单位群",
}
DELIVERY_STATES = {"pending": "待发", "sending": "发送中", "sent": "已送达", "failed": "失败"}
REMINDER_STATES = {
    "pending": "待发",
    "sent": "已排入发送队列",
    "unheard": "无人接收（单位尚无人绑定，有人加入后补发）",
    "done": "已完成免发",
    "skipped": "已跳过",
}  # see delivered.py


def docket_title(view: Any) -> str:
    """What the console calls what it runs: the plan's title while one source is live, else the docket by its
    sources' short names (法治、六安、交办，3个来源), never every title run together."""
    if not view.several:
        return str(view.title)
    names = [s.short or s.title for s in view.sources]
    return say("zh", "docket_title", sources="、".join(names), count=len(names))


def local_time(zone: ZoneInfo) -> Any:
    """A template function: a stored UTC time in the plan's time zone."""

    def render(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    return render


def page(request: web.Request, template: str, **values: Any) -> web.Response:
    """Render a console page with the frame every page has."""
    ctx = request.app[CTX]
    session = session_of(request)
    view = ctx.store.view()
    flash = session.pop("flash", None)

    def query(**changes: str) -> str:
        merged = {**request.query, **changes}
        return urlencode({k: v for k, v in merged.items() if v})

    frame = {
        "nav": NAV,
        "here": request.path,
        "who": session.get("who", ""),
        "csrf": session.get("csrf", ""),
        "flash": flash,
        "plan_title": docket_title(view) if view else "",
        "state_names": STATE_NAMES,
        "role_names": ROLE_NAMES,
        "kind_names": KIND_NAMES,
        "via_names": VIA_NAMES,
        "action_names": ACTION_NAMES,
        "reminder_states": REMINDER_STATES,
        "delivery_states": DELIVERY_STATES,
        "local": local_time(ZoneInfo(ctx.settings.timezone)),
        "local_ts": lambda ts: local_time(ZoneInfo(ctx.settings.timezone))(datetime.fromtimestamp(ts, UTC)),
        "query": query,
    }
    return aiohttp_jinja2.render_template(template, request, {**frame, **values})


def who(request: web.Request) -> str:
    """The name the signed-in session acts under."""
    return str(session_of(request).get("who", "?"))


def leave_trace(request: web.Request, session: Session, action: str, detail: str) -> None:
    """Record an office action taken in the console (留痕), under the session's name."""
    trace.record(session, actor=who(request), via="web", action=action, detail=detail)


def back(request: web.Request, to: str, flash: str | None = None) -> web.HTTPSeeOther:
    """After a POST: a message for the next page, and the redirect to it."""
    if flash:
        session_of(request)["flash"] = flash
    return web.HTTPSeeOther(to)
