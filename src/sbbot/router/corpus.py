"""A whole archive's words at once: the tokens `wordforms.folded_tokens` gives, with the
language each is read in, without Python work per entry or per word occurrence.

Thousands of texts are joined and go through each C-level step together (ligatures, NFKD,
one regular expression); accents and case are dropped from the *distinct* tokens only, and
the stopword, length and language rules run once per distinct token. A token is read as
English when its own lean (`Analyzer.leaning`) plus its text's overall lean (names left
out: `frequency.text_lean`) is positive, a word both languages use being read in the
language the words on either side lean far towards when it inflects in it, exactly as
`frequency.english_flags` decides it text by text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from sbbot.language.frequency import PLURAL_ACRONYM, SHARED_LEAN, inflected
from sbbot.language.wordforms import SPACED_FIRSTS, joined_compounds, spaced_compound
from sbbot.text import COMBINING, LIGATURE_PAIRS, STOPWORDS

SEPARATOR = "\x00"
"""Joins texts; NFKD and the word pattern leave it alone."""
LANGUAGE_LEAN = 0.5
"""As `query.LANGUAGE_LEAN`: how far a token leans towards its text's language."""
CHUNK = 4096
"""Texts folded together: large enough for C speed, small enough to bound the memory."""
CHUNK_WORDS = 1 << 18
DROPPED = -1
FRENCH, ENGLISH = 1, 2
BOUNDARY = -2

IntArray = npt.NDArray[np.int32]


@dataclass
class Vocabulary:
    """Distinct meaningful words, numbered in order of first appearance, and every distinct
    token's lean towards English."""

    leaning: Callable[[str], float]
    words: list[str] = field(default_factory=list)
    _ids: dict[str, int] = field(default_factory=dict)
    _raw: dict[str, int] = field(default_factory=lambda: {SEPARATOR: BOUNDARY})
    _leans: dict[str, float] = field(default_factory=lambda: {SEPARATOR: 0.0})
    _inflected: dict[str, int] = field(default_factory=lambda: {SEPARATOR: 0})
    """Each distinct token's `frequency.inflected` languages: FRENCH | ENGLISH bits."""
    _capitals: dict[str, bool] = field(default_factory=lambda: {SEPARATOR: False})
    """Whether each distinct token is written with a capital (`wordforms.folded_tokens`)."""
    _acronyms: set[str] = field(default_factory=set)
    """The distinct tokens that are plural acronyms (`frequency.PLURAL_ACRONYM`)."""

    def learn(self, raw: str, marks: dict[int, None]) -> None:
        """Number a raw token (accents and case still in): DROPPED for a stopword."""
        token = raw.translate(marks).lower()
        self._leans[raw] = self.leaning(token) if token else 0.0
        self._capitals[raw] = raw[0].isupper()
        if PLURAL_ACRONYM.fullmatch(raw):
            self._acronyms.add(raw)
        self._inflected[raw] = ((FRENCH if token in inflected("fr") else 0)
                                | (ENGLISH if token in inflected("en") else 0))
        if not (len(token) > 1 or token.isdigit()) or token in STOPWORDS:
            self._raw[raw] = DROPPED
            return
        found = self._ids.get(token)
        if found is None:
            found = self._ids[token] = len(self.words)
            self.words.append(token)
        self._raw[raw] = found


@dataclass(frozen=True)
class Words:
    """Every meaningful word of the texts: the i-th is word `ids[i]` in text `docs[i]`, read
    as English if `english[i]`."""

    docs: IntArray
    ids: IntArray
    english: npt.NDArray[np.bool_]


def words_of(texts: Sequence[str], vocabulary: Vocabulary) -> Words:
    parts = [fold_chunk(texts[start:start + CHUNK], vocabulary, start)
             for start in range(0, len(texts), CHUNK)]
    if not parts:
        return Words(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.bool_))
    return Words(*(np.concatenate(column) for column in zip(*parts, strict=True)))


