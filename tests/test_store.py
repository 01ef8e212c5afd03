"""The store on each back end: persistence, rotations, subscriptions, unanswered questions
and their communities (the SQLite file's own failures are in test_store_sqlite_file.py)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from sbbot.chat import Announcement, Message
from sbbot.engine import Engine
from sbbot.store import SQLiteStore, Store, StoreError, Subscription, open_store
from sbbot.store.base import timestamp
from sbbot.store.queries import UNANSWERED_SCANNED, top_unanswered_sql
from sbbot.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from tests.stores import NOW


@pytest.fixture
def store(store_on_each_backend: Store) -> Store:
    """Every test of this module runs on both back ends."""
    return store_on_each_backend


async def reopen(database: Path | str) -> Store:
    return await open_store(database)


def announcement(key: str, channel: str = "c1") -> Announcement:
    return Announcement("daily_quote", "discord", channel, NOW, key, "« Bonjour »")


# Opening and schema ---------------------------------------------------------------------------


async def test_open_creates_folder_and_versioned_wal_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "sbbot.sqlite3"
    store = await open_store(path)
    await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_an_empty_file_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    sqlite3.connect(path).close()
    store = await open_store(path)
    await store.subscribe("matrix", "!room:example.org", ["daily_quote"])
    await store.close()
    store = await reopen(path)
    assert await store.subscriptions() == [
        Subscription("matrix", "!room:example.org", "daily_quote")]
    await store.close()


async def test_a_newer_schema_is_refused_not_downgraded(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=r"future\.sqlite3: schema version"):
        await open_store(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


# Rotation bags --------------------------------------------------------------------------------


async def draw(store: Store, items: list[str], count: int, seed: int = 0,
               channel: str = "c1") -> list[str]:
    rng = random.Random(seed)
    return [await store.next_in_rotation("discord", channel, "quotes", items, rng)
            for _ in range(count)]


@pytest.mark.parametrize("seed", range(8))
async def test_rotation_gives_every_item_before_repeating_and_never_twice_in_a_row(
    store: Store, seed: int
) -> None:
    items = ["a", "b", "c", "d"]
    drawn = await draw(store, items, 40, seed)
    for cycle in range(10):
        assert sorted(drawn[cycle * 4:(cycle + 1) * 4]) == items
    assert all(first != second for first, second in pairwise(drawn))


async def test_rotation_survives_a_restart(database: Path | str) -> None:
    items = ["a", "b", "c", "d", "e"]
    store = await open_store(database)
    before = await draw(store, items, 3)
    await store.close()
    store = await reopen(database)
    after = await draw(store, items, 2, seed=99)
    await store.close()
    assert sorted(before + after) == items


async def test_rotation_bags_are_per_channel(store: Store) -> None:
    items = ["a", "b", "c"]
    assert sorted(await draw(store, items, 3, channel="c1")) == items
    assert sorted(await draw(store, items, 3, channel="c2")) == items


async def test_rotation_follows_a_knowledge_reload(store: Store) -> None:
    first = await draw(store, ["a", "b", "c"], 2)
    # The reload removes the item not given yet and adds "d" and "e": only those two are due.
    rest = await draw(store, [*first, "d", "e"], 2, seed=3)
    assert sorted(rest) == ["d", "e"]


async def test_rotation_of_a_single_item_repeats_it(store: Store) -> None:
    assert await draw(store, ["only"], 3) == ["only"] * 3


async def test_rotation_of_nothing_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="empty"):
        await draw(store, [], 1)


# Unanswered questions -------------------------------------------------------------------------


async def test_frequent_unanswered_groups_wordings_and_counts(store: Store) -> None:
    asks = [
        ("Quel est le prix du Bitcoin ?", NOW - timedelta(days=1)),
        ("quel est le prix du bitcoin", NOW - timedelta(hours=5)),
        ("Quel est le PRIX du Bitcoin!!", NOW - timedelta(hours=1)),
        ("Qui a gagné le match ?", NOW - timedelta(hours=2)),
        ("Très vieille question", NOW - timedelta(days=30)),
    ]
    for text, at in asks:
        await store.record_unanswered("discord", "c1", text, at)
    top = await store.frequent_unanswered(NOW - timedelta(days=7), limit=10)
    assert [(question.text, question.count) for question in top] == [
        ("Quel est le PRIX du Bitcoin!!", 3),
        ("Qui a gagné le match ?", 1),
    ]
    assert top[0].last_asked == NOW - timedelta(hours=1)
    assert len(await store.frequent_unanswered(NOW - timedelta(days=7), limit=1)) == 1


async def test_unanswered_questions_keep_no_user_identifier(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "sbbot.sqlite3")
    await store.close()
    assert isinstance(store, SQLiteStore)
    with sqlite3.connect(store.path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(unanswered)")}
    assert columns == {"id", "platform", "community", "channel", "text", "normalized", "asked_at"}


async def test_unanswered_questions_are_forgotten_after_a_month(store: Store) -> None:
    await store.record_unanswered("discord", "c1", "Vieille question ?", NOW)
    await store.record_unanswered("discord", "c1", "Question récente ?", NOW + timedelta(days=31))
    since_ever = datetime(2000, 1, 1, tzinfo=UTC)
    assert [question.text for question in await store.frequent_unanswered(since_ever, 10)] == [
        "Question récente ?"]


async def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        await store.record_unanswered("discord", "c1", "?", datetime(2026, 1, 1))


# Subscriptions, announcement log, values ------------------------------------------------------


async def test_subscriptions_report_changes_and_persist(database: Path | str) -> None:
    store = await open_store(database)
    assert await store.subscribe("discord", "1", ["daily_quote", "event_reminder"]) == {
        "daily_quote", "event_reminder"}
    assert await store.subscribe("discord", "1", ["daily_quote"]) == frozenset()
    await store.subscribe("matrix", "!r:x", ["event_reminder"])
    assert await store.unsubscribe("discord", "1", ["daily_quote"]) == {"daily_quote"}
    assert await store.unsubscribe("discord", "1", ["daily_quote"]) == frozenset()
    await store.close()
    store = await reopen(database)
    assert await store.subscriptions() == [
        Subscription("discord", "1", "event_reminder"),
        Subscription("matrix", "!r:x", "event_reminder"),
    ]
    assert await store.subscriptions("matrix") == [
        Subscription("matrix", "!r:x", "event_reminder")]
    await store.close()


async def test_an_announcement_is_recorded_once_even_across_restarts(database: Path | str) -> None:
    store = await open_store(database)
    assert await store.record_sent(announcement("k1")) is True
    assert await store.record_sent(announcement("k1")) is False
    await store.close()
    store = await reopen(database)
    assert await store.record_sent(announcement("k1")) is False
    assert await store.record_sent(announcement("k2")) is True
    assert await store.sent_keys() == {"k1", "k2"}
    await store.close()


async def test_named_values_persist_and_can_be_deleted(database: Path | str) -> None:
    store = await open_store(database)
    assert await store.get_value("matrix.access_token") is None
    await store.set_value("matrix.access_token", "secret-1")
    await store.set_value("matrix.access_token", "secret-2")
    await store.set_value("matrix.device_id", "DEVICE")
    await store.close()
    store = await reopen(database)
    assert await store.get_value("matrix.access_token") == "secret-2"
    await store.set_value("matrix.access_token", None)
    assert await store.get_value("matrix.access_token") is None
    assert await store.get_value("matrix.device_id") == "DEVICE"
    await store.close()


# Unusable files -------------------------------------------------------------------------------


def member(text: str, platform: str, community: str, channel: str, *,
           admin: bool = False) -> Message:
    return Message(text, platform, channel, author="u1", is_admin=admin, community=community)


COMMUNITIES = [("discord", "111", "c-111"), ("discord", "222", "c-222"),
               ("matrix", "!a:example.org", "!a:example.org"),
               ("matrix", "!b:example.org", "!b:example.org")]


async def test_an_admin_sees_only_the_questions_of_their_own_community(engine: Engine) -> None:
    for number, (platform, community, channel) in enumerate(COMMUNITIES):
        for _ in range(2):
            await engine.handle(member(f"Le digicode du local {number} est-il 4521B ?",
                                       platform, community, channel))
    for number, (platform, community, channel) in enumerate(COMMUNITIES):
        reply = await engine.handle(member("!questions", platform, community, channel,
                                           admin=True))
        assert reply is not None and reply.kind == "command"
        assert f"local {number} est-il" in reply.text and "2 fois" in reply.text
        others = [other for other in range(len(COMMUNITIES)) if other != number]
        assert not any(f"local {other} " in reply.text for other in others), reply.text


async def test_old_rows_are_migrated_to_their_community(tmp_path: Path) -> None:
    """A version-1 file: Matrix and terminal questions know their community (the room, the
    terminal); Discord ones do not and are shown to no server."""
    path = tmp_path / "v1.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as raw:
        raw.executescript(MIGRATIONS[0])
        raw.executemany("INSERT INTO unanswered (platform, channel, text, normalized, asked_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                        [(platform, channel, f"question de {channel}", f"q {channel}",
                          timestamp(NOW)) for platform, channel in
                         [("matrix", "!a:example.org"), ("terminal", "terminal"),
                          ("discord", "c-111")]])
        raw.execute("INSERT INTO subscription VALUES ('discord', 'c-111', 'daily_quote')")
        raw.execute("PRAGMA user_version = 1")
        raw.commit()
    store = await open_store(path)
    since = NOW - timedelta(days=1)
    assert [q.text for q in await store.frequent_unanswered(since, 10, "!a:example.org")] == [
        "question de !a:example.org"]
    assert [q.text for q in await store.frequent_unanswered(since, 10, "terminal")] == [
        "question de terminal"]
    assert await store.frequent_unanswered(since, 10, "111") == []
    assert await store.subscriptions() == [Subscription("discord", "c-111", "daily_quote")]
    await store.close()


async def test_questions_read_an_index_range_and_a_bounded_number_of_rows(
        tmp_path: Path) -> None:
    store = await open_store(tmp_path / "sbbot.sqlite3")
    for number in range(30):
        await store.record_unanswered("discord", "c1", f"question {number % 7}",
                                      NOW - timedelta(minutes=number), community="111")
    assert isinstance(store, SQLiteStore)
    plan = " ".join(str(row[-1]) for row in await store._fetch(
        "EXPLAIN QUERY PLAN " + top_unanswered_sql(True),
        ("111", timestamp(NOW - timedelta(days=7)), UNANSWERED_SCANNED, 10)))
    assert "USING INDEX unanswered_by_community" in plan and "SCAN unanswered" not in plan
    top = await store.frequent_unanswered(NOW - timedelta(days=7), 3, "111")
    assert [(q.text, q.count) for q in top] == [("question 0", 5), ("question 1", 5),
                                                ("question 2", 4)]
    await store.close()
