"""Duban's configuration: one object read from DUBAN_… environment variables and `.env`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_PLAN = Path(__file__).resolve().parent.parent / "plan" / "data" / "donghe-2021-fazhi.txt"


class Settings(BaseSettings):
    """Everything an operator may set; the defaults run Duban on SQLite with the bundled plan."""

    model_config = SettingsConfigDict(env_prefix="DUBAN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="where the SQLite file and exports live")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir")
    plan_file: Path = Field(default=BUNDLED_PLAN, description="plan imported on first start when none is stored")
    directory_file: Path | None = Field(default=None, description="the office's unit directory (YAML)")
    timezone: str = "Asia/Shanghai"
    dialog_timeout_minutes: int = Field(default=30, description="an idle guided report ends after this long")
    # WeCom (企业微信) self-built app.
    wecom_corp_id: str | None = None
    wecom_agent_id: int | None = None
    wecom_secret: str | None = None
    wecom_token: str | None = Field(default=None, description="the callback's token")
    wecom_aes_key: str | None = Field(default=None, description="the callback's EncodingAESKey")
    wecom_api_url: str = Field(default="https://qyapi.weixin.qq.com/cgi-bin/", description="WeCom API root")
    wecom_admins: list[str] = Field(default_factory=list, description="WeCom userids of the office's admins")
    wecom_callback_path: str = "/wecom/callback"
    wecom_member_per_minute: int = Field(default=30, description="WeCom drops app messages past this per member")
    # Reminders: the office's policy.
    remind_days_before: list[int] = Field(default=[30, 7, 1], description="reminders this many days before a deadline")
    remind_periodic_days_before: int = Field(
        default=3, description="reminder before each checkpoint of a recurring duty"
    )
    chase_every_workdays: int = Field(default=3, description="while overdue, a chaser every this many working days")
    escalate_after_workdays: int = Field(
        default=2, description="overdue this long: the lead unit and the office are told"
    )
    remind_at: str = Field(default="09:00", description="local time reminders go out")
    quiet_hours: str = Field(default="21:00-08:00", description="no reminders between these local times")
    plan_horizon_days: int = Field(default=40, description="reminders are planned this far ahead")
    # The outbox.
    telegram_rate_per_second: float = Field(default=25.0, description="sends a second to Telegram; 0: no limit")
    wecom_rate_per_second: float = Field(default=0.0, description="sends a second to WeCom in all; 0: no limit")
    outbox_lease_seconds: float = Field(
        default=60.0, description="a claimed delivery whose sender vanished is retried after this"
    )
    outbox_backoff_seconds: float = Field(
        default=2.0, description="first wait after a 5xx or time-out, doubled each try"
    )
    telegram_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org"
    webhook_url: str | None = Field(
        default=None, description="public URL Telegram posts updates to; unset: long polling"
    )
    webhook_secret: str | None = Field(default=None, description="secret-token header Telegram must send")
    web_host: str = Field(default="127.0.0.1", description="where the web server (webhooks, callbacks) listens")
    web_port: int = 8080
    admins: list[int] = Field(default_factory=list, description="Telegram user ids of the office's admins")
    console_user: str = Field(default="office", description="who the local chat console starts as (an admin)")

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
