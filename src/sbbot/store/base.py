"""What every store back end shares: the interface, its records, and the pure rules.

The scheduler and the commands see only `Store`; `sbbot.store.open_store` picks the back end
from `SBBOT_DATABASE` (a path: SQLite, the default; a `postgresql://` URL: PostgreSQL). The
rules that do not depend on the database (which rotation item comes next, which daily quote)
are pure functions here, so both back ends and the in-memory fallback apply them alike.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Final, get_args

from sbbot.chat import Announcement, AnnouncementKind

SUBSCRIPTION_KINDS: Final[tuple[AnnouncementKind, ...]] = get_args(AnnouncementKind)

UNANSWERED_KEPT: Final = timedelta(days=30)
"""Unanswered questions are members' words: kept long enough for `!questions` (7 days) and a
little history, then deleted."""
PRUNE_EVERY: Final = timedelta(hours=1)
"""Old rows are deleted at most this often, not on every insert: the bot answers thousands
of questions a second and each prune is a scan."""
QUOTE_CYCLES_KEPT: Final = 2
"""Daily-quote history kept: the current cycle and the one before (for its last quote)."""


class StoreError(Exception):
    """The database cannot be used; the message is one line naming it (never a password)."""


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel: str
    kind: AnnouncementKind
    community: str = field(default="", compare=False)
    since: datetime | None = field(default=None, compare=False)
    """Announcements due before this instant are not posted to the channel: a channel
    subscribes from now on, so a re-subscription never brings back what was posted."""


@dataclass(frozen=True)
class UnansweredQuestion:
    """A question the bot could not answer, grouped with the ones worded the same way."""

    text: str
    count: int
    last_asked: datetime


@dataclass(frozen=True)
class DailyQuote:
    """The quote chosen for a day, and the cycle (every quote once) it belongs to."""

    day: date
    quote: str
    cycle: int


def choose_next(items: Sequence[str], given: Iterable[str], last: str | None,
                rng: random.Random) -> tuple[str, bool]:
    """The next item of a rotation bag, and whether the bag was refilled to give it.

    Items no longer in `items` (a knowledge reload) are ignored and new ones join the bag.
    After a refill the item given last is held back once, so that nobody sees the same one
    twice in a row.
    """
    unique = list(dict.fromkeys(items))
    if not unique:
        raise ValueError("rotation bag is empty")
    given = set(given)
    remaining = [item for item in unique if item not in given]
    refill = not remaining
    if refill:
        remaining = [item for item in unique if item != last] or unique
    return rng.choice(remaining), refill


@dataclass
class MemoryRotations:
    """The rotation bags kept in memory while the store cannot be written, so that
    `!raison` and `!citation` still go through every item before repeating."""

    bags: dict[tuple[str, str, str], tuple[set[str], str | None]] = field(default_factory=dict)

    def next(self, scope: tuple[str, str, str], items: Sequence[str],
             rng: random.Random) -> str:
        given, last = self.bags.get(scope, (set(), None))
        chosen, refill = choose_next(items, given, last, rng)
        given = {chosen} if refill else {*given, chosen}
        self.bags[scope] = (given, chosen)
        return chosen


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


def aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the store only keeps aware times")
    return moment.astimezone(UTC)


class Store(ABC):
    """Everything the bot remembers across restarts. Every method raises `StoreError` (one
    line) when the database cannot be used; none ever deletes what it cannot read."""

    name: str
    """How messages name the database: its path, or its URL without password."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def check(self) -> None:
        """Raise `StoreError` unless the database answers and is still the one opened (not
        deleted or replaced under the bot)."""

    @abstractmethod
    async def next_in_rotation(self, platform: str, channel: str, bag: str,
                               items: Sequence[str], rng: random.Random) -> str:
        """An item not given yet in this channel's bag (see `choose_next`); two processes
        serving one channel share the bag."""

    @abstractmethod
    async def record_unanswered(self, platform: str, channel: str, text: str, at: datetime,
                                community: str = "") -> None:
        """Keep a question the bot could not answer, for `!questions`; never who asked it.
        Queued and written within a second, off the answer path (see
        `sbbot.store.pending`): the outcome goes to the `watch_writes` listener."""

    @abstractmethod
    async def flush(self) -> None:
        """Write the queued unanswered questions now; `StoreError` if they cannot be."""

    @abstractmethod
    def watch_writes(self, listener: Callable[[StoreError | None], None]) -> None:
        """Have `listener` told the outcome of every write of queued questions: the error,
        or None once they are written."""

    @abstractmethod
    async def frequent_unanswered(self, since: datetime, limit: int,
                                  community: str | None = None) -> list[UnansweredQuestion]:
        """The most asked unanswered questions of `community` (every one when None) since
        `since`, shown with their latest wording; ties go to the most recent."""

    @abstractmethod
    async def subscribe(self, platform: str, channel: str, kinds: Iterable[AnnouncementKind],
                        *, community: str = "",
                        since: datetime | None = None) -> frozenset[AnnouncementKind]:
        """Subscribe the channel; returns the kinds it was not subscribed to before."""

    @abstractmethod
    async def unsubscribe(self, platform: str, channel: str,
                          kinds: Iterable[AnnouncementKind]) -> frozenset[AnnouncementKind]:
        """Unsubscribe the channel; returns the kinds it was actually subscribed to."""

    @abstractmethod
    async def subscriptions(self, platform: str | None = None) -> list[Subscription]: ...

    @abstractmethod
    async def resume_announcements(self, now: datetime) -> bool:
        """Lift a hold on announcements (see `check`), from `now` on: what fell due before
        is not posted, since it may have been already. False if nothing was held."""

    @abstractmethod
    async def record_sent(self, announcement: Announcement,
                          keep_until: datetime | None = None) -> bool:
        """Claim the announcement's key; False if it was claimed already (by this process
        or another). The scheduler calls this *before* posting: True is the one and only
        permission to post. The claim is kept until `keep_until` (default: its time)."""

    @abstractmethod
    async def sent_keys(self) -> frozenset[str]: ...

    @abstractmethod
    async def prune_sent(self, before: datetime) -> int:
        """Forget claims kept until before `before`; returns how many."""

    @abstractmethod
    async def daily_quotes(self) -> list[DailyQuote]:
        """The daily-quote history still kept, oldest first."""

    @abstractmethod
    async def record_daily_quote(self, choice: DailyQuote) -> DailyQuote:
        """Keep the day's choice unless one is kept already; returns the kept one, so that
        every process posts the same quote that day."""

    @abstractmethod
    async def get_value(self, name: str) -> str | None: ...

    @abstractmethod
    async def set_value(self, name: str, value: str | None) -> None:
        """Set a named value; None deletes it (e.g. a revoked Matrix access token)."""
