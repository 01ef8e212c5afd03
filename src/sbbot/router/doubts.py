"""Doubts: why the nearest entry, though it may be the topic, does not earn an answer.

Unlike the verdict's reasons against (`verdict.py`: a foreign word, an asked-for kind not
given, a subject's question not answered), these do not say the posts do not know: the
verdict is "unsure" and the bot offers the nearest topics (`Evidence.doubts`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import pairwise

from sbbot.entries import Entry
from sbbot.language.cue_words import Cue
from sbbot.language.giving import WORK_NOUNS, asks_other_work
from sbbot.language.wordforms import question_words, stem
from sbbot.router.query import SYNONYM_WEIGHT
from sbbot.router.terms import GENERIC_STEMS, QueryTerm, Reading
from sbbot.text import STOPWORDS, fold, unaccented

CARD_LACKS_SHARE = 0.1
"""The least share of the question's evidence a word must carry for an event card's lack of
it to count (see `card_lacks`): an everyday word ("vraiment") carries almost none."""


def card_lacks(entry: Entry, cues: Collection[Cue], terms: Sequence[QueryTerm],
               covered: Collection[str], evidence: Mapping[str, float], total: float,
               known: Callable[[str], bool], read: Reading) -> tuple[str, ...]:
    """The question's weighty words an event card lacks, when the question asks for nothing
    a card gives (no asked-for kind: no date, place, price or speaker): words of the
    knowledge (`known`), and French words of the question (`read`) the knowledge never
    uses ("on est responsables de ce qu'on raconte en ligne ?"). A card is long and says
    many things (its title, programme, speakers, how to register): it covers a few words of
    almost any question about its post's themes, lines apart ("sommes-nous responsables des
    commentaires en ligne ?" meets a speaker's "responsable de" and "inscriptions en
    ligne"), so it answers a question that asks none of what it gives only when it holds
    every word that weighs. On the tuning sets no card answering right lacked one. Not an
    English word the knowledge lacks: its translation may be a word the card's French only
    paraphrases ("Is there a Q&A session at the morning event?"). Nor "going" in "going to"
    (and "gonna", read so), which says the act after it is to come, as French "va" does, a
    stopword: "what's jane mcconnell gonna talk about at the morning session" asks what she
    will talk about, which the card gives without any word for "aller". "How did the
    geneva morning go" still asks how it went, which no card says."""
    if entry.type != "event" or cues:
        return ()
    french = tokens_read_as(read, english=False)
    future = {word for word, following in pairwise(read.tokens)
              if word == "going" and following == "to"}
    return tuple(term.word for term in terms
                 if term.stem not in covered and (known(term.stem) or term.word in french)
                 and term.stem not in GENERIC_STEMS and term.word not in future
                 and evidence.get(term.stem, 0.0) >= CARD_LACKS_SHARE * total)


def tokens_read_as(read: Reading, english: bool) -> set[str]:
    """The question's words the analyzer read as English (or as French)."""
    return {token for token, flag in zip(read.tokens, read.english, strict=True)
            if bool(flag) == english}


OBJECT_LACKS_SHARE = 0.4
"""The least share of the question's evidence an English object must carry for an entry's
lack of it to count (see `object_lacks`): the thing the question is mainly about."""


SEEN_AS_ENDS = frozenset("by for in at among according".split())
"""Words after which the noun of "as a" ends its phrase (see `object_lacks`)."""
RELATING = frozenset("between among".split())
"""Words after which a noun names a relation, not the thing asked about: "the difference
between cooperation and collaboration" is about the two (see `object_lacks`), however its
noun is typed ("the diffrence between")."""


