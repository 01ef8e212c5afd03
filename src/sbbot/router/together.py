"""Which terms a knowledge's passages write one right after the other (stopwords aside).

A French meaning written in several words ("mot de passe", "poste de travail") is the
meaning of an English word ("password", "workstation") only where its words stand together:
read as its words anywhere, "password" met any passage holding "mot" and "passe" apart.
The pairs are read once from the index's numbered text field (`indexing.build_index`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt


class Together:
    """The distinct pairs of terms that follow each other in some entry's own text."""

    def __init__(self, docs: npt.NDArray[np.int32], numbers: npt.NDArray[np.int32],
                 names: Mapping[str, int], phrases: Collection[Sequence[str]]) -> None:
        """Only the pairs of `phrases` (the lexicon's several-word meanings, as terms) are
        looked for, among the text's pairs starting with a term of theirs: sorting every
        pair of a large archive took seconds."""
        self._size = len(names)
        self._numbers = {term: names[term] for phrase in phrases for term in phrase
                         if term in names}
        wanted = np.asarray(sorted({self._numbers[term] for phrase in phrases
                                    for term in phrase[:-1] if term in self._numbers}),
                            np.int32)
        kept = np.flatnonzero((docs[1:] == docs[:-1]) & np.isin(numbers[:-1], wanted))
        self._pairs = np.unique(numbers[kept].astype(np.int64) * self._size
                                + numbers[kept + 1])

    def writes(self, terms: Sequence[str]) -> bool:
        """Whether some entry's text holds these terms in this order, each right after the
        one before (stopwords between them aside: the index keeps none)."""
        numbers = [self._numbers.get(term) for term in terms]
        if len(numbers) < 2 or None in numbers:
            return False
        keys = np.asarray([first * self._size + second
                           for first, second in pairwise(n for n in numbers if n is not None)],
                          np.int64)
        found = np.searchsorted(self._pairs, keys)
        return bool(np.all(found < len(self._pairs))
                    and np.all(self._pairs[np.minimum(found, len(self._pairs) - 1)] == keys))


NOWHERE = Together(np.zeros(0, np.int32), np.zeros(0, np.int32), {}, ())
"""No knowledge: nothing is written together."""
