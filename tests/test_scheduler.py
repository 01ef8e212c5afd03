"""The scheduler with an injected clock: timing rules, restarts, downtime, DST and a kill."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time as time_module
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sbbot.chat import Announcement, ChannelUnavailable
from sbbot.cli import main
from sbbot.engine import Engine
from sbbot.knowledge.model import Event, Knowledge, Passage, Post, Quote
from sbbot.schedule_preview import announcement_json, localize, preview_at
from sbbot.scheduler import (
    Schedule,
    daily_quote_at,
    due,
    plan_quotes,
    reminder_at,
    run_scheduler,
    send_due,
    upcoming,
)
from sbbot.store import DailyQuote, Store, Subscription, open_store

ROOT = Path(__file__).resolve().parent.parent
PARIS = ZoneInfo("Europe/Paris")
SCHEDULE = Schedule(PARIS, time(9, 0), timedelta(hours=3))
DEFAULT_REMINDERS = (timedelta(days=7), timedelta(days=1), timedelta(hours=1))


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def make_event(event_id: str, start: datetime,
               reminders: tuple[timedelta, ...] = DEFAULT_REMINDERS) -> Event:
    return Event(
        id=event_id, name=f"Matinée {event_id}", start=start, timezone="Europe/Paris",
        location="Genève", summary="Un petit déjeuner sur la digital workplace.",
        post="digital-workplace", price="participation gratuite",
        registration="Inscriptions en ligne", reminders=reminders,
    )


def sample_knowledge(events: Iterable[Event] = (), quote_count: int = 7) -> Knowledge:
    """A small knowledge snapshot with future events (the shipped ones are in 2014)."""
    post = Post("digital-workplace", "La digital workplace",
                (Passage("dw-intro", "La digital workplace s’invite à Genève."),))
    quotes = tuple(Quote(f"quote-{n}", f"Phrase numéro {n}", f"Auteur {n}", "fr",
                         "digital-workplace") for n in range(quote_count))
    return Knowledge(posts=(post,), quotes=quotes, reasons=(), events=tuple(events))


class Recorder:
    """An adapter that keeps what it is asked to post, with the (fake) time it was asked."""

    def __init__(self, platform: str, clock: list[datetime]) -> None:
        self.platform = platform
        self.clock = clock
        self.posted: list[tuple[datetime, Announcement]] = []
        self.unavailable: set[str] = set()

    async def run(self) -> None:
        """Nothing to connect to."""

    async def close(self) -> None:
        """Nothing to disconnect."""

    async def serves(self, channel: str) -> bool:
        return True

    async def announce(self, announcement: Announcement) -> None:
        if announcement.channel in self.unavailable:
            raise ChannelUnavailable(announcement.channel)
        self.posted.append((self.clock[0], announcement))


def adapters_for(clock: list[datetime], *platforms: str) -> dict[str, Recorder]:
    return {platform: Recorder(platform, clock) for platform in platforms}


def posted(adapters: dict[str, Recorder]) -> list[tuple[datetime, Announcement]]:
    return sorted((item for adapter in adapters.values() for item in adapter.posted),
                  key=lambda item: item[0])


async def subscribed_store(path: Path, subscriptions: Iterable[Subscription]) -> Store:
    store = await open_store(path)
    for subscription in subscriptions:
        await store.subscribe(subscription.platform, subscription.channel, [subscription.kind])
    return store


async def simulate(path: Path, knowledge: Knowledge, adapters: dict[str, Recorder],
                   clock: list[datetime], until: datetime, *, step: timedelta,
                   restart_every: timedelta | None = None) -> None:
    """Run passes every `step` until `until`, restarting (a new Store on the same file) every
    `restart_every`. The clock is a one-item list shared with the adapters."""
    store = await open_store(path)
    started = clock[0]
    try:
        while clock[0] < until:
            if restart_every is not None and clock[0] - started >= restart_every:
                await store.close()
                store = await open_store(path)
                started = clock[0]
            await send_due(store, knowledge, adapters, clock[0], SCHEDULE)
            clock[0] += step
    finally:
        await store.close()


# Pure timing rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "utc_hour"), [
    (date(2026, 3, 28), 8),   # winter time, UTC+1
    (date(2026, 3, 29), 7),   # spring forward at 02:00: summer time by 09:00, UTC+2
    (date(2026, 10, 25), 8),  # fall back at 03:00: winter time by 09:00, UTC+1
    (date(2026, 10, 24), 7),  # the last summer-time day
])
def test_daily_quote_is_at_nine_local_time(day: date, utc_hour: int) -> None:
    at = daily_quote_at(day, SCHEDULE)
    assert at == datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    assert at.astimezone(PARIS).time() == time(9, 0)


def test_quotes_cycle_through_all_before_repeating() -> None:
    quotes = sample_knowledge(quote_count=7).quotes
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(70)]
    ids = [choice.quote for choice in plan_quotes(days, quotes, ()).values()]
    for cycle in range(10):
        assert len(set(ids[cycle * 7:(cycle + 1) * 7])) == 7
    assert all(first != second for first, second in pairwise(ids))
    assert ids == [choice.quote for choice in plan_quotes(days, quotes[::-1], ()).values()], \
        "the order must not depend on the file order"


def assert_every_quote_before_a_repeat(given: list[DailyQuote],
                                       present: dict[date, set[str]]) -> None:
    """Within a cycle no quote comes twice; a new cycle starts only once every quote present
    that day was given in the cycle before; and never the same quote two days running."""
    cycles: dict[int, list[str]] = {}
    for choice in given:
        cycles.setdefault(choice.cycle, []).append(choice.quote)
    for quotes in cycles.values():
        assert len(quotes) == len(set(quotes)), quotes
    for before, after in pairwise(given):
        assert before.quote != after.quote
        if after.cycle != before.cycle:
            assert after.cycle == before.cycle + 1
            assert present[after.day] <= set(cycles[before.cycle]), after


async def test_quote_order_holds_across_restarts_and_reloads_that_add_or_remove_quotes(
        tmp_path: Path) -> None:
    """60 days, one pass a day, a new Store (a restart) every day; the knowledge gains two
    quotes on day 4, loses two on day 13 and gains one on day 30."""
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote")])).close()
    everything = sample_knowledge(quote_count=10).quotes
    versions = {0: everything[:6], 4: everything[:8], 13: everything[2:8], 30: everything[2:9]}
    given: list[DailyQuote] = []
    present: dict[date, set[str]] = {}
    quotes = versions[0]
    for number in range(60):
        quotes = versions.get(number, quotes)
        knowledge = replace(sample_knowledge(), quotes=quotes)
        moment = paris(2026, 1, 1, 9, 5) + timedelta(days=number)
        store = await open_store(path)
        [item] = await send_due(store, knowledge, adapters_for([moment], "discord"), moment,
                                SCHEDULE)
        [today] = [entry for entry in await store.daily_quotes() if entry.day == moment.date()]
        await store.close()
        assert today.quote == next(quote.id for quote in quotes if quote.text in item.text)
        given.append(today)
        present[today.day] = {quote.id for quote in quotes}
    assert_every_quote_before_a_repeat(given, present)
    assert {choice.quote for choice in given} == {quote.id for quote in everything[:9]}
    assert len({choice.cycle for choice in given}) >= 6


async def test_the_announcement_log_is_pruned_but_upcoming_reminders_stay_claimed(
        tmp_path: Path) -> None:
    event = make_event("geneve", paris(2026, 3, 30, 10, 0))
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote"),
                                         Subscription("discord", "c1", "event_reminder")])
           ).close()
    clock = [paris(2026, 3, 1, 0, 0)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge([event]), adapters, clock, paris(2026, 3, 25, 12, 0),
                   step=timedelta(hours=1))
    store = await open_store(path)
    keys = await store.sent_keys()
    await store.close()
    # The 7-day reminder (23 March) is older than the margin but its event is to come: kept,
    # or the next pass would post it again. Quotes older than 3 h + 2 days are forgotten.
    assert keys == {"event_reminder/geneve/20260330T0800Z/10080m/discord/c1",
                    "daily_quote/2026-03-23/discord/c1", "daily_quote/2026-03-24/discord/c1",
                    "daily_quote/2026-03-25/discord/c1"}
    assert len(posted(adapters)) == 25 + 1


def test_day_offsets_keep_the_local_time_across_dst_and_hours_are_real() -> None:
    event = make_event("apres-dst", paris(2026, 4, 2, 8, 30))
    assert reminder_at(event, timedelta(days=7)) == paris(2026, 3, 26, 8, 30)
    assert reminder_at(event, timedelta(hours=1)) == paris(2026, 4, 2, 7, 30)
    night = make_event("nuit", paris(2026, 3, 29, 3, 30))
    assert reminder_at(night, timedelta(hours=1)) == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


def test_daily_quote_catch_up_window() -> None:
    knowledge = sample_knowledge()
    subscriptions = [Subscription("discord", "c1", "daily_quote")]

    def quotes_at(moment: datetime) -> list[Announcement]:
        return due(moment, knowledge, subscriptions, set(), SCHEDULE)

    assert quotes_at(paris(2026, 5, 4, 8, 59)) == []
    assert len(quotes_at(paris(2026, 5, 4, 9, 0))) == 1
    assert len(quotes_at(paris(2026, 5, 4, 11, 59))) == 1
    assert quotes_at(paris(2026, 5, 4, 12, 0)) == [], "three hours late is stale"
    no_catch_up = replace(SCHEDULE, catch_up=timedelta(0))
    assert len(due(paris(2026, 5, 4, 9, 5), knowledge, subscriptions, set(), no_catch_up)) == 1
    assert due(paris(2026, 5, 4, 9, 30), knowledge, subscriptions, set(), no_catch_up) == []


def test_a_late_quote_time_is_caught_up_after_midnight() -> None:
    late = replace(SCHEDULE, daily_quote_time=time(23, 30))
    subscriptions = [Subscription("discord", "c1", "daily_quote")]
    found = due(paris(2026, 5, 5, 1, 0), sample_knowledge(), subscriptions, set(), late)
    assert [item.key for item in found] == ["daily_quote/2026-05-04/discord/c1"]


def test_already_sent_keys_are_never_due_again() -> None:
    subscriptions = [Subscription("discord", "c1", "daily_quote")]
    moment = paris(2026, 5, 4, 9, 0)
    first = due(moment, sample_knowledge(), subscriptions, set(), SCHEDULE)
    assert due(moment, sample_knowledge(), subscriptions, {first[0].key}, SCHEDULE) == []


def test_reminder_text_gives_the_event_details_in_french() -> None:
    event = make_event("geneve", paris(2026, 6, 12, 8, 30))
    subscriptions = [Subscription("matrix", "!salle:example.org", "event_reminder")]
    [reminder] = due(paris(2026, 6, 5, 8, 30), sample_knowledge([event]), subscriptions, set(),
                     SCHEDULE)
    assert reminder.text.startswith("Rappel : « Matinée geneve » a lieu dans 7 jours.")
    for detail in ("vendredi 12 juin 2026 à 08:30", "Où : Genève",
                   "Tarif : participation gratuite", "Inscription : Inscriptions en ligne",
                   "Source : « La digital workplace »"):
        assert detail in reminder.text
    assert reminder.event == "geneve"
    assert reminder.card is not None and ("Où", "Genève") in reminder.card.fields


@pytest.mark.parametrize(("before", "wording"), [
    (timedelta(days=1), "demain"),
    (timedelta(hours=1), "dans 1 heure"),
    (timedelta(minutes=25), "dans 25 minutes"),
    (timedelta(days=3, hours=2), "dans 3 jours"),
])
def test_reminder_says_how_far_the_event_is(before: timedelta, wording: str) -> None:
    start = paris(2026, 6, 12, 8, 30)
    event = make_event("geneve", start, reminders=(before,))
    subscriptions = [Subscription("discord", "c1", "event_reminder")]
    [reminder] = due(start - before, sample_knowledge([event]), subscriptions, set(), SCHEDULE)
    assert f"a lieu {wording}." in reminder.text


def test_no_reminder_once_the_event_has_started() -> None:
    start = paris(2026, 6, 12, 8, 30)
    subscriptions = [Subscription("discord", "c1", "event_reminder")]
    knowledge = sample_knowledge([make_event("geneve", start)])
    assert due(start, knowledge, subscriptions, set(), SCHEDULE) == []


def test_upcoming_lists_the_next_announcements_in_order() -> None:
    event = make_event("geneve", paris(2026, 6, 12, 8, 30))
    subscriptions = [Subscription("discord", "c1", "daily_quote"),
                     Subscription("discord", "c1", "event_reminder")]
    found = upcoming(paris(2026, 6, 10, 12, 0), 5, sample_knowledge([event]), subscriptions,
                     SCHEDULE)
    assert [(item.kind, item.at.astimezone(PARIS)) for item in found] == [
        ("event_reminder", paris(2026, 6, 11, 8, 30)),
        ("daily_quote", paris(2026, 6, 11, 9, 0)),
        ("event_reminder", paris(2026, 6, 12, 7, 30)),
        ("daily_quote", paris(2026, 6, 12, 9, 0)),
        ("daily_quote", paris(2026, 6, 13, 9, 0)),
    ]
    assert "a lieu demain." in found[0].text
    assert "a lieu dans 1 heure." in found[2].text


def test_json_has_exactly_the_documented_keys() -> None:
    subscriptions = [Subscription("terminal", "terminal", "daily_quote")]
    [item] = due(paris(2026, 3, 29, 9, 0), sample_knowledge(), subscriptions, set(), SCHEDULE)
    data = json.loads(announcement_json(item, PARIS))
    assert data == {"kind": "daily_quote", "platform": "terminal", "channel": "terminal",
                    "at": "2026-03-29T09:00:00+02:00", "event": None, "text": item.text}


def test_instants_without_offset_are_local() -> None:
    naive = datetime.fromisoformat("2026-10-25T09:00")
    assert localize(naive, PARIS) == datetime(2026, 10, 25, 8, tzinfo=UTC)
    aware = datetime.fromisoformat("2026-10-25T09:00+00:00")
    assert localize(aware, PARIS) == datetime(2026, 10, 25, 9, tzinfo=UTC)


# Through the store ----------------------------------------------------------------------------


async def test_thirty_days_with_restarts_post_each_thing_exactly_once(tmp_path: Path) -> None:
    # 30 days across the spring change, with an event before and one after it.
    events = [make_event("mars", paris(2026, 3, 20, 18, 0)),
              make_event("avril", paris(2026, 4, 2, 8, 30))]
    knowledge = sample_knowledge(events)
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [
        Subscription("discord", "c1", "daily_quote"),
        Subscription("discord", "c1", "event_reminder"),
        Subscription("matrix", "!salle:example.org", "event_reminder"),
        Subscription("terminal", "terminal", "daily_quote"),
    ])
    await store.close()
    clock = [paris(2026, 3, 10, 0, 0)]
    adapters = adapters_for(clock, "discord", "matrix", "terminal")
    await simulate(path, knowledge, adapters, clock, paris(2026, 4, 9, 0, 0),
                   step=timedelta(minutes=7), restart_every=timedelta(hours=5))

    everything = posted(adapters)
    for when, item in everything:
        assert timedelta(0) <= when - item.at < timedelta(minutes=7), item.key
    for platform, channel in [("discord", "c1"), ("terminal", "terminal")]:
        quotes = [(when.astimezone(PARIS).date(), item.text) for when, item in everything
                  if item.kind == "daily_quote" and item.channel == channel]
        assert [day for day, _ in quotes] == [date(2026, 3, 10) + timedelta(days=n)
                                              for n in range(30)], platform
        assert len({text for _, text in quotes[:7]}) == 7
    reminders = Counter((item.channel, item.event, item.at) for _, item in everything
                        if item.kind == "event_reminder")
    assert set(reminders.values()) == {1}
    expected = {(channel, event.id, reminder_at(event, offset))
                for channel in ("c1", "!salle:example.org") for event in events
                for offset in DEFAULT_REMINDERS}
    assert set(reminders) == expected


async def test_three_days_down_before_an_event_give_one_catch_up_not_three(
    tmp_path: Path
) -> None:
    start = paris(2026, 6, 12, 10, 0)
    event = make_event("geneve", start, reminders=(timedelta(days=3), timedelta(days=2),
                                                   timedelta(days=1)))
    knowledge = sample_knowledge([event])
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "event_reminder")])).close()
    clock = [start - timedelta(days=4)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, knowledge, adapters, clock, start - timedelta(days=3, hours=1),
                   step=timedelta(minutes=10))
    clock[0] = start - timedelta(hours=20)  # back after three days: all three missed
    await simulate(path, knowledge, adapters, clock, start + timedelta(days=1),
                   step=timedelta(minutes=10))
    [(when, reminder)] = posted(adapters)
    assert when == start - timedelta(hours=20)
    assert reminder.at == reminder_at(event, timedelta(days=1))
    assert "a lieu demain." in reminder.text


async def test_downtime_with_default_reminders_sends_only_the_latest(tmp_path: Path) -> None:
    start = paris(2026, 6, 12, 10, 0)
    knowledge = sample_knowledge([make_event("geneve", start)])
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "event_reminder"),
                                         Subscription("discord", "c1", "daily_quote")])).close()
    clock = [start - timedelta(days=8)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, knowledge, adapters, clock, start - timedelta(days=3),
                   step=timedelta(minutes=10))
    clock[0] = start - timedelta(minutes=30)  # down for three days, through 1 d and 1 h
    await simulate(path, knowledge, adapters, clock, start + timedelta(hours=2),
                   step=timedelta(minutes=10))
    reminders = [item for _, item in posted(adapters) if item.kind == "event_reminder"]
    assert [item.at for item in reminders] == [reminder_at(knowledge.events[0], offset)
                                               for offset in (timedelta(days=7),
                                                              timedelta(hours=1))]
    assert "a lieu dans 30 minutes." in reminders[1].text
    quote_days = [when.astimezone(PARIS).date() for when, item in posted(adapters)
                  if item.kind == "daily_quote"]
    assert quote_days == [*(date(2026, 6, 4) + timedelta(days=n) for n in range(6)),
                          date(2026, 6, 12)], "none for the days spent down; today's is caught up"


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
async def test_quote_goes_out_at_nine_local_on_dst_days(tmp_path: Path, day: date) -> None:
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote")])).close()
    clock = [datetime.combine(day, time(0, 0), tzinfo=PARIS)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock,
                   datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=PARIS),
                   step=timedelta(minutes=1))
    [(when, _)] = posted(adapters)
    assert when.astimezone(PARIS).time() == time(9, 0)
    assert when.astimezone(PARIS).date() == day


async def test_unavailable_channel_is_skipped_once_and_others_still_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("discord", "gone", "daily_quote"),
                                          Subscription("discord", "c1", "daily_quote")])
    clock = [paris(2026, 5, 4, 9, 0)]
    adapters = adapters_for(clock, "discord")
    adapters["discord"].unavailable.add("gone")
    for _ in range(3):
        await send_due(store, sample_knowledge(), adapters, clock[0], SCHEDULE)
        clock[0] += timedelta(minutes=1)
    await store.close()
    assert [item.channel for _, item in posted(adapters)] == ["c1"]
    assert sum("channel unavailable" in record.message for record in caplog.records) == 1


async def test_platforms_not_running_keep_their_announcements(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("matrix", "!r:x", "daily_quote")])
    clock = [paris(2026, 5, 4, 9, 0)]
    assert await send_due(store, sample_knowledge(), {}, clock[0], SCHEDULE) == []
    matrix = adapters_for(clock, "matrix")
    clock[0] = paris(2026, 5, 4, 10, 0)
    assert len(await send_due(store, sample_knowledge(), matrix, clock[0], SCHEDULE)) == 1
    await store.close()


async def test_preview_sends_and_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("terminal", "terminal", "daily_quote")])
    moment = paris(2026, 5, 4, 9, 30)
    first = await preview_at(store, sample_knowledge(), SCHEDULE, moment)
    assert first == await preview_at(store, sample_knowledge(), SCHEDULE, moment)
    assert len(first) == 1 and await store.sent_keys() == frozenset()
    await store.close()


# Crashes --------------------------------------------------------------------------------------

KILLED_CHILD = """
import asyncio, os, signal, sys
from pathlib import Path
from sbbot.scheduler import send_due
from sbbot.store import open_store
from tests.test_scheduler import SCHEDULE, paris, sample_knowledge

