"""The daily quote and event reminders: what is due, and a small loop that posts it.

`due` is a pure function of (now, knowledge, subscriptions, keys already sent), so every
timing rule (catch-up after downtime, daylight-saving days) is tested without a clock or a
chat server. `send_due` runs one pass against the store and the adapters; `run_scheduler`
repeats it until asked to stop.

Delivery is **at most once**. Each announcement has a unique key; `send_due` records the key
in the store (committed) *before* handing the announcement to the adapter, and posts only if
that record was new. A process killed between the two loses that one announcement; it can
never post it twice, whatever the moment of the kill. At-least-once (post, then record) would
instead repeat the post after a kill between posting and recording. For a community channel a
missed daily quote is harmless and a missed reminder is partly covered by the next one
(7 days, 1 day, 1 hour), while a duplicate is visible noise to every member and looks broken.
An adapter error after the record (network, permissions) is logged and not retried for the
same reason: the post may have gone through before the error.

The daily quote of a day is the same in every channel. Quotes go in a fixed order (a hash
of each id, so the order does not depend on the files and a new quote does not reshuffle the
others) and every quote comes once before any comes back, across restarts and reloads that
add or remove quotes: each day's choice is kept in the store with its cycle (`DailyQuote`),
and the next day takes the first quote, in that order, not yet given in the current cycle.

The announcement log is pruned: a claim is kept until its announcement can no longer be due
(the catch-up window for a quote, the event's start for a reminder) plus `PRUNE_MARGIN`.

If the database was lost under the running bot (see `Store.check`), announcements are held
until an admin confirms with `!abonner`: a new or restored database does not know what was
already posted, and posting it again is the one thing at-most-once forbids.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sbbot.chat import Announcement, Announcer, Card, ChannelUnavailable
from sbbot.entries import french_date, render_quote
from sbbot.knowledge.model import Event, Knowledge, Quote
from sbbot.store import DailyQuote, Store, StoreError, Subscription
from sbbot.store.queries import HELD

if TYPE_CHECKING:
    from sbbot.config import Settings
    from sbbot.engine import Engine
    from sbbot.metrics import Metrics

log = logging.getLogger(__name__)

ON_TIME = timedelta(minutes=10)
"""A daily quote is always due for this long after its time, even with no catch-up: a poll
that comes a little late (a slow pass, a suspended laptop) is not downtime."""

ANNOUNCE_TIMEOUT = 300.0
"""Seconds an adapter gets to post one announcement before the loop moves on. Adapters wait
until they are connected before posting, and the first pass runs at start-up: the bound must
leave room for a slow login, since an announcement that times out is not retried."""

QUOTE_ORDER_SEED = "sbbot daily quote"

PASS_INTERVAL = 30.0
"""Seconds between two passes of the loop; far below every due window (`ON_TIME`, at least
ten minutes), so a pass never misses one."""

PRUNE_MARGIN = timedelta(days=2)
"""Claims are kept this long after their announcement can no longer be due: room for a
clock that jumps back and for `sbbot schedule --at` a little in the past."""


@dataclass(frozen=True)
class Schedule:
    """When announcements go out: the settings the scheduler needs, and nothing else."""

    timezone: ZoneInfo
    daily_quote_time: time
    catch_up: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> Schedule:
        return cls(settings.timezone, settings.daily_quote_time,
                   timedelta(hours=settings.catch_up_hours))


# Timing ---------------------------------------------------------------------------------------


def daily_quote_at(day: date, schedule: Schedule) -> datetime:
    """The instant (UTC) of the daily quote on a local calendar day.

    Built from the local wall-clock time, so it is 09:00 local on both daylight-saving days.
    A time that does not exist that day (inside the spring gap) falls just after the gap; a
    time that happens twice (autumn) is taken the first time.
    """
    local = datetime.combine(day, schedule.daily_quote_time, tzinfo=schedule.timezone)
    return local.astimezone(UTC)


def reminder_at(event: Event, offset: timedelta) -> datetime:
    """The instant (UTC) of a reminder `offset` before the event.

    Whole days are counted on the event's calendar ("7 days before" an 08:30 event is 08:30
    local, even across a daylight-saving change); shorter offsets are real durations.
    """
    if offset % timedelta(days=1) == timedelta(0):
        return (event.start - offset).astimezone(UTC)
    return event.start.astimezone(UTC) - offset


def quote_order(quotes: Iterable[Quote]) -> list[Quote]:
    """A fixed order that depends on each id alone: a quote added or removed leaves the
    others' relative order unchanged."""
    return sorted(quotes, key=lambda quote: hashlib.sha256(
        f"{QUOTE_ORDER_SEED}/{quote.id}".encode()).digest())


