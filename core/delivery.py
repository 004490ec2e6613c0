"""Sending replies to chats on any platform: each adapter registers how it sends."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from core.messages import Reply

logger = logging.getLogger(__name__)


class NotDelivered(Exception):  # noqa: N818 (a kind of outcome, like the three below)
    """A send that failed; `parts_sent` of the reply's pieces arrived before it did, and a retry sends
    only the rest (Reply.sent_parts), so the text before a card is never shown twice."""

    parts_sent: int = 0

    def after(self, parts: int) -> NotDelivered:
        """The same failure, saying how many pieces had arrived."""
        self.parts_sent = parts
        return self


class RetryLater(NotDelivered):
    """The platform asks Duban to wait (Telegram's 429 with retry_after)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class ChatBusy(RetryLater):
    """One chat (one WeCom member) has had enough for now; the others have not."""


class TransientError(NotDelivered):
    """A failure worth trying again (5xx, a timeout, a broken connection)."""


class Undeliverable(NotDelivered):
    """A failure that trying again will not mend (the user blocked the bot, the chat is gone)."""


class Messenger(Protocol):
    """What an adapter offers the core: send a reply to one of its chats."""

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Deliver a reply to a chat of this platform; RetryLater, TransientError or Undeliverable on failure."""

    def chat_limits(self, chat_id: str) -> list[tuple[int, float]]:
        """The platform's own limit for one chat: (messages, seconds) windows it must not exceed."""


class Delivery:
    """The messengers of the running platforms, by platform name."""

    def __init__(self) -> None:
        self.messengers: dict[str, Messenger] = {}

    def register(self, platform: str, messenger: Messenger) -> None:
        """Make a platform reachable."""
        self.messengers[platform] = messenger

    def chat_limits(self, platform: str, chat_id: str) -> list[tuple[int, float]]:
        """What the platform allows one chat (none known while it is not running here)."""
        messenger = self.messengers.get(platform)
        return messenger.chat_limits(chat_id) if messenger is not None else []

    async def send(self, platform: str, chat_id: str, reply: Reply) -> bool:
        """Deliver to a chat of any running platform; False when that platform is not running."""
        messenger = self.messengers.get(platform)
        if messenger is None:
            logger.warning("no %s messenger running; a reply to chat %s was not sent", platform, chat_id)
            return False
        await messenger.send(chat_id, reply)
        return True


REPLY_TRIES = 4
REPLY_WAIT_MAX = 30.0  # a person waits for an answer; past this, the reply is logged as lost instead


async def with_retries(send: Callable[[], Awaitable[object]], where: str) -> bool:
    """A reply to a person, tried again after the platform's retry_after (429) or a doubling wait (5xx,
    time-outs), within a bound; never raises. Whether it went out."""
    for attempt in range(REPLY_TRIES):
        try:
            await send()
            return True
        except RetryLater as exc:
            wait = exc.seconds
        except TransientError:
            wait = 0.5 * 2**attempt
        except Undeliverable as exc:
            logger.warning("a reply to %s cannot be delivered: %s", where, exc)
            return False
        if wait > REPLY_WAIT_MAX or attempt == REPLY_TRIES - 1:
            break
        await asyncio.sleep(wait)
    logger.warning("a reply to %s was not delivered after %d tries", where, REPLY_TRIES)
    return False
