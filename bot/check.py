"""`duban check`: what a deployment's settings configure and whether each part works, one line each.

Each check is a function of the settings that returns its findings; a failure makes `duban check` exit
non-zero, a warning does not (something to do, nothing broken)."""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import aiohttp

from core.settings import Settings

OK, WARN, FAIL = "ok", "warn", "FAIL"
TIMEOUT = aiohttp.ClientTimeout(total=10)


@dataclass(frozen=True)
class Finding:
    """One line of the check: its level, the part, what was found."""

    level: str
    part: str
    text: str

    def line(self) -> str:
        return f"{self.level:<4} {self.part}: {self.text}"


def check_database(settings: Settings) -> list[Finding]:
    """Reachable, and at this release's schema (behind: `duban run` migrates; newer: refused)."""
    from storage.db import make_engine
    from storage.schema import code_head, database_revision, known_revisions

    engine = make_engine(settings.db_url())
    where = engine.url.render_as_string()
    try:
        revision = database_revision(engine)
    except Exception as exc:  # noqa: BLE001 - any driver error is the one line the office needs
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        return [Finding(FAIL, "database", f"{where} cannot be reached: {reason} (DUBAN_DATABASE_URL)")]
    finally:
        engine.dispose()
    head = code_head()
    if revision == head:
        return [Finding(OK, "database", f"{where}, schema {head}")]
    if revision is None:
        return [Finding(WARN, "database", f"{where} is empty: `duban migrate` or `duban run` creates schema {head}")]
    if revision not in known_revisions():
        return [Finding(FAIL, "database", f"{where} is at schema {revision}, newer than this release's {head}")]
    return [Finding(WARN, "database", f"{where} is at schema {revision}: `duban migrate` brings it to {head}")]


def check_plan(settings: Settings) -> list[Finding]:
    """The stored plan (the docket's live sources, each with its tasks), or the plan file the first start would
    import."""
    from bot.plan_reading import Limits, read_plan
    from plan.reader import PlanError
    from storage.db import make_engine
    from storage.plans import live_plans, plan_tasks
    from storage.schema import database_revision

    engine = make_engine(settings.db_url())
    try:
        if database_revision(engine) is not None:
            from sqlmodel import Session

            with Session(engine) as session:
                plans = [(p, len(plan_tasks(session, p.id))) for p in live_plans(session) if p.id is not None]
                if len(plans) == 1:
                    plan, count = plans[0]
                    return [Finding(OK, "plan", f"stored: {plan.title} ({count} tasks)")]
                if plans:
                    each = "; ".join(f"{p.short_name or p.title} {p.title} ({count})" for p, count in plans)
                    total = sum(count for _, count in plans)
                    return [Finding(OK, "plan", f"stored: {len(plans)} live sources, {total} tasks: {each}")]
    except Exception:  # noqa: BLE001,S110 - the database check has said what is wrong with it
        pass
    finally:
        engine.dispose()
    try:
        parsed = read_plan(settings.plan_file, Limits.of(settings))
    except (PlanError, OSError) as exc:
        return [Finding(FAIL, "plan", f"DUBAN_PLAN_FILE {settings.plan_file} cannot be read: {exc}")]
    return [Finding(OK, "plan", f"none stored yet; the first start imports {parsed.title} ({len(parsed.tasks)} tasks)")]


def check_directory(settings: Settings) -> list[Finding]:
    from plan.directory import DirectoryError, load_directory

    try:
        directory = load_directory(settings.directory_file)
    except (DirectoryError, OSError) as exc:
        return [Finding(FAIL, "directory", f"DUBAN_DIRECTORY_FILE {settings.directory_file}: {exc}")]
    where = settings.directory_file or "the bundled directory"
    return [
        Finding(OK, "directory", f"{where}: {len(directory.units)} units, {len(directory.collectives)} collectives")
    ]


def check_calendar(settings: Settings, today: date | None = None) -> list[Finding]:
    """The time zone, and whether this year's (and next year's, from December) holidays are known."""
    from sqlmodel import Session

    from schedules.workdays import WorkCalendar
    from storage.db import make_engine
    from storage.schema import database_revision

    today = today or datetime.now(ZoneInfo(settings.timezone)).date()
    calendar = WorkCalendar()
    engine = make_engine(settings.db_url())
    try:
        if database_revision(engine) is not None:
            with Session(engine) as session:
                calendar = WorkCalendar.load(session)
    except Exception:  # noqa: BLE001,S110 - said by the database check
        pass
    finally:
        engine.dispose()
    found = [
        Finding(OK, "time zone", f"{settings.timezone}: now {datetime.now(ZoneInfo(settings.timezone)):%Y-%m-%d %H:%M}")
    ]
    years = [today.year] + ([today.year + 1] if today.month == 12 else [])
    for year in years:
        if calendar.known(year):
            found.append(Finding(OK, "calendar", f"{year}'s holidays and moved working days are known"))
        else:
            found.append(
                Finding(
                    WARN,
                    "calendar",
                    f"chinese-calendar does not know {year} yet: weekdays stand in for working days until "
                    f"`duban holidays FILE` enters its holidays (or chinese-calendar is upgraded)",
                )
            )
    return found


