"""What the router reads in an entry's text beyond its words: the cues it gives (a date, a
price...), whether it states a reason or anything at all, its proper nouns and its folded
start.

Each reading costs tens of microseconds a passage (a date pattern 60 µs, the proper nouns
50 µs), so the hinted entries, the usual answers, are read once at build; every other entry
is read on first use and remembered, in memos bounded for archives of a million passages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

from sbbot.columns import EntryTable
from sbbot.language.asking import gives_reason, states
from sbbot.language.cue_words import Cue
from sbbot.language.giving import GIVES, gives
from sbbot.language.names import proper_nouns
from sbbot.text import fold

K = TypeVar("K")
V = TypeVar("V")
READ_MEMO = 1 << 16
"""Readings of entries without hints kept in each memo (see `remembered`)."""


class Readings:
    """The readings of one snapshot's entries: pure functions of their texts."""

    def __init__(self, entries: EntryTable, hinted: Collection[int]) -> None:
        self._texts = entries.texts
        self._given = {index: frozenset(cue for cue in GIVES if gives(self._texts[index], cue))
                       for index in hinted}
        self._reasons = {index: gives_reason(self._texts[index]) for index in hinted}
        self._text_keys = {index: fold(self._texts[index])[:80] for index in hinted}
        self._names = {index: proper_nouns(self._texts[index]) for index in hinted}
        self._met_names: dict[int, frozenset[str]] = {}
        self._met_keys: dict[int, str] = {}
        self._read: dict[tuple[int, str], bool] = {}
        """What the other entries give (a cue, or "reason"), remembered on first use: a
        question whose best entries are not hinted reads their text with several patterns
        (0.1 to 0.6 ms for a few passages)."""

    def gives(self, index: int, cue: Cue) -> bool:
        given = self._given.get(index)
        if given is not None:
            return cue in given
        return self._reading(index, cue, lambda text: gives(text, cue))

    def gives_reason(self, index: int) -> bool:
        given = self._reasons.get(index)
        return given if given is not None else self._reading(index, "reason", gives_reason)

    def states(self, index: int, names: Collection[str] = ()) -> bool:
        """Whether the entry states anything (about one of `names`: read afresh, as the
        names vary with the question)."""
        if names:
            return states(self._texts[index], names)
        return self._reading(index, "states", states)

    def proper_nouns(self, index: int) -> frozenset[str]:
        found = self._names.get(index)
        return found if found is not None else remembered(
            self._met_names, index, lambda: proper_nouns(self._texts[index]))

    def text_key(self, index: int) -> str:
        """The entry's folded start, which tells a quote and its passage apart from others."""
        key = self._text_keys.get(index)
        return key if key is not None else remembered(
            self._met_keys, index, lambda: fold(self._texts[index])[:80])

    def _reading(self, index: int, what: str, read: Callable[[str], bool]) -> bool:
        return remembered(self._read, (index, what), lambda: read(self._texts[index]))


def remembered(memo: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """`memo[key]`, made on first use. A full memo (READ_MEMO keys) starts afresh: at a
    million entries it would otherwise end up holding something of every passage ranked."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= READ_MEMO:
            memo.clear()
        found = memo[key] = make()
    return found
