"""What happened to a reminder or a chaser, from its outbox copies: 已送达 only when a copy reached
someone, 待发 while copies wait, 失败 when every copy failed, 无人接收 when the unit has nobody to
receive it. A reminder's own status says only that it was queued; this says what the queue did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from core.store import PlanView
from schedules.broadcasts import recipients
from storage.models import Broadcast, Delivery, Reminder

# A reminder's delivery, as the console names it.
DELIVERED = {
    "planned": "待发（未到发送时间）",
    "waiting": "待发",
    "delivered": "已送达",
    "failed": "失败",
    "nobody": "无人接收",
    "done": "已完成免发",
    "skipped": "已跳过",
}


def _broadcasts_of(session: Session, reminders: Sequence[Reminder]) -> dict[int, list[int]]:
    """Reminder id → the outbox messages that carried it (alone, or in a unit's digest)."""
    by_audience = {f"reminder:{r.key}": r.id for r in reminders if r.id is not None}
    carried: dict[int, list[int]] = {}
    if not by_audience:
        return carried
    ids = {r.id for r in reminders}
    since = min(r.send_at for r in reminders)
    rows = session.exec(
        select(Broadcast.id, Broadcast.audience).where(
            col(Broadcast.audience).in_(list(by_audience))
            | (col(Broadcast.audience).startswith("reminders:") & (col(Broadcast.created_at) >= since))
        )
    ).all()
    for broadcast_id, audience in rows:
        if audience in by_audience:
            carried.setdefault(by_audience[audience] or 0, []).append(broadcast_id or 0)
            continue
        for part in audience.removeprefix("reminders:").split(","):
            if part.isdigit() and int(part) in ids:
                carried.setdefault(int(part), []).append(broadcast_id or 0)
    return carried


def reminder_delivery(session: Session, reminders: Sequence[Reminder]) -> dict[int, str]:
    """Each reminder's delivery state (a key of DELIVERED)."""
    carried = _broadcasts_of(session, reminders)
    wanted = [b for found in carried.values() for b in found]
    copies: dict[int, dict[str, int]] = {}
    if wanted:
        rows = session.exec(
            select(Delivery.broadcast_id, Delivery.status, func.count())
            .where(col(Delivery.broadcast_id).in_(wanted))
            .group_by(Delivery.broadcast_id, Delivery.status)
        ).all()
        for broadcast_id, status, number in rows:
            copies.setdefault(broadcast_id, {})[status] = number
    states: dict[int, str] = {}
    for reminder in reminders:
        if reminder.id is None:
            continue
        if reminder.status in ("done", "skipped"):
            states[reminder.id] = reminder.status
            continue
        if reminder.status == "pending":
            states[reminder.id] = "planned"
            continue
        found: dict[str, int] = {}
        for broadcast_id in carried.get(reminder.id, []):
            for status, number in copies.get(broadcast_id, {}).items():
                found[status] = found.get(status, 0) + number
        if found.get("sent"):
            states[reminder.id] = "delivered"
        elif found.get("pending") or found.get("sending"):
            states[reminder.id] = "waiting"
        elif found.get("failed"):
            states[reminder.id] = "failed"
        else:
            states[reminder.id] = "nobody"
    return states


@dataclass(frozen=True)
class Chased:
    """A chase's outcome: units with someone to receive it (queued), units with nobody."""

    queued: list[str]
    nobody: list[str]

    def line(self, sender_here: bool) -> str:
        """What the office is told, and what the trace keeps."""
        parts = []
        if self.queued:
            parts.append(f"已排入发送队列（待发）：{'、'.join(self.queued)}（{len(self.queued)} 个单位）")
        if self.nobody:
            parts.append(f"无人接收（尚无人绑定，未发出）：{'、'.join(self.nobody)}（{len(self.nobody)} 个单位）")
        if self.queued and not sender_here:
            parts.append("本进程不发送消息，由运行中的 duban run 或 duban send 发出")
        return "；".join(parts) + "。"


def chased(view: PlanView, session: Session, units: list[str]) -> Chased:
    """Split chased units into those with someone bound (or a group) and those with nobody."""
    queued = [u for u in units if recipients(view, session, [u])]
    return Chased(queued=queued, nobody=[u for u in units if u not in queued])