def next_daily_quote(day: date, order: Sequence[Quote],
                     history: Sequence[DailyQuote]) -> DailyQuote:
    """The choice for `day` after the days in `history` (oldest first): the first quote not
    given in the current cycle; once all were given, a new cycle that does not start with
    the quote given last."""
    previous = [entry for entry in history if entry.day < day]
    cycle = max((entry.cycle for entry in previous), default=0)
    given = {entry.quote for entry in previous if entry.cycle == cycle}
    remaining = [quote for quote in order if quote.id not in given]
    if not remaining:
        cycle += 1
        last = previous[-1].quote if previous else None
        remaining = [quote for quote in order if quote.id != last] or list(order)
    return DailyQuote(day, remaining[0].id, cycle)


def plan_quotes(days: Iterable[date], quotes: Sequence[Quote],
                history: Sequence[DailyQuote]) -> dict[date, DailyQuote]:
    """The quote of each day, continuing `history`; a day already in it keeps its quote
    while that quote still exists."""
    order = quote_order(quotes)
    known = {quote.id for quote in quotes}
    timeline = sorted(history, key=lambda entry: entry.day)
    kept = {entry.day: entry for entry in timeline if entry.quote in known}
    plan: dict[date, DailyQuote] = {}
    for day in sorted(days):
        choice = kept.get(day) or next_daily_quote(day, order, timeline)
        plan[day] = choice
        if day not in kept:
            timeline = sorted([*(entry for entry in timeline if entry.day != day), choice],
                              key=lambda entry: entry.day)
            kept[day] = choice
    return plan


# Texts ----------------------------------------------------------------------------------------


def time_until(start: datetime, moment: datetime) -> str:
    """'dans 7 jours', 'demain', 'dans 1 heure': how far the event is, in French."""
    remaining = start - moment
    if remaining < timedelta(hours=12):
        minutes = max(1, round(remaining / timedelta(minutes=1)))
        if minutes < 60:
            return f"dans {minutes} minute" + ("s" if minutes > 1 else "")
        hours = round(minutes / 60)
        return f"dans {hours} heure" + ("s" if hours > 1 else "")
    days = (start.date() - moment.astimezone(start.tzinfo).date()).days
    return {0: "aujourd’hui", 1: "demain"}.get(days, f"dans {days} jours")


def source_line(knowledge: Knowledge, post: str) -> str:
    return f"Source : « {knowledge.post(post).title} »"


def quote_text(knowledge: Knowledge, quote: Quote) -> tuple[str, Card]:
    footer = source_line(knowledge, quote.post)
    body = render_quote(quote)
    return f"Citation du jour :\n{body}\n\n{footer}", Card("Citation du jour", body, footer)


def reminder_text(knowledge: Knowledge, event: Event, moment: datetime) -> tuple[str, Card]:
    when = f"{french_date(event.start)} ({event.timezone})"
    details = (("Quand", when), ("Où", event.location), ("Tarif", event.price or ""),
               ("Inscription", event.registration or ""))
    fields = tuple((label, value) for label, value in details if value)
    footer = source_line(knowledge, event.post)
    lines = [f"Rappel : « {event.name} » a lieu {time_until(event.start, moment)}.",
             event.summary, *(f"{label} : {value}" for label, value in fields), "", footer]
    title = f"Rappel : {event.name}"
    return "\n".join(lines), Card(title, event.summary, footer, fields)


# Announcements --------------------------------------------------------------------------------


def daily_quote(knowledge: Knowledge, subscription: Subscription, choice: DailyQuote,
                at: datetime) -> Announcement:
    day = choice.day
    quote = next(quote for quote in knowledge.quotes if quote.id == choice.quote)
    text, card = quote_text(knowledge, quote)
    key = f"daily_quote/{day.isoformat()}/{subscription.platform}/{subscription.channel}"
    return Announcement("daily_quote", subscription.platform, subscription.channel, at, key,
                        text, None, card)


