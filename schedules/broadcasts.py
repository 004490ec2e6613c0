"""Who a broadcast reaches: all units, a collective's members, chosen units, or the units with late
tasks; and the chats of the people (and groups) bound to them."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from core.store import PlanView
from ledger.standing import standings
from storage.models import ChatBinding, Member
from storage.reports import reports_of_plan


def audience_units(
    view: PlanView, session: Session, choice: str, names: list[str], today: date
) -> tuple[list[str], list[str]]:
    """(units, names not understood) for an audience: "all", "late", or unit and collective names."""
    departments = [u for u in view.units if view.kind(u) != "collective"]
    if choice == "all":
        return departments, []
    if choice == "late":
        rows = standings(view, reports_of_plan(session, view.plan_ids), today)
        return list(dict.fromkeys(r.unit for r in rows if r.late)), []
    units: list[str] = []
    unknown: list[str] = []
    for name in names:
        match = view.resolver.resolve(name)
        if match.unit is None:
            unknown.append(name)
        elif view.kind(match.unit) == "collective":
            units += view.members(match.unit)
        else:
            units.append(match.unit)
    return list(dict.fromkeys(units)), unknown


def recipients(view: PlanView, session: Session, units: list[str]) -> list[tuple[str, str]]:
    """The chats of everyone bound to these units, and of the groups bound to them."""
    units = [view.unit_of(u) for u in units]  # 农委, stored before the fold, reaches 市农委's people and 农委's
    ids = [i for u in units if u in view.unit_ids for i in view.organ_ids.get(u) or [view.unit_ids[u]]]
    people = session.exec(select(Member).where(col(Member.unit_id).in_(ids))).all()
    groups = session.exec(select(ChatBinding).where(col(ChatBinding.unit_id).in_(ids))).all()
    found = [(m.platform, m.chat_id) for m in people if m.chat_id] + [(g.platform, g.chat_id) for g in groups]
    return list(dict.fromkeys(found))


def unreached(view: PlanView, session: Session, units: list[str]) -> list[str]:
    """The units among these whose message would reach nobody: no one bound to them, no group of theirs."""
    ids = {u: set(view.organ_ids.get(view.unit_of(u)) or [view.unit_ids.get(view.unit_of(u))]) for u in units}
    wanted = [i for each in ids.values() for i in each if i is not None]
    people = session.exec(select(Member.unit_id).where(col(Member.unit_id).in_(wanted), Member.chat_id != "")).all()
    groups = session.exec(select(ChatBinding.unit_id).where(col(ChatBinding.unit_id).in_(wanted))).all()
    reached = set(people) | set(groups)
    return [u for u in units if not ids[u] & reached]
