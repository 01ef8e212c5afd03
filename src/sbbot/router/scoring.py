"""Which entries rank best for a query, exactly, and which of its words an entry holds.

Most answers are entries with example questions (hints) or event cards: a few dozen, whose
postings are kept in dicts so that scoring them and asking what they contain costs no numpy
call. Every other entry is scored over the inverted index's arrays (`router/index.py`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from sbbot.columns import EntryTable
from sbbot.entries import Entry
from sbbot.router.index import PRUNE_MARGIN, InvertedIndex, best_positions
from sbbot.router.matches import RANK_COVERAGE, RANK_HINT, Candidate, confidence
from sbbot.router.terms import Query

NO_HINT_SHAPES: tuple[tuple[str, ...], int, int] = ((), 0, 0)


class Scorer:
    """The index, and the hinted entries' own postings and hint shapes; immutable."""

    def __init__(self, index: InvertedIndex, entries: EntryTable, made: Sequence[Entry],
                 hint_shapes: dict[int, tuple[str, ...]], events: frozenset[int]) -> None:
        self._index, self.entries, self._events = index, entries, events
        self._hint_shapes = hint_shapes
        self.hinted = sorted(hint_shapes.keys() | events)
        """The entries with hints or an event card: the usual answers."""
        self._hinted = index.restrict(self.hinted)
        self._hinted_entries = np.asarray(self.hinted, np.int64)
        self._complete = frozenset(term for term, postings in self._hinted.items()
                                   if len(postings) == index.frequency(term))
        """The terms whose every entry is hinted: a question of only these needs no arrays."""
        self._hint_table = {index: (shapes, min(map(len, shapes)), max(map(len, shapes)))
                            for index, shapes in hint_shapes.items() if shapes}
        """Each hinted entry's hint shapes, and their shortest and longest lengths."""
        self._made = {index: made[index] for index in self.hinted}
        """The hinted entries as objects (a few dozen): the usual answers, not made from
        the columns (2.4 µs each) at every question."""

    def best(self, query: Query, count: int) -> list[Candidate]:
        """The `count` best entries, exactly as if every entry sharing a word were scored.

        The entries without example questions need only their BM25 and coverage sums, which
        the index gives for all of them at once as arrays: their best ranks are picked from
        the arrays first. The entries with example questions are scored from their own
        posting lists, then taken in rank order until even a perfect hint similarity
        (RANK_HINT) could not lift one into the best found so far: the higher the others
        set the bar, the fewer hint similarities are computed. The best BM25 of all
        normalises the ranking.
        """
        weights, total, evidence = query.weights, query.total, query.evidence
        bm25s: dict[int, float] = {}
        covered: dict[int, float] = {}
        for term, weight in weights.items():
            gain = evidence[term]
            for index, impact in self._hinted[term].items():
                if index in bm25s:  # else 0 + x, which is x: the same floats as a sum from 0
                    bm25s[index] += impact * weight
                    covered[index] += gain
                else:
                    bm25s[index] = impact * weight
                    covered[index] = gain
        top_bm25 = max(bm25s.values(), default=0.0)
        best: list[tuple[float, int]] = []
        coverage: dict[int, float] = {}
        if not self._complete.issuperset(weights):
            # rank() over the arrays: the same operations, the same floats
            found = self._index.scores(weights, evidence, self._hinted_entries)
            top_bm25 = max(top_bm25, float(found.bm25.max(initial=0.0)))
            ranks = found.bm25 / top_bm25 + RANK_COVERAGE * (found.gains / total)
            chosen = best_positions(ranks, count)
            # `count` at most, all kept: the heap made at once, from Python numbers made by
            # one conversion an array (a numpy scalar read costs one a value)
            indexes = found.entries[chosen].tolist()
            for index, gain in zip(indexes, found.gains[chosen].tolist(), strict=True):
                coverage[index] = gain / total
            best = [(rank, -index) for rank, index in zip(ranks[chosen].tolist(), indexes,
                                                           strict=True)]
            heapq.heapify(best)
        similarities: dict[int, float] = {}
        bonus, events, shape = query.event_bonus, self._events, query.shape
        reach, length, hinted = RANK_HINT + bonus, len(shape), self._hint_table
        extract, ratio, push, replace = (process.extractOne, fuzz.ratio, heapq.heappush,
                                         heapq.heapreplace)
        # rank() without a hint similarity (x + 0.0 is x): the same floats, without a call;
        # by rank, best first; on a tie, the lower entry: one sort of (-rank, index) pairs
        # (negating a float is exact)
        partial = sorted([(-(bm25 / top_bm25 + RANK_COVERAGE * (covered[index] / total)), index)
                          for index, bm25 in bm25s.items()])
        for lowered, index in partial:
            here = -lowered
            hints, shortest, longest = hinted.get(index, NO_HINT_SHAPES)
            extra = bonus if index in events else 0.0
            if len(best) >= count:
                floor = best[0][0] - PRUNE_MARGIN
                if here + reach < floor:
                    break
                # fuzz.ratio is at most 2 * min(a, b) / (a + b) for lengths a and b: an entry
                # whose hints are all far shorter or longer than the shape may not reach the
                # best, whatever they say
                bound = (0.0 if not hints else 2 * length / (length + shortest)
                         if length < shortest else 2 * longest / (length + longest)
                         if length > longest else 1.0)
                if here + RANK_HINT * bound + extra < floor:
                    continue
            # the best hint similarity (fuzz.ratio), inlined: a call less an entry
            similarities[index] = similarity = (
                extract(shape, hints, scorer=ratio)[1] / 100 if hints else 0.0)
            coverage[index] = covered[index] / total
            item = (here + RANK_HINT * similarity + extra, -index)
            if len(best) < count:
                push(best, item)
            elif item > best[0]:
                replace(best, item)
        return [Candidate(self.entries, index, confidence(coverage[index], similarity),
                          self._made.get(index), rank, similarity)
                for rank, index, similarity in ((rank, -negated, similarities.get(-negated, 0.0))
                                                for rank, negated in sorted(best, reverse=True))]

    def contains(self, match: Candidate, term: str) -> bool:
        """Whether the entry holds the term (`contained` of one term, without its set)."""
        if term not in self._index:
            return False
        if match.index in self._hint_shapes or match.index in self._events:
            return match.index in self._hinted[term]
        return self._index.impact(term, match.index) is not None

    def contained(self, index: int, stems: Iterable[str]) -> set[str]:
        """Which of the known `stems` entry `index` contains: an entry with hints (most
        answers) has its postings in a dict, the others are searched in the index."""
        if index in self._hint_shapes or index in self._events:
            return {stem for stem in stems if stem in self._index
                    and index in self._hinted[stem]}
        return {stem for stem in stems if stem in self._index
                and self._index.impact(stem, index) is not None}
