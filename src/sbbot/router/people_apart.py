"""Who a question asks for, against the people an entry names: an entry naming only the
people the question itself names gives no one else ("qui a réalisé la vidéo de Paul
Miller ?"), and an event card's speakers are not who does something to a thing it names in
another line ("who pays for the croissants"). Apart from `router/apart.py` (a fact given
apart from its subject) because people are read with their own pattern and exceptions.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from sbbot.entries import EVENT_HEAD
from sbbot.language.asking import asks_identity
from sbbot.language.cue_words import Cue
from sbbot.language.giving import GIVES
from sbbot.router.terms import QueryTerm
from sbbot.text import fold

NOT_A_PERSON_BEFORE = frozenset("au aux du at in the la le les".split())
"""Words after which capitalised words name a place or a thing ("au Campus London", "the
Digital Workplace"), not a person."""


def person_apart(text: str, cues: Collection[Cue], terms: Sequence[QueryTerm],
                 question: str) -> tuple[Cue, ...]:
    """("person",) when a question asking who, about people it names, is given no one else
    by the entry's `text`: "Qui a réalisé la vidéo de Paul Miller ?" asks for someone other
    than Paul Miller, whom the passage on his video names. Not a question asking who a
    named person is ("qui est Guillaume Foltran ?"). Capitalised words after a word of place
    or an article, or inside a longer run of capitals, are no person ("au Campus London",
    "The Human-Centered Digital Workplace": `no_person`). The question names people by
    capitals, or by the words of the people the entry names, typed in lower case as chat
    does ("harold jarche il cite qui ?" of a quote signed Harold Jarche alone)."""
    if "person" not in cues or asks_identity(question):
        return ()
    people = people_named(text)
    said = {word for words in people for word in words}
    named = {term.word for term in terms if term.named == "name" or term.word in said}
    if not named:
        return ()
    for words in people:
        if not named.intersection(words):
            return ()
    return ("person",)


@lru_cache(maxsize=1 << 12)
def people_named(text: str) -> tuple[tuple[str, ...], ...]:
    """The folded words of each person an entry's `text` names (the person pattern, less
    `no_person`). Remembered, as `clause_words` is: a question asking who reads its best
    entry's whole text with the pattern (0.1 to 0.3 ms an event card, the slowest part of
    the slowest questions), the same few entries for every such question."""
    return tuple(tuple(fold(found.group()).split()) for found in GIVES["person"].finditer(text)
                 if not no_person(text, found))


OPENING_QUOTES = frozenset("« “ \" ‘".split())


def no_person(text: str, found: re.Match[str]) -> bool:
    """Whether a run of capitalised words the person pattern found in `text` is no person:
    after a word of place or an article, after an opening quote mark (a term or a title:
    le « Digital Workplace »), or inside a longer run of capitals."""
    if not found.group()[:1].isupper():
        return False
    before = text[:found.start()]
    previous = before.rsplit(None, 1)[-1:]  # the last word: not the whole text split
    return (before[-1:] == "-" or fold(found.group().split()[0]) in NOT_A_PERSON_BEFORE
            or (bool(previous) and (fold(previous[0]) in NOT_A_PERSON_BEFORE
                                    or previous[0] in OPENING_QUOTES
                                    or previous[0][:1].isupper())))


def person_elsewhere(lines: Sequence[tuple[frozenset[str], bool]], cues: Collection[Cue],
                     terms: Sequence[QueryTerm], covered: Collection[str]) -> tuple[Cue, ...]:
    """("person",) when a question asking who does something to a thing it names ("who pays
    for the croissants ...") meets an event card that names that thing in one line and
    people in others only: its speakers are not who pays for its croissants. `lines` are the
    card's lines, each as its terms and whether it gives a person; the things are the
    covered words the question names with an article ("object", "thing") that the card's
    first lines, what it is about as a whole (`entries.EVENT_HEAD`), do not hold."""
    if "person" not in cues or not lines:
        return ()
    whole = frozenset().union(*(held for held, _ in lines[:EVENT_HEAD]))
    things = {term.stem for term in terms if term.named in ("object", "thing")
              and term.stem in covered and term.stem not in whole}
    if not things or any(people and things <= held for held, people in lines):
        return ()
    return ("person",)
