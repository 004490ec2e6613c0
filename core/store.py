"""Opening Duban's data: the database (migrated), the unit directory, and the plan on first start."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import jieba
from sqlalchemy import Engine
from sqlmodel import Session, select

from core.settings import Settings
from core.subjects import Titles
from plan import model
from plan.deadlines import number as parse_number
from plan.directory import Directory, UnitEntry, load_directory
from plan.parser import parse_file
from plan.places import Places, plan_places
from plan.plausibility import check
from plan.resolver import Match, Resolver, one_organ_each
from plan.schedule import Due, main_due, task_schedule
from storage import trace
from storage.aliases import taught
from storage.db import Rehearsal, make_engine, migrate, one_at_a_time, rehearsed, session_scope
from storage.docket import docket_marks, granted_dates
from storage.models import DeadlineOverride, Plan
from storage.plans import (
    ROLES,
    ImportResult,
    UnitTask,
    all_plans,
    current_plan,
    import_plan,
    live_plans,
    plan_tasks,
    plan_units,
)
from storage.reports import ReportView

logger = logging.getLogger(__name__)
V = TypeVar("V")
# The source a message is about (营商3 named it, or the person used it last): a bare number two sources
# share means that source's task. Set per message by the handlers (handlers/docket.py).
FOCUS: ContextVar[str | None] = ContextVar("docket_focus", default=None)
VIEW_CHECK_SECONDS = 1.0
NUMBERED_KINDS = (
    "交办",
)  # sources whose items are named as documents: 交办12号  # how stale the in-memory plan may be after another process imports one


@dataclass(frozen=True)
class Source:
    """One live source of the docket as answers need it: a plan, or the office's own items."""

    id: int
    title: str
    short: str
    kind: str
    year: int | None
    default_deadline: model.Deadline | None = None


@dataclass
class DocketResolver:
    """Typed names against a docket of several governments' sources: each government's units read with its own
    places (六安市发改委 is 六安's 市发改委, not an organ of another place); a name that fits units of several
    governments is asked (发改委: 区发改委 or 市发改委; 统计局: 区统计局 or a no-place district plan's 统计局, which is
    its district's 区统计局 too), never picked;
    a name none fits is answered as the office's own plan answers it (not in the plan, another place's)."""

    office: Resolver
    others: list[Resolver]
    order: list[str]  # the docket's units, in order: candidates are listed so

    @property
    def places(self) -> Places:
        """The office's places (the docket's first source's)."""
        return self.office.places

    def strip_place(self, name: str) -> str:
        """A name without the office's place chain."""
        return self.office.strip_place(name)

    def resolve(self, text: str) -> Match:
        """The unit `text` names in one government, or candidates where it fits several, or the office's answer."""
        return self._one_of(self.office.resolve(text), [r.resolve(text) for r in self.others])

    def find_in(self, text: str) -> Match | None:
        """A unit's name inside a sentence, by each government's exact lookups; several governments' are asked."""
        office = self.office.find_in(text)
        others = [m for r in self.others if (m := r.find_in(text)) is not None]
        if office is None and not others:
            return None
        return self._one_of(office or Match(text, None, 0, [], "none"), others)

    def _one_of(self, office: Match, others: list[Match]) -> Match:
        found = [m for m in (office, *others) if m.unit or m.candidates]
        units = list(dict.fromkeys(u for m in found for u in ([m.unit] if m.unit else m.candidates)))
        if not units:
            return office
        if len(units) == 1:
            return found[0]
        place = {u: i for i, u in enumerate(self.order)}
        ordered = sorted(units, key=lambda u: place.get(u, len(place)))
        return Match(office.query, None, max(m.score for m in found), ordered, "ambiguous", matched=found[0].matched)


