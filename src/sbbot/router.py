"""Question routing: from a member's question to the knowledge entry that answers it.

Why not plain rapidfuzz over the passages: `WRatio` scores any long passage ~85 as soon as it
shares one common word with the question, so it cannot tell an answer from noise, and a
full fuzzy scan is too slow for a large archive. Instead:

1. The question is folded (case, accents, punctuation), stripped of stopwords and stemmed;
   English and everyday words are mapped onto the posts' words (`synonyms.yaml`); a word
   the knowledge does not contain is corrected by rapidfuzz to the nearest known word (typos).
2. Entries are ranked by BM25 over an inverted index (rare words weigh more than common
   ones), by coverage (below) and by rapidfuzz similarity to their example questions (hints).
   The ranking is exact, the same as scoring every entry, yet few entries are scored:
   entries with hints are scored in full (they are few in a large archive), the others
   come from a branch and bound over the posting lists (`best_entries`), fast even with
   100,000 passages.
3. The best entries are the answer and the runners-up offered when the bot is unsure.
4. The verdict rests on *coverage*: the share of the question's rarity-weighted words that
   the best entry contains. An off-topic question ("recette de la tarte") shares no rare word
   with any entry, whatever its length, so it falls back instead of getting a random passage.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from itertools import chain
from typing import Literal

from rapidfuzz import fuzz, process

from sbbot.knowledge.model import Entry, Knowledge
from sbbot.text import GENERIC_WORDS, fold, stem, words

Verdict = Literal["answer", "unsure", "unknown"]

# BM25's usual constants.
K1 = 1.2
B = 0.75
# How much an entry's hints and its post's title count beside its own text.
HINT_WEIGHT = 1.0
TITLE_WEIGHT = 0.3
# Ranking: BM25 (normalised to the best candidate) + these times coverage and hint similarity.
RANK_COVERAGE = 2.0
RANK_HINT = 1.0
# Confidence: coverage, raised by up to half when the question reads like an example question.
RERANK_WEIGHT = 0.5
# Verdicts on the confidence (0-100). These and the weights above were chosen by a grid
# search on tests/data/devset.yaml; tests/data/heldout.yaml checks they generalise.
ANSWER_SCORE = 45.0
UNSURE_SCORE = 40.0
# Typo correction: words shorter than this are never corrected; rapidfuzz ratio cut-offs.
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF_SHORT = 90
TYPO_CUTOFF = 84
ANCHORS = (0, 1, -1)
# An unknown word weighs this fraction of the rarest known word; a generic word this much.
UNKNOWN_WORD_WEIGHT = 0.8
GENERIC_WEIGHT = 0.1
# Least idf an answer must share with the question: a word found in about one entry in ten.
MIN_EVIDENCE = 2.5
PRUNE_MARGIN = 1e-9
"""Bounds are compared with this slack, so that float rounding can never prune an entry that
exact arithmetic would keep."""
SMALL_SET = 32
"""Below this many candidates, scoring them all costs less than narrowing the set further."""


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


@dataclass(frozen=True)
class QueryTerm:
    stem: str
    weight: float
    """1 for a word found as typed, less for a typo correction."""


@dataclass(frozen=True)
class Query:
    """A question as the ranking sees it."""

    weights: dict[str, float]
    """Known stems and their weights (typo corrections and generic words weigh less)."""
    evidence: dict[str, float]
    total: float
    shape: str
    """The stems sorted and joined, as compared with the hints' shapes."""


UNKNOWN = RouteResult("unknown", None, ())
GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


