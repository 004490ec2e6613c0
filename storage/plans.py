"""Storing a parsed plan and reading it back: import with revision matching, tasks by unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from plan import model
from plan.directory import Directory
from storage.models import Plan, Section, Task, TaskUnit, Unit, UnitAlias, utcnow

ROLES = ("lead", "responsible", "cooperating")


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
) -> ImportResult:
    """Store a plan, or revise the stored one of the same title; reports stay with their tasks."""
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
        stored = Plan(title=parsed.title, source_name=source_name, source_hash=source_hash)
        session.add(stored)
    stored.title, stored.year, stored.issuer = parsed.title, parsed.year, parsed.issuer
    stored.doc_number, stored.issued = parsed.doc_number, parsed.issued
    stored.source_name, stored.source_hash, stored.imported_at = source_name, source_hash, utcnow()
    stored.warnings = list(parsed.warnings)
    stored.default_due = parsed.default_deadline.due if parsed.default_deadline else None
    stored.default_due_text = parsed.default_deadline.text if parsed.default_deadline else None
    session.flush()
    assert stored.id is not None
    result = ImportResult(plan_id=stored.id, title=stored.title, created=created, task_count=len(parsed.tasks))

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
    """The plan Duban answers from: the one imported last."""
    return session.exec(select(Plan).order_by(col(Plan.imported_at).desc(), col(Plan.id).desc())).first()


def plan_tasks(session: Session, plan_id: int, *, archived: bool = False) -> list[model.Task]:
    """The plan's live tasks (or its archived ones) as domain objects, in number order."""
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
    return [_domain(row, roles.get(row.id or 0, {})) for row in rows]


def _domain(row: Task, roles: dict[str, list[str]]) -> model.Task:
    return model.Task(
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


def plan_units(session: Session, plan_id: int) -> list[Unit]:
    """Units that live tasks of the plan name, in order of first appearance."""
    rows = session.exec(
        select(Unit, TaskUnit.task_id)
        .join(TaskUnit, col(TaskUnit.unit_id) == col(Unit.id))
        .join(Task, col(Task.id) == col(TaskUnit.task_id))
        .where(Task.plan_id == plan_id, col(Task.archived_at).is_(None))
        .order_by(col(Task.number), col(TaskUnit.role), col(TaskUnit.position))
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