def _docket_resolver(
    names: list[str],
    directory: Directory,
    places: Places,
    government: dict[int, str],
    units: dict[str, list[str]],
    directories: dict[str, Directory],
    chains: dict[str, Places],
) -> Resolver | DocketResolver:
    """One resolver while the docket is of one government (as a single plan's); else one per government, the
    office's (the first source's) first."""
    keys = list(dict.fromkeys(government.values()))
    if len(keys) < 2:
        return Resolver(names, directory, places=places)
    office, *others = keys
    return DocketResolver(
        office=Resolver(units[office], directory, places=places),
        others=[Resolver(units[key], directories[key], places=chains[key]) for key in others],
        order=names,
    )


@dataclass
class PlanView:
    """The docket held in memory for answering: the tasks of every live source, their units, the
    resolver. Rebuilt on import. (Named for the single plan it once held.)"""

    plan_id: int  # the first live source
    title: str
    year: int | None
    default_due: date | None
    tasks: list[model.Task]
    units: list[str]
    unit_ids: dict[str, int]
    directory: Directory
    resolver: Resolver | DocketResolver
    default_deadline: model.Deadline | None = None
    overrides: dict[int, dict[str, date]] = field(default_factory=dict)  # task id -> the office's corrections
    sources: list[Source] = field(default_factory=list)  # live ones, oldest first
    unit_due: dict[tuple[int, str], date] = field(default_factory=dict)  # (task id, unit) -> an extension granted
    closed: list[model.Task] = field(default_factory=list)  # tasks of closed (归档) sources: searchable only
    organ: dict[str, str] = field(default_factory=dict)  # a name as the plan prints it -> its unit (one per organ)
    organ_ids: dict[str, list[int]] = field(default_factory=dict)  # a unit -> the stored ids of all its printed names
    # Whose units a source's collectives reach: source id -> its government (sources of one place share one; a source
    # naming no place is a government of its own), and each government's units and directory.
    government: dict[int, str] = field(default_factory=dict)
    government_units: dict[str, list[str]] = field(default_factory=dict)
    government_directory: dict[str, Directory] = field(default_factory=dict)
    _by_unit: dict[str, list[UnitTask]] = field(default_factory=dict)
    memo: dict[tuple[str, ...], object] = field(default_factory=dict)  # renderings derived from the plan
    _by_id: dict[int, model.Task] = field(default_factory=dict)
    _sources: dict[int | str, Source] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {t.id: t for t in self.tasks if t.id is not None}
        self._sources = {s.id: s for s in self.sources} | {s.short: s for s in self.sources if s.short}

    @property
    def plan_ids(self) -> list[int]:
        """The ids of every live source (all of them when the view was built from one plan)."""
        return [s.id for s in self.sources] or [self.plan_id]

    @property
    def several(self) -> bool:
        """Whether more than one source is live: then tasks are named with their source (营商3)."""
        return len(self.sources) > 1

    def office_unit(self, name: str) -> Match:
        """A unit as the office's own tools name it (the command line, the console's forms): a unit as the docket
        prints it is that unit (the forms show the printed names back); any other name as the resolver reads it."""
        if name in self.units:
            return Match(name, name, 100, [], "exact")
        return self.resolver.resolve(name)

    def unit_of(self, name: str) -> str:
        """The unit a stored or typed name is, one per organ (农委 → 市农委 where the docket's unit is 市农委)."""
        return self.organ.get(name, name)

    def unit_id_of(self, stored: int) -> int:
        """The unit's id for the stored id of any of its printed names: a report, 签收 or binding kept under
        农委 before the fold (or since) counts for 市农委."""
        key = ("unit ids of stored ids",)
        if key not in self.memo:
            self.memo[key] = {i: self.unit_ids.get(u, i) for u, ids in self.organ_ids.items() for i in ids}
        found: dict[int, int] = self.memo[key]  # type: ignore[assignment]
        return found.get(stored, stored)

    def by_unit_ids(
        self, parts: Mapping[tuple[int, int], V], newer: Callable[[V, V], bool]
    ) -> dict[tuple[int, int], V]:
        """(task id, stored unit id) -> a record, keyed by the units' ids: of two records under one organ's two
        names the `newer` one stands."""
        folded: dict[tuple[int, int], V] = {}
        for (task_id, unit_id), value in parts.items():
            key = (task_id, self.unit_id_of(unit_id))
            if key not in folded or newer(value, folded[key]):
                folded[key] = value
        return folded

    def with_units(self, reports: list[ReportView]) -> list[ReportView]:
        """Reports named by their units: one filed under 农委 is 市农委's."""
        return [r if self.unit_of(r.unit) == r.unit else replace(r, unit=self.unit_of(r.unit)) for r in reports]

    def source(self, key: int | str | None) -> Source | None:
        """A live source by id or by the short name the office gave it."""
        return self._sources.get(key)  # type: ignore[arg-type]

    def by_id(self, task_id: int) -> model.Task | None:
        """A live task by its stored id."""
        return self._by_id.get(task_id)

    def named(self, number: int, source: str | None = None) -> list[model.Task]:
        """Live tasks that carry a number (as the document prints it or in order), in one source or in all."""
        return [
            t
            for t in self.tasks
            if t.number == number and (source is None or t.source == source or str(t.source_id) == source)
        ]

    def label(self, task: model.Task, lang: str = "zh") -> str:
        """A task's name as words: 第3条 while one source is live, else 营商第3条, 交办12号."""
        key = ("label", str(task.id), lang)
        if key not in self.memo:
            name = self.name(task)
            if isinstance(name, model.TaskName):
                self.memo[key] = name.render(lang)
            else:
                self.memo[key] = f"Task {name}" if lang == "en" else f"第{name}条"
        return self.memo[key]  # type: ignore[return-value]

    def name(self, task: model.Task) -> int | model.TaskName:
        """How answers name a task: its number alone while one source is live, else with its source."""
        if not (self.several and task.source):
            return task.number
        source = self.source(task.source_id)
        return model.TaskName(task.source, task.printed, numbered=source is not None and source.kind in NUMBERED_KINDS)

    def knows(self, word: str) -> bool:
        """Whether a word occurs in the plan's tasks (titles, bodies, sections): worth searching for."""
        key = ("words",)
        if key not in self.memo:
            self.memo[key] = "\n".join(f"{t.title}\n{t.body}\n{t.section or ''}" for t in self.tasks)
        return bool(word) and word in self.memo[key]  # type: ignore[operator]

    def subject_task(self, subject: str) -> int | None:
        """The number of the one live task whose title a subject names (复议应诉 → 22), if one does."""
        key = ("titles",)
        if key not in self.memo:
            self.memo[key] = Titles.of(
                ((t.number, t.title) for t in self.tasks), (t.title + t.body for t in self.tasks)
            )
        return self.memo[key].named(subject)  # type: ignore[attr-defined,no-any-return]

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
            if not words:  # titles that share no long word: a word of two or three from one of them, never ××
                words = Counter(w for t in self.tasks for w in jieba.lcut(t.title) if len(w) >= 2 and not w.isascii())
            if words:
                found["eg_keyword"] = words.most_common(1)[0][0]
            self.memo[key] = found
        return self.memo[key]  # type: ignore[return-value]

    def task(self, number: int | str, source: str | None = None) -> model.Task | None:
        """A live task by its number (in one source, or the only one across sources that has it), or by
        its name across the docket (营商3, 法治第15条, 法治二-3); None when none or several fit."""
        if isinstance(number, str):
            found = self.find(number)
            return found[0] if len(found) == 1 else None
        found = self.named(number, source)
        if len(found) > 1 and source is None and (focus := FOCUS.get()) is not None:
            found = self.named(number, focus) or found
        return found[0] if len(found) == 1 else None

    def find(self, text: str) -> list[model.Task]:
        """Live tasks a typed name fits: 营商3, 法治第15条, 交办12号, 二-3, 15."""
        text = text.strip().replace(" ", "")
        source = None
        for candidate in sorted(self.sources, key=lambda s: len(s.short), reverse=True):
            if candidate.short and text.startswith(candidate.short) and len(text) > len(candidate.short):
                source, text = candidate.short, text[len(candidate.short) :]
                break
        rest = text.removeprefix("第").removesuffix("条").removesuffix("号").removesuffix("项")
        if "-" in rest:
            return [t for t in self.tasks if t.printed == rest and (source is None or t.source == source)]
        try:
            number = parse_number(rest) if rest else 0
        except KeyError:
            return []
        found = self.named(number, source) if number else []
        if len(found) > 1 and (focus := FOCUS.get()) is not None:  # the source named before, or used last
            found = [t for t in found if t.source == focus] or found
        return found

    def unit_tasks(self, unit: str) -> list[UnitTask]:
        """A unit's tasks, named and through collectives (cached per unit), as `tasks_for_unit` finds
        them, from one index of the docket made once: each unit's first answer costs its own tasks, not
        a pass over every task of every source. A collective brings only its own source's government's tasks."""
        unit = self.organ.get(unit, unit)  # 农委 where the docket's unit is 市农委: the same organ
        if unit not in self._by_unit:
            named, reaching = self._unit_index()
            found = [(*entry, None) for entry in named.get(unit, ())]
            for collective, government in reaching.get(unit, ()):
                found += [
                    (*entry, collective)
                    for entry in named.get(collective, ())
                    if self.government_of(self.tasks[entry[0]]) == government
                ]
            found.sort(key=lambda e: (e[0], e[1], e[2]))
            grouped: dict[int, UnitTask] = {}
            for position, _, _, role, via in found:
                item = grouped.setdefault(position, UnitTask(task=self.tasks[position], roles=[]))
                item.roles.append((role, via))
            self._by_unit[unit] = list(grouped.values())
        return self._by_unit[unit]

    def _unit_index(self) -> tuple[dict[str, list[tuple[int, int, int, str]]], dict[str, list[tuple[str, str]]]]:
        """name -> (task position, role order, place in the role, role) wherever it is named; and unit ->
        (collective, government) for each collective named in a source of that government that reaches it."""
        key = ("unit_index",)
        if key not in self.memo:
            named: dict[str, list[tuple[int, int, int, str]]] = {}
            for position, task in enumerate(self.tasks):
                for order, role in enumerate(ROLES):
                    for place, name in enumerate(getattr(task, role)):
                        named.setdefault(name, []).append((position, order, place, role))
            reaching: dict[str, list[tuple[str, str]]] = {}
            for name, entries in named.items():
                if self.kind(name) == "collective":
                    for government in dict.fromkeys(self.government_of(self.tasks[e[0]]) for e in entries):
                        for member in self._members_in(name, government):
                            reaching.setdefault(member, []).append((name, government))
            self.memo[key] = (named, reaching)
        return self.memo[key]  # type: ignore[return-value]

    def government_of(self, task: model.Task) -> str:
        """The government whose units a task's collectives reach (its source's)."""
        return self.government.get(task.source_id or 0, "")

    def kind(self, unit: str) -> str:
        """department, collective or non-government (remembered per name)."""
        key = ("kind", unit)
        if key not in self.memo:
            self.memo[key] = self.directory.kind(unit)
        return self.memo[key]  # type: ignore[return-value]

    def members(self, collective: str, source_id: int | None = None) -> list[str]:
        """The units a collective reaches: in one source, its government's (another plan's 区政府各部门 never reaches
        this plan's units); without a source, those it reaches in every source that names it."""
        if source_id is not None:
            return self._members_in(collective, self.government.get(source_id, ""))
        governments = [self.government_of(t) for t in self.tasks if collective in t.units] or [
            self.government.get(self.plan_id, "")
        ]
        return list(dict.fromkeys(u for g in dict.fromkeys(governments) for u in self._members_in(collective, g)))

    def _members_in(self, collective: str, government: str) -> list[str]:
        """The units of one government a collective reaches (remembered per collective and government)."""
        key = ("members", collective, government)
        if key not in self.memo:
            directory = self.government_directory.get(government, self.directory)
            self.memo[key] = directory.members(collective, self.government_units.get(government, self.units))
        return self.memo[key]  # type: ignore[return-value]

    def schedule(self, task: model.Task) -> list[Due]:
        """The task's deadlines with the office's corrections and its source's default."""
        key = ("schedule", str(task.id or task.number))
        if key not in self.memo:
            source = self.source(task.source_id) if task.source_id is not None else None
            year, default = (source.year, source.default_deadline) if source else (self.year, self.default_deadline)
            self.memo[key] = task_schedule(task, year=year, default=default, overrides=self.overrides.get(task.id or 0))
        return self.memo[key]  # type: ignore[return-value]

    def due(self, task: model.Task, unit: str | None = None) -> date | None:
        """The date after which a unit that has not finished the task is late: the unit's own when the
        office granted it an extension."""
        if unit is not None and self.unit_due and (task.id or 0, unit) in self.unit_due:
            return self.unit_due[(task.id or 0, unit)]
        key = ("due", str(task.id or task.number))
        if key not in self.memo:
            self.memo[key] = main_due(self.schedule(task))
        return self.memo[key]  # type: ignore[return-value]


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
            plans = live_plans(session)
            if not plans:
                return None
            key = (tuple((p.id, p.imported_at, p.short_name) for p in plans), *docket_marks(session))
            if key != self._view_key:
                self._view = self._build_view(session, plans)
                self._view_key = key
        return self._view

    def _build_view(self, session: Session, plans: list[Plan]) -> PlanView:
        first = plans[0]
        assert first.id is not None
        ids = [p.id or 0 for p in plans]
        units = plan_units(session, ids)
        printed = [u.name for u in units]
        overrides: dict[int, dict[str, date]] = {}
        for row in session.exec(select(DeadlineOverride)).all():
            overrides.setdefault(row.task_id, {})[row.kind] = row.value
        tasks = [t for p in plans for t in plan_tasks(session, p.id or 0, source=p.short_name or "")]
        # The places of the docket are the first source's (an office's sources are of its own place); its text says
        # them where its issuer, title and units do not.
        said = "\n".join(f"{t.section or ''}\n{t.title}\n{t.body}" for t in tasks if t.source_id in (None, first.id))
        places = plan_places(first.issuer, first.title, printed, said)
        directory = with_taught(self.directory.for_plan(places.chain), taught(session))
        # Each source is of a government: its own place's, the office's for its own items (交办), a government of its
        # own when it names no place. One organ, one unit within a government: the names its sources print for one
        # organ (农委 and 市农委; 市商务局 and the same with its second name in brackets) are the unit first written, the
        # others its aliases; its tasks are those of all. Never by name alone across governments (another plan's
        # 统计局 is not this plan's 区统计局).
        government, government_places = _governments(session, plans, places, tasks)
        government_printed: dict[str, list[str]] = {}
        for p in plans:
            printed_here = [u.name for u in plan_units(session, p.id or 0)]
            government_printed.setdefault(government[p.id or 0], []).extend(printed_here)
        organ: dict[str, str] = {}
        government_units: dict[str, list[str]] = {}
        for key, names_here in government_printed.items():
            folded = one_organ_each(list(dict.fromkeys(names_here)), government_places[key])
            for name in names_here:
                organ.setdefault(name, folded.get(name, name))
            government_units[key] = list(dict.fromkeys(organ[n] for n in names_here))
        for name in printed:
            organ.setdefault(name, name)
        names = list(dict.fromkeys(organ[n] for n in printed))
        taught_aliases = taught(session)
        government_directory = {
            key: with_taught(self.directory.for_plan(chain.chain), taught_aliases)
            for key, chain in government_places.items()
        }
        directory = with_taught(directory, _printed_aliases(organ, directory))
        tasks = [_one_organ_task(t, organ) for t in tasks]
        organ_ids: dict[str, list[int]] = {}
        for unit in units:
            organ_ids.setdefault(organ[unit.name], []).append(unit.id or 0)
        sources = [
            Source(
                id=p.id or 0,
                title=p.title,
                short=p.short_name or "",
                kind=p.kind,
                year=p.year,
                default_deadline=model.Deadline(p.default_due_text or "", p.default_due, "default")
                if p.default_due
                else None,
            )
            for p in plans
        ]
        return PlanView(
            plan_id=first.id,
            title="；".join(p.title for p in plans),
            year=first.year,
            default_due=first.default_due,
            tasks=tasks,
            units=names,
            unit_ids={u.name: u.id or 0 for u in units if organ[u.name] == u.name},
            directory=directory,
            resolver=_docket_resolver(
                names, directory, places, government, government_units, government_directory, government_places
            ),
            default_deadline=sources[0].default_deadline,
            overrides=overrides,
            sources=sources,
            unit_due={(t, organ.get(u, u)): d for (t, u), d in granted_dates(session).items()},
            closed=[
                t
                for p in all_plans(session)
                if p.archived_at is not None
                for t in plan_tasks(session, p.id or 0, source=p.short_name or "")
            ],
            organ=organ,
            organ_ids=organ_ids,
            government=government,
            government_units=government_units,
            government_directory=government_directory,
        )

    def refresh(self) -> None:
        """Look for a newer plan or corrections at the next view(), not a second later."""
        self._view_checked = 0.0

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with session_scope(self.engine) as session:
            yield session

    @contextmanager
    def rehearsal(self) -> Iterator[tuple[Store, Rehearsal]]:
        """This store on one transaction undone when the block ends, and what was written on it."""
        with rehearsed(self.engine) as done:
            yield replace(self, engine=cast(Engine, done.connection)), done

    def import_file(
        self,
        path: Path,
        *,
        plan_id: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        parsed: model.Plan | None = None,
        force: bool = False,
        **source: str | None,
    ) -> ImportResult:
        """Parse a plan file (or take it as `parsed`, read elsewhere) and store it in one transaction: all
        of it or nothing. A document that does not look like a plan is refused unless `force`; `source`
        may give the kind and short name."""
        self._view_checked = 0.0
        with self.session() as session:
            return self._import(session, path, plan_id, progress, parsed, force=force, **source)[1]

    def preview_import(
        self, path: Path, *, plan_id: int | None = None, parsed: model.Plan | None = None, force: bool = False
    ) -> tuple[model.Plan, ImportResult]:
        """What importing a file would do, computed by importing it in a transaction that is rolled back."""
        with Session(self.engine) as session:
            try:
                return self._import(session, path, plan_id, None, parsed, force=force)
            finally:
                session.rollback()

    def _import(
        self,
        session: Session,
        path: Path,
        plan_id: int | None,
        progress: Callable[[int, int], None] | None,
        parsed: model.Plan | None = None,
        *,
        force: bool = False,
        kind: str | None = None,
        short_name: str | None = None,
    ) -> tuple[model.Plan, ImportResult]:
        parsed = parsed or parse_file(path)
        if not force:
            check(parsed, path.name)
        result = import_plan(
            kind=kind,
            short_name=short_name,
            session=session,
            parsed=parsed,
            source_name=path.name,
            source_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
            directory=self.directory,
            plan_id=plan_id,
            progress=progress,
        )
        return parsed, result


