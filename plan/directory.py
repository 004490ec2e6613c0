"""The unit directory: which units a collective name reaches, which organs are not government
departments, and the aliases people use. Data the office edits, not code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_DIRECTORY = Path(__file__).resolve().parent / "data" / "directory.yaml"

# A name standing for many units: 区政府各部门, 各镇街, 区直各单位, 各相关行政执法部门.
_COLLECTIVE = re.compile(r"(^|[区市县旗府直])各|各(相关|有关)?.{0,8}(部门|单位|机关|镇|街道|苏木|乡)$")


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

    def collective(self, name: str) -> Collective | None:
        """The collective a name stands for, by its name or an alias."""
        if name in self.collectives:
            return self.collectives[name]
        return next((c for c in self.collectives.values() if name in c.aliases), None)

    def kind(self, name: str) -> str:
        """`collective`, `non-government` (Party, congress, discipline organs) or `department`."""
        entry = self.units.get(name)
        if entry and entry.kind:
            return entry.kind
        if self.collective(name) or _COLLECTIVE.search(name):
            return "collective"
        if any(name.startswith(p) for p in self.party_prefixes):
            return "non-government"
        return "department"

    def members(self, collective: str, known: list[str]) -> list[str]:
        """The units among `known` (and the directory's own) that a collective name reaches."""
        entry = self.collective(collective)
        everyone = list(dict.fromkeys([*known, *self.units]))
        if entry is None or entry.members is None:
            return [u for u in everyone if self.kind(u) == "department"]
        return list(entry.members)

    def all_names(self) -> list[str]:
        """Every unit and collective the directory names (canonical names only)."""
        return list(dict.fromkeys([*self.units, *self.collectives]))


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
    directory = Directory(party_prefixes=[str(p) for p in raw.get("party") or []])
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
