"""When an event card goes ahead of an entry ranked above it: the question asks when or
where, and names the event itself.

"Le petit déj du 4 avril, c'est où ?" ranks first the invitation welcoming members to the
breakfast on 4 April, which says when but not where: its words are the member's. The
event's card states both its date and its place. A question names an event by what a
member calls it: its name, its date or its place (the card's first lines), or a word for a
kind of gathering ("petit déjeuner", "meetup"). A question that only names someone the card
lists among its speakers does not: "c'est où ?" asked after "Qui est Guillaume Foltran ?"
is read with his name, and is not a question about the event's place.
Only an order: the verdict is then given on the card as on any entry.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from sbbot.language.cues import Cue
from sbbot.router.matches import Candidate
from sbbot.router.terms import QueryTerm
from sbbot.router.verdict import first_fitting
from sbbot.text import fold

EVENT_CUES: frozenset[Cue] = frozenset({"date", "place", "time"})
"""What an event card states of itself, whatever its post calls the event: when (its date
and start time) and where."""
GATHERINGS = """événement matinée soirée déjeuner dîner conférence colloque congrès séminaire
atelier webinaire rencontre réunion rendez-vous meetup afterwork event breakfast brunch lunch
dinner conference seminar workshop webinar meeting gathering""".split()
"""Words for a kind of gathering, French and English: a question using one names an event,
whatever its post calls it ("le petit déj", "the breakfast"). Read by the router's analyzer,
so an English word meets its French translation and "petit déjeuner" its "déjeuner"."""
ANOTHER = frozenset("""prochain prochaine prochains prochaines suivant suivante suivants
suivantes autre autres next following other another""".split())
"""Words that ask about another occurrence than the one a card describes ("la prochaine
matinée, ce sera où ?"): the question names a kind of gathering, not this event."""
ANY_CONFIDENCE = 100.0
"""How much less confidence the card may have: any. The question names the event and asks
what the card states; the entries above it can only be passages that mention the event."""


def card_first(matches: list[Candidate], cues: Collection[Cue],
               naming: Mapping[int, frozenset[str]], gatherings: Collection[str],
               gives: Callable[[Candidate, Cue], bool], terms: Sequence[QueryTerm],
               question: str) -> list[Candidate]:
    """The matches, an event card (`naming`: the terms of each card's name, date and place,
    by entry number) moved ahead of a better ranked entry that does not give the date, time
    or place asked (EVENT_CUES), when the card gives it and the question names the event:
    a term of its name, date or place, or a word for a kind of gathering (`gatherings`,
    as terms), and not another occurrence of it (ANOTHER, in the `question`'s words)."""
    wanted = EVENT_CUES.intersection(cues)
    if (not wanted or not matches or matches[0].index in naming
            or all(gives(matches[0], cue) for cue in wanted)
            or not ANOTHER.isdisjoint(fold(question).split())):
        return matches
    stems = {term.stem for term in terms}
    any_event = not stems.isdisjoint(gatherings)
    return first_fitting(matches, lambda match: match.index in naming
                         and (any_event or not stems.isdisjoint(naming[match.index]))
                         and all(gives(match, cue) for cue in wanted), ANY_CONFIDENCE)
