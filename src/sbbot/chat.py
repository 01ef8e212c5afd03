"""What crosses the line between a chat platform and the core: `Message` in, `Reply` out.

Adapters build a `Message` from a platform event and render a `Reply` (plain `text` always
works; `card` is the same content structured, for an embed or HTML). Nothing here knows
about any platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from sbbot.replies import inert

ReplyKind = Literal["answer", "unsure", "fallback", "command", "error"]

@dataclass(frozen=True)
class Style:
    """How a platform shows text, declared by its adapter so the core needs no platform
    knowledge: `quote` makes member text inert there (no mention, no link, no markup)."""

    name: str
    quote: Callable[[str], str] = inert


PLAIN = Style("plain")


@dataclass(frozen=True)
class Message:
    """One incoming chat message, already stripped of the bot's mention by the adapter.

    `addressed` says whether free text is meant for the bot (a mention, a DM, the terminal,
    a question channel). Unaddressed text that is not a command gets no reply. `author` is
    an opaque platform id used only for cooldowns and follow-up questions; it is never
    stored.

    `community` is whose data this message may see and change: a Discord server (or
    `dm:<user id>`), a Matrix room, the terminal. `is_admin` is an admin of that community;
    `is_operator` runs the bot itself, and alone may act on what every community shares.
    """

    text: str
    platform: str
    channel: str
    author: str = ""
    is_admin: bool = False
    addressed: bool = True
    community: str = ""
    is_operator: bool = False
    style: Style = field(default=PLAIN, compare=False)


@dataclass(frozen=True)
class Card:
    """The structured form of a reply: title, body, source line and fields."""

    title: str
    body: str
    footer: str | None = None
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EntryRef:
    """The knowledge entry a reply is built from (as shown by `sbbot ask --json`)."""

    id: str
    type: str
    text: str
    source: str


@dataclass(frozen=True)
class Reply:
    text: str
    kind: ReplyKind
    entry: EntryRef | None = None
    score: float | None = None
    card: Card | None = None
    private: bool = False
    """Meant for the asker alone (a refusal, a cooldown notice): private where the platform
    can (a Discord slash command's ephemeral answer), an ordinary reply elsewhere."""


AnnouncementKind = Literal["daily_quote", "event_reminder"]
NoticeKind = Literal["admin_notice"]
"""Posted to the admin channel only (never subscribed to, never recorded)."""


@dataclass(frozen=True)
class Announcement:
    """Something the bot posts unprompted in a subscribed channel.

    `key` is unique per (platform, channel, kind, event and offset, or date): the store
    records it when the announcement is sent, so that no restart can send it twice.
    """

    kind: AnnouncementKind | NoticeKind
    platform: str
    channel: str
    at: datetime
    key: str
    text: str
    event: str | None = None
    card: Card | None = None


class ChannelUnavailable(Exception):
    """An adapter cannot post in a channel any more (deleted, forbidden); skip it."""


class Announcer(Protocol):
    """What the scheduler and the health check need from a running platform."""

    @property
    def platform(self) -> str: ...

    def connected(self) -> bool:
        """Whether the platform is connected now (for `/healthz` and the metrics)."""

    async def serves(self, channel: str) -> bool:
        """Whether this process posts in `channel`; the scheduler claims nothing else.

        Only a Discord process running some of the bot's shards says no (for the guilds of
        other shards), so that the process that does serve the channel can claim it.
        """

    async def announce(self, announcement: Announcement) -> None:
        """Post an announcement in `announcement.channel`.

        Raises `ChannelUnavailable` when the channel cannot be posted in any more (deleted,
        forbidden), so the scheduler logs it and moves on.
        """
