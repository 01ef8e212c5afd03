"""The verdict: answer, unsure, or unknown, and why a confident answer must be earned.

A confident wrong answer is the worst thing the bot can do, so an answer needs more than a
high coverage: the best entry must share a rare word with the question, the question must not
hold a real word the knowledge lacks (the posts never say "forfait", so they cannot know the
price of a phone plan), and what the question asks for (a date, a place, a price, a person,
an age, a count) must be something the entry gives. "Unsure", which offers topics, is for a
question that shares at least a rare word with the knowledge; anything else falls back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal, Protocol, TypeVar

from sbbot.entries import Entry
from sbbot.language.asking import (
    DEFINING_WORDS,
    defines,
    gives_reason,
    role_near,
    states_role,
    titles_asked,
)
from sbbot.language.cue_words import Cue
from sbbot.language.frequency import general_zipf
from sbbot.language.giving import gives
from sbbot.language.lexicon import english_spelling
from sbbot.language.naming import bound_nouns
from sbbot.language.wordforms import folded_tokens, question_words, stem
from sbbot.router.doubts import titled_work
from sbbot.router.offered import unknown_alternatives, unknown_offered
from sbbot.router.terms import GENERIC_STEMS, QueryTerm
from sbbot.router.typos import MIN_TYPO_LENGTH, typo_cutoff
from sbbot.text import fold

Verdict = Literal["answer", "unsure", "unknown"]


class Scored(Protocol):
    """An entry with the router's confidence in it (ranking.Match)."""

    @property
    def entry(self) -> Entry: ...

    @property
    def score(self) -> float: ...


M = TypeVar("M", bound=Scored)

# Verdicts on the confidence (0-100). These were chosen on tests/data/devset.yaml;
# the held-out sets check that they generalise.
ANSWER_SCORE = 45.0
UNSURE_SCORE = 40.0
MIN_EVIDENCE = 2.5
"""Least idf an answer must share with the question: a word found in about one entry in ten."""
UNSURE_EVIDENCE = 1.5
"""Least idf an "unsure" must share with the question: otherwise nothing points at the posts."""
FOREIGN_MAX_ZIPF = 6.0
"""A real word the knowledge lacks counts against an answer unless it is this common."""
OBJECT_MAX_ZIPF = 5.0
"""An object the knowledge lacks counts against any answer only if it is this rare: everyday
nouns after an article are often part of a turn of phrase ("ça vaut le coup", "à ma façon")."""
STRONG_CUES = frozenset({"date", "place", "workplace"})
"""Asked-for kinds a passage gives unmistakably (a date, a place): an entry that gives one
for the question's subject answers it, whatever other word the question holds ("Assistant :
quand a lieu la matinée à Genève ?"). A person or a count is read too loosely for that."""
NAME_MAX_ZIPF = 4.5
"""A word the entry capitalises names the subject only if it is rare in the language, at
most this common: a passage also capitalises everyday words in titles and labels ("Lieu :
..."); a surname may be a word too ("Miller", at 4.5)."""
ASKED_MAX_ZIPF = 5.5
"""A word this common ("avoir", "donner", "know") does not say what a question asks."""


@dataclass(frozen=True)
class Evidence:
    """What the verdict weighs about the best entry."""

    score: float
    """0-100: the share of the question's weighted words the entry covers (raised when the
    question reads like one of its example questions, but never over the share of words the
    knowledge has at all)."""
    shared: float
    """The rare-word evidence (idf units) the entry shares with the question."""
    foreign_words: tuple[str, ...] = ()
    """Real words of the question that the knowledge does not contain, and days it names
    when the entry names other days (`apart.day_apart`)."""
    unmet_cues: tuple[str, ...] = ()
    """Kinds of answer the question asks for that the entry does not give."""
    unasked: tuple[str, ...] = ()
    """What the question asks about its subject, when the entry names the subject but holds
    none of it ("est-il marié ?" of a passage that only names the person)."""
    doubts: tuple[str, ...] = ()
    """Why the entry, though it may be the nearest topic, does not earn an answer: words of
    the question that an event card lacks, or the thing an English question is mainly about
    (`doubts.py`). Unlike the others, no reason
    to say the posts do not know: "unsure" still offers the topics."""
    unsaid: tuple[str, ...] = ()
    """Why no entry is the topic, though the best shares words with the question: a message
    of verbs alone that names no topic ("venez !", `predicates.verbs_alone`); the topic of
    what someone says or thinks, which the passage holding that person lacks
    (`sayings.topic_apart`: the posts quote people where they speak of a topic); a person
    asked what they say or think, whom the passage on the topic never names
    (`sayings.person_unnamed`: "que pense Harold Jarche de la loi ..."); a judgement asked of
    a thing no ranked passage judges (`predicates.judgement_apart`: "SharePoint, c'est
    bien ?"); another thing than the one named, of which no ranked passage speaks of
    others (`doubts.others_spoken`: "d'autres vidéos de Paul Miller"), or an act and its
    companion no ranked passage holds together (`doubts.alongside_held`: "je peux venir avec
    un ami ?"). Like
    foreign words, a reason to say the posts do not know rather than offer topics."""


