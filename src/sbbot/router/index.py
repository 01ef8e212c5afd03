"""The first stage of routing: an inverted index that finds the best entries for a question.

Its interface is narrow (`impact`, `frequency`, `idf`, `scores`, `restrict`), so that the
ranking does not depend on how postings are stored; whatever the implementation, `scores`
must give exactly the sums a full scan would.

Postings are numpy arrays (compressed sparse rows, one row per term): entry numbers sorted
within each term and their BM25 impacts, 12 bytes a posting. The pure-Python index of dicts
it replaces took 20 s to build over 100,000 passages and twice tantivy's memory, and its
branch and bound, exact but run in Python, cost 3 ms a question at the 99th percentile;
arrays are built in a few vectorised passes, and `scores` sums every posting of the
question's terms in C, once per question, which is both exact and faster than pruning in
Python.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

# BM25's usual constants.
K1 = 1.2
B = 0.75
PRUNE_MARGIN = 1e-9
"""Bounds are compared with this slack, so that float rounding can never prune an entry that
exact arithmetic would keep."""
CHUNK_ENTRIES = 8192
"""Entries whose word occurrences are grouped together while the index is built."""
SPARSE = 16
"""Below a sixteenth of the archive's size, postings are summed by sorting them; above, by
`bincount` over an array as long as the archive."""
DENSE_SIZE = 4096
"""Below this many entries, postings are always summed over an array as long as the archive:
a few numpy calls over 1,000 values cost less than the sort's dozen (27 against 62 µs a
question at 1,000 entries, for the questions that would have been sorted)."""
SAMPLE_STRIDE = 16
"""`best_positions` finds a floor for the best values among every SAMPLE_STRIDE-th."""
CHUNK_PAIRS = 1 << 16
"""(term, entry) pairs whose impacts are computed together while the index is built."""
MASK_TERMS = 8
"""Up to this many question terms, `scores` marks the entries holding each in one byte."""
MASK_SIZE = 1 << 15
"""From this many entries on: below, a second `bincount` costs less than the table of
subset sums (a numpy call a term)."""
SORT_ALL = 256
"""`best_positions` sorts an array this short whole."""

Ints = npt.NDArray[np.int64]
Int32s = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
NO_POSTINGS: Mapping[int, float] = MappingProxyType({})


@dataclass(frozen=True)
class Field:
    """Occurrences of terms in entries: occurrence i is term `terms[i]` in entry `docs[i]`,
    counting `weight` towards the term's frequency there; in entry order (`docs` ascending)."""

    docs: npt.NDArray[np.int32]
    terms: npt.NDArray[np.int32]
    weight: float
    text: bool
    """Whether it is the entries' own text, the only field document frequency comes from
    (for the terms found in some entry's text)."""


