"""Platform adapters: translate between a chat platform and the core's Message / Reply.

Each adapter is thin: it builds a `Message`, calls `Engine.handle`, renders the `Reply`, and
posts the scheduler's announcements. All behaviour lives in the core.
"""

from __future__ import annotations

from typing import Protocol

from sbbot.chat import Announcement


class Adapter(Protocol):
    """What `sbbot run` needs from every platform."""

    platform: str

    async def run(self) -> None:
        """Connect and serve until `close` is called (or the connection fails for good)."""

    async def close(self) -> None:
        """Disconnect cleanly; `run` then returns."""

    def connected(self) -> bool:
        """Whether the platform is connected now (for `/healthz` and the metrics)."""

    async def serves(self, channel: str) -> bool:
        """Whether this process posts in `channel`; the scheduler claims nothing else.

        Only a Discord process running some of the bot's shards says no (for the guilds of
        other shards), so that the process that does serve the channel can claim it.
        """

    async def announce(self, announcement: Announcement) -> None:
        """Post an announcement in `announcement.channel`.

        Raises `sbbot.chat.ChannelUnavailable` when the channel cannot be posted in any more
        (deleted, forbidden), so the scheduler logs it and moves on.
        """
