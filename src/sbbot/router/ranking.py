"""Ranking and verdict: which entries answer a question, and whether the best one does.

Entries are ranked (`router/scoring.py`) by BM25 (from the index), by coverage (the share of
the question's rarity-weighted words the entry contains) and by rapidfuzz similarity to their
example questions (hints), then re-ordered by what the question asks for. The verdict rests
on coverage and on what the best entry leaves unanswered; see the package's docstring.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TypeVar

from sbbot.columns import EntryTable
from sbbot.entries import Entry, entries_of
from sbbot.knowledge.model import Knowledge
from sbbot.language.asking import asks_identity, asks_what, asks_why, identity_asked
from sbbot.language.cue_words import BROADCAST_WORDS, Cue
from sbbot.language.cues import asking_words, question_cues
from sbbot.language.frequency import general_weight
from sbbot.language.giving import (
    PUBLISHING_WORDS,
    TITLE_WORDS,
    WORK_NOUNS,
    asks_other_work,
    names_broadcast,
)
from sbbot.language.signalling import PAYING
from sbbot.language.wordforms import question_words
from sbbot.router.alternatives import alternatives_of, held, held_evidence, reranked
from sbbot.router.apart import (
    counted_apart,
    day_apart,
    given_apart,
    parts_apart,
    unnamed_apart,
)
from sbbot.router.cards import event_cards
from sbbot.router.doubts import (
    alongside_apart,
    alongside_held,
    asked_unheld,
    card_lacks,
    cause_apart,
    less_usual,
    numbered_apart,
    object_lacks,
    other_than,
    others_spoken,
    titled_work,
)
from sbbot.router.indexing import build_index
from sbbot.router.matches import (
    RANK_COVERAGE,
    RANK_EVENT,
    UNKNOWN,
    Candidate,
    RouteResult,
)
from sbbot.router.offered import offered_answer
from sbbot.router.people_apart import person_elsewhere
from sbbot.router.predicates import judgement_apart, judges_subject, predicate_lacks, verbs_alone
from sbbot.router.preferring import card_first, gathering_kinds
from sbbot.router.query import PARTS, Analyzer
from sbbot.router.quoted import attributed_names, quoting_first, quoting_passages
from sbbot.router.readings import Readings
from sbbot.router.sayings import OPINING, STANCES, person_unnamed, topic_apart
from sbbot.router.scoring import Scorer
from sbbot.router.terms import GENERIC_STEMS, Query, QueryTerm
from sbbot.router.verdict import (
    STRONG_CUES,
    Evidence,
    decide,
    foreign_words,
    giving_first,
    introducing_first,
    keyword_only,
    naming_first,
    reasoned_first,
    stating_first,
    subject_stems,
    unasked_words,
)

# An unknown word weighs this fraction of the rarest known word; a generic word this much.
UNKNOWN_WORD_WEIGHT = 0.8
GENERIC_WEIGHT = 0.1
CUE_EVIDENCE = 1.0
"""An entry that gives what the question asks for ("prix ?": a price) shares this much more
evidence with it, in idf units."""
T = TypeVar("T")


class Router:
    """An index over every entry of one knowledge snapshot; immutable once built (apart from
    the memos of its `Readings`, pure functions of the entries)."""

    def __init__(self, knowledge: Knowledge | Iterable[Entry],
                 synonyms: dict[str, str] | None = None, parts: Iterable[str] = PARTS) -> None:
        if isinstance(knowledge, Knowledge):
            entries = list(entries_of(knowledge))
            synonyms = dict(knowledge.synonyms)
        else:
            entries = list(knowledge)
        self._analyzer = Analyzer(synonyms or {}, parts)
        self._index, known, together = build_index(entries, self._analyzer)
        self._analyzer.learn(known, together)
        self.entries = EntryTable(entries)  # after the index: their peaks do not add up
        hint_shapes = {index: tuple(" ".join(sorted(set(self._analyzer.terms(question))))
                                    for question in entry.hints.questions)
                       for index, entry in enumerate(entries) if entry.hints.questions}
        self._cards = event_cards(entries, self._analyzer.terms)
        self._events = self._cards.events  # read at every ranked entry
        self._scorer = Scorer(self._index, self.entries, entries, hint_shapes, self._events)
        self._readings = Readings(self.entries, self._scorer.hinted)
        self._keyword_only = keyword_only(entries, dict(reversed(known)))
        self._quoting = quoting_passages(entries)
        self._attributed = attributed_names(entries, self._analyzer.terms)

    def query_terms(self, text: str) -> list[QueryTerm]:
        """The question as weighted stems; unknown words keep their own stem (weight 1)."""
        return self._analyzer.query_terms(self._analyzer.question(text),
                                          self._index.__contains__)

    def route(self, text: str, limit: int = 3) -> RouteResult:
        judged = self.judge(text, 2 * limit, settle=True)
        if judged is None:
            return UNKNOWN
        query, matches, evidence = judged
        verdict = decide(evidence)
        if verdict == "unknown":
            return UNKNOWN
        best, count = matches[0], 2 * limit
        runners_up = self._distinct_runners_up(best, matches[1:], limit - 1)
        while len(runners_up) < limit - 1 and len(matches) == count:
            count *= 4
            matches = self._reranked(query, count)
            runners_up = self._distinct_runners_up(best, matches[1:], limit - 1)
        return RouteResult(verdict, best.match(), tuple(match.match() for match in runners_up))

    def judge(self, text: str, count: int, settle: bool = False
              ) -> tuple[Query, list[Candidate], Evidence] | None:
        """The question as a query, its `count` best entries, and what the verdict weighs
        about the best; None when no word of it is in the knowledge. With `settle`, the
        evidence stops where it already settles the verdict as unknown (all `route` needs):
        a reason added later only moves a verdict towards unknown (see `decide`), and a
        third of the tuning questions are settled before their doubts are read."""
        typed, read, known = text, self._analyzer.question(text), self._index.__contains__
        text = read.text
        terms = self._analyzer.query_terms(read, known)
        if all(term.stem in GENERIC_STEMS for term in terms):
            return None
        weights: dict[str, float] = {}
        for term in terms:
            if term.stem in self._index:
                weight = term.weight * (GENERIC_WEIGHT if term.stem in GENERIC_STEMS else 1.0)
                weights[term.stem] = max(weights.get(term.stem, 0.0), weight)
        if not weights:
            return None
        evidence: dict[str, float] = {}
        total = 0.0
        for term in terms:
            evidence[term.stem], full = self._evidence(term)
            total += full
        asked = question_cues(text)
        cues = asked if "cues" in self._analyzer.parts else frozenset()
        query = Query(weights, evidence, total, " ".join(sorted(weights)),
                      RANK_EVENT if cues & {"date", "place"} else 0.0,
                      alternatives_of(terms, weights, GENERIC_STEMS))
        ranked = quoting_first(self._reranked(query, count), self._quoting, self._attributed,
                               {term.stem for term in terms})
        matches = giving_first(card_first(ranked, cues, self._cards.naming,
                                          self._cards.gatherings, self._gives, terms, text,
                                          self._scorer.contained),
                               cues, self._gives)
        if "cues" in self._analyzer.parts:
            matches = reasoned_first(matches, asks_why(text), self._gives_reason)
            whom = identity_asked(text)
            if asks_identity(text):
                # the capitalised names, else the words typed after "who is" ("who is
                # guillaume foltran exactly": chat leaves names in lower case)
                matches = introducing_first(matches, [term.word for term in terms
                                                      if term.named == "name"] or whom,
                                            lambda match: self._readings.folded(match.index))
            matches = stating_first(matches, asks_what(text),
                                    lambda match: self._readings.states(match.index, whom))
        asked_terms = {term.stem for term in terms if term.named == "asked" and known(term.stem)}
        matches = naming_first(matches, asked_terms, self._scorer.contains)
        best = matches[0]
        index = best.index
        terms = held(terms, query.alternatives, lambda term: self._scorer.contains(best, term))
        unmet = tuple(cue for cue in sorted(cues) if not self._gives(best, cue))
        covered = self._scorer.contained(index, {term.stem for term in terms})
        if "subject" in self._analyzer.parts:
            unmet += given_apart(best.entry, cues.difference(unmet), terms, covered,
                                 lambda: self._readings.proper_nouns(index), text,
                                 self._cards.gatherings)
            lines = self._cards.lines.get(index, ())
            unmet += person_elsewhere(lines, cues.difference(unmet), terms, covered)
            unmet += parts_apart(best.entry.text, lines, cues.difference(unmet), terms, covered,
                                 self._cards.held)
            unmet += counted_apart(best.entry.text, cues.difference(unmet), terms,
                                   read.tokens, self._analyzer.terms)
            if not unmet:
                unmet += unnamed_apart(cues, terms, covered, known)
        shared = (self._specific(covered, query) + CUE_EVIDENCE * (len(cues) - len(unmet))
                  + held_evidence(terms, query.weights, covered, self._index.idf))
        parts = self._analyzer.parts
        # an event card giving its price answers "faut payer ?" (see `PAYING`)
        paid = PAYING if best.entry.type == "event" and "price" in cues.difference(unmet) else ()
        asking = asking_words(cues.difference(unmet)).union(paid)  # given: held, and scored
        # the broadcast asked ("babinet ... sur quelle radio ?") of a passage naming one and
        # holding another word of the question ("quelle émission regarder ce soir ?": none)
        if ("source" in cues.difference(unmet) and names_broadcast(best.entry.text)
                and any(term.stem in covered and term.stem not in GENERIC_STEMS
                        for term in terms if term.word not in BROADCAST_WORDS)):
            asking = asking.union(BROADCAST_WORDS)
        # a passage naming a work's publisher ("Éditions Le Passeur") gives the publisher
        # asked of a book ("whos the publisher of babinets book?") and that it was published;
        # not of anything else it names ("the publisher of France Info"), nor of another book
        if (not PUBLISHING_WORDS.isdisjoint(read.tokens) and not WORK_NOUNS.isdisjoint(read.tokens)
                and not asks_other_work(text) and self._readings.names_publisher(index)):
            asking = asking.union(PUBLISHING_WORDS)
        # a passage quoting a title gives the title asked ("the title of the Paul Miller
        # talk"), not a book's unless it names a written work ("paul miller's book, whats the
        # title?" is not answered by the title of his video)
        if (not TITLE_WORDS.isdisjoint(read.tokens) and self._readings.gives_title(index)
                and (WORK_NOUNS.isdisjoint(read.tokens) or self._readings.titles_work(index))):
            asking = asking.union(TITLE_WORDS)
        # "quelle techno chez bouygues, du sharepoint ?" of an entry naming SharePoint
        offered = offered_answer(text, terms, covered)
        asking = asking.union(offered)
        event = index in self._events
        # an event card holds the word of its kind ("the breakfast") and of being planned
        kind = ((covered | self._cards.held) if event else covered) | {
            term.stem for term in terms if term.word in offered}
        # a passage naming a written work by its title holds the "bouquin" asked for
        work = titled_work(terms, self._readings.titles_work(index), text)
        kinds = (gathering_kinds(terms, covered, self._cards.held, text) if event else set()) | {
            term.stem for term in terms if term.word in asking}.difference(covered) | {
            term.first or term.stem for term in terms if term.stem in work - covered}
        absent = sum(query.evidence[term.stem] for term in terms
                     if term.stem not in self._index and term.stem not in kinds)
        score = min(best.score + 100 * sum(query.evidence[stem] for stem in kinds) / query.total,
                    100 * (1 - absent / query.total))
        if settle and decide(settled := Evidence(score, shared, (), unmet)) == "unknown":
            return query, matches, settled
        # a word asking for a kind the entry gives is no foreign thing ("à la radio ?")
        foreign = (tuple(word for word in foreign_words(
                       terms, bool(asked), lambda stem: stem in self._index or (
                           bool(self._events) and stem in self._cards.gatherings), typed)
                         if word not in asking)
                   if "foreign" in parts else ())
        unasked = (unasked_words(terms, covered | {t.stem for t in terms if t.word in asking}
                                 | (self._cards.speaking if event else set()),
                                 self._readings.proper_nouns(index), text,
                                 best.entry.text, cues, self._keyword_only.get(index, ()),
                                 self._readings.titles_work(index))
                   if "subject" in parts and not (cues & STRONG_CUES and not unmet) else ())
        if settle and decide(settled := Evidence(score, shared, foreign, unmet,
                                                 unasked)) == "unknown":
            return query, matches, settled
        doubts = (card_lacks(best.entry, cues, terms, kind, query.evidence, query.total, known,
                             read)
                  + object_lacks(terms, read, cues, kind, query.evidence, query.total, known)
                  + less_usual(terms, cues, covered)
                  + cause_apart(typed, terms, covered, known)
                  + numbered_apart(text, best.entry.text)
                  + predicate_lacks(read, terms, covered))
        # a judgement asked of a thing no ranked passage judges: the posts do not give one
        subject = once(lambda: subject_stems(
            terms, covered, self._readings.proper_nouns(index), text))
        unjudged = judgement_apart(lambda: self._readings.judged_clauses(index), typed, subject)
        judged_elsewhere = unjudged and any(
            judges_subject(self._readings.judged_clauses(match.index), subject())
            for match in matches[1:])
        # a companion the knowledge never names: the posts cannot say how it goes
        alongside = alongside_apart(read, terms, cues, covered, known)
        unnamed = {term.word for term in terms if term.stem not in self._index}
        foreign += tuple(word for word in alongside if word in unnamed) + day_apart(
            typed, best.entry.text)
        # an act and its companion, or others of a thing, that no ranked passage holds
        # together: the posts do not say (a reason against); one of them does: a doubt
        apart = tuple(word for word in alongside if word not in unnamed)
        together = bool(apart) and self._held_elsewhere(
            matches, terms, lambda entry, held: alongside_held(read, terms, held))
        other = other_than(best.entry, read, terms, covered)
        spoken = bool(other) and self._held_elsewhere(
            matches, terms, lambda entry, held: others_spoken(entry, read, terms, held))
        doubts += (apart if together else ()) + (other if spoken else ()) + asked_unheld(
            terms, kind | work)
        doubts += unjudged if judged_elsewhere else ()
        unsaid = ((() if judged_elsewhere else unjudged) + (() if spoken else other)
                  + (() if together else apart) + verbs_alone(typed, terms)
                  + topic_apart(read, terms, covered, known, best.entry.text))
        # a person asked what they say or their stance, whom the passage on the topic never
        # names, is a reason against; one named otherwise ("la note de Jane McConnell") only
        # a doubt
        unnamed_people = person_unnamed(typed, terms, kind, known)
        if not (OPINING | STANCES).isdisjoint(question_words(typed)):
            unsaid += unnamed_people
        else:
            doubts += unnamed_people
        return query, matches, Evidence(score, shared, foreign, unmet, unasked, doubts, unsaid)

    def entry(self, entry_id: str) -> Entry:
        return self.entries[self.entries.index_of(entry_id)]

    def _held_elsewhere(self, matches: Sequence[Candidate], terms: Sequence[QueryTerm],
                        holds: Callable[[Entry, Collection[str]], bool]) -> bool:
        """Whether a ranked entry after the best holds what `holds` asks of it (given the
        entry and the question's terms it contains): when none does, what the best lacks is
        lacking in the posts, not only in the nearest passage."""
        stems = {term.stem for term in terms}
        return any(holds(match.entry, self._scorer.contained(match.index, stems))
                   for match in matches[1:])

    def _gives(self, match: Candidate, cue: Cue) -> bool:
        return self._readings.gives(match.index, cue)

    def _gives_reason(self, match: Candidate) -> bool:
        return self._readings.gives_reason(match.index)

    def _specific(self, contained: Collection[str], query: Query) -> float:
        """How much rare-word evidence the entry shares with the question, in idf units (of
        the knowledge alone: a rare word of the posts, however common in the language).

        One broad word ("les réseaux ?") is found in a dozen entries: covering it does not
        single one out, so the bot offers topics instead of answering with any of them.
        """
        return sum(query.weights[term] * (self._index.idf(term) or 0.0)
                   for term in query.weights if term in contained)

    def _evidence(self, term: QueryTerm) -> tuple[float, float]:
        """How much a query word says about the topic: rare words much, generic words little.

        A word no entry contains weighs nearly as much as the rarest known word, so a
        question made mostly of unknown words is off-topic, however many common words it
        shares. In the question's total every word counts in full, but where an entry has
        it, a generic word covers only a tenth of itself and a typo-corrected word only its
        match quality: "quel temps fera-t-il demain ?" cannot be answered through "demain".
        Both figures: where an entry has the word, and in the question's total.
        """
        idf = self._index.idf(term.stem)
        if idf is None:
            idf = UNKNOWN_WORD_WEIGHT * self._index.max_idf
        general = general_weight(term.word) if "frequency" in self._analyzer.parts else 1.0
        discount = GENERIC_WEIGHT if term.stem in GENERIC_STEMS else 1.0
        return idf * term.weight * discount * general, idf * general

    def _reranked(self, query: Query, count: int) -> list[Candidate]:
        """The `count` best entries, each word counted by the translation it holds (see
        `router/alternatives.py`)."""
        return reranked(self._scorer.best(query, count), query.alternatives, query.evidence,
                        query.total, self._scorer.contains, RANK_COVERAGE)

    def _distinct_runners_up(self, best: Candidate, others: Sequence[Candidate],
                             count: int) -> tuple[Candidate, ...]:
        """The next entries, skipping ones that repeat the best's text (a quote and its passage).

        Texts are compared by their folded start (see `Readings.text_key`): folding each
        candidate's whole text again for every question cost more than the ranking.
        """
        chosen: list[Candidate] = []
        seen = {self._readings.text_key(best.index)}
        for match in others:
            key = self._readings.text_key(match.index)
            if key not in seen:
                seen.add(key)
                chosen.append(match)
            if len(chosen) == count:
                break
        return tuple(chosen)


def once(make: Callable[[], T]) -> Callable[[], T]:
    """`make`, called on first use only, its value kept for the next calls: a question's
    subject is read for the best entry, then again for each runner-up. Not `lru_cache`:
    making one a question cost more than the reading it spared."""
    kept: list[T] = []

    def made() -> T:
        if not kept:
            kept.append(make())
        return kept[0]
    return made
