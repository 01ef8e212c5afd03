"""The PostgreSQL back end where it differs from SQLite: several processes on one database,
and a server that cannot be reached or refuses the credentials (one line, no password)."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest

from sbbot.chat import Announcement
from sbbot.store import Store, StoreError, open_store
from tests.conftest import KNOWLEDGE_DIR, ROOT
from tests.postgres import PostgresServer
from tests.stores import NOW


@pytest.fixture
async def url(postgres: PostgresServer) -> AsyncIterator[str]:
    created = await postgres.create_database()
    yield created
    await postgres.drop_database(created)


@pytest.fixture
async def two(url: str) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one database, as two bot processes would have."""
    first, second = await open_store(url), await open_store(url)
    yield first, second
    await first.close()
    await second.close()


async def test_an_announcement_claimed_by_two_processes_at_once_is_claimed_once(
        two: tuple[Store, Store]) -> None:
    for number in range(50):
        item = Announcement("daily_quote", "discord", "c1", NOW, f"k{number}", "« Bonjour »")
        claims = await asyncio.gather(two[0].record_sent(item), two[1].record_sent(item))
        assert sorted(claims) == [False, True]
    assert await two[0].sent_keys() == await two[1].sent_keys()


async def test_a_rotation_shared_by_two_processes_gives_every_item_before_a_repeat(
        two: tuple[Store, Store]) -> None:
    items = ["a", "b", "c", "d", "e"]
    rng = random.Random(3)
    drawn: list[str] = []
    for _ in range(6):  # six rounds of concurrent draws from both processes
        drawn.extend(await asyncio.gather(*(
            store.next_in_rotation("discord", "c1", "quotes", items, rng)
            for store in (*two, *two, two[0]))))
    for cycle in range(6):
        assert sorted(drawn[cycle * 5:(cycle + 1) * 5]) == items, drawn


def sbbot_ask(database: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SBBOT_DATABASE": database,
           "SBBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR)}
    return subprocess.run([sys.executable, "-m", "sbbot", "ask", "!aide"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(("where", "reason"), [
    ("wrong-password", "authentication failed"),
    ("no-server", "cannot reach the server"),
    ("no-database", "the database does not exist"),
])
async def test_an_unusable_server_is_one_line_without_the_password(
        postgres: PostgresServer, where: str, reason: str) -> None:
    secret = postgres.password if where == "no-database" else "s3cret-never-printed"
    database = {
        "wrong-password": postgres.url(password=secret),
        "no-server": f"postgresql://sbbot:{secret}@/postgres?host=/nonexistent/socket/dir",
        "no-database": postgres.url("no_such_db"),
    }[where]
    with pytest.raises(StoreError, match=reason) as raised:
        await open_store(database, timeout=2)
    assert secret not in str(raised.value)
    result = sbbot_ask(database)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
    assert secret not in result.stderr + result.stdout and "Traceback" not in result.stderr
    assert result.stderr.startswith("sbbot: postgresql://***@/")
