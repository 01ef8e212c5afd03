"""Stores on both back ends for the tests of the `Store` interface (a pytest plugin
registered by `tests/conftest.py`): `database` is an SQLite file or a fresh database on the
suite's real PostgreSQL server, `store_on_each_backend` a store opened on it. A module whose
every test runs on both says so with a `store` fixture returning `store_on_each_backend`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sbbot.store import Store, open_store
from tests.postgres import PostgresServer

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Path | str]:
    """Every test of the Store interface runs on both back ends: an SQLite file, and a fresh
    database on the suite's real PostgreSQL server."""
    if request.param == "sqlite":
        yield tmp_path / "sbbot.sqlite3"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = await server.create_database()
    yield url
    await server.drop_database(url)


@pytest.fixture
async def store_on_each_backend(database: Path | str) -> AsyncIterator[Store]:
    opened = await open_store(database)
    try:
        yield opened
    finally:
        await opened.close()
