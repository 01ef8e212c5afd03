"""Driving a real discord.py bot against the fake Discord: the fixtures every Discord test uses.

`fake` is the server, `start_bot` starts `DiscordAdapter`s on it with the real engine, store
and router, `bot` is one started with the defaults. Any ERROR logged by discord.py or sbbot,
any request the fake does not know, and any message sent with other mentions than none fails
the test that caused it. Registered as a pytest plugin by `tests/conftest.py`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sbbot.adapters.discord import DiscordAdapter
from sbbot.adapters.discord_config import DiscordSettings
from sbbot.chat import Message, Reply
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine, Snapshot
from tests.conftest import FakeClock
from tests.fakediscord.server import ADMIN_ROLE_NAME, FakeDiscord, Sent

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
RELOAD_WAIT = 60.0
"""A reload builds the new knowledge in a child process: seconds on a busy machine."""
EPHEMERAL = 1 << 6


LOAD_SNAPSHOT = Snapshot.load


@functools.cache
def shared_snapshot(directory: Path) -> Snapshot:
    return LOAD_SNAPSHOT(directory)


@pytest.fixture
def shared_knowledge(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot is immutable and takes 0.2 s to build: one for all the bots of a module
    that asks for it (`pytestmark = pytest.mark.usefixtures("shared_knowledge")`)."""
    monkeypatch.setattr(Snapshot, "load", staticmethod(shared_snapshot))


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    """ERRORs from discord.py or sbbot, over setup, test and teardown (caplog sees only one)."""
    handler = ErrorLog()
    loggers = [logging.getLogger("discord"), logging.getLogger("sbbot")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)
    assert [handler.format(record) for record in handler.records] == []


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch,
               logged_errors: list[logging.LogRecord]) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    server.install(monkeypatch)
    yield server
    await server.stop()
    assert server.unknown == [], "the bot called routes the fake Discord does not know"
    assert [sent.allowed_mentions for sent in server.history
            if sent.allowed_mentions != NO_MENTIONS] == []


def settings_for(fake: FakeDiscord, *, guild: bool = True, token: str = "fake-token",
                 owner_ids: frozenset[int] = frozenset()) -> DiscordSettings:
    return DiscordSettings(
        token=token,
        guild_id=fake.guild_id if guild else None,
        question_channels=frozenset({fake.channel_id("questions")}),
        admin_roles=frozenset({fake.role_id(ADMIN_ROLE_NAME)}),
        owner_ids=owner_ids,
    )


StartBot = Callable[..., Awaitable[DiscordAdapter]]


@pytest.fixture
async def start_bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[StartBot]:
    """Start adapters on the fake, wait until they listen; close them all at the end."""
    running: list[tuple[DiscordAdapter, asyncio.Task[None]]] = []

    async def start(*, cooldown: float = 0, clock: FakeClock | None = None,
                    **options: object) -> DiscordAdapter:
        moved = clock or FakeClock(datetime.now(UTC))
        adapter = DiscordAdapter(engine, settings_for(fake, **options),  # type: ignore[arg-type]
                                 Cooldown(cooldown, moved.monotonic))
        task = asyncio.create_task(adapter.run())
        running.append((adapter, task))
        ready = asyncio.create_task(adapter.client.wait_until_ready())
        await asyncio.wait({task, ready}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            ready.cancel()
            task.result()
        assert ready.done(), "the bot never became ready"
        return adapter

    yield start
    for adapter, task in running:
        await adapter.close()
        await asyncio.wait_for(task, 5)


@pytest.fixture
async def bot(start_bot: StartBot) -> DiscordAdapter:
    return await start_bot()


async def reply_to(fake: FakeDiscord, message_id: int, timeout: float = 2.0) -> Sent:
    sent = await fake.next_sent(timeout)
    assert sent.reference == message_id, f"expected a reply to {message_id}, got {sent}"
    return sent


async def barrier(fake: FakeDiscord, channel: str = "general") -> None:
    """Prove that nothing was sent before this point: the next message answers the barrier."""
    message_id = await fake.say("!articles", channel=channel)
    sent = await fake.next_sent()
    assert sent.reference == message_id, f"unexpected message before the barrier: {sent}"


@pytest.fixture
def received(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Message]:
    """What the engine is handed, each answered « Bien reçu. »."""
    inbox: list[Message] = []

    async def record(message: Message) -> Reply:
        inbox.append(message)
        return Reply("Bien reçu.", "answer")

    monkeypatch.setattr(engine, "handle", record)
    return inbox


async def eventually(check: Callable[[], bool], timeout: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.01)
