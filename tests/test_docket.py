"""The office's whole docket: several plans of different places live at once, each a source with its
own short name and numbering; a file that is no plan is refused; answers cover every live source."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.adapters.console import Console
from bot.cli import main
from storage.db import make_engine
from storage.models import Extension, Plan
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


# --- in the chat: several sources, 交办单, 签收, review, 延期, escalation ---------------------------------


def _notices(chat: Chat, needle: str) -> list[tuple[str, list[list[list[str]]]]]:
    """Messages queued in the outbox containing a phrase: (text, buttons)."""
    from storage.models import Broadcast

    with Session(chat.ctx.store.engine) as session:
        rows = session.exec(select(Broadcast).order_by(Broadcast.id)).all()
        return [(b.text, b.buttons) for b in rows if needle in b.text]


def _delivered_to(chat: Chat, needle: str) -> set[str]:
    from storage.models import Broadcast, Delivery

    with Session(chat.ctx.store.engine) as session:
        ids = [b.id for b in session.exec(select(Broadcast)).all() if needle in b.text]
        return {d.chat_id for d in session.exec(select(Delivery)).all() if d.broadcast_id in ids}


async def test_my_tasks_are_grouped_by_source_and_a_shared_number_asks_which(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    chat.ctx.store.import_file(GANGCHENG)
    await chat.join("alice", "区司法局")
    replies = await chat.say("alice", "我的任务")
    pages = [replies[0].text]
    while any(b.label == "下一页 ▶" for row in replies[0].buttons for b in row):
        replies = await chat.press("alice", replies, "下一页 ▶")
        pages.append(replies[0].text)
    mine = "\n".join(pages)
    assert "【法治】" in mine and "【营商】" in mine and mine.index("【法治】") < mine.index("【营商】")
    assert "营商第" in mine  # a task of the second source is named with it
    asked = await chat.say("alice", "第3条")
    assert "在几个来源里都有" in asked[0].text
    labels = [b.label for row in asked[0].buttons for b in row]
    assert len(labels) == 2 and labels[0].startswith("法治第3条") and labels[1].startswith("营商第3条")
    answer = await chat.press("alice", asked, "营商第3条")
    assert answer[0].text.startswith("营商第3条")
    assert (await chat.text("alice", "第3条")).startswith("营商第3条")  # the source used last is remembered
    assert (await chat.text("alice", "法治第3条")).startswith("法治第3条")
    assert (await chat.text("alice", "营商3谁牵头")).startswith("营商第3条由")


async def test_an_item_handed_down_is_signed_declined_and_reassigned(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.text("office", "/help")  # the office has a chat Duban can write to
    await chat.join("alice", "区司法局")
    await chat.join("bob", "区财政局")
    asked = await chat.say(
        "office", "交办：全区涉企规范性文件专项清理，牵头单位：司法局，配合单位：区财政局，时限：2026-12-31"
    )
    assert "区司法局（牵头）" in asked[0].text and "2026-12-31" in asked[0].text
    done = await chat.press("office", asked, "确认交办")
    assert "督办〔2026〕1号" in done[0].text and "交办1号" in done[0].text
    [(notice, buttons)] = _notices(chat, "区司法局的职责")
    assert "【交办】督办〔2026〕1号" in notice and "完成时限：2026-12-31" in notice
    assert _delivered_to(chat, "区司法局的职责") == {"alice"}
    sign = next(b[1] for row in buttons for b in row if b[0] == "签收")
    assert "区司法局已签收交办1号" in await chat.text("alice", callback=sign)
    unsigned = await chat.text("office", "/unsigned")
    assert "区财政局" in unsigned and "区司法局" not in unsigned
    [(_, buttons)] = _notices(chat, "区财政局的职责")
    decline = next(b[1] for row in buttons for b in row if b[0] == "不是我单位的")
    assert "请说明" in await chat.text("bob", callback=decline)
    assert "原因：应由区统计局承办" in await chat.text("bob", "应由区统计局承办")
    assert _notices(chat, "【退回交办】区财政局表示交办1号不是本单位的：应由区统计局承办")
    moved = await chat.text("office", "/reassign 交办1号 区财政局 区统计局")
    assert "改交区统计局" in moved
    view = chat.ctx.store.view()
    assert view is not None and view.task("交办1号").cooperating == ["区统计局"]  # type: ignore[union-attr]


async def test_review_closes_or_sends_back_and_the_ledger_follows(tmp_path: Path) -> None:
    from ledger.standing import standings
    from storage.reports import reports_of_plan

    chat = Chat(tmp_path)
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    await chat.report_done("alice", 15)
    [(text, buttons)] = _notices(chat, "【待审核】")
    assert "区司法局报告第15条" in text and _delivered_to(chat, "【待审核】") == {"office"}

    def state() -> str:
        view = chat.ctx.store.view()
        assert view is not None
        with chat.ctx.store.session() as session:
            rows = standings(view, reports_of_plan(session, view.plan_ids), chat.ctx.now().date())
        return next(r.state for r in rows if r.task.number == 15 and r.unit == "区司法局")

    assert state() == "pending"
    back = next(b[1] for row in buttons for b in row if b[0] == "退回")
    assert "请输入退回区司法局" in await chat.text("office", callback=back)
    assert "已退回" in await chat.text("office", "缺少清理目录，请补充")
    assert _notices(chat, "【退回】督办室退回了第15条") and "缺少清理目录" in _notices(chat, "【退回】")[0][0]
    assert _delivered_to(chat, "【退回】") == {"alice"}
    assert state() == "returned"
    await chat.report_done("alice", 15)
    pending = await chat.say("office", "/review")
    assert "待审核1项" in pending[0].text
    closed = await chat.press("office", pending, "办结")
    assert "已办结" in closed[0].text and state() == "closed"
    assert _notices(chat, "【办结】第15条")
    assert "没有待审核" in await chat.text("office", "/review")
    assert "目前没有待审核" in await chat.text("office", callback=back)  # an old button decides nothing


async def test_an_extension_is_asked_approved_or_refused_for_the_unit_that_asked(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    await chat.join("bob", "区财政局")
    asked = await chat.say("office", "交办：编制清单，牵头单位：区司法局，责任单位：区财政局，时限：2099-06-30")
    await chat.press("office", asked, "确认交办")
    ask = await chat.text("alice", "申请延期 交办1号 到2099-09-30")
    assert "请写明延期原因" in ask
    assert "待督办室审批" in await chat.text("alice", "需要与省厅协调口径")
    [(text, buttons)] = _notices(chat, "【延期申请】")
    assert "从2099-06-30延至2099-09-30" in text and "需要与省厅协调口径" in text
    approve = next(b[1] for row in buttons for b in row if b[0] == "同意延期")
    assert "已同意" in await chat.text("office", callback=approve)
    assert "已处理" in await chat.text("office", callback=approve)  # decided once
    view = chat.ctx.store.view()
    task = view.task("交办1号") if view else None
    assert view is not None and task is not None
    assert view.due(task, "区司法局").isoformat() == "2099-09-30"  # type: ignore[union-attr]
    assert view.due(task, "区财政局").isoformat() == "2099-06-30"  # type: ignore[union-attr]
    assert _notices(chat, "【延期】督办室同意交办1号延至2099-09-30")
    assert "待督办室审批" in await chat.text("bob", "申请延期 交办1号 到2099-12-31 人手不足")
    [(_, buttons)] = _notices(chat, "区财政局申请")
    refuse = next(b[1] for row in buttons for b in row if b[0] == "不同意")
    assert "已不同意" in await chat.text("office", callback=refuse)
    view = chat.ctx.store.view()
    assert view is not None and view.due(task, "区财政局").isoformat() == "2099-06-30"  # type: ignore[union-attr]
    from storage.models import OfficeAction

    with Session(chat.ctx.store.engine) as session:
        details = [a.detail for a in session.exec(select(OfficeAction)).all() if a.action == "extension"]
    assert any("2099-06-30 → 2099-09-30：同意" in d for d in details)
    assert any("2099-06-30 → 2099-12-31：不同意" in d for d in details)


async def test_a_long_late_part_is_copied_to_the_units_leader_on_the_workday_calendar(tmp_path: Path) -> None:
    """Due Wed 2026-09-30; 10-01..07 are the National Day holidays and Sat 10-10 a moved working day:
    the first working day late is Thu 10-08 (催办), five working days on (10-09, 10-10, 10-12, 10-13,
    10-14) is Wed 10-14: the leader hears then, not before, and once."""
    from datetime import date

    from schedules.assignments import hand_down
    from storage import docket
    from storage.models import Member, Unit
    from tests.clock import Clock, at
    from tests.test_reminders import day, make

    clock = Clock(at("2026-09-20 09:00"))
    ctx, transcript = make(tmp_path, clock, policy={})  # the default policy: 催办 the first working day late
    with Session(ctx.store.engine) as session:
        unit = session.exec(select(Unit).where(Unit.name == "区司法局")).one()
        session.add(Member(platform="telegram", user_id="j", chat_id="justice-1", unit_id=unit.id))
        session.add(Member(platform="telegram", user_id="boss", chat_id="boss-1", name="王副区长"))
        docket.set_leader(session, unit_id=unit.id or 0, platform="telegram", user_id="boss")
        session.commit()
    done = hand_down(
        ctx, text="清理涉企文件", units=[("区司法局", "lead")], due=date(2026, 9, 30), actor="t", via="cli"
    )
    assert done.told == 1 and not done.unjoined

    def to_boss(sent: list[tuple[str, str]]) -> list[str]:
        return [text for chat, text in sent if chat == "boss-1"]

    for when in ("2026-09-30 09:00", "2026-10-08 09:00", "2026-10-10 09:00", "2026-10-13 09:00"):
        assert to_boss(await day(ctx, transcript, when)) == [], when
    [copy] = to_boss(await day(ctx, transcript, "2026-10-14 09:00"))
    assert copy.startswith("【督办抄送】区司法局承办的交办1号 清理涉企文件（2026-09-30到期）已逾期6个工作日")
    assert to_boss(await day(ctx, transcript, "2026-10-14 10:00")) == []  # never twice


def test_the_command_line_hands_down_an_item_and_names_a_leader(
    seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(seed_path))[0] == 0
    code, out, err = run(
        capsys, "assign", "编制权责清单", "--lead", "司法局", "--cooperating", "财政局", "--due", "2026-12-31"
    )
    assert code == 0, err
    assert "督办〔" in out and "交办1号" in out and "nobody has joined: 区司法局、区财政局" in out
    code, out, _ = run(capsys, "tasks", "--unit", "区财政局", "--json")
    assigned = [t for t in json.loads(out)["tasks"] if t["source"] == "交办"]
    assert [(t["title"], t["cooperating"]) for t in assigned] == [("编制权责清单", ["区财政局"])]
    assert run(capsys, "assign", "x", "--lead", "火星局")[0] == 1  # a unit the docket lacks is never guessed
    code, out, _ = run(capsys, "leader", "司法局", "telegram:9001", "--name", "王副区长")
    assert code == 0 and "区司法局" in out
    assert run(capsys, "leader", "司法局", "9001")[0] == 1


async def test_closing_a_source_takes_it_out_of_reminders_but_not_out_of_search(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from schedules.reminders import Policy, wanted
    from schedules.workdays import WorkCalendar
    from storage.models import utcnow

    chat = Chat(tmp_path)
    chat.ctx.store.import_file(GANGCHENG)
    now = datetime(2021, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    policy = Policy.from_settings(chat.ctx.settings)

    def reminded_sources() -> set[str]:
        view = chat.ctx.store.view()
        assert view is not None
        with chat.ctx.store.session() as session:
            rows = wanted(view, WorkCalendar.load(session), policy, now, set())
        return {view.by_id(r["task_id"]).source for r in rows}  # type: ignore[union-attr]

    assert "法治" in reminded_sources()
    with chat.ctx.store.session() as session:
        plan = session.exec(select(Plan).where(Plan.short_name == "法治")).one()
        plan.archived_at = utcnow()
    chat.ctx.store.refresh()
    assert "法治" not in reminded_sources()
    found = await chat.text("office", "/search 行政复议")
    assert "法治第" in found and "（已归档）" in found  # closed, still found
    assert "营商" not in found


async def test_which_source_waits_beside_a_report_put_aside_and_ends_by_its_flows_rule(tmp_path: Path) -> None:
    chat = Chat(tmp_path, dialog_timeout_minutes=120)
    chat.ctx.store.import_file(GANGCHENG)
    await chat.join("alice", "区司法局")
    await chat.say("alice", "汇报进展")
    await chat.say("alice", "法治17")
    await chat.say("alice", "嗯")
    stuck = await chat.say("alice", "啊这")
    assert "先保留" in (await chat.press("alice", stuck, "稍后继续"))[0].text
    asked = await chat.say("alice", "第3条谁牵头")
    assert "在几个来源里都有" in asked[0].text
    start = chat.ctx.clock()
    restarted = Chat(tmp_path, dialog_timeout_minutes=120)  # a new process on the same database
    restarted.ctx.clock = lambda: start + timedelta(minutes=90)  # within the question's 120 minutes
    assert (await restarted.text("alice", "营商")).startswith("营商第3条由")  # the source's name answers it
    resumed = await restarted.say("alice", "继续汇报")  # the report put aside was not touched
    assert resumed[0].text.startswith("接着刚才的汇报") and "法治第17条" in resumed[-1].text

    await restarted.join("bob", "区司法局")
    asked = await restarted.say("bob", "第3条")
    restarted.ctx.clock = lambda: start + timedelta(minutes=90 + 121)  # the question's time is up
    assert "已失效" in (await restarted.press("bob", asked, "营商第3条"))[0].text


async def test_which_source_is_answered_by_its_number_after_a_console_restart(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    chat.ctx.store.import_file(GANGCHENG)
    await chat.join("alice", "区司法局")
    asked = await _console(chat, "/as alice", "第3条", "/quit")
    assert "[2] 营商第3条" in asked
    after = await _console(Chat(tmp_path), "/as alice", "2", "/quit")  # a new process: 2 is still 营商
    assert "营商第3条 规范行政备案事项管理" in after and "待您选择" in after


async def _console(chat: Chat, *lines: str) -> str:
    out = io.StringIO()
    await Console(chat.ctx, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out).run()
    return out.getvalue()


async def test_an_extension_reason_is_kept_as_typed(tmp_path: Path) -> None:
    chat = Chat(tmp_path)  # QA finding 22: 案卷数量多，需要更多时间 stored and shown with a half-width comma
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    asked = await chat.say("office", "交办：编制清单，牵头单位：区司法局，时限：2099-06-30")
    await chat.press("office", asked, "确认交办")
    told = await chat.text("alice", "申请延期 交办1号 到2099-09-30 案卷数量多，需要更多时间（约两周）")
    assert "待督办室审批" in told
    [(text, _)] = _notices(chat, "【延期申请】")
    assert "案卷数量多，需要更多时间（约两周）" in text
    with Session(chat.ctx.store.engine) as session:
        [extension] = session.exec(select(Extension)).all()
    assert extension.reason == "案卷数量多，需要更多时间（约两周）"
