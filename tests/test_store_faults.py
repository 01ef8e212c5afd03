"""Store faults while the bot runs, on real SQLite files: a locked, full, read-only, deleted or
replaced database costs at most the write. Every member command still answers, the bot says
once that it cannot record, and nothing is posted twice."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sbbot.chat import Announcement, Message, Reply
from sbbot.commands.admin import RESUMED
from sbbot.engine import STORE_DOWN_NOTICE, STORE_DOWN_REPLY, Engine
from sbbot.scheduler import send_due
from sbbot.store import SQLiteStore, Store, StoreError, open_store
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.test_scheduler import SCHEDULE, Recorder

MEMBER_COMMANDS = ["!aide", "!question Quel est le prix du Bitcoin ?", "!citation",
                   "!citation attali", "!agenda", "!evenement geneve", "!articles",
                   "Qui a gagné le match hier ?", "!raison 3"]
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


# Deleted or replaced under the bot: announcements held until an admin confirms ---------------


@pytest.fixture
async def running(tmp_path: Path, clock: FakeClock) -> AsyncIterator[tuple[Engine, Path]]:
    path = tmp_path / "data" / "sbbot.sqlite3"
    store = await open_store(path)
    try:
        yield Engine(KNOWLEDGE_DIR, store, clock=clock), path
    finally:
        await store.close()


def lose(path: Path, how: str, backup: Path) -> None:
    if how == "deleted":
        for file in path.parent.iterdir():
            file.unlink()
    else:
        os.replace(backup, path)


@pytest.mark.parametrize("how", ["deleted", "replaced"])
async def test_a_lost_database_never_posts_twice(
        running: tuple[Engine, Path], clock: FakeClock, tmp_path: Path, how: str) -> None:
    engine, path = running
    backup = tmp_path / "backup.sqlite3"
    sqlite3.connect(path).execute(f"VACUUM INTO '{backup}'")  # an empty, older copy
    assert (await say(engine, "!abonner citation", admin=True)).kind == "command"
    now = [datetime(2026, 5, 4, 7, 0, tzinfo=UTC)]  # 09:00 in Paris
    adapters = {"terminal": Recorder("terminal", now)}

    async def pass_at(moment: datetime) -> list[Announcement]:
        now[0] = clock.now = moment
        with suppress(StoreError):
            await engine.store.check()
        return await send_due(engine.store, engine.knowledge, adapters, moment, SCHEDULE)

    assert len(await pass_at(now[0])) == 1
    lose(path, how, backup)
    with pytest.raises(StoreError, match=f"was {how} while sbbot was running"):
        await engine.store.check()
    await engine.store.check()  # reported once; the file at the path is in use now
    assert path.exists()
    assert await pass_at(now[0] + timedelta(minutes=20)) == []
    reply = await say(engine, "!abonner citation", admin=True)
    assert RESUMED in reply.text
    assert await pass_at(now[0] + timedelta(minutes=30)) == [], "today's quote went out"
    tomorrow = await pass_at(now[0] + timedelta(days=1))
    assert [item.key for item in tomorrow] == ["daily_quote/2026-05-05/terminal/terminal"]
    assert len(adapters["terminal"].posted) == 2
    assert RESUMED not in (await say(engine, "!abonner citation", admin=True)).text
