"""Names the office teaches Duban for the plan's units, kept in the database beside the directory file."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import UnitAlias


def taught(session: Session) -> dict[str, list[str]]:
    """Every taught alias by the unit it names."""
    found: dict[str, list[str]] = {}
    for row in session.exec(select(UnitAlias).order_by(col(UnitAlias.id))).all():
        found.setdefault(row.unit, []).append(row.alias)
    return found


def teach(session: Session, unit: str, alias: str, by: str) -> bool:
    """Record that `alias` names `unit`; False when the alias already names some unit."""
    if session.exec(select(UnitAlias).where(UnitAlias.alias == alias)).first() is not None:
        return False
    session.add(UnitAlias(unit=unit, alias=alias, added_by=by))
    return True


def forget(session: Session, unit: str, alias: str) -> bool:
    """Drop a taught alias; False when there was none."""
    row = session.exec(select(UnitAlias).where(UnitAlias.unit == unit, UnitAlias.alias == alias)).first()
    if row is None:
        return False
    session.delete(row)
    return True
