"""The scheduler through a real store with an injected clock: restarts, downtime, DST days,
a process killed while posting, the loop, `sbbot schedule`, and shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time as time_module
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from sbbot.chat import Announcement
from sbbot.cli import main
from sbbot.engine import Engine
from sbbot.schedule_preview import preview_at
from sbbot.scheduler import (
    due,
    reminder_at,
    run_scheduler,
    send_due,
)
from sbbot.store import Subscription, open_store
from tests.scheduling import (
    DEFAULT_REMINDERS,
    PARIS,
    ROOT,
    SCHEDULE,
    Recorder,
    adapters_for,
    make_event,
    paris,
    posted,
    sample_knowledge,
    simulate,
    subscribed_store,
)

# Through the store ----------------------------------------------------------------------------


async def test_thirty_days_with_restarts_post_each_thing_exactly_once(tmp_path: Path) -> None:
    # 30 days across the spring change, with an event before and one after it.
    events = [make_event("mars", paris(2026, 3, 20, 18, 0)),
              make_event("avril", paris(2026, 4, 2, 8, 30))]
    knowledge = sample_knowledge(events)
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [
        Subscription("discord", "c1", "daily_quote"),
        Subscription("discord", "c1", "event_reminder"),
        Subscription("matrix", "!salle:example.org", "event_reminder"),
        Subscription("terminal", "terminal", "daily_quote"),
    ])
    await store.close()
    clock = [paris(2026, 3, 10, 0, 0)]
    adapters = adapters_for(clock, "discord", "matrix", "terminal")
    await simulate(path, knowledge, adapters, clock, paris(2026, 4, 9, 0, 0),
                   step=timedelta(minutes=7), restart_every=timedelta(hours=5))

    everything = posted(adapters)
    for when, item in everything:
        assert timedelta(0) <= when - item.at < timedelta(minutes=7), item.key
    for platform, channel in [("discord", "c1"), ("terminal", "terminal")]:
        quotes = [(when.astimezone(PARIS).date(), item.text) for when, item in everything
                  if item.kind == "daily_quote" and item.channel == channel]
        assert [day for day, _ in quotes] == [date(2026, 3, 10) + timedelta(days=n)
                                              for n in range(30)], platform
        assert len({text for _, text in quotes[:7]}) == 7
    reminders = Counter((item.channel, item.event, item.at) for _, item in everything
                        if item.kind == "event_reminder")
    assert set(reminders.values()) == {1}
    expected = {(channel, event.id, reminder_at(event, offset))
                for channel in ("c1", "!salle:example.org") for event in events
                for offset in DEFAULT_REMINDERS}
    assert set(reminders) == expected


async def test_three_days_down_before_an_event_give_one_catch_up_not_three(
    tmp_path: Path
) -> None:
    start = paris(2026, 6, 12, 10, 0)
    event = make_event("geneve", start, reminders=(timedelta(days=3), timedelta(days=2),
                                                   timedelta(days=1)))
    knowledge = sample_knowledge([event])
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "event_reminder")])).close()
    clock = [start - timedelta(days=4)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, knowledge, adapters, clock, start - timedelta(days=3, hours=1),
                   step=timedelta(minutes=10))
    clock[0] = start - timedelta(hours=20)  # back after three days: all three missed
    await simulate(path, knowledge, adapters, clock, start + timedelta(days=1),
                   step=timedelta(minutes=10))
    [(when, reminder)] = posted(adapters)
    assert when == start - timedelta(hours=20)
    assert reminder.at == reminder_at(event, timedelta(days=1))
    assert "a lieu demain." in reminder.text


async def test_downtime_with_default_reminders_sends_only_the_latest(tmp_path: Path) -> None:
    start = paris(2026, 6, 12, 10, 0)
    knowledge = sample_knowledge([make_event("geneve", start)])
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "event_reminder"),
                                         Subscription("discord", "c1", "daily_quote")])).close()
    clock = [start - timedelta(days=8)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, knowledge, adapters, clock, start - timedelta(days=3),
                   step=timedelta(minutes=10))
    clock[0] = start - timedelta(minutes=30)  # down for three days, through 1 d and 1 h
    await simulate(path, knowledge, adapters, clock, start + timedelta(hours=2),
                   step=timedelta(minutes=10))
    reminders = [item for _, item in posted(adapters) if item.kind == "event_reminder"]
    assert [item.at for item in reminders] == [reminder_at(knowledge.events[0], offset)
                                               for offset in (timedelta(days=7),
                                                              timedelta(hours=1))]
    assert "a lieu dans 30 minutes." in reminders[1].text
    quote_days = [when.astimezone(PARIS).date() for when, item in posted(adapters)
                  if item.kind == "daily_quote"]
    assert quote_days == [*(date(2026, 6, 4) + timedelta(days=n) for n in range(6)),
                          date(2026, 6, 12)], "none for the days spent down; today's is caught up"


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
async def test_quote_goes_out_at_nine_local_on_dst_days(tmp_path: Path, day: date) -> None:
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote")])).close()
    clock = [datetime.combine(day, time(0, 0), tzinfo=PARIS)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock,
                   datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=PARIS),
                   step=timedelta(minutes=1))
    [(when, _)] = posted(adapters)
    assert when.astimezone(PARIS).time() == time(9, 0)
    assert when.astimezone(PARIS).date() == day


async def test_unavailable_channel_is_skipped_once_and_others_still_served(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("discord", "gone", "daily_quote"),
                                          Subscription("discord", "c1", "daily_quote")])
    clock = [paris(2026, 5, 4, 9, 0)]
    adapters = adapters_for(clock, "discord")
    adapters["discord"].unavailable.add("gone")
    for _ in range(3):
        await send_due(store, sample_knowledge(), adapters, clock[0], SCHEDULE)
        clock[0] += timedelta(minutes=1)
    await store.close()
    assert [item.channel for _, item in posted(adapters)] == ["c1"]
    assert sum("channel unavailable" in record.message for record in caplog.records) == 1


async def test_platforms_not_running_keep_their_announcements(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("matrix", "!r:x", "daily_quote")])
    clock = [paris(2026, 5, 4, 9, 0)]
    assert await send_due(store, sample_knowledge(), {}, clock[0], SCHEDULE) == []
    matrix = adapters_for(clock, "matrix")
    clock[0] = paris(2026, 5, 4, 10, 0)
    assert len(await send_due(store, sample_knowledge(), matrix, clock[0], SCHEDULE)) == 1
    await store.close()


async def test_preview_sends_and_records_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("terminal", "terminal", "daily_quote")])
    moment = paris(2026, 5, 4, 9, 30)
    first = await preview_at(store, sample_knowledge(), SCHEDULE, moment)
    assert first == await preview_at(store, sample_knowledge(), SCHEDULE, moment)
    assert len(first) == 1 and await store.sent_keys() == frozenset()
    await store.close()


# Crashes --------------------------------------------------------------------------------------

KILLED_CHILD = """
import asyncio, os, signal, sys
from pathlib import Path
from sbbot.scheduler import send_due
from sbbot.store import open_store
from tests.scheduling import SCHEDULE, paris, sample_knowledge

