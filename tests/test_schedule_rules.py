"""The scheduler's pure timing rules with an injected clock: local times across DST,
catch-up windows, quote order, reminder wording, and the preview's JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from sbbot.chat import Announcement
from sbbot.schedule_preview import announcement_json, localize
from sbbot.scheduler import (
    daily_quote_at,
    due,
    plan_quotes,
    reminder_at,
    send_due,
    upcoming,
)
from sbbot.store import DailyQuote, Subscription, open_store
from tests.scheduling import (
    PARIS,
    SCHEDULE,
    adapters_for,
    make_event,
    paris,
    posted,
    sample_knowledge,
    simulate,
    subscribed_store,
)

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
