"""`duban bulletin`: the office's bulletin (督办通报) for a month, a week or a range of days, as .docx
(and PDF with --pdf)."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.commands.common import CommandError, out, store_with_plan
from core.settings import Settings
from ledger.bulletin import BulletinError
from ledger.figures import percent
from ledger.issue import make_bulletin
from ledger.periods import Period, PeriodError, parse_period
from schedules.workdays import WorkCalendar


def period_of(args: argparse.Namespace, today: date) -> Period:
    """The period the options name; this month when none is named."""
    try:
        if args.period:
            return parse_period(args.period, today)
        if args.month:
            return parse_period(args.month, today)
        if args.week:
            return parse_period("本周" if args.week == "this" else "上周", today)
        if args.start or args.end:
            if not (args.start and args.end):
                raise CommandError("--from and --to go together, e.g. --from 2025-10-01 --to 2025-10-15")
            return Period.between(date.fromisoformat(args.start), date.fromisoformat(args.end))
    except (PeriodError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    return Period.month(today.year, today.month)


def cmd_bulletin(args: argparse.Namespace, settings: Settings) -> None:
    """Write the bulletin of a period and say where, with its main figures."""
    store, _ = store_with_plan(settings)
    now = datetime.now(ZoneInfo(settings.timezone))
    period = period_of(args, now.date())
    with store.session() as session:
        calendar = WorkCalendar.load(session)
    try:
        made = make_bulletin(
            store, settings, period, now=now, calendar=calendar, out=Path(args.out) if args.out else None, pdf=args.pdf
        )
    except BulletinError as exc:
        raise CommandError(str(exc)) from None
    total = made.result.total
    out.print(
        f"bulletin {made.number}, {period.label()}: {made.docx}"
        + (f" and {made.pdf}" if made.pdf else "")
        + f"; 按时办结率 {percent(total.on_time_rate)}, 逾期 {total.late}, 退回率 {percent(total.return_rate)},"
        f" 签收及时率 {percent(total.signoff_rate)}, 未签收 {total.unsigned}, 未汇报 {total.unreported}"
    )


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The command's options."""
    p = sub.add_parser("bulletin", help="write the office's bulletin (督办通报) of a period as .docx")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--month", help="a month: 2025-10 or 2025年10月 (default: this month)")
    which.add_argument("--week", nargs="?", const="last", choices=["last", "this"], help="last week (default) or this")
    which.add_argument("--period", help="as the office says it: 本月, 上月, 本周, 上周, 2025-10-01至2025-10-15")
    which.add_argument("--from", dest="start", help="first day, with --to")
    p.add_argument("--to", dest="end", help="last day, with --from")
    p.add_argument("--out", help="the .docx to write (default DUBAN_DATA_DIR/bulletins/通报-PERIOD.docx)")
    p.add_argument("--pdf", action="store_true", help="also render a PDF beside it with LibreOffice")
