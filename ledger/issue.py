"""Making the office's bulletin for a period from what the docket holds: its parts read from storage,
the figures, a number in the office's format that stays the period's own when it is made again, the
.docx (and a PDF when asked) under DUBAN_DATA_DIR/bulletins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from core.settings import Settings
from core.store import Store
from core.texts import say
from ledger.bulletin import Masthead, to_pdf, write_bulletin
from ledger.figures import Bulletin, Workdays, compute
from ledger.parts import docket_parts
from ledger.periods import Period, local_day
from storage.models import KeyValue

NUMBER_KEY = "bulletin:number:"


@dataclass(frozen=True)
class Made:
    """A bulletin written: its files, its number and its figures."""

    docx: Path
    pdf: Path | None
    number: str
    result: Bulletin


def figures_for(store: Store, settings: Settings, period: Period, *, now: datetime, calendar: Workdays) -> Bulletin:
    """The period's figures from the docket in storage."""
    view = store.view()
    if view is None:
        raise LookupError("no plan is stored")
    with store.session() as session:
        parts = docket_parts(session, view, ZoneInfo(settings.timezone))
    return compute(
        parts,
        period,
        now=now,
        zone=ZoneInfo(settings.timezone),
        calendar=calendar,
        signoff_workdays=settings.signoff_workdays,
    )


def sequence(session: Session, period: Period) -> int:
    """The bulletin's number in its year: the period's own if it had one, else the next (kept)."""
    key = f"{NUMBER_KEY}{period.key()}"
    found = session.get(KeyValue, key)
    if found is not None:
        return int(found.value)
    prefix = f"{NUMBER_KEY}{period.start.year}"
    taken = session.exec(select(KeyValue.value).where(col(KeyValue.key).startswith(prefix))).all()
    number = max((int(v) for v in taken), default=0) + 1
    session.add(KeyValue(key=key, value=str(number)))
    return number


def make_bulletin(
    store: Store,
    settings: Settings,
    period: Period,
    *,
    now: datetime,
    calendar: Workdays,
    out: Path | None = None,
    pdf: bool = False,
) -> Made:
    """Write the period's bulletin; the .docx goes to `out` or DUBAN_DATA_DIR/bulletins/通报-KEY.docx."""
    result = figures_for(store, settings, period, now=now, calendar=calendar)
    with store.session() as session:
        n = sequence(session, period)
    number = settings.bulletin_number.format(year=period.start.year, n=n)
    zone = ZoneInfo(settings.timezone)
    masthead = Masthead(
        heading=say("zh", "bulletin_heading"),
        number=number,
        issuer=settings.bulletin_issuer,
        issued=local_day(now, zone),
        title=say("zh", "bulletin_title", period=period.label()),
    )
    target = out or Path(settings.data_dir) / "bulletins" / f"通报-{period.key()}.docx"
    docx = write_bulletin(
        result, masthead, target, template=settings.bulletin_template, ranked=settings.bulletin_ranking
    )
    return Made(docx=docx, pdf=to_pdf(docx) if pdf else None, number=number, result=result)
