"""One conversation harness for every platform, in the style of Errbot's testbot.

`chat.say("!raison 3")` sends what a member types through the real adapter (the terminal's
keyboard, the fake Discord gateway, a real Synapse) and returns the reply as that member
reads it; `chat.quiet(text)` proves that no reply came. Each chat runs one adapter with
the same engine, store and `FakeClock`, and plays an ordinary member (neither admin nor
operator) who addresses the bot in the platform's own way: a line in the terminal, a direct
message on Discord, a mention on Matrix.
"""

from __future__ import annotations

import asyncio
import queue
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import pytest

from sbbot.adapters import TERMINAL
from sbbot.adapters.base import ChatAdapter
from sbbot.adapters.discord import DiscordAdapter
from sbbot.adapters.matrix import MatrixAdapter
from sbbot.adapters.matrix_config import MatrixSettings
from sbbot.adapters.terminal import PROMPT, TerminalSettings
from sbbot.chat import Announcement
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from tests.conftest import FakeClock
from tests.fakediscord import FakeDiscord, Sent
from tests.fakediscord.harness import settings_for
from tests.synapse.harness import SERVER_NAME, Synapse
from tests.synapse.members import STRICT, WAIT, Event, Member, content, register, room_with_bot

COOLDOWN = 60.0


@dataclass(frozen=True)
class Said:
    """A reply as the member reads it: `text` is the message, or an embed's title, body
    and footer on separate lines; `form` is how the platform showed it."""

    text: str
    form: str


class Chat(Protocol):
    platform: str
    adapter: ChatAdapter[Any]
    channel: str
    """Where announcements are posted in the tests."""

    async def say(self, text: str) -> Said: ...
    async def quiet(self, text: str) -> None: ...
    async def announced(self, announcement: Announcement) -> Said: ...


# The terminal ---------------------------------------------------------------------------------


class Keyboard:
    """stdin for the terminal adapter: lines typed by the test, read in its worker thread."""

    def __init__(self) -> None:
        self.lines: queue.Queue[str] = queue.Queue()

    def readline(self) -> str:
        return self.lines.get(timeout=WAIT)


class Screen:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


class TerminalChat:
    platform = "terminal"
    channel = "terminal"

    def __init__(self, adapter: ChatAdapter[Any]) -> None:
        self.adapter = adapter
        self.keyboard = Keyboard()
        self.screen = Screen()
        adapter.stdin = self.keyboard  # type: ignore[attr-defined]
        adapter.stdout = self.screen  # type: ignore[attr-defined]

    async def _output(self, text: str) -> str:
        """What the terminal printed between this line and the next prompt."""
        start = len(self.screen.text)
        self.keyboard.lines.put(text + "\n")
        async with asyncio.timeout(WAIT):
            while not self.screen.text[start:].endswith(PROMPT):
                await asyncio.sleep(0.01)
        return self.screen.text[start:-len(PROMPT)]

    async def say(self, text: str) -> Said:
        printed = await self._output(text)
        assert printed.startswith("sbbot> "), f"no reply to {text!r}: {printed!r}"
        return Said(printed.removeprefix("sbbot> ").rstrip("\n"), "text")

    async def quiet(self, text: str) -> None:
        assert await self._output(text) == "", f"unexpected reply to {text!r}"

    async def announced(self, announcement: Announcement) -> Said:
        start = len(self.screen.text)
        await self.adapter.announce(announcement)
        printed = self.screen.text[start:].removesuffix(PROMPT).strip("\n")
        assert printed.startswith("[annonce] "), printed
        return Said(printed.removeprefix("[annonce] "), "text")

    async def close(self) -> None:
        await self.adapter.close()
        self.keyboard.lines.put("")


# Discord --------------------------------------------------------------------------------------


def sent_said(sent: Sent) -> Said:
    if sent.embeds:
        [embed] = sent.embeds
        parts = [embed.get("title"), embed.get("description"),
                 (embed.get("footer") or {}).get("text")]
        return Said("\n".join(part for part in parts if part), "embed")
    return Said(sent.content, "text")


