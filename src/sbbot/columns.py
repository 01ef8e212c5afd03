"""Entries and passages as columns: a few arrays and text blobs instead of objects per entry.

Held as objects, 100,000 passages are about 800,000 Python objects (an `Entry`, a
`Passage`, their `Hints` and the dicts behind each): unpickling a cached snapshot of them
took 0.9 s, the collector scanned them all, and each weighed some 800 bytes beyond its
text. As columns (the texts as one UTF-8 blob with offsets, numbers in numpy arrays, hints
only where an entry has some) they are a dozen objects that load in milliseconds; an
`Entry` or a `Passage` is made when it is read, which an answer does for a handful.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice, pairwise
from typing import Literal, TypeVar, overload

import numpy as np
import numpy.typing as npt

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints, Knowledge, Passage, Post

TYPES: tuple[Literal["passage", "quote", "reason", "event"], ...] = (
    "passage", "quote", "reason", "event")
NO_HINTS = Hints()
BATCH = 4096

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Strings:
    """Texts as one UTF-8 blob: text i is `blob[offsets[i]:offsets[i + 1]]`. The blob is an
    array, not `bytes`, so that a snapshot pickles it out of band (no copy on loading)."""

    blob: npt.NDArray[np.uint8]
    offsets: npt.NDArray[np.int64]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Strings:
        """Encoded a batch at a time: a list of every encoded text would double the peak."""
        blob, lengths, remaining = bytearray(), [0], iter(texts)
        while encoded := [text.encode() for text in islice(remaining, BATCH)]:
            lengths.extend(map(len, encoded))
            blob += b"".join(encoded)
        return cls(np.frombuffer(blob, np.uint8), np.cumsum(lengths, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def raw(self, index: int) -> bytes:
        start, end = self.offsets[index:index + 2].tolist()
        return self.blob[start:end].tobytes()

    def __getitem__(self, index: int) -> str:
        return self.raw(index).decode()

    def all(self) -> list[str]:
        """Every text, decoded in one pass (for bulk work: a reload's comparison)."""
        bounds = self.offsets.tolist()
        blob = self.blob.tobytes()
        return [blob[start:end].decode() for start, end in pairwise(bounds)]


class Rows(Sequence[T]):
    """A read-only sequence whose items are made on access by `_make`."""

    def __len__(self) -> int:
        raise NotImplementedError

    def _make(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._make(number) for number in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._make(index)

    def __iter__(self) -> Iterator[T]:
        return (self._make(number) for number in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same items (a tuple of the objects it replaces)."""
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                       strict=True))

    __hash__ = None  # type: ignore[assignment]


class EntryTable(Rows[Entry]):
    """The router's entries, numbered from 0, as columns."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.ids = Strings.of(entry.id for entry in entries)
        self.texts = Strings.of(entry.text for entry in entries)
        self.types = np.fromiter((TYPES.index(entry.type) for entry in entries), np.uint8,
                                 len(entries))
        origins: dict[tuple[str, str], int] = {}
        self.origins = np.fromiter((origins.setdefault((entry.post, entry.source), len(origins))
                                    for entry in entries), np.int32, len(entries))
        self.posts = tuple(post for post, _ in origins)
        self.sources = tuple(source for _, source in origins)
        self.hints = {number: entry.hints for number, entry in enumerate(entries)
                      if entry.hints != NO_HINTS}
        """Only the entries that have hints: few in a large archive."""
        self._by_id = np.asarray(sorted(range(len(entries)), key=lambda n: entries[n].id),
                                 np.int32)
        self.id_digests = np.fromiter((digest64(entry.id) for entry in entries), np.uint64,
                                      len(entries))
        self.digests = np.fromiter((digest64(entry.id, entry.type, entry.text, entry.post,
                                             entry.source, *entry.hints.questions, "",
                                             *entry.hints.keywords)
                                    for entry in entries), np.uint64, len(entries))
        """64-bit digests of each entry's id, and of all it holds: what a reload compares."""

    def __len__(self) -> int:
        return len(self.types)

    def _make(self, index: int) -> Entry:
        origin = int(self.origins[index])
        return Entry(self.ids[index], TYPES[self.types[index]], self.texts[index],
                     self.posts[origin], self.sources[origin],
                     self.hints.get(index, NO_HINTS))

    def kinds(self) -> Iterator[tuple[str, str]]:
        """Every entry's id and type, without making the entries (an autocomplete's list)."""
        return zip(self.ids.all(), (TYPES[kind] for kind in self.types.tolist()), strict=True)

    def index_of(self, entry_id: str) -> int:
        """The number of the entry `entry_id`; KeyError if there is none."""
        key = entry_id.encode()
        found = bisect.bisect_left(self._by_id, key, key=lambda n: self.ids.raw(int(n)))
        if found < len(self._by_id) and self.ids.raw(int(self._by_id[found])) == key:
            return int(self._by_id[found])
        raise KeyError(entry_id)


class Passages(Rows[Passage]):
    """A post's passages, read from the entry table: entries `start` to `stop`."""

    def __init__(self, table: EntryTable, start: int, stop: int) -> None:
        self._table, self._start, self._stop = table, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    def _make(self, index: int) -> Passage:
        entry = self._table[self._start + index]
        return trusted(Passage, id=entry.id, text=entry.text, hints=entry.hints)


def digest64(*fields: str) -> int:
    digest = hashlib.blake2b(digest_size=8)
    for field in fields:
        digest.update(field.encode() + b"\0")
    return int.from_bytes(digest.digest(), "little")


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """No entry added, removed or changed: a reload of what was already served."""
        return not (self.added or self.removed or self.changed)


def changes(old: EntryTable, new: EntryTable) -> Changes:
    """Entries added, removed and changed from `old` to `new`, by their digests: a few sorts
    of arrays (in C, mostly without the interpreter lock), and only the ids that differ are
    read. Two ids or contents would have to share a 64-bit digest to be misreported."""
    _, before, after = np.intersect1d(old.id_digests, new.id_digests,
                                      assume_unique=True, return_indices=True)
    added = np.setdiff1d(np.arange(len(new)), after, assume_unique=True)
    removed = np.setdiff1d(np.arange(len(old)), before, assume_unique=True)
    changed = after[old.digests[before] != new.digests[after]]
    return Changes(tuple(sorted(new.ids[int(n)] for n in added)),
                   tuple(sorted(old.ids[int(n)] for n in removed)),
                   tuple(sorted(new.ids[int(n)] for n in changed)))


def trusted(cls: type[T], **fields: object) -> T:
    """An instance of a frozen knowledge dataclass from values it was validated with when
    the snapshot was built: validating 100,000 passages again costs a second."""
    made = cls.__new__(cls)
    for name, value in fields.items():
        object.__setattr__(made, name, value)
    return made


def lean_knowledge(knowledge: Knowledge, table: EntryTable) -> Knowledge:
    """`knowledge` with each post's passages read from `table` (built from
    `entries_of(knowledge)`, which lists the posts' passages first, post after post)."""
    posts, start = [], 0
    for post in knowledge.posts:
        stop = start + len(post.passages)
        posts.append(trusted(Post, slug=post.slug, title=post.title,
                             passages=Passages(table, start, stop), category=post.category))
        start = stop
    return replace(knowledge, posts=tuple(posts))
