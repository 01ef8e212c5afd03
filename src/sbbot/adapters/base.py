"""The half every chat adapter shares: one constructor, the message path, start-up errors,
readiness, announcements and long texts cut to the platform's size.

A platform adapter subclasses `ChatAdapter` and writes only what its platform needs:
`connect` (events in, each read into an `Incoming` and handed to `hear`), `disconnect`,
and `post` (payloads out). Everything a member can observe beyond that (the text decisions
are made on, the question rule, the cooldown, the reply) is `sbbot.conversation`'s.
"""

from __future__ import annotations

import asyncio
import sys
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from sbbot.chat import PLAIN, Announcement, Card, ChannelUnavailable, Style
from sbbot.config import ConfigError
from sbbot.conversation import Conversation, Incoming, Respond

from .split import split_message

if TYPE_CHECKING:
    from sbbot.cooldown import Cooldown
    from sbbot.engine import Engine

S = TypeVar("S")

SendPart = Callable[[str, Card | None, bool], Awaitable[None]]
"""Send one message: its text, the card to show instead when there is one, and whether it
is the first part (the one that replies to the asker)."""


class ChatAdapter(ABC, Generic[S]):
    """One platform, constructed the same way for all: `Adapter(engine, settings, cooldown)`.

    A subclass declares its `platform` name, its `style` (how member text is made inert
    there), its `message_limit`, and `startup_errors`: the exceptions its library raises
    when it cannot start, each with the one line that tells the admin what to fix.
    """

    platform: ClassVar[str]
    style: ClassVar[Style] = PLAIN
    message_limit: ClassVar[int] = sys.maxsize
    startup_errors: ClassVar[tuple[tuple[type[BaseException], str], ...]] = ()
    """(exception type, message); `{error}` in the message is replaced by the exception."""

    def __init__(self, engine: Engine, settings: S, cooldown: Cooldown) -> None:
        self.engine = engine
        self.settings = settings
        self.conversation = Conversation(engine, self.platform, cooldown, self.style)
        self.ready = asyncio.Event()
        """Set once the bot listens (tests and announcements wait for it)."""
        self.closing = asyncio.Event()

    async def run(self) -> None:
        """Connect and serve until `close`; a start-up failure is one `ConfigError` line."""
        try:
            await self.connect()
        except Exception as error:
            for kind, message in self.startup_errors:
                if isinstance(error, kind):
                    raise ConfigError(message.format(error=error)) from None
            raise

    async def close(self) -> None:
        self.closing.set()
        await self.disconnect()

    def connected(self) -> bool:
        return self.ready.is_set() and not self.closing.is_set()

    async def serves(self, channel: str) -> bool:
        return True

    async def hear(self, incoming: Incoming, respond: Respond) -> None:
        await self.conversation.handle(incoming, respond)

    async def announce(self, announcement: Announcement) -> None:
        if not await self.wait_ready():
            raise ChannelUnavailable(f"{self.platform} is shutting down")
        await self.post(announcement.channel, announcement.text, announcement.card)

    async def wait_ready(self) -> bool:
        """Wait until connected; False if the adapter is closed first (a pending
        announcement is then abandoned rather than awaited past the shutdown)."""
        if not self.ready.is_set():
            waits = {asyncio.create_task(self.ready.wait()),
                     asyncio.create_task(self.closing.wait())}
            try:
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for wait in waits:
                    wait.cancel()
        return self.ready.is_set() and not self.closing.is_set()

    async def deliver(self, text: str, card: Card | None, send: SendPart, *,
                      card_fits: bool) -> None:
        """The card in one message where the platform can show it whole, else the text in
        parts of at most `message_limit` characters, cut between words."""
        if card is not None and card_fits:
            await send(text, card, True)
            return
        for index, part in enumerate(split_message(text, self.message_limit)):
            await send(part, None, index == 0)

    @abstractmethod
    async def connect(self) -> None:
        """Log in, set `ready`, and serve until `disconnect`."""

    @abstractmethod
    async def disconnect(self) -> None:
        """Make `connect` return."""

    @abstractmethod
    async def post(self, channel: str, text: str, card: Card | None) -> None:
        """Post unprompted in `channel`; `ChannelUnavailable` if that is impossible."""
