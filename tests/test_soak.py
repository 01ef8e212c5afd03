"""Soak: real `sbbot` processes sharing one database on the fake Discord, simulated weeks.

Phase one: three processes, one shard of three each, two subscribed channels per shard, all
on one PostgreSQL database (the suite's real server), for 30 simulated days (across the
spring daylight-saving change and the three reminders of the shipped event). Every few
days one process is killed with SIGKILL just as the daily quote falls due, so that it may
die between claiming an announcement and posting it, and is restarted. Phase two: two
processes running the same shard, 10 more days.

Time is the `SBBOT_TEST_CLOCK` file (see `sbbot.clock`), moved by this test in half-hour
steps and held still while a killed process restarts, so no announcement is missed through
downtime. The only loss allowed is the documented at-most-once one: an announcement claimed
in the database by a process killed before it posted it. Each post the fake Discord
receives is matched to its announcement key by its text and the simulated time.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import time as wall
from collections import Counter
from collections.abc import AsyncIterator, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sbbot.adapters.shards import shard_of
from sbbot.clock import set_test_clock
from sbbot.knowledge import load_knowledge
from sbbot.knowledge.model import Knowledge
from sbbot.scheduler import Schedule, due, upcoming
from sbbot.store import DailyQuote, Store, Subscription, open_store
from tests.conftest import KNOWLEDGE_DIR, ROOT
from tests.fakediscord import FakeDiscord, Sent
from tests.postgres import PostgresServer

pytestmark = pytest.mark.soak

PARIS = ZoneInfo("Europe/Paris")
SHARD_COUNT = 3
START = datetime(2014, 3, 20, tzinfo=PARIS)
"""The shipped event is on 4 April 2014: its 7-day, 1-day and 1-hour reminders fall inside."""
PHASE_ONE = timedelta(days=30)
PHASE_TWO = timedelta(days=10)
STEP = timedelta(minutes=30)
KILL_EVERY = 5
"""Days between two kills in phase one (a different process each time)."""
CATCH_UP = timedelta(hours=6)
SCHEDULE = Schedule(PARIS, time(9), CATCH_UP)
SETTLE_TIMEOUT = 30.0
"""Seconds the processes get to claim and post what a step made due (they need ~0.05 s)."""
READY_TIMEOUT = 60.0
POSTED = re.compile(r"sbbot\.scheduler: posted (\S+)")


@dataclass
class Bot:
    """One `sbbot run` process and its log."""

    shard_ids: str
    log: Path
    process: subprocess.Popen[bytes]

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def posted(self) -> list[str]:
        return POSTED.findall(self.text())


@dataclass
class Kill:
    day: datetime
    shard: int
    rate_limited: bool
    lost: list[str] = field(default_factory=list)


class Soak:
    """The fake Discord, the bot processes, the shared clock and what was seen so far."""

    def __init__(self, fake: FakeDiscord, directory: Path, database: str, store: Store,
                 knowledge: Knowledge, subscriptions: list[Subscription]) -> None:
        self.fake = fake
        self.directory = directory
        self.database = database
        self.store = store
        self.knowledge = knowledge
        self.subscriptions = subscriptions
        self.clock = directory / "clock"
        self.now = START
        set_test_clock(self.clock, self.now)
        self.posted: Counter[str] = Counter()
        self.claimed: set[str] = set()
        self.kills: list[Kill] = []
        self.bots: list[Bot] = []
        self.retired: list[Bot] = []
        self.random = random.Random(9)

    # Processes --------------------------------------------------------------------------------

    def environment(self, shard_ids: str) -> dict[str, str]:
        inherited = {name: value for name, value in os.environ.items()
                     if not name.startswith(("SBBOT_", "DISCORD_", "MATRIX_"))}
        return {
            **inherited,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "DISCORD_TOKEN": self.fake.token,
            "DISCORD_SHARD_COUNT": str(SHARD_COUNT),
            "DISCORD_SHARD_IDS": shard_ids,
            "SBBOT_DATABASE": self.database,
            "SBBOT_TEST_CLOCK": str(self.clock),
            "SBBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
            "SBBOT_CATCH_UP_HOURS": str(CATCH_UP / timedelta(hours=1)),
            "SBBOT_LOG_LEVEL": "INFO",
        }

    async def start(self, *shard_ids: str) -> None:
        """Start one process per shard range and wait until all are connected and ready."""
        started = []
        for ids in shard_ids:
            log = self.directory / f"bot-{len(self.bots) + len(self.retired) + len(started)}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [sys.executable, "-m", "tests.fakediscord.run_sbbot", self.fake.url, "run"],
                    cwd=self.directory, env=self.environment(ids), stdin=subprocess.DEVNULL,
                    stdout=output, stderr=subprocess.STDOUT)
            started.append(Bot(ids, log, process))
        self.bots.extend(started)
        deadline = wall.monotonic() + READY_TIMEOUT
        while not all("Discord: connected as" in bot.text() for bot in started):
            for bot in started:
                assert bot.process.poll() is None, f"sbbot stopped:\n{bot.text()}"
            assert wall.monotonic() < deadline, "a bot process never became ready"
            await asyncio.sleep(0.05)

    async def stop_all(self) -> None:
        for bot in self.bots:
            bot.process.send_signal(signal.SIGTERM)
        for bot in self.bots:
            assert await asyncio.to_thread(bot.process.wait, 30) == 0, bot.text()
        self.retired.extend(self.bots)
        self.bots = []

    async def kill_all(self) -> None:
        """Clean-up after a failure: no process outlives the test."""
        for bot in self.bots:
            bot.process.kill()
            await asyncio.to_thread(bot.process.wait, 30)
        self.retired.extend(self.bots)
        self.bots = []

    async def kill_while_posting(self, bot: Bot, rate_limited: asyncio.Event | None) -> None:
        """SIGKILL `bot` just after the daily quote fell due, record what it lost, restart it.

        With `rate_limited`, the kill comes while discord.py waits to post again after a 429,
        the announcement claimed: that one is lost. Otherwise it comes a random few
        milliseconds after the step, while the pass may be claiming or posting.
        """
        if rate_limited is not None:
            await asyncio.wait_for(rate_limited.wait(), SETTLE_TIMEOUT)
        else:
            await asyncio.sleep(self.random.uniform(0, 0.04))
        bot.process.kill()
        await asyncio.to_thread(bot.process.wait, 30)
        self.bots.remove(bot)
        self.retired.append(bot)
        await asyncio.sleep(0.2)  # posts sent before the kill reach the fake Discord
        await self.observe()
        shard = int(bot.shard_ids)
        kill = Kill(self.now, shard, rate_limited is not None, sorted(
            key for key in self.claimed - set(self.posted) - self.lost()
            if self.shard_of_key(key) == shard))
        self.kills.append(kill)
        await self.start(bot.shard_ids)

    # Observation --------------------------------------------------------------------------

    def lost(self) -> set[str]:
        return {key for kill in self.kills for key in kill.lost}

    def channel_shard(self, channel: str) -> int:
        return shard_of(self.fake.guild_of(int(channel)), SHARD_COUNT)

    def shard_of_key(self, key: str) -> int:
        return self.channel_shard(key.rsplit("/", 1)[1])

    def key_of(self, sent: Sent, history: Sequence[DailyQuote]) -> str:
        """The announcement a post is: same channel, same card, due now (or, for a pass that
        read the clock just before the last step, a step ago); `history` holds the daily
        quotes the processes chose, kept in the database they share."""
        [embed] = sent.embeds
        channel = [sub for sub in self.subscriptions if sub.channel == str(sent.channel_id)]
        for moment in (self.now, self.now - STEP):
            keys = [item.key for item in due(moment, self.knowledge, channel, (), SCHEDULE,
                                             history)
                    if item.card is not None and item.card.title == embed["title"]
                    and item.card.body == embed["description"]]
            if keys:
                [key] = keys
                return key
        raise AssertionError(f"post due at no time near {self.now}: {sent}")

    async def observe(self) -> None:
        history = [] if self.fake.sent.empty() else await self.store.daily_quotes()
        while not self.fake.sent.empty():
            self.posted[self.key_of(self.fake.sent.get_nowait(), history)] += 1
        self.claimed |= await self.store.sent_keys()

    async def settle(self, shards: Collection[int]) -> None:
        """Wait until everything due now on `shards` is claimed, and everything claimed is
        posted or was lost to a kill."""
        served = [sub for sub in self.subscriptions if self.channel_shard(sub.channel) in shards]
        deadline = wall.monotonic() + SETTLE_TIMEOUT
        while True:
            await self.observe()
            pending = due(self.now, self.knowledge, served, self.claimed, SCHEDULE)
            unposted = self.claimed - set(self.posted) - self.lost()
            if not pending and not unposted:
                return
            assert wall.monotonic() < deadline, \
                f"stuck at {self.now}: due {[a.key for a in pending]}, unposted {unposted}"
            await asyncio.sleep(0.005)

    async def run_until(self, end: datetime, shards: Collection[int], *,
                        kill_every: int | None = None) -> None:
        """Step the clock to `end`; with `kill_every`, kill a process every so many days,
        each in turn, every other time while it waits out a rate limit."""
        while self.now < end:
            self.now += STEP
            day = (self.now - START).days
            quote_time = self.now.astimezone(PARIS).time() == SCHEDULE.daily_quote_time
            if not (kill_every and quote_time and day % kill_every == kill_every - 1):
                set_test_clock(self.clock, self.now)
                await self.settle(shards)
                continue
            shard = len(self.kills) % SHARD_COUNT
            victim = next(bot for bot in self.bots if bot.shard_ids == str(shard))
            rate_limited = None
            if len(self.kills) % 2 == 0:
                channels = [int(sub.channel) for sub in self.subscriptions
                            if self.channel_shard(sub.channel) == shard]
                rate_limited = self.fake.rate_limit_next_post(channels, retry_after=5.0)
            set_test_clock(self.clock, self.now)
            await self.kill_while_posting(victim, rate_limited)
            await self.settle(shards)

    def expected(self, since: datetime, until: datetime, shards: Collection[int]) -> set[str]:
        """Every announcement of the period on `shards`, from the scheduler's dry run."""
        return {item.key for item in upcoming(since, 100_000, self.knowledge,
                                              self.subscriptions, SCHEDULE)
                if item.at <= until and self.channel_shard(item.channel) in shards}


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """Two guilds on each of three shards, one announcement channel in each."""
    server = FakeDiscord(shard_count=SHARD_COUNT)
    server.add_guild("Serveur 0", shard=0, channels=("annonces",))
    for shard in (1, 2):
        for name in (f"Serveur {shard}a", f"Serveur {shard}b"):
            server.add_guild(name, shard=shard, channels=("annonces",))
    await server.start()
    yield server
    await server.stop()
    assert server.unknown == []


