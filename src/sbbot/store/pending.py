"""Unanswered questions are written in batches, off the answer path.

Recording one is a statistic for `!questions`, not something a member waits for: a round
trip to PostgreSQL per unanswered question cost more than routing it. So the question joins
a bounded queue in memory, and one background task writes the whole queue in one statement
about once a second (`FLUSH_EVERY`). What that costs, and is documented for operators:

- A process killed with SIGKILL (or a power cut) loses the questions of its last second at
  most; a normal stop writes the queue first (`Store.close`).
- Another process sees a question up to a second late; this process sees its own at once
  (`Store.frequent_unanswered` writes the queue first).
- While the database cannot be written, questions wait in the queue and are written once it
  can; past `QUEUE_LIMIT` waiting, the oldest are dropped and counted in the log.
- A failed write is reported when it fails, to whoever `watch_writes` (the engine, so that
  the bot says once that it cannot record), not on the answer path.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sbbot.store.base import Store, StoreError, aware

log = logging.getLogger(__name__)

FLUSH_EVERY: Final = 1.0
"""Seconds between two writes of the queue: the most a SIGKILL can lose."""
QUEUE_LIMIT: Final = 10_000
"""Questions kept waiting while the database cannot be written; beyond, the oldest go."""


@dataclass(frozen=True)
class UnansweredRow:
    platform: str
    community: str
    channel: str
    text: str
    at: datetime


Write = Callable[[list[UnansweredRow]], Awaitable[None]]
Listener = Callable[[StoreError | None], None]
"""Told each write's outcome: the error, or None when the rows were written."""


class UnansweredQueue:
    """The questions waiting to be written by `write` (one batch, one transaction)."""

    def __init__(self, write: Write, *, every: float = FLUSH_EVERY,
                 limit: int = QUEUE_LIMIT) -> None:
        self._write = write
        self._every = every
        self._limit = limit
        self._rows: deque[UnansweredRow] = deque()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.listener: Listener | None = None
        self.dropped = 0

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, row: UnansweredRow) -> None:
        self._rows.append(row)
        self._trim()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def flush(self) -> None:
        """Write everything queued now; raise `StoreError` (keeping the rows) if it fails."""
        async with self._lock:
            if not self._rows:
                return
            batch = list(self._rows)
            self._rows.clear()
            try:
                await self._write(batch)
            except StoreError as error:
                self._rows.extendleft(reversed(batch))
                self._trim()
                self._tell(error)
                raise
            except BaseException:
                self._rows.extendleft(reversed(batch))
                raise
            self._tell(None)

    def _tell(self, outcome: StoreError | None) -> None:
        if self.listener is not None:
            self.listener(outcome)

    async def close(self) -> None:
        """Stop the background task and write what is left (a normal stop loses nothing
        that the database accepts)."""
        if self._task is not None:
            async with self._lock:  # a write under way ends first: cancelled half-way, its
                self._task.cancel()  # rows would be queued again after its COMMIT had run
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        try:
            await self.flush()
        except StoreError as error:
            log.warning("%d unanswered questions not recorded: %s", len(self._rows), error)

    async def _run(self) -> None:
        """Write the queue every `every` seconds while it has rows, then end (`add` starts
        it again): no task runs while the bot answers nothing unanswered."""
        while self._rows:
            await asyncio.sleep(self._every)
            try:
                await self.flush()
            except StoreError as error:
                log.debug("unanswered questions not written yet: %s", error)

    def _trim(self) -> None:
        excess = len(self._rows) - self._limit
        if excess > 0:
            for _ in range(excess):
                self._rows.popleft()
            if not self.dropped:
                log.warning("more than %d unanswered questions waiting for the database: "
                            "the oldest are dropped", self._limit)
            self.dropped += excess


class QueuedUnanswered(Store, ABC):
    """A back end whose unanswered questions go through an `UnansweredQueue`: it writes a
    batch in `_write_unanswered`, writes the queue before reading it, and closes it first."""

    def __init__(self) -> None:
        self._unanswered = UnansweredQueue(self._write_unanswered)

    async def record_unanswered(self, platform: str, channel: str, text: str, at: datetime,
                                community: str = "") -> None:
        self._unanswered.add(UnansweredRow(platform, community, channel, text, aware(at)))

    async def flush(self) -> None:
        await self._unanswered.flush()

    def watch_writes(self, listener: Listener) -> None:
        self._unanswered.listener = listener

    @abstractmethod
    async def _write_unanswered(self, rows: list[UnansweredRow]) -> None:
        """Insert the rows in one transaction (and prune the old ones now and then)."""
