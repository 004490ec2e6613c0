"""Address-book departments the office mapped to plan units, and members following them: a member whose
departments map to one unit belongs to it; departments mapping to two units decide nothing (never guessed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from storage.models import DepartmentUnit, Member, Unit


@dataclass(frozen=True)
class Move:
    """What following the address book did to one member."""

    person: Member
    before: Unit | None
    after: Unit | None

    @property
    def changed(self) -> bool:
        return (self.before.id if self.before else None) != (self.after.id if self.after else None)


def set_mapping(session: Session, platform: str, department_id: str, name: str, unit: Unit | None, by: str) -> None:
    """Map a department to a unit (None: forget the mapping)."""
    row = session.get(DepartmentUnit, (platform, department_id))
    if unit is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = DepartmentUnit(platform=platform, department_id=department_id, unit_id=unit.id or 0)
    row.department_name, row.unit_id, row.set_by = name, unit.id or 0, by
    session.add(row)


def mappings(session: Session, platform: str) -> list[DepartmentUnit]:
    """Every mapped department of a platform."""
    return list(session.exec(select(DepartmentUnit).where(DepartmentUnit.platform == platform)).all())


def unit_of(session: Session, platform: str, departments: list[str]) -> Unit | None:
    """The one unit a member's departments map to; None when none maps or two map to different units."""
    units = {row.unit_id for row in mappings(session, platform) if row.department_id in {str(d) for d in departments}}
    return session.get(Unit, units.pop()) if len(units) == 1 else None


def follow(session: Session, platform: str, user_id: str, departments: list[str]) -> Move:
    """Bind a member to the unit their departments map to; a member of unmapped departments keeps the unit
    they chose themselves (the address book says nothing about them)."""
    person = session.exec(select(Member).where(Member.platform == platform, Member.user_id == user_id)).first()
    if person is None:
        person = Member(platform=platform, user_id=user_id, name=user_id, chat_id=user_id)
        session.add(person)
        session.flush()
    before = session.get(Unit, person.unit_id) if person.unit_id else None
    after = unit_of(session, platform, departments)
    if after is None:
        return Move(person, before, before)
    person.unit_id, person.pending_unit_id = after.id, None
    session.add(person)
    return Move(person, before, after)


def leave(session: Session, platform: str, user_id: str) -> Move | None:
    """A member who left the organisation: unbound, any request dropped."""
    person = session.exec(select(Member).where(Member.platform == platform, Member.user_id == user_id)).first()
    if person is None:
        return None
    before = session.get(Unit, person.unit_id) if person.unit_id else None
    person.unit_id, person.pending_unit_id = None, None
    session.add(person)
    return Move(person, before, None)


def rename(session: Session, platform: str, old: str, new: str) -> None:
    """A member whose user id the organisation changed keeps their binding (and their chat, when it was
    the id)."""
    person = session.exec(select(Member).where(Member.platform == platform, Member.user_id == old)).first()
    if person is not None:
        person.user_id = new
        person.chat_id = new if person.chat_id == old else person.chat_id
        session.add(person)
