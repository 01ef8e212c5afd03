"""Store faults while the bot runs, on real SQLite files and a real PostgreSQL server: a locked,
full, read-only, unreachable, deleted, dropped or replaced database costs at most the write.
Every member command still answers, the bot says once that it cannot record, the questions
it could not answer meanwhile are written once it can, and nothing is posted twice.

What does not apply to PostgreSQL: a full disk and a read-only file are the server's own
(it refuses the write with an error that takes the same path as a lock: a `StoreError` on
that write), and a corrupted file is the server's to detect, not the bot's."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from sbbot.chat import Announcement, Message, Reply
from sbbot.commands.admin import RESUMED
from sbbot.engine import STORE_DOWN_NOTICE, STORE_DOWN_REPLY, Engine
from sbbot.scheduler import send_due
from sbbot.store import SQLiteStore, Store, StoreError, open_store
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.postgres import PostgresServer, database_name
from tests.scheduling import SCHEDULE, Recorder

TABLES = ("subscription", "announcement", "rotation_given", "rotation_last", "unanswered",
          "value", "daily_quote")

MEMBER_COMMANDS = ["!aide", "!question Quel est le prix du Bitcoin ?", "!citation",
                   "!citation attali", "!agenda", "!evenement geneve", "!articles",
                   "Qui a gagné le match hier ?", "!raison 3"]
UNANSWERED_MEANWHILE = {"Quel est le prix du Bitcoin ?", "Qui a gagné le match hier ?"}
SLOW = 1.0
"""Seconds a reply may take with the store down: far below the 5 s start-up busy timeout."""


def message(text: str, *, admin: bool = False) -> Message:
    return Message(text, "terminal", "terminal", author="u1", is_admin=admin)


async def say(engine: Engine, text: str, *, admin: bool = False) -> Reply:
    started = time.monotonic()
    reply = await engine.handle(message(text, admin=admin))
    assert time.monotonic() - started < SLOW, text
    assert reply is not None, text
    return reply


async def assert_answers_without_the_store(engine: Engine) -> None:
    """Every member command answers; ten `!raison` give the ten reasons (the rotation is
    kept in memory); admin writes are refused in one sentence; the notice comes once."""
    replies = [await say(engine, text) for text in MEMBER_COMMANDS]
    reasons = [await say(engine, "!raison") for _ in range(10)]
    admin = await say(engine, "!abonner", admin=True)
    texts = [reply.text for reply in [*replies, *reasons, admin]]
    assert sum(STORE_DOWN_NOTICE in text for text in texts) == 1
    assert all(reply.kind != "error" for reply in replies)
    assert len({reply.entry.id for reply in reasons if reply.entry}) == 10
    assert admin.kind == "error" and admin.text.startswith(STORE_DOWN_REPLY)
    assert engine.store_down


async def assert_recovered(engine: Engine) -> None:
    assert (await say(engine, "!abonner", admin=True)).kind == "command"
    assert STORE_DOWN_NOTICE not in (await say(engine, "!raison")).text
    assert not engine.store_down
    since = engine.clock() - timedelta(days=1)
    kept = {question.text for question in await engine.store.frequent_unanswered(since, 20)}
    assert kept >= UNANSWERED_MEANWHILE, "a question asked while the store was down is lost"


@pytest.fixture
def make(clock: FakeClock) -> Callable[[Store], Engine]:
    def build(store: Store) -> Engine:
        return Engine(KNOWLEDGE_DIR, store, clock=clock)

    return build


async def test_a_database_locked_by_another_process(
        tmp_path: Path, make: Callable[[Store], Engine]) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await open_store(path)
    engine = make(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        await assert_answers_without_the_store(engine)
    finally:
        other.execute("ROLLBACK")
        other.close()
    await assert_recovered(engine)
    assert len(await store.subscriptions()) == 2
    await store.close()


# Full: a real file system that the suite mounts (root only) --------------------------------------


@contextmanager
def mounted_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(where)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "1m") as disk:
        yield disk


async def test_a_full_disk(small_disk: Path, make: Callable[[Store], Engine]) -> None:
    store = await open_store(small_disk / "sbbot.sqlite3")
    engine = make(store)
    filler = small_disk / "filler"
    with suppress(OSError), filler.open("wb", buffering=0) as file:
        while True:
            file.write(b"\0" * 4096)
    await assert_answers_without_the_store(engine)
    filler.unlink()
    await assert_recovered(engine)
    await store.close()


async def test_a_database_turned_read_only(
        tmp_path: Path, make: Callable[[Store], Engine]) -> None:
    """A file system cannot be remounted read-only under open files (the kernel refuses:
    busy), so SQLite's own read-only switch stands in for it: the same SQLITE_READONLY
    errors on every write of the running connection."""
    store = await open_store(tmp_path / "sbbot.sqlite3")
    assert isinstance(store, SQLiteStore)
    engine = make(store)
    await store._connection.execute("PRAGMA query_only = ON")
    await assert_answers_without_the_store(engine)
    await store._connection.execute("PRAGMA query_only = OFF")
    await assert_recovered(engine)
    await store.close()


# PostgreSQL: locked by another connection, stopped while the bot runs ------------------------


@pytest.fixture
async def on_postgres(postgres: PostgresServer,
                      make: Callable[[Store], Engine]) -> AsyncIterator[tuple[Engine, str]]:
    url = await postgres.create_database()
    store = await open_store(url)
    try:
        yield make(store), url
    finally:
        await store.close()
        await postgres.drop_database(url)


async def test_a_postgres_database_locked_by_another_connection(
        on_postgres: tuple[Engine, str]) -> None:
    engine, url = on_postgres
    other = await asyncpg.connect(url)
    locked = other.transaction()
    await locked.start()
    await other.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
    try:
        await assert_answers_without_the_store(engine)
        with pytest.raises(StoreError, match="database is locked"):
            await engine.store.flush()
    finally:
        await locked.rollback()
        await other.close()
    await assert_recovered(engine)
    assert len(await engine.store.subscriptions()) == 2


async def test_a_postgres_server_stopped_while_the_bot_runs(
        on_postgres: tuple[Engine, str], postgres: PostgresServer) -> None:
    engine, _ = on_postgres
    assert (await say(engine, "!abonner citation", admin=True)).kind == "command"
    postgres.stop()
    try:
        await assert_answers_without_the_store(engine)
        with pytest.raises(StoreError, match="cannot reach the server"):
            await engine.store.check()
    finally:
        postgres.start()
    await assert_recovered(engine)
    assert len(await engine.store.subscriptions()) == 2


# Deleted or replaced under the bot: announcements held until an admin confirms ---------------


@dataclass(frozen=True)
class Running:
    engine: Engine
    lose: Callable[[], Awaitable[None]]
    """Delete or replace the database under the running bot."""


LOSSES = [("sqlite", "deleted"), ("sqlite", "replaced"),
          ("postgres", "dropped"), ("postgres", "restored")]
"""PostgreSQL: dropped and created again empty, or restored from a pg_dump made earlier."""


@pytest.fixture(params=LOSSES, ids="-".join)
async def running(request: pytest.FixtureRequest, tmp_path: Path,
                  clock: FakeClock) -> AsyncIterator[Running]:
    """A running bot whose database has an empty, older backup."""
    back_end, how = request.param
    if back_end == "sqlite":
        path = tmp_path / "data" / "sbbot.sqlite3"
        store = await open_store(path)
        backup = tmp_path / "backup.sqlite3"
        sqlite3.connect(path).execute(f"VACUUM INTO '{backup}'")

        async def lose() -> None:
            if how == "deleted":
                for file in path.parent.iterdir():
                    file.unlink()
            else:
                os.replace(backup, path)
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        url = await server.create_database()
        store = await open_store(url)
        dump = tmp_path / "backup.dump"
        server.dump(url, dump)

        async def lose() -> None:
            await server.execute(f"DROP DATABASE {database_name(url)} WITH (FORCE)")
            await server.execute(f"CREATE DATABASE {database_name(url)}")
            if how == "restored":
                server.restore(url, dump)
    try:
        yield Running(Engine(KNOWLEDGE_DIR, store, clock=clock), lose)
    finally:
        await store.close()
        if back_end == "postgres":
            await server.drop_database(url)


async def test_a_lost_database_never_posts_twice(running: Running, clock: FakeClock) -> None:
    engine = running.engine
    assert (await say(engine, "!abonner citation", admin=True)).kind == "command"
    now = [datetime(2026, 5, 4, 7, 0, tzinfo=UTC)]  # 09:00 in Paris
    adapters = {"terminal": Recorder("terminal", now)}

    async def pass_at(moment: datetime) -> list[Announcement]:
        now[0] = clock.now = moment
        with suppress(StoreError):
            await engine.store.check()
        return await send_due(engine.store, engine.knowledge, adapters, moment, SCHEDULE)

    assert len(await pass_at(now[0])) == 1
    await running.lose()
    problems = []
    for _ in range(3):  # a server may first report the connections it closed
        try:
            await engine.store.check()
            break
        except StoreError as error:
            problems.append(str(error))
    assert sum(bool(re.search("was (deleted|replaced) while sbbot was running", problem))
               for problem in problems) == 1, problems
    await engine.store.check()  # reported once; the database now there is in use
    assert await pass_at(now[0] + timedelta(minutes=20)) == []
    reply = await say(engine, "!abonner citation", admin=True)
    assert RESUMED in reply.text
    assert await pass_at(now[0] + timedelta(minutes=30)) == [], "today's quote went out"
    tomorrow = await pass_at(now[0] + timedelta(days=1))
    assert [item.key for item in tomorrow] == ["daily_quote/2026-05-05/terminal/terminal"]
    assert len(adapters["terminal"].posted) == 2
    assert RESUMED not in (await say(engine, "!abonner citation", admin=True)).text
