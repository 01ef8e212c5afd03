"""Knowledge, adapters and a store for scheduler tests: sample events and quotes in Paris
time, and adapters that record what they were asked to post (and when, by the test's clock)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sbbot.chat import Announcement, ChannelUnavailable
from sbbot.knowledge.model import Event, Knowledge, Passage, Post, Quote
from sbbot.scheduler import (
    Schedule,
    send_due,
)
from sbbot.store import Store, Subscription, open_store

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
