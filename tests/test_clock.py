"""The SBBOT_TEST_CLOCK hook: a file read as the bot's clock, checked at start-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sbbot.cli import poll_interval
from sbbot.clock import TEST_CLOCK_INTERVAL, set_test_clock
from sbbot.config import ConfigError, load_settings
from sbbot.scheduler import PASS_INTERVAL


def test_without_the_hook_the_system_clock_and_the_usual_interval_are_used() -> None:
    settings = load_settings({})
    assert settings.test_clock is None
    assert poll_interval(settings) == PASS_INTERVAL


def test_the_clock_reads_the_file_each_time(tmp_path: Path) -> None:
    path = tmp_path / "clock"
    moment = datetime(2014, 3, 20, 9, 0, tzinfo=UTC)
    set_test_clock(path, moment)
    settings = load_settings({"SBBOT_TEST_CLOCK": str(path)})
    assert settings.test_clock is not None
    assert settings.test_clock() == moment
    set_test_clock(path, moment + timedelta(days=3))
    assert settings.test_clock() == moment + timedelta(days=3)
    assert poll_interval(settings) == TEST_CLOCK_INTERVAL
    assert [item.name for item in tmp_path.iterdir()] == ["clock"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("demain", "should hold an instant with its offset"),
    ("2014-03-20T09:00:00", "should hold an instant with its offset"),
])
def test_a_bad_clock_file_stops_the_bot_with_one_line(
        tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "clock"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError) as error:
        load_settings({"SBBOT_TEST_CLOCK": str(path)})
    assert str(error.value).startswith(f"SBBOT_TEST_CLOCK: {path}" if content is not None
                                       else "SBBOT_TEST_CLOCK: cannot read")
    assert message in str(error.value) and "\n" not in str(error.value)