def event_reminder(knowledge: Knowledge, subscription: Subscription, event: Event,
                   offset: timedelta, moment: datetime) -> Announcement:
    """The reminder, worded for `moment`, the time it is (or would be) posted.

    The key carries the event's start, so a postponed event is reminded again.
    """
    start = event.start.astimezone(UTC)
    minutes = int(offset / timedelta(minutes=1))
    key = (f"event_reminder/{event.id}/{start:%Y%m%dT%H%MZ}/{minutes}m/"
           f"{subscription.platform}/{subscription.channel}")
    text, card = reminder_text(knowledge, event, moment)
    return Announcement("event_reminder", subscription.platform, subscription.channel,
                        reminder_at(event, offset), key, text, event.id, card)


def of_kind(subscriptions: Iterable[Subscription], kind: str) -> list[Subscription]:
    return [subscription for subscription in subscriptions if subscription.kind == kind]


def due(now: datetime, knowledge: Knowledge, subscriptions: Iterable[Subscription],
        sent: Container[str], schedule: Schedule,
        history: Sequence[DailyQuote] = ()) -> list[Announcement]:
    """Everything to post at `now` that has not been sent, oldest first.

    A daily quote is due from its time until `catch_up` (at least `ON_TIME`) later; after
    that it is stale and skipped. For an event that has not started, only its most recent
    reminder whose time has passed is due: after downtime, one catch-up, not a burst.
    Nothing due before a subscription's `since` is posted to it.
    """
    subscriptions = list(subscriptions)
    found = [
        *due_quotes(now, knowledge, of_kind(subscriptions, "daily_quote"), schedule, history),
        *due_reminders(now, knowledge, of_kind(subscriptions, "event_reminder")),
    ]
    since: dict[tuple[str, str, str], datetime | None] = {
        (sub.platform, sub.channel, sub.kind): sub.since for sub in subscriptions}
    return sorted((item for item in found if item.key not in sent
                   and not too_early(item, since.get((item.platform, item.channel, item.kind)))),
                  key=order)


def too_early(announcement: Announcement, since: datetime | None) -> bool:
    return since is not None and announcement.at < since


def quote_days(now: datetime, schedule: Schedule) -> list[tuple[date, datetime]]:
    """The days whose daily quote is due at `now`, with its instant."""
    window = max(schedule.catch_up, ON_TIME)
    first = (now - window).astimezone(schedule.timezone).date()
    last = now.astimezone(schedule.timezone).date()
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [(day, at) for day in days
            if (at := daily_quote_at(day, schedule)) <= now < at + window]


def due_quotes(now: datetime, knowledge: Knowledge, subscriptions: list[Subscription],
               schedule: Schedule, history: Sequence[DailyQuote]) -> list[Announcement]:
    if not subscriptions or not knowledge.quotes:
        return []
    days = quote_days(now, schedule)
    plan = plan_quotes((day for day, _ in days), knowledge.quotes, history)
    return [daily_quote(knowledge, subscription, plan[day], at)
            for day, at in days for subscription in subscriptions]


def due_reminders(now: datetime, knowledge: Knowledge,
                  subscriptions: list[Subscription]) -> list[Announcement]:
    found: list[Announcement] = []
    for event in knowledge.events:
        passed = [offset for offset in event.reminders if reminder_at(event, offset) <= now]
        if event.start <= now or not passed or not subscriptions:
            continue
        latest = max(passed, key=lambda offset: reminder_at(event, offset))
        found.extend(event_reminder(knowledge, subscription, event, latest, now)
                     for subscription in subscriptions)
    return found


