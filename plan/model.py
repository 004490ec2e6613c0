"""What reading a plan yields: plain data, independent of storage and of any chat platform."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

_SHEET_LABEL = re.compile(r"^[一二三四五六七八九十]+-\d+$")


@dataclass(frozen=True)
class Deadline:
    """A time phrase of a task and the date it resolves to, when it resolves to one."""

    text: str
    due: date | None
    kind: str = "fixed"  # fixed | relative | recurring | quota


@dataclass(frozen=True)
class Target:
    """A quantity the task must reach: 不少于60学时, 出庭应诉率达到100%."""

    text: str
    value: float
    unit: str
    context: str = ""


@dataclass(frozen=True)
class TaskName:
    """A task named across the docket, for answers: 营商第3条, 法治二-3 (Task 3 of 营商 in English)."""

    source: str
    printed: str
    numbered: bool = False  # the source numbers its items as documents (交办12号), not as articles (第12条)

    def render(self, lang: str) -> str:
        if self.numbered:
            return f"{self.source}{self.printed}号" if lang != "en" else f"{self.source} No. {self.printed}"
        if lang == "en":
            return f"{self.source} task {self.printed}"
        return f"{self.source}第{self.printed}条" if self.printed.isdigit() else f"{self.source}{self.printed}"

    def __str__(self) -> str:
        return self.render("zh")


@dataclass
class Task:
    """One numbered task of a plan with who does it and by when."""

    number: int
    title: str
    body: str = ""
    section: str | None = None
    label: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    id: int | None = None  # set when the task comes from storage
    original: str = ""  # a task of a traditional-character document as written there (title and text), for display
    source: str = ""  # the short name of the docket source it belongs to (法治, 营商, 交办), when stored
    source_id: int | None = None

    @property
    def printed(self) -> str:
        """Its number as the document prints it: 二-3 where numbering restarts per section, else 15."""
        return self.label if _SHEET_LABEL.match(self.label) else str(self.number)

    @property
    def ref(self) -> str:
        """How the task is named across the docket: source and number (营商3, 法治二-3)."""
        return f"{self.source}{self.printed}"

    @property
    def units(self) -> list[str]:
        """Every unit the task names, in plan order, once each."""
        return list(dict.fromkeys(self.lead + self.responsible + self.cooperating))


@dataclass
class Plan:
    """A whole plan as read from one document."""

    title: str = ""
    year: int | None = None
    issuer: str | None = None
    doc_number: str | None = None
    issued: date | None = None
    sections: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    default_deadline: Deadline | None = None
    warnings: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # 以下简称: the short name the plan gives a unit -> its name
    # Why each part was read as it was (the shape seen, why a line is a task or skipped): `duban parse --explain`.
    explained: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def units(self) -> list[str]:
        """Every unit named by any task, in order of first appearance."""
        return list(dict.fromkeys(name for task in self.tasks for name in task.units))

    def task(self, number: int) -> Task | None:
        """The task with this number, if the plan has it."""
        return next((t for t in self.tasks if t.number == number), None)

    def to_json(self) -> dict[str, Any]:
        """The plan as `duban parse --json` prints it."""

        def dates(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: dates(v) for k, v in value.items()}
            if isinstance(value, list):
                return [dates(v) for v in value]
            return value

        data = asdict(self)
        data.pop("explained")
        return dates(data)
