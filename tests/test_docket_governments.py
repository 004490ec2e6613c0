"""A docket of several governments' plans, as QA ran it: the bundled 东河区 plan beside 六安市's and a plan that
names no place (吴江's, printing 统计局). A collective (区政府各部门, 市政府各部门) reaches only its own source's
government's units, and a plan's units stay that plan's: never one organ by name alone across governments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.chat import Chat

ROUNDS = Path(__file__).parent / "data" / "rounds"
LIUAN = ROUNDS / "plans-r7" / "liuan-2021-zdgz.txt"  # 六安市: 市发改委 leads, 市政府各部门 cooperate
WUJIANG = ROUNDS / "plans-r5" / "wujiang-2024-zdgz.xlsx"  # names no place: 区发改委 leads, 统计局 responsible


@pytest.fixture
def cli(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`duban …` on the command line, on a real SQLite or PostgreSQL database holding the bundled plan."""
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DUBAN_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)

    def run(*argv: str) -> str:
        code = main(list(argv))
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    run("import", str(Path(__file__).parent.parent / "plan" / "data" / "bundled-plan.txt"))
    return run


def _tasks(run, unit: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    found = json.loads(run("tasks", "--unit", unit, "--json"))["tasks"]
    return [{**t, "ref": f"{t['source']}{t['number']}"} for t in found]


def test_another_governments_collective_never_reaches_this_plans_units(cli) -> None:  # type: ignore[no-untyped-def]
    before = {t["ref"] for t in _tasks(cli, "区司法局")}
    cli("import", str(LIUAN))
    # 六安's 市政府各部门 brings 六安's tasks to 六安's departments, not to 东河区's 区司法局 …
    assert {t["ref"] for t in _tasks(cli, "区司法局")} == before
    # … and 东河区's 区政府各部门 brings none of 法治's tasks to 六安's 市发改委: its tasks are 六安's only.
    found = _tasks(cli, "市发改委")
    assert found and {t["source"] for t in found} == {"六安"}
    assert {t["source"] for t in _tasks(cli, "六安供电公司")} <= {"六安"}


async def test_a_unit_reached_by_collectives_sees_only_its_own_plans_tasks_in_chat(
    tmp_path: Path, database_url: str
) -> None:
    chat = Chat(tmp_path, database_url=database_url)
    chat.ctx.store.import_file(LIUAN)
    await chat.join("王", "市发改委")
    mine = await chat.text("王", "我的任务")
    assert "共5条" in mine and "六安第1条" in mine and "法治" not in mine  # 法治1–26 came through 区政府各部门 before
    view = chat.ctx.store.view()
    assert view is not None
    # A broadcast to 区政府各部门 reaches the bundled plan's departments, not 六安's.
    reached = view.members("区政府各部门")
    assert "区司法局" in reached and not {"市发改委", "六安供电公司"} & set(reached)


def test_a_plan_naming_no_place_keeps_its_own_units(cli) -> None:  # type: ignore[no-untyped-def]
    statistics = {t["ref"] for t in _tasks(cli, "区统计局")}
    cli("import", str(WUJIANG))
    # 吴江's 统计局 is not 东河区's 区统计局: each keeps its own tasks, and 统计局 is found as itself.
    assert {t["ref"] for t in _tasks(cli, "区统计局")} == statistics
    theirs = _tasks(cli, "统计局")
    assert theirs and {t["source"] for t in theirs} == {"区政"}
    assert all(not t["roles"][0]["via"] for t in theirs)  # type: ignore[index]


async def test_the_ledger_and_overview_tell_the_sources_of_one_number_apart(tmp_path: Path, database_url: str) -> None:
    from zoneinfo import ZoneInfo

    from openpyxl import load_workbook

    from ledger.export import write_ledger
    from ledger.overview import overview
    from storage.reports import reports_of_plan

    chat = Chat(tmp_path, database_url=database_url)
    chat.ctx.store.import_file(LIUAN)
    await chat.join("王", "市发改委")
    replies = await chat.say("王", "六安1 已完成 按计划完成")
    assert "已保存" in "\n".join(r.text for r in await chat.press("王", replies, "确认"))
    view = chat.ctx.store.view()
    assert view is not None
    today, zone = chat.ctx.now().date(), ZoneInfo(chat.ctx.settings.timezone)
    with chat.ctx.store.session() as session:
        reports = reports_of_plan(session, view.plan_ids)
    # 法治1 and 六安1 are two lines, each with its own source's units (one line of both before).
    lines = {
        line.task.ref: {cell[0].unit for cell in line.cells} for line in overview(view, reports, today, zone).lines
    }
    assert "市发改委" in lines["六安1"] and "市发改委" not in lines["法治1"] and "区司法局" not in lines["六安1"]
    written = write_ledger(chat.ctx.store, tmp_path / "ledger.xlsx", today=today, zone=zone)
    history = list(load_workbook(written.workbook)["汇报记录"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[3], row[9]) for row in history] == [(1, "市发改委", "六安")]  # 序号 1 of which source: 六安


def test_a_name_is_read_against_each_governments_units_and_asked_where_several_fit(cli) -> None:  # type: ignore[no-untyped-def]
    cli("import", str(LIUAN))
    cli("import", str(WUJIANG))

    def resolved(text: str) -> dict[str, object]:
        return json.loads(cli("resolve", text, "--json"))  # type: ignore[no-any-return]

    # Another government's own unit in the docket is found by its place (other-place before).
    assert resolved("六安市发改委")["unit"] == "市发改委"
    # A name fitting units of several governments is asked, never picked (区发改委 and 区统计局 before).
    assert resolved("发改委")["candidates"] == ["区发改委", "市发改委"]
    assert set(resolved("tongjiju")["candidates"]) == {"区统计局", "统计局"}  # type: ignore[arg-type]
    assert set(resolved("统计局")["candidates"]) == {"区统计局", "统计局"}  # type: ignore[arg-type]
    # One government's unit alone stays picked; a unit of no source stays none.
    assert resolved("司法局")["unit"] == "区司法局" and resolved("六安供电公司")["unit"] == "六安供电公司"
    assert resolved("昆都仑区司法局")["unit"] is None and resolved("教育局")["unit"] is None


def test_check_names_every_live_source(cli, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    cli("import", str(LIUAN))
    main(["check"])  # Telegram and WeCom are not set up here: only the plan's line is looked at
    out = "\n".join(line for line in capsys.readouterr().out.splitlines() if "plan" in line)
    assert "2 live sources, 31 tasks" in out and "法治" in out and "六安" in out  # the last import alone before


async def test_the_console_names_a_task_and_the_docket_briefly(tmp_path: Path, database_url: str) -> None:
    import re

    from tests.desk_session import console_of

    chat = Chat(tmp_path, database_url=database_url)
    chat.ctx.store.import_file(LIUAN)
    async with console_of(chat.ctx) as client:
        page = await (await client.get("/desk/task/15")).text()
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S)
    assert title is not None
    # Every source's title run together before (任务 15 · 东河区…；六安市人民政府关于…的通知).
    assert " ".join(title.group(1).split()) == "法治第15条 · 督办事项：法治、六安（2个来源）"
