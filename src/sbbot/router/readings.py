"""What the router reads in an entry's text beyond its words: the cues it gives (a date, a
price...), whether it states a reason or anything at all, its proper nouns and its folded
start.

Each reading costs tens of microseconds a passage (a date pattern 60 µs, the proper nouns
50 µs), so each is made on first use and remembered. A question asks for a cue or two of
the few entries it ranks best, so reading every cue of every hinted entry at build (110 ms
of the shipped knowledge's 0.5 s start-up) read mostly what no question asks. The hinted
entries, the usual answers, keep their readings for good; the others are remembered in
memos bounded for archives of a million passages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

from sbbot.columns import EntryTable
from sbbot.language.asking import gives_reason, states, stating_words
from sbbot.language.cue_words import Cue
from sbbot.language.giving import gives, gives_title, names_publisher, titles_work
from sbbot.language.judging import judged_clauses
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
        self._hinted = frozenset(hinted)
        self._kept_read: dict[tuple[int, str], bool] = {}
        self._kept_names: dict[int, frozenset[str]] = {}
        self._kept_keys: dict[int, str] = {}
        self._kept_judged: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._kept_stating: dict[int, tuple[frozenset[str], ...]] = {}
        self._kept_folded: dict[int, str] = {}
        """The hinted entries' readings: never forgotten (a few per entry)."""
        self._read: dict[tuple[int, str], bool] = {}
        self._met_names: dict[int, frozenset[str]] = {}
        self._met_keys: dict[int, str] = {}
        self._met_judged: dict[int, tuple[tuple[str, ...], ...]] = {}
        self._met_stating: dict[int, tuple[frozenset[str], ...]] = {}
        """What the other entries give (a cue, or "reason"), their names, folded starts,
        judging clauses and stating sentences' words, remembered on first use: a question
        whose best entries are not hinted reads their text with several patterns (0.1 to
        0.6 ms for a few passages)."""

    def gives(self, index: int, cue: Cue) -> bool:
        return self._reading(index, cue, lambda text: gives(text, cue))

    def gives_reason(self, index: int) -> bool:
        return self._reading(index, "reason", gives_reason)

    def titles_work(self, index: int) -> bool:
        return self._reading(index, "work", titles_work)

    def gives_title(self, index: int) -> bool:
        return self._reading(index, "title", gives_title)

    def names_publisher(self, index: int) -> bool:
        return self._reading(index, "publisher", names_publisher)

    def states(self, index: int, names: Collection[str] = ()) -> bool:
        """Whether the entry states anything (about one of `names`: read afresh, as the
        names vary with the question)."""
        if names:
            kept = index in self._hinted
            stated = remembered(self._kept_stating if kept else self._met_stating, index,
                                lambda: stating_words(self._texts[index]), bounded=not kept)
            return any(not words.isdisjoint(names) for words in stated)
        return self._reading(index, "states", states)

    def proper_nouns(self, index: int) -> frozenset[str]:
        kept = index in self._hinted
        return remembered(self._kept_names if kept else self._met_names, index,
                          lambda: proper_nouns(self._texts[index]), bounded=not kept)

    def folded(self, index: int) -> str:
        """The entry's text folded: kept for the hinted entries only (the usual answers; a
        whole passage each), folded afresh for the others."""
        if index in self._hinted:
            return remembered(self._kept_folded, index, lambda: fold(self._texts[index]),
                              bounded=False)
        return fold(self._texts[index])

    def text_key(self, index: int) -> str:
        """The entry's folded start, which tells a quote and its passage apart from others."""
        kept = index in self._hinted
        return remembered(self._kept_keys if kept else self._met_keys, index,
                          lambda: fold(self._texts[index])[:80], bounded=not kept)

    def judged_clauses(self, index: int) -> tuple[tuple[str, ...], ...]:
        """The folded words of each of the entry's clauses that judge something
        (`judging.judged_clauses`)."""
        kept = index in self._hinted
        return remembered(self._kept_judged if kept else self._met_judged, index,
                          lambda: judged_clauses(self._texts[index]), bounded=not kept)

    def _reading(self, index: int, what: str, read: Callable[[str], bool]) -> bool:
        kept = index in self._hinted
        return remembered(self._kept_read if kept else self._read, (index, what),
                          lambda: read(self._texts[index]), bounded=not kept)


def remembered(memo: dict[K, V], key: K, make: Callable[[], V], bounded: bool = True) -> V:
    """`memo[key]`, made on first use. A full `bounded` memo (READ_MEMO keys) starts afresh:
    at a million entries it would otherwise end up holding something of every passage
    ranked."""
    found = memo.get(key)
    if found is None:
        if bounded and len(memo) >= READ_MEMO:
            memo.clear()
        found = memo[key] = make()
    return found
