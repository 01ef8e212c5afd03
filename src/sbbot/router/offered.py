"""Alternatives a question offers ("yammer or slack", "à Paris ou à Lyon"): when the
knowledge names neither, the posts cannot say which, nor anything of either (`verdict.
foreign_words` counts them as foreign). And the answer a question offers itself after a
comma ("quelle techno chez bouygues, du sharepoint ?"), which an entry holding it gives,
and which the posts cannot give when the knowledge never names it ("..., yammer ?")."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from sbbot.language.wordforms import question_words
from sbbot.router.terms import QueryTerm
from sbbot.text import fold

ALTERNATIVES = frozenset({"or", "ou"})


def unknown_alternatives(terms: Sequence[QueryTerm], known: Callable[[str], bool],
                         question: str) -> frozenset[str]:
    """The words on either side of an "or" ("ou") in the question when the knowledge holds
    neither: the question asks which of two things it names, or about either, and the posts
    name none ("yammer or slack", "à paris ou lyon", "à paris ou à lyon": the preposition or
    article repeated before the second is skipped, `REPEATED`). One alternative the
    knowledge holds is left alone: the other may be a paraphrase of it ("cabinets ou
    analystes")."""
    words = question_words(question)
    if ALTERNATIVES.isdisjoint(words):
        return frozenset()
    stems = {term.word: term.stem for term in terms}
    found: set[str] = set()
    for position, between in enumerate(words[1:-1], 1):
        if between not in ALTERNATIVES:
            continue
        before, after = words[position - 1], words[position + 1]
        if after in REPEATED and position + 2 < len(words):  # "à paris ou à lyon"
            after = words[position + 2]
        if (before in stems and after in stems
                and not known(stems[before]) and not known(stems[after])):
            found.update((before, after))
    return frozenset(found)


REPEATED = frozenset("a au aux en in at on de du des le la les l the".split())
"""Prepositions and articles a second alternative repeats ("à Paris ou à Lyon", "in Paris
or in Lyon")."""


OFFERED_LAST = re.compile(r",\s*(?:(?:du|de\s+la|des|de|le|la|les|l['’]|the|a|an)\s*)?"
                          r"([^\W\d_][\w-]*)\s*\?*\s*$")
"""A last word offered after a comma, an article or "du" before it ("..., du sharepoint ?",
"..., sharepoint ?")."""


def offered_answer(question: str, terms: Sequence[QueryTerm], covered: Collection[str]
                   ) -> frozenset[str]:
    """The words asked for after "quel" or "which" ("quelle techno") when the question ends
    by offering its answer after a comma ("quelle techno chez bouygues, du sharepoint ?")
    and the entry holds that answer (`covered`: the stems of the question it holds): it is
    asked whether the answer is that one, which the entry naming it in the question's
    other words says, though it never writes the kind ("techno") asked. An answer the
    knowledge never names is a foreign word and declines as before."""
    asked = [term for term in terms if term.named == "asked"]
    if not asked or "," not in question:
        return frozenset()
    found = OFFERED_LAST.search(question)
    if found is None:
        return frozenset()
    last = fold(found.group(1))
    if not any(term.word == last and term.named != "asked" and term.stem in covered
               for term in terms):
        return frozenset()
    return frozenset(term.word for term in asked)


def unknown_offered(question: str, terms: Sequence[QueryTerm], known: Callable[[str], bool]
                    ) -> frozenset[str]:
    """The answer a question asking which thing ("which french startups", "quelle techno")
    offers itself after a comma ("..., blablacar ?") when the knowledge never names it: it
    asks whether the answer is that one, which the posts cannot say (`verdict.
    foreign_words` counts it as foreign, as alternatives of which they name neither)."""
    if "," not in question or not any(term.named == "asked" for term in terms):
        return frozenset()
    found = OFFERED_LAST.search(question)
    if found is None:
        return frozenset()
    last = fold(found.group(1))
    return frozenset(term.word for term in terms
                     if term.word == last and term.named != "asked" and not known(term.stem))