class Router:
    """An index over every entry of one knowledge snapshot; immutable once built (apart from
    a memo of folded entry texts, a pure function of the entries)."""

    def __init__(self, knowledge: Knowledge | Iterable[Entry],
                 synonyms: dict[str, str] | None = None) -> None:
        if isinstance(knowledge, Knowledge):
            entries = list(knowledge.entries())
            synonyms = dict(knowledge.synonyms)
        else:
            entries = list(knowledge)
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._index_of = {entry.id: index for index, entry in enumerate(self.entries)}
        self._synonyms = {fold(variant): stem(fold(canonical))
                          for variant, canonical in (synonyms or {}).items()}
        term_frequencies = [self._weighted_terms(entry) for entry in self.entries]
        self._lengths = [sum(frequencies.values()) for frequencies in term_frequencies]
        average = sum(self._lengths) / max(len(self._lengths), 1)
        document_frequency = text_document_frequency(
            term_frequencies, [set(self._terms(entry.text)) for entry in self.entries])
        count = len(self.entries)
        self._idf = {term: math.log(1 + (count - df + 0.5) / (df + 0.5))
                     for term, df in document_frequency.items()}
        self._max_idf = math.log(1 + (count + 0.5) / 0.5)
        self._postings: dict[str, dict[int, float]] = {}
        for index, frequencies in enumerate(term_frequencies):
            norm = K1 * (1 - B + B * self._lengths[index] / average) if average else K1
            for term, tf in frequencies.items():
                impact = self._idf[term] * tf * (K1 + 1) / (tf + norm)
                self._postings.setdefault(term, {})[index] = impact
        self._max_impact = {term: max(postings.values())
                            for term, postings in self._postings.items()}
        self._vocabulary = build_vocabulary(self.entries, self._synonyms)
        self._hint_shapes = [tuple(" ".join(sorted(set(self._terms(question))))
                                   for question in entry.hints.questions)
                             for entry in self.entries]
        self._by_impact = {term: sorted(postings, key=postings.__getitem__, reverse=True)
                           for term, postings in self._postings.items()}
        self._hinted = {term: {index: impact for index, impact in postings.items()
                               if self._hint_shapes[index]}
                        for term, postings in self._postings.items()}
        self._typo_choices = typo_choices(self._vocabulary)
        self._text_keys: dict[str, str] = {}

    def _terms(self, text: str) -> list[str]:
        """Index terms of a text: words folded onto their canonical form, then stemmed."""
        return [self._synonyms.get(word) or stem(word) for word in words(text)]

    def _weighted_terms(self, entry: Entry) -> dict[str, float]:
        frequencies: dict[str, float] = dict(Counter(self._terms(entry.text)))
        for hint in (*entry.hints.questions, *entry.hints.keywords):
            for term in self._terms(hint):
                frequencies[term] = frequencies.get(term, 0.0) + HINT_WEIGHT
        for term in self._terms(entry.source):
            frequencies[term] = frequencies.get(term, 0.0) + TITLE_WEIGHT
        return frequencies

    def query_terms(self, text: str) -> list[QueryTerm]:
        """The question as weighted stems; unknown words keep their own stem (weight 1)."""
        terms: list[QueryTerm] = []
        for word in words(text):
            if word in self._synonyms:
                terms.append(QueryTerm(self._synonyms[word], 1.0))
            elif stem(word) in self._postings or len(word) < MIN_TYPO_LENGTH:
                terms.append(QueryTerm(stem(word), 1.0))
            else:
                terms.append(self._correct(word))
        return terms

    def _correct(self, word: str) -> QueryTerm:
        candidates = dict.fromkeys(chain.from_iterable(
            self._typo_choices.get((len(word), position, word[position]), ())
            for position in ANCHORS))
        found = process.extractOne(word, candidates, scorer=fuzz.ratio,
                                   score_cutoff=typo_cutoff(len(word)))
        if found is None:
            return QueryTerm(stem(word), 1.0)
        return QueryTerm(self._vocabulary[found[0]], (found[1] / 100) ** 2)

    def route(self, text: str, limit: int = 3) -> RouteResult:
        terms = self.query_terms(text)
        if all(term.stem in GENERIC_STEMS for term in terms):
            return UNKNOWN
        weights: dict[str, float] = {}
        for term in terms:
            if term.stem in self._postings:
                weight = term.weight * (GENERIC_WEIGHT if term.stem in GENERIC_STEMS else 1.0)
                weights[term.stem] = max(weights.get(term.stem, 0.0), weight)
        if not weights:
            return UNKNOWN
        evidence = {term.stem: self._evidence(term) for term in terms}
        total = sum(self._evidence(QueryTerm(term.stem, 1.0), generic_discount=False)
                    for term in terms)
        query = Query(weights, evidence, total, " ".join(sorted(weights)))
        count = 2 * limit
        matches = self._ranked(query, count)
        best = matches[0]
        verdict: Verdict
        if best.score >= ANSWER_SCORE and self._specific(best, query) >= MIN_EVIDENCE:
            verdict = "answer"
        elif best.score >= UNSURE_SCORE:
            verdict = "unsure"
        else:
            return UNKNOWN
        runners_up = self._distinct_runners_up(best, matches[1:], limit - 1)
        while len(runners_up) < limit - 1 and len(matches) == count:
            count *= 4
            matches = self._ranked(query, count)
            runners_up = self._distinct_runners_up(best, matches[1:], limit - 1)
        return RouteResult(verdict, best, runners_up)

    def entry(self, entry_id: str) -> Entry:
        return self.entries[self._index_of[entry_id]]

    def _specific(self, match: Match, query: Query) -> float:
        """How much rare-word evidence the entry shares with the question, in idf units.

        One broad word ("les réseaux ?") is found in a dozen entries: covering it does not
        single one out, so the bot offers topics instead of answering with any of them.
        """
        index = self._index_of[match.entry.id]
        return sum(query.evidence[term] for term in query.weights
                   if index in self._postings[term])

    def _evidence(self, term: QueryTerm, generic_discount: bool = True) -> float:
        """How much a query word says about the topic: rare words much, generic words little.

        A word no entry contains weighs nearly as much as the rarest known word, so a
        question made mostly of unknown words is off-topic, however many common words it
        shares. In the question's total every word counts in full, but where an entry has
        it, a generic word covers only a tenth of itself and a typo-corrected word only its
        match quality: "quel temps fera-t-il demain ?" cannot be answered through "demain".
        """
        idf = self._idf.get(term.stem, UNKNOWN_WORD_WEIGHT * self._max_idf)
        generic = generic_discount and term.stem in GENERIC_STEMS
        return idf * term.weight * (GENERIC_WEIGHT if generic else 1.0)

    def _hint_similarity(self, index: int, shape: str) -> float:
        hints = self._hint_shapes[index]
        if not hints:
            return 0.0
        found = process.extractOne(shape, hints, scorer=fuzz.ratio)
        return found[1] / 100 if found else 0.0

    def _ranked(self, query: Query, count: int) -> list[Match]:
        """The `count` best entries, exactly as if every entry sharing a word were scored.

        Entries with example questions are scored first and in full, from their own posting
        lists: the hint similarity, up to RANK_HINT, could lift any of them. The others'
        rank is a plain sum over the question's terms, so `best_entries` finds the best of
        them without scoring them all: first the top BM25 score, which normalises the
        ranking, then the best ranks.
        """
        weights, postings = query.weights, self._postings
        bm25s: dict[int, float] = {}
        covered: dict[int, float] = {}
        for term, weight in weights.items():
            evidence = query.evidence[term]
            for index, impact in self._hinted[term].items():
                bm25s[index] = bm25s.get(index, 0) + impact * weight
                covered[index] = covered.get(index, 0) + evidence
        others = any(len(postings[term]) > len(self._hinted[term]) for term in weights)
        best = [max((bm25, -index) for index, bm25 in bm25s.items())] if bm25s else []
        if others:
            best_entries(postings, self._by_impact,
                         {term: self._max_impact[term] * weight
                          for term, weight in weights.items()},
                         lambda term, index: postings[term][index] * weights[term],
                         lambda index: self._bm25_coverage(index, query)[0], 1, best,
                         set(bm25s))
        top_bm25 = best[0][0]
        best = []
        similarities: dict[int, float] = {}
        partial = {index: rank(bm25s[index], covered[index] / query.total, top_bm25, 0.0)
                   for index in bm25s}
        for index in sorted(partial, key=lambda index: (-partial[index], index)):
            if len(best) >= count and partial[index] + RANK_HINT < best[0][0] - PRUNE_MARGIN:
                break
            similarities[index] = similarity = self._hint_similarity(index, query.shape)
            offer(best, count, partial[index] + RANK_HINT * similarity, index)
        if others:
            gains = {term: RANK_COVERAGE * query.evidence[term] / query.total for term in weights}
            best_entries(
                postings, self._by_impact,
                {term: self._max_impact[term] * weight / top_bm25 + gains[term]
                 for term, weight in weights.items()},
                lambda term, index: postings[term][index] * weights[term] / top_bm25 + gains[term],
                lambda index: rank(*self._bm25_coverage(index, query), top_bm25, 0.0),
                count, best, set(bm25s))
        return [Match(self.entries[index], confidence(
                    covered[index] / query.total if index in covered
                    else self._bm25_coverage(index, query)[1], similarities.get(index, 0.0)))
                for index in (-negated for _, negated in sorted(best, reverse=True))]

    def _bm25_coverage(self, index: int, query: Query) -> tuple[float, float]:
        """The entry's BM25 score and the share of the question's evidence it contains."""
        bm25 = covered = 0.0
        for term, weight in query.weights.items():
            impact = self._postings[term].get(index)
            if impact is not None:
                bm25 += impact * weight
                covered += query.evidence[term]
        return bm25, covered / query.total

    def _distinct_runners_up(self, best: Match, others: Sequence[Match],
                             count: int) -> tuple[Match, ...]:
        """The next entries, skipping ones that repeat the best's text (a quote and its passage).

        Texts are compared by their folded start, folded once per entry on first use: folding
        each candidate's whole text again for every question cost more than the ranking.
        """
        chosen: list[Match] = []
        seen = {self._text_key(best.entry)}
        for match in others:
            key = self._text_key(match.entry)
            if key not in seen:
                seen.add(key)
                chosen.append(match)
            if len(chosen) == count:
                break
        return tuple(chosen)

    def _text_key(self, entry: Entry) -> str:
        key = self._text_keys.get(entry.id)
        if key is None:
            key = self._text_keys[entry.id] = fold(entry.text)[:80]
        return key


