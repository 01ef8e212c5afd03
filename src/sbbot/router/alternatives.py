"""A question word with several usual translations counts, in each entry, by the one that
entry holds best.

"team" is "équipe" in one post and "collectif" in another; "succeed" is "réussir" or
"succès". Taking the first translation the knowledge holds misses the entry that writes the
other; adding every translation as a word of its own would count a word twice in an entry
holding two of them, and make a question of ambiguous words look covered. So a word's
translations are one word (the structured queries of cross-language search): for each entry
its BM25 comes from the translation that entry holds best (another than the first at half
weight), and the verdict reads the word as the translation the answer holds.

An alternative orders the entries but adds nothing to the share of the question an entry
covers, which the confidence rests on: counted there at half weight too, it answered more
questions of the tuning sets right and more wrong (bare dev2 English +5 right, +1 confident
wrong; one more off-topic question left "unsure"); counted at nothing, it answers fewer
more, but none wrongly (+2 right, -1 wrong, nothing lost on any set or variant).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from sbbot.router.index import Ints, InvertedIndex, Scores, summed
from sbbot.router.query import QueryTerm

ALTERNATIVE_WEIGHT = 0.5
"""What a word weighs in BM25 where an entry holds one of its other translations only:
the lexicon lists the most usual translation first, so another one is less sure to be the
word's meaning there (as a near-synonym is: `query.SYNONYM_WEIGHT`)."""
Alternatives = Mapping[str, tuple[str, ...]]
"""A word's first known term -> the other terms of the knowledge it may be."""


def usable(terms: Sequence[QueryTerm], excluded: Collection[str]) -> Sequence[QueryTerm]:
    """The terms with only the alternatives that stand for their word alone: not another
    word's term of the question (it counts there), not an `excluded` (generic) term."""
    if not any(term.alternatives for term in terms):
        return terms
    own = {term.stem for term in terms}
    kept = [tuple(stem for stem in term.alternatives if stem not in own and stem not in excluded)
            for term in terms]
    return [term if others == term.alternatives else replace(term, alternatives=others)
            for term, others in zip(terms, kept, strict=True)]


def alternatives_of(terms: Iterable[QueryTerm], weights: Mapping[str, float]) -> Alternatives:
    """First known term -> its alternatives, for the weighted terms that have some."""
    found: dict[str, tuple[str, ...]] = {}
    for term in terms:
        if term.alternatives and term.stem in weights:
            found[term.stem] = tuple(dict.fromkeys((*found.get(term.stem, ()),
                                                    *term.alternatives)))
    return found


def held(terms: Sequence[QueryTerm], contains: Callable[[str], bool]) -> list[QueryTerm]:
    """The terms as an entry holds them: a word whose first term the entry lacks is the first
    of its alternatives the entry holds, if any. Not the word after "which" or "quel": it
    says what is asked, and an entry must hold it in its usual sense ("which company" is
    not answered by a passage on the network "société", society)."""
    return [next((replace(term, stem=stem, alternatives=()) for stem in term.alternatives
                  if contains(stem)), term)
            if term.alternatives and term.named != "asked" and not contains(term.stem)
            else term
            for term in terms]


def held_weights(weights: Mapping[str, float], alternatives: Alternatives,
                 terms: Iterable[QueryTerm]) -> dict[str, float]:
    """The weights of the terms as an entry holds them (`held`): a word held as one of its
    alternatives weighs its first term's weight, lowered."""
    found = dict(weights)
    if alternatives:
        firsts = {other: first for first, others in alternatives.items() for other in others}
        found.update({term.stem: ALTERNATIVE_WEIGHT * weights[firsts[term.stem]]
                      for term in terms if term.stem not in weights and term.stem in firsts})
    return found


def hinted_sums(weights: Mapping[str, float], evidence: Mapping[str, float],
                alternatives: Alternatives, postings: Mapping[str, Mapping[int, float]]
                ) -> tuple[dict[int, float], dict[int, float]]:
    """BM25 and evidence sums per entry of `postings`, each word counting by its best term
    in that entry. A word without alternatives is added as a plain sum over the terms would
    (0 + x is x): without alternatives, the same floats."""
    bm25s: dict[int, float] = {}
    covered: dict[int, float] = {}
    for term, weight in weights.items():
        others = alternatives.get(term)
        if not others:
            gain = evidence[term]
            for index, impact in postings[term].items():
                if index in bm25s:
                    bm25s[index] += impact * weight
                    covered[index] += gain
                else:
                    bm25s[index] = impact * weight
                    covered[index] = gain
            continue
        bm25, gains = best_of(term, others, weight, evidence, postings)
        for index, value in bm25.items():
            if index in bm25s:
                bm25s[index] += value
                covered[index] += gains[index]
            else:
                bm25s[index] = value
                covered[index] = gains[index]
    return bm25s, covered


def best_of(term: str, others: Sequence[str], weight: float, evidence: Mapping[str, float],
            postings: Mapping[str, Mapping[int, float]]
            ) -> tuple[dict[int, float], dict[int, float]]:
    """Per entry, a word's best BM25 over its first term and alternatives, and its evidence
    (of the first term only: 0 where the entry holds only an alternative)."""
    bm25 = {index: impact * weight for index, impact in postings[term].items()}
    gains = dict.fromkeys(bm25, evidence[term])
    lowered = ALTERNATIVE_WEIGHT * weight
    for stem in others:
        for index, impact in postings[stem].items():
            bm25[index] = max(bm25.get(index, 0.0), impact * lowered)
            gains.setdefault(index, 0.0)
    return bm25, gains


def grouped_scores(index: InvertedIndex, weights: Mapping[str, float],
                   evidence: Mapping[str, float], alternatives: Alternatives,
                   excluded: Ints) -> Scores:
    """`InvertedIndex.scores`, each word counting by its best term in each entry: every
    term's postings keyed by (entry, word), sorted, each key's best value and gain kept,
    then added per entry in word order."""
    docs, impacts, factors, gains, words, lengths = [], [], [], [], [], []
    for number, (term, weight) in enumerate(weights.items()):
        for stem in (term, *alternatives.get(term, ())):
            held, impact = index.arrays(stem)
            docs.append(held)
            impacts.append(impact)
            factors.append(weight if stem == term else ALTERNATIVE_WEIGHT * weight)
            gains.append(evidence[term] if stem == term else 0.0)
            words.append(number)
            lengths.append(len(held))
    counts = np.array(lengths)
    keys = (np.concatenate(docs).astype(np.int64) * len(weights)
            + np.repeat(np.array(words, np.int64), counts))
    order = np.argsort(keys)
    keys = keys[order]
    starts = np.flatnonzero(changes(keys))
    best = np.maximum.reduceat(
        (np.concatenate(impacts) * np.repeat(np.array(factors), counts))[order], starts)
    gained = np.maximum.reduceat(np.repeat(np.array(gains), counts)[order], starts)
    entries = keys[starts] // len(weights)
    changed = changes(entries)
    # bincount adds in array order, word after word, as a sum over the words would
    # (np.add.reduceat does not: the last digit may differ from the full scan's)
    group = np.cumsum(changed) - 1
    count = int(group[-1]) + 1 if len(group) else 0
    found = Scores(entries[changed], summed(group, best, count), summed(group, gained, count))
    return found.without(excluded) if len(excluded) else found


def changes(values: Ints) -> npt.NDArray[np.bool_]:
    """Where a sorted array's value differs from the one before (the first always)."""
    changed = np.empty(len(values), np.bool_)
    changed[:1] = True
    np.not_equal(values[1:], values[:-1], out=changed[1:])
    return changed
