"""The period a bulletin (通报) covers: a month, a week (Monday to Sunday) or a range of days, in the
office's own days (DUBAN_TIMEZONE), read from what the office types: 2025年10月, 2025-10, 本月, 上月,
本周, 上周, 2025-09-22至2025-10-12."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class PeriodError(ValueError):
    """What the office typed is not a period; the message says what is expected, in one line."""


@dataclass(frozen=True)
class Period:
    """Days `start` to `end`, both included, in the office's time zone."""

    start: date
    end: date
    kind: str  # month | week | range

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        if not 1 <= month <= 12:
            raise PeriodError(f"{year}-{month}: there is no month {month}")
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(date(year, month, 1), following - timedelta(days=1), "month")

    @classmethod
    def week_of(cls, day: date) -> Period:
        """The week (Monday to Sunday) a day falls in."""
        monday = day - timedelta(days=day.weekday())
        return cls(monday, monday + timedelta(days=6), "week")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """Any range of days, both ends included."""
        if end < start:
            raise PeriodError(f"{start.isoformat()} to {end.isoformat()}: the end is before the start")
        return cls(start, end, "range")

    def label(self) -> str:
        """How a bulletin names its period: 2025年10月, 2025年9月29日至10月5日."""
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        end = f"{self.end.month}月{self.end.day}日"
        if self.end.year != self.start.year:
            end = f"{self.end.year}年{end}"
        return f"{self.start.year}年{self.start.month}月{self.start.day}日至{end}"

    def key(self) -> str:
        """A stable name for files and records: 2025-10, 2025-W40, 2025-09-22_2025-10-12."""
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        """Whether a local day lies inside the period."""
        return self.start <= day <= self.end

    def as_of(self, today: date) -> date:
        """The last day the period can speak for: its end, or today while it is still running."""
        return min(self.end, today)

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as UTC instants: from the start's local midnight to the midnight after its end."""
        first = datetime.combine(self.start, time(0), zone).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(0), zone).astimezone(UTC)
        return first, after

    def previous(self) -> Period:
        """The period of the same kind and length just before this one."""
        if self.kind == "month":
            before = self.start - timedelta(days=1)
            return Period.month(before.year, before.month)
        length = self.end - self.start + timedelta(days=1)
        return Period(self.start - length, self.start - timedelta(days=1), self.kind)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The office's day of an instant (an aware datetime; a naive one is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone).date()


_MONTH = re.compile(r"^\s*(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*月?(?:份)?\s*$")
_DAY = r"(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?"
_RANGE = re.compile(rf"^\s*{_DAY}\s*(?:至|到|~|～|—|--|\s-\s|-|,|，)\s*{_DAY}\s*$")
_RELATIVE = {
    "本月": ("month", 0),
    "这个月": ("month", 0),
    "this month": ("month", 0),
    "上月": ("month", -1),
    "上个月": ("month", -1),
    "last month": ("month", -1),
    "本周": ("week", 0),
    "这周": ("week", 0),
    "this week": ("week", 0),
    "上周": ("week", -1),
    "上星期": ("week", -1),
    "last week": ("week", -1),
}


def parse_period(text: str, today: date) -> Period:
    """A period from the office's words; PeriodError (one line) when it is none."""
    words = text.strip().lower()
    if words in _RELATIVE:
        kind, shift = _RELATIVE[words]
        current = Period.month(today.year, today.month) if kind == "month" else Period.week_of(today)
        return current.previous() if shift else current
    if match := _MONTH.match(words):
        return Period.month(int(match.group(1)), int(match.group(2)))
    if match := _RANGE.match(words):
        numbers = [int(g) for g in match.groups()]
        try:
            start, end = date(*numbers[:3]), date(*numbers[3:])
        except ValueError as exc:
            raise PeriodError(f"{text.strip()!r}: {exc}") from None
        return Period.between(start, end)
    raise PeriodError(
        f"{text.strip()!r} is not a period: say 2025年10月, 2025-10, 本月, 上月, 本周, 上周 or 2025-10-01至2025-10-15"
    )