def rank(bm25: float, coverage: float, top_bm25: float, similarity: float) -> float:
    """What orders the entries: BM25 (relative to the best), coverage, hint similarity."""
    return bm25 / top_bm25 + RANK_COVERAGE * coverage + RANK_HINT * similarity


def confidence(coverage: float, similarity: float) -> float:
    """What the verdict rests on, 0 to 100: coverage, raised by a similar example question."""
    return 100 * min(1.0, coverage * (1 + RERANK_WEIGHT * similarity))


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
                 best: list[tuple[float, int]], seen: set[int]) -> None:
    """Add to the heap `best` the `count` best-scoring entries that are not in `seen`.

    `score(index)` is the sum of `gain(term, index)` over the query's terms in the entry;
    a gain is at most `bounds[term]` and falls with the term's impact. A branch and bound
    decides the terms one by one, largest bound first: either the entry contains the term
    (the candidates shrink to an intersection of sets, computed in C) or not (the bound
    shrinks). A branch that cannot beat the current `count`-th score is dropped; a small
    set of candidates, or the last, is scored outright. A branch left with a single term
    needs only the entries that contain that term alone (one with more terms is also in the
    branch that has them all), so its posting list is walked from the highest impact down,
    only while an entry could still rank. Every entry that could rank is scored: the result
    is exact, and on five common words over 100,000 passages hundreds of entries are scored,
    not 40,000.
    """
    order = sorted(bounds, key=lambda term: -bounds[term])
    left = [0.0] * (len(order) + 1)
    for position in range(len(order) - 1, -1, -1):
        left[position] = left[position + 1] + bounds[order[position]]

    def threshold() -> float:
        return best[0][0] - PRUNE_MARGIN if len(best) >= count else -math.inf

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


