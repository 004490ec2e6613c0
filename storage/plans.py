"""Storing a parsed plan and reading it back: import with revision matching, tasks by unit."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from plan import model
from plan.directory import Directory
from storage.models import Plan, Section, Task, TaskCorrection, TaskUnit, Unit, UnitAlias, utcnow

ROLES = ("lead", "responsible", "cooperating")
SOURCE_KINDS = ("年度计划", "会议议定事项", "领导批示", "建议提案", "交办")
# The topic a plan's title names, and the short name an office commonly gives it (first match wins).
SHORT_NAMES = {
    "法治政府": "法治",
    "依法行政": "法治",
    "营商环境": "营商",
    "民生实事": "民生",
    "政府工作报告": "政府工作",
    "政务公开": "政务公开",
    "安全生产": "安全",
    "生态环境": "生态",
    "乡村振兴": "乡村",
    "人才": "人才",
    "应急": "应急",
    "数字政府": "数字",
    "交办": "交办",
}


@dataclass
class ImportResult:
    """What an import did, task numbers by outcome."""

    plan_id: int
    title: str
    created: bool = False
    unchanged: bool = False
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    archived: list[int] = field(default_factory=list)
    restored: list[int] = field(default_factory=list)
    task_count: int = 0
    short_name: str = ""  # what the docket calls the source: its tasks are 营商3


@dataclass
class UnitTask:
    """A task as it concerns one unit: its roles there, and the collective that brought it, if any."""

    task: model.Task
    roles: list[tuple[str, str | None]]

    @property
    def direct(self) -> bool:
        """The unit is named in the task itself, not only through a collective."""
        return any(via is None for _, via in self.roles)


def _unit(session: Session, name: str, directory: Directory, cache: dict[str, Unit]) -> Unit:
    if name not in cache:
        unit = session.exec(select(Unit).where(Unit.name == name)).first()
        if unit is None:
            unit = Unit(name=name, kind=directory.kind(name))
            session.add(unit)
            session.flush()
        cache[name] = unit
    return cache[name]


def _text(task: model.Task | Task) -> str:
    return f"{task.title}。{task.body}"


def _match(new: list[model.Task], old: list[Task]) -> dict[int, Task]:
    """Pair revised tasks with stored ones: unchanged text first (wherever it moved), then the same
    number with like text, then near-identical text under a new number."""
    pairs: dict[int, Task] = {}
    free = list(old)

    def take(i: int, row: Task) -> None:
        pairs[i] = row
        free.remove(row)

    for i, task in enumerate(new):
        same = [o for o in free if _text(o) == _text(task)]
        if same:
            take(i, next((o for o in same if o.number == task.number), same[0]))
    for i, task in enumerate(new):
        same_number = next((o for o in free if o.number == task.number), None)
        if i not in pairs and same_number is not None:
            if fuzz.ratio(same_number.title, task.title) >= 80 or fuzz.ratio(_text(same_number), _text(task)) >= 50:
                take(i, same_number)
    for i, task in enumerate(new):
        if i in pairs or not free:
            continue
        best = max(free, key=lambda o: fuzz.ratio(_text(o), _text(task)))
        if fuzz.ratio(_text(best), _text(task)) >= 85:
            take(i, best)
    return pairs


def _roles_of(session: Session, task_id: int) -> dict[str, list[str]]:
    rows = session.exec(
        select(TaskUnit.role, Unit.name)
        .join(Unit, col(Unit.id) == col(TaskUnit.unit_id))
        .where(TaskUnit.task_id == task_id)
        .order_by(col(TaskUnit.position))
    ).all()
    roles: dict[str, list[str]] = {r: [] for r in ROLES}
    for role, name in rows:
        roles[role].append(name)
    return roles


def _fields(task: model.Task) -> dict[str, object]:
    return {
        "number": task.number,
        "label": task.label,
        "section": task.section,
        "title": task.title,
        "body": task.body,
        "deadlines": [_jsonable(asdict(d)) for d in task.deadlines],
        "targets": [asdict(t) for t in task.targets],
        "original": task.original,
    }


def _jsonable(data: dict[str, object]) -> dict[str, object]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def import_plan(
    *,
    session: Session,
    parsed: model.Plan,
    source_name: str,
    source_hash: str,
    directory: Directory,
    plan_id: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    kind: str | None = None,
    short_name: str | None = None,
) -> ImportResult:
    """Store a plan as a new source of the docket, or revise the stored one it is a version of (chosen
    by id, else the same file, else the same title and year); reports stay with their tasks."""
    if plan_id is not None:
        stored = session.get(Plan, plan_id)
        if stored is None:
            raise LookupError(f"no plan with id {plan_id}")
    else:
        stored = (
            session.exec(select(Plan).where(Plan.source_hash == source_hash)).first()
            or session.exec(
                select(Plan).where(Plan.title == parsed.title, Plan.year == parsed.year).order_by(col(Plan.id).desc())
            ).first()
        )
    if stored is not None and stored.source_hash == source_hash:
        count = len(
            session.exec(select(Task.id).where(Task.plan_id == stored.id, col(Task.archived_at).is_(None))).all()
        )
        return ImportResult(plan_id=stored.id or 0, title=stored.title, unchanged=True, task_count=count)
    created = stored is None
    if stored is None:
        for unnamed in session.exec(select(Plan).where(col(Plan.short_name).is_(None))).all():
            unnamed.short_name = default_short_name(unnamed.title, taken_short_names(session))  # from before sources
        stored = Plan(title=parsed.title, source_name=source_name, source_hash=source_hash)
        stored.short_name = short_name or default_short_name(parsed.title, taken_short_names(session))
        session.add(stored)
    elif short_name:
        stored.short_name = short_name
    if kind:
        stored.kind = kind
    stored.title, stored.year, stored.issuer = parsed.title, parsed.year, parsed.issuer
    stored.doc_number, stored.issued = parsed.doc_number, parsed.issued
    stored.source_name, stored.source_hash, stored.imported_at = source_name, source_hash, utcnow()
    stored.warnings = list(parsed.warnings)
    stored.default_due = parsed.default_deadline.due if parsed.default_deadline else None
    stored.default_due_text = parsed.default_deadline.text if parsed.default_deadline else None
    session.flush()
    assert stored.id is not None
    result = ImportResult(
        plan_id=stored.id,
        title=stored.title,
        created=created,
        task_count=len(parsed.tasks),
        short_name=stored.short_name or "",
    )

    for section in session.exec(select(Section).where(Section.plan_id == stored.id)).all():
        session.delete(section)
    session.flush()
    for position, title in enumerate(parsed.sections, start=1):
        session.add(Section(plan_id=stored.id, position=position, title=title))

    old = list(session.exec(select(Task).where(Task.plan_id == stored.id)).all())
    pairs = _match(parsed.tasks, old)
    cache: dict[str, Unit] = {}
    now = utcnow()
    for i, task in enumerate(parsed.tasks):
        if progress:
            progress(i + 1, len(parsed.tasks))
        fields = _fields(task)
        row = pairs.get(i)
        if row is None:
            row = Task(plan_id=stored.id, **fields)  # type: ignore[arg-type]
            session.add(row)
            session.flush()
            result.added.append(task.number)
            changed = True
        else:
            changed = any(getattr(row, k) != v for k, v in fields.items())
            changed |= _roles_of(session, row.id or 0) != {r: getattr(task, r) for r in ROLES}
            if row.archived_at is not None:
                row.archived_at = None
                result.restored.append(task.number)
            elif changed:
                result.updated.append(task.number)
            for key, value in fields.items():
                setattr(row, key, value)
        if changed:
            row.updated_at = now
            for link in session.exec(select(TaskUnit).where(TaskUnit.task_id == row.id)).all():
                session.delete(link)
            session.flush()
            for role in ROLES:
                for position, name in enumerate(getattr(task, role)):
                    unit = _unit(session, name, directory, cache)
                    session.add(TaskUnit(task_id=row.id or 0, unit_id=unit.id or 0, role=role, position=position))
    matched = {id(t) for t in pairs.values()}
    for row in old:
        if id(row) not in matched and row.archived_at is None:
            row.archived_at = now
            result.archived.append(row.number)
    for short, full in parsed.aliases.items():  # 以下简称: the plan's own short names, understood when typed
        if session.exec(select(UnitAlias).where(UnitAlias.alias == short)).first() is None:
            session.add(UnitAlias(unit=full, alias=short, added_by="plan"))
    # Numbers freed by archived tasks must not collide with live ones in lookups.
    session.flush()
    return result


def current_plan(session: Session) -> Plan | None:
    """The live source imported last (every answer covers all live sources: see live_plans)."""
    return session.exec(
        select(Plan).where(col(Plan.archived_at).is_(None)).order_by(col(Plan.imported_at).desc(), col(Plan.id).desc())
    ).first()


def live_plans(session: Session) -> list[Plan]:
    """The docket's live sources (plans and item sources not closed), oldest first."""
    return list(session.exec(select(Plan).where(col(Plan.archived_at).is_(None)).order_by(col(Plan.id))).all())


