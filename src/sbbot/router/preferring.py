"""When an event card goes ahead of an entry ranked above it: the question asks where or
when, and the card holds every word of it that the entry holds.

"Le petit déj du 4 avril, c'est où ?" ranks first the invitation welcoming members to the
breakfast on 4 April, which says when but not where: its example questions read like the
member's. The event's card holds the same words and states both its date and its place.
Only an order: the verdict is then given on the card as on any entry.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from sbbot.language.cues import Cue
from sbbot.router.matches import Candidate
from sbbot.router.terms import QueryTerm
from sbbot.router.verdict import first_fitting

EVENT_CUES: frozenset[Cue] = frozenset({"date", "place"})
"""What an event card states of itself, whatever its post calls the event."""
ANY_CONFIDENCE = 100.0
"""How much less confidence the card may have: any. It holds every word the entry ranked
above it holds, so it covers at least as much of the question; it can only rank lower by
its example questions, which say nothing of where or when the event is."""


def card_first(matches: list[Candidate], cues: Collection[Cue], events: Collection[int],
               gives: Callable[[Candidate, Cue], bool],
               contained: Callable[[int, Iterable[str]], set[str]],
               terms: Sequence[QueryTerm]) -> list[Candidate]:
    """The matches, an event card (`events`: the entries that are) moved ahead of a better
    ranked entry that does not give the date or place asked (EVENT_CUES) when the card
    gives it and holds every term of the question (`terms`) that entry holds (`contained`:
    which of some terms an entry, by its number, holds). "When did Jane McConnell found
    NetJMC?" keeps its passage: the card never mentions founding, and its date is not the
    answer."""
    wanted = EVENT_CUES.intersection(cues)
    if not wanted or not matches or matches[0].index in events:
        return matches
    stems = {term.stem for term in terms}
    held = contained(matches[0].index, stems)
    return first_fitting(matches, lambda match: match.index in events
                         and all(gives(match, cue) for cue in wanted)
                         and held <= contained(match.index, stems), ANY_CONFIDENCE)
