"""From a member's question to the weighted terms the index is searched with.

Words are folded, stripped of stopwords and stemmed; English and everyday words are mapped
onto the posts' words (`synonyms.yaml`); a word the knowledge does not contain is corrected
by rapidfuzz to the nearest known word (typos).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process

from sbbot.knowledge.model import Entry
from sbbot.text import GENERIC_WORDS, fold, stem, words

# Typo correction: words shorter than this are never corrected; rapidfuzz ratio cut-offs.
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF_SHORT = 90
TYPO_CUTOFF = 84
ANCHORS = (0, 1, -1)

GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


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


class Analyzer:
    """Turns texts into index terms, and questions into weighted terms with typos corrected."""

    def __init__(self, synonyms: Mapping[str, str]) -> None:
        self._synonyms = {fold(variant): stem(fold(canonical))
                          for variant, canonical in synonyms.items()}
        self._vocabulary: dict[str, str] = {}
        self._typo_choices: dict[tuple[int, int, str], list[str]] = {}

    def learn(self, entries: Sequence[Entry]) -> None:
        """Make every word of the entries a target for typo correction."""
        self._vocabulary = build_vocabulary(entries, self._synonyms)
        self._typo_choices = typo_choices(self._vocabulary)

    def terms(self, text: str) -> list[str]:
        """Index terms of a text: words folded onto their canonical form, then stemmed."""
        return [self._synonyms.get(word) or stem(word) for word in words(text)]

    def query_terms(self, text: str, known: Callable[[str], bool]) -> list[QueryTerm]:
        """The question as weighted stems; unknown words keep their own stem (weight 1)."""
        terms: list[QueryTerm] = []
        for word in words(text):
            if word in self._synonyms:
                terms.append(QueryTerm(self._synonyms[word], 1.0))
            elif known(stem(word)) or len(word) < MIN_TYPO_LENGTH:
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