class InvertedIndex:
    """BM25 impacts of every term in every entry, entries numbered from 0."""

    def __init__(self, size: int, terms: Sequence[str], fields: list[Field]) -> None:
        """Index `size` entries whose term numbers in `fields` refer to `terms`; `fields`
        is emptied once read, so that the occurrences are freed before the postings peak.

        Document frequency comes from the entries' own text, and from hints only for
        hint-only words: admins add the same keyword to many entries' hints ("pédagogie"
        on every passage of the pedagogy post); counting those would make the post's key
        word look common. Frequencies add up in field order, as BM25 over the entries' words
        then their hints' and titles' would.
        """
        self.size = count = size
        width = max(count, 1)
        term_of, docs, frequencies, in_text = count_occurrences(count, fields, len(terms))
        # int32 both sides: an int64 range would convert every pair's term number
        self._pointers: Ints = np.searchsorted(term_of, np.arange(len(terms) + 1,
                                                                  dtype=np.int32))
        anywhere = np.diff(self._pointers)
        document_frequency = np.where(in_text > 0, in_text, anywhere).tolist()
        idf = [math.log(1 + (count - df + 0.5) / (df + 0.5)) for df in document_frequency]
        self._idf = {term: value for term, value, found in zip(terms, idf, anywhere.tolist(),
                                                               strict=True) if found}
        self.max_idf = math.log(1 + (count + 0.5) / 0.5)
        """The idf a term found in no entry would have."""
        lengths = np.bincount(docs, weights=frequencies, minlength=count)
        average = float(lengths.sum()) / width
        norm = K1 * (1 - B + B * lengths / average) if average else np.full(count, K1)
        # A slice of pairs at a time: over all of them at once, the expression's
        # temporaries (and numpy's index conversions) were the build's peak memory.
        idfs, impacts = np.asarray(idf), np.empty(len(docs))
        for start in range(0, len(docs), CHUNK_PAIRS):
            part = slice(start, start + CHUNK_PAIRS)
            frequency = frequencies[part]
            impacts[part] = (idfs[term_of[part]] * frequency * (K1 + 1)
                             / (frequency + norm[docs[part]]))
        self._impacts: Floats = impacts
        self._docs = docs
        del term_of, docs, frequencies
        self._term_ids = {term: number for number, term in enumerate(terms)
                          if self._pointers[number] < self._pointers[number + 1]}
        bounds = self._pointers.tolist()
        self._spans: dict[str, tuple[int, int]] = {
            term: (bounds[number], bounds[number + 1]) for term, number in self._term_ids.items()}
        """Each term's postings, `start:end`, as Python ints: read per question word, where
        numpy's scalars cost a conversion each."""

    def __contains__(self, term: str) -> bool:
        return term in self._term_ids

    def idf(self, term: str) -> float | None:
        return self._idf.get(term)

    def frequency(self, term: str) -> int:
        """How many entries contain `term`."""
        start, end = self._spans[term]
        return end - start

    def impact(self, term: str, index: int) -> float | None:
        """The BM25 impact of `term` in entry `index`, None if the entry lacks it."""
        start, end = self._spans[term]
        position = start + int(np.searchsorted(self._docs[start:end], index))
        if position < end and self._docs[position] == index:
            return float(self._impacts[position])
        return None

    def postings(self, term: str) -> dict[int, float]:
        """Every entry that contains `term`, with its impact: for references and tests; the
        ranking uses `top` and `impact`."""
        start, end = self._spans[term]
        return dict(zip(self._docs[start:end].tolist(), self._impacts[start:end].tolist(),
                        strict=True))

    def restrict(self, entries: Collection[int]) -> dict[str, Mapping[int, float]]:
        """Every term's postings among `entries` alone (few: the entries with hints)."""
        wanted = np.zeros(self.size, np.bool_)
        wanted[np.fromiter(entries, np.int64, len(entries))] = True
        # a slice of postings at a time: np.isin over all of them took 18 MB at 100,000
        # entries, the build's peak
        positions = np.concatenate([np.flatnonzero(wanted[self._docs[start:start + CHUNK_PAIRS]])
                                    + start for start in range(0, len(self._docs), CHUNK_PAIRS)]
                                   or [np.zeros(0, np.intp)])
        numbers = np.searchsorted(self._pointers, positions, side="right") - 1
        found: dict[str, Mapping[int, float]] = dict.fromkeys(self._term_ids, NO_POSTINGS)
        names = {number: term for term, number in self._term_ids.items()}
        for number, doc, impact in zip(numbers.tolist(), self._docs[positions].tolist(),
                                       self._impacts[positions].tolist(), strict=True):
            term = names[number]
            if found[term] is NO_POSTINGS:
                found[term] = {}
            found[term][doc] = impact  # type: ignore[index]
        return found

    def scores(self, weights: Mapping[str, float], gains: Mapping[str, float],
               excluded: Ints) -> Scores:
        """Every entry outside `excluded` (ascending) that contains a term of `weights`, with
        the sums, over the terms it contains, of `impact * weights[term]` and of `gains[term]`.

        All the postings of the question's terms in one vectorised pass, summed per entry by
        `bincount`, which adds in array order: term after term, as a scalar sum over the
        terms would, so the sums are bit for bit those of a full scan. Over a small share of
        the archive, the entries are numbered by sorting their postings; otherwise over an
        array as long as the archive.
        """
        query = [(*span, weight, gains.get(term, 0.0)) for term, weight in weights.items()
                 if (span := self._spans.get(term)) is not None]
        if not query:
            return NONE
        lengths = [end - start for start, end, _, _ in query]
        # One pass each: entry numbers cast to intp while concatenated (bincount would cast
        # int32 again on every call), impacts times weights written in place.
        docs = np.concatenate([self._docs[start:end] for start, end, _, _ in query],
                              dtype=np.intp)
        bm25 = np.empty(len(docs))
        at = 0
        for (start, end, weight, _), length in zip(query, lengths, strict=True):
            np.multiply(self._impacts[start:end], weight, out=bm25[at:at + length])
            at += length
        term_gains = [gain for _, _, _, gain in query]
        if len(docs) * SPARSE < self.size and self.size >= DENSE_SIZE:
            extra = np.repeat(term_gains, lengths)
            entries, group = numbered(docs)
            found = Scores(entries.astype(np.int64), summed(group, bm25, len(entries)),
                           summed(group, extra, len(entries)))
            return found.without(excluded) if len(excluded) else found
        if len(query) > MASK_TERMS or self.size < MASK_SIZE:
            present = np.zeros(self.size, np.bool_)  # a mask, not counts: 8 times less
            present[docs] = True
            present[excluded] = False
            entries = np.flatnonzero(present)
            return Scores(entries, summed(docs, bm25, self.size)[entries],
                          summed(docs, np.repeat(term_gains, lengths), self.size)[entries])
        # Which terms each entry holds, one bit a term: that is the mask of the entries
        # present, and their gains are the sums of those terms' gains, added in term order
        # as `bincount` would (`subset_sums`): one pass over an archive-long array the less.
        held = np.zeros(self.size, np.uint8)
        at = 0
        for bit, length in enumerate(lengths):
            held[docs[at:at + length]] |= np.uint8(1 << bit)  # a term holds an entry once
            at += length
        held[excluded] = 0
        entries = np.flatnonzero(held != 0)  # nonzero is fastest over booleans
        return Scores(entries, summed(docs, bm25, self.size)[entries],
                      subset_sums(term_gains)[held[entries]])