ELSEWHERE_CUES = frozenset({"source", "share"})
"""Asked-for kinds a post often gives in another passage than the one holding the words
asked about: a quote's broadcast or text is named where the post introduces it ("dans une
émission de France Info"), the quote follows ("Gilles Babinet a raison quand il dit ...").
The best entry not giving one is a doubt, not a sign that the posts do not know."""


def decide(evidence: Evidence) -> Verdict:
    against = (evidence.foreign_words or evidence.unasked or evidence.unsaid
               or [cue for cue in evidence.unmet_cues if cue not in ELSEWHERE_CUES])
    if (evidence.score >= ANSWER_SCORE and evidence.shared >= MIN_EVIDENCE and not against
            and not evidence.doubts and not evidence.unmet_cues):
        return "answer"
    if against:
        return "unknown"
    if evidence.score >= UNSURE_SCORE and evidence.shared >= UNSURE_EVIDENCE:
        return "unsure"
    return "unknown"


PROMOTED_CUES = frozenset({"price", "age", "count", "duration", "end", "birth", "contact",
                           "weather", "role", "time", "language", "registration", "source",
                           "share", "settled"})
"""Asked-for kinds for which a passage giving one is preferred to a slightly better ranked
passage that does not ("is the agenda final yet?" wants the passage saying when it will be,
not the programme's talk ranked a little above it). Not a date or a place, which an event
card gives for any question about its people ("when did Jane McConnell found NetJMC?"), nor
a person."""
PROMOTE_MARGIN = 10.0
"""How much less confidence (0-100) the passage giving the asked-for kind may have."""
TIE_MARGIN = 0.5
"""How much less confidence a passage preferred on a looser sign (a reason, a job stated)
may have: a tie, the same words covered. Within PROMOTE_MARGIN, "à quoi ça sert un
croissant ?" was answered with a passage giving a reason but never naming a croissant."""


def entry_gives(match: Scored, cue: Cue) -> bool:
    """Whether the match's entry gives what `cue` asks for, read from its text."""
    return gives(match.entry.text, cue)


def giving_first(matches: list[M], cues: Collection[Cue],
                 giving: Callable[[M, Cue], bool] = entry_gives) -> list[M]:
    """The matches, the first that gives every asked-for kind (of PROMOTED_CUES) moved ahead
    when it is nearly as good as the best: "faut payer pour la matinée ?" wants the passage
    that says it is free, not the invitation ranked a little above it. `giving` tells
    whether a match gives a cue (the router reads a table made at build where it has one)."""
    wanted = [cue for cue in cues if cue in PROMOTED_CUES]
    matches = first_fitting(matches, lambda match: all(giving(match, cue) for cue in wanted))
    loose = [cue for cue in cues if cue in TIED_CUES]
    return first_fitting(matches, lambda match: all(giving(match, cue) for cue in loose),
                         TIE_MARGIN)


TIED_CUES = frozenset({"person"})
"""Asked-for kinds read too loosely to prefer a passage giving one over a better one (see
PROMOTED_CUES), but enough to break a tie: "who's presenting at the geneva morning" wants
the event card naming its speakers, not the invitation covering the same words."""


def naming_first(matches: list[M], asked: Collection[str],
                 contains: Callable[[M, str], bool]) -> list[M]:
    """The matches, the first that contains every term the question names as what it asks
    for (`asked`: the word after "quel", "which") moved ahead when it is nearly as good as
    the best: "quelles règles d'or pour réussir une démarche collaborative ?" wants the
    passage that states the rules, not one that covers the rest as well and never says
    "règle"."""
    return first_fitting(matches, lambda match: all(contains(match, term) for term in asked))


def entry_gives_reason(match: Scored) -> bool:
    """Whether the match's entry states a reason, read from its text."""
    return gives_reason(match.entry.text)


def reasoned_first(matches: list[M], why: bool,
                   reasoning: Callable[[M], bool] = entry_gives_reason) -> list[M]:
    """The matches, for a question asking why (`why`), the first that gives a reason moved
    ahead when it is nearly as good as the best: "pourquoi partager ses retours
    d'expérience ?" wants the passage saying sharing "aide à trouver le meilleur chemin",
    not the invitation to hear one. Only an order: a passage without "car" or "permet" may
    still give the reason, so it is never counted against an answer. `reasoning` tells
    whether a match gives a reason (the router reads a table made at build where it has
    one)."""
    if not why:
        return matches
    return first_fitting(matches, reasoning, TIE_MARGIN)


