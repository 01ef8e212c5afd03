"""An English word with several usual translations, or a French word with near-synonyms,
counted in the best entries by the one each holds.

"team" is "équipe" in one post and "collectif" in another; "succeed" is "réussir" or
"succès". The query keeps the first translation the knowledge holds, which misses the
entries that write another. Counting every translation in every entry's BM25 did better,
but cost the router its speed at scale (c2faa87, reverted: p99 at 100,000 entries from
0.97 to 7.1 ms), so the other translations (the word's *alternatives*) count only among
the few best entries the index ranked: a handful of look-ups a question, whatever the size
of the knowledge. There an entry that lacks a word's first translation but holds another
covers that word at half weight (a translation further down the lexicon's list is less
sure to be the word's meaning, as a near-synonym is: `query.SYNONYM_WEIGHT`) and moves up
accordingly; the verdict then reads the word as the translation its best entry holds,
except the word after "which" or "quel", which says what is asked and must be held in its
usual sense. At full weight, near-domain questions were answered with confidence.

A French word the knowledge holds has its near-synonyms the knowledge holds as alternatives
(`data/fr-synonyms.txt`): a post writes "salariés" in one passage and "employés" in the one
that answers "comment accompagner les salariés ?"; a member's paraphrase picks either. So
does a French word the knowledge lacks, read as the first of its near-synonyms it holds: its
other near-synonyms are its alternatives ("les projets menés par l'informatique" is read as
"diriger", which another passage writes, and the one that answers writes "les projets
conduits par les équipes IT").

A generic term ("monde" for "people") is no alternative, nor another word's term of the
question (it counts there already).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from math import inf

from sbbot.router.matches import Candidate
from sbbot.router.terms import QueryTerm

ALTERNATIVE_WEIGHT = 0.5
"""What a word weighs where an entry holds one of its alternatives only."""
Alternatives = Mapping[str, tuple[str, ...]]
"""A word's term -> its alternatives."""


def alternatives_of(terms: Sequence[QueryTerm], weights: Mapping[str, float],
                    excluded: Collection[str]) -> dict[str, tuple[str, ...]]:
    """The alternatives of the question's weighted terms, as they may count (see above)."""
    found: dict[str, tuple[str, ...]] = {}
    if not any(term.alternatives for term in terms):
        return found
    own = {term.stem for term in terms}
    for term in terms:
        if term.alternatives and term.stem in weights:
            others = tuple(other for other in term.alternatives
                           if other not in own and other not in excluded)
            if others:
                found.setdefault(term.stem, others)
    return found


def reranked(ranked: list[Candidate], alternatives: Alternatives, evidence: Mapping[str, float],
             total: float, holds: Callable[[Candidate, str], bool],
             rank_coverage: float) -> list[Candidate]:
    """The ranked entries (best first), each that could still become the best covering the
    words it holds an alternative of (at ALTERNATIVE_WEIGHT; `rank_coverage`: what coverage
    weighs in a rank), in their new order (ties by entry, as the ranking breaks them). An
    entry ranked lower than the best by more than all the alternatives could add is left
    as it is: a few look-ups for the first entries, none for the rest."""
    if not alternatives:
        return ranked
    share = ALTERNATIVE_WEIGHT / total
    reach = rank_coverage * share * sum(evidence[term] for term in alternatives)
    found: list[Candidate] = []
    top = -inf
    moved = False
    for candidate in ranked:
        if candidate.rank + reach >= top:
            gain = sum(evidence[term] for term, others in alternatives.items()
                       if not holds(candidate, term)
                       and any(holds(candidate, other) for other in others))
            if gain:
                candidate = candidate.covering(share * gain, rank_coverage * share * gain)
                moved = True
            top = max(top, candidate.rank)
        found.append(candidate)
    if not moved:
        return ranked
    return sorted(found, key=lambda candidate: (-candidate.rank, candidate.index))


def held(terms: Sequence[QueryTerm], alternatives: Alternatives,
         contains: Callable[[str], bool]) -> list[QueryTerm]:
    """The question's terms as an entry holds them: a word whose term the entry lacks is
    the first of its alternatives the entry holds, if any; not the word after "which" or
    "quel" ("which company" is not answered by a passage on "société", society)."""
    if not alternatives:
        return list(terms)
    return [next((replace(term, stem=other, first=term.stem) for other in
                  alternatives.get(term.stem, ()) if contains(other)), term)
            if term.stem in alternatives and term.named != "asked" and not contains(term.stem)
            else term
            for term in terms]


def held_evidence(terms: Sequence[QueryTerm], weights: Mapping[str, float],
                  covered: Collection[str], idf: Callable[[str], float | None]) -> float:
    """The rare-word evidence (idf units) of the words an entry holds as an alternative
    (`held`), at ALTERNATIVE_WEIGHT."""
    return sum(ALTERNATIVE_WEIGHT * weights[term.first] * (idf(term.stem) or 0.0)
               for term in terms if term.first and term.stem in covered)
