"""`/metrics` and `/healthz` scraped over real HTTP from a real engine and SQLite store."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator

import aiohttp
import pytest

from sbbot import http
from sbbot.chat import Message
from sbbot.engine import Engine
from sbbot.store import SQLiteStore, StoreError
from tests.http_probe import Platform, Served


@pytest.fixture
async def served(engine: Engine) -> AsyncIterator[Served]:
    platform = Platform()
    runner = await http.start(engine, [platform], "127.0.0.1", 0)  # type: ignore[list-item]
    try:
        async with aiohttp.ClientSession() as session:
            yield Served(f"http://127.0.0.1:{http.bound_port(runner)}", platform, session)
    finally:
        await runner.cleanup()


def member(text: str) -> Message:
    return Message(text, "discord", "c1", author="u1", community="111")


async def test_counters_move_when_members_ask(served: Served, engine: Engine) -> None:
    answered = 'sbbot_questions_total{verdict="answer"}'
    assert answered not in (await served.get("/metrics"))[1]  # nothing asked yet
    await engine.handle(member("Quand a lieu la matinée à Genève ?"))
    await engine.handle(member("Quel temps fera-t-il demain sur Mars ?"))
    await engine.handle(member("!raison"))
    assert await served.metric(answered) == 1
    assert await served.metric('sbbot_questions_total{verdict="fallback"}') == 1
    assert await served.metric('sbbot_commands_total{command="raison"}') == 1
    assert await served.metric("sbbot_answer_seconds_count") == 3
    assert await served.metric("sbbot_knowledge_entries") > 50
    assert await served.metric('sbbot_platform_connected{platform="discord"}') == 1
    assert await served.metric('sbbot_announcements_total{result="sent"}') == 0
    assert await served.metric('sbbot_knowledge_reloads_total{result="failed"}') == 0


async def test_health_follows_the_platform_and_the_store(served: Served, engine: Engine) -> None:
    assert await served.get("/healthz") == (200, "ok\n")
    served.platform.up = False
    assert await served.get("/healthz") == (503, "discord: not connected\n")
    assert await served.metric('sbbot_platform_connected{platform="discord"}') == 0
    served.platform.up = True
    assert (await served.get("/healthz"))[0] == 200

    store = engine.store
    assert isinstance(store, SQLiteStore)
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # the store goes away for writes
    try:
        await engine.handle(member("Quel temps fera-t-il demain sur Mars ?"))
        with pytest.raises(StoreError):
            await store.flush()  # the background write of the unanswered question, now
        status, body = await served.get("/healthz")
        assert status == 503 and "store: the last write failed" in body
    finally:
        other.execute("ROLLBACK")
        other.close()
    await store.flush()
    assert await served.get("/healthz") == (200, "ok\n")

    for file in store.path.parent.glob(store.path.name + "*"):
        file.unlink()  # deleted under the running bot
    status, body = await served.get("/healthz")
    assert status == 503 and "the file was deleted while sbbot was running" in body
    status, body = await served.get("/healthz")
    assert status == 503 and "announcements held" in body
    admin = Message("!abonner", "discord", "c1", author="u1", is_admin=True, community="111")
    await engine.handle(admin)
    assert await served.get("/healthz") == (200, "ok\n")
