"""The `duban` command: its grammar, and one-line errors instead of tracebacks."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from bot.commands import bulletin, docket, office, plans, release, sending, wecom
from bot.commands.common import CommandError
from core.settings import Settings, SettingsError
from plan.directory import DirectoryError
from plan.parser import describe_error
from plan.reader import PlanError


def release_line() -> str:
    """`duban 0.1.0 (schema 0016)`: the installed release and the newest migration it ships."""
    from importlib.metadata import PackageNotFoundError, version

    from storage.schema import code_head

    try:
        release = version("duban")
    except PackageNotFoundError:  # run from a source tree that was never installed
        release = "unknown"
    return f"duban {release} (schema {code_head()})"


def cmd_run(args: argparse.Namespace, settings: Settings) -> None:
    """Start Duban: Telegram when a token is set, else a chat console on this terminal."""
    from bot.run import run

    run(settings)


def cmd_web(args: argparse.Namespace, settings: Settings) -> None:
    """Serve only the office's web console."""
    from bot.run import run_web

    run_web(settings)


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], None]] = {
    "parse": plans.cmd_parse,
    "import": plans.cmd_import,
    "tasks": plans.cmd_tasks,
    "units": plans.cmd_units,
    "resolve": plans.cmd_resolve,
    "ask": plans.cmd_ask,
    "ledger": office.cmd_ledger,
    "bulletin": bulletin.cmd_bulletin,
    "schedule": office.cmd_schedule,
    "deadline": office.cmd_deadline,
    "event": office.cmd_event,
    "holidays": office.cmd_holidays,
    "remind": sending.cmd_remind,
    "broadcast": sending.cmd_broadcast,
    "send": sending.cmd_send,
    "invite": office.cmd_invite,
    "run": cmd_run,
    "web": cmd_web,
    "web-login": office.cmd_web_login,
    "wecom-departments": wecom.cmd_departments,
    "wecom-map": wecom.cmd_map,
    "wecom-sync": wecom.cmd_sync,
    "wecom-group": wecom.cmd_group,
    "migrate": release.cmd_migrate,
    "backup": release.cmd_backup,
    "restore": release.cmd_restore,
    "check": release.cmd_check,
}


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = argparse.ArgumentParser(prog="duban", description="督办 Duban: work-plan tasks in the work chat")
    parser.add_argument("--version", action="version", version=release_line(), help="the release and its schema")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read a plan file without storing it")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--explain", action="store_true", help="say which shape was seen and why each line is a task or skipped"
    )
    p = sub.add_parser("import", help="store a plan file, or a revision of the stored plan")
    p.add_argument("file")
    p.add_argument("--plan", type=int, help="revise this stored plan (default: the one of the same title)")
    p.add_argument("--name", help="the short name of a new source (法治, 营商); default from its title")
    p.add_argument("--kind", help="年度计划 (default), 会议议定事项, 领导批示, 建议提案 or 交办")
    p.add_argument("--force", action="store_true", help="store a document that does not look like a plan")
    p = sub.add_parser("tasks", help="list tasks, all or one unit's")
    p.add_argument("--unit")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("units", help="list the plan's units")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("resolve", help="map a typed unit name to the plan's unit ('-': one a line from stdin)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("ask", help="how Duban reads a message and answers it ('-': one message a line from stdin)")
    p.add_argument("text")
    p.add_argument("--as", dest="as_unit", help="answer as a person bound to this unit")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("ledger", help="write the progress ledger (台账) as .xlsx, with a chart beside it")
    p.add_argument("--out", required=True, help="the workbook to write, e.g. 台账.xlsx")
    bulletin.add_parser(sub)
    p = sub.add_parser("schedule", help="every task's deadlines and the next due date")
    p.add_argument("--unit")
    p.add_argument("--json", action="store_true")
    p.add_argument("--at", help="the day to count 'next' from (default today)")
    p = sub.add_parser("deadline", help="set or correct a task's deadline ('clear' undoes it)")
    p.add_argument("task", type=int)
    p.add_argument("date")
    p = sub.add_parser("event", help="record the day a relative deadline's event happened")
    p.add_argument("task", type=int)
    p.add_argument("date")
    p = sub.add_parser("holidays", help="enter holidays and moved working days from a YAML or CSV file")
    p.add_argument("file")
    p = sub.add_parser("remind", help="plan reminders and send those due")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.add_argument("--at", help="act as if it were this local time (ISO), for catch-up and tests")
    p = sub.add_parser("broadcast", help="send a message to units through the outbox")
    p.add_argument("--to", required=True, help="all, late, or unit / collective names separated by 、 or commas")
    p.add_argument("--text", required=True)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser("invite", help="a one-time invite code for a unit (/start CODE)")
    p.add_argument("unit")
    p.add_argument("--bot", help="the Telegram bot's username, for a deep link")
    p = sub.add_parser("send", help="send what waits in the outbox")
    p.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    sub.add_parser("web", help="serve only the office's web console (督办台) on DUBAN_WEB_HOST:DUBAN_WEB_PORT")
    p = sub.add_parser("web-login", help="print a one-time sign-in link to the web console (10 minutes, one use)")
    p.add_argument("--user", help="the name the console's trace (留痕) shows; default this account's")
    sub.add_parser("wecom-departments", help="WeCom departments, the units they map to, what their names read as")
    p = sub.add_parser("wecom-map", help="members of a WeCom department belong to this unit ('clear' undoes it)")
    p.add_argument("department", help="the department's id, as wecom-departments shows it")
    p.add_argument("unit")
    sub.add_parser("wecom-sync", help="bind members of mapped departments now; unbind those who left")
    p = sub.add_parser("wecom-group", help="create a unit's WeCom app group chat for its reminders and broadcasts")
    p.add_argument("unit")
    p.add_argument("--owner", required=True, help="the group owner's WeCom userid")
    p.add_argument("--members", required=True, help="other userids, separated by commas (a group has two or more)")
    sub.add_parser("run", help="start the bot (a chat console when no platform token is set)")
    sub.add_parser("check", help="what the settings configure and whether each part works, one line each")
    sub.add_parser("migrate", help="bring the database's schema to this release's (duban run does it at start)")
    p = sub.add_parser("backup", help="a consistent copy of the database (SQLite file or pg_dump archive)")
    p.add_argument("--out", required=True, help="the backup file to write")
    p = sub.add_parser("restore", help="replace the database with a backup, then migrate it (stop duban run first)")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    COMMANDS.update(docket.register(sub))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `duban` command; returns the exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.load()
        COMMANDS[args.command](args, settings)
    except (CommandError, PlanError, DirectoryError, LookupError, SettingsError) as exc:
        sys.stderr.write(f"duban: error: {describe_error(exc) if isinstance(exc, PlanError) else exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, never a traceback, for the office's sake
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        sys.stderr.write(f"duban: error: {type(exc).__name__}: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