async def subscribe_every_channel(store: Store, fake: FakeDiscord) -> list[Subscription]:
    channels = [str(fake.channel_id(name)) for name in fake.channels if name.startswith("annonces")]
    for channel in channels:
        await store.subscribe("discord", channel, ["daily_quote", "event_reminder"])
    return await store.subscriptions()


def check_logs(bots: Iterable[Bot], soak: Soak) -> None:
    """No process logged an error, and each posted only in the channels of its shards."""
    for bot in bots:
        text = bot.text()
        assert " ERROR " not in text and "Traceback" not in text, text
        shards = {int(ids) for ids in bot.shard_ids.split(",")}
        elsewhere = [key for key in bot.posted() if soak.shard_of_key(key) not in shards]
        assert elsewhere == [], f"{bot.log} (shards {bot.shard_ids}) posted outside them"


@pytest.fixture
async def postgresql(postgres: PostgresServer) -> AsyncIterator[str]:
    """The issue's configuration: every process on one PostgreSQL database. (Several
    processes on one SQLite file also hold the rule; `test_several_processes` runs both, and
    one soak keeps the suite's time reasonable.)"""
    url = await postgres.create_database()
    yield url
    await postgres.drop_database(url)


async def test_three_processes_thirty_days_kills_then_two_on_one_shard(
        fake: FakeDiscord, tmp_path: Path, postgresql: str) -> None:
    store = await open_store(postgresql)
    soak = Soak(fake, tmp_path, postgresql, store, load_knowledge(KNOWLEDGE_DIR),
                await subscribe_every_channel(store, fake))
    try:
        all_shards = range(SHARD_COUNT)

        await soak.start(*(str(shard) for shard in all_shards))
        end_one = START + PHASE_ONE
        await soak.run_until(end_one, all_shards, kill_every=KILL_EVERY)
        await soak.stop_all()
        phase_one = soak.expected(START, end_one, all_shards)
        assert len(phase_one) == 6 * (30 + 3)
        assert soak.claimed == phase_one
        assert [key for key, count in soak.posted.items() if count > 1] == []
        assert set(soak.posted) | soak.lost() == phase_one
        assert not set(soak.posted) & soak.lost()
        assert len(soak.kills) == 30 // KILL_EVERY
        for kill in soak.kills:  # one post at a time: a kill interrupts at most one
            assert len(kill.lost) == 1 if kill.rate_limited else len(kill.lost) <= 1, kill
        check_logs(soak.retired, soak)

        await soak.start("0", "0")
        await soak.run_until(end_one + PHASE_TWO, [0])
        await soak.stop_all()
        phase_two = soak.expected(end_one, end_one + PHASE_TWO, [0])
        assert len(phase_two) == 2 * 10
        assert soak.claimed == phase_one | phase_two
        assert [key for key, count in soak.posted.items() if count > 1] == []
        assert set(soak.posted) == (phase_one - soak.lost()) | phase_two
        check_logs(soak.retired[-2:], soak)
        print(f"\nsoak: {sum(soak.posted.values())} posted, lost to kills "
              f"{sorted(soak.lost())}, phase two by process "
              f"{[len(bot.posted()) for bot in soak.retired[-2:]]}")
    finally:
        await soak.kill_all()
        await store.close()
