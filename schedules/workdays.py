"""Working days in China: the State Council's calendar (chinese-calendar, with its moved workdays,
调休), the office's own entries for years that package does not know, and weekdays as the last
resort, which the office is told about."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import yaml
from sqlmodel import Session, select

from storage.models import CalendarDay


@dataclass
class WorkCalendar:
    """Answers "is this a working day?" from the office's entries, then chinese-calendar, then weekdays."""

    office: dict[date, bool] = field(default_factory=dict)
    guessed_years: set[int] = field(default_factory=set)  # years answered by weekdays alone
    _answers: dict[date, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> WorkCalendar:
        """The calendar with the office's entries from the database."""
        return cls({d.day: d.workday for d in session.exec(select(CalendarDay)).all()})

    def known(self, year: int) -> bool:
        """Whether the State Council's calendar or the office covers a year."""
        if any(d.year == year for d in self.office):
            return True
        try:
            chinese_calendar.is_workday(date(year, 1, 1))
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: date) -> bool:
        """A working day, 调休 Saturdays included, holidays excluded."""
        if day not in self._answers:
            self._answers[day] = self._is_workday(day)
        return self._answers[day]

    def _is_workday(self, day: date) -> bool:
        if day in self.office:
            return self.office[day]
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            self.guessed_years.add(day.year)
            return day.weekday() < 5

    def on_or_before(self, day: date) -> date:
        """The day itself if it is a working day, else the working day before it."""
        while not self.is_workday(day):
            day -= timedelta(days=1)
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end is not after start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def add_workdays(self, day: date, count: int) -> date:
        """The working day `count` working days after `day`."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_before(self, day: date, count: int) -> date:
        """The working day `count` working days before `day` (3 before a Friday after a week of holidays is
        the Tuesday before them)."""
        while count > 0:
            day -= timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day


class CalendarFileError(ValueError):
    """An office calendar file that cannot be read; the message says which line."""


_WORDS = {
    "班": True,
    "上班": True,
    "workday": True,
    "work": True,
    "休": False,
    "假": False,
    "holiday": False,
    "off": False,
}


def read_calendar_file(path: Path) -> list[CalendarDay]:
    """Office calendar entries from YAML (`2027-01-01: 休`) or CSV (`2027-01-01,休,元旦`)."""
    text = path.read_text(encoding="utf-8-sig")
    rows: list[tuple[str, str, str]] = []
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.load(text, Loader=yaml.BaseLoader) or {}  # strings only: dates are checked below
        except yaml.YAMLError as exc:
            raise CalendarFileError(f"{path.name}: not valid YAML ({exc})") from None
        if not isinstance(data, dict):
            raise CalendarFileError(f"{path.name}: expected lines like '2027-01-01: 休'")
        rows = [(str(k), str(v).split()[0] if v else "", " ".join(str(v).split()[1:])) for k, v in data.items()]
    else:
        rows = [(r + ["", ""])[0:3] for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]  # type: ignore[misc]
    days = []
    for number, (when, word, note) in enumerate(rows, start=1):
        try:
            day = date.fromisoformat(when.strip())
        except ValueError:
            raise CalendarFileError(f"{path.name} line {number}: {when!r} is not a date like 2027-01-01") from None
        if word.strip().lower() not in _WORDS:
            raise CalendarFileError(f"{path.name} line {number}: say 班 (working day) or 休 (holiday), not {word!r}")
        days.append(CalendarDay(day=day, workday=_WORDS[word.strip().lower()], note=note.strip()))
    return days


def set_days(session: Session, days: list[CalendarDay]) -> int:
    """Store office calendar entries (replacing earlier ones for the same days)."""
    for entry in days:
        existing = session.get(CalendarDay, entry.day)
        if existing is None:
            session.add(CalendarDay(day=entry.day, workday=entry.workday, note=entry.note))
        else:
            existing.workday, existing.note = entry.workday, entry.note
    return len(days)
