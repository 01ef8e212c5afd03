"""The index of a knowledge's entries: their text, their post's title and their example
questions, each field weighted, every word read once for the whole archive (`corpus`) and
numbered by the term the router gives it (`Analyzer.index_term`).

Built once per knowledge, then cached by `snapshot`; the ranking only reads it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sbbot.entries import Entry
from sbbot.router.corpus import Vocabulary, Words, first_positions, words_of
from sbbot.router.index import Field, InvertedIndex
from sbbot.router.preferring import GATHERINGS
from sbbot.router.query import Analyzer
from sbbot.router.together import Together
from sbbot.text import fold

# How much an entry's hints and its post's title count beside its own text.
HINT_WEIGHT = 1.0
TITLE_WEIGHT = 0.3
KIND_OF_EVENT = "événement"
"""The word of an event card's kind, indexed with its hints' words (whether it has hints or
not): a card is an event, whatever its text calls it ("Matinée de ..."), so that a member
who calls it a meeting, an event or a meetup meets it (the lexicon gives "événement" last
for those words) instead of a word the posts lack."""
KIND_OF_QUOTE = "citation"
"""The word of a quote's kind: a quote is a citation, though its text never says so ("la
citation de Duperrin dit quoi sur le client ?", "the quote by Jarche"). Indexed at weight 0:
the quote holds it (coverage, and a word the knowledge has, not a foreign one) but its BM25
and every entry's length stay as they were (the length of a dozen quotes grown by a word
reordered unrelated passages tied to a ten-thousandth)."""
KIND_WEIGHT = 0.0
FOLDED_GATHERINGS = frozenset(fold(word) for word in GATHERINGS)


def build_index(entries: Sequence[Entry], analyzer: Analyzer
                ) -> tuple[InvertedIndex, list[tuple[str, str]], Together]:
    """The index of the entries' text, hints (HINT_WEIGHT) and post titles (TITLE_WEIGHT),
    and every word they contain with its term, in order of first appearance (entry by entry:
    text, title, hints), as typo correction expects its candidates.

    The texts of each field are folded together (`corpus`), each distinct title once, each
    hint on its own: a word's term depends on its language, which leans towards its text's
    (`english_flags`). Also which terms the texts write one after the other (`Together`).
    """
    vocabulary = Vocabulary(analyzer.leaning)
    text = words_of([entry.text for entry in entries], vocabulary)
    sources: dict[str, int] = {}
    source_of = np.fromiter((sources.setdefault(entry.source, len(sources))
                             for entry in entries), np.int64, len(entries))
    title = spread(words_of(list(sources), vocabulary), source_of)
    called = gatherings_called(entries, text, vocabulary.words)
    each_hint = [(*entry.hints.questions, *entry.hints.keywords,
                  *((KIND_OF_EVENT, *called.get(entry.post, ())) if entry.type == "event"
                    else ())) for entry in entries]
    hint_owner = np.repeat(np.arange(len(entries), dtype=np.int32),
                           [len(hints) for hints in each_hint])
    found = words_of([hint for hints in each_hint for hint in hints], vocabulary)
    hints = Words(hint_owner[found.docs], found.ids, found.english)
    quotes = np.asarray([index for index, entry in enumerate(entries) if entry.type == "quote"],
                        np.int32)
    found = words_of([KIND_OF_QUOTE] * len(quotes), vocabulary)
    kinds = Words(quotes[found.docs], found.ids, found.english)
    names: dict[str, int] = {}
    terms = {english: np.fromiter((names.setdefault(analyzer.index_term(word, english),
                                                    len(names))
                                   for word in vocabulary.words), np.int32,
                                  len(vocabulary.words))
             for english in (False, True)}

    def term_numbers(words: Words) -> npt.NDArray[np.int32]:
        found: npt.NDArray[np.int32] = np.where(words.english, terms[True][words.ids],
                                                terms[False][words.ids])
        return found

    in_order = [text, title, hints, kinds]
    del text, title, hints, kinds
    numbered = [term_numbers(words) for words in in_order]
    named = list(names)
    together = Together(in_order[0].docs, numbered[0], names, analyzer.written_phrases())
    known = [(vocabulary.words[word], named[int(numbered[rank][position])])
             for word, rank, position in first_appearances(in_order)]
    fields = [Field(words.docs, numbers, weight, own_text)
              for words, numbers, weight, own_text in zip(
                  in_order, numbered, (1.0, TITLE_WEIGHT, HINT_WEIGHT, KIND_WEIGHT),
                  (True, False, False, False), strict=True)]
    fields[1:3] = fields[2], fields[1]  # text, hints, titles: the order frequencies add up
    del in_order, numbered  # the index consumes the fields: nothing else may hold them
    return InvertedIndex(len(entries), named, fields), known, together


def gatherings_called(entries: Sequence[Entry], text: Words, words: Sequence[str]
                      ) -> dict[str, tuple[str, ...]]:
    """The words for a kind of gathering (`preferring.GATHERINGS`) that each post with an
    event uses in its other entries (`text`: their words, numbering `words`), by post: what
    the post calls its event ("autour d'un petit déjeuner"), which the importer's card may
    not repeat. Read from the words already numbered: no text is read again."""
    posts = {entry.post for entry in entries if entry.type == "event"}
    wanted = [number for number, word in enumerate(words) if word in FOLDED_GATHERINGS]
    if not posts or not wanted:
        return {}
    found: dict[str, set[str]] = {}
    held = np.isin(text.ids, wanted)
    for doc, word in zip(text.docs[held].tolist(), text.ids[held].tolist(), strict=True):
        entry = entries[doc]
        if entry.post in posts and entry.type != "event":
            found.setdefault(entry.post, set()).add(words[word])
    return {post: tuple(sorted(called)) for post, called in found.items()}


def spread(words: Words, owner: npt.NDArray[np.int64]) -> Words:
    """Each entry gets the words of its title: `owner[entry]` numbers the title."""
    counts = np.bincount(words.docs, minlength=int(owner.max(initial=-1)) + 1)
    starts = np.cumsum(counts) - counts
    per_entry = counts[owner]
    docs = np.repeat(np.arange(len(owner), dtype=np.int32), per_entry)
    offsets = np.arange(int(per_entry.sum())) - np.repeat(np.cumsum(per_entry) - per_entry,
                                                          per_entry)
    chosen = np.repeat(starts[owner], per_entry) + offsets
    return Words(docs, words.ids[chosen], words.english[chosen])


def first_appearances(fields: Sequence[Words]) -> list[tuple[int, int, int]]:
    """Each word's first occurrence, entry by entry and field by field: (word, the field's
    rank, the position in it), in that order."""
    keys, words, positions, ranks = [], [], [], []
    for rank, field in enumerate(fields):
        ids, first = first_positions(field.ids)
        keys.append(field.docs[first].astype(np.int64) * len(fields) + rank)
        words.append(ids)
        positions.append(first)
        ranks.append(np.full(len(ids), rank))
    key, word, position, rank_of = (np.concatenate(part)
                                    for part in (keys, words, positions, ranks))
    order = np.lexsort((position, key))
    _, first = np.unique(word[order], return_index=True)
    chosen = order[np.sort(first)]
    return [(int(word[at]), int(rank_of[at]), int(position[at])) for at in chosen.tolist()]