def _governments(
    session: Session, plans: list[Plan], office: Places, tasks: list[model.Task]
) -> tuple[dict[int, str], dict[str, Places]]:
    """Each live source's government (source id -> a key) and each government's places: the office's (the first
    source's places) for the first source and the office's own items (交办); a source of a place, that place's
    (sources of one place are one government); a source naming no place, a government of its own."""
    government: dict[int, str] = {}
    places: dict[str, Places] = {}
    office_key = office.own or f"#{plans[0].id}"
    places[office_key] = office
    for number, plan in enumerate(plans):
        plan_id = plan.id or 0
        if number == 0 or plan.kind in NUMBERED_KINDS:
            government[plan_id] = office_key
            continue
        said = "\n".join(f"{t.section or ''}\n{t.title}\n{t.body}" for t in tasks if t.source_id == plan_id)
        printed = [u.name for u in plan_units(session, plan_id)]
        found = plan_places(plan.issuer, plan.title, printed, said)
        key = found.own or f"#{plan_id}"
        government[plan_id] = key
        places.setdefault(key, found)
    return government, places


def _printed_aliases(organ: dict[str, str], directory: Directory) -> dict[str, list[str]]:
    """Each unit's other printed names, with what the directory knows them by, as aliases of the unit."""
    aliases: dict[str, list[str]] = {}
    for name, unit in organ.items():
        if name != unit:
            entry = directory.units.get(name)
            aliases.setdefault(unit, []).extend([name, *(entry.aliases if entry else [])])
    return aliases