class KilledWhilePosting:
    platform = "discord"
    async def run(self): pass
    async def close(self): pass
    async def serves(self, channel): return True
    async def announce(self, announcement):
        print(announcement.key, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

async def main():
    store = await open_store(Path(sys.argv[1]))
    await send_due(store, sample_knowledge(), {"discord": KilledWhilePosting()},
                   paris(2026, 5, 4, 9, 0), SCHEDULE)

asyncio.run(main())
"""


async def test_a_process_killed_while_posting_never_posts_twice(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    await (await subscribed_store(path, [Subscription("discord", "c1", "daily_quote"),
                                         Subscription("discord", "c2", "daily_quote")])).close()
    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, str(path)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},
        timeout=60, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr
    [killed_key] = child.stdout.split()

    clock = [paris(2026, 5, 4, 9, 1)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock, paris(2026, 5, 5, 9, 5),
                   step=timedelta(minutes=1), restart_every=timedelta(hours=1))
    keys = [item.key for _, item in posted(adapters)]
    assert killed_key not in keys, "at most once: the interrupted post is not repeated"
    assert keys == [
        "daily_quote/2026-05-04/discord/c2" if killed_key.endswith("c1")
        else "daily_quote/2026-05-04/discord/c1",
        "daily_quote/2026-05-05/discord/c1",
        "daily_quote/2026-05-05/discord/c2",
    ]


async def test_a_process_killed_after_deciding_but_before_recording_posts_once(
    tmp_path: Path
) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await subscribed_store(path, [Subscription("discord", "c1", "daily_quote")])
    moment = paris(2026, 5, 4, 9, 0)
    decided = due(moment, sample_knowledge(), await store.subscriptions(),
                  await store.sent_keys(), SCHEDULE)
    assert len(decided) == 1
    await store.close()  # the process dies here: nothing recorded, nothing posted
    clock = [moment + timedelta(minutes=2)]
    adapters = adapters_for(clock, "discord")
    await simulate(path, sample_knowledge(), adapters, clock, moment + timedelta(hours=4),
                   step=timedelta(minutes=1), restart_every=timedelta(minutes=30))
    assert [item.key for _, item in posted(adapters)] == [decided[0].key]


# The loop -------------------------------------------------------------------------------------


class Exploding(Recorder):
    """Fails on every post, then stops the loop after a few passes."""

    def __init__(self, clock: list[datetime], stop: asyncio.Event) -> None:
        super().__init__("terminal", clock)
        self.stop = stop
        self.calls = 0

    async def announce(self, announcement: Announcement) -> None:
        self.calls += 1
        raise RuntimeError("network down")


async def test_the_loop_survives_adapter_errors_and_stops_on_request(engine: Engine) -> None:
    await engine.store.subscribe("terminal", "terminal", ["daily_quote"])
    stop = asyncio.Event()
    clock = [engine.clock()]
    adapter = Exploding(clock, stop)

    async def stop_soon() -> None:
        while adapter.calls == 0:
            await asyncio.sleep(0)
        stop.set()

    stopper = asyncio.create_task(stop_soon())
    await asyncio.wait_for(run_scheduler(engine, {"terminal": adapter}, SCHEDULE, stop=stop,
                                         interval=0), timeout=10)
    await stopper
    assert adapter.calls == 1, "the failed post is recorded, never retried"
    assert len(await engine.store.sent_keys()) == 1


# `sbbot schedule` -----------------------------------------------------------------------------


def test_sbbot_schedule_is_a_dry_run_showing_the_terminal_channel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SBBOT_DATABASE", str(tmp_path / "sbbot.sqlite3"))
    monkeypatch.setenv("SBBOT_KNOWLEDGE_DIR", str(ROOT / "knowledge"))
    monkeypatch.setenv("SBBOT_TIMEZONE", "Europe/Paris")
    assert main(["ask", "!abonner tout"]) == 0
    capsys.readouterr()

    # The shipped event starts 2014-04-04 08:30 in Geneva: its 7-day reminder is due then.
    runs = []
    for _ in range(2):
        assert main(["schedule", "--at", "2014-03-28T08:30", "--json"]) == 0
        runs.append(capsys.readouterr().out)
    assert runs[0] == runs[1], "a dry run records nothing"
    [line] = runs[0].splitlines()
    data = json.loads(line)
    assert list(data) == ["kind", "platform", "channel", "at", "event", "text"]
    assert data["kind"] == "event_reminder"
    assert (data["platform"], data["channel"]) == ("terminal", "terminal")
    assert data["at"] == "2014-03-28T08:30:00+01:00"
    assert data["event"] == "matinee-entreprise-de-demain-2014"
    assert data["text"].startswith("Rappel : « Matinée de l’entreprise de demain » a lieu "
                                   "dans 7 jours.")

    assert main(["schedule", "--next", "3", "--json"]) == 0
    upcoming_lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [item["kind"] for item in upcoming_lines] == ["daily_quote"] * 3
    assert all(item["at"].endswith("T09:00:00+01:00") or item["at"].endswith("T09:00:00+02:00")
               for item in upcoming_lines)

    assert main(["schedule", "--at", "2014-03-28T08:30"]) == 0
    assert "event_reminder\nRappel : « Matinée" in capsys.readouterr().out

    # A huge count was planned day by day for minutes; it is refused at once.
    for count in ("100000", "0", "-1", "trois"):
        with pytest.raises(SystemExit) as refused:
            main(["schedule", "--next", count])
        assert refused.value.code == 2
        assert capsys.readouterr().err.endswith(
            f"argument --next: a number from 1 to 1000, not '{count}'\n")


# Shutdown -------------------------------------------------------------------------------------


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A homeserver that accepts connections and never answers: the adapter never connects,
    so a due announcement waits for it."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def claimed_keys(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as raw:
        try:
            return [row[0] for row in raw.execute("SELECT key FROM announcement")]
        except sqlite3.OperationalError:  # not created yet
            return []


async def test_sigterm_during_a_pending_announcement_stops_within_seconds(
        tmp_path: Path, black_hole: str) -> None:
    path = tmp_path / "sbbot.sqlite3"
    store = await open_store(path)
    await store.subscribe("matrix", "!salle:example.org", ["daily_quote"])
    await store.close()
    quote_time = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%H:%M")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SBBOT_DATABASE": str(path),
           "SBBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge"), "SBBOT_TIMEZONE": "UTC",
           "SBBOT_DAILY_QUOTE_TIME": quote_time, "MATRIX_HOMESERVER": black_hole,
           "MATRIX_USER_ID": "@sbbot:example.org", "MATRIX_ACCESS_TOKEN": "syt_not_checked"}
    child = subprocess.Popen([sys.executable, "-m", "sbbot", "run"], env=env, cwd=tmp_path,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time_module.monotonic() + 30
        while not claimed_keys(path) and time_module.monotonic() < deadline:
            assert child.poll() is None, child.communicate()
            await asyncio.sleep(0.1)
        [key] = claimed_keys(path)
        assert key.startswith("daily_quote/") and key.endswith("/matrix/!salle:example.org")
        await asyncio.sleep(0.5)  # the pass is now waiting on the adapter
        child.send_signal(signal.SIGTERM)
        stopped = time_module.monotonic()
        _, stderr = child.communicate(timeout=30)
        took = time_module.monotonic() - stopped
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert took < 5, f"took {took:.1f} s to stop"
    assert child.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert claimed_keys(path) == [key], "the abandoned announcement stays claimed"
