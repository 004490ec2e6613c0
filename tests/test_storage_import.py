"""Importing plans into SQLite and the real PostgreSQL: the same file twice changes nothing, a
revision keeps task identities, vanished tasks are archived and never deleted."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy import Engine
from sqlmodel import Session, select

from plan.directory import Directory
from plan.model import Plan as ParsedPlan
from plan.parser import parse_text
from storage.db import session_scope
from storage.models import Task, TaskUnit, Unit
from storage.plans import ImportResult, current_plan, import_plan, plan_tasks, plan_units, tasks_for_unit


def store(engine: Engine, plan: ParsedPlan, directory: Directory, name: str = "plan.txt") -> ImportResult:
    digest = hashlib.sha256(repr(plan.to_json()).encode()).hexdigest()
    with session_scope(engine) as session:
        return import_plan(session=session, parsed=plan, source_name=name, source_hash=digest, directory=directory)


def snapshot(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        tasks = session.exec(select(Task).order_by(Task.id)).all()
        links = session.exec(select(TaskUnit).order_by(TaskUnit.task_id, TaskUnit.role, TaskUnit.unit_id)).all()
        return [(t.id, t.number, t.title, t.body, t.archived_at, t.updated_at) for t in tasks] + [
            (link.task_id, link.unit_id, link.role) for link in links
        ]


def test_import_stores_every_task_and_unit(engine: Engine, seed_text: str, directory: Directory) -> None:
    result = store(engine, parse_text(seed_text), directory)
    assert result.created and result.task_count == 26 and result.added == list(range(1, 27))
    with Session(engine) as session:
        plan = current_plan(session)
        assert plan is not None and plan.title == "东河区2021年度法治政府建设工作计划"
        assert plan.doc_number == "包东政办发〔2021〕48号"
        tasks = plan_tasks(session, plan.id)
        assert [t.number for t in tasks] == list(range(1, 27))
        assert tasks[18].lead == ["区审计局", "区统计局", "区财政局", "区司法局"]
        assert tasks[8].lead == tasks[8].responsible == ["区政府办公室"]
        assert tasks[9].deadlines[0].due.isoformat() == "2021-12-31"
        assert tasks[16].targets[0].text == "不少于60学时"
        units = {u.name: u.kind for u in plan_units(session, plan.id)}
        assert len(units) == 24 and units["区政府各部门"] == "collective" and units["区委办公室"] == "non-government"


def test_same_file_twice_changes_nothing(engine: Engine, seed_text: str, directory: Directory) -> None:
    store(engine, parse_text(seed_text), directory)
    before = snapshot(engine)
    again = store(engine, parse_text(seed_text), directory)
    assert again.unchanged and not (again.added or again.updated or again.archived)
    assert snapshot(engine) == before


def test_revision_updates_archives_and_keeps_identities(engine: Engine, seed_text: str, directory: Directory) -> None:
    first = parse_text(seed_text)
    store(engine, first, directory)
    with Session(engine) as session:
        ids = {t.number: t.id for t in session.exec(select(Task)).all()}
    revised = parse_text(seed_text)
    tasks = list(revised.tasks)
    tasks[2] = replace(tasks[2], lead=["区政务服务局"])  # 3: a unit removed
    tasks[14] = replace(tasks[14], body=tasks[14].body + "年底前完成清单编制。")  # 15: text grows
    del tasks[6]  # 7: dropped from the plan
    tasks.append(
        replace(tasks[0], number=27, title="新增的任务", body="全新的内容，与其他任务无关。", lead=["区信访局"])
    )
    revised.tasks = tasks
    revised.warnings = []
    result = store(engine, revised, directory, "revised.txt")
    assert not result.created and result.plan_id == 1
    assert result.updated == [3, 15]
    assert result.archived == [7]
    assert result.added == [27]
    with Session(engine) as session:
        rows = {t.number: t for t in session.exec(select(Task)).all()}
        assert rows[3].id == ids[3] and rows[15].id == ids[15]  # reports attached by id stay attached
        assert rows[7].archived_at is not None and rows[7].id == ids[7]  # archived, not deleted
        live = plan_tasks(session, 1)
        assert 7 not in [t.number for t in live] and len(live) == 26
        assert [t.number for t in plan_tasks(session, 1, archived=True)] == [7]
        assert next(t for t in live if t.number == 3).lead == ["区政务服务局"]
    # The original again: task 7 comes back with its old identity.
    back = store(engine, first, directory, "again.txt")
    assert back.restored == [7] and back.archived == [27]
    with Session(engine) as session:
        assert session.exec(select(Task).where(Task.number == 7)).one().id == ids[7]


def test_renumbered_task_keeps_its_identity(engine: Engine, directory: Directory) -> None:
    text = "某区2021年工作计划\n一、任务\n1.推进甲项工作。内容甲。(牵头单位:区司法局)\n2.推进乙项工作。内容乙。(牵头单位:区财政局)\n"
    store(engine, parse_text(text), directory)
    with Session(engine) as session:
        ids = {t.title: t.id for t in session.exec(select(Task)).all()}
    swapped = "某区2021年工作计划\n一、任务\n1.推进新增工作。全新内容。(牵头单位:区民政局)\n2.推进甲项工作。内容甲。(牵头单位:区司法局)\n3.推进乙项工作。内容乙。(牵头单位:区财政局)\n"
    result = store(engine, parse_text(swapped), directory)
    assert sorted(result.updated) == [2, 3] and result.added == [1] and result.archived == []
    with Session(engine) as session:
        rows = {t.title: t for t in session.exec(select(Task)).all()}
        assert rows["推进甲项工作"].id == ids["推进甲项工作"] and rows["推进甲项工作"].number == 2


def test_failed_import_writes_nothing(engine: Engine, seed_text: str, directory: Directory) -> None:
    broken = parse_text(seed_text)
    broken.tasks[20] = replace(broken.tasks[20], lead=[None])  # type: ignore[list-item]
    try:
        store(engine, broken, directory)
    except Exception:  # noqa: BLE001 - any database error will do
        pass
    else:
        raise AssertionError("a unit without a name must not be stored")
    with Session(engine) as session:
        assert session.exec(select(Task)).all() == []
        assert session.exec(select(Unit)).all() == []


def test_unit_tasks_through_collectives(engine: Engine, seed_text: str, directory: Directory) -> None:
    store(engine, parse_text(seed_text), directory)
    with Session(engine) as session:
        tasks = plan_tasks(session, 1)
        known = [u.name for u in plan_units(session, 1)]
    office = {m.task.number: m.roles for m in tasks_for_unit(tasks, "区政府办公室", directory, known)}
    assert office[9] == [("lead", None), ("responsible", None)]
    assert office[1] == [("responsible", "区政府各部门")]
    assert 15 not in office  # 区政府办公室 is not a law-enforcement department
    party = {m.task.number for m in tasks_for_unit(tasks, "区委办公室", directory, known)}
    assert party == {24, 25}  # 区政府各部门 does not reach a Party organ
    market = {m.task.number: m.roles for m in tasks_for_unit(tasks, "区市场监督管理局", directory, known)}
    assert market[14] == [("lead", "区政府各相关行政执法部门")]
    assert market[4] == [("lead", None), ("responsible", "区政府各部门")]
