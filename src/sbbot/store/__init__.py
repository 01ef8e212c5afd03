"""Persistence: one `Store` interface, an SQLite back end (the default) and a PostgreSQL one.

See `sbbot.store.base` for the interface and the rules both back ends share.
"""

from __future__ import annotations

from pathlib import Path

from sbbot.store.base import (
    DailyQuote,
    MemoryRotations,
    Store,
    StoreError,
    Subscription,
    UnansweredQuestion,
)
from sbbot.store.sqlite import SQLiteStore

__all__ = ["DailyQuote", "MemoryRotations", "SQLiteStore", "Store", "StoreError",
           "Subscription", "UnansweredQuestion", "open_store"]


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


async def open_store(database: Path | str, *, timeout: float = 5.0) -> Store:
    """Open the store `SBBOT_DATABASE` names: a `postgresql://` URL, or an SQLite file."""
    if isinstance(database, str) and database.startswith(POSTGRES_SCHEMES):
        from sbbot.store.postgres import PostgresStore

        return await PostgresStore.open(database, timeout=timeout)
    return await SQLiteStore.connect(Path(database), timeout=timeout)
