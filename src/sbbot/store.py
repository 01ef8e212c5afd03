"""Everything the bot must remember across restarts, in one SQLite file.

The file holds channel subscriptions, the log of announcements already sent (so that no
restart repeats one), the `!raison` / `!citation` rotation bags, unanswered questions for
admins (no user identifiers), and a few named values such as the Matrix session.

Every failure of the file itself (corrupted, locked by another process, read-only) becomes a
`StoreError` whose message is one line naming the file, so `sbbot` can print it instead of a
traceback. The store never deletes or recreates a file it cannot read: whatever an admin had
in it is still there once the cause is fixed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import sqlite3
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, get_args

import aiosqlite

from sbbot.chat import Announcement, AnnouncementKind
from sbbot.text import fold

log = logging.getLogger(__name__)

SUBSCRIPTION_KINDS: Final[tuple[AnnouncementKind, ...]] = get_args(AnnouncementKind)

MIGRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE subscription (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (platform, channel, kind)
    );
    CREATE TABLE announcement (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        event TEXT,
        due_at TEXT NOT NULL
    );
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
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        text TEXT NOT NULL,
        normalized TEXT NOT NULL,
        asked_at TEXT NOT NULL
    );
    CREATE INDEX unanswered_by_time ON unanswered (asked_at);
    CREATE TABLE value (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)
"""Forward migrations: entry N brings the schema from version N to N + 1. Never edit a
shipped entry; append a new one, so that every existing file can be brought up to date."""

SCHEMA_VERSION: Final = len(MIGRATIONS)

UNANSWERED_KEPT: Final = timedelta(days=30)
PRUNE_EVERY: Final = timedelta(hours=1)
"""Old questions are deleted at most this often, not on every insert: the bot answers
thousands of questions a second and each prune is a scan."""
"""Unanswered questions are members' words: kept long enough for `!questions` (7 days) and a
little history, then deleted."""


class StoreError(Exception):
    """The database file cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel: str
    kind: AnnouncementKind


@dataclass(frozen=True)
class UnansweredQuestion:
    """A question the bot could not answer, grouped with the ones worded the same way."""

    text: str
    count: int
    last_asked: datetime


