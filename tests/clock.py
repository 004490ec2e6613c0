"""A clock the tests move by hand, and a messenger that keeps a transcript: no real waiting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.messages import Reply

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Clock:
    """Now, as the test says."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def set(self, text: str) -> datetime:
        """Move to a local time in Shanghai, e.g. '2021-12-24 09:00'."""
        self.now = datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def at(text: str) -> datetime:
    """A local time in Shanghai."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@dataclass
class Transcript:
    """A Messenger that records what it was asked to send, as the console or a test stub would."""

    sent: list[tuple[str, Reply]] = field(default_factory=list)

    async def send(self, chat_id: str, reply: Reply) -> None:
        self.sent.append((chat_id, reply))

    def chat_limits(self, chat_id: str) -> list[tuple[int, float]]:
        return []  # a recorder has no flood control

    def to(self, chat_id: str) -> list[str]:
        return [r.text for c, r in self.sent if c == chat_id]
