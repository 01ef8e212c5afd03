"""What a question becomes: the values the word analysis (`router/query.py`) hands to the
ranking and the verdict, apart from the analysis so that they can read them without it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from sbbot.language.naming import Naming
from sbbot.language.wordforms import stem
from sbbot.text import GENERIC_WORDS

GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


class Word(NamedTuple):
    word: str
    """Folded, as typed."""
    candidates: tuple[str, ...]
    """Its possible terms, best first."""
    named: Naming
    """Whether it names something: a "name" (capitalised inside the sentence, or no word of
    either language), what is "asked" for (after "quel", "which"), a "place" (after "in",
    "at", "near"), an "object" (after an article), a "thing" (after another preposition),
    or neither ("")."""
    related: tuple[str, ...] = ()
    """Terms of its near-synonyms, for when the knowledge has none of its candidates."""


class Reading(NamedTuple):
    """A text as the word analysis reads it: read once for the misspelling pass and then the
    words, which need the same tokens and languages."""

    text: str
    cased: list[tuple[str, bool]]
    """Its `folded_tokens`: each folded word and whether it was capitalised."""
    tokens: list[str]
    """The folded words alone."""
    english: list[bool]
    """Whether each word is read as English."""


@dataclass(frozen=True)
class QueryTerm:
    stem: str
    weight: float
    """1 for a word found as typed, less for a typo correction."""
    word: str = ""
    """The folded word the member typed."""
    named: Naming = ""
    """Whether the word names something (see `Word.named`)."""
    alternatives: tuple[str, ...] = ()
    """Its other candidate terms the knowledge holds (another usual translation of an
    English word, a near-synonym of a French one), for a word found as typed or read as
    one of its near-synonyms: see `router/alternatives.py`."""
    first: str = ""
    """For a word read as one of its alternatives (`alternatives.held`), its own term."""
    usual: bool = True
    """Whether the term is the word's first translation: False when the knowledge lacks it
    and holds one further down the lexicon's list ("book": livre, ouvrage), a less sure
    sense of the word (see `doubts.less_usual`)."""


@dataclass(frozen=True)
class Query:
    """A question as the ranking sees it."""

    weights: dict[str, float]
    """Known stems and their weights (typo corrections and generic words weigh less)."""
    evidence: dict[str, float]
    total: float
    shape: str
    """The stems sorted and joined, as compared with the hints' shapes."""
    event_bonus: float = 0.0
    """What an event card adds to its rank: the question asks when or where."""
    alternatives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A word's term -> the other terms of the knowledge it may be (`router/alternatives.py`)."""