def upcoming(now: datetime, count: int, knowledge: Knowledge,
             subscriptions: Iterable[Subscription], schedule: Schedule,
             history: Sequence[DailyQuote] = ()) -> list[Announcement]:
    """The next `count` announcements strictly after `now`, as they would be worded then."""
    subscriptions = list(subscriptions)
    quote_subscriptions = of_kind(subscriptions, "daily_quote")
    reminder_subscriptions = of_kind(subscriptions, "event_reminder")
    found: list[Announcement] = []
    if quote_subscriptions and knowledge.quotes:
        today = now.astimezone(schedule.timezone).date()
        days = [today + timedelta(days=n) for n in range(count // len(quote_subscriptions) + 2)]
        plan = plan_quotes(days, knowledge.quotes, history)
        for day in days:
            at = daily_quote_at(day, schedule)
            if at > now:
                found.extend(daily_quote(knowledge, subscription, plan[day], at)
                             for subscription in quote_subscriptions)
    for event in knowledge.events:
        for offset in event.reminders:
            at = reminder_at(event, offset)
            if now < at < event.start:
                found.extend(event_reminder(knowledge, subscription, event, offset, at)
                             for subscription in reminder_subscriptions)
    return sorted(found, key=order)[:count]


def order(announcement: Announcement) -> tuple[datetime, str, str, str]:
    return (announcement.at, announcement.kind, announcement.platform, announcement.channel)


def keep_until(announcement: Announcement, knowledge: Knowledge,
               schedule: Schedule) -> datetime:
    """Until when the claim on an announcement matters: after that it can never be due
    again, so forgetting it cannot cause a repeat."""
    if announcement.kind == "daily_quote":
        return announcement.at + max(schedule.catch_up, ON_TIME)
    event = next((event for event in knowledge.events if event.id == announcement.event), None)
    return announcement.at if event is None else max(announcement.at, event.start)


# The loop -------------------------------------------------------------------------------------


async def send_due(store: Store, knowledge: Knowledge, adapters: Mapping[str, Announcer],
                   now: datetime, schedule: Schedule,
                   metrics: Metrics | None = None) -> list[Announcement]:
    """One pass: record then post each due announcement; returns those posted.

    Subscriptions of platforms that are not running are left alone (not recorded), so they
    are served when that platform runs again, within the usual catch-up rules; likewise the
    channels an adapter does not serve (another process's Discord shards) are left to the
    process that does.
    """
    if await store.get_value(HELD) is not None:
        return []
    await store.prune_sent(now - max(schedule.catch_up, ON_TIME) - PRUNE_MARGIN)
    subscriptions = [sub for sub in await store.subscriptions() if sub.platform in adapters]
    history = await store.daily_quotes()
    if of_kind(subscriptions, "daily_quote") and knowledge.quotes:
        plan = plan_quotes((day for day, _ in quote_days(now, schedule)), knowledge.quotes,
                           history)
        for choice in plan.values():
            await store.record_daily_quote(choice)
        history = await store.daily_quotes()
    posted: list[Announcement] = []
    for announcement in due(now, knowledge, subscriptions, await store.sent_keys(), schedule,
                            history):
        adapter = adapters[announcement.platform]
        if not await adapter.serves(announcement.channel):
            continue
        if not await store.record_sent(announcement,
                                       keep_until(announcement, knowledge, schedule)):
            continue
        try:
            await asyncio.wait_for(adapter.announce(announcement), ANNOUNCE_TIMEOUT)
        except ChannelUnavailable as error:
            log.warning("%s %s: channel unavailable, %s skipped: %s", announcement.platform,
                        announcement.channel, announcement.key, error)
            result = "skipped"
        except Exception:
            log.exception("%s %s: could not post %s", announcement.platform,
                          announcement.channel, announcement.key)
            result = "failed"
        else:
            log.info("posted %s", announcement.key)
            posted.append(announcement)
            result = "sent"
        if metrics is not None:
            metrics.announcements.labels(result).inc()
    return posted


async def run_scheduler(engine: Engine, adapters: Mapping[str, Announcer], schedule: Schedule,
                        *, stop: asyncio.Event, interval: float = PASS_INTERVAL) -> None:
    """Post what falls due every `interval` seconds until `stop` is set.

    Nothing a pass raises stops the loop: a locked database or a failing adapter is logged
    and the next pass tries again (the announcement log prevents any repeat). The loop is
    cancelled, not awaited, at shutdown: a pending post is abandoned with its key claimed.
    """
    while not stop.is_set():
        try:
            await engine.store.check()
            await send_due(engine.store, engine.knowledge, adapters, engine.clock(), schedule,
                           engine.metrics)
        except StoreError as error:
            log.error("scheduler: %s", error)
        except Exception:
            log.exception("scheduler pass failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
