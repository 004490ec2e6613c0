"""The unit directory: which units a collective name reaches, which organs are not government
departments, and the aliases people use. Data the office edits, not code."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from plan.places import level_word
from plan.unit_model import span_kind

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "data" / "directory.yaml"
NAMING_FILE = Path(__file__).resolve().parent / "data" / "naming.yaml"
LEVELS = ("省", "市", "州", "盟", "区", "县", "旗")  # what a unit's own name may start with (区司法局)

# A name standing for many units: 区政府各部门, 各镇街, 区直各单位, 各相关行政执法部门.
# A group of the plan's own level too: 市直有关单位, 区政府有关部门, 其他有关部门, 相关镇（街道）, 有关区县政府,
# 指挥部成员单位; the local governments by their kind alone: 镇（街道）, 乡镇.
_COLLECTIVE = re.compile(
    r"(^|[区市县旗府直级属])各|各(相关|有关)?.{0,8}(部门|单位|机关|镇|街道|苏木|乡)$"
    r"|^[省市区县州旗]级(各)?(有关|相关|其他)?(部门|单位|机关)$|^(有关|相关|其他)(部门|单位)$"
    r"|(有关|相关|其他|其它)[^、，,]{0,8}?(部门|单位|机关|企业|镇|乡|街道|街办|苏木|政府|乡镇|镇街)"
    r"(?:（[^）]*）|\([^)]*\))?$"
    r"|成员单位$"
    r"|^(?:乡镇|镇街|镇|乡|街道|街办|苏木)(?:[（(](?:街道|乡|镇|街办)[）)])?$"  # 镇（街道）: every town and street
)


@dataclass(frozen=True)
class OrganKinds:
    """Which names are organs outside the government and which are governments below it, at any
    level (plan/data/naming.yaml): 县委办公室 as 区委办公室; 某某镇 under 各乡镇人民政府, 越秀区 under
    各区、县级市."""

    outside: re.Pattern[str]
    local: re.Pattern[str]  # a government below the plan's, or a place: 青禾镇, 永丰街办事处, 越秀区
    own_government: re.Pattern[str]  # …but not the plan's own: 区人民政府, 市政府
    local_collective: re.Pattern[str]  # what follows the last 各 of a collective of those
    departments: re.Pattern[str]  # …unless it names departments after all (各镇街有关部门)


@lru_cache
def organ_kinds(path: Path = NAMING_FILE) -> OrganKinds:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))

    levels = "".join(LEVELS)
    stems = alternatives(raw.get("non_government_stems") or [])
    prefixes = alternatives(raw.get("non_government_prefixes") or [])
    letters = re.escape(str(raw.get("local_collective_letters") or ""))
    return OrganKinds(
        outside=re.compile(rf"^(?:{prefixes})|^(?:[\u4e00-\u9fff]{{1,8}}?)?[{levels}](?:{stems})"),
        local=re.compile(rf"(?:{alternatives(raw.get('local_endings') or [])})$|^[\u4e00-\u9fff]{{1,6}}[{levels}]$"),
        local_collective=re.compile(
            rf"(?:{alternatives(raw.get('local_collective_endings') or [])})$|^[{letters}]+$" if letters else r"(?!x)x"
        ),
        departments=re.compile(alternatives(raw.get("departments_words") or []) or r"(?!x)x"),
        own_government=re.compile(rf"[{levels}](?:人民)?政府"),
    )


def level_of(name: str) -> str:
    """The level word a unit's name starts with (区司法局: 区), or nothing (市场监管局 starts with none)."""
    return level_word(name)


class DirectoryError(Exception):
    """A directory file that cannot be used; the message says where it is wrong."""


@dataclass
class UnitEntry:
    """What the directory knows of one unit."""

    name: str
    aliases: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    kind: str | None = None


@dataclass
class Collective:
    """A collective name and who it reaches: every government department, or a list."""

    name: str
    aliases: list[str] = field(default_factory=list)
    members: list[str] | None = None  # None: every department of the district government