def text_document_frequency(all_terms: Sequence[dict[str, float]],
                            text_terms: Sequence[set[str]]) -> Counter[str]:
    """Document frequency from the entries' own text; from hints only for hint-only words.

    Admins add the same keyword to many entries' hints ("pédagogie" on every passage of
    the pedagogy post); counting those would make the post's key word look common.
    """
    in_text: Counter[str] = Counter()
    for terms in text_terms:
        in_text.update(terms)
    anywhere: Counter[str] = Counter()
    for frequencies in all_terms:
        anywhere.update(frequencies.keys())
    return Counter({term: in_text[term] or count for term, count in anywhere.items()})


def build_vocabulary(entries: Sequence[Entry], synonyms: dict[str, str]) -> dict[str, str]:
    """Every known word (folded) to its stem: what typo correction can aim at."""
    vocabulary = dict(synonyms)
    for entry in entries:
        for text in (entry.text, entry.source, *entry.hints.questions, *entry.hints.keywords):
            for word in words(text):
                if len(word) >= MIN_TYPO_LENGTH:
                    vocabulary.setdefault(word, stem(word))
    return vocabulary


def typo_cutoff(length: int) -> int:
    """Short words need a closer match: one wrong letter in four is another word."""
    return TYPO_CUTOFF_SHORT if length <= 5 else TYPO_CUTOFF


def typo_choices(vocabulary: Iterable[str]) -> dict[tuple[int, int, str], list[str]]:
    """Known words worth comparing with a typo, by (typo length, anchor position, letter).

    `fuzz.ratio` is at most 200 * min(a, b) / (a + b) for lengths a and b, so a 7-letter typo
    need not be compared with 3- or 12-letter words. A typo rarely changes the first, the
    second *and* the last letter at once, so only the words that share one of them with it
    are compared: a tenth of the vocabulary, found by three dictionary look-ups.
    """
    words = list(vocabulary)
    sizes = {len(word) for word in words}
    choices: dict[tuple[int, int, str], list[str]] = {}
    for length in range(MIN_TYPO_LENGTH, 2 * max(sizes, default=0) + 1):
        cutoff = typo_cutoff(length)
        fitting = {size for size in sizes
                   if 200 * min(length, size) >= cutoff * (length + size)}
        for word in words:
            if len(word) in fitting:
                for position in ANCHORS:
                    choices.setdefault((length, position, word[position]), []).append(word)
    return choices
