"""Fixtures shared by the whole suite: the shipped knowledge, a real store, a real engine."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sbbot.engine import Engine
from sbbot.evaluation import stripped
from sbbot.knowledge import Knowledge, load_knowledge
from sbbot.router import Router
from sbbot.store import Store, open_store
from tests.postgres import PostgresServer, postgres_server
from tests.synapse.harness import Synapse, running_synapse

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = ROOT / "knowledge"

pytest_plugins = ["tests.fakediscord.harness", "tests.synapse.members", "tests.stores"]
"""The harnesses every Discord, Matrix and store test drives the bot through (fixtures `fake`,
`start_bot`, `bot`, `members`, `bot_account`, `store_on_each_backend`, ...)."""


def sbbot(*args: str, stdin: str = "", env: dict[str, str] | None = None,
          cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The `sbbot` command run as a user runs it: a real subprocess of this Python."""
    return subprocess.run(
        [sys.executable, "-m", "sbbot", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, env={**os.environ, **(env or {})}, timeout=60, check=False,
    )


class FakeClock:
    """The one injectable clock: tests move time by hand instead of sleeping. Called, it is
    the engine's wall clock; `monotonic` is the same instant for the cooldown."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.now.timestamp()

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The shipped knowledge, loaded once: the routing tests only read it."""
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def router(knowledge: Knowledge) -> Router:
    """The router over the shipped knowledge (its memos never change an answer)."""
    return Router(knowledge)


@pytest.fixture(scope="session")
def bare(knowledge: Knowledge) -> Router:
    """The router over the shipped knowledge without hints and glossary: a newly added post."""
    return stripped(knowledge, hints=False, glossary=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path / "sbbot.sqlite3")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def make_engine(store: Store, clock: FakeClock) -> Callable[..., Engine]:
    def make(knowledge_dir: Path = KNOWLEDGE_DIR, seed: int = 7) -> Engine:
        return Engine(knowledge_dir, store, clock=clock, rng=random.Random(seed))

    return make


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    return make_engine()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole run (each test gets its own database)."""
    try:
        with postgres_server() as server:
            yield server
    except FileNotFoundError as error:
        pytest.skip(str(error))


@pytest.fixture(params=["sqlite", "postgres"])
async def database_setting(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """`SBBOT_DATABASE` for tests of real processes, on both back ends: an SQLite file, or a
    fresh database on the suite's real PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "sbbot.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = await server.create_database()
    yield url
    await server.drop_database(url)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    """One throwaway homeserver for the whole run, started by the first test that needs it."""
    with running_synapse(tmp_path_factory.mktemp("synapse")) as server:
        yield server
