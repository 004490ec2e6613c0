"""通报 in the chat: an admin asks for the office's bulletin (督办通报) of a period and gets the .docx
with its main figures; anyone else asking about 月通报 gets the tasks that mention it."""

from __future__ import annotations

import re

from core.context import Context
from core.messages import Incoming, Reply
from core.texts import say
from handlers import tasks
from handlers.common import asker, lang, view_or_reply
from ledger.figures import percent
from ledger.issue import make_bulletin
from ledger.periods import Period, PeriodError, parse_period
from schedules.workdays import WorkCalendar

# A period named inside the request (上月通报, 2025年10月的通报, /bulletin 上周).
_PERIOD = re.compile(
    r"\d{4}\s*(?:年|-|/)\s*\d{1,2}\s*月?(?:\s*\d{1,2}\s*日?\s*(?:至|到|-)\s*\d{4}\D\d{1,2}\D\d{1,2}日?)?|本月|这个月|上个?月|本周|这周|上周|上星期"
)


# The request as a whole: an optional verb, an optional period, 通报 (上月通报, 生成本月的督办通报).
ASKED = re.compile(rf"^\s*(?:生成|出|导出|要|发我|给我)?\s*(?:一份)?\s*({_PERIOD.pattern})?\s*的?\s*(?:督办)?通报\s*$")


def period_in(text: str, today: object) -> Period:
    """The period a request names; this month when it names none."""
    found = _PERIOD.search(text)
    if found is None:
        return Period.month(today.year, today.month)  # type: ignore[attr-defined]
    return parse_period(found.group(0), today)  # type: ignore[arg-type]


async def send_bulletin(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/bulletin [period], 通报, 上月通报 (admins): the bulletin as a .docx, with its main figures."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    lg = lang(msg)
    if not asker(msg, ctx).is_admin:
        if msg.text.startswith("/"):
            return [Reply(say(lg, "admin_only"))]
        return await tasks.search(msg, ctx, "通报")
    now = ctx.now()
    try:
        period = period_in(arg or msg.text, now.date())
    except PeriodError:
        return [Reply(say(lg, "bulletin_bad_period", text=(arg or msg.text).strip()))]
    with ctx.store.session() as session:
        calendar = WorkCalendar.load(session)
    made = make_bulletin(ctx.store, ctx.settings, period, now=now, calendar=calendar)
    total = made.result.total
    text = say(
        lg,
        "bulletin_ready",
        number=made.number,
        period=period.label(),
        name=made.docx.name,
        on_time=percent(total.on_time_rate),
        late=total.late,
        returns=percent(total.return_rate),
        signoff=percent(total.signoff_rate),
        unsigned=total.unsigned,
        unreported=total.unreported,
    )
    return [Reply(text, file=made.docx)]