def introducing_first(matches: list[M], names: Sequence[str],
                      folded: Callable[[M], str] = lambda match: fold(match.entry.text)
                      ) -> list[M]:
    """The matches, for a question asking who someone named is (`names`: the name's folded
    words), the first that states that person's job moved ahead when it is nearly as good
    as the best: "Who is Guillaume Foltran?" wants "Guillaume Foltran est actuellement
    responsable de ...", not the invitation to hear him; nor an event card listing him
    among its speakers, when a passage introducing him ties with it. An order only: a
    passage may introduce someone without a job title. `folded` gives a match's text
    folded (the router's, folded once per entry)."""
    if not names:
        return matches
    found = first_fitting(matches, lambda match: role_near(folded(match), names), TIE_MARGIN)
    if found[0].entry.type != "event":
        return found
    return first_fitting(found, lambda match: match.entry.type != "event"
                         and role_near(folded(match), names), TIE_MARGIN)


def stating_first(matches: list[M], what: bool, stating: Callable[[M], bool]) -> list[M]:
    """The matches, for a question asking what something is or who someone is (`what`),
    the first whose passage states something (`asking.states`) moved ahead of a tied one
    that only asks or introduces: "c'est quoi le social business ?" is not answered by the
    post's own question "pourquoi devrions-nous mettre en place une stratégie « social
    business » ?", nor "who is Jane McConnell?" by "Jane McConnell viendra partager avec
    nous à propos des enjeux et des tendances :". Not for other questions: the post's
    question is the answer to "why should a company bother with a social business
    strategy?" on the tuning sets."""
    if not what:
        return matches
    return first_fitting(matches, stating, TIE_MARGIN)


def first_fitting(matches: list[M], fits: Callable[[M], bool],
                  margin: float = PROMOTE_MARGIN) -> list[M]:
    """The matches, the first that fits moved ahead when the best does not and it has at
    most `margin` less confidence."""
    if not matches or fits(matches[0]):
        return matches
    for position, match in enumerate(matches[1:], 1):
        if match.score < matches[0].score - margin:
            break
        if fits(match):
            return [match, *matches[:position], *matches[position + 1:]]
    return matches


def foreign_words(terms: Sequence[QueryTerm], asks_fact: bool,
                  known: Callable[[str], bool], question: str = "") -> tuple[str, ...]:
    """What the question names that no entry contains: a name ("Yammer"), a place ("in
    paris"), what it asks for ("dans quelle université"), an object ("un hôtel", "a poem"),
    or, in a question that asks for a fact (a price, a date ...), any thing ("le forfait",
    "de naissance") and any word of neither language (a name written in lower case: "est
    ce que yammer est payant"). The posts cannot tell about what they never mention.
    So are alternatives the `question` offers of which the knowledge holds neither
    (`unknown_alternatives`: "does bouygues telecom use yammer or slack"), and the answer it
    offers after a comma to "which ...?", which the knowledge never names (`unknown_offered`:
    "quelle plateforme chez bouygues telecom, yammer ?")."""
    offered = (unknown_alternatives(terms, known, question)
               | unknown_offered(question, terms, known) if question else frozenset())
    return tuple(term.word for term in terms
                 if (term.named in ("name", "place", "asked") or term.word in offered
                     or (term.named == "object" and spelt_zipf(term.word) < OBJECT_MAX_ZIPF)
                     or (asks_fact and (term.named in ("thing", "object")
                                        or spelt_zipf(term.word) == 0)))
                 and not known(term.stem)
                 and term.stem not in GENERIC_STEMS and len(term.word) > 2
                 and spelt_zipf(term.word) < FOREIGN_MAX_ZIPF)


@lru_cache(maxsize=1 << 12)
def spelt_zipf(word: str) -> float:
    """How common a word is, a misspelt English one ("goverment", "acording", in no word
    list) as the word it stands for (`lexicon.english_spelling`): typed right, "the
    government" is too common a thing to count against an answer, and "according" is a
    word. Memoised: a look-up costs a rapidfuzz pass over the lexicon's words."""
    common = general_zipf(word)
    if common or len(word) < MIN_TYPO_LENGTH:
        return common
    spelled = english_spelling(word, typo_cutoff(len(word)))
    return general_zipf(spelled) if spelled else common


