"""The PostgreSQL back end, through asyncpg: for several bot processes sharing one database.

The guarantees are the SQLite ones, made to hold across processes: an announcement key is
claimed by an `INSERT … ON CONFLICT DO NOTHING` that one process alone wins, and a rotation
bag is read and written under a transaction-scoped advisory lock on that bag, so two
processes serving one channel still give every item before any repeat. Every error becomes
a one-line `StoreError` that names the server by its URL without the password.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, Final

import asyncpg

from sbbot.chat import Announcement, AnnouncementKind
from sbbot.store.base import (
    PRUNE_EVERY,
    QUOTE_CYCLES_KEPT,
    UNANSWERED_KEPT,
    DailyQuote,
    StoreError,
    Subscription,
    UnansweredQuestion,
    aware,
    choose_next,
    parse_kind,
)
from sbbot.store.pending import QueuedUnanswered, UnansweredRow
from sbbot.store.postgres_errors import STORE_ERRORS, describe, public_name
from sbbot.store.queries import HELD, UNANSWERED_SCANNED, top_unanswered_sql
from sbbot.text import fold

MIGRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE subscription (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        community TEXT NOT NULL DEFAULT '',
        since TIMESTAMPTZ,
        PRIMARY KEY (platform, channel, kind)
    );
    CREATE TABLE announcement (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        event TEXT,
        due_at TIMESTAMPTZ NOT NULL,
        keep_until TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX announcement_by_expiry ON announcement (keep_until);
    CREATE TABLE rotation_given (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        bag TEXT NOT NULL,
        item TEXT NOT NULL,
        PRIMARY KEY (platform, channel, bag, item)
    );
    CREATE TABLE rotation_last (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        bag TEXT NOT NULL,
        item TEXT NOT NULL,
        PRIMARY KEY (platform, channel, bag)
    );
    CREATE TABLE unanswered (
        id BIGSERIAL PRIMARY KEY,
        platform TEXT NOT NULL,
        community TEXT NOT NULL DEFAULT '',
        channel TEXT NOT NULL,
        text TEXT NOT NULL,
        normalized TEXT NOT NULL,
        asked_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX unanswered_by_time ON unanswered (asked_at);
    CREATE INDEX unanswered_by_community ON unanswered (community, asked_at);
    CREATE TABLE value (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE daily_quote (
        day DATE PRIMARY KEY,
        quote TEXT NOT NULL,
        cycle INTEGER NOT NULL
    );
    """,
)
"""Forward migrations, as for SQLite: never edit a shipped entry, append a new one. The
PostgreSQL back end starts at the SQLite schema's version 2, as one script."""

SCHEMA_VERSION: Final = len(MIGRATIONS)
MIGRATION_LOCK: Final = 0x5BB07
"""Advisory lock held while migrating, so that processes starting together migrate once."""
IDENTITY: Final = "store.id"
POOL_SIZE: Final = 4
UNANSWERED_COLUMNS: Final = ("platform", "community", "channel", "text", "normalized",
                             "asked_at")
STATEMENT_TIMEOUT_MS: Final = 2000
"""A statement running longer fails: a member's reply may wait on it."""
LOCK_TIMEOUT_MS: Final = 500
"""A statement waiting longer for a lock (an admin's `LOCK TABLE`, a stuck transaction of
another process) fails: a locked database costs a failed write, not seconds of silence."""


async def keep_session(connection: asyncpg.Connection) -> None:
    """The pool's reset on release: nothing. The store sets no session state (its advisory
    locks are transaction-scoped, it never LISTENs), so asyncpg's default reset query would
    only add a round trip to every statement."""