def object_lacks(terms: Sequence[QueryTerm], read: Reading, cues: Collection[Cue],
                 covered: Collection[str], evidence: Mapping[str, float], total: float,
                 known: Callable[[str], bool]) -> tuple[str, ...]:
    """The thing an English question (`read`) is mainly about, named with an article ("Can I
    bring a friend to the breakfast?"), that the knowledge holds but the entry lacks, when
    the question asks for no kind of answer (whose own check does that work). English names
    a particular thing with "the" or "a" and things in general without one ("do employees
    need training?"), so such a word says which thing is asked about; an entry covering the
    question's other words ("bring", "friend": "Internet nous apporte des amis") is about
    something else. French puts an article before nouns in general too ("les salariés", "le
    comex"): French words are left out (on the tuning sets they lost right answers). What
    something is seen "as a" thing ("are employees seen as a cost?") is what the question is
    about, whatever its share, when the noun ends the phrase ("seen as a cost by companies"),
    not when it qualifies another ("as a business domain") or a purpose follows ("as a way
    to wiretap"). A noun before "between" names a relation of the things after it
    (`RELATING`), not the thing asked about."""
    if cues or not any(term.named == "object" for term in terms):
        return ()
    english = tokens_read_as(read, english=True)
    tokens = read.tokens
    regarded = {tokens[position + 2] for position in range(len(tokens) - 2)
                if tokens[position] == "as" and tokens[position + 1] in ("a", "an")
                and (position + 3 == len(tokens) or tokens[position + 3] in SEEN_AS_ENDS)}
    relating = {first for first, second in pairwise(tokens) if second in RELATING}
    return tuple(term.word for term in terms
                 if term.named == "object" and term.word in english
                 and term.word not in relating
                 and term.stem not in covered and known(term.stem)
                 and term.stem not in GENERIC_STEMS
                 and (evidence.get(term.stem, 0.0) >= OBJECT_LACKS_SHARE * total
                      or term.word in regarded))


def less_usual(terms: Sequence[QueryTerm], cues: Collection[Cue], covered: Collection[str]
               ) -> tuple[str, ...]:
    """The one word of the question the entry holds, when it holds it in a less usual sense
    (a translation further down the lexicon's list, the knowledge lacking the first:
    `QueryTerm.usual`) and the question asks for no kind of answer: "Has the author written
    a book?" is not answered by "maîtrise d'ouvrage" ("ouvrage", one of "book"'s
    translations, is there a work to be built), nor "Will the talks be recorded?" by a
    passage where someone "parle" ("talk": conférence, parler). One such word alone may be
    another meaning; two that meet in one passage, or a kind of answer the entry gives
    (a price, a date), say it is the one meant. The word after "which" names the kind of
    thing asked for and is left out ("which industries are the most mature" is answered by
    the passage on "secteurs"): on the tuning sets it lost a right answer."""
    held = [term for term in terms if term.stem in covered]
    if not cues and len(held) == 1 and not held[0].usual and held[0].named != "asked":
        return (held[0].word,)
    return ()


def asked_unheld(terms: Sequence[QueryTerm], covered: Collection[str]) -> tuple[str, ...]:
    """The word naming what is asked for (after "quel", "which"), read through one of its
    near-synonyms because the knowledge lacks it, when the entry does not hold that synonym:
    a near-synonym is one sense of the word, and an entry that covers the question's other
    words without it says nothing of the thing asked for ("y a quelle opposition entre les
    élites et les citoyens" was answered by a passage on the citizens' surveillance, not
    the passage on the elites' "divergence" with us). A word reached through a near-synonym
    weighs SYNONYM_WEIGHT (`query.py`), a word found as typed or translated 1."""
    return tuple(term.word for term in terms if term.named == "asked"
                 and term.weight == SYNONYM_WEIGHT and term.stem not in covered)


def titled_work(terms: Sequence[QueryTerm], titled: bool, question: str) -> set[str]:
    """The stems of the question's nouns asking for a written work ("livre", "bouquin")
    that a passage naming one by its title (`titled`: `giving.titles_work`) holds: its
    title answers "quel livre", not the noun. None when the question asks for another work
    ("d'autres livres")."""
    if not titled or asks_other_work(question):
        return set()
    return {term.stem for term in terms if term.word in WORK_NOUNS}


OTHER = re.compile(r"\bautres?\s+(\w+)", re.IGNORECASE)
"""A thing asked for as another one than those named ("d'autres livres", "une autre vidéo")."""
OTHERS_NAMED = re.compile(r"\bautres?\b", re.IGNORECASE)


def other_than(entry: Entry, read: Reading, terms: Sequence[QueryTerm],
               covered: Collection[str]) -> tuple[str, ...]:
    """The thing a French question asks for as another one ("Gilles Babinet a écrit
    d'autres livres ?"), when the entry holds it but never speaks of others: it names the
    one there is (his book), which does not say whether there are more. An entry that
    speaks of others ("les autres organisations") may answer."""
    found = OTHER.search(read.text)
    if found is None or OTHERS_NAMED.search(entry.text):
        return ()
    thing = fold(found.group(1))
    return tuple(term.word for term in terms if term.word == thing and term.stem in covered)


