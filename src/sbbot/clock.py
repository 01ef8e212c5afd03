"""A simulated clock shared by several processes: the `SBBOT_TEST_CLOCK` test hook.

`SBBOT_TEST_CLOCK` names a file holding one ISO 8601 instant with its UTC offset. When it is
set, every reading of the bot's clock (scheduler passes, `!questions`, `!agenda`, ...) reads
that file instead of the system clock, and the scheduler passes every `TEST_CLOCK_INTERVAL`
seconds instead of every 30, since simulated time moves fast. A soak test that writes the
file (atomically: a temporary file, then a rename) moves time for several real `sbbot`
processes at once, and can hold it still while one of them restarts. Never set in production.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

TEST_CLOCK_INTERVAL = 0.02
"""Seconds between scheduler passes under the test clock."""


@dataclass(frozen=True)
class FileClock:
    """The instant written in `path`; a bad file raises ValueError naming it."""

    path: Path

    def __call__(self) -> datetime:
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ValueError(f"cannot read {self.path} ({error.strerror})") from None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValueError(f"{self.path} should hold an instant with its offset, such as "
                             f"2026-03-10T08:00:00+00:00, not {text[:40]!r}")
        return moment


def parse_test_clock(value: str) -> FileClock:
    """The hook's setting, read once at start-up so that a bad file stops the bot at once."""
    clock = FileClock(Path(value))
    clock()
    return clock


def set_test_clock(path: Path, moment: datetime) -> None:
    """Move the shared clock: readers see the old instant or the new one, never half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(moment.isoformat(), encoding="utf-8")
    os.replace(temporary, path)
