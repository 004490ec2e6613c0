"""What flows between adapters and handlers: a plain incoming message and plain replies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Attachment:
    """A photo or document sent with a message, kept by the platform's file id."""

    kind: str  # "photo" | "document"
    file_id: str
    name: str
    size: int | None = None
    path: str | None = None  # a copy kept by Duban, where the platform's file id expires (WeCom: 3 days)


@dataclass(frozen=True)
class Incoming:
    """A message or a button press, as any platform delivers it, without the platform's types."""

    platform: str  # "telegram", "wecom", "console"
    chat_id: str
    user_id: str
    text: str = ""
    user_name: str = ""
    is_group: bool = False
    addressed: bool = True  # in a group: the bot was mentioned or replied to
    callback: str | None = None  # the data of a pressed button
    message_id: str | None = None  # the message the button was on
    locale: str = ""  # the user's language as the platform reports it ("zh-hans", "en"), if it does
    attachment: Attachment | None = None
    unit_hint: str | None = None  # the department the platform's address book gives the user, if any


@dataclass(frozen=True)
class Button:
    """A choice offered under a reply; `data` comes back as Incoming.callback when pressed."""

    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """Plain text (adapters escape it), optional buttons, optional file; to this chat or another."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    chat_id: str | None = None  # None: the chat the message came from
    platform: str | None = None  # None: the platform the message came from
    edit: bool = False  # replace the message whose button was pressed (paging)
    file: Path | None = None
    notice: str | None = None  # a short pop-up answer to a button press
    expects_number: bool = False  # a typed number answers the question (a figure, a task's number), not a button
    sent_parts: int = 0  # pieces of it (a long text's parts, the text before a card) that already arrived

    @staticmethod
    def rows(*rows: list[Button]) -> tuple[tuple[Button, ...], ...]:
        """Buttons laid out in rows."""
        return tuple(tuple(row) for row in rows if row)
