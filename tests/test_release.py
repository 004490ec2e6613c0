"""Upgrades and backups as an office meets them: a database made by the previous release opens with
nothing lost, a newer one is refused, and a backup restored brings back reports, deliveries and open
conversations, on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from schedules.outbox import enqueue
from storage.db import SchemaError, make_engine, migrate
from storage.models import CalendarDay, Delivery, Dialog, OfficeAction, Report
from storage.schema import code_head, database_revision
from tests.chat import Chat

PREVIOUS = Path(__file__).parent / "data" / "release" / "duban-0012.db"
FOREVER = 10**7  # minutes: a conversation left open in the fixture is not timed out by the test's clock


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def dump(path: Path) -> list[str]:
    """A SQLite database's schema and rows, as SQL (the file's header changes with its journal mode)."""
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


@pytest.fixture
def previous_release(tmp_path: Path) -> Path:
    """A copy of the database release 0.1.0 left after a week of use: made through its console and
    command line at schema 0012 (张三 of 区司法局 reported 第2条 已完成; 李四 of 区统计局 left a guided
    report open; a broadcast to both units waits in the outbox; 第15条's deadline was corrected, 第11条's
    event recorded, two 2027 calendar days entered, 986 reminders planned)."""
    copy = tmp_path / "duban.db"
    shutil.copy(PREVIOUS, copy)
    return copy


async def test_a_database_of_the_previous_release_upgrades_with_nothing_lost(previous_release: Path) -> None:
    url = f"sqlite:///{previous_release}"
    chat = Chat(previous_release.parent, database_url=url, dialog_timeout_minutes=FOREVER)  # opening migrates it
    assert database_revision(make_engine(url)) == code_head()

    mine = await chat.text("张三", "我的汇报")
    assert "第2条 【已完成】" in mine and "清理了32件规范性文件" in mine
    assert "落实清单管理制度" in await chat.text("李四", "2")  # the report 李四 left open goes on
    assert "说明进展" in await chat.text("李四", "推进中")
    view = chat.ctx.store.view()
    assert str(view.due(view.task(15))) == "2021-10-31"  # the office's correction survives
    with Session(make_engine(url)) as session:
        waiting = session.exec(select(Delivery).where(Delivery.status == "pending")).all()
        assert {d.chat_id for d in waiting} == {"张三", "李四"} and len(waiting) == 4
        assert len(session.exec(select(CalendarDay)).all()) == 2
        assert len(session.exec(select(OfficeAction)).all()) >= 5


def test_migrate_says_where_the_schema_went(previous_release: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DUBAN_DATABASE_URL", f"sqlite:///{previous_release}")
    code, out, _ = run(capsys, "migrate")
    assert code == 0 and code_head() in out
    code, out, _ = run(capsys, "migrate")
    assert code == 0 and f"schema {code_head()}: up to date" in out


def test_a_database_of_a_newer_release_is_refused_and_left_alone(previous_release: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(previous_release) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    before = dump(previous_release)
    with pytest.raises(SchemaError, match="schema 9999, newer than this release"):
        migrate(make_engine(f"sqlite:///{previous_release}"))
    monkeypatch.setenv("DUBAN_DATABASE_URL", f"sqlite:///{previous_release}")
    for command in (["migrate"], ["tasks"]):
        code, _, err = run(capsys, *command)
        assert code == 1 and err.count("\n") == 1 and "newer than this release" in err
    assert dump(previous_release) == before


async def test_backup_and_restore_round_trip(database_url: str, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DUBAN_DATABASE_URL", database_url)
    chat = Chat(tmp_path, database_url=database_url, dialog_timeout_minutes=FOREVER)
    await chat.join("张三", "区司法局")
    await chat.report_done("张三", 2)
    await chat.join("李四", "区统计局")
    await chat.text("李四", "汇报进展")
    await chat.text("李四", "2")  # a guided report open at the backup
    with chat.ctx.store.session() as session:
        enqueue(session, text="请于周五前报送", recipients=[("console", "张三"), ("console", "李四")], audience="all")

    def state() -> tuple[list[tuple[object, ...]], ...]:
        with chat.ctx.store.session() as session:
            return (
                sorted((r.task_id, r.unit_id, r.status, r.text) for r in session.exec(select(Report))),
                sorted((d.chat_id, d.status) for d in session.exec(select(Delivery))),
                sorted((d.user_id, d.state) for d in session.exec(select(Dialog))),
            )

    kept = state()
    backup = tmp_path / "backups" / "duban.backup"
    code, out, err = run(capsys, "backup", "--out", str(backup))
    assert code == 0, err
    assert f"schema {code_head()}" in out and backup.stat().st_size > 0

    await chat.report_done("张三", 5)  # work done after the backup, then lost with the restore
    await chat.text("李四", "取消")
    assert state() != kept

    code, _, err = run(capsys, "restore", str(backup))  # no terminal, no --yes: refused
    assert code == 1 and "not confirmed" in err and state() != kept
    code, out, err = run(capsys, "restore", str(backup), "--yes")
    assert code == 0, err
    chat = Chat(tmp_path, database_url=database_url, dialog_timeout_minutes=FOREVER)
    assert state() == kept
    assert "说明进展" in await chat.text("李四", "推进中")  # the conversation open at the backup goes on


def test_restore_refuses_a_file_that_is_no_backup_of_this_kind(
    database_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DUBAN_DATABASE_URL", database_url)
    Chat(tmp_path, database_url=database_url)
    stray = tmp_path / "notes.txt"
    stray.write_text("not a database", encoding="utf-8")
    code, _, err = run(capsys, "restore", str(stray), "--yes")
    assert code == 1 and "is not a Duban backup" in err
    other = PREVIOUS if database_url.startswith("postgresql") else None
    if other is not None:  # a SQLite backup offered to PostgreSQL names both kinds
        code, _, err = run(capsys, "restore", str(other), "--yes")
        assert code == 1 and "is a sqlite backup and the database is postgresql" in err


def test_a_broadcast_without_a_terminal_or_yes_sends_nothing(previous_release: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "DUBAN_DATABASE_URL": f"sqlite:///{previous_release}"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "broadcast", "--to", "区司法局", "--text", "明天开会"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == "duban: error: not sent: confirm at a terminal, or add --yes"
    with Session(make_engine(env["DUBAN_DATABASE_URL"])) as session:
        assert len(session.exec(select(Delivery)).all()) == 4  # only the fixture's own


def test_duban_run_says_where_its_data_is(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")} | {"DUBAN_WEB_CONSOLE": "false"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        input="/quit\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"data: {tmp_path.resolve() / 'data' / 'duban.db'} (DUBAN_DATA_DIR" in done.stderr
