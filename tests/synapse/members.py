"""Members and the bot on the test homeserver: the nio clients every Matrix test drives.

`members("alice")` registers a fresh account and returns a `Member` who creates rooms, speaks
and waits for what the bot says through their own sync; `running_bot` runs the real
`MatrixAdapter` with the real engine and store until the block ends. Every wait has a
deadline and fails with the tail of Synapse's log. Registered as a pytest plugin by
`tests/conftest.py`.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from nio import AsyncClient, AsyncClientConfig, RoomCreateResponse, RoomSendResponse, SyncResponse

from sbbot.adapters.matrix import MatrixAdapter
from sbbot.adapters.matrix_config import MatrixSettings
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.store import Store
from tests.synapse.harness import SERVER_NAME, Account, Synapse

WAIT = 15.0
"""Seconds any one expectation may take; each takes well under one on a healthy server."""

STRICT = AsyncClientConfig(max_limit_exceeded=0, max_timeouts=2, request_timeout=10)

Event = dict[str, Any]
PLATFORM = MatrixAdapter.platform


@pytest.fixture
def strict_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """No retry loops against the test homeserver: a broken server fails fast (a module asks
    for it with `pytestmark = pytest.mark.usefixtures("strict_client")`)."""
    monkeypatch.setattr(MatrixAdapter, "client_config", STRICT)


_serial = itertools.count()


def register(synapse: Synapse, name: str) -> Account:
    """A fresh account per test, so tests share the server but nothing else."""
    return synapse.register(f"{name}{next(_serial)}")


def content(event: Event) -> dict[str, Any]:
    result: dict[str, Any] = event.get("content", {})
    return result


def replied_to(event: Event) -> str | None:
    relation = content(event).get("m.relates_to", {})
    target: str | None = relation.get("m.in_reply_to", {}).get("event_id")
    return target


class Member:
    """A person on the test homeserver, seeing rooms through their own sync."""

    def __init__(self, synapse: Synapse, account: Account) -> None:
        self.synapse = synapse
        self.user_id = account.user_id
        self.client = AsyncClient(synapse.url, account.user_id, config=STRICT)
        self.client.restore_login(account.user_id, account.device_id, account.access_token)
        self.timeline: defaultdict[str, list[Event]] = defaultdict(list)

    async def close(self) -> None:
        await self.client.close()

    async def create_room(self, *invite: str, state: tuple[Event, ...] = (),
                          power: dict[str, int] | None = None) -> str:
        response = await self.client.room_create(
            invite=invite, initial_state=state,
            power_level_override=None if power is None else {"users": power})
        assert isinstance(response, RoomCreateResponse), response
        room_id: str = response.room_id
        return room_id

    async def join(self, room_id: str) -> None:
        await self.client.join(room_id)

    async def send(self, room_id: str, event_type: str, body: Event) -> str:
        response = await self.client.room_send(room_id, event_type, body)
        assert isinstance(response, RoomSendResponse), response
        event_id: str = response.event_id
        return event_id

    async def say(self, room_id: str, text: str, **extra: Any) -> str:
        return await self.send(room_id, "m.room.message",
                               {"msgtype": "m.text", "body": text, **extra})

    async def wait_for(self, room_id: str, what: str, match: Callable[[Event], bool]) -> Event:
        try:
            async with asyncio.timeout(WAIT):
                while True:
                    found = [event for event in self.timeline[room_id] if match(event)]
                    if found:
                        return found[0]
                    await self._sync()
        except TimeoutError:
            raise AssertionError(f"{self.user_id} saw no {what} in {room_id} within {WAIT:.0f} s."
                                 f" Synapse log tail:\n{self.synapse.log_tail(40)}") from None

    async def reply(self, room_id: str, bot: str, event_id: str) -> Event:
        return await self.wait_for(room_id, f"reply from {bot} to {event_id}", lambda event: (
            event["sender"] == bot and replied_to(event) == event_id))

    async def membership(self, room_id: str, user_id: str, membership: str) -> Event:
        return await self.wait_for(room_id, f"{membership} of {user_id}", lambda event: (
            event["type"] == "m.room.member" and event.get("state_key") == user_id
            and content(event).get("membership") == membership))

    def replies_to(self, room_id: str, event_id: str) -> list[Event]:
        return [event for event in self.timeline[room_id] if replied_to(event) == event_id]

    async def _sync(self) -> None:
        response = await self.client.sync(timeout=500)
        assert isinstance(response, SyncResponse), response
        for room_id, info in response.rooms.join.items():
            self.timeline[room_id].extend(event.source for event in info.timeline.events)


@pytest.fixture
async def members(synapse: Synapse) -> AsyncIterator[Callable[[str], Member]]:
    created: list[Member] = []

    def make(name: str) -> Member:
        created.append(Member(synapse, register(synapse, name)))
        return created[-1]

    yield make
    for member in created:
        await member.close()


@asynccontextmanager
async def running_bot(synapse: Synapse, engine: Engine, store: Store, account: Account, *,
                      password: bool = False, allowed: frozenset[str] = frozenset({SERVER_NAME}),
                      admins: frozenset[str] = frozenset(),
                      cooldown: float = 0.0) -> AsyncIterator[MatrixAdapter]:
    """The bot, logged in by token (or by password), from its first sync until the end."""
    settings = MatrixSettings(
        synapse.url, account.user_id, None if password else account.access_token,
        account.password if password else None, allowed, admins)
    adapter = MatrixAdapter(engine, settings, Cooldown(cooldown))
    running = asyncio.create_task(adapter.run())
    ready = asyncio.create_task(adapter.ready.wait())
    try:
        await asyncio.wait({running, ready}, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            running.result()
        assert adapter.ready.is_set(), "the bot was not ready in time:\n" + synapse.log_tail(40)
        yield adapter
    finally:
        ready.cancel()
        await adapter.close()
        async with asyncio.timeout(WAIT):
            await running


async def room_with_bot(owner: Member, bot: str, *others: Member,
                        power: dict[str, int] | None = None) -> str:
    room_id = await owner.create_room(bot, *(other.user_id for other in others), power=power)
    for other in others:
        await other.join(room_id)
    await owner.membership(room_id, bot, "join")
    return room_id


@pytest.fixture
def bot_account(synapse: Synapse) -> Account:
    return register(synapse, "sbbot")
