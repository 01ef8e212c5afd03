"""What ranking hands on: a `Candidate` while entries are compared, a `Match` and a
`RouteResult` once the verdict is given."""

from __future__ import annotations

from dataclasses import dataclass

from sbbot.columns import EntryTable
from sbbot.entries import Entry
from sbbot.router.verdict import Verdict


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float
    """0 to 100: coverage of the question by the entry, adjusted by the re-ranking."""


@dataclass(frozen=True)
class RouteResult:
    verdict: Verdict
    best: Match | None
    runners_up: tuple[Match, ...]


UNKNOWN = RouteResult("unknown", None, ())


class Candidate:
    """A ranked entry: its number and confidence. Its `Entry` is made from the columns when
    first read (an answer reads two or three of the entries ranked, not all of them),
    unless it is given (`made`)."""

    __slots__ = ("_entries", "_entry", "index", "score")

    def __init__(self, entries: EntryTable, index: int, score: float,
                 made: Entry | None = None) -> None:
        self._entries, self.index, self.score = entries, index, score
        self._entry: Entry | None = made

    @property
    def entry(self) -> Entry:
        if self._entry is None:
            self._entry = self._entries[self.index]
        return self._entry

    def match(self) -> Match:
        return Match(self.entry, self.score)
