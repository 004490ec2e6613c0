"""What a handler needs besides the message: the store, the settings, the clock, platform links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from core.delivery import Delivery
from core.lanes import Lanes
from core.settings import Settings
from core.store import Store


@dataclass
class Context:
    """Dependencies handed to every handler; tests build one with their own clock."""

    store: Store
    settings: Settings
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(ZoneInfo("Asia/Shanghai")))
    # platform -> a function making the link that opens a chat with an invite code, where the platform has one
    invite_links: dict[str, Callable[[str], str]] = field(default_factory=dict)
    delivery: Delivery = field(default_factory=Delivery)
    wake_sender: Callable[[], None] | None = None  # tells the outbox sender that something was queued
    lanes: Lanes = field(default_factory=Lanes)  # each chat's updates in order, the work in worker threads

    def __post_init__(self) -> None:
        # A unit of work waiting on the database lets others run (a rehearsal's connection: its engine).
        self.lanes.watch(self.store.engine.engine)

    def now(self) -> datetime:
        """The current time in the plan's time zone."""
        return self.clock().astimezone(ZoneInfo(self.settings.timezone))
