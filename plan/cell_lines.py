"""A unit cell's names from its printed lines. A narrow column breaks a name into lines (县人力资 / 源和社会 /
保障局; 市政 / 府办 / 公厅), and a document converted out of a PDF, or a web page saved from one, keeps each such
line as a paragraph of its own, while a cell listing a unit a line (市发改委 / 市财政局) has whole names on its
lines. A line goes on with the name above it when that name has not ended yet (市发展 / 改革委), or when the two
together hold an organ's name that neither holds alone (县政府 / 办公室, 县人力资源和社会 / 保障局); two whole
names stay apart. A name rebuilt from several lines is kept only where the unit reader takes it for a unit."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from plan.text import UNIT_END
from plan.unit_model import span_kind

ORGANS_FILE = Path(__file__).resolve().parent / "data" / "organs.yaml"
COLUMNS_FILE = Path(__file__).resolve().parent / "data" / "columns.yaml"
_SEPARATOR = re.compile(r"[、，,；;]")
_NOTES = re.compile(r"(?:[(（][^()（）]*[)）]|等)+$")  # 各镇（街道）, 省商务厅等: the name ended before its note
_SURE = 0.5  # how likely a rebuilt name must be a unit or a collective to be kept


@cache
def _organ_names() -> tuple[str, ...]:
    """Every name of every kind of organ (plan/data/organs.yaml), longest first."""
    kinds = yaml.safe_load(ORGANS_FILE.read_text(encoding="utf-8"))["kinds"]
    names = {name for key, kind in kinds.items() for name in [key, *kind.get("names", [])] if len(name) >= 3}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _name_data() -> dict:
    return yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))["cell_lines"]


@cache
def _ended() -> re.Pattern[str]:
    """How a whole name ends (an organ's ending, or a place, a group or a body's: 开发区, 有关单位, 专班)."""
    return re.compile(rf"(?:{UNIT_END.pattern.strip('$')}|{'|'.join(_name_data()['endings'])})$")


def _tails() -> tuple[str, ...]:
    """Words that end a name and are never one of their own (办公室, 委员会, 管委会)."""
    return tuple(_name_data()["tails"])


def names_from_lines(lines: list[str]) -> list[str]:
    """The cell's lines as its names' lines: a line broken out of a name joined back onto it."""
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) < 2:
        return lines
    out: list[list[str]] = [[lines[0]]]
    for line in lines[1:]:
        if _goes_on(out[-1][-1] if len(out[-1]) == 1 else "".join(out[-1]), line):
            out[-1].append(line)
        else:
            out.append([line])
    rebuilt: list[str] = []
    for group in out:
        name = "".join(group)
        if len(group) > 1 and not _is_unit(name):
            rebuilt.extend(group)  # the reader does not take the joined lines for a unit: left as the lines were
        else:
            rebuilt.append(name)
    return rebuilt


def _goes_on(above: str, line: str) -> bool:
    """Whether `line` continues the name the text above ends with."""
    if _SEPARATOR.search(above[-1:]) or _SEPARATOR.match(line):
        return True  # a list broken after its 、 (区工信局、 / 区商务局), or before it
    tail = _SEPARATOR.split(above)[-1]
    head = _SEPARATOR.split(line)[0]
    if not tail or not head or head.startswith(tuple(_name_data()["opens"])):
        return False  # 高新园（邹区镇） / 各街道: a collective opens a name of its own
    if not _ended().search(_NOTES.sub("", tail)):
        return True  # 市发展 / 改革委, 各乡镇人 / 民政府: the name above has not ended
    if head.startswith(_tails()):
        return True  # 县政府 / 办公室
    joined = tail + head
    # An organ's name across the break that neither line holds whole (县人力资源和社会 / 保障局 ends 人力资源和社会保障局).
    return any(joined.endswith(name) and len(name) > len(head) and not tail.endswith(name) for name in _organ_names())


@cache
def _is_unit(name: str) -> bool:
    """Whether every name of a rebuilt list reads as a unit or a collective."""
    parts = [p for p in _SEPARATOR.split(name) if p]
    for part in parts:
        kind, sure = span_kind(part)
        if kind not in ("unit", "collective") or sure < _SURE:
            return False
    return True
