"""Every DUBAN_ setting is checked where the settings are read (QA findings 7 and 23): a value that
cannot be used stops `duban check` and every other command with one line naming the variable,
never a ValueError from deep inside the reminders."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from core.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("variable", "value", "expects"),
    [
        ("DUBAN_REMIND_AT", "25:00", "a local time HH:MM"),
        ("DUBAN_REMIND_AT", "nine", "a local time HH:MM"),
        ("DUBAN_QUIET_HOURS", "foo", "two local times HH:MM-HH:MM"),
        ("DUBAN_QUIET_HOURS", "21:00-25:00", "two local times HH:MM-HH:MM"),
        ("DUBAN_DIALOG_TIMEOUT_MINUTES", "-5", "a whole number of at least 1"),
        ("DUBAN_PAUSED_REPORT_DAYS", "0", "a whole number of at least 1"),
        ("DUBAN_WEB_PORT", "70000", "a whole number of at most 65535"),
        ("DUBAN_REMIND_WORKDAYS_BEFORE", "abc", "whole numbers of days, e.g. 3 or 5,1"),
        ("DUBAN_REMIND_DAYS_BEFORE", "-3", "whole numbers of days, e.g. 3 or 5,1"),
        ("DUBAN_OUTBOX_CONCURRENCY", "0", "a whole number of at least 1"),
        ("DUBAN_TELEGRAM_RATE_PER_SECOND", "-1", "a number of at least 0"),
    ],
)
@pytest.mark.parametrize("command", [["check"], ["units"]])
def test_a_bad_setting_stops_check_and_every_command_in_one_line(
    variable: str,
    value: str,
    expects: str,
    command: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"duban: error: {variable}: expected {expects}"), err
    assert repr(value) in err
    assert "ValueError" not in err and "Value error" not in err and "Input should" not in err


def test_good_times_are_taken_as_operators_type_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_REMIND_AT", "9:30")
    monkeypatch.setenv("DUBAN_QUIET_HOURS", "21:00 - 7:30")
    settings = Settings.load(_env_file=None)
    assert settings.remind_at == "09:30" and settings.quiet_hours == "21:00-07:30"


def test_admin_ids_keep_their_own_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_ADMINS", "office-zhang")
    with pytest.raises(SettingsError, match=r"DUBAN_ADMINS: expected whole numbers, e\.g\. 9001 or 9001,9002"):
        Settings.load(_env_file=None)
