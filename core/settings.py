"""Duban's configuration: one object read from DUBAN_… environment variables and `.env`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BUNDLED_PLAN = Path(__file__).resolve().parent.parent / "plan" / "data" / "bundled-plan.txt"


class SettingsError(ValueError):
    """A setting that cannot be read: its message is one line for the operator."""


# What a list setting holds, with an example of its own kind (user ids are not days).
LIST_KINDS = {
    "admins": "whole numbers, e.g. 9001 or 9001,9002",
    "wecom_admins": "userids, e.g. zhangsan or zhangsan,lisi",
    "remind_days_before": "whole numbers of days, e.g. 3 or 5,1",
    "remind_workdays_before": "whole numbers of days, e.g. 3 or 5,1",
}
BOUNDS = {
    "greater_than_equal": ("ge", "of at least"),
    "greater_than": ("gt", "above"),
    "less_than_equal": ("le", "of at most"),
}


def describe(exc: ValidationError) -> str:
    """One line: each bad variable, what it got and what it expects (in words, never pydantic's)."""
    parts: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        if name in parts:  # a list's second bad item: the variable is named once
            continue
        field = Settings.model_fields.get(name)
        expects = field.description if field is not None and field.description else ""
        annotation = field.annotation if field is not None else None
        kind = {int: "a whole number", float: "a number", bool: "true or false"}.get(annotation)  # type: ignore[arg-type]
        bound = BOUNDS.get(error.get("type", ""))
        if bound and kind:
            limit = (error.get("ctx") or {}).get(bound[0])
            kind = f"{kind} {bound[1]} {limit:g}" if isinstance(limit, float) else f"{kind} {bound[1]} {limit}"
        kind = LIST_KINDS.get(name, kind)
        got = error.get("input")
        if name in LIST_KINDS and len(error["loc"]) > 1:  # one item of the list: show what was typed
            got = os.environ.get(f"DUBAN_{name.upper()}", got)
        shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
        if error.get("type") == "value_error":  # a validator's own words say what is expected, and enough
            kind, expects = str(error["msg"]).removeprefix("Value error, "), ""
        parts[name] = f"DUBAN_{name.upper()}: expected {kind or 'a usable value'}{shown}" + (
            f"; {expects}" if expects else ""
        )
    return " | ".join(parts.values())


def _clock(text: str) -> str | None:
    """`9:30` or `09:30` as HH:MM; None when it is no time of day."""
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


class Settings(BaseSettings):
    """Everything an operator may set; the defaults run Duban on SQLite with the bundled plan."""

    model_config = SettingsConfigDict(env_prefix="DUBAN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="where the SQLite file and exports live")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir")
    plan_file: Path = Field(default=BUNDLED_PLAN, description="plan imported on first start when none is stored")
    directory_file: Path | None = Field(default=None, description="the office's unit directory (YAML)")
    timezone: str = Field(default="Asia/Shanghai", description="the time zone of every time shown and reminder")
    dialog_timeout_minutes: int = Field(default=30, ge=1, description="an idle guided report ends after this long")
    paused_report_days: int = Field(default=7, ge=1, description="a report put aside (稍后继续) is kept this long")
    delivery_keep_days: int = Field(default=90, ge=1, description="sent and failed deliveries are kept this long")
    ledger_keep_hours: int = Field(
        default=24, ge=1, description="ledger workbooks and charts made for the chat are kept this long"
    )
    # WeCom (企业微信) self-built app.
    wecom_corp_id: str | None = None
    wecom_agent_id: int | None = None
    wecom_secret: str | None = None
    wecom_token: str | None = Field(default=None, description="the callback's token")
    wecom_aes_key: str | None = Field(default=None, description="the callback's EncodingAESKey")
    wecom_api_url: str = Field(default="https://qyapi.weixin.qq.com/cgi-bin/", description="WeCom API root")
    wecom_admins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="WeCom userids of the office's admins"
    )
    wecom_callback_path: str = "/wecom/callback"
    wecom_cards: bool = Field(default=True, description="choices as template cards with buttons; off: numbered text")
    wecom_member_per_minute: int = Field(default=30, ge=1, description="WeCom drops app messages past this per member")
    # Reminders: the office's policy.
    remind_workdays_before: Annotated[list[Annotated[int, Field(ge=0)]], NoDecode] = Field(
        default=[3], description="reminders this many working days before a deadline (holidays and 调休 counted)"
    )
    remind_days_before: Annotated[list[Annotated[int, Field(ge=0)]], NoDecode] = Field(
        default_factory=list, description="reminders this many calendar days before a deadline (30,7: a month's notice)"
    )
    remind_periodic_days_before: int = Field(
        default=3, ge=0, description="reminder before each checkpoint of a recurring duty"
    )
    chase_after_workdays: int = Field(
        default=1, ge=1, description="the first chaser (催办) this many working days after a missed deadline"
    )
    chase_every_workdays: int = Field(
        default=3, ge=1, description="while overdue, then a chaser every this many working days"
    )
    escalate_after_workdays: int = Field(
        default=2, ge=1, description="overdue this long: the lead unit and the office are told"
    )
    leader_after_workdays: int = Field(
        default=5, ge=1, description="after the chaser, this many more working days late: the unit's leaders are copied"
    )
    light_yellow_workdays: int = Field(
        default=3, ge=0, description="a part turns yellow this many working days before its deadline (red when late)"
    )
    assign_number_format: str = Field(
        default="督办〔{year}〕{n}号", description="how the office numbers a 交办单 ({year}, {n})"
    )
    # The bulletin (督办通报) and the leaders' digest.
    bulletin_template: Path | None = Field(default=None, description="the office's own .docx template of the bulletin")
    bulletin_issuer: str = Field(default="督查室", description="who issues the bulletin, under its masthead")
    bulletin_number: str = Field(default="{year}年第{n}期", description="the bulletin's number ({year}, {n})")
    bulletin_ranking: bool = Field(default=False, description="rank units in the bulletin (off: avoid 滥用排名)")
    signoff_workdays: int = Field(default=1, ge=0, description="签收 within this many working days counts as timely")
    leader_digest: bool = Field(default=True, description="a weekly digest to each unit's leaders")
    remind_at: str = Field(default="09:00", description="local time reminders go out")
    quiet_hours: str = Field(default="21:00-08:00", description="no reminders between these local times")
    plan_horizon_days: int = Field(default=40, ge=1, description="reminders are planned this far ahead")
    # The outbox.
    telegram_rate_per_second: float = Field(default=25.0, ge=0, description="sends a second to Telegram; 0: no limit")
    wecom_rate_per_second: float = Field(default=0.0, ge=0, description="sends a second to WeCom in all; 0: no limit")
    outbox_lease_seconds: float = Field(
        default=60.0, ge=0, description="a claimed delivery whose sender vanished is retried after this"
    )
    outbox_concurrency: int = Field(
        default=16, ge=1, description="sends in flight at once: 30 a second at 400 ms each needs 12"
    )
    outbox_backoff_seconds: float = Field(
        default=2.0, ge=0, description="first wait after a 5xx or time-out, doubled each try"
    )
    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org"
    webhook_url: str | None = Field(
        default=None, description="public URL Telegram posts updates to; unset: long polling"
    )
    webhook_secret: str | None = Field(default=None, description="secret-token header Telegram must send")
    web_host: str = Field(default="127.0.0.1", description="where the web server (webhooks, callbacks) listens")
    web_port: int = Field(default=8080, ge=1, le=65535, description="the web server's port")
    web_console: bool = Field(default=True, description="serve the office's web console (督办台) at /desk/")
    web_url: str | None = Field(
        default=None, description="the console's address as the office reaches it; default http://HOST:PORT"
    )
    web_secret: str | None = Field(
        default=None, description="32-byte url-safe base64 key for console cookies; default kept in the database"
    )
    web_session_hours: float = Field(default=8.0, gt=0, description="a console sign-in lasts this long")
    upload_seconds: float = Field(default=60.0, gt=0, description="a plan file's reading is abandoned after this long")
    upload_memory_mb: int = Field(default=512, ge=1, description="memory the worker reading a plan file may take")
    upload_unzipped_mb: int = Field(default=100, ge=1, description="a .docx/.xlsx may unzip to at most this much")
    telegram_bot_name: str | None = Field(default=None, description="the bot's username, for invite links and QR codes")
    admins: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Telegram user ids of the office's admins"
    )
    console_user: str = Field(default="office", description="who the local chat console starts as (an admin)")

    @field_validator("admins", "wecom_admins", "remind_days_before", "remind_workdays_before", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        """What an operator types: `9001`, `9001,9002`, `9001 9002` or `[9001, 9002]`."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                text = text.strip("[]")
        return [
            item.strip().strip("'\"") for item in text.replace("，", ",").replace(" ", ",").split(",") if item.strip()
        ]

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        """An IANA time zone name (Asia/Shanghai), checked at start rather than at the first reminder."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("an IANA time zone such as Asia/Shanghai") from None
        return value

    @field_validator("remind_at")
    @classmethod
    def _remind_at(cls, value: str) -> str:
        """A local time of day, `9:00` or `09:00`, kept as HH:MM for the reminders."""
        clock = _clock(value)
        if clock is None:
            raise ValueError("a local time HH:MM such as 09:00")
        return clock

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        """Two local times, from-to (`21:00-08:00`), kept as HH:MM-HH:MM."""
        start, dash, end = value.replace("–", "-").replace("～", "-").replace("~", "-").partition("-")
        clocks = (_clock(start), _clock(end))
        if not dash or None in clocks:
            raise ValueError("two local times HH:MM-HH:MM such as 21:00-08:00")
        return f"{clocks[0]}-{clocks[1]}"

    @field_validator("assign_number_format", "bulletin_number")
    @classmethod
    def _numbering(cls, value: str) -> str:
        """A numbering pattern that can be filled in: only {year} and {n} as placeholders."""
        try:
            value.format(year=2026, n=1)
        except (KeyError, IndexError, ValueError):
            raise ValueError("a numbering pattern whose only placeholders are {year} and {n}") from None
        return value

    @classmethod
    def load(cls, **values: Any) -> Settings:
        """The settings in force; SettingsError with one line naming each bad variable and what it expects."""
        try:
            return cls(**values)
        except ValidationError as exc:
            raise SettingsError(describe(exc)) from None

    def desk_url(self) -> str:
        """Where the web console is reached, without a trailing slash."""
        return (self.web_url or f"http://{self.web_host}:{self.web_port}").rstrip("/")

    def configured_admins(self) -> list[tuple[str, str]]:
        """(platform, user id) of every admin the configuration names, on every platform."""
        return [
            *(("telegram", str(i)) for i in self.admins),
            *(("wecom", u) for u in self.wecom_admins),
            ("console", self.console_user),
        ]

    def chat_admins(self) -> list[tuple[str, str]]:
        """(platform, user id) of the admins configured for the chat platforms that are set up."""
        people = [("telegram", str(i)) for i in self.admins] if self.telegram_token else []
        return people + ([("wecom", u) for u in self.wecom_admins] if self.wecom_corp_id else [])

    def names_admin(self, platform: str, user_id: str) -> bool:
        """Whether the configuration makes this platform user an admin (the office)."""
        if platform == "telegram":
            return user_id.lstrip("-").isdigit() and int(user_id) in self.admins
        if platform == "wecom":
            return user_id in self.wecom_admins
        return platform == "console" and user_id == self.console_user

    def db_url(self) -> str:
        """The database URL in force: DUBAN_DATABASE_URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'duban.db').as_posix()}"
