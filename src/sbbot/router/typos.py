"""Typo correction against the posts' own words: which known words a misspelt word is
compared with, and how near it must be; and the stray numbers a question loses.

A word the knowledge lacks that is no word of either language is a typo of the nearest word
of the posts (or of a glossary variant), when rapidfuzz's ratio reaches the cut-off; see
`query.Analyzer`, which decides when a word is a typo at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from rapidfuzz import fuzz, process

# Words shorter than this are never corrected; rapidfuzz ratio cut-offs.
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF_SHORT = 90
TYPO_CUTOFF = 83
"""One wrong or swapped letter in six ("socail") scores 83.3: a typo from six letters on."""
ANCHORS = (0, 1, -1)

STRAY_NUMBER = re.compile(r"(?:^|(?<=[?!.;\n]))\s*#?(?!(?:1[89]|20)\d\d\b)\d+\s*(?=[?!.;\n]|$)")
"""A number standing alone between a text's sentence marks, not a year ("Quand a lieu la
matinée ? 123", "... ? #123")."""
DIGIT = re.compile(r"\d")


def without_stray_numbers(text: str) -> str:
    """The question without its stray numbers (`STRAY_NUMBER`): a slip of the keyboard or a
    ticket number names no subject, but as a word the posts lack it would weigh against
    every answer. A number beside a word stays: it labels it ("la raison 12", "web 2").
    (Most questions hold no digit: looking for one is three times faster than the search.)"""
    return STRAY_NUMBER.sub("", text) if DIGIT.search(text) else text


def nearest_known(word: str, choices: TypoChoices) -> tuple[str, float] | None:
    """The known word (see `TypoChoices`) a typo stands for, and how near it is."""
    candidates = list(dict.fromkeys(chain.from_iterable(
        choices.get(len(word), position, word[position]) for position in ANCHORS)))
    found = process.extractOne(word, candidates, scorer=fuzz.ratio,
                               score_cutoff=typo_cutoff(len(word)))
    return None if found is None else (found[0], found[1])


def swaps(word: str) -> Iterator[str]:
    """The word with two neighbouring letters swapped, each way that changes it."""
    return (swapped for swapped in (word[:at] + word[at + 1] + word[at] + word[at + 2:]
                                    for at in range(len(word) - 1)) if swapped != word)


def build_vocabulary(known: Iterable[tuple[str, str]],
                     synonyms: dict[str, str]) -> dict[str, str]:
    """Every known word (folded) to its term: what typo correction can aim at."""
    vocabulary = dict(synonyms)
    for word, term in known:
        if len(word) >= MIN_TYPO_LENGTH:
            vocabulary.setdefault(word, term)
    return vocabulary


def typo_cutoff(length: int) -> int:
    """Short words need a closer match: one wrong letter in four is another word."""
    return TYPO_CUTOFF_SHORT if length <= 5 else TYPO_CUTOFF


class TypoChoices:
    """Known words worth comparing with a typo, by (typo length, anchor position, letter).

    `fuzz.ratio` is at most 200 * min(a, b) / (a + b) for lengths a and b, so a 7-letter typo
    need not be compared with 3- or 12-letter words. A typo rarely changes the first, the
    second *and* the last letter at once, so only the words that share one of them with it
    are compared: a tenth of the vocabulary, found by three dictionary look-ups.

    The words of a typo length are listed when a typo of that length is first met: a
    question's typos have a few lengths, and listing every length at build cost 10 to 18 ms
    of the shipped knowledge's start-up (each word under twenty lengths or so).
    """

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._words = list(vocabulary)
        self._sizes = {len(word) for word in self._words}
        self._choices: dict[tuple[int, int, str], list[str]] = {}
        self._lengths: set[int] = set()

    def get(self, length: int, position: int, letter: str) -> Sequence[str]:
        """The words a typo of that length is compared with when its letter at the anchor
        `position` is `letter`."""
        if length not in self._lengths:
            self._list(length)
        return self._choices.get((length, position, letter), ())

    def _list(self, length: int) -> None:
        """List the words of one typo length (made apart, then added at once: two threads
        listing the same length add the same lists)."""
        listed: dict[tuple[int, int, str], list[str]] = {}
        if MIN_TYPO_LENGTH <= length <= 2 * max(self._sizes, default=0):
            cutoff = typo_cutoff(length)
            fitting = {size for size in self._sizes
                       if 200 * min(length, size) >= cutoff * (length + size)}
            for word in self._words:
                if len(word) in fitting:
                    for position in ANCHORS:
                        listed.setdefault((length, position, word[position]), []).append(word)
        self._choices.update(listed)
        self._lengths.add(length)