class Store:
    """One open database file. Create it with `await Store.open(path)`."""

    def __init__(self, path: Path, connection: aiosqlite.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock = asyncio.Lock()
        self._pruned_before: datetime | None = None

    @classmethod
    async def open(cls, path: Path, *, timeout: float = 5.0) -> Store:
        """Open (or create) the file, check it, and bring its schema up to date.

        `timeout` is how long to wait for another process that holds the file before
        reporting it as locked.
        """
        create_private(path)
        try:
            connection = await aiosqlite.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"{path}: {describe(error, path)}") from None
        store = cls(path, connection)
        try:
            await store._prepare()
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
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
        without the lock two read-modify-write sequences could interleave."""
        async with self._lock:
            with self._errors():
                await self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield _Writer(self._connection)
                except BaseException:
                    if self._connection.in_transaction:
                        await self._connection.execute("ROLLBACK")
                    raise
                await self._connection.execute("COMMIT")

    async def _fetch(self, sql: str, parameters: Sequence[object] = ()) -> list[sqlite3.Row]:
        async with self._lock:
            with self._errors():
                async with self._connection.execute(sql, parameters) as cursor:
                    return list(await cursor.fetchall())

    # Rotation bags -------------------------------------------------------------------------

    async def next_in_rotation(
        self, platform: str, channel: str, bag: str, items: Sequence[str], rng: random.Random
    ) -> str:
        """An item not given yet in this channel's bag; the bag refills once all were given.

        Items that left `items` (a knowledge reload) are ignored and new ones join the bag.
        After a refill, the item given last is held back once so that no member sees the
        same one twice in a row.
        """
        unique = list(dict.fromkeys(items))
        if not unique:
            raise ValueError(f"rotation bag {bag!r} is empty")
        scope = (platform, channel, bag)
        async with self._transaction() as db:
            given = {row[0] for row in await db.fetch(
                "SELECT item FROM rotation_given WHERE platform = ? AND channel = ? AND bag = ?",
                scope)}
            last_rows = await db.fetch(
                "SELECT item FROM rotation_last WHERE platform = ? AND channel = ? AND bag = ?",
                scope)
            last = last_rows[0][0] if last_rows else None
            remaining = [item for item in unique if item not in given]
            if not remaining:
                await db.execute(
                    "DELETE FROM rotation_given WHERE platform = ? AND channel = ? AND bag = ?",
                    scope)
                remaining = [item for item in unique if item != last] or unique
            chosen = rng.choice(remaining)
            await db.execute("INSERT INTO rotation_given VALUES (?, ?, ?, ?)", (*scope, chosen))
            await db.execute("INSERT OR REPLACE INTO rotation_last VALUES (?, ?, ?, ?)",
                             (*scope, chosen))
        return chosen

    # Unanswered questions ------------------------------------------------------------------

    async def record_unanswered(self, platform: str, channel: str, text: str,
                                at: datetime) -> None:
        """Keep a question the bot could not answer, for `!questions`; never who asked it."""
        async with self._transaction() as db:
            if self._pruned_before is None or at - self._pruned_before > PRUNE_EVERY:
                await db.execute("DELETE FROM unanswered WHERE asked_at < ?",
                                 (timestamp(at - UNANSWERED_KEPT),))
                self._pruned_before = at
            await db.execute(
                "INSERT INTO unanswered (platform, channel, text, normalized, asked_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (platform, channel, text, fold(text), timestamp(at)))

    async def frequent_unanswered(self, since: datetime, limit: int) -> list[UnansweredQuestion]:
        """The most asked unanswered questions since `since`, shown with their latest
        wording; ties go to the most recent."""
        rows = await self._fetch(
            """
            SELECT (SELECT text FROM unanswered AS latest
                    WHERE latest.normalized = grouped.normalized AND latest.asked_at >= ?
                    ORDER BY asked_at DESC, id DESC LIMIT 1),
                   COUNT(*), MAX(asked_at)
            FROM unanswered AS grouped
            WHERE asked_at >= ?
            GROUP BY normalized
            ORDER BY COUNT(*) DESC, MAX(asked_at) DESC
            LIMIT ?
            """,
            (timestamp(since), timestamp(since), limit))
        return [UnansweredQuestion(str(text), int(count), datetime.fromisoformat(str(last)))
                for text, count, last in rows]

    # Subscriptions -------------------------------------------------------------------------

    async def subscribe(self, platform: str, channel: str,
                        kinds: Iterable[AnnouncementKind]) -> frozenset[AnnouncementKind]:
        """Subscribe the channel; returns the kinds it was not subscribed to before."""
        added: set[AnnouncementKind] = set()
        async with self._transaction() as db:
            for kind in kinds:
                changed = await db.execute_count(
                    "INSERT OR IGNORE INTO subscription VALUES (?, ?, ?)",
                    (platform, channel, kind))
                if changed:
                    added.add(kind)
        return frozenset(added)

    async def unsubscribe(self, platform: str, channel: str,
                          kinds: Iterable[AnnouncementKind]) -> frozenset[AnnouncementKind]:
        """Unsubscribe the channel; returns the kinds it was actually subscribed to."""
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
            "SELECT platform, channel, kind FROM subscription"
            " WHERE ? IS NULL OR platform = ? ORDER BY platform, channel, kind",
            (platform, platform))
        return [Subscription(str(p), str(c), parse_kind(str(k))) for p, c, k in rows]

    # Announcement log ----------------------------------------------------------------------

    async def record_sent(self, announcement: Announcement) -> bool:
        """Log the announcement under its unique key; False if it was logged already.

        The scheduler calls this *before* posting (see `sbbot.scheduler`), so a True here is
        the one and only permission to post it.
        """
        async with self._transaction() as db:
            changed = await db.execute_count(
                "INSERT OR IGNORE INTO announcement VALUES (?, ?, ?, ?, ?, ?)",
                (announcement.key, announcement.kind, announcement.platform,
                 announcement.channel, announcement.event, timestamp(announcement.at)))
        return changed == 1

    async def sent_keys(self) -> frozenset[str]:
        rows = await self._fetch("SELECT key FROM announcement")
        return frozenset(str(row[0]) for row in rows)

    # Named values --------------------------------------------------------------------------

    async def get_value(self, name: str) -> str | None:
        rows = await self._fetch("SELECT value FROM value WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    async def set_value(self, name: str, value: str | None) -> None:
        """Set a named value; None deletes it (e.g. a revoked Matrix access token)."""
        async with self._transaction() as db:
            if value is None:
                await db.execute("DELETE FROM value WHERE name = ?", (name,))
            else:
                await db.execute("INSERT OR REPLACE INTO value VALUES (?, ?)", (name, value))


@dataclass(frozen=True)
class _Writer:
    """The statements allowed inside `Store._transaction`."""

    connection: aiosqlite.Connection

    async def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        await self.connection.execute(sql, parameters)

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


def create_private(path: Path) -> None:
    """Create the file 0600 in a folder created 0700: it holds the Matrix access token and
    members' words. SQLite gives its -wal and -shm files the database file's mode. An
    existing file readable by others is tightened, since a token may be in it."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder (SBBOT_DATABASE must name a file)")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path}: cannot create its folder ({error.strerror})") from None
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.geteuid():
            path.chmod(mode & 0o700)
            log.warning("%s: was readable by other users; now readable by its owner only", path)
    except OSError as error:
        raise StoreError(f"{path}: cannot create the file ({error.strerror})") from None


def describe(error: sqlite3.Error, path: Path) -> str:
    """A short reason an admin can act on, from SQLite's error code."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_READONLY") or (
        name.startswith("SQLITE_CANTOPEN") and path.exists()
        and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    ):
        return "cannot write (read-only: check the permissions of the file and its folder)"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "database is locked (is another sbbot using it?)"
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return "file is not a database or is corrupted"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot open the file"
    if name.startswith("SQLITE_FULL"):
        return "disk is full"
    return " ".join(str(error).split()) or name or type(error).__name__


def parse_kind(value: str) -> AnnouncementKind:
    for kind in SUBSCRIPTION_KINDS:
        if kind == value:
            return kind
    raise StoreError(f"unknown subscription kind {value!r} in the database")


def timestamp(moment: datetime) -> str:
    """UTC, fixed width: stored times then compare correctly as text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only keeps aware times")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
