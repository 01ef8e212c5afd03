"""Sharding: the settings, and discord.py's own sharded client against a two-shard fake.

Two adapters stand for two processes: each runs one shard of two, with its own store
connection on one database file. Each must see, answer and announce only in the guild of its
own shard, and leave the other guild's announcements unclaimed for the other.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from sbbot import http
from sbbot.adapters.discord import DiscordAdapter, ShardedSbClient
from sbbot.adapters.discord_config import read as discord_settings
from sbbot.adapters.shards import Shards, shard_of
from sbbot.config import ConfigError
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.scheduler import Schedule, send_due
from sbbot.store import Store, open_store
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.fakediscord import FakeDiscord
from tests.fakediscord.harness import NO_MENTIONS, settings_for
from tests.http_probe import Platform, Served

# Settings -------------------------------------------------------------------------------------


def shards_of(**env: str) -> Shards | None:
    settings = discord_settings({"DISCORD_TOKEN": "t", **env})
    assert settings is not None
    return settings.shards


def test_no_shard_setting_keeps_the_plain_client() -> None:
    assert shards_of() is None


@pytest.mark.parametrize(("count", "ids", "expected"), [
    ("4", "0-3", Shards(4, (0, 1, 2, 3))),
    ("4", "0,2", Shards(4, (0, 2))),
    ("8", " 6-7, 0 ", Shards(8, (0, 6, 7))),
    ("4", "", Shards(4, None)),
    ("auto", "", Shards(None, None)),
])
def test_shard_settings(count: str, ids: str, expected: Shards) -> None:
    assert shards_of(DISCORD_SHARD_COUNT=count, DISCORD_SHARD_IDS=ids) == expected


@pytest.mark.parametrize(("count", "ids", "message"), [
    ("", "0-1", "DISCORD_SHARD_IDS: set DISCORD_SHARD_COUNT too"),
    ("0", "", "DISCORD_SHARD_COUNT: expected a number of shards from 1"),
    ("deux", "", "DISCORD_SHARD_COUNT: expected a number of shards"),
    ("-2", "", "DISCORD_SHARD_COUNT: expected a number of shards"),
    ("auto", "0", "DISCORD_SHARD_IDS: needs a number in DISCORD_SHARD_COUNT"),
    ("4", "4", "DISCORD_SHARD_IDS: shard 4 does not exist"),
    ("4", "0-7", "DISCORD_SHARD_IDS: shard 7 does not exist"),
    ("4", "3-1", "DISCORD_SHARD_IDS: the range '3-1' runs backwards"),
    ("4", "0-2,1", "DISCORD_SHARD_IDS: shard 1 is listed twice"),
    ("4", "a-b", "DISCORD_SHARD_IDS: expected shard ids such as 0-3"),
    ("4", "1,", "DISCORD_SHARD_IDS: expected shard ids such as 0-3"),
    ("4", "-1", "DISCORD_SHARD_IDS: expected shard ids such as 0-3"),
])
def test_bad_shard_settings_are_one_line_errors(count: str, ids: str, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        shards_of(DISCORD_SHARD_COUNT=count, DISCORD_SHARD_IDS=ids)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_a_guild_is_carried_by_the_shard_discord_puts_it_on() -> None:
    guild = (123 << 22) | 4567  # only the bits above the 22 lowest count
    assert shard_of(guild, 4) == 123 % 4 == 3
    assert Shards(4, (2, 3)).carries(guild) and not Shards(4, (0, 1)).carries(guild)
    assert Shards(4, (0,)).carries(None) and not Shards(4, (1,)).carries(None)  # DMs: 0
    assert Shards(4, None).carries(guild) and Shards(None, None).carries(guild)


# Two shards, one process each ----------------------------------------------------------------

OTHER = "Autre serveur"
OTHER_GENERAL = f"general@{OTHER}"


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch,
               logged_errors: list[logging.LogRecord]) -> AsyncIterator[FakeDiscord]:
    """The usual guild on shard 0, and another guild on shard 1."""
    server = FakeDiscord(shard_count=2)
    server.add_guild(OTHER, shard=1, channels=("general", "annonces"))
    await server.start()
    server.install(monkeypatch)
    yield server
    await server.stop()
    assert server.unknown == []
    assert [sent.allowed_mentions for sent in server.history
            if sent.allowed_mentions != NO_MENTIONS] == []


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    return tmp_path / "sbbot.sqlite3"


StartShard = Callable[..., Awaitable[DiscordAdapter]]


@pytest.fixture
async def start_shard(fake: FakeDiscord, database: Path) -> AsyncIterator[StartShard]:
    """Start one "process": an engine with its own store connection, and a sharded bot."""
    running: list[tuple[DiscordAdapter, asyncio.Task[None], Store]] = []
    clock = FakeClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))

    async def start(shards: Shards, timeout: float = 5, **options: object) -> DiscordAdapter:
        store = await open_store(database)
        engine = Engine(KNOWLEDGE_DIR, store, clock=clock)
        settings = replace(settings_for(fake, **options), shards=shards)  # type: ignore[arg-type]
        adapter = DiscordAdapter(engine, settings, Cooldown(0))
        task = asyncio.create_task(adapter.run())
        running.append((adapter, task, store))
        await asyncio.wait_for(adapter.client.wait_until_ready(), timeout)
        return adapter

    yield start
    for adapter, task, store in running:
        await adapter.close()
        await asyncio.wait_for(task, 5)
        await store.close()


@pytest.fixture
async def both(start_shard: StartShard) -> tuple[DiscordAdapter, DiscordAdapter]:
    return (await start_shard(Shards(2, (0,))), await start_shard(Shards(2, (1,))))


def guild_names(adapter: DiscordAdapter) -> set[str]:
    return {guild.name for guild in adapter.client.guilds}


async def test_each_process_connects_its_shard_and_sees_only_its_guild(
        fake: FakeDiscord, both: tuple[DiscordAdapter, DiscordAdapter]) -> None:
    first, second = both
    assert sorted(fake.identified) == [(0, 2), (1, 2)]
    assert guild_names(first) == {"Social Business FR"}
    assert guild_names(second) == {OTHER}
    assert [guild.shard_id for guild in second.client.guilds] == [1]


async def test_each_process_answers_only_in_the_guild_of_its_shard(
        fake: FakeDiscord, start_shard: StartShard) -> None:
    # Both "processes" list both guilds' general channels as question channels, so either
    # would answer a plain question there if Discord delivered it to it.
    general = {fake.channel_id("general"), fake.channel_id(OTHER_GENERAL)}
    for shard in (0, 1):
        adapter = await start_shard(Shards(2, (shard,)))
        adapter.settings = replace(adapter.settings, question_channels=frozenset(general))
    for channel in ("general", OTHER_GENERAL):
        asked = await fake.say("Quand a lieu la matinée ?", channel=channel)
        answer = await fake.next_sent()
        assert (answer.reference, answer.channel_id) == (asked, fake.channel_id(channel))
        barrier = await fake.say("!articles", channel=channel)
        assert (await fake.next_sent()).reference == barrier, "answered twice"


async def test_each_process_announces_only_in_the_guild_of_its_shard(
        fake: FakeDiscord, both: tuple[DiscordAdapter, DiscordAdapter]) -> None:
    channels = {"annonces": 0, f"annonces@{OTHER}": 1}
    for name in channels:
        await both[0].engine.store.subscribe("discord", str(fake.channel_id(name)),
                                             ["daily_quote"])
    schedule = Schedule(ZoneInfo("Europe/Paris"), time(9), timedelta(hours=3))
    now = datetime(2026, 11, 27, 9, 5, tzinfo=ZoneInfo("Europe/Paris"))

    async def pass_of(adapter: DiscordAdapter) -> list[str]:
        engine = adapter.engine
        posted = await send_due(engine.store, engine.knowledge, {"discord": adapter}, now,
                                schedule)
        return [announcement.channel for announcement in posted]

    for adapter, name in zip(both, channels, strict=True):
        # The other guild's channel is not in this process's cache: it is looked up once,
        # found on the other shard, and left unclaimed.
        assert await pass_of(adapter) == [str(fake.channel_id(name))]
        assert [sent.channel_id for sent in fake.history] == \
            [fake.channel_id(other) for other in list(channels)[:channels[name] + 1]]
    assert await pass_of(both[0]) == await pass_of(both[1]) == []
    assert len(await both[1].engine.store.sent_keys()) == 2


async def test_before_it_is_connected_a_process_serves_no_channel(
        fake: FakeDiscord, database: Path) -> None:
    store = await open_store(database)
    try:
        for shards in (None, Shards(2, (0,))):
            settings = replace(settings_for(fake), shards=shards)
            adapter = DiscordAdapter(Engine(KNOWLEDGE_DIR, store), settings, Cooldown(0))
            assert not await adapter.serves(str(fake.channel_id("annonces")))
    finally:
        await store.close()


async def test_a_dm_channel_is_served_by_the_process_of_shard_zero(
        fake: FakeDiscord, both: tuple[DiscordAdapter, DiscordAdapter]) -> None:
    dm = str(fake.dm_channels["alice"])
    assert await both[0].serves(dm) and not await both[1].serves(dm)
    assert await both[0].serves("pas-un-id") and not await both[1].serves("pas-un-id")


async def test_auto_asks_discord_for_the_shard_count_and_runs_them_all(
        fake: FakeDiscord, start_shard: StartShard) -> None:
    # discord.py waits 5 s before identifying each shard after the first (Discord's
    # identify rate limit), hence the longer wait.
    adapter = await start_shard(Shards(None, None), timeout=15)
    assert sorted(fake.identified) == [(0, 2), (1, 2)]
    assert guild_names(adapter) == {"Social Business FR", OTHER}
    assert adapter.client.shard_count == 2


async def test_a_shard_discord_refuses_is_a_config_error(
        fake: FakeDiscord, database: Path) -> None:
    store = await open_store(database)
    try:
        settings = replace(settings_for(fake), shards=Shards(3, (2,)))
        adapter = DiscordAdapter(Engine(KNOWLEDGE_DIR, store), settings, Cooldown(0))
        with pytest.raises(ConfigError, match=r"^DISCORD_SHARD_COUNT: Discord refused shard 2"):
            await asyncio.wait_for(adapter.run(), 5)
    finally:
        await store.close()


async def test_a_bot_that_must_shard_is_told_to_set_the_shard_count(
        fake: FakeDiscord, database: Path) -> None:
    fake.require_sharding = True
    store = await open_store(database)
    try:
        adapter = DiscordAdapter(Engine(KNOWLEDGE_DIR, store), settings_for(fake), Cooldown(0))
        with pytest.raises(ConfigError, match=r"^DISCORD_SHARD_COUNT: Discord requires sharding"):
            await asyncio.wait_for(adapter.run(), 5)
    finally:
        await store.close()


async def test_the_shard_gauge_follows_each_connection_over_http(
        fake: FakeDiscord, start_shard: StartShard, monkeypatch: pytest.MonkeyPatch) -> None:
    """One process runs both shards; one shard's connection drops and resumes later."""

    async def identify_at_once(self: ShardedSbClient, shard_id: int | None, *,
                               initial: bool = False) -> None:
        """discord.py waits 5 s between two shards' IDENTIFY (Discord's rate limit)."""

    monkeypatch.setattr(ShardedSbClient, "before_identify_hook", identify_at_once)
    adapter = await start_shard(Shards(2, (0, 1)))
    runner = await http.start(adapter.engine, [adapter], "127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as session:
            served = Served(f"http://127.0.0.1:{http.bound_port(runner)}", Platform(), session)

            async def gauge_becomes(value: float) -> None:
                for _ in range(100):
                    if await served.metric("sbbot_discord_shards") == value:
                        return
                    await asyncio.sleep(0.05)
                raise AssertionError(f"sbbot_discord_shards never became {value}")

            await gauge_becomes(2)
            fake.resumes.clear()  # the shard cannot come back yet
            await fake.drop(1)
            await gauge_becomes(1)
            # The guild on shard 1 gets no answer meanwhile: the process is not healthy.
            status, reason = await served.get("/healthz")
            assert (status, "discord: not connected" in reason) == (503, True)
            fake.resumes.set()
            await gauge_becomes(2)
            assert (await served.get("/healthz"))[0] == 200
    finally:
        await runner.cleanup()
    assert sorted(fake.identified) == [(0, 2), (1, 2)], "the shard identified again"
