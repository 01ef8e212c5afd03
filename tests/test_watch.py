"""Live reload: files edited on disk reach the running engine, broken edits never do."""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sbbot.adapters.terminal import TerminalAdapter, TerminalSettings, terminal_message
from sbbot.cli import admin_notifier
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.snapshot import ReloadReport
from tests.conftest import KNOWLEDGE_DIR

DEADLINE = 2.0
MAX_RELOAD = 30.0
QUESTION = "Comment je m'inscris ?"
"""Answered by dw-inscription, whose text the tests edit."""


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))


class Watching:
    """The engine with its watcher running, what the watcher reported, and when it started
    and finished each reload (the engine's own reload, timed, not replaced)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.reports: list[str] = []
        self.reloads: list[tuple[float, float]] = []
        self.starts: list[float] = []
        self.running: float | None = None
        reload = engine.reload

        def timed_reload() -> ReloadReport:
            self.running = time.monotonic()
            self.starts.append(self.running)
            try:
                return reload()
            finally:
                self.reloads.append((self.running, time.monotonic()))
                self.running = None

        engine.reload = timed_reload  # type: ignore[method-assign]

    def reload_seconds(self) -> float:
        """How long the reloads took, the one running included (capped: a reload that
        hangs fails the test)."""
        running = time.monotonic() - self.running if self.running is not None else 0.0
        return min(MAX_RELOAD, running + sum(end - start for start, end in self.reloads))

    async def report(self, text: str) -> None:
        self.reports.append(text)

    async def answer(self) -> str:
        reply = await self.engine.handle(terminal_message(QUESTION))
        assert reply is not None
        return reply.text


@pytest.fixture
async def watching(knowledge_copy: Path,
                   make_engine: Callable[..., Engine]) -> AsyncIterator[Watching]:
    from sbbot.watch import watch_knowledge

    state = Watching(make_engine(knowledge_copy))
    stop = asyncio.Event()
    task = asyncio.create_task(watch_knowledge(state.engine, state.report, stop))
    await asyncio.sleep(0.5)  # the watcher is set up when awatch starts iterating
    yield state
    stop.set()
    await asyncio.wait_for(task, 5)


async def within_deadline(condition: Callable[[], object],
                          slack: Callable[[], float] = lambda: 0.0) -> float:
    """Seconds until `condition` (awaited if it returns an awaitable) is true; fails after
    DEADLINE plus `slack()` seconds."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while True:
        result = condition()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return loop.time() - start
        assert loop.time() - start < DEADLINE + slack(), "not within the deadline"
        await asyncio.sleep(0.05)


def edit_inscription(knowledge_copy: Path, new: str) -> None:
    path = knowledge_copy / "posts" / "digital-workplace.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("participation gratuite, mais si", new, 1), encoding="utf-8")


async def test_an_edit_on_disk_changes_the_answer_within_two_seconds(
        watching: Watching, knowledge_copy: Path) -> None:
    """Two seconds from the write to the new answer, end to end: noticing the change,
    debouncing and the reload (the shipped knowledge is rebuilt in a worker thread)."""
    assert "participation gratuite" in await watching.answer()
    written = time.monotonic()
    edit_inscription(knowledge_copy, "participation à 20 euros, mais si")

    async def changed() -> bool:
        return "participation à 20 euros" in await watching.answer()

    await within_deadline(changed)
    assert watching.starts[0] - written < DEADLINE
    assert watching.reports == []


async def test_a_broken_edit_is_reported_and_the_previous_answer_stays(
        watching: Watching, knowledge_copy: Path) -> None:
    before = await watching.answer()
    path = knowledge_copy / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: 2014-04-04T08:30",
                                                             "start: le 4 avril"),
                    encoding="utf-8")
    await within_deadline(lambda: watching.reports, slack=watching.reload_seconds)
    assert "Rechargement refusé" in watching.reports[0]
    assert "events.yaml" in watching.reports[0]
    assert await watching.answer() == before
    assert watching.engine.knowledge.events[0].start.hour == 8


async def test_a_reload_is_logged_only_when_it_changes_an_entry(
        knowledge_copy: Path, make_engine: Callable[..., Engine],
        caplog: pytest.LogCaptureFixture) -> None:
    """After `!apprendre`, which reloads itself, the watcher's reload of the same write
    changes nothing: an INFO line saying so landed in the middle of a terminal conversation."""
    from sbbot.watch import reload_after_change

    engine, reports = make_engine(knowledge_copy), []

    async def report(text: str) -> None:
        reports.append(text)

    caplog.set_level(logging.INFO, logger="sbbot.watch")
    await reload_after_change(engine, ["digital-workplace.yaml"], report)
    assert [record.message for record in caplog.records] == []
    edit_inscription(knowledge_copy, "participation à 20 euros, mais si")
    await reload_after_change(engine, ["digital-workplace.yaml"], report)
    assert [record.levelno for record in caplog.records] == [logging.INFO]
    assert "1 modifiée." in caplog.records[0].message and reports == []


async def test_admin_notices_go_to_the_configured_channel(make_engine: Callable[..., Engine]
                                                          ) -> None:
    output = io.StringIO()
    adapter = TerminalAdapter(make_engine(), TerminalSettings(), Cooldown(0))
    adapter.stdin, adapter.stdout = io.StringIO(), output
    clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)  # noqa: E731
    await admin_notifier([adapter], None, clock)("rien")
    assert output.getvalue() == ""
    await admin_notifier([adapter], ("terminal", "terminal"), clock)("Rechargement refusé")
    assert "[annonce] Rechargement refusé" in output.getvalue()
    await admin_notifier([adapter], ("discord", "123"), clock)("ignoré")
    assert "ignoré" not in output.getvalue()


def test_admin_channel_setting() -> None:
    from sbbot.config import ConfigError, load_settings

    assert load_settings({}).admin_channel is None
    settings = load_settings({"SBBOT_ADMIN_CHANNEL": "matrix:!room:example.org"})
    assert settings.admin_channel == ("matrix", "!room:example.org")
    with pytest.raises(ConfigError, match=r"^SBBOT_ADMIN_CHANNEL: expected platform:channel"):
        load_settings({"SBBOT_ADMIN_CHANNEL": "slack:general"})
