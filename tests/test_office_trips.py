"""What a new office tripped over (issue 13): settings as operators type them, progress hidden but
never misreported, admins nobody can reach, invisible characters in what people type."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.run import warn_unreachable_admins
from core.settings import Settings, SettingsError
from tests.chat import Chat


@pytest.mark.parametrize("typed", ["9001", "9001,9002", "[9001, 9002]", " 9001 , 9002 "])
def test_admin_lists_as_operators_type_them(typed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUBAN_ADMINS", typed)
    monkeypatch.setenv("DUBAN_WECOM_ADMINS", "zhangsan,lisi")
    monkeypatch.setenv("DUBAN_REMIND_DAYS_BEFORE", "14,3")
    settings = Settings.load(_env_file=None)
    assert settings.admins[0] == 9001 and set(settings.admins) <= {9001, 9002}
    assert settings.wecom_admins == ["zhangsan", "lisi"] and settings.remind_days_before == [14, 3]


def test_a_bad_setting_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DUBAN_ADMINS", "office-zhang")
    assert main(["units"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("duban: error: DUBAN_ADMINS: expected whole numbers") and "'office-zhang'" in err
    with pytest.raises(SettingsError, match="DUBAN_WEB_PORT"):
        monkeypatch.setenv("DUBAN_ADMINS", "1")
        monkeypatch.setenv("DUBAN_WEB_PORT", "eighty")
        Settings.load(_env_file=None)


async def test_unbound_progress_question_is_told_who_may_see_and_how_to_bind(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("wang", "司法局")
    confirm = await chat.say("wang", "15 推进中 已起草清单")
    saved = await chat.press("wang", confirm, "确认")
    assert "已保存" in saved[0].text
    unbound = await chat.text("visitor", "第15条进展")
    assert "还没有汇报" not in unbound  # it has been reported: hidden, never denied
    assert "/bind" in unbound and "可见" in unbound
    await chat.join("li", "统计局")  # bound, but not the lead of task 15
    other = await chat.text("li", "第15条进展")
    assert "区统计局还没有汇报第15条" in other and "牵头单位（区司法局）" in other
    assert "已起草清单" in await chat.text("office", "第15条进展")


async def test_zero_width_characters_do_not_hide_a_question(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    answer = await chat.text("office", "第15条\u200b谁\u200d牵头\u2060")
    assert answer.startswith("第15条由 区司法局 牵头。")
    assert "区司法局" in await chat.text("office", "\ufeff第\u200e15条")


async def test_unreachable_admins_are_named_at_start(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    chat = Chat(tmp_path, telegram_token="1:x", admins=[9001, 9002])
    await chat.say("9002", "/help", platform="telegram")  # 9002 has opened a chat with the bot
    with caplog.at_level(logging.WARNING):
        missing = warn_unreachable_admins(chat.ctx)
    assert missing == [("telegram", "9001")]
    assert "telegram:9001" in caplog.text and "duban invite" in caplog.text


async def test_photo_outside_a_report_is_answered(tmp_path: Path) -> None:
    from core.messages import Attachment

    chat = Chat(tmp_path)
    answer = await chat.text("office", "", attachment=Attachment("photo", "F1", "p.jpg"))
    assert "汇报进展" in answer


async def test_a_one_line_report_is_stored_exactly_as_typed(tmp_path: Path) -> None:
    from sqlmodel import Session, select

    from storage.models import Report

    chat = Chat(tmp_path)
    await chat.join("wang", "司法局")
    account = "<b>已印发</b>，& 公示（第二批）：共3件\u200f"
    confirm = await chat.say("wang", f"16 推进中 {account}")
    saved = await chat.press("wang", confirm, "确认")
    assert "已保存" in saved[0].text
    again = await chat.press("wang", confirm, "确认")  # a second tap on the same button
    assert "已保存" in again[0].text and "取消" not in again[0].text
    with Session(chat.ctx.store.engine) as session:
        [report] = session.exec(select(Report)).all()
    assert report.text == account  # byte for byte: full-width punctuation, markup, & and the RTL mark


async def test_an_account_of_only_invisible_characters_is_asked_again(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("wang", "司法局")
    await chat.say("wang", "汇报进展")
    await chat.say("wang", "15")
    await chat.say("wang", "推进中")
    asked = await chat.text("wang", "\u200b\u200b\u2060")
    assert "说明进展" in asked  # the account step is asked again
    assert "照片" not in asked  # the invisible account was not taken


async def test_an_id_taken_out_of_the_admins_loses_its_rights(tmp_path: Path) -> None:
    office = Chat(tmp_path, admins=[9001])
    # The office's overview of every unit is for admins; anyone else is only told how to bind.
    assert (await office.text("9001", "/overview", platform="telegram")).startswith("进展总览")
    later = Chat(tmp_path, admins=[])  # the operator removed 9001 from DUBAN_ADMINS and restarted
    assert "进展总览" not in await later.text("9001", "/overview", platform="telegram")
    granted = await later.text("office", "/addadmin telegram:9001")
    assert "is now an admin" in granted  # a command in Latin letters is answered in English
    assert (await later.text("9001", "/overview", platform="telegram")).startswith("进展总览")
    assert "no longer an admin" in await later.text("office", "/removeadmin telegram:9001")
    assert "进展总览" not in await later.text("9001", "/overview", platform="telegram")


async def test_report_times_are_in_the_plans_zone_on_a_utc_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time as clock
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monkeypatch.setenv("TZ", "UTC")
    clock.tzset()
    try:
        chat = Chat(tmp_path)
        await chat.join("wang", "司法局")
        confirm = await chat.say("wang", "16 推进中 已起草")
        await chat.press("wang", confirm, "确认")
        shown = await chat.text("office", "第16条进展")
        local = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:")
        assert local in shown  # eight hours ahead of the server's UTC clock
    finally:
        monkeypatch.delenv("TZ")
        clock.tzset()


async def test_saying_ones_own_unit_again_is_told_it_is_already_bound(tmp_path: Path) -> None:
    chat = Chat(tmp_path)  # QA finding 15: no Yes / No question about the unit one is in
    await chat.join("wang", "财政局")
    for said in ("I am from the Finance Bureau", "我是财政局的", "/bind 财政局"):
        replies = await chat.say("wang", said)
        shown = "\n".join(r.text for r in replies)
        assert "区财政局" in shown and ("已经绑定" in shown or "already bound" in shown), said
        assert not any(r.buttons for r in replies), said