def others_spoken(entry: Entry, read: Reading, terms: Sequence[QueryTerm],
                  covered: Collection[str]) -> bool:
    """Whether the entry holds the thing a French question asks for as another one and
    speaks of others ("les autres organisations"): it may answer. When no ranked entry
    does, the posts name only the one there is (`other_than`), and the router says they do
    not know rather than offer it: "y a d'autres vidéos de Paul Miller ?" is not answered
    by offering the one video. Others met in a circumstance of the act, after "avec" or
    "sans" ("pourquoi partager ses retours avec d'autres boîtes ?"), are not what is asked
    for: the question asks about the act, which a passage may state of "les autres
    organisations" in other words; that stays a doubt (counted as spoken here)."""
    found = OTHER.search(read.text)
    if found is None:
        return False
    if others_alongside(read.tokens):
        return True
    if not OTHERS_NAMED.search(entry.text):
        return False
    thing = fold(found.group(1))
    return any(term.word == thing and term.stem in covered for term in terms)


def others_alongside(tokens: Sequence[str]) -> bool:
    """Whether "autre(s)" follows a preposition of `ALONGSIDE` (its determiners skipped):
    "avec d'autres boîtes" is the company of an act, not a thing asked for."""
    words = [token for token in tokens if token not in DETERMINERS]
    return any(word in ("autre", "autres") and before in ALONGSIDE
               for before, word in pairwise(words))


NUMBERED = re.compile(r"(?:\b(?:num[ée]ros?|numbers?|nos?\.)\s*|\bn°\s*|#\s*)(\d+)\b",
                      re.IGNORECASE)
"""An item asked for by its number in a list ("reason number 7", "la raison numéro 5",
"raison n°7", "#3")."""
NUMBER = re.compile(r"\d+")


def numbered_apart(question: str, text: str) -> tuple[str, ...]:
    """The numbers of the items the question asks for by their number in a list ("the 10
    reasons deck, what's reason number 7 exactly?") that the entry's `text` never writes:
    it may be the list, or another of its items, not the one asked ("Raison n°5 : ..."
    answers "raison numéro 5")."""
    asked = NUMBERED.findall(question)
    if not asked:
        return ()
    written = set(NUMBER.findall(text))
    return tuple(number for number in asked if number.lstrip("0") not in written
                 and number not in written)


ALONGSIDE = frozenset("avec sans with without en".split())
"""Prepositions that add a circumstance to an act ("venir avec un collègue", "d'accord avec
Gilles Babinet", "participer sans smartphone", "venir en visio")."""
DETERMINERS = frozenset("""le la les l un une des du de d mon ma mes ton ta tes son sa ses notre
nos votre vos leur leurs ce cet cette ces the a an my your his her our their its this that
these those""".split())


def topical(terms: Sequence[QueryTerm]) -> dict[str, QueryTerm]:
    """The question's terms by word, but the generic ones: what a phrase of it may name."""
    return {term.word: term for term in terms if stem(term.word) not in GENERIC_STEMS
            and term.stem not in GENERIC_STEMS}


def phrase_terms(tokens: Sequence[str], by_word: Mapping[str, QueryTerm],
                 stops: Collection[str] = ()) -> list[QueryTerm]:
    """The terms of the phrase `tokens` begin with (the companion of "avec", a cause, the
    topic of what is said): its leading determiners skipped, up to the next stopword or
    word of `stops`."""
    phrase: list[QueryTerm] = []
    for word in tokens:
        if word in DETERMINERS and not phrase:
            continue
        if word in STOPWORDS or word in stops:
            break
        if word in by_word:
            phrase.append(by_word[word])
    return phrase


PERMISSION = frozenset("""peux peut pouvons pouvez peuvent pourrais pourrait pourrions pourriez
pourraient can could may""".split())
"""Modal verbs asking whether one may do something."""


