"""Typo correction against the posts' own words: which known words a misspelt word is
compared with, and how near it must be; and the stray numbers a question loses.

A word the knowledge lacks that is no word of either language is a typo of the nearest word
of the posts (or of a glossary variant), when rapidfuzz's ratio reaches the cut-off; see
`query.Analyzer`, which decides when a word is a typo at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from rapidfuzz import fuzz, process

# Words shorter than this are never corrected; rapidfuzz ratio cut-offs.
MIN_TYPO_LENGTH = 4
TYPO_CUTOFF_SHORT = 90
TYPO_CUTOFF = 83
"""One wrong or swapped letter in six ("socail") scores 83.3: a typo from six letters on."""
ANCHORS = (0, 1, -1)

TypoChoices = dict[tuple[int, int, str], list[str]]

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
    """The known word (see `typo_choices`) a typo stands for, and how near it is."""
    candidates = list(dict.fromkeys(chain.from_iterable(
        choices.get((len(word), position, word[position]), ()) for position in ANCHORS)))
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


def typo_choices(vocabulary: Iterable[str]) -> TypoChoices:
    """Known words worth comparing with a typo, by (typo length, anchor position, letter).

    `fuzz.ratio` is at most 200 * min(a, b) / (a + b) for lengths a and b, so a 7-letter typo
    need not be compared with 3- or 12-letter words. A typo rarely changes the first, the
    second *and* the last letter at once, so only the words that share one of them with it
    are compared: a tenth of the vocabulary, found by three dictionary look-ups.
    """
    words = list(vocabulary)
    sizes = {len(word) for word in words}
    choices: TypoChoices = {}
    for length in range(MIN_TYPO_LENGTH, 2 * max(sizes, default=0) + 1):
        cutoff = typo_cutoff(length)
        fitting = {size for size in sizes
                   if 200 * min(length, size) >= cutoff * (length + size)}
        for word in words:
            if len(word) in fitting:
                for position in ANCHORS:
                    choices.setdefault((length, position, word[position]), []).append(word)
    return choices