class DiscordChat:
    platform = "discord"

    def __init__(self, adapter: DiscordAdapter, fake: FakeDiscord) -> None:
        self.adapter = adapter
        self.fake = fake
        self.channel = str(fake.channel_id("annonces"))

    async def say(self, text: str) -> Said:
        message_id = await self.fake.dm(text)
        sent = await self.fake.next_sent(WAIT)
        assert sent.reference == message_id, f"expected a reply to {text!r}, got {sent}"
        return sent_said(sent)

    async def quiet(self, text: str) -> None:
        await self.fake.dm(text)
        barrier = await self.fake.dm("!articles")
        sent = await self.fake.next_sent(WAIT)
        assert sent.reference == barrier, f"unexpected reply to {text!r}: {sent}"

    async def announced(self, announcement: Announcement) -> Said:
        await self.adapter.announce(announcement)
        sent = await self.fake.next_sent(WAIT)
        assert (sent.channel_id, sent.reference) == (int(self.channel), None)
        return sent_said(sent)


# Matrix ---------------------------------------------------------------------------------------


class MatrixChat:
    platform = "matrix"

    def __init__(self, adapter: MatrixAdapter, member: Member, room: str) -> None:
        self.adapter = adapter
        self.member = member
        self.channel = room
        self.bot = adapter.user_id

    async def _send(self, text: str) -> str:
        """`text` with a pill to the bot: a mention is how a Matrix room addresses it."""
        return await self.member.say(self.channel, text, **{"m.mentions": {
            "user_ids": [self.bot]}})

    async def say(self, text: str) -> Said:
        reply = await self.member.reply(self.channel, self.bot, await self._send(text))
        return Said(content(reply)["body"], content(reply)["msgtype"])

    async def quiet(self, text: str) -> None:
        asked = await self._send(text)
        await self.member.reply(self.channel, self.bot, await self._send("!articles"))
        assert self.member.replies_to(self.channel, asked) == []

    async def announced(self, announcement: Announcement) -> Said:
        await self.adapter.announce(announcement)

        def posted(event: Event) -> bool:
            return (event["sender"] == self.bot
                    and content(event).get("body") == announcement.text)
        event = await self.member.wait_for(self.channel, "announcement", posted)
        return Said(content(event)["body"], content(event)["msgtype"])


# The fixture ----------------------------------------------------------------------------------


async def started(adapter: ChatAdapter[Any]) -> asyncio.Task[None]:
    running = asyncio.create_task(adapter.run())
    ready = asyncio.create_task(adapter.ready.wait())
    await asyncio.wait({running, ready}, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
    if running.done():
        ready.cancel()
        running.result()
    assert adapter.ready.is_set(), f"{adapter.platform} was not ready in time"
    return running


@asynccontextmanager
async def chat_on(platform: str, engine: Engine, clock: FakeClock,
                  request: pytest.FixtureRequest) -> AsyncIterator[Chat]:
    """A running adapter of `platform` and the member talking to it; stopped on exit."""
    cooldown = Cooldown(COOLDOWN, clock.monotonic)
    chat: Chat
    closers: list[Callable[[], Any]] = []
    if platform == "terminal":
        terminal = TerminalChat(TERMINAL.start(engine, TerminalSettings(operator=False), cooldown))
        chat, closers = terminal, [terminal.close]
    elif platform == "discord":
        fake = FakeDiscord()
        await fake.start()
        fake.install(request.getfixturevalue("monkeypatch"))
        adapter = DiscordAdapter(engine, settings_for(fake), cooldown)
        chat, closers = DiscordChat(adapter, fake), [adapter.close, fake.stop]
    else:
        synapse: Synapse = request.getfixturevalue("synapse")
        request.getfixturevalue("monkeypatch").setattr(MatrixAdapter, "client_config", STRICT)
        account = register(synapse, "sbbot")
        settings = MatrixSettings(synapse.url, account.user_id, account.access_token, None,
                                  frozenset({SERVER_NAME}), frozenset())
        matrix = MatrixAdapter(engine, settings, cooldown)
        owner, member = (Member(synapse, register(synapse, name)) for name in ("owner", "alice"))
        chat = MatrixChat(matrix, member, "")
        closers = [matrix.close, owner.close, member.close]
    running = await started(chat.adapter)
    try:
        if isinstance(chat, MatrixChat):
            chat.channel = await room_with_bot(owner, chat.bot, chat.member)
        yield chat
    finally:
        for close in closers:
            await close()
        async with asyncio.timeout(WAIT):
            await running