def alongside_apart(read: Reading, terms: Sequence[QueryTerm], cues: Collection[Cue],
                    covered: Collection[str], known: Callable[[str], bool]
                    ) -> tuple[str, ...]:
    """The act or the companion of "avec", "sans", "with", "without" or "en" (a manner:
    "venir en visio") that the entry lacks, when the question asks for no kind of answer:
    it asks about both. The act is the word before the preposition, the companion the words
    after it up to the next stopword.

    Asked whether one may do the act with or without the companion ("je peux", "can I"),
    an entry holding the companion but not the act (a word of the knowledge) speaks of
    something else: "je peux venir avec un collègue ?" is not answered by a passage on
    convincing one's colleagues, nor "on peut participer sans smartphone ?" by one on
    smartphones' data. Other questions often paraphrase the act ("les intuitions
    suffisent-elles sans données ?" of a passage saying intuitions are not enough): on the
    tuning sets they lost right answers.

    An entry holding the act but not the companion does not say how they go together when
    the companion is someone named ("Jacques Attali est-il d'accord avec Gilles Babinet ?"
    of a passage quoting Attali alone) or a thing the knowledge never names ("je peux venir
    avec ma femme ?", "on peut venir en visio à la matinée ?" of a passage where someone
    comes to it: the router counts such a companion as foreign, the posts cannot tell); a
    companion the knowledge names elsewhere may be a paraphrase ("why share
    lessons learned with other companies": the passage says "partager"). Everyday and
    generic words are no act ("c quoi le souci avec les applis ?")."""
    if cues:
        return ()
    found: list[str] = []
    for position, act, companions in alongside_phrases(read, terms):
        if any(term.stem in covered for term in companions):
            if (act.stem not in covered and known(act.stem)
                    and not PERMISSION.isdisjoint(read.tokens[:position])):
                found.append(act.word)
        elif act.stem in covered and all(term.named == "name" or not known(term.stem)
                                         for term in companions):
            found.extend(term.word for term in companions)
    return tuple(found)


def alongside_phrases(read: Reading, terms: Sequence[QueryTerm]
                      ) -> list[tuple[int, QueryTerm, list[QueryTerm]]]:
    """Each act done with or without something in the question (see `alongside_apart`):
    the preposition's position, the act (the word before it) and the companion (the words
    after it up to the next stopword)."""
    if ALONGSIDE.isdisjoint(read.tokens):
        return []
    by_word = topical(terms)
    found = []
    for position, token in enumerate(read.tokens):
        if token not in ALONGSIDE:
            continue
        before = [word for word in read.tokens[:position] if word not in STOPWORDS]
        act = by_word.get(before[-1]) if before else None
        companions = phrase_terms(read.tokens[position + 1:], by_word, ALONGSIDE)
        if act is not None and companions:
            found.append((position, act, companions))
    return found


def alongside_held(read: Reading, terms: Sequence[QueryTerm], covered: Collection[str]
                   ) -> bool:
    """Whether an entry holds an act of the question and its whole companion together
    ("venir" and "collègue"): it may say how they go. When no ranked entry does, the posts
    do not say, and the router declines rather than offer the passage holding one of them
    (`alongside_apart`): "je peux venir avec un ami ?" is not about the friends the
    Internet brings."""
    return any(act.stem in covered and all(term.stem in covered for term in companions)
               for _, act, companions in alongside_phrases(read, terms))


CAUSES = frozenset({("a", "cause"), ("grace", "a"), ("grace", "au"), ("grace", "aux"),
                    ("because", "of"), ("due", "to"), ("thanks", "to")})
"""Pairs of words that introduce a cause ("à cause des clients", "grâce à l'économie
numérique", "because of the crisis"), as a question's folded tokens read them."""
CAUSE_MARKS = ("cause", "grace", "because", "due", "thanks")
"""A word of every pair of CAUSES: a question holding none of them proposes no cause, and
most questions are told so without being split into words again."""


def cause_apart(question: str, terms: Sequence[QueryTerm], covered: Collection[str],
                known: Callable[[str], bool]) -> tuple[str, ...]:
    """The cause a question proposes ("c'est à cause des clients ?", "grâce au
    numérique ?") when the entry names none of it: asked whether that is the cause, a
    passage that never names it cannot say so, however well it covers the rest (the change
    it is asked about, not what drives it). The cause is the words after "à cause de",
    "grâce à", "because of", "due to" or "thanks to" up to the next stopword; one the
    knowledge never names is left to the foreign words. Read in the question as typed
    (`question`): the analysis reads these turns of phrase as their bare preposition
    (`data/locutions.txt`)."""
    lowered = unaccented(question).lower()
    if not any(mark in lowered for mark in CAUSE_MARKS):
        return ()
    tokens = question_words(question)
    by_word = topical(terms)
    found: list[str] = []
    for position, pair in enumerate(pairwise(tokens)):
        if pair not in CAUSES:
            continue
        cause = phrase_terms(tokens[position + 2:], by_word)
        if (cause and all(known(term.stem) for term in cause)
                and not any(term.stem in covered for term in cause)):
            found.extend(term.word for term in cause)
    return tuple(found)
