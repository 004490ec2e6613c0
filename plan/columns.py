"""A task table's columns read by what their cells hold, for every format alike (pasted text, Word, Excel,
web pages, PDF): numbers running on (序号, wherever they start), lists of organs (a role), persons or
positions (责任领导), dates (完成时限), progress words, long text (the task). Used where a header says
nothing of a column, and for tables with no header row at all; the words are in plan/data/columns.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from plan.cell_lines import names_from_lines
from plan.conventions import role_words
from plan.roles import bare_units

COLUMNS_FILE = Path(__file__).resolve().parent / "data" / "columns.yaml"
FILLED = 0.6  # of a column's cells that must hold what its kind says
_NUMBER = re.compile(r"^(\d{1,4})(?:\.0)?[.、．]?$")


@cache
def _words() -> dict:
    return yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8")) or {}


@cache
def header_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) for header cells, in the order they are tried (plan/data/columns.yaml header_words; the words
    for cooperating and lead are those role labels are read by, plan/data/conventions.yaml role_words)."""
    shared = role_words()
    return tuple(
        (kind, re.compile("|".join([*words, *(re.escape(w) for w in shared.get(kind, ()) if kind != "responsible")])))
        for kind, words in _words()["header_words"].items()
    )


@cache
def unit_words() -> re.Pattern[str]:
    """Words that name units in a header (责任单位及责任人 is a unit column all the same)."""
    return re.compile("|".join(_words()["unit_words"]))


@cache
def _cell_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\s*\n\s*", "", _words()["cell_words"][kind]))


def cell_units(cell: str) -> str:
    """A cell's lines as one list: a line is a name, except one that opens with a bracket, which is the
    second name of the line above (市商务局 / （市粮食和物资储备局）), and a piece of a name a narrow column
    broke off (市发展 / 改革委), joined back onto it (plan/cell_lines.py)."""
    return "、".join(names_from_lines(re.sub(r"\n+(?=[(（])", "", cell).split("\n")))


def persons_too(header: str) -> bool:
    """Whether a role column's header says its cells name persons beside the units (责任单位及责任人)."""
    return bool(_cell_pattern("persons_too").search(header))


def number_of(cell: str) -> int | None:
    """The number a 序号 cell holds (1, 1., 1、, 1.0 as a sheet stores it), or None."""
    found = _NUMBER.match(cell.strip())
    return int(found.group(1)) if found else None


def cell_kind(cell: str) -> str:
    """What one body cell holds: empty, number, units, person, date, status or text."""
    cell = cell.strip()
    if not cell:
        return "empty"
    if number_of(cell) is not None:
        return "number"
    if _cell_pattern("status").match(cell):
        return "status"
    flat = cell_units(cell)
    if bare_units(flat):
        return "units"
    if len(flat) <= 24 and _cell_pattern("person").search(flat):
        return "person"
    if len(cell) <= 24 and _cell_pattern("date").search(cell):
        return "date"
    return "text"


@dataclass
class Column:
    """What a column's body holds: its kind, the share of its filled cells that hold it, and for a column
    of numbers whether they run on (3, 4, 5 …) as a 序号 does."""

    kind: str
    share: float
    filled: int
    running: bool = False
    length: float = 0.0

    def describe(self) -> str:
        if self.kind == "sparse":
            return f"only {self.filled} cells filled"
        if self.kind == "number":
            return f"numbers{' running on' if self.running else ''} in {self.filled} cells"
        return f"{self.share:.0%} of {self.filled} cells {self.kind}"


def profile(cells: list[str], rows: int) -> Column:
    """The kind of a column from its body cells (rows: how many body rows there are)."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled or len(filled) < FILLED * rows:
        return Column("sparse", 0.0, len(filled))
    length = sum(map(len, filled)) / len(filled)
    kinds = [cell_kind(c) for c in filled]
    if all(k == "number" for k in kinds):
        numbers = [n for c in filled if (n := number_of(c)) is not None]
        steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
        running = len(numbers) >= 2 and steps >= FILLED * (len(numbers) - 1)
        return Column("number", 1.0, len(filled), running, length)
    for kind in ("units", "person", "date", "status"):
        share = kinds.count(kind) / len(kinds)
        if share >= FILLED:
            return Column(kind, share, len(filled), length=length)
    return Column("text", kinds.count("text") / len(kinds), len(filled), length=length)


def spread(row: list[str]) -> bool:
    """Whether a row spreads over the table's columns: three cells filled or more, not all with one text (a
    title or a section's heading merged across a sheet stands in every cell it covers)."""
    filled = [c.strip() for c in row if c.strip()]
    return len(filled) >= 3 and len(set(filled)) > 1


def profiles(rows: list[list[str]]) -> list[Column]:
    """Each column's profile over the rows (rows with fewer than three filled cells, headings across the
    table and the like, left out)."""
    body = [r for r in rows if spread(r)]
    width = max((len(r) for r in body), default=0)
    return [profile([r[i] if i < len(r) else "" for r in body], len(body)) for i in range(width)]


def fits(cell: str, column: Column) -> bool:
    """Whether a cell looks like the body of its column (a header's cells do not: 序号 over numbers,
    数据来源 over organs)."""
    kind = cell_kind(cell)
    if column.kind in ("number", "units", "date"):
        return kind == column.kind or kind == "empty"
    return True