def all_plans(session: Session) -> list[Plan]:
    """Every source, closed (归档) ones included, oldest first."""
    return list(session.exec(select(Plan).order_by(col(Plan.id))).all())


def taken_short_names(session: Session) -> set[str]:
    """Short names sources already go by."""
    return {p.short_name for p in session.exec(select(Plan)).all() if p.short_name}


def default_short_name(title: str, taken: set[str]) -> str:
    """A short name for a new source from the topic its title names (法治政府 → 法治), else from its
    first words; numbered when another source has it. The office renames it at will."""
    name = next((short for word, short in SHORT_NAMES.items() if word in title), "")
    if not name:
        core = re.sub(r"^[\d〔〕（）()年度]+|关于|印发|\d{4}年?|[《》“”]", "", title)
        name = core[:2] or "计划"
    if name not in taken and not name.isdigit():
        return name
    return next(f"{name}{i}" for i in range(2, 10_000) if f"{name}{i}" not in taken)


def plan_tasks(session: Session, plan_id: int, *, archived: bool = False, source: str = "") -> list[model.Task]:
    """The plan's live tasks (or its archived ones) as domain objects, in number order, named as tasks
    of the source `source`, with the office's corrections applied."""
    query = select(Task).where(Task.plan_id == plan_id)
    query = query.where(col(Task.archived_at).is_not(None) if archived else col(Task.archived_at).is_(None))
    rows = session.exec(query.order_by(col(Task.number))).all()
    links = session.exec(
        select(TaskUnit.task_id, TaskUnit.role, Unit.name)
        .join(Unit, col(Unit.id) == col(TaskUnit.unit_id))
        .join(Task, col(Task.id) == col(TaskUnit.task_id))
        .where(Task.plan_id == plan_id)
        .order_by(col(TaskUnit.task_id), col(TaskUnit.position))
    ).all()
    roles: dict[int, dict[str, list[str]]] = {}
    for task_id, role, name in links:
        roles.setdefault(task_id, {r: [] for r in ROLES})[role].append(name)
    corrections: dict[int, dict[str, Any]] = {}
    for fix in session.exec(
        select(TaskCorrection).join(Task, col(Task.id) == col(TaskCorrection.task_id)).where(Task.plan_id == plan_id)
    ).all():
        corrections.setdefault(fix.task_id, {})[fix.field] = fix.value
    tasks = [_domain(row, roles.get(row.id or 0, {}), source) for row in rows]
    for task in tasks:
        for key, value in corrections.get(task.id or 0, {}).items():
            setattr(task, key, list(value) if isinstance(value, list) else value)
    return tasks


