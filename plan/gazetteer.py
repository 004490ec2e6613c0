"""China's administrative divisions (plan/data/divisions.tsv; source and licence in plan/data/DIVISIONS.md):
every province, city, county and township with its parent, so that a plan's place chain is completed
(a district → its province, its city, itself) and any place is recognised as a place, not only those a plan names."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "divisions.tsv"
PEOPLES = Path(__file__).resolve().parent / "data" / "ethnic-groups.txt"
_AUTONOMOUS = ("自治州", "自治县", "自治旗")  # named with their peoples, called without them (黔南州)
LEVELS = ("province", "city", "county", "township")
# How the names of towns, townships and streets end; other divisions of that level (farms, zones, 城区) are not
# read as a place before a unit's name.
TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木")
# How names of places end, longest first: the short form is the name without it (某某自治区 → 某某).
_ENDINGS = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "州",
    "盟",
    "区",
    "县",
    "旗",
)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent: str  # the parent's code; '' for a province

    @property
    def short(self) -> str:
        """The name without its ending where two or more characters remain (某某市 → 某某; 某区 keeps its ending)."""
        for ending in _ENDINGS:
            if self.name.endswith(ending) and len(self.name) - len(ending) >= 2:
                return self.name[: -len(ending)]
        return self.name


@dataclass
class Gazetteer:
    divisions: dict[str, Division] = field(default_factory=dict)
    by_name: dict[str, list[Division]] = field(default_factory=dict)  # full names, county and above
    by_short: dict[str, list[Division]] = field(default_factory=dict)  # short forms of provinces and cities
    townships: dict[str, list[Division]] = field(default_factory=dict)
    common: dict[str, str] = field(default_factory=dict)  # an autonomous division's full name -> what it is called
    # an autonomous division's full name -> every name it is called by (镇宁县 and 镇宁自治县 for 镇宁布依族苗族自治县)
    called_by: dict[str, list[str]] = field(default_factory=dict)
    shorts: set[str] = field(default_factory=set)  # every county's and city's name without its ending (巢湖, 金寨)
    longest: int = 0
    longest_township: int = 0

    def ancestors(self, division: Division) -> list[Division]:
        """The division's chain, outermost first, itself last."""
        chain = [division]
        seen = {division.code}
        while True:
            parent = self._parent(chain[0])
            if parent is None or parent.code in seen:
                return chain
            chain.insert(0, parent)
            seen.add(parent.code)

    def _parent(self, division: Division) -> Division | None:
        if division.parent in self.divisions:
            return self.divisions[division.parent]
        for size in (4, 2):  # a county directly under its province (仙桃市): the code's prefix
            code = division.code[:size]
            if code != division.code and code in self.divisions:
                return self.divisions[code]
        return None

    def named(self, name: str) -> list[Division]:
        """Divisions of county level and above with this full name."""
        return self.by_name.get(name, [])

    def names_of(self, name: str) -> list[str]:
        """Every name of the one place called `name` (镇宁自治县: 镇宁布依族苗族自治县, 镇宁县, 镇宁自治县); [name] alone where
        no place or several are called so."""
        found = self.by_name.get(name, [])
        if len(found) != 1:
            return [name]
        full = found[0].name
        return list(dict.fromkeys([name, full, *self.called_by.get(full, [])]))

    def is_place(self, name: str) -> bool:
        """Whether a name is a place of any level, townships included (东华门街道, 城关镇)."""
        return name in self.by_name or name in self.townships or name in self.by_short

    def prefix(self, text: str, townships: bool = False) -> str | None:
        """The longest place name `text` starts with: a full name of county level or above, or the short form
        of a province or city (某某省 → 某某, 某某市 → 某某) where another place follows it; with `townships`, also the full
        name of a town, township or street (丙镇, 丁街道) where something follows it."""
        for size in range(min(self.longest, len(text) - 1), 1, -1):
            piece = text[:size]
            if piece in self.by_name:
                return piece
            if piece in self.by_short and self.prefix(text[size:]) is not None:
                return piece
        if townships:
            for size in range(min(self.longest_township, len(text) - 1), 2, -1):
                piece = text[:size]
                if piece in self.townships and piece.endswith(TOWNSHIP_ENDINGS):
                    return piece
        return None

    def complete(self, chain: list[str]) -> list[str]:
        """A chain of place names completed upwards from the gazetteer where its innermost place is known
        and agrees with the places given before it (乙区, or 甲市 乙区 → 某省 甲市 乙区)."""
        if not chain:
            return chain
        fits = [d for d in self._candidates(chain[-1]) if self._agrees(d, chain[:-1])]
        if len({tuple(a.code for a in self.ancestors(d)) for d in fits}) != 1:
            return chain  # unknown, or two places of that name with nothing to tell them apart
        full = [a.name for a in self.ancestors(fits[0])]
        return full if len(full) >= len(chain) else chain

    def common_parent(self, names: list[str]) -> list[str]:
        """The chain of the one place all of `names` lie in (three districts of one city → that city), or []."""
        chains = []
        for name in names:
            options = [self.ancestors(d)[:-1] for d in self._candidates(name)]
            chains.append({tuple(a.code for a in c) for c in options if c})
        if not chains or not all(chains):
            return []
        common = set.intersection(*chains)
        if len(common) != 1:
            return []
        codes = common.pop()
        return [self.divisions[c].name for c in codes]

    def _candidates(self, name: str) -> list[Division]:
        return self.by_name.get(name, []) or self.by_short.get(name, []) or self.townships.get(name, [])

    def _agrees(self, division: Division, given: list[str]) -> bool:
        names = {a.name for a in self.ancestors(division)} | {a.short for a in self.ancestors(division)}
        return all(g in names for g in given)


