"""When an event card goes ahead of an entry ranked above it: the question names the event
itself, and asks what the card states (when, where, the price) or ties the card with that
entry.

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

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from sbbot.language.cue_words import Cue
from sbbot.language.frequency import general_zipf
from sbbot.language.wordforms import folded_question
from sbbot.router.apart import SUBJECT_CUES
from sbbot.router.matches import Candidate
from sbbot.router.terms import QueryTerm
from sbbot.router.verdict import NAME_MAX_ZIPF, TIE_MARGIN, first_fitting

EVENT_CUES: frozenset[Cue] = frozenset({"date", "place", "time", "price"})
"""What an event card states of itself, whatever its post calls the event: when (its date
and start time), where, and its price."""
GATHERINGS = """événement matinée soirée déjeuner dîner conférence colloque congrès séminaire
atelier webinaire rencontre réunion rendez-vous meetup afterwork event breakfast brunch lunch
dinner conference seminar workshop webinar meeting gathering""".split()
"""Words for a kind of gathering, French and English: a question using one names an event,
whatever its post calls it ("le petit déj", "the breakfast"). Read by the router's analyzer,
so an English word meets its French translation and "petit déjeuner" its "déjeuner"."""
PLANNED = "prévu prévue prévus prévues prévoir planned scheduled".split()
"""Words saying that something is planned ("un petit déjeuner est prévu ?", "is breakfast
planned?"): an event card is something planned, so it holds them as it holds the word of its
kind, though it never writes them; they do not name the event (`card_first`)."""
SPEAKING = """présenter présente présentent présenté présentée présentés présentées présentera
présenteront intervenir intervient interviennent interviendra interviendront témoigner témoigne
témoignent témoignera témoigneront animer anime animent animera animeront""".split()
"""Words saying what a speaker does at an event ("quel retour d'expérience sera présenté à la
matinée ?", "qui vient témoigner ?"): a card lists its programme and speakers, so it holds
them as it holds being planned, though it may never write them."""
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
               question: str, contained: Callable[[int, Iterable[str]], set[str]]
               ) -> list[Candidate]:
    """The matches, an event card (`naming`: the terms of each card's name, date and place,
    by entry number) moved ahead of a better ranked entry when the question names the event:
    a term of its name, date or place, or a word for a kind of gathering (`gatherings`, as
    terms), and not another occurrence of it (ANOTHER, in the `question`'s words).

    Asked the date, time, place or price (EVENT_CUES), the card giving it goes ahead of an
    entry that does not give it; a price is a fact of what it is asked of
    (`apart.SUBJECT_CUES`), so the card goes ahead too of an entry giving a price without
    the event's name, date or place that the question uses (`contained`: which of some terms
    an entry, by its number, holds). Asked none of them ("de quoi va parler Jane McConnell à
    la matinée ?"), the card goes ahead of an entry it ties with (TIE_MARGIN), when the
    question names the event by a gathering or a word rarer than everyday words
    (NAME_MAX_ZIPF: "entreprise", "demain" or "avril" name many other things)."""
    if not matches or matches[0].index in naming or not ANOTHER.isdisjoint(
            folded_question(question).split()):
        return matches
    stems = {term.stem for term in terms}
    any_event = not stems.isdisjoint(gatherings)
    wanted = EVENT_CUES.intersection(cues)
    if not wanted:
        rare = {term.stem for term in terms if general_zipf(term.word) <= NAME_MAX_ZIPF}
        return first_fitting(matches, lambda match: match.index in naming and (
            any_event or not rare.isdisjoint(naming[match.index])), TIE_MARGIN)
    best_gives = all(gives(matches[0], cue) for cue in wanted)
    if best_gives and not wanted & SUBJECT_CUES:
        return matches

    def fits(match: Candidate) -> bool:
        if match.index not in naming or not all(gives(match, cue) for cue in wanted):
            return False
        named = stems & naming[match.index]
        if best_gives:
            return bool(named - contained(matches[0].index, named))
        return any_event or bool(named)

    return first_fitting(matches, fits, ANY_CONFIDENCE)


def gathering_kinds(terms: Sequence[QueryTerm], covered: Collection[str],
                    gatherings: Collection[str], question: str) -> set[str]:
    """The terms of the words for a kind of gathering or for something planned
    (`gatherings`, PLANNED) by which a question speaks of an event, that its card does not
    write (`covered`: the terms it holds): the card is that gathering, whatever its post
    calls it, so they count as covered ("le rendez-vous à Genève, ça commence à quelle
    heure ?", "la conf de Genève", of a card saying "matinée"). Not when the question asks
    about another occurrence (ANOTHER: "la prochaine conf de Jane McConnell, c'est
    quand ?")."""
    if not ANOTHER.isdisjoint(folded_question(question).split()):
        return set()
    return {term.stem for term in terms
            if term.stem in gatherings and term.stem not in covered}
