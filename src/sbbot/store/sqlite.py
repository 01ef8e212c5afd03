"""The SQLite back end: one file, the default for a single process.

Every failure of the file itself (corrupted, locked by another process, read-only, full,
deleted) becomes a `StoreError` whose message is one line naming the file, so `sbbot` can
print it instead of a traceback. The store never deletes or recreates a file it cannot read:
whatever an admin had in it is still there once the cause is fixed. Only a file that
vanished or was replaced while the bot ran is opened again, and announcements are then held
until an admin confirms (see `Store.check`).
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

import aiosqlite

from sbbot.chat import Announcement, AnnouncementKind
from sbbot.store.base import (
    PRUNE_EVERY,
    QUOTE_CYCLES_KEPT,
    UNANSWERED_KEPT,
    DailyQuote,
    StoreError,
    Subscription,
    UnansweredQuestion,
    choose_next,
    parse_kind,
    timestamp,
)
from sbbot.store.pending import QueuedUnanswered, UnansweredRow
from sbbot.store.queries import HELD, UNANSWERED_SCANNED, top_unanswered_sql
from sbbot.store.sqlite_file import connect, describe, identity
from sbbot.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from sbbot.text import fold

BUSY_TIMEOUT_MS: Final = 250
"""How long a statement waits for another process's lock once the bot runs. Members' replies
wait on store calls, so a locked file costs a failed write, not seconds of silence."""


class SQLiteStore(QueuedUnanswered):
    """One open database file. Create it with `await SQLiteStore.connect(path)`."""

    def __init__(self, path: Path, connection: aiosqlite.Connection) -> None:
        super().__init__()
        self.path = path
        self.name = str(path)
        self._connection = connection
        self._lock = asyncio.Lock()
        self._pruned_before: datetime | None = None
        self._identity = identity(path)

    @classmethod
    async def connect(cls, path: Path, *, timeout: float = 5.0) -> SQLiteStore:
        """Open (or create) the file, check it, and bring its schema up to date.

        `timeout` is how long start-up waits for another process that holds the file before
        reporting it as locked.
        """
        store = cls(path, await connect(path, timeout))
        try:
            await store._prepare()
        except BaseException:
            await store._connection.close()
            raise
        return store

    async def close(self) -> None:
        await self._unanswered.close()
        with self._errors():
            await self._connection.close()

    async def _prepare(self) -> None:
        with self._errors():
            await self._check_integrity()
            await self._connection.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL survives any crash of the process (only an OS crash or a
            # power cut can lose the last commits), and it halves the cost of each write.
            await self._connection.execute("PRAGMA synchronous = NORMAL")
            await self._connection.execute("PRAGMA foreign_keys = ON")
        async with self._transaction() as db:
            version = await self._user_version()
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {version} is newer than this "
                                 f"sbbot understands ({SCHEMA_VERSION}); upgrade sbbot")
            for number in range(version, SCHEMA_VERSION):
                await db.executescript_in_transaction(MIGRATIONS[number])
            # Written even when unchanged, so that a read-only file fails here, at start-up,
            # rather than at the first subscription.
            await db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with self._errors():
            await self._connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    async def _check_integrity(self) -> None:
        async with self._connection.execute("PRAGMA quick_check") as cursor:
            rows = [str(row[0]) for row in await cursor.fetchall()]
        if rows != ["ok"]:
            raise StoreError(f"{self.path}: file is corrupted ({rows[0] if rows else 'unknown'})")

    async def _user_version(self) -> int:
        async with self._connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {describe(error, self.path)}") from None

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[_Writer]:
        """One write transaction at a time: the connection is shared by every coroutine, so
        without the lock two read-modify-write sequences could interleave.

        A cancelled await (a stop, a timeout) leaves its statement queued on aiosqlite's
        thread, where it still runs: BEGIN may run after the cancellation has been seen, so
        the ROLLBACK is queued behind it unconditionally, and is refused harmlessly when no
        transaction is open (BEGIN failed, or COMMIT already ran)."""
        async with self._lock:
            with self._errors():
                try:
                    await self._connection.execute("BEGIN IMMEDIATE")
                    yield _Writer(self._connection)
                    await self._connection.execute("COMMIT")
                except BaseException:
                    with suppress(sqlite3.OperationalError):
                        await self._connection.execute("ROLLBACK")
                    raise

    async def _fetch(self, sql: str, parameters: Sequence[object] = ()) -> list[sqlite3.Row]:
        async with self._lock:
            with self._errors():
                async with self._connection.execute(sql, parameters) as cursor:
                    return list(await cursor.fetchall())

    # Health --------------------------------------------------------------------------------

    async def check(self) -> None:
        """A file deleted or replaced under a running bot would take writes into a file
        nobody sees, or bring back an older announcement log: open the file now at the path,
        hold announcements there until an admin confirms, and report it once."""
        now = identity(self.path)
        if now != self._identity:
            what = "deleted" if now is None else "replaced"
            async with self._lock:
                old = self._connection
                self._connection = await connect(self.path, 5.0)
                self._identity = identity(self.path)
                await old.close()
            await self._prepare()
            await self.set_value(HELD, f"the file was {what} while sbbot was running")
            raise StoreError(f"{self.path}: the file was {what} while sbbot was running; "
                             "announcements are held until an admin types !abonner")
        await self._fetch("SELECT 1")

    # Rotation bags -------------------------------------------------------------------------

    async def next_in_rotation(self, platform: str, channel: str, bag: str,
                               items: Sequence[str], rng: random.Random) -> str:
        scope = (platform, channel, bag)
        async with self._transaction() as db:
            given = [row[0] for row in await db.fetch(
                "SELECT item FROM rotation_given WHERE platform = ? AND channel = ? AND bag = ?",
                scope)]
            last_rows = await db.fetch(
                "SELECT item FROM rotation_last WHERE platform = ? AND channel = ? AND bag = ?",
                scope)
            chosen, refill = choose_next(items, given, last_rows[0][0] if last_rows else None,
                                         rng)
            if refill:
                await db.execute(
                    "DELETE FROM rotation_given WHERE platform = ? AND channel = ? AND bag = ?",
                    scope)
            await db.execute("INSERT OR IGNORE INTO rotation_given VALUES (?, ?, ?, ?)",
                             (*scope, chosen))
            await db.execute("INSERT OR REPLACE INTO rotation_last VALUES (?, ?, ?, ?)",
                             (*scope, chosen))
        return chosen

    # Unanswered questions ------------------------------------------------------------------

    async def _write_unanswered(self, rows: list[UnansweredRow]) -> None:
        latest = max(row.at for row in rows)
        async with self._transaction() as db:
            await db.execute_many(
                "INSERT INTO unanswered (platform, channel, text, normalized, asked_at,"
                " community) VALUES (?, ?, ?, ?, ?, ?)",
                [(row.platform, row.channel, row.text, fold(row.text), timestamp(row.at),
                  row.community) for row in rows])
            if self._pruned_before is None or latest - self._pruned_before > PRUNE_EVERY:
                await db.execute("DELETE FROM unanswered WHERE asked_at < ?",
                                 (timestamp(latest - UNANSWERED_KEPT),))
                self._pruned_before = latest

    async def frequent_unanswered(self, since: datetime, limit: int,
                                  community: str | None = None) -> list[UnansweredQuestion]:
        await self.flush()
        rows = await self._fetch(top_unanswered_sql(community is not None),
                                 (*((community,) if community is not None else ()),
                                  timestamp(since), UNANSWERED_SCANNED, limit))
        return [UnansweredQuestion(str(text), int(count), datetime.fromisoformat(str(last)))
                for text, count, last in rows]

    # Subscriptions -------------------------------------------------------------------------

    async def subscribe(self, platform: str, channel: str, kinds: Iterable[AnnouncementKind],
                        *, community: str = "",
                        since: datetime | None = None) -> frozenset[AnnouncementKind]:
        added: set[AnnouncementKind] = set()
        async with self._transaction() as db:
            for kind in kinds:
                changed = await db.execute_count(
                    "INSERT OR IGNORE INTO subscription (platform, channel, kind, community,"
                    " since) VALUES (?, ?, ?, ?, ?)",
                    (platform, channel, kind, community, since and timestamp(since)))
                if changed:
                    added.add(kind)
        return frozenset(added)

    async def unsubscribe(self, platform: str, channel: str,
                          kinds: Iterable[AnnouncementKind]) -> frozenset[AnnouncementKind]:
        removed: set[AnnouncementKind] = set()
        async with self._transaction() as db:
            for kind in kinds:
                changed = await db.execute_count(
                    "DELETE FROM subscription WHERE platform = ? AND channel = ? AND kind = ?",
                    (platform, channel, kind))
                if changed:
                    removed.add(kind)
        return frozenset(removed)

    async def subscriptions(self, platform: str | None = None) -> list[Subscription]:
        rows = await self._fetch(
            "SELECT platform, channel, kind, community, since FROM subscription"
            " WHERE ? IS NULL OR platform = ? ORDER BY platform, channel, kind",
            (platform, platform))
        return [Subscription(str(p), str(c), parse_kind(str(k)), str(g),
                             datetime.fromisoformat(s) if s else None)
                for p, c, k, g, s in rows]

    async def resume_announcements(self, now: datetime) -> bool:
        async with self._transaction() as db:
            held = await db.execute_count("DELETE FROM value WHERE name = ?", (HELD,))
            if held:
                await db.execute("UPDATE subscription SET since = ? WHERE since IS NULL"
                                 " OR since < ?", (timestamp(now), timestamp(now)))
        return held > 0

    # Announcement log ----------------------------------------------------------------------

    async def record_sent(self, announcement: Announcement,
                          keep_until: datetime | None = None) -> bool:
        async with self._transaction() as db:
            changed = await db.execute_count(
                "INSERT OR IGNORE INTO announcement (key, kind, platform, channel, event,"
                " due_at, keep_until) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (announcement.key, announcement.kind, announcement.platform,
                 announcement.channel, announcement.event, timestamp(announcement.at),
                 timestamp(keep_until or announcement.at)))
        return changed == 1

    async def sent_keys(self) -> frozenset[str]:
        rows = await self._fetch("SELECT key FROM announcement")
        return frozenset(str(row[0]) for row in rows)

    async def prune_sent(self, before: datetime) -> int:
        async with self._transaction() as db:
            return await db.execute_count("DELETE FROM announcement WHERE keep_until < ?",
                                          (timestamp(before),))

    async def daily_quotes(self) -> list[DailyQuote]:
        rows = await self._fetch("SELECT day, quote, cycle FROM daily_quote ORDER BY day")
        return [DailyQuote(date.fromisoformat(str(day)), str(quote), int(cycle))
                for day, quote, cycle in rows]

    async def record_daily_quote(self, choice: DailyQuote) -> DailyQuote:
        async with self._transaction() as db:
            await db.execute("INSERT OR IGNORE INTO daily_quote VALUES (?, ?, ?)",
                             (choice.day.isoformat(), choice.quote, choice.cycle))
            await db.execute("DELETE FROM daily_quote WHERE cycle <= ?",
                             (choice.cycle - QUOTE_CYCLES_KEPT,))
            rows = await db.fetch("SELECT quote, cycle FROM daily_quote WHERE day = ?",
                                  (choice.day.isoformat(),))
        return DailyQuote(choice.day, str(rows[0][0]), int(rows[0][1]))

    # Named values --------------------------------------------------------------------------

    async def get_value(self, name: str) -> str | None:
        rows = await self._fetch("SELECT value FROM value WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    async def set_value(self, name: str, value: str | None) -> None:
        async with self._transaction() as db:
            if value is None:
                await db.execute("DELETE FROM value WHERE name = ?", (name,))
            else:
                await db.execute("INSERT OR REPLACE INTO value VALUES (?, ?)", (name, value))


@dataclass(frozen=True)
class _Writer:
    """The statements allowed inside `SQLiteStore._transaction`."""

    connection: aiosqlite.Connection

    async def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        await self.connection.execute(sql, parameters)

    async def execute_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        await self.connection.executemany(sql, rows)

    async def execute_count(self, sql: str, parameters: Sequence[object] = ()) -> int:
        async with self.connection.execute(sql, parameters) as cursor:
            return cursor.rowcount

    async def fetch(self, sql: str, parameters: Sequence[object] = ()) -> list[sqlite3.Row]:
        async with self.connection.execute(sql, parameters) as cursor:
            return list(await cursor.fetchall())

    async def executescript_in_transaction(self, script: str) -> None:
        """`executescript` would commit first; run the statements one by one instead."""
        for statement in script.split(";"):
            if statement.strip():
                await self.connection.execute(statement)
