"""Misspelt words read as the words they stand for, by rapidfuzz over a list of words.

The router corrects a typo towards the posts' own words first. A misspelt word the posts do
not hold ("le numéro de télaphone") was left as typed: no word of either language, it was
neither evidence against an answer, as the word typed right is (the posts never give a
phone number), nor seen by the rules that read the question's words ("combbien" asked no
amount). Read as the French word it stands for, it is both. English words have the
lexicon's spelling (`lexicon.english_spelling`), over the same index, and a misspelt English
function word is written as that word (`lexicon.english_respelling`: "actualy", "realy").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from rapidfuzz import fuzz, process

from sbbot.language.frequency import zipf_table
from sbbot.text import fold

SPELLING_MIN_ZIPF = 4.0
"""The French words a typo is read as: the 6,000 most frequent. From Zipf 3.5 (14,000 words)
a look-up took three times as long (0.14 ms) for three more variants read right out of 1,560
(the typo variants of the dev questions)."""
LETTERS = re.compile(r"[^\W\d_]+")
"""A word as `respelt` replaces it: letters only, as `folded_tokens` reads words."""

Spellings = dict[tuple[int, str], list[str]]


def spelling_index(words: Iterable[str]) -> Spellings:
    """Words by (length, first letter) and (length, "-" + last letter): a misspelt word
    rarely changes both, so it is compared only with the words that share one of them and
    are about as long."""
    index: Spellings = {}
    for word in words:
        index.setdefault((len(word), word[0]), []).append(word)
        index.setdefault((len(word), "-" + word[-1]), []).append(word)
    return index


def nearest_spelling(word: str, index: Spellings, cutoff: float) -> str | None:
    """The indexed word nearest a misspelt folded word, when rapidfuzz's ratio reaches the
    cutoff; None otherwise. Each of the six lists is searched on its own: gathering them
    into one list first cost three times the comparisons."""
    best: str | None = None
    for length in range(len(word) - 1, len(word) + 2):
        for key in ((length, word[0]), (length, "-" + word[-1])):
            found = process.extractOne(word, index.get(key, ()), scorer=fuzz.ratio,
                                       score_cutoff=cutoff)
            if found is not None and (best is None or found[1] > cutoff):
                best, cutoff = found[0], found[1]
    return best


@cache
def french_spellings() -> Spellings:
    return spelling_index(word for word, value in zipf_table("fr").items()
                          if value >= SPELLING_MIN_ZIPF and len(word) >= 4 and word.isalpha())


def french_spelling(word: str, cutoff: float) -> str | None:
    """The French word a misspelt folded word stands for ("telaphone": telephone), when one
    is near enough; None otherwise."""
    return nearest_spelling(word, french_spellings(), cutoff)


INFLECTIONS = ("s", "x", "nt")
"""Endings a French word takes regularly: the plural ("bureaux"), the second person singular
("conseilles") and the third plural of a verb ("conseillent", from "conseille")."""


def inflects(word: str, is_word: Callable[[str], bool]) -> bool:
    """Whether a folded word is a word (`is_word`) with a regular ending (INFLECTIONS): a
    verb form or a plural too rare for the frequency lists, not a misspelling. Read as the
    nearest frequent word, "tu me conseilles" became "tu me conseillers", a noun, and
    the question's verb was lost to the rules that read it."""
    return any(word.endswith(ending) and is_word(word[:-len(ending)]) for ending in INFLECTIONS)


def respelt(text: str, cased: Sequence[tuple[str, bool]], flags: Sequence[bool],
            meant: Callable[[str, bool], str | None]) -> str:
    """The text with each misspelt word written as the word it stands for: `meant` gives it
    for a folded word and whether it is read as English (None for a word to leave as
    typed). `cased` holds the text's `folded_tokens`, `flags` whether each is read as
    English; names (capitalised inside the text) are left as typed. The text itself when
    nothing is misspelt."""
    misspelt = {token: found
                for position, ((token, capital), is_english) in enumerate(
                    zip(cased, flags, strict=True))
                if not (capital and position > 0) and token.isalpha()
                and (found := meant(token, is_english))}
    if not misspelt:
        return text
    return LETTERS.sub(lambda match: misspelt.get(fold(match.group()), match.group()), text)
