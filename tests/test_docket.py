"""The office's whole docket: several plans of different places live at once, each a source with its
own short name and numbering; a file that is no plan is refused; answers cover every live source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import make_engine
from storage.models import Plan
from tests.chat import Chat

PLANS = Path(__file__).parent / "data" / "plans"
GANGCHENG = PLANS / "gangcheng-2021.txt"  # 钢城区 营商环境: shares 区司法局 with the bundled 东河区 法治 plan
README = Path(__file__).parent.parent / "README.md"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_second_plan_adds_a_source_and_the_first_stays(
    seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(seed_path))[0] == 0
    code, out, _ = run(capsys, "import", str(GANGCHENG))
    assert code == 0 and "营商1" in out
    code, out, _ = run(capsys, "sources", "--json")
    sources = json.loads(out)
    assert [(s["short_name"], s["tasks"], s["archived"]) for s in sources] == [("法治", 26, False), ("营商", 4, False)]
    code, out, err = run(capsys, "tasks", "--unit", "区司法局", "--json")
    assert code == 0, err
    found = json.loads(out)["tasks"]
    assert {t["source"] for t in found} == {"法治", "营商"}  # the first plan's tasks did not disappear
    # Closing a source takes it out of the live docket, and reopening brings it back.
    assert run(capsys, "source", "营商", "--archive")[0] == 0
    found = json.loads(run(capsys, "tasks", "--unit", "区司法局", "--json")[1])["tasks"]
    assert {t["source"] for t in found} == {"法治"}
    assert run(capsys, "source", "营商", "--reopen", "--name", "放管服")[0] == 0
    found = json.loads(run(capsys, "tasks", "--unit", "区司法局", "--json")[1])["tasks"]
    assert {t["source"] for t in found} == {"法治", "放管服"}


def test_a_file_that_is_no_plan_is_refused_and_nothing_stored(
    seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(seed_path))[0] == 0
    code, out, err = run(capsys, "import", str(README))
    assert code == 1 and "does not look like a plan" in err and err.count("\n") == 1
    with Session(make_engine(f"sqlite:///{data_dir / 'duban.db'}")) as session:
        assert [p.title for p in session.exec(select(Plan)).all()] == ["东河区2021年度法治政府建设工作计划"]
    code, _, _ = run(capsys, "import", str(README), "--force")  # the office insists: stored, as it asked
    assert code == 0


async def test_tasks_are_named_by_source_and_number(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    chat.ctx.store.import_file(GANGCHENG)
    view = chat.ctx.store.view()
    assert view is not None and view.several
    assert view.task("营商3") is not None and view.task("营商3").source == "营商"  # type: ignore[union-attr]
    assert view.task("法治第15条").number == 15  # type: ignore[union-attr]
    assert view.task(3) is None and len(view.find("第3条")) == 2  # two sources have a 3: not guessed
    assert view.task(26) is not None  # only one source has a 26


def test_a_database_of_the_current_release_upgrades_with_nothing_lost(
    database_url: str, seed_path: Path, directory: object
) -> None:
    """A database made at revision 0012 (one plan, a report on it, an older superseded plan row) is
    migrated: the plan imported last becomes the docket's first live source, with its reports."""
    from alembic import command
    from sqlalchemy import text

    from core.settings import Settings
    from core.store import open_store
    from storage.db import alembic_config

    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0012")
    with engine.begin() as conn:
        for pid, title, when in ((1, "旧计划", "2021-01-01 00:00:00+00"), (2, "东河区计划", "2021-06-01 00:00:00+00")):
            conn.execute(
                text(
                    "INSERT INTO plan (id, title, source_name, source_hash, warnings, imported_at) "
                    "VALUES (:id, :title, 'p.txt', :h, '[]', :at)"
                ),
                {"id": pid, "title": title, "h": f"h{pid}", "at": when},
            )
        conn.execute(
            text(
                "INSERT INTO task (id, plan_id, number, label, title, body, deadlines, targets, original, updated_at) "
                "VALUES (7, 2, 3, '', '清理规范性文件', '', '[]', '[]', '', '2021-06-01 00:00:00+00')"
            )
        )
        conn.execute(text("INSERT INTO unit (id, name, kind) VALUES (5, '区司法局', 'department')"))
        conn.execute(text("INSERT INTO taskunit (task_id, unit_id, role, position) VALUES (7, 5, 'lead', 0)"))
        conn.execute(
            text(
                "INSERT INTO report (task_id, unit_id, status, text, platform, created_at) "
                "VALUES (7, 5, 'in_progress', '已起草', 'console', '2021-07-01 00:00:00+00')"
            )
        )
    engine.dispose()
    store = open_store(Settings(_env_file=None, database_url=database_url), seed=False)  # type: ignore[call-arg]
    view = store.view()
    assert view is not None and view.plan_ids == [2] and not view.several
    task = view.task(3)
    assert task is not None and task.title == "清理规范性文件" and task.lead == ["区司法局"]
    from storage.reports import reports_of_plan

    with store.session() as session:
        assert [r.text for r in reports_of_plan(session, view.plan_ids)] == ["已起草"]
        titles = {p.title: p.archived_at is not None for p in session.exec(select(Plan)).all()}
    assert titles == {"旧计划": True, "东河区计划": False}  # the superseded row kept, closed
    store.engine.dispose()
