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


async def open_store(database: Path | str, *, timeout: float = 5.0) -> Store:
    """Open the store `SBBOT_DATABASE` names."""
    return await SQLiteStore.connect(Path(database), timeout=timeout)
