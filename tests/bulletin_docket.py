"""A hand-made docket across the National Day holiday of 2025 (Oct 1–8 off; Sunday Sep 28 and Saturday
Oct 11 are moved working days, 调休), whose figures the tests work out by hand.

Units: 区司法局 (A), 区统计局 (B), 区财政局 (C). Sources: 法治 (plan tasks, no 签收) and 交办 (items the
office hands down, signed for within 1 working day)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ledger.figures import Part

ZONE = ZoneInfo("Asia/Shanghai")
A, B, C = "区司法局", "区统计局", "区财政局"


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A local instant of 2025."""
    return datetime(2025, month, day, hour, minute, tzinfo=ZONE)


def plan(item: str, title: str, unit: str, due: date, **life: object) -> Part:
    """A plan task's part: given on Sep 1, nothing to sign for."""
    return Part(
        source="法治",
        item=item,
        title=title,
        unit=unit,
        assigned=at(9, 1, 9),
        deadlines=life.pop("deadlines", ((at(9, 1, 9), due),)),  # type: ignore[arg-type]
        needs_signoff=False,
        **life,  # type: ignore[arg-type]
    )


def handed(item: str, unit: str, assigned: datetime, due: date, **life: object) -> Part:
    """A 交办 item's part: to be signed for."""
    deadlines = life.pop("deadlines", ((assigned, due),))
    return Part(
        source="交办",
        item=item,
        title=f"{item}事项",
        unit=unit,
        assigned=assigned,
        deadlines=deadlines,  # type: ignore[arg-type]
        **life,  # type: ignore[arg-type]
    )


def docket() -> dict[str, Part]:
    """The parts, named P1…P11 as the tests refer to them."""
    return {
        # Closed on time: claimed Oct 10, due Oct 20, closed Oct 15.
        "P1": plan(
            "法治第1条",
            "清理规范性文件",
            A,
            date(2025, 10, 20),
            reports=(at(10, 10),),
            claims=(at(10, 10),),
            closed=at(10, 15),
        ),
        # Sent back twice, then closed; the accepted claim (Oct 28) came after the deadline (Oct 20): 8 days late.
        "P2": plan(
            "法治第1条",
            "清理规范性文件",
            B,
            date(2025, 10, 20),
            reports=(at(10, 18), at(10, 24), at(10, 28)),
            claims=(at(10, 18), at(10, 24), at(10, 28)),
            returns=(at(10, 19), at(10, 25)),
            closed=at(10, 30),
        ),  # fmt: skip
        # Due Sep 30, extended on Sep 25 to Oct 31, still open on Nov 1: 1 day late in October.
        "P3": plan(
            "法治第2条",
            "行政复议规范化",
            A,
            date(2025, 9, 30),
            deadlines=((at(9, 1, 9), date(2025, 9, 30)), (at(9, 25), date(2025, 10, 31))),
            extensions=(at(9, 25),),
            reports=(at(10, 8),),
        ),  # fmt: skip
        # Handed down Friday Oct 10 15:00: the next working day is Saturday Oct 11 (调休), so signing on
        # Monday Oct 13 is late. Extended on Oct 22 from Oct 24 to Nov 14.
        "P4": handed(
            "交办1号",
            A,
            at(10, 10, 15),
            date(2025, 10, 24),
            deadlines=((at(10, 10, 15), date(2025, 10, 24)), (at(10, 22), date(2025, 11, 14))),
            extensions=(at(10, 22),),
            signed=at(10, 13, 9),
            reports=(at(10, 20),),
        ),  # fmt: skip
        # Signed on the 调休 Saturday: on time. Claimed Oct 23 before the deadline, closed Oct 27: on time.
        "P5": handed(
            "交办1号",
            C,
            at(10, 10, 15),
            date(2025, 10, 24),
            signed=at(10, 11),
            reports=(at(10, 23),),
            claims=(at(10, 23),),
            closed=at(10, 27),
        ),  # fmt: skip
        # Handed down Wednesday Oct 29, never signed for (window ended Oct 30).
        "P6": handed("交办2号", B, at(10, 29), date(2025, 11, 28)),
        # Handed down Friday Oct 31 17:00: its window (Monday Nov 3) has not ended at the end of October.
        "P7": handed("交办2号", C, at(10, 31, 17), date(2025, 11, 28)),
        # Due Sep 30, never reported: 32 days late on Nov 1.
        "P8": plan("法治第3条", "出庭应诉", C, date(2025, 9, 30)),
        # Claimed Sep 29 before the deadline, closed after the holiday (Oct 9): not late.
        "P9": plan(
            "法治第3条", "出庭应诉", B, date(2025, 9, 30), reports=(at(9, 29),), claims=(at(9, 29),), closed=at(10, 9)
        ),
        # Handed down Friday Sep 26: the next working day is Sunday Sep 28 (调休), so Monday Sep 29 is late.
        "P10": handed(
            "交办3号",
            A,
            at(9, 26, 11),
            date(2025, 10, 17),
            signed=at(9, 29, 9),
            claims=(at(10, 16),),
            reports=(at(10, 16),),
            closed=at(10, 17),
        ),  # fmt: skip
        # Handed down Tuesday Sep 30: the next working day is Thursday Oct 9, so signing that day is on time.
        "P11": handed("交办3号", C, at(9, 30, 16), date(2025, 11, 30), signed=at(10, 9, 9, 30), reports=(at(10, 15),)),
    }
