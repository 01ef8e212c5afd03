"""The first stage of routing: an inverted index that finds the best entries for a question.

Its interface is deliberately narrow (`InvertedIndex.postings`, `idf`, `top`), so that the
pure-Python implementation below can be replaced by a compiled one without touching the
ranking: whatever the implementation, `top` must return exactly the entries a full scan
would.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence, Set

# BM25's usual constants.
K1 = 1.2
B = 0.75
PRUNE_MARGIN = 1e-9
"""Bounds are compared with this slack, so that float rounding can never prune an entry that
exact arithmetic would keep."""
SMALL_SET = 32
"""Below this many candidates, scoring them all costs less than narrowing the set further."""


class InvertedIndex:
    """BM25 impacts of every term in every entry, entries numbered from 0."""

    def __init__(self, documents: Sequence[Mapping[str, float]],
                 document_frequency: Mapping[str, int]) -> None:
        """`documents[i]` maps entry i's terms to their (possibly fractional) frequency;
        `document_frequency` gives each term's idf (it may differ from the documents')."""
        self.size = count = len(documents)
        lengths = [sum(frequencies.values()) for frequencies in documents]
        average = sum(lengths) / max(count, 1)
        self._idf = {term: math.log(1 + (count - df + 0.5) / (df + 0.5))
                     for term, df in document_frequency.items()}
        self.max_idf = math.log(1 + (count + 0.5) / 0.5)
        """The idf a term found in no entry would have."""
        self._postings: dict[str, dict[int, float]] = {}
        for index, frequencies in enumerate(documents):
            norm = K1 * (1 - B + B * lengths[index] / average) if average else K1
            for term, tf in frequencies.items():
                impact = self._idf[term] * tf * (K1 + 1) / (tf + norm)
                self._postings.setdefault(term, {})[index] = impact
        self._max_impact = {term: max(postings.values())
                            for term, postings in self._postings.items()}
        self._by_impact = {term: sorted(postings, key=postings.__getitem__, reverse=True)
                           for term, postings in self._postings.items()}

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def idf(self, term: str) -> float | None:
        return self._idf.get(term)

    def postings(self, term: str) -> Mapping[int, float]:
        """The entries that contain `term`, with its BM25 impact in each."""
        return self._postings[term]

    def terms(self) -> Set[str]:
        return self._postings.keys()

    def top(self, weights: Mapping[str, float], bonus: Mapping[str, float], count: int,
            exclude: Set[int], floor: float = -math.inf) -> list[int]:
        """The `count` entries outside `exclude` with the highest linear score, best first.

        An entry's score is the sum, over the terms of `weights` it contains, of
        `impact * weights[term] + bonus[term]`; ties go to the lower index. Entries that
        cannot reach `floor` may be left out (the caller already has `count` better ones).
        """
        best: list[tuple[float, int]] = []
        terms = [term for term in weights if term in self._postings]
        bounds = {term: self._max_impact[term] * weights[term] + bonus.get(term, 0.0)
                  for term in terms}

        def gain(term: str, index: int) -> float:
            return self._postings[term][index] * weights[term] + bonus.get(term, 0.0)

        def score(index: int) -> float:
            return sum(gain(term, index) for term in terms if index in self._postings[term])

        best_entries(self._postings, self._by_impact, bounds, gain, score, count, best,
                     set(exclude), floor)
        return [-negated for _, negated in sorted(best, reverse=True)]


def offer(best: list[tuple[float, int]], count: int, score: float, index: int) -> None:
    """Keep the heap `best` the `count` highest (score, -index): on a tie, the first entry."""
    item = (score, -index)
    if len(best) < count:
        heapq.heappush(best, item)
    elif item > best[0]:
        heapq.heapreplace(best, item)


def best_entries(postings: Mapping[str, Mapping[int, float]],
                 by_impact: Mapping[str, Sequence[int]], bounds: Mapping[str, float],
                 gain: Callable[[str, int], float], score: Callable[[int], float], count: int,
                 best: list[tuple[float, int]], seen: set[int],
                 floor: float = -math.inf) -> None:
    """Add to the heap `best` the `count` best-scoring entries that are not in `seen`.

    `score(index)` is the sum of `gain(term, index)` over the query's terms in the entry;
    a gain is at most `bounds[term]` and falls with the term's impact. A branch and bound
    decides the terms one by one, largest bound first: either the entry contains the term
    (the candidates shrink to an intersection of sets, computed in C) or not (the bound
    shrinks). A branch that cannot beat the current `count`-th score (or `floor`) is dropped;
    a small set of candidates, or the last, is scored outright. A branch left with a single
    term needs only the entries that contain that term alone (one with more terms is also in
    the branch that has them all), so its posting list is walked from the highest impact
    down, only while an entry could still rank. Every entry that could rank is scored: the
    result is exact, and on five common words over 100,000 passages hundreds of entries are
    scored, not 40,000.
    """
    order = sorted(bounds, key=lambda term: -bounds[term])
    left = [0.0] * (len(order) + 1)
    for position in range(len(order) - 1, -1, -1):
        left[position] = left[position + 1] + bounds[order[position]]

    def threshold() -> float:
        return max(best[0][0] if len(best) >= count else -math.inf, floor) - PRUNE_MARGIN

    def take(index: int) -> None:
        seen.add(index)
        offer(best, count, score(index), index)

    branches: list[tuple[int, Set[int] | None, float, str | None]] = [(0, None, 0.0, None)]
    while branches:
        position, members, reached, alone = branches.pop()
        if reached + left[position] < threshold():
            continue
        if members is not None and alone is not None and position == len(order):
            for index in by_impact[alone]:
                if gain(alone, index) < threshold():
                    break
                if index not in seen:
                    take(index)
        elif members is not None and (len(members) <= SMALL_SET or position == len(order)):
            for index in members:
                if index not in seen:
                    take(index)
        elif position < len(order):
            term = order[position]
            branches.append((position + 1, members, reached, alone))
            keys = postings[term].keys()
            if members is None:
                branches.append((position + 1, keys, reached + bounds[term], term))
            elif inside := (members & keys if len(members) < len(keys) else keys & members):
                branches.append((position + 1, inside, reached + bounds[term], None))