def _one_organ_task(task: model.Task, organ: dict[str, str]) -> model.Task:
    """A task with each unit named by its organ's unit, once (农委 and 市农委 both leading: 市农委 leads)."""
    roles = {role: list(dict.fromkeys(organ.get(n, n) for n in getattr(task, role))) for role in ROLES}
    if all(roles[role] == getattr(task, role) for role in ROLES):
        return task
    return replace(task, **roles)


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


_attached: dict[tuple[str, str], Store] = {}


def attached_store(settings: Settings) -> Store:
    """The store of a database another process opened (and migrated), for work done in a worker process
    (core/lanes.py): one per database and directory, kept while the worker lives."""
    key = (settings.db_url(), str(settings.directory_file))
    if key not in _attached:
        _attached[key] = Store(engine=make_engine(settings.db_url()), directory=load_directory(settings.directory_file))
    return _attached[key]


def import_apart(
    settings: Settings, path: Path, parsed: model.Plan, *, preview: bool = False, actor: str | None = None
) -> Any:
    """A plan read elsewhere, imported as a worker process runs it (core/lanes.py: Lanes.in_process), on
    the database `settings` names; with `actor`, its trace (留痕) is written in the same transaction, so
    there is never an import without it. With `preview`, what importing it would do: (plan, result)."""
    store = attached_store(settings)
    if preview:
        return store.preview_import(path, parsed=parsed)
    store._view_checked = 0.0
    with store.session() as session:
        result = store._import(session, path, None, None, parsed)[1]
        if actor is not None:
            trace.record(session, actor=actor, via="web", action="import", detail=import_detail(path.name, result))
    return result


def import_detail(name: str, result: ImportResult) -> str:
    """An import as the trace tells it: the file, the plan, and what changed."""
    changed = f"，新增 {len(result.added)}、修改 {len(result.updated)}、撤下 {len(result.archived)}"
    return f"{name} → «{result.title}»：{result.task_count} 项" + ("" if result.created else changed)


def open_store(settings: Settings, *, seed: bool = True) -> Store:
    """Migrate the database and, when it holds no plan yet, import the configured (bundled) one."""
    engine = make_engine(settings.db_url())
    migrate(engine)
    store = Store(engine=engine, directory=load_directory(settings.directory_file))
    if seed:
        with one_at_a_time(engine):  # processes starting together on one PostgreSQL import it once
            with store.session() as session:
                empty = current_plan(session) is None
            if empty:
                result = store.import_file(settings.plan_file)
                logger.info("imported %s: %d tasks", result.title, result.task_count)
    return store