def subject_stems(terms: Sequence[QueryTerm], covered: Collection[str],
                  names: Collection[str], question: str, extend: bool = True) -> set[str]:
    """The stems of what the question names that the entry covers: the words the question
    writes as names, or the entry does (`names`) when they are rare in the language, and,
    with `extend`, a first name next to one ("jane mcconnell"), rare in the language or
    written as a name by the entry: "paul" is a common word, "Paul Miller" one person; and
    two words next to each other that the entry both writes as names, however common each
    is ("Angry Birds", "Campus London")."""
    subject = {term.stem for term in terms if term.stem in covered and (
                   term.named == "name"
                   or (term.word in names and general_zipf(term.word) <= NAME_MAX_ZIPF))}
    adjacent = frozenset(pairwise(question_words(question))) if extend else frozenset()
    subject.update(term.stem for first, second in pairwise(terms)
                   if (first.word, second.word) in adjacent
                   and all(term.word in names and term.stem in covered
                           for term in (first, second))
                   for term in (first, second))
    for first, second in pairwise(terms):
        for one, other in ((first, second), (second, first)):
            if ((first.word, second.word) in adjacent and one.stem in subject
                    and other.stem in covered and (general_zipf(other.word) <= NAME_MAX_ZIPF
                                                   or other.word in names)):
                subject.add(other.stem)
    return subject


def keyword_only(entries: Sequence[Entry], term_of: Mapping[str, str]
                 ) -> dict[int, frozenset[str]]:
    """The terms each entry with keywords holds only in its hints' keywords (`term_of`: the
    index's term of each folded word, as first met): they say what the entry is about, not
    what it says. "Is Gilles Babinet on Twitter?" is not answered by a passage naming him
    whose keywords say "twitter" for its "réseaux sociaux": a name the question asks about
    must be in the entry's text or one of its example questions (`unasked_words`). Other
    keywords often say what the passage does say in other words ("role" for "responsable
    de"), so they still count."""
    found = {}
    for index, entry in enumerate(entries):
        if entry.hints.keywords:
            said = {term_of.get(token) for text in (entry.text, *entry.hints.questions)
                    for token, _ in folded_tokens(text)}
            found[index] = frozenset(term for keyword in entry.hints.keywords
                                     for token, _ in folded_tokens(keyword)
                                     if (term := term_of.get(token)) is not None
                                     and term not in said)
    return found


def unasked_words(terms: Sequence[QueryTerm], covered: Collection[str],
                  names: Collection[str], question: str, text: str = "",
                  cues: Collection[Cue] = (), unsaid: Collection[str] = (),
                  titled: bool = False) -> tuple[str, ...]:
    """What the question asks about its subject, when the entry holds none of it.

    "Fabrice Epelboin est-il marié ?", "How many employees does McKinsey have?": the entry
    that names the subject covers the rarest words of the question, but not one of the words
    that say what is asked (here "marié", "employees"); it is about the right person, not
    about the question. The subject is the question's words that the question or the entry
    (its `names`) writes as names, and a first name next to one ("jane mcconnell");
    everyday words ("donner", "avoir") and the posts' generic words say nothing of what is
    asked. `covered` holds the question's terms the entry contains. The word after "quel"
    or "which" says what is asked outright ("Paul Miller travaille pour quelle
    entreprise ?"): an entry that names the subject must hold that word. A question asking
    for the subject's job (the "role" cue) is answered by an entry `text` that states a job
    next to the subject's name, and by no other ("what is Jane McConnell's job" of a passage
    giving Guillaume Foltran's). A question asking what something means ("What does C-suite
    stand for?") asks about its other words than "mean": an entry holding none of them
    does not answer it, however well it holds "signifier". A name the entry holds only in
    its keywords (`unsaid`, `keyword_only`) is not covered: the passage never writes it.
    A passage naming a written work by its title (`titled`: `giving.titles_work`) holds the
    "livre" asked, unless the question asks for another work.
    """
    if unsaid:
        covered = set(covered).difference(term.stem for term in terms
                                          if term.named == "name" and term.stem in unsaid)
    covered = set(covered).union(titled_work(terms, titled, question))
    if defines(question):
        defined = [term for term in terms if term.word not in DEFINING_WORDS]
        if defined and not any(term.stem in covered for term in defined):
            return tuple(term.word for term in defined)
    subject = subject_stems(terms, covered, names, question)
    if "role" in cues:
        named = [term.word for term in terms if term.stem in subject]
        return () if states_role(text, named, titles_asked(question)) else ("role",)
    words = {term.word for term in terms if term.stem in subject}
    bound = (bound_nouns(question_words(question), words.__contains__,
                         {term.word: term.named for term in terms}) if words else frozenset())
    asked = [term for term in terms
             if term.stem not in subject and stem(term.word) not in GENERIC_STEMS
             and len(term.word) > 2 and (general_zipf(term.word) < ASKED_MAX_ZIPF
                                         or term.named in ("object", "asked"))]
    if any(term.word not in bound for term in asked):
        asked = [term for term in asked if term.word not in bound]
    missing = tuple(term.word for term in asked
                    if term.named == "asked" and term.stem not in covered)
    if subject and missing:
        return missing
    if not subject or any(term.stem in covered for term in asked):
        return ()
    return tuple(term.word for term in asked)