def subset_sums(values: Sequence[float]) -> Floats:
    """For every subset of `values`, numbered by its bits (bit i: values[i]), the sum of its
    values added in their order from 0.0, as `bincount` adds them."""
    sums = np.zeros(1)
    for value in values:
        sums = np.concatenate([sums, sums + value])
    return sums


def numbered(values: npt.NDArray[np.intp]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """The sorted distinct values, and each value's number among them: what
    `np.unique(values, return_inverse=True)` gives, in half its numpy calls."""
    order = np.argsort(values)
    ordered = values[order]
    first = np.empty(len(ordered), np.bool_)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    numbers = np.empty(len(values), np.intp)
    numbers[order] = np.cumsum(first) - 1
    return ordered[first], numbers


def summed(groups: npt.NDArray[np.integer], values: Floats, length: int) -> Floats:
    """Each group's sum of its values, added in array order."""
    return np.asarray(np.bincount(groups, weights=values, minlength=length), np.float64)


def count_occurrences(size: int, fields: list[Field], term_count: int
                      ) -> tuple[Int32s, Int32s, Floats, Ints]:
    """Every (term, entry) pair with the term's weighted frequency in the entry, ordered by
    term then entry, and each term's number of entries whose own text holds it. `fields`
    is emptied once read (8 bytes an occurrence, more than the pairs' own arrays).

    Entries are taken CHUNK_ENTRIES at a time (each field's occurrences are in entry
    order): the sort that groups a chunk's occurrences needs 30 to 40 bytes an occurrence,
    which over a whole archive of 100,000 passages was the build's peak memory (100 MB).
    Within a chunk, equal pairs add up in field order, as over the whole archive.
    """
    in_text = np.zeros(term_count, np.int64)
    parts: list[tuple[Int32s, Int32s, Floats]] = []
    bounds = np.arange(0, size + CHUNK_ENTRIES, CHUNK_ENTRIES)
    cuts = [np.searchsorted(field.docs, bounds) for field in fields]
    pieces: list[tuple[Field, int, int]] = []
    for number, first in enumerate(bounds[:-1].tolist()):
        pieces = [(field, int(cut[number]), int(cut[number + 1]))
                  for field, cut in zip(fields, cuts, strict=True)]
        keys = np.concatenate([field.terms[start:end].astype(np.int64) * CHUNK_ENTRIES
                               + (field.docs[start:end] - first) for field, start, end in pieces])
        weights = np.concatenate([np.full(end - start, field.weight)
                                  for field, start, end in pieces])
        order = np.argsort(keys, kind="stable")
        keys, weights = keys[order], weights[order]
        starts = np.flatnonzero(np.diff(keys, prepend=-1))
        terms, docs = np.divmod(keys[starts], CHUNK_ENTRIES)
        frequencies = np.add.reduceat(weights, starts) if len(keys) else np.zeros(0)
        parts.append((terms.astype(np.int32), (docs + first).astype(np.int32), frequencies))
        for field, start, end in pieces:
            if field.text:
                own = distinct(field.terms[start:end].astype(np.int64) * CHUNK_ENTRIES
                               + (field.docs[start:end] - first))
                in_text += np.bincount(own // CHUNK_ENTRIES, minlength=term_count)
    del pieces
    fields.clear()
    return (*by_term(parts, term_count), in_text)


def by_term(parts: list[tuple[Int32s, Int32s, Floats]], term_count: int
            ) -> tuple[Int32s, Int32s, Floats]:
    """The chunks' (term, entry, frequency) triples ordered by term, then entry: each
    chunk's run of a term is copied to where that term's postings continue, chunk after
    chunk (chunks come in entry order), and the chunk is freed. Concatenating the chunks and
    sorting them needed 40 bytes a pair at the build's peak; this, 28."""
    counts = np.zeros(term_count, np.int64)
    for terms, _, _ in parts:
        counts += np.bincount(terms, minlength=term_count)
    cursor = np.cumsum(counts) - counts
    total = int(counts.sum())
    docs, frequencies = np.empty(total, np.int32), np.empty(total)
    parts.reverse()
    while parts:
        terms, chunk_docs, chunk_frequencies = parts.pop()  # sorted by term, then entry
        starts = np.flatnonzero(np.diff(terms, prepend=-1))
        run = np.cumsum(np.diff(terms, prepend=-1) != 0) - 1
        places = cursor[terms] + (np.arange(len(terms)) - starts[run])
        docs[places], frequencies[places] = chunk_docs, chunk_frequencies
        cursor[terms[starts]] += np.diff(starts, append=len(terms))
    term_of: Int32s = np.repeat(np.arange(term_count, dtype=np.int32), counts)
    return term_of, docs, frequencies


@dataclass(frozen=True)
class Scores:
    """Entries (ascending) and two sums for each, as `InvertedIndex.scores` gives them."""

    entries: Ints
    bm25: Floats
    gains: Floats

    def without(self, excluded: Ints) -> Scores:
        """These scores but the entries of `excluded` (ascending): a binary search each,
        where `np.isin` sorted both arrays again."""
        at = np.minimum(np.searchsorted(excluded, self.entries), len(excluded) - 1)
        kept = excluded[at] != self.entries
        return Scores(self.entries[kept], self.bm25[kept], self.gains[kept])


NONE = Scores(np.zeros(0, np.int64), np.zeros(0), np.zeros(0))


def best_positions(values: Floats, count: int) -> Ints:
    """The positions of the `count` highest `values`, best first; on a tie, the lower
    position (the lower entry, as positions follow entries).

    Over a long array, the `count`-th best of every SAMPLE_STRIDE-th value is a floor the
    true `count`-th best reaches (the sample is part of the array), so one comparison keeps
    every winner and few others; selecting among those is exact. A partition of the whole
    array cost 0.7 ms at 60,000 values, this 0.05 ms. A short array is sorted whole: one
    call, where selecting first costs half a dozen.
    """
    if len(values) <= SORT_ALL:
        ranked: Ints = np.argsort(-values, kind="stable")[:count]
        return ranked
    chosen: Ints = np.arange(len(values))
    if len(values) > count * SAMPLE_STRIDE:
        sample = values[::SAMPLE_STRIDE]
        floor = np.partition(sample, len(sample) - count)[len(sample) - count]
        chosen = np.flatnonzero(values >= floor)
    if len(chosen) > count:
        picked = values[chosen]
        cut = np.partition(picked, len(picked) - count)[len(picked) - count]
        chosen = chosen[picked >= cut]
    found: Ints = chosen[np.lexsort((chosen, -values[chosen]))[:count]]
    return found


def distinct(values: Ints) -> Ints:
    """The sorted distinct values: numpy's `unique` hashes first, several times slower here."""
    ordered: Ints = np.sort(values)
    found: Ints = ordered[np.diff(ordered, prepend=-1) != 0]
    return found
