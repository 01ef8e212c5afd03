"""What ranking computes and hands on: the order of the entries (`rank`) and their
`confidence`; a `Candidate` while entries are compared, a `Match` and a `RouteResult` once
the verdict is given."""

from __future__ import annotations

from dataclasses import dataclass

from sbbot.columns import EntryTable
from sbbot.entries import Entry
from sbbot.router.verdict import Verdict

# Ranking: BM25 (normalised to the best candidate) + these times coverage and hint similarity.
RANK_COVERAGE = 2.0
RANK_HINT = 1.0
RANK_EVENT = 0.5
RERANK_WEIGHT = 0.5
"""Confidence: coverage, raised by up to half when the question reads like an example
question."""


def confidence(coverage: float, similarity: float) -> float:
    """What the verdict rests on, 0 to 100: coverage, raised by a similar example question."""
    return 100 * min(1.0, coverage * (1 + RERANK_WEIGHT * similarity))


def rank(bm25: float, coverage: float, top_bm25: float, similarity: float) -> float:
    """What orders the entries: BM25 (relative to the best), coverage, hint similarity."""
    return bm25 / top_bm25 + RANK_COVERAGE * coverage + RANK_HINT * similarity


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
    """A ranked entry: its number, confidence, rank and hint similarity. Its `Entry` is made
    from the columns when first read (an answer reads two or three of the entries ranked,
    not all of them), unless it is given (`made`)."""

    __slots__ = ("_entries", "_entry", "index", "rank", "score", "similarity")

    def __init__(self, entries: EntryTable, index: int, score: float,
                 made: Entry | None = None, rank: float = 0.0,
                 similarity: float = 0.0) -> None:
        self._entries, self.index, self.score = entries, index, score
        self.rank, self.similarity = rank, similarity
        self._entry: Entry | None = made

    def covering(self, coverage: float, rank: float) -> Candidate:
        """This entry covering `coverage` more of the question, ranked `rank` higher: its
        confidence raised as `confidence` would have (never past 100)."""
        score = min(100.0, self.score + 100 * coverage * (1 + RERANK_WEIGHT * self.similarity))
        return Candidate(self._entries, self.index, score, self._entry, self.rank + rank,
                         self.similarity)

    @property
    def entry(self) -> Entry:
        if self._entry is None:
            self._entry = self._entries[self.index]
        return self._entry

    def match(self) -> Match:
        return Match(self.entry, self.score)
