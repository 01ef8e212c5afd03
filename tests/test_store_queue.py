"""Unanswered questions are written in batches off the answer path (`sbbot.store.pending`), on
both back ends: seen by another process within about a second, written at a normal stop,
kept while the database cannot be written, bounded while it stays so."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sbbot.store import Store, StoreError, open_store
from sbbot.store.pending import FLUSH_EVERY, UnansweredQueue, UnansweredRow
from tests.stores import NOW

SINCE = NOW - timedelta(days=1)


@pytest.fixture
def store(store_on_each_backend: Store) -> Store:
    """Every test of this module runs on both back ends."""
    return store_on_each_backend


@pytest.fixture
async def two(database: Path | str) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one database, as two bot processes would have."""
    first, second = await open_store(database), await open_store(database)
    yield first, second
    await first.close()
    await second.close()


async def texts(store: Store) -> list[str]:
    return sorted(question.text for question in await store.frequent_unanswered(SINCE, 50))


async def test_another_process_sees_a_question_within_a_tick(
        two: tuple[Store, Store]) -> None:
    asking, other = two
    await asking.record_unanswered("discord", "c1", "Question en attente ?", NOW, "g1")
    assert await texts(other) == [], "written on the answer path"
    started = time.monotonic()
    while not await texts(other):
        assert time.monotonic() - started < FLUSH_EVERY + 2, "never written"
        await asyncio.sleep(0.05)
    assert time.monotonic() - started > FLUSH_EVERY / 2
    assert await texts(asking) == ["Question en attente ?"]


async def test_a_process_sees_its_own_questions_at_once(store: Store) -> None:
    for number in range(3):
        await store.record_unanswered("discord", "c1", f"Question {number} ?", NOW)
    assert await texts(store) == ["Question 0 ?", "Question 1 ?", "Question 2 ?"]


async def test_a_normal_stop_writes_the_queue(database: Path | str) -> None:
    store = await open_store(database)
    for number in range(250):
        await store.record_unanswered("matrix", "!room", f"Question {number % 5} ?", NOW)
    await store.close()
    reopened = await open_store(database)
    found = await reopened.frequent_unanswered(SINCE, 10)
    await reopened.close()
    assert sorted((question.text, question.count) for question in found) == [
        (f"Question {number} ?", 50) for number in range(5)]


async def test_questions_wait_while_writes_fail_and_the_oldest_go_past_the_bound(
        store: Store) -> None:
    """A write that fails keeps its rows for the next one; past the bound, the oldest are
    dropped and counted; every outcome reaches the listener."""
    failing = [True]
    outcomes: list[str | None] = []

    async def write(rows: list[UnansweredRow]) -> None:
        if failing[0]:
            raise StoreError("the database is away")
        await store._write_unanswered(rows)  # type: ignore[attr-defined]

    queue = UnansweredQueue(write, every=3600, limit=4)
    queue.listener = lambda error: outcomes.append(None if error is None else str(error))
    at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for number in range(3):
        queue.add(UnansweredRow("discord", "g1", "c1", f"Q{number} ?", at))
    with pytest.raises(StoreError):
        await queue.flush()
    for number in range(3, 6):
        queue.add(UnansweredRow("discord", "g1", "c1", f"Q{number} ?", at))
    assert len(queue) == 4 and queue.dropped == 2
    failing[0] = False
    await queue.close()
    assert len(queue) == 0
    assert outcomes == ["the database is away", None]
    assert await texts(store) == ["Q2 ?", "Q3 ?", "Q4 ?", "Q5 ?"]


@pytest.mark.parametrize("steps", range(1, 9))
async def test_a_write_cancelled_midway_leaves_the_store_usable(store: Store, steps: int) -> None:
    """A stop or a timeout can cancel a write at any await of its transaction (its BEGIN, a
    statement, its COMMIT): the next write must still work, not find a transaction left open
    ("cannot start a transaction within a transaction")."""
    write = asyncio.create_task(store.set_value("first", "written or not"))
    for _ in range(steps):
        await asyncio.sleep(0)
    write.cancel()
    await asyncio.gather(write, return_exceptions=True)
    await store.set_value("second", "written")
    assert await store.get_value("second") == "written"
    assert await store.get_value("first") in (None, "written or not")


@pytest.mark.parametrize("steps", range(0, 12))
async def test_a_stop_during_a_background_write_records_each_question_once(
        store: Store, steps: int) -> None:
    """Closing the queue while its task is writing lets that write finish instead of
    cancelling it half-way, then writes the rest: no question lost or written twice."""
    outcomes: list[str | None] = []
    queue = UnansweredQueue(store._write_unanswered, every=0)  # type: ignore[attr-defined]
    queue.listener = lambda error: outcomes.append(None if error is None else str(error))
    for number in range(3):
        queue.add(UnansweredRow("discord", "g1", "c1", f"Q{number} ?", NOW))
    for _ in range(steps):
        await asyncio.sleep(0)
    queue.add(UnansweredRow("discord", "g1", "c1", "Q3 ?", NOW))
    await queue.close()
    assert [outcome for outcome in outcomes if outcome is not None] == []
    found = await store.frequent_unanswered(SINCE, 10)
    assert sorted((question.text, question.count) for question in found) == [
        (f"Q{number} ?", 1) for number in range(4)]
