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
from plan.text import UNIT_END
from plan.unit_model import span_kind

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


_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_SURE_UNIT = 0.9  # how sure the unit reader must be that the name before a person's is a unit


SHAPES_FILE = Path(__file__).resolve().parent / "data" / "unit_shapes.yaml"


@cache
def _surnames() -> str:
    """Common surnames (plan/data/unit_shapes.yaml, the unit reader's training shapes)."""
    return str(yaml.safe_load(SHAPES_FILE.read_text(encoding="utf-8"))["surnames"])


def person_name(name: str, sure: bool = False) -> bool:
    """Whether a name in a unit cell is a person's (林静国 after 市教育局、市住建局): two or three characters
    with no organ's or part's ending, that are no place and that the unit reader reads as no unit or collective,
    opening with a common surname, unless the column is `sure` to name persons too (牵头单位及主要负责人)."""
    from plan.gazetteer import gazetteer

    if not _PERSON_NAME.match(name) or (not sure and name[0] not in _surnames()) or UNIT_END.search(name):
        return False
    book = gazetteer()
    if name[-1] in _words()["organ_parts"] or book.is_place(name) or any(book.named(name + e) for e in _PLACE_ENDS):
        return False  # 龙岗, 余杭: a district named bare (a township's name is too often a person's: 张华镇)
    kind = span_kind(name)[0]
    # Two characters are as often a unit's short name (高新, 武警): only where the column names persons.
    return kind == "person" or kind == "other" and (sure or len(name) == 3)


_PLACE_ENDS = ("市", "区", "县", "旗")


def persons_too(header: str) -> bool:
    """Whether a role column's header says its cells name persons beside the units (责任单位及责任人)."""
    return bool(_cell_pattern("persons_too").search(header))


def without_person(name: str) -> str:
    """A unit with the name of the person in charge glued on (市民政局伍泽国, as a column of 牵头单位及主要负责人
    prints them) is the unit: the name ends with two or three characters that are no organ's ending nor a part's
    (物业科, 林场: plan/data/columns.yaml organ_parts), after a name the unit reader is sure is a unit and which ends
    as organs do, while those characters read as no unit."""
    if UNIT_END.search(name) or len(name) < 6:
        return name
    for size in (3, 2):
        head, tail = name[:-size], name[-size:]
        # A three-character name, or two opening with a common surname (县财政局国库, 县公安局交警 stay whole).
        named = person_name(tail, sure=True) and (size == 3 or tail[0] in _surnames())
        if not named or not UNIT_END.search(head):
            continue
        kind, sure = span_kind(head)
        if kind == "unit" and sure >= _SURE_UNIT and span_kind(tail)[0] in ("person", "other"):
            return head
    return name


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
