"""Question routing: from a member's question to the knowledge entry that answers it.

Why not plain rapidfuzz over the passages: `WRatio` scores any long passage ~85 as soon as it
shares one common word with the question, so it cannot tell an answer from noise, and a
full fuzzy scan is too slow for a large archive. Instead:

1. The question is folded (case, accents, punctuation), stripped of stopwords and stemmed;
   English and everyday words are mapped onto the posts' words (`synonyms.yaml`); a word
   the knowledge does not contain is corrected by rapidfuzz to the nearest known word (typos).
2. Candidates come from an inverted index, scored by BM25: rare words weigh more than common
   ones. Scoring uses max-score pruning, so it is exact for the top candidates and fast even
   with 100,000 passages.
3. rapidfuzz re-ranks the top candidates against the entries' example questions (hints).
4. The verdict rests on *coverage*: the share of the question's rarity-weighted words that
   the best entry contains. An off-topic question ("recette de la tarte") shares no rare word
   with any entry, whatever its length, so it falls back instead of getting a random passage.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from sbbot.knowledge.model import Entry, Knowledge
from sbbot.text import GENERIC_WORDS, fold, stem, words

Verdict = Literal["answer", "unsure", "unknown"]

K1 = 1.2
B = 0.75
HINT_WEIGHT = 1.0
TITLE_WEIGHT = 0.3
CANDIDATES = 30
RERANK_WEIGHT = 0.5
RANK_COVERAGE = 2.0
RANK_HINT = 1.0
ANSWER_SCORE = 45.0
UNSURE_SCORE = 40.0
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF_SHORT = 90
TYPO_CUTOFF = 84
UNKNOWN_WORD_WEIGHT = 0.8
GENERIC_WEIGHT = 0.1
GENERIC_IN_TOTAL = False


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


UNKNOWN = RouteResult("unknown", None, ())
GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


class Router:
    """An index over every entry of one knowledge snapshot; immutable once built."""

    def __init__(self, knowledge: Knowledge | Iterable[Entry],
                 synonyms: dict[str, str] | None = None) -> None:
        if isinstance(knowledge, Knowledge):
            entries = list(knowledge.entries())
            synonyms = dict(knowledge.synonyms)
        else:
            entries = list(knowledge)
        self.entries: tuple[Entry, ...] = tuple(entries)
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
        cutoff = TYPO_CUTOFF_SHORT if len(word) <= 5 else TYPO_CUTOFF
        found = process.extractOne(word, self._vocabulary.keys(), scorer=fuzz.ratio,
                                   score_cutoff=cutoff)
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
        total = sum(self._evidence(QueryTerm(term.stem, 1.0), generic_discount=GENERIC_IN_TOTAL)
                    for term in terms)
        shape = " ".join(sorted(weights))
        candidates = self._top_candidates(weights, CANDIDATES)
        top_bm25 = candidates[0][1]
        scored: list[tuple[float, float, int]] = []
        for index, bm25 in candidates:
            coverage = sum(evidence[term] for term in weights
                           if index in self._postings[term]) / total
            similarity = self._hint_similarity(index, shape)
            confidence = 100 * min(1.0, coverage * (1 + RERANK_WEIGHT * similarity))
            rank = bm25 / top_bm25 + RANK_COVERAGE * coverage + RANK_HINT * similarity
            scored.append((rank, confidence, index))
        scored.sort(key=lambda item: (-item[0], item[2]))
        matches = [Match(self.entries[index], confidence) for _, confidence, index in scored]
        best = matches[0]
        verdict: Verdict
        if best.score >= ANSWER_SCORE:
            verdict = "answer"
        elif best.score >= UNSURE_SCORE:
            verdict = "unsure"
        else:
            return UNKNOWN
        return RouteResult(verdict, best, distinct_runners_up(best, matches[1:], limit - 1))

    def _evidence(self, term: QueryTerm, generic_discount: bool = True) -> float:
        """How much a query word says about the topic: rare words much, generic words little.

        A word no entry contains counts as strongly as the rarest known word: a question
        made of unknown words is off-topic, however many common words it shares. A generic
        word found in an entry covers only part of its own weight, so a question made of
        generic words alone ("quelle heure est-il ?") never reaches full coverage.
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

    def _top_candidates(self, weights: dict[str, float], count: int) -> list[tuple[int, float]]:
        """Exact BM25 top-`count` with max-score pruning.

        Terms are taken from the most to the least selective. Once the terms left could not,
        even together, lift an unseen entry above the current `count`-th score, their long
        posting lists are no longer walked: they only add to entries already seen.
        """
        ordered = sorted(weights, key=lambda term: -self._max_impact[term] * weights[term])
        remaining = [self._max_impact[term] * weights[term] for term in ordered]
        left = sum(remaining)
        scores: dict[int, float] = {}
        for position, term in enumerate(ordered):
            weight = weights[term]
            postings = self._postings[term]
            threshold = (heapq.nlargest(count, scores.values())[-1]
                         if len(scores) >= count else 0.0)
            if left <= threshold:
                for index in scores:
                    impact = postings.get(index)
                    if impact is not None:
                        scores[index] += impact * weight
            else:
                for index, impact in postings.items():
                    scores[index] = scores.get(index, 0.0) + impact * weight
            left -= remaining[position]
        return heapq.nlargest(count, scores.items(), key=lambda item: (item[1], -item[0]))


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


def distinct_runners_up(best: Match, others: Sequence[Match], count: int) -> tuple[Match, ...]:
    """The next entries, skipping ones that repeat the best's text (a quote and its passage)."""
    chosen: list[Match] = []
    seen = {fold(best.entry.text)[:80]}
    for match in others:
        key = fold(match.entry.text)[:80]
        if key not in seen:
            seen.add(key)
            chosen.append(match)
        if len(chosen) == count:
            break
    return tuple(chosen)