def _domain(row: Task, roles: dict[str, list[str]], source: str = "") -> model.Task:
    return model.Task(
        source=source,
        source_id=row.plan_id,
        id=row.id,
        number=row.number,
        label=row.label,
        section=row.section,
        title=row.title,
        body=row.body,
        lead=roles.get("lead", []),
        responsible=roles.get("responsible", []),
        cooperating=roles.get("cooperating", []),
        deadlines=[
            model.Deadline(
                text=d["text"], due=date.fromisoformat(d["due"]) if d.get("due") else None, kind=d.get("kind", "fixed")
            )
            for d in row.deadlines
        ],
        targets=[model.Target(**t) for t in row.targets],
        original=row.original,
    )


def plan_units(session: Session, plan_id: int | Collection[int]) -> list[Unit]:
    """Units that live tasks of the plan (or plans) name, in order of first appearance."""
    ids = [plan_id] if isinstance(plan_id, int) else list(plan_id)
    rows = session.exec(
        select(Unit, TaskUnit.task_id)
        .join(TaskUnit, col(TaskUnit.unit_id) == col(Unit.id))
        .join(Task, col(Task.id) == col(TaskUnit.task_id))
        .where(col(Task.plan_id).in_(ids), col(Task.archived_at).is_(None))
        .order_by(col(Task.plan_id), col(Task.number), col(TaskUnit.role), col(TaskUnit.position))
    ).all()
    return list({unit.id: unit for unit, _ in rows}.values())


def tasks_for_unit(tasks: list[model.Task], unit: str, directory: Directory, known: list[str]) -> list[UnitTask]:
    """A unit's tasks: where it is named, and where a collective that reaches it is named."""
    reach = {
        c: set(directory.members(c, known))
        for c in {n for t in tasks for n in t.units}
        if directory.kind(c) == "collective"
    }
    found: list[UnitTask] = []
    for task in tasks:
        roles: list[tuple[str, str | None]] = []
        for role in ROLES:
            for name in getattr(task, role):
                if name == unit:
                    roles.append((role, None))
                elif unit in reach.get(name, ()):
                    roles.append((role, name))
        if roles:
            found.append(UnitTask(task=task, roles=roles))
    return found
