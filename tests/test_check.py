"""`duban check` as an office runs it before going live: the real command in a process of its own,
against the fake Bot API and the fake WeCom, with good settings and with each kind of broken one."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.wecom_api import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, FakeWeCom


async def duban_check(tmp_path: Path, **settings: str) -> tuple[int, list[str], str]:
    """Run `duban check` with these DUBAN_ settings; its exit status, its lines, its error line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    env.update({"DUBAN_DATA_DIR": str(tmp_path / "data"), **{f"DUBAN_{k.upper()}": v for k, v in settings.items()}})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "check", env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode or 0, out.decode().splitlines(), err.decode()


def line(lines: list[str], part: str, level: str = "") -> str:
    """The one line about a part (the first, at this level when given)."""
    return next(x for x in lines if x[5:].startswith(part + ":") and x.startswith(level))


@pytest.fixture
async def platforms():  # type: ignore[no-untyped-def]
    telegram, wecom = FakeTelegram(), FakeWeCom()
    await telegram.start()
    await wecom.start()
    yield telegram, wecom
    await telegram.stop()
    await wecom.stop()


async def test_a_good_deployment_checks_out_on_every_line(tmp_path: Path, platforms) -> None:  # type: ignore[no-untyped-def]
    telegram, wecom = platforms
    code, lines, err = await duban_check(
        tmp_path,
        telegram_token=telegram.token,
        telegram_api_url=telegram.url,
        webhook_url="https://duban.example.gov.cn/tg/hook",
        wecom_corp_id=CORP_ID,
        wecom_agent_id=str(AGENT_ID),
        wecom_secret=SECRET,
        wecom_token=TOKEN,
        wecom_aes_key=AES_KEY,
        wecom_api_url=wecom.url,
        web_url="https://duban.example.gov.cn",
    )
    assert code == 0, (lines, err)
    assert not [x for x in lines if x.startswith("FAIL")]
    assert "token accepted: @" in line(lines, "telegram")
    assert "webhook at https://duban.example.gov.cn/tg/hook" in "\n".join(lines)
    assert "secret accepted" in line(lines, "wecom", "ok")
    assert "https://duban.example.gov.cn/wecom/callback" in "\n".join(lines)
    assert "schema" in line(lines, "database") and "26 tasks" in line(lines, "plan")
    assert any(c.method == "getMe" for c in telegram.calls) and wecom.token_requests == 1


async def test_each_broken_setting_names_itself_and_fails_the_check(tmp_path: Path, platforms) -> None:  # type: ignore[no-untyped-def]
    telegram, wecom = platforms
    code, lines, err = await duban_check(
        tmp_path,
        telegram_token="123:wrong",
        telegram_api_url=telegram.url,
        wecom_corp_id=CORP_ID,
        wecom_agent_id=str(AGENT_ID),
        wecom_secret="not-the-secret",
        wecom_token=TOKEN,
        wecom_aes_key="too-short",
        wecom_api_url=wecom.url,
        plan_file=str(tmp_path / "missing-plan.docx"),
    )
    assert code == 1 and err.startswith("duban: error:") and err.count("\n") == 1
    assert "DUBAN_TELEGRAM_TOKEN refused" in line(lines, "telegram", "FAIL")
    fails = "\n".join(x for x in lines if x.startswith("FAIL"))
    assert "DUBAN_WECOM_AES_KEY must be" in fails and "DUBAN_WECOM_SECRET refused: errcode 40013" in fails
    assert "DUBAN_PLAN_FILE" in line(lines, "plan", "FAIL")
    assert "callback" in line(lines, "wecom", "warn")  # no public https address for WeCom's callback


async def test_an_unreachable_database_and_a_bad_value_each_in_one_line(tmp_path: Path) -> None:
    code, lines, err = await duban_check(tmp_path, database_url="postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert code == 1
    assert "cannot be reached" in line(lines, "database", "FAIL") and "DUBAN_DATABASE_URL" in line(lines, "database")
    assert line(lines, "web console", "ok")  # the rest is still checked and said
    code, lines, err = await duban_check(tmp_path, timezone="Beijing")
    assert code == 1 and lines == []
    assert err == "duban: error: DUBAN_TIMEZONE: expected an IANA time zone such as Asia/Shanghai (got 'Beijing')\n"


def test_a_year_the_calendar_lacks_is_a_warning_until_the_office_enters_it(tmp_path: Path) -> None:
    from datetime import date

    from bot.check import OK, WARN, check_calendar
    from core.settings import Settings
    from core.store import open_store
    from storage.models import CalendarDay

    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    store = open_store(settings)
    found = check_calendar(settings, today=date(2099, 3, 1))
    assert [f.level for f in found if f.part == "calendar"] == [WARN]
    assert "does not know 2099" in found[-1].text and "duban holidays" in found[-1].text
    with store.session() as session:
        session.add(CalendarDay(day=date(2099, 1, 1), workday=False, note="元旦"))
    assert [f.level for f in check_calendar(settings, today=date(2099, 3, 1)) if f.part == "calendar"] == [OK]
    december = check_calendar(settings, today=date(2099, 12, 1))  # in December next year's matters too
    assert [f.level for f in december if f.part == "calendar"] == [OK, WARN] and "2100" in december[-1].text