def fold_chunk(texts: Sequence[str], vocabulary: Vocabulary, first: int
               ) -> tuple[IntArray, IntArray, npt.NDArray[np.bool_]]:
    """`wordforms.folded_tokens`'s steps on the joined texts: ligatures, NFKD, the cased word
    pattern; combining marks are kept inside the tokens and deleted per distinct token,
    which gives the same tokens as deleting them first (they are never word characters).
    Compound words are glued first, as `folded_tokens` glues them."""
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
    for ligature, expansion in LIGATURE_PAIRS:
        if ligature in joined:
            joined = joined.replace(ligature, expansion)
    joined = joined_compounds(unicodedata.normalize("NFKD", joined))
    marks = "".join(sorted(char for char in set(joined) if ord(char) in COMBINING))
    tokens = token_pattern(marks).findall(joined)
    deletions = dict.fromkeys(map(ord, marks))
    tokens = spaced_glued(tokens, deletions)
    # learnt in sorted order: a set's order changes with the hash seed, and with it the
    # words' numbers, the order entries' lengths are summed in, and ties between entries
    distinct = set(tokens)
    for raw in sorted(distinct.difference(vocabulary._raw)):
        vocabulary.learn(raw, deletions)
    ids = np.fromiter(map(vocabulary._raw.__getitem__, tokens), np.int32, len(tokens))
    leans = np.fromiter(map(vocabulary._leans.__getitem__, tokens), np.float64, len(tokens))
    docs = np.cumsum(ids == BOUNDARY, dtype=np.int32)
    text_leans = named_out(docs, ids, leans, np.fromiter(
        map(vocabulary._capitals.__getitem__, tokens), np.bool_, len(tokens)), len(texts))
    lean = np.where(text_leans > 0, LANGUAGE_LEAN, -LANGUAGE_LEAN)
    kept = ids >= 0
    english = leans + lean[docs] > 0
    before, after = np.zeros_like(leans), np.zeros_like(leans)
    before[1:], after[:-1] = leans[:-1], leans[1:]  # a text's edge: the separator's 0
    between = np.flatnonzero((np.abs(leans) < SHARED_LEAN) & (np.abs(before) >= SHARED_LEAN)
                             & (np.abs(after) >= SHARED_LEAN) & ((before > 0) == (after > 0)))
    # the few words between two that lean far one way: read in that language if they
    # inflect in it (a look-up each, not one a token)
    inflections = vocabulary._inflected
    for position, towards in zip(between.tolist(), (before[between] > 0).tolist(),
                                 strict=True):
        if inflections[tokens[position]] & (ENGLISH if towards else FRENCH):
            english[position] = towards
    acronyms = vocabulary._acronyms.intersection(distinct)
    if acronyms:  # English in any text: `frequency.english_flags`
        english |= np.fromiter((token in acronyms for token in tokens), np.bool_, len(tokens))
    return docs[kept] + first, ids[kept], english[kept]


def spaced_glued(tokens: list[str], marks: dict[int, None]) -> list[str]:
    """The tokens with each two-word compound a text writes with a space glued ("start
    ups": `wordforms.spaced_compound`), as `wordforms.folded_tokens` glues them. Looked for only
    after the distinct tokens that begin one (a look-up a token, then none a word of the
    texts when none does)."""
    firsts = {raw for raw in set(tokens) if raw.translate(marks).lower() in SPACED_FIRSTS}
    starts = [position for position, raw in enumerate(tokens[:-1]) if raw in firsts]
    if not starts:
        return tokens
    glued: list[str] = []
    done = 0
    for position in starts:
        if position < done:
            continue
        first, second = tokens[position], tokens[position + 1]
        compound = spaced_compound(first.translate(marks).lower(),
                                   second.translate(marks).lower())
        if compound is None:
            continue
        glued += [*tokens[done:position], compound]
        done = position + 2
    return [*glued, *tokens[done:]] if done else tokens


def named_out(docs: IntArray, ids: IntArray, leans: npt.NDArray[np.float64],
              capitals: npt.NDArray[np.bool_], size: int) -> npt.NDArray[np.float64]:
    """Each text's `frequency.text_lean`: the sum of its tokens' leans but for capitalised
    tokens after its first, or of them all when no other token is left."""
    first = np.ones(len(ids), np.bool_)
    first[1:] = ids[:-1] == BOUNDARY
    voting = (first | ~capitals) & (ids != BOUNDARY)
    votes = accumulate(docs, np.where(voting, leans, 0.0), size)
    counts = np.bincount(docs, weights=voting, minlength=size)
    return np.where(counts > 1, votes, accumulate(docs, leans, size))


def accumulate(docs: IntArray, values: npt.NDArray[np.float64], size: int
               ) -> npt.NDArray[np.float64]:
    """Each text's sum of its tokens' values, added in token order as `sum` would."""
    return np.bincount(docs, weights=values, minlength=size).astype(np.float64)


@lru_cache(maxsize=64)
def token_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"[A-Za-z0-9{re.escape(marks)}]+|{SEPARATOR}")


def first_positions(ids: IntArray) -> tuple[IntArray, npt.NDArray[np.int64]]:
    """`np.unique(ids, return_index=True)`: the distinct values, ascending, and where each
    first appears; CHUNK_WORDS at a time, as the sort behind it needs 20 bytes a value
    (50 MB over the text of 100,000 passages, at the build's peak)."""
    values, positions = [], []
    for start in range(0, len(ids), CHUNK_WORDS):
        found, first = np.unique(ids[start:start + CHUNK_WORDS], return_index=True)
        values.append(found)
        positions.append(first + start)
    if not values:
        return ids[:0], np.zeros(0, np.int64)
    value, position = np.concatenate(values), np.concatenate(positions)
    order = np.lexsort((position, value))
    value, position = value[order], position[order]
    kept = np.diff(value, prepend=-1) != 0
    return value[kept], position[kept]
