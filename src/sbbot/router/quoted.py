"""A quote and the passage that quotes it: the passage goes first when they tie.

A post quotes someone ("Harold Jarche reprenant Stephen Downes précisait : ... You and I are
in a network ...") and the knowledge holds that quote again as a quote of its own, for
`!citation`. Asked about what the quote says ("collaboration vs coopération, c'est quoi la
différence ?"), both hold the question's words; BM25 then prefers the quote, which is
shorter, though the passage says all it says and more: who is quoted, where, and what the
post makes of it (Downes's two definitions, Duperrin's post's title). So when the best entry
is a quote and a passage holding it covers the question as well, the passage goes ahead.

The other way round, a passage may only mention someone's words ("pour reprendre les termes
de Jacques Attali à propos de la tyrannie de la transparence"): asked what Attali says of
that tyranny, it ties with his quote, and the shorter one won. A question naming someone a
quote's attribution names (its author, or who relays it: "Stephen Downes (repris par Harold
Jarche)") wants their words: the quote, or a passage quoting it, goes ahead of a tied entry
that is neither.
Only an order: the verdict is then given on the entry moved as on any entry.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from sbbot.entries import Entry
from sbbot.router.matches import Candidate
from sbbot.router.verdict import TIE_MARGIN, first_fitting
from sbbot.text import fold

OPENING_WORDS = 12
"""How many of a quote's first words a passage must hold, in order, to quote it: enough to
tell one sentence from any other, few enough for a passage that cuts a long quote."""
OPENING = "« "
CLOSING = " »\n— "


def quoting_passages(entries: Sequence[Entry]) -> dict[int, frozenset[int]]:
    """Each quote's entry number -> the numbers of its post's passages that quote it (hold
    its first OPENING_WORDS words, folded). Read once, at build: only the posts of quotes."""
    openings: dict[int, str] = {}
    for index, entry in enumerate(entries):
        if entry.type == "quote" and entry.text.startswith(OPENING) and CLOSING in entry.text:
            words = fold(entry.text[len(OPENING):entry.text.index(CLOSING)]).split()
            if len(words) >= OPENING_WORDS // 2:
                openings[index] = " " + " ".join(words[:OPENING_WORDS]) + " "
    if not openings:
        return {}
    posts = {entries[index].post for index in openings}
    texts = {index: f" {fold(entry.text)} " for index, entry in enumerate(entries)
             if entry.type == "passage" and entry.post in posts}
    found: dict[int, frozenset[int]] = {}
    for quote, opening in openings.items():
        holders = frozenset(index for index, text in texts.items()
                            if entries[index].post == entries[quote].post and opening in text)
        if holders:
            found[quote] = holders
    return found


def attributed_names(entries: Sequence[Entry], terms: Callable[[str], list[str]]
                     ) -> dict[int, frozenset[str]]:
    """Each quote's entry number -> the terms of the names its attribution line holds (its
    capitalised words: the author's name, and whoever relays the quote in its context)."""
    found: dict[int, frozenset[str]] = {}
    for index, entry in enumerate(entries):
        if entry.type == "quote" and CLOSING in entry.text:
            line = entry.text[entry.text.rindex(CLOSING) + len(CLOSING):]
            names = " ".join(word for word in line.replace("(", " ").replace(")", " ").split()
                             if word[:1].isupper())
            if held := frozenset(terms(names)):
                found[index] = held
    return found


def quoting_first(matches: list[Candidate], quoting: Mapping[int, frozenset[int]],
                  names: Mapping[int, frozenset[str]], stems: Collection[str]
                  ) -> list[Candidate]:
    """The matches, for a question naming someone a quote's attribution names (`names`,
    from `attributed_names`; `stems`: the question's terms), that quote or a passage quoting
    it moved ahead of a best entry that is neither; then a passage quoting the best one (a
    quote: `quoting`, from `quoting_passages`) moved ahead of it. Each when it has as much
    confidence (TIE_MARGIN)."""
    if not matches:
        return matches
    wanted = {quote for quote, held in names.items() if not held.isdisjoint(stems)}
    if wanted:
        theirs = wanted.union(*(quoting.get(quote, ()) for quote in wanted))
        matches = first_fitting(matches, lambda match: match.index in theirs, TIE_MARGIN)
    if (holders := quoting.get(matches[0].index)) is None:
        return matches
    return first_fitting(matches, lambda match: match.index in holders, TIE_MARGIN)