class PostgresStore(QueuedUnanswered):
    """A pool of connections to one database. Create it with `await PostgresStore.open(url)`."""

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        super().__init__()
        self.name = public_name(url)
        self._pool = pool
        self._identity: tuple[int, str | None] | None = None
        self._pruned_before: datetime | None = None

    @classmethod
    async def open(cls, url: str, *, timeout: float = 5.0) -> PostgresStore:
        name = public_name(url)
        try:
            pool = await asyncpg.create_pool(
                url, min_size=1, max_size=POOL_SIZE, timeout=timeout, command_timeout=timeout,
                reset=keep_session,
                server_settings={"statement_timeout": str(STATEMENT_TIMEOUT_MS),
                                 "lock_timeout": str(LOCK_TIMEOUT_MS)})
        except STORE_ERRORS as error:
            raise StoreError(f"{name}: {describe(error)}") from None
        except ValueError as error:  # a malformed URL
            raise StoreError(f"{name}: {' '.join(str(error).split())}") from None
        store = cls(url, pool)
        try:
            await store._migrate()
        except BaseException:
            await pool.close()
            raise
        return store

    async def close(self) -> None:
        await self._unanswered.close()
        try:
            await asyncio.wait_for(self._pool.close(), 5)
        except (*STORE_ERRORS, TimeoutError):
            self._pool.terminate()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        try:
            async with self._pool.acquire() as connection:
                yield connection
        except STORE_ERRORS as error:
            raise StoreError(f"{self.name}: {describe(error)}") from None

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._connection() as connection, connection.transaction():
            yield connection

    async def _fetch(self, sql: str, *arguments: Any) -> list[asyncpg.Record]:
        async with self._connection() as connection:
            return list(await connection.fetch(numbered(sql), *arguments))

    async def _migrate(self) -> None:
        async with self._transaction() as db:
            await db.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            version = await db.fetchval("SELECT max(version) FROM schema_version") or 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.name}: schema version {version} is newer than this "
                                 f"sbbot understands ({SCHEMA_VERSION}); upgrade sbbot")
            for number in range(version, SCHEMA_VERSION):
                await db.execute(MIGRATIONS[number])
                await db.execute("INSERT INTO schema_version VALUES ($1)", number + 1)
            await db.execute("INSERT INTO value VALUES ($1, $2) ON CONFLICT DO NOTHING",
                             IDENTITY, uuid.uuid4().hex)
            self._identity = await identity(db)

    # Health --------------------------------------------------------------------------------

    async def check(self) -> None:
        """A database dropped and created again, or restored from a backup, under running
        bots: hold announcements until an admin confirms (see `Store.check`)."""
        await self._migrate_if_dropped()
        async with self._connection() as db:
            current = await identity(db)
        if current != self._identity:
            await self.set_value(HELD, "the database was replaced while sbbot was running")
            if current[1] is None:
                await self.set_value(IDENTITY, uuid.uuid4().hex)
            async with self._connection() as db:
                self._identity = await identity(db)
            raise StoreError(f"{self.name}: the database was replaced while sbbot was "
                             "running; announcements are held until an admin types !abonner")

    async def _migrate_if_dropped(self) -> None:
        async with self._connection() as connection:
            present = await connection.fetchval("SELECT to_regclass('value') IS NOT NULL")
        if not present:
            identity = self._identity
            await self._migrate()
            self._identity = identity

    # Rotation bags -------------------------------------------------------------------------

    async def next_in_rotation(self, platform: str, channel: str, bag: str,
                               items: Sequence[str], rng: random.Random) -> str:
        scope = (platform, channel, bag)
        where = "platform = $1 AND channel = $2 AND bag = $3"
        async with self._transaction() as db:
            await db.execute("SELECT pg_advisory_xact_lock(hashtext($1))", "/".join(scope))
            given = [row[0] for row in await db.fetch(
                f"SELECT item FROM rotation_given WHERE {where}", *scope)]
            last = await db.fetchval(f"SELECT item FROM rotation_last WHERE {where}", *scope)
            chosen, refill = choose_next(items, given, last, rng)
            if refill:
                await db.execute(f"DELETE FROM rotation_given WHERE {where}", *scope)
            await db.execute("INSERT INTO rotation_given VALUES ($1, $2, $3, $4)"
                             " ON CONFLICT DO NOTHING", *scope, chosen)
            await db.execute("INSERT INTO rotation_last VALUES ($1, $2, $3, $4)"
                             " ON CONFLICT (platform, channel, bag) DO UPDATE"
                             " SET item = EXCLUDED.item", *scope, chosen)
        return chosen

    # Unanswered questions ------------------------------------------------------------------

    async def _write_unanswered(self, rows: list[UnansweredRow]) -> None:
        latest = max(row.at for row in rows)
        async with self._transaction() as db:
            await db.copy_records_to_table(
                "unanswered", columns=UNANSWERED_COLUMNS,
                records=[(row.platform, row.community, row.channel, row.text, fold(row.text),
                          row.at) for row in rows])
            if self._pruned_before is None or latest - self._pruned_before > PRUNE_EVERY:
                await db.execute("DELETE FROM unanswered WHERE asked_at < $1",
                                 latest - UNANSWERED_KEPT)
                self._pruned_before = latest

    async def frequent_unanswered(self, since: datetime, limit: int,
                                  community: str | None = None) -> list[UnansweredQuestion]:
        await self.flush()
        rows = await self._fetch(top_unanswered_sql(community is not None),
                                 *((community,) if community is not None else ()),
                                 aware(since), UNANSWERED_SCANNED, limit)
        return [UnansweredQuestion(str(text), int(count), last) for text, count, last in rows]

    # Subscriptions -------------------------------------------------------------------------

    async def subscribe(self, platform: str, channel: str, kinds: Iterable[AnnouncementKind],
                        *, community: str = "",
                        since: datetime | None = None) -> frozenset[AnnouncementKind]:
        added: set[AnnouncementKind] = set()
        async with self._transaction() as db:
            for kind in kinds:
                status = await db.execute(
                    "INSERT INTO subscription VALUES ($1, $2, $3, $4, $5)"
                    " ON CONFLICT DO NOTHING", platform, channel, kind, community,
                    since and aware(since))
                if changed(status):
                    added.add(kind)
        return frozenset(added)

    async def unsubscribe(self, platform: str, channel: str,
                          kinds: Iterable[AnnouncementKind]) -> frozenset[AnnouncementKind]:
        removed: set[AnnouncementKind] = set()
        async with self._transaction() as db:
            for kind in kinds:
                status = await db.execute(
                    "DELETE FROM subscription WHERE platform = $1 AND channel = $2"
                    " AND kind = $3", platform, channel, kind)
                if changed(status):
                    removed.add(kind)
        return frozenset(removed)

    async def subscriptions(self, platform: str | None = None) -> list[Subscription]:
        rows = await self._fetch(
            "SELECT platform, channel, kind, community, since FROM subscription"
            " WHERE ?::text IS NULL OR platform = ? ORDER BY platform, channel, kind",
            platform, platform)
        return [Subscription(p, c, parse_kind(k), g, s) for p, c, k, g, s in rows]

    async def resume_announcements(self, now: datetime) -> bool:
        async with self._transaction() as db:
            held = changed(await db.execute("DELETE FROM value WHERE name = $1", HELD))
            if held:
                await db.execute("UPDATE subscription SET since = $1 WHERE since IS NULL"
                                 " OR since < $1", aware(now))
        return held

    # Announcement log ----------------------------------------------------------------------

    async def record_sent(self, announcement: Announcement,
                          keep_until: datetime | None = None) -> bool:
        async with self._connection() as db:  # one atomic statement: one round trip
            status = await db.execute(
                "INSERT INTO announcement VALUES ($1, $2, $3, $4, $5, $6, $7)"
                " ON CONFLICT DO NOTHING",
                announcement.key, announcement.kind, announcement.platform,
                announcement.channel, announcement.event, aware(announcement.at),
                aware(keep_until or announcement.at))
        return changed(status)

    async def sent_keys(self) -> frozenset[str]:
        return frozenset(row[0] for row in await self._fetch("SELECT key FROM announcement"))

    async def prune_sent(self, before: datetime) -> int:
        async with self._transaction() as db:
            return count(await db.execute("DELETE FROM announcement WHERE keep_until < $1",
                                          aware(before)))

    async def daily_quotes(self) -> list[DailyQuote]:
        rows = await self._fetch("SELECT day, quote, cycle FROM daily_quote ORDER BY day")
        return [DailyQuote(day, quote, cycle) for day, quote, cycle in rows]

    async def record_daily_quote(self, choice: DailyQuote) -> DailyQuote:
        async with self._transaction() as db:
            await db.execute("INSERT INTO daily_quote VALUES ($1, $2, $3)"
                             " ON CONFLICT DO NOTHING", choice.day, choice.quote, choice.cycle)
            await db.execute("DELETE FROM daily_quote WHERE cycle <= $1",
                             choice.cycle - QUOTE_CYCLES_KEPT)
            row = await db.fetchrow("SELECT quote, cycle FROM daily_quote WHERE day = $1",
                                    choice.day)
        return DailyQuote(choice.day, row[0], row[1])

    # Named values --------------------------------------------------------------------------

    async def get_value(self, name: str) -> str | None:
        rows = await self._fetch("SELECT value FROM value WHERE name = ?", name)
        return str(rows[0][0]) if rows else None

    async def set_value(self, name: str, value: str | None) -> None:
        async with self._transaction() as db:
            if value is None:
                await db.execute("DELETE FROM value WHERE name = $1", name)
            else:
                await db.execute("INSERT INTO value VALUES ($1, $2) ON CONFLICT (name)"
                                 " DO UPDATE SET value = EXCLUDED.value", name, value)


async def identity(db: asyncpg.Connection) -> tuple[int, str | None]:
    """Which database this is: its object id (new when dropped and created again, or
    restored from a dump or a copy into a new database) and the id the store wrote in it."""
    row = await db.fetchrow(
        "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),"
        " (SELECT value FROM value WHERE name = $1)", IDENTITY)
    return int(row[0]), row[1]


def numbered(sql: str) -> str:
    """`?` placeholders (the shared queries) as PostgreSQL's `$1`, `$2`, …"""
    parts = sql.split("?")
    return "".join(part + (f"${index}" if index < len(parts) else "")
                   for index, part in enumerate(parts, 1))


def count(status: str) -> int:
    """The row count at the end of a command status such as 'INSERT 0 1' or 'DELETE 3'."""
    return int(status.rsplit(" ", 1)[-1])


def changed(status: str) -> bool:
    return count(status) > 0
