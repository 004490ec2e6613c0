"""Persons in a list of units, in every format (a table's unit cell, a role label's list in the text): a person's
name standing among the units (张华) or glued after one (市民政局伍泽国, 市民政局 伍泽国), read by the unit reader and
the common surnames of plan/data/unit_shapes.yaml; the parts of organs (物业科, 林场) are in plan/data/columns.yaml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from plan.text import UNIT_END
from plan.unit_model import span_kind

COLUMNS_FILE = Path(__file__).resolve().parent / "data" / "columns.yaml"


@cache
def _organ_parts() -> tuple[str, ...]:
    """How the name of a part of an organ ends (科, 站, 场 …): never a person's name after a unit's."""
    return tuple((yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8")) or {})["organ_parts"])


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
    if name[-1] in _organ_parts() or book.is_place(name) or any(book.named(name + e) for e in _PLACE_ENDS):
        return False  # 龙岗, 余杭: a district named bare (a township's name is too often a person's: 张华镇)
    kind = span_kind(name)[0]
    # Two characters are as often a unit's short name (高新, 武警): only where the column names persons.
    return kind == "person" or kind == "other" and (sure or len(name) == 3)


_PLACE_ENDS = ("市", "区", "县", "旗")


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
