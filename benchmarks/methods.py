"""The matchers compared: sbbot's router, three baselines, two anchors (`anchors.py`), and a
full-scan reference.

Every matcher answers `best(text) -> Best`. The router decides on its own (its verdict);
a baseline or an anchor only gives its best entry and score, and the harness applies the off-topic
threshold chosen for it on the dev set (`thresholds.py`). Each baseline is the plain,
usual use of its library, made as fast as that use allows without changing its answers:
texts are folded once at build time, not at every question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from benchmarks.anchors import Bm25sMatcher, TantivyMatcher
from benchmarks.matcher import Best, Builder
from sbbot.entries import Entry
from sbbot.router import Query, Router, confidence, rank
from sbbot.router.matches import Candidate
from sbbot.router.scoring import Scorer
from sbbot.text import fold


class RouterMatcher:
    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        self.router = Router(entries, dict(synonyms))

    def best(self, text: str) -> Best:
        return router_best(self.router, text)


def router_best(router: Router, text: str) -> Best:
    result = router.route(text)
    if result.best is None:
        return Best(None, 0.0, result.verdict)
    return Best(result.best.entry.id, result.best.score, result.verdict)


class FullScanRouter(Router):
    """The router's ranking applied to every entry that shares a word with the question.

    The router scores only the entries that could rank (see `sbbot.router.index`);
    this reference scores them all, with the router's own formula, so agreeing with it on
    the dev set shows that the shortcut loses no answer. It shares the index of an already
    built router instead of building a second one (seconds at 100,000 passages).
    """

    @classmethod
    def sharing(cls, router: Router) -> FullScanRouter:
        reference = cls.__new__(cls)
        reference.__dict__.update(vars(router))
        scorer = FullScanScorer.__new__(FullScanScorer)
        scorer.__dict__.update(vars(router._scorer))
        reference._scorer = scorer
        return reference


class FullScanScorer(Scorer):
    def best(self, query: Query, count: int) -> list[Candidate]:
        bm25s: dict[int, float] = {}
        covered: dict[int, float] = {}
        for term, weight in query.weights.items():
            evidence = query.evidence[term]
            for index, impact in self._index.postings(term).items():
                bm25s[index] = bm25s.get(index, 0) + impact * weight
                covered[index] = covered.get(index, 0) + evidence
        top_bm25 = max(bm25s.values())
        scored = []
        for index, bm25 in bm25s.items():
            similarity = self._hint_similarity(index, query.shape)
            coverage = covered[index] / query.total
            bonus = query.event_bonus if index in self._events else 0.0
            scored.append((rank(bm25, coverage, top_bm25, similarity) + bonus,
                           index, confidence(coverage, similarity), similarity))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [Candidate(self.entries, index, score, None, ranked, similarity)
                for ranked, index, score, similarity in scored[:count]]

    def _hint_similarity(self, index: int, shape: str) -> float:
        """The best `fuzz.ratio` of the question's shape to the entry's hint shapes, written
        out here: the router inlines it in its own ranking."""
        hints = self._hint_shapes.get(index)
        if not hints:
            return 0.0
        found = process.extractOne(shape, hints, scorer=fuzz.ratio)
        return found[1] / 100 if found else 0.0


class DifflibMatcher:
    """The best `SequenceMatcher.ratio` over the folded entry texts.

    The question is the cached side (`set_seq2`), and `real_quick_ratio` / `quick_ratio`
    (upper bounds of `ratio`) skip entries that cannot beat the best so far, as
    `difflib.get_close_matches` does: the same answer as a plain scan, several times faster.
    """

    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        self._ids = [entry.id for entry in entries]
        self._texts = [fold(entry.text) for entry in entries]

    def best(self, text: str) -> Best:
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(fold(text))
        best_index, best_ratio = -1, 0.0
        for index, candidate in enumerate(self._texts):
            matcher.set_seq1(candidate)
            if (matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio
                    and (ratio := matcher.ratio()) > best_ratio):
                best_index, best_ratio = index, ratio
        if best_index < 0:
            return Best(None, 0.0)
        return Best(self._ids[best_index], 100 * best_ratio)


class RapidfuzzMatcher:
    """`process.extractOne` with `token_set_ratio` over the folded entry texts."""

    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        self._ids = [entry.id for entry in entries]
        self._texts = [fold(entry.text) for entry in entries]

    def best(self, text: str) -> Best:
        found = process.extractOne(fold(text), self._texts, scorer=fuzz.token_set_ratio,
                                   processor=None)
        if found is None:
            return Best(None, 0.0)
        return Best(self._ids[found[2]], float(found[1]))


class Bm25Matcher:
    """`rank_bm25.BM25Okapi` over accent-folded tokens, best score wins."""

    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        from rank_bm25 import BM25Okapi  # a bench-only dependency

        self._ids = [entry.id for entry in entries]
        self._bm25 = BM25Okapi([fold(entry.text).split() for entry in entries])

    def best(self, text: str) -> Best:
        tokens = fold(text).split()
        if not tokens:
            return Best(None, 0.0)
        scores = self._bm25.get_scores(tokens)
        index = int(scores.argmax())
        return Best(self._ids[index], float(scores[index]))


METHODS: dict[str, Builder] = {
    "router": RouterMatcher,
    "difflib": DifflibMatcher,
    "rapidfuzz": RapidfuzzMatcher,
    "bm25": Bm25Matcher,
    "tantivy": TantivyMatcher,
    "bm25s": Bm25sMatcher,
}