def called(name: str, peoples: list[str]) -> str | None:
    """What an autonomous prefecture, county or banner is called: its name before its first people's, and its
    ending (黔南布依族苗族自治州 → 黔南州, 伊犁哈萨克自治州 → 伊犁州, 长阳土家族自治县 → 长阳县); None for another name, or
    one named by its people alone (鄂伦春自治旗)."""
    names = called_all(name, peoples)
    return names[0] if names else None


def called_all(name: str, peoples: list[str]) -> list[str]:
    """Every name an autonomous division is called by: its name before its first people's with its level's
    ending, and with 自治 kept (镇宁布依族苗族自治县 → 镇宁县, 镇宁自治县; 黔南布依族苗族自治州 → 黔南州, 黔南自治州); [] as called()."""
    ending = next((e for e in _AUTONOMOUS if name.endswith(e)), None)
    if ending is None:
        return []
    body = name[: -len(ending)]
    for start in range(2, len(body)):
        rest = body[start:]
        if any(rest.startswith(p + "族") or (len(p) >= 2 and rest.startswith(p)) for p in peoples):
            return [body[:start] + ending[-1], body[:start] + ending]
    return []


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The divisions, loaded once."""
    book = Gazetteer()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, level, parent = line.split("\t")
        division = Division(code, name, level, parent)
        book.divisions[code] = division
        if level == "township":
            book.townships.setdefault(name, []).append(division)
            continue
        book.by_name.setdefault(name, []).append(division)
        if division.short != name:
            book.shorts.add(division.short)
        if level in ("province", "city") and division.short != name:
            book.by_short.setdefault(division.short, []).append(division)
    peoples = [line for line in PEOPLES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for division in list(book.divisions.values()):  # 黔南州: an autonomous division by what it is called
        names = called_all(division.name, peoples) if division.level in ("city", "county") else []
        if names and names[0] not in book.by_name:
            book.by_name[names[0]] = [division]
            book.common[division.name] = names[0]
        for also in names[1:]:  # 镇宁自治县, written so in plans too
            if also not in book.by_name:
                book.by_name[also] = [division]
                book.called_by.setdefault(division.name, []).append(also)
        if names and book.common.get(division.name) == names[0]:
            book.called_by.setdefault(division.name, []).insert(0, names[0])
    for (
        division
    ) in book.divisions.values():  # a city of county level under its province alone (某某市): its short name too
        if division.level == "county" and division.parent not in book.divisions and division.short != division.name:
            book.by_short.setdefault(division.short, []).append(division)
    book.longest = max(map(len, book.by_name))
    book.longest_township = max(map(len, book.townships))
    return book