def check_telegram(settings: Settings) -> list[Finding]:
    """The token accepted by the Bot API (getMe), and the webhook's address when set."""
    if not settings.telegram_token:
        return [Finding(OK, "telegram", "not configured (DUBAN_TELEGRAM_TOKEN unset)")]

    async def get_me() -> tuple[int, dict[str, object]]:
        url = f"{settings.telegram_api_url.rstrip('/')}/bot{settings.telegram_token}/getMe"
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session, session.get(url) as response:
            return response.status, await response.json(content_type=None)

    try:
        status, body = asyncio.run(get_me())
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        return [
            Finding(FAIL, "telegram", f"{settings.telegram_api_url} cannot be reached: {exc or type(exc).__name__}")
        ]
    if status == 401 or status == 404:
        return [
            Finding(
                FAIL, "telegram", f"DUBAN_TELEGRAM_TOKEN refused by the Bot API ({status} {body.get('description')})"
            )
        ]
    if not body.get("ok"):
        return [Finding(FAIL, "telegram", f"getMe answered {status}: {body.get('description')}")]
    me = body.get("result") or {}
    name = me.get("username") if isinstance(me, dict) else None
    found = [Finding(OK, "telegram", f"token accepted: @{name}")]
    if settings.telegram_bot_name and name and settings.telegram_bot_name.lstrip("@") != name:
        found.append(
            Finding(
                WARN, "telegram", f"DUBAN_TELEGRAM_BOT_NAME is {settings.telegram_bot_name}, the token's bot is @{name}"
            )
        )
    if settings.webhook_url:
        level = OK if settings.webhook_url.startswith("https://") else FAIL
        mode = "webhook at " + settings.webhook_url + ("" if level == OK else ": Telegram posts only to https://")
        found.append(Finding(level, "telegram", mode))
    else:
        found.append(Finding(OK, "telegram", "long polling (one process only; DUBAN_WEBHOOK_URL for several)"))
    return found


def check_wecom(settings: Settings) -> list[Finding]:
    """Every WeCom setting present, the AES key well formed, the secret accepted (gettoken), the
    callback's public address."""
    if not settings.wecom_corp_id:
        return [Finding(OK, "wecom", "not configured (DUBAN_WECOM_CORP_ID unset)")]
    needed = {
        "DUBAN_WECOM_AGENT_ID": settings.wecom_agent_id,
        "DUBAN_WECOM_SECRET": settings.wecom_secret,
        "DUBAN_WECOM_TOKEN": settings.wecom_token,
        "DUBAN_WECOM_AES_KEY": settings.wecom_aes_key,
    }
    missing = [name for name, value in needed.items() if value in (None, "")]
    if missing:
        return [Finding(FAIL, "wecom", f"DUBAN_WECOM_CORP_ID is set but {', '.join(missing)} not")]
    found: list[Finding] = []
    key = settings.wecom_aes_key or ""
    try:
        valid_key = len(key) == 43 and len(base64.b64decode(key + "=", validate=True)) == 32
    except binascii.Error:
        valid_key = False
    if not valid_key:
        found.append(Finding(FAIL, "wecom", "DUBAN_WECOM_AES_KEY must be the app's 43-character EncodingAESKey"))

    async def get_token() -> dict[str, object]:
        url = f"{settings.wecom_api_url.rstrip('/')}/gettoken"
        query = {"corpid": settings.wecom_corp_id or "", "corpsecret": settings.wecom_secret or ""}
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session, session.get(url, params=query) as response:
            return await response.json(content_type=None)

    try:
        body = asyncio.run(get_token())
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        found.append(Finding(FAIL, "wecom", f"{settings.wecom_api_url} cannot be reached: {exc or type(exc).__name__}"))
    else:
        if body.get("errcode") == 0:
            found.append(
                Finding(OK, "wecom", f"corp {settings.wecom_corp_id}, app {settings.wecom_agent_id}: secret accepted")
            )
        else:
            found.append(
                Finding(
                    FAIL,
                    "wecom",
                    f"DUBAN_WECOM_CORP_ID / DUBAN_WECOM_SECRET refused: errcode {body.get('errcode')} {body.get('errmsg')}",
                )
            )
    callback = settings.desk_url() + settings.wecom_callback_path
    if settings.web_url and settings.web_url.startswith("https://"):
        found.append(Finding(OK, "wecom", f"callback URL to enter in the app: {callback}"))
    else:
        found.append(
            Finding(
                WARN,
                "wecom",
                f"callback {callback} is not a public https:// address: set DUBAN_WEB_URL to the reverse proxy's",
            )
        )
    return found


def check_web(settings: Settings) -> list[Finding]:
    if not settings.web_console:
        return [Finding(OK, "web console", "off (DUBAN_WEB_CONSOLE=false)")]
    return [
        Finding(
            OK, "web console", f"{settings.desk_url()}/desk/ (listening on {settings.web_host}:{settings.web_port})"
        )
    ]


def check_fonts(settings: Settings) -> list[Finding]:
    from ledger.chart import cjk_font

    family = cjk_font()
    if family is None:
        return [Finding(WARN, "fonts", "no CJK font: the ledger chart's labels show as boxes (install fonts-noto-cjk)")]
    return [Finding(OK, "fonts", f"the ledger chart draws in {family}")]


CHECKS: tuple[Callable[[Settings], list[Finding]], ...] = (
    check_database,
    check_plan,
    check_directory,
    check_calendar,
    check_telegram,
    check_wecom,
    check_web,
    check_fonts,
)


def check(settings: Settings) -> list[Finding]:
    """Every check's findings, in order."""
    return [finding for run in CHECKS for finding in run(settings)]