class KilledWhilePosting:
    platform = "discord"
    async def run(self): pass
    async def close(self): pass
    async def serves(self, channel): return True
    async def announce(self, announcement):
        print(announcement.key, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

async def main():
    store = await open_store(Path(sys.argv[1]))
    await send_due(store, sample_knowledge(), {"discord": KilledWhilePosting()},
                   paris(2026, 5, 4, 9, 0), SCHEDULE)

asyncio.run(main())
"""


async def test_a_process_killed_while_posting_never_posts_twice(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote"),
                                         Subscription("discord", "c2", "daily_quote")])).close()
    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, str(path)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},
        timeout=60, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    [killed_key] = child.stdout.split()

    clock = [paris(2026, 5, 4, 9, 1)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock, paris(2026, 5, 5, 9, 5),
                   step=timedelta(minutes=1), restart_every=timedelta(hours=1))
    keys = [item.key for _, item in posted(adapters)]
    assert killed_key not in keys, "at most once: the interrupted post is not repeated"
    assert keys == [
        "daily_quote/2026-05-04/discord/c2" if killed_key.endswith("c1")
        else "daily_quote/2026-05-04/discord/c1",
        "daily_quote/2026-05-05/discord/c1",
        "daily_quote/2026-05-05/discord/c2",
    ]


async def test_a_process_killed_after_deciding_but_before_recording_posts_once(
    tmp_path: Path
) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("discord", "c1", "daily_quote")])
    moment = paris(2026, 5, 4, 9, 0)
    decided = due(moment, sample_knowledge(), await store.subscriptions(),
                  await store.sent_keys(), SCHEDULE)
    assert len(decided) == 1
    await store.close()  # the process dies here: nothing recorded, nothing posted
    clock = [moment + timedelta(minutes=2)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock, moment + timedelta(hours=4),
                   step=timedelta(minutes=1), restart_every=timedelta(minutes=30))
    assert [item.key for _, item in posted(adapters)] == [decided[0].key]


# The loop -------------------------------------------------------------------------------------


class Exploding(Recorder):
    """Fails on every post, then stops the loop after a few passes."""

    def __init__(self, clock: list[datetime], stop: asyncio.Event) -> None:
        super().__init__("terminal", clock)
        self.stop = stop
        self.calls = 0

    async def announce(self, announcement: Announcement) -> None:
        self.calls += 1
        raise RuntimeError("network down")


async def test_the_loop_survives_adapter_errors_and_stops_on_request(engine: Engine) -> None:
    await engine.store.subscribe("terminal", "terminal", ["daily_quote"])
    stop = asyncio.Event()
    clock = [engine.clock()]
    adapter = Exploding(clock, stop)

    async def stop_soon() -> None:
        while adapter.calls == 0:
            await asyncio.sleep(0)
        stop.set()

    stopper = asyncio.create_task(stop_soon())
    await asyncio.wait_for(run_scheduler(engine, {"terminal": adapter}, SCHEDULE, stop=stop,
                                         interval=0), timeout=10)
    await stopper
    assert adapter.calls == 1, "the failed post is recorded, never retried"
    assert len(await engine.store.sent_keys()) == 1


# `sbbot schedule` -----------------------------------------------------------------------------


def test_sbbot_schedule_is_a_dry_run_showing_the_terminal_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SBBOT_DATABASE", str(tmp_path / "sbbot.sqlite3"))
    monkeypatch.setenv("SBBOT_KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    monkeypatch.setenv("SBBOT_TIMEZONE", "Europe/Paris")
    assert main(["ask", "!abonner tout"]) == 0
    capsys.readouterr()

    # The shipped event starts 2014-04-04 08:30 in Geneva: its 7-day reminder is due then.
    runs = []
    for _ in range(2):
        assert main(["schedule", "--at", "2014-03-28T08:30", "--json"]) == 0
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1], "a dry run records nothing"
    [line] = runs[0].splitlines()
    data = json.loads(line)
    assert list(data) == ["kind", "platform", "channel", "at", "event", "text"]
    assert data["kind"] == "event_reminder"
    assert (data["platform"], data["channel"]) == ("terminal", "terminal")
    assert data["at"] == "2014-03-28T08:30:00+01:00"
    assert data["event"] == "matinee-entreprise-de-demain-2014"
    assert data["text"].startswith("Rappel : « Matinée de l’entreprise de demain » a lieu "
                                   "dans 7 jours.")

    assert main(["schedule", "--next", "3", "--json"]) == 0
    upcoming_lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [item["kind"] for item in upcoming_lines] == ["daily_quote"] * 3
    assert all(item["at"].endswith("T09:00:00+01:00") or item["at"].endswith("T09:00:00+02:00")
               for item in upcoming_lines)

    assert main(["schedule", "--at", "2014-03-28T08:30"]) == 0
    assert "event_reminder\nRappel : « Matinée" in capsys.readouterr().out


# Shutdown -------------------------------------------------------------------------------------


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A homeserver that accepts connections and never answers: the adapter never connects,
    so a due announcement waits for it."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def claimed_keys(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as raw:
        try:
            return [row[0] for row in raw.execute("SELECT key FROM announcement")]
        except sqlite3.OperationalError:  # not created yet
            return []


async def test_sigterm_during_a_pending_announcement_stops_within_seconds(
        tmp_path: Path, black_hole: str) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await open_store(path)
    await store.subscribe("matrix", "!salle:example.org", ["daily_quote"])
    await store.close()
    quote_time = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%H:%M")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SBBOT_DATABASE": str(path),
           "SBBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"), "SBBOT_TIMEZONE": "UTC",
           "SBBOT_DAILY_QUOTE_TIME": quote_time, "MATRIX_HOMESERVER": black_hole,
           "MATRIX_USER_ID": "@sbbot:example.org", "MATRIX_ACCESS_TOKEN": "syt_not_checked"}
    child = subprocess.Popen([sys.executable, "-m", "sbbot", "run"], env=env, cwd=tmp_path,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time_module.monotonic() + 30
        while not claimed_keys(path) and time_module.monotonic() < deadline:
            assert child.poll() is None, child.communicate()
            await asyncio.sleep(0.1)
        [key] = claimed_keys(path)
        assert key.startswith("daily_quote/") and key.endswith("/matrix/!salle:example.org")
        await asyncio.sleep(0.5)  # the pass is now waiting on the adapter
        child.send_signal(signal.SIGTERM)
        stopped = time_module.monotonic()
        _, stderr = child.communicate(timeout=30)
        took = time_module.monotonic() - stopped
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert took < 5, f"took {took:.1f} s to stop"
    assert child.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert claimed_keys(path) == [key], "the abandoned announcement stays claimed"
