"""`duban ask` is a diagnosis (QA finding 3, issue #27): it shows how a message is read and what the
answer would do, and does none of it: no member, request, conversation or delivery is left behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from bot.cli import main
from core.settings import Settings
from storage.db import make_engine
from storage.models import Broadcast, Delivery, Dialog, Extension, Member, Report


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Broadcast, Delivery, Dialog, Extension, Report)
        }
        found["ask members"] = len(session.exec(select(Member).where(Member.platform == "ask")).all())
    engine.dispose()
    return found


def test_ask_shows_what_an_extension_request_would_do_and_does_none_of_it(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DUBAN_DATABASE_URL", database_url)
    assert main(["assign", "编制权责清单", "--lead", "区司法局", "--due", "2099-06-30"]) == 0
    capsys.readouterr()
    before = counts(database_url)

    assert main(["ask", "申请延期 交办1号 到2099-09-30 人手不足", "--as", "区司法局", "--json"]) == 0
    asked = json.loads(capsys.readouterr().out)
    assert any(act.startswith("store an extension request: 交办1号") for act in asked["would"]), asked
    assert any(act.startswith("queue “【延期申请】") for act in asked["would"]), asked

    assert main(["ask", "汇报进展", "--as", "区司法局"]) == 0
    shown = capsys.readouterr().out
    assert "would keep a conversation open" in shown and "not done" in shown

    assert counts(database_url) == before  # nothing stored, queued, opened, and no member made
    assert Settings.load().db_url() == database_url


def test_ask_of_a_question_would_do_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    assert main(["ask", "第15条谁牵头", "--json"]) == 0
    asked = json.loads(capsys.readouterr().out)
    assert asked["reply"].startswith("第15条由 区司法局 牵头") and asked["would"] == []