@dataclass
class Directory:
    """Naming knowledge for one plan's units."""

    party_prefixes: list[str] = field(default_factory=list)
    collectives: dict[str, Collective] = field(default_factory=dict)
    units: dict[str, UnitEntry] = field(default_factory=dict)
    place: str | None = None  # whose units these are; None: the office's own, for any plan
    foreign: bool = False  # another place's directory: its own units are not this plan's

    def for_plan(self, chain: tuple[str, ...]) -> Directory:
        """This directory for a plan of the places `chain`: whole when it is about that place, else
        only what holds by name anywhere (aliases and English names of units the plan itself names).
        Another district's collective lists and extra units never reach this plan's units."""
        if self.place is None or self.place in chain:
            return self
        return Directory(
            collectives={k: Collective(k, list(c.aliases)) for k, c in self.collectives.items()},
            units={k: UnitEntry(k, list(u.aliases), list(u.english), u.kind) for k, u in self.units.items()},
            place=self.place,
            foreign=True,
        )

    def collective(self, name: str) -> Collective | None:
        """The collective a name stands for, by its name or an alias."""
        if name in self.collectives:
            return self.collectives[name]
        return next((c for c in self.collectives.values() if name in c.aliases), None)

    def kind(self, name: str) -> str:
        """`collective`, `non-government` (Party, congress, discipline organs, people's organisations),
        `local` (a government below the plan's: 某某镇, 某某街道, 越秀区) or `department`."""
        entry = self.units.get(name)
        if entry and entry.kind:
            return entry.kind
        if self.collective(name) or _COLLECTIVE.search(name) or _reads_as_collective(name):
            return "collective"
        kinds = organ_kinds()
        if any(name.startswith(p) for p in self.party_prefixes) or kinds.outside.search(name):
            return "non-government"
        if kinds.local.search(name) and not kinds.own_government.fullmatch(name):
            return "local"
        return "department"

    def members(self, collective: str, known: list[str]) -> list[str]:
        """The units among `known` (and the directory's own, of the same level) that a collective
        name reaches: its listed members, else the governments below for 各乡镇 / 各街道 / 各县市区,
        else every government department."""
        entry = self.collective(collective)
        if entry is not None and entry.members is not None:
            return list(entry.members)
        level = level_of(collective) or _usual_level(known)
        # The directory's own units are another place's when their level is not the plan's (区 vs 县).
        own = [] if self.foreign else [u for u in self.units if level_of(u) in ("", level)]
        everyone = list(dict.fromkeys([*known, *own]))
        return [u for u in everyone if self.kind(u) == _reached_kind(collective)]

    def all_names(self) -> list[str]:
        """Every unit and collective the directory names (canonical names only)."""
        return list(dict.fromkeys([*self.units, *self.collectives]))


def _reads_as_collective(name: str) -> bool:
    """A group the shapes above miss that the unit reader is sure of (相关乡镇办, 相关市、县政府)."""
    kind, sure = span_kind(name)
    return kind == "collective" and sure >= 0.95


def _reached_kind(collective: str) -> str:
    """local when a collective names the governments below (各乡镇人民政府, 各县市区, 各区、县级市),
    else department (区政府各部门, 县直各执法部门, 各镇街有关部门)."""
    kinds = organ_kinds()
    tail = re.sub(r"[（）()、，,\s]", "", collective.rsplit("各", 1)[-1])
    tail = re.sub(r"^(?:有关|相关)", "", tail)
    if kinds.departments.search(tail) or not tail:
        return "department"
    return "local" if kinds.local_collective.search(tail) else "department"


def _usual_level(names: list[str]) -> str:
    """The level most of a plan's units are named at (区, 县, 市 …)."""
    counted = Counter(level for name in names if (level := level_of(name)))
    return counted.most_common(1)[0][0] if counted else ""


def load_directory(path: Path | None = None) -> Directory:
    """Read a directory file; the bundled default when no path is given."""
    path = path or DEFAULT_DIRECTORY
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise DirectoryError(f"cannot read directory {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise DirectoryError(f"directory {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise DirectoryError(f"directory {path}: expected sections party, collectives, units")
    directory = Directory(
        party_prefixes=[str(p) for p in raw.get("party") or []], place=str(raw["place"]) if raw.get("place") else None
    )
    for name, spec in (raw.get("collectives") or {}).items():
        spec = spec or {}
        members = spec.get("members", "government")
        directory.collectives[str(name)] = Collective(
            name=str(name),
            aliases=[str(a) for a in spec.get("aliases") or []],
            members=None if members == "government" else [str(m) for m in members or []],
        )
    for name, spec in (raw.get("units") or {}).items():
        spec = spec or {}
        directory.units[str(name)] = UnitEntry(
            name=str(name),
            aliases=[str(a) for a in spec.get("aliases") or []],
            english=[str(e) for e in spec.get("english") or []],
            kind=spec.get("kind"),
        )
    return directory
