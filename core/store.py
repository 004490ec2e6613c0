"""Opening Duban's data: the database (migrated), the unit directory, and the plan on first start."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import jieba
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from core.settings import Settings
from plan import model
from plan.directory import Directory, UnitEntry, load_directory
from plan.parser import parse_file
from plan.places import plan_places
from plan.resolver import Resolver
from plan.schedule import Due, main_due, task_schedule
from storage.aliases import taught
from storage.db import make_engine, migrate, session_scope
from storage.models import DeadlineOverride, Plan, UnitAlias
from storage.plans import ImportResult, UnitTask, current_plan, import_plan, plan_tasks, plan_units, tasks_for_unit

logger = logging.getLogger(__name__)
VIEW_CHECK_SECONDS = 1.0  # how stale the in-memory plan may be after another process imports one


@dataclass
class PlanView:
    """The current plan held in memory for answering: tasks, units, the resolver. Rebuilt on import."""

    plan_id: int
    title: str
    year: int | None
    default_due: date | None
    tasks: list[model.Task]
    units: list[str]
    unit_ids: dict[str, int]
    directory: Directory
    resolver: Resolver
    default_deadline: model.Deadline | None = None
    overrides: dict[int, dict[str, date]] = field(default_factory=dict)  # task id -> the office's corrections
    _by_unit: dict[str, list[UnitTask]] = field(default_factory=dict)
    memo: dict[tuple[str, ...], object] = field(default_factory=dict)  # renderings derived from the plan

    def knows(self, word: str) -> bool:
        """Whether a word occurs in the plan's tasks (titles, bodies, sections): worth searching for."""
        key = ("words",)
        if key not in self.memo:
            self.memo[key] = "\n".join(f"{t.title}\n{t.body}\n{t.section or ''}" for t in self.tasks)
        return bool(word) and word in self.memo[key]  # type: ignore[operator]

    def examples(self) -> dict[str, str]:
        """What the help and hints show as examples, drawn from this plan: its busiest department (as
        people type it, without the place), a task number it has, and a word its titles share. What the
        plan cannot give is left out, and `say` fills it generically."""
        key = ("examples",)
        if key not in self.memo:
            found: dict[str, str] = {}
            departments = [u for u in self.units if self.kind(u) == "department"]
            if departments:
                busiest = max(departments, key=lambda u: len(self.unit_tasks(u)))
                found["eg_unit"] = self.resolver.strip_place(busiest) or busiest
            numbers = sorted(t.number for t in self.tasks)
            if numbers:
                found["eg_task"] = str(numbers[len(numbers) // 2])
            words = Counter(w for t in self.tasks for w in set(jieba.lcut(t.title)) if len(w) >= 4 and not w.isascii())
            if words:
                found["eg_keyword"] = words.most_common(1)[0][0]
            self.memo[key] = found
        return self.memo[key]  # type: ignore[return-value]

    def task(self, number: int) -> model.Task | None:
        """A live task by its number."""
        return next((t for t in self.tasks if t.number == number), None)

    def unit_tasks(self, unit: str) -> list[UnitTask]:
        """A unit's tasks, named and through collectives (cached per unit)."""
        if unit not in self._by_unit:
            self._by_unit[unit] = tasks_for_unit(self.tasks, unit, self.directory, self.units)
        return self._by_unit[unit]

    def kind(self, unit: str) -> str:
        """department, collective or non-government (remembered per name)."""
        key = ("kind", unit)
        if key not in self.memo:
            self.memo[key] = self.directory.kind(unit)
        return self.memo[key]  # type: ignore[return-value]

    def members(self, collective: str) -> list[str]:
        """The plan's units a collective reaches (remembered per collective)."""
        key = ("members", collective)
        if key not in self.memo:
            self.memo[key] = self.directory.members(collective, self.units)
        return self.memo[key]  # type: ignore[return-value]

    def schedule(self, task: model.Task) -> list[Due]:
        """The task's deadlines with the office's corrections and the plan's default."""
        key = ("schedule", str(task.number))
        if key not in self.memo:
            self.memo[key] = task_schedule(
                task, year=self.year, default=self.default_deadline, overrides=self.overrides.get(task.id or 0)
            )
        return self.memo[key]  # type: ignore[return-value]

    def due(self, task: model.Task) -> date | None:
        """The date after which a unit that has not finished the task is late."""
        return main_due(self.schedule(task))


@dataclass
class Store:
    """The database engine and the directory that every command and handler works with."""

    engine: Engine
    directory: Directory
    people: dict[tuple[str, ...], Any] = field(default_factory=dict)  # who was asking, while nobody changed
    people_mark: tuple[Any, ...] | None = None  # storage.members.people_mark when last looked at
    people_checked: float = 0.0
    _view: PlanView | None = None
    _view_key: tuple[object, ...] | None = None
    _view_checked: float = 0.0

    def view(self) -> PlanView | None:
        """The current plan in memory, rebuilt when a newer import has landed (checked once a second)."""
        if self._view is not None and time.monotonic() - self._view_checked < VIEW_CHECK_SECONDS:
            return self._view
        self._view_checked = time.monotonic()
        with self.session() as session:
            plan = current_plan(session)
            if plan is None or plan.id is None:
                return None
            corrected = session.exec(select(func.count(), func.max(DeadlineOverride.set_at))).one()
            names = session.exec(select(func.count(), func.max(UnitAlias.id))).one()
            key = (plan.id, plan.imported_at, tuple(corrected), tuple(names))
            if key != self._view_key:
                self._view = self._build_view(session, plan)
                self._view_key = key
        return self._view

    def _build_view(self, session: Session, plan: Plan) -> PlanView:
        assert plan.id is not None
        units = plan_units(session, plan.id)
        names = [u.name for u in units]
        overrides: dict[int, dict[str, date]] = {}
        for row in session.exec(select(DeadlineOverride)).all():
            overrides.setdefault(row.task_id, {})[row.kind] = row.value
        places = plan_places(plan.issuer, plan.title, names)
        directory = with_taught(self.directory.for_plan(places.chain), taught(session))
        return PlanView(
            plan_id=plan.id,
            title=plan.title,
            year=plan.year,
            default_due=plan.default_due,
            tasks=plan_tasks(session, plan.id),
            units=names,
            unit_ids={u.name: u.id or 0 for u in units},
            directory=directory,
            resolver=Resolver(names, directory, places=places),
            default_deadline=model.Deadline(plan.default_due_text or "", plan.default_due, "default")
            if plan.default_due
            else None,
            overrides=overrides,
        )

    def refresh(self) -> None:
        """Look for a newer plan or corrections at the next view(), not a second later."""
        self._view_checked = 0.0

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with session_scope(self.engine) as session:
            yield session

    def import_file(
        self,
        path: Path,
        *,
        plan_id: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        parsed: model.Plan | None = None,
    ) -> ImportResult:
        """Parse a plan file (or take it as `parsed`, read elsewhere) and store it in one transaction."""
        self._view_checked = 0.0
        with self.session() as session:
            return self._import(session, path, plan_id, progress, parsed)[1]

    def preview_import(
        self, path: Path, *, plan_id: int | None = None, parsed: model.Plan | None = None
    ) -> tuple[model.Plan, ImportResult]:
        """What importing a file would do, computed by importing it in a transaction that is rolled back."""
        with Session(self.engine) as session:
            try:
                return self._import(session, path, plan_id, None, parsed)
            finally:
                session.rollback()

    def _import(
        self,
        session: Session,
        path: Path,
        plan_id: int | None,
        progress: Callable[[int, int], None] | None,
        parsed: model.Plan | None = None,
    ) -> tuple[model.Plan, ImportResult]:
        parsed = parsed or parse_file(path)
        result = import_plan(
            session=session,
            parsed=parsed,
            source_name=path.name,
            source_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
            directory=self.directory,
            plan_id=plan_id,
            progress=progress,
        )
        return parsed, result


def with_taught(directory: Directory, aliases: dict[str, list[str]]) -> Directory:
    """The directory file's knowledge plus the aliases the office taught in the console."""
    if not aliases:
        return directory
    merged = replace(
        directory,
        collectives={k: replace(v, aliases=list(v.aliases)) for k, v in directory.collectives.items()},
        units={k: replace(v, aliases=list(v.aliases)) for k, v in directory.units.items()},
    )
    for unit, names in aliases.items():
        if unit in merged.collectives:
            merged.collectives[unit].aliases.extend(names)
        else:
            merged.units.setdefault(unit, UnitEntry(name=unit)).aliases.extend(names)
    return merged


def open_store(settings: Settings, *, seed: bool = True) -> Store:
    """Migrate the database and, when it holds no plan yet, import the configured (bundled) one."""
    engine = make_engine(settings.db_url())
    migrate(engine)
    store = Store(engine=engine, directory=load_directory(settings.directory_file))
    if seed:
        with store.session() as session:
            empty = current_plan(session) is None
        if empty:
            result = store.import_file(settings.plan_file)
            logger.info("imported %s: %d tasks", result.title, result.task_count)
    return store
