"""The office's figures over a period, defined once: the bulletin (通报), the console's charts and the
leaders' digest all take them from here. They are computed from plain records (a `Part`: one unit's
share of one item, with the instants of its life), so the same definitions hold whatever the storage.

For a period P (local days `start`..`end` in DUBAN_TIMEZONE), T is the cutoff instant (the midnight
after P, or now while P runs) and D its local day. A deadline is a local day: a part is late from the
day after it (deadline < D). The deadline in force is the one at T, or at closing for a closed part (an
extension approved after T does not change the figures of P). Counts are of parts, not items.

- 签收及时率 = parts signed for by the end of the `signoff_workdays`-th working day after the day they
  were assigned (调休 Saturdays count, holidays do not) ÷ parts assigned in P that must be signed for and
  can be judged at T (signed for by T, or their window ended before D).
- 按时办结率 = 按时办结 ÷ 应办结. 应办结: parts whose deadline lies in P, before D or already closed.
  按时办结: of those, closed (办结) by T with the accepted 已完成 (the unit's last claim before the office
  closed it) on or before the deadline.
- 逾期数 = 逾期未办结 + 逾期办结. 逾期未办结: parts open at T with a deadline before D, except those
  awaiting review after a 已完成 made on time. 逾期办结: parts closed in P whose accepted 已完成 came after
  the deadline. Days late: D − deadline (open), claim day − deadline (claimed late), in calendar days.
- 退回率 = 退回 in P ÷ reviews in P (退回 + 办结 in P): sent back twice and then closed is 2 of 3.
- 未汇报 = parts open at T, signed for, past their sign-off window, not awaiting review, with no report in P.
- 未签收 = parts open at T that must be signed for and were not by T.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from ledger.periods import Period, local_day


class Workdays(Protocol):
    """The working-day calendar (schedules.workdays.WorkCalendar: State Council's, 调休 included)."""

    def add_workdays(self, day: date, count: int) -> date: ...


@dataclass(frozen=True)
class Part:
    """One unit's share of one item of the docket, with the instants of its life (aware datetimes)."""

    source: str  # the source's short name (法治, 营商, 交办)
    item: str  # the item as the office names it (法治第3条, 督办〔2025〕12号)
    title: str
    unit: str
    assigned: datetime  # when the unit was given it
    deadlines: tuple[tuple[datetime, date | None], ...] = ()  # (from when, deadline in force), oldest first
    signed: datetime | None = None  # 签收
    needs_signoff: bool = True
    reports: tuple[datetime, ...] = ()  # every report (反馈), claims of 已完成 included
    claims: tuple[datetime, ...] = ()  # reports of 已完成
    returns: tuple[datetime, ...] = ()  # 退回 by the office
    extensions: tuple[datetime, ...] = ()  # 延期 approved
    closed: datetime | None = None  # 办结 by the office

    def due_at(self, moment: datetime) -> date | None:
        """The deadline in force at an instant (the first one before any change was made)."""
        due = self.deadlines[0][1] if self.deadlines else None
        for since, value in self.deadlines:
            if since <= moment:
                due = value
        return due

    def closed_by(self, moment: datetime) -> bool:
        return self.closed is not None and self.closed < moment

    def accepted_claim(self) -> datetime | None:
        """The 已完成 the office accepted: the last claim before closing (the closing itself without one)."""
        if self.closed is None:
            return None
        before = [c for c in self.claims if c <= self.closed]
        return max(before) if before else self.closed

    def pending_claim(self, moment: datetime) -> datetime | None:
        """The 已完成 awaiting the office's review at an instant: a claim after the last 退回, not closed."""
        if self.closed_by(moment):
            return None
        claims = [c for c in self.claims if c < moment]
        returns = [r for r in self.returns if r < moment]
        if claims and (not returns or max(claims) > max(returns)):
            return max(claims)
        return None


@dataclass
class Figures:
    """Counts over a period for a unit, a source or the whole docket; rates are derived, None when 0/0."""

    parts: int = 0
    sign_judged: int = 0
    signed_on_time: int = 0
    due: int = 0  # 应办结
    on_time: int = 0  # 按时办结
    closed: int = 0  # 办结 in the period
    late_open: int = 0  # 逾期未办结 at T
    late_closed: int = 0  # 逾期办结 in the period
    days_late: int = 0  # the most days late of its late parts
    returns: int = 0
    reviews: int = 0
    unreported: int = 0
    unsigned: int = 0
    extended: int = 0

    @property
    def late(self) -> int:
        """逾期数."""
        return self.late_open + self.late_closed

    @property
    def signoff_rate(self) -> float | None:
        """签收及时率."""
        return self.signed_on_time / self.sign_judged if self.sign_judged else None

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率."""
        return self.on_time / self.due if self.due else None

    @property
    def return_rate(self) -> float | None:
        """退回率."""
        return self.returns / self.reviews if self.reviews else None

    def add(self, other: Figures) -> None:
        """Add another's counts (spelled out: this runs four times a part)."""
        self.parts += other.parts
        self.sign_judged += other.sign_judged
        self.signed_on_time += other.signed_on_time
        self.due += other.due
        self.on_time += other.on_time
        self.closed += other.closed
        self.late_open += other.late_open
        self.late_closed += other.late_closed
        self.returns += other.returns
        self.reviews += other.reviews
        self.unreported += other.unreported
        self.unsigned += other.unsigned
        self.extended += other.extended
        if other.days_late > self.days_late:
            self.days_late = other.days_late


@dataclass(frozen=True)
class Late:
    """A part late at T or closed late in the period."""

    part: Part
    due: date
    days: int
    closed: bool  # 逾期办结 rather than still open


@dataclass(frozen=True)
class Waiting:
    """A part whose unit has not signed for it or not reported on it by T."""

    part: Part
    since: date  # assigned, or the start of the period for a report
    overdue: bool  # past its sign-off window


@dataclass
class Bulletin:
    """Everything a bulletin says about a period, computed once."""

    period: Period
    as_of: date
    total: Figures
    by_unit: dict[str, Figures]
    by_source: dict[str, Figures]
    by_source_unit: dict[str, dict[str, Figures]]
    late: list[Late] = field(default_factory=list)
    unsigned: list[Waiting] = field(default_factory=list)
    unreported: list[Waiting] = field(default_factory=list)
    signoff_workdays: int = 1


def _in(moments: Iterable[datetime], first: datetime, upto: datetime) -> int:
    return sum(1 for m in moments if first <= m < upto)


def part_figures(
    part: Part,
    period: Period,
    *,
    first: datetime,
    upto: datetime,
    zone: ZoneInfo,
    calendar: Workdays,
    signoff_workdays: int,
) -> tuple[Figures, Late | None, Waiting | None, Waiting | None]:
    """One part's figures over the period [first, upto), and whether it is late, unsigned, unreported."""
    if part.assigned >= upto:
        return Figures(), None, None, None
    figures = Figures(parts=1)
    late = unsigned = unreported = None
    judge = local_day(upto, zone)  # the day after the period, or today while it runs: late is due < judge
    assigned_day = local_day(part.assigned, zone)
    sign_by = calendar.add_workdays(assigned_day, signoff_workdays)
    open_at_end = not part.closed_by(upto)
    signed = not part.needs_signoff or (part.signed is not None and part.signed < upto)
    if part.needs_signoff:
        if period.contains(assigned_day) and (signed or sign_by < judge):
            figures.sign_judged = 1
            figures.signed_on_time = int(signed and local_day(part.signed, zone) <= sign_by)  # type: ignore[arg-type]
        if open_at_end and not signed:
            figures.unsigned = 1
            unsigned = Waiting(part, assigned_day, overdue=sign_by < judge)
    due = part.due_at(part.closed if not open_at_end else upto)  # type: ignore[arg-type]
    pending = part.pending_claim(upto) if open_at_end else None
    if due is not None and period.contains(due) and (due < judge or not open_at_end):
        figures.due = 1
        claim = part.accepted_claim()
        figures.on_time = int(not open_at_end and claim is not None and local_day(claim, zone) <= due)
    closed_in = part.closed is not None and first <= part.closed < upto
    figures.closed = int(closed_in)
    if open_at_end and due is not None and due < judge:
        claimed = local_day(pending, zone) if pending is not None else None
        if claimed is None or claimed > due:  # awaiting review after an on-time 已完成 is not late
            figures.late_open = 1
            figures.days_late = ((claimed or judge) - due).days
            late = Late(part, due, figures.days_late, closed=False)
    elif closed_in and due is not None:
        claim_day = local_day(part.accepted_claim(), zone)  # type: ignore[arg-type]
        if claim_day > due:
            figures.late_closed = 1
            figures.days_late = (claim_day - due).days
            late = Late(part, due, figures.days_late, closed=True)
    figures.returns = _in(part.returns, first, upto)
    figures.reviews = figures.returns + figures.closed
    figures.extended = _in(part.extensions, first, upto)
    expected = open_at_end and signed and pending is None and sign_by < judge
    if expected and _in(part.reports, first, upto) == 0:
        figures.unreported = 1
        unreported = Waiting(part, max(period.start, assigned_day), overdue=True)
    return figures, late, unsigned, unreported


def compute(
    parts: Iterable[Part],
    period: Period,
    *,
    now: datetime,
    zone: ZoneInfo,
    calendar: Workdays,
    signoff_workdays: int = 1,
) -> Bulletin:
    """Every figure of the period, for the whole docket, per unit, per source and per source and unit."""
    first, after = period.bounds(zone)
    upto = min(after, now.astimezone(UTC))
    as_of = period.as_of(local_day(now, zone))
    total = Figures()
    by_unit: dict[str, Figures] = defaultdict(Figures)
    by_source: dict[str, Figures] = defaultdict(Figures)
    by_source_unit: dict[str, dict[str, Figures]] = defaultdict(lambda: defaultdict(Figures))
    result = Bulletin(period, as_of, total, by_unit, by_source, by_source_unit, signoff_workdays=signoff_workdays)
    for part in parts:
        figures, late, unsigned, unreported = part_figures(
            part,
            period,
            first=first,
            upto=upto,
            zone=zone,
            calendar=calendar,
            signoff_workdays=signoff_workdays,
        )
        if not figures.parts:
            continue
        for bucket in (total, by_unit[part.unit], by_source[part.source], by_source_unit[part.source][part.unit]):
            bucket.add(figures)
        if late:
            result.late.append(late)
        if unsigned:
            result.unsigned.append(unsigned)
        if unreported:
            result.unreported.append(unreported)
    result.late.sort(key=lambda x: (-x.days, x.part.source, x.part.item, x.part.unit))
    result.unsigned.sort(key=lambda x: (x.since, x.part.unit, x.part.item))
    result.unreported.sort(key=lambda x: (x.part.unit, x.part.source, x.part.item))
    return result


def behind_first(by_unit: dict[str, Figures]) -> list[str]:
    """Units ordered with those most behind first: most late, then most not signed for or reported."""
    return sorted(by_unit, key=lambda u: (-by_unit[u].late, -(by_unit[u].unsigned + by_unit[u].unreported), u))


def ranking(by_unit: dict[str, Figures]) -> dict[str, int]:
    """Standard competition ranking (1, 2, 2, 4): 按时办结率, then fewest 逾期, then 签收及时率. Offices
    are told to avoid 滥用排名, so the bulletin shows it only when DUBAN_BULLETIN_RANKING is on."""

    def score(unit: str) -> tuple[float, int, float]:
        f = by_unit[unit]
        rate = f.on_time_rate
        sign = f.signoff_rate
        return (-(rate if rate is not None else -1.0), f.late, -(sign if sign is not None else -1.0))

    ordered = sorted(by_unit, key=lambda u: (score(u), u))
    ranks: dict[str, int] = {}
    for place, unit in enumerate(ordered, start=1):
        previous = ordered[place - 2] if place > 1 else None
        ranks[unit] = ranks[previous] if previous is not None and score(previous) == score(unit) else place
    return ranks


def percent(rate: float | None) -> str:
    """A rate as the bulletin prints it: 87.5%, or — when nothing was counted."""
    if rate is None:
        return "—"
    text = f"{100 * rate:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"
