"""Doubts from what the question says happens (its verbs), not from what it names: a
judgement asked of a thing the entry only names, a message of verbs alone that asks nothing,
an English yes-or-no question about a happening the entry never names. Like the other
doubts (`doubts.py`), they leave the verdict at "unsure": the entry may still be the topic;
but verbs alone name no topic to offer (`Evidence.unsaid`: unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from sbbot.language.judging import asks_judgement
from sbbot.language.lemmas import lemma
from sbbot.language.wordforms import question_words
from sbbot.router.terms import GENERIC_STEMS, QueryTerm, Reading


def judgement_apart(judged: Callable[[], Sequence[Sequence[str]]], question: str,
                    subject_of: Callable[[], Collection[str]]) -> tuple[str, ...]:
    """Whether the question asks whether something it names is good, bad or worth it
    ("SharePoint, c'est bien ?", "is Bouygues Telecom a good employer?") of an entry that
    names it but judges it in none of the clauses naming it: a programme listing SharePoint
    says nothing of its worth. An entry that does ("la vision de Gilles Babinet est très
    intéressante", "je vous recommande vivement la lecture de cette note de Jane") may
    answer. `judged` gives the folded words of each clause of the entry that judges
    something (`judging.judged_clauses`, read once per entry); `subject_of` the stems of
    what the question names (`verdict.subject_stems`), read only for such a question.
    Without a subject named, the question is about the posts' own topics, which they judge
    throughout. The router makes it a reason against (unknown) when no other ranked entry
    judges the subject either (`judges_subject`), a doubt otherwise."""
    if not asks_judgement(question):
        return ()
    subject = subject_of()
    if not subject:
        return ()
    return () if judges_subject(judged(), subject) else ("judgement",)


def judges_subject(judged: Sequence[Sequence[str]], subject: Collection[str]) -> bool:
    """Whether a clause that judges something (its folded words, `judged`) names the
    subject: one of its words starts with one of the subject's stems."""
    starts = tuple(subject)
    return any(token.startswith(starts) for clause in judged for token in clause)


SUBJECT_PRONOUNS = frozenset("je j tu il elle on nous vous ils elles".split())
ASKING_WORDS = frozenset("""qui que quoi qu comment pourquoi quand ou combien quel quelle quels
quelles what why how when where who which""".split())
"""Question words, folded ("où" is "ou"): a message holding one asks something."""


def verbs_alone(question: str, terms: Sequence[QueryTerm]) -> tuple[str, ...]:
    """The words of a French message made of verbs alone that asks nothing: no question
    mark, no question word, and every word it weighs a conjugated verb, said to someone
    ("@sbbot regardez", "venez !", "écoutez ça": the "-ez" of "vous") or of oneself ("je
    regarde"). It names no topic: the passage that happens to hold the verb ("Pourquoi
    regarder ce que font les autres entreprises ?") is no answer. The same verbs with a
    topic ("lisez la note de Jane McConnell") name it, and an infinitive alone ("mesurer ?")
    may be a topic. Unknown rather than unsure: offering topics answers nothing asked (on
    the tuning sets, 16 such messages offered topics, no question did)."""
    if "?" in question or not terms:
        return ()
    tokens = question_words(question)
    if not ASKING_WORDS.isdisjoint(tokens):
        return ()
    person = not SUBJECT_PRONOUNS.isdisjoint(tokens)
    words = [term.word for term in terms]
    for word in words:
        base = lemma(word, "fr")
        if not ((person or word.endswith("ez")) and base != word
                and base.endswith(("er", "ir", "re"))):
            return ()
    return tuple(words)


YES_NO = frozenset("will is are was were can could do does did r should would".split())
"""English words opening a yes-or-no question ("will the talks be recorded?"; chat "r")."""
PREDICATE_BEFORE = frozenset("be being been gonna".split())
"""English words after which a yes-or-no question names what it asks whether happens: a
participle after "be" ("be streamed"), a verb after "gonna" or "going to" ("gonna serve")."""


def predicate_lacks(read: Reading, terms: Sequence[QueryTerm], covered: Collection[str]
                    ) -> tuple[str, ...]:
    """What an English yes-or-no question asks whether happens (its verb after "be",
    "gonna" or "going to": "will the geneva meetup be streamed live?", "are they going to
    record the talks in geneva?") when the entry lacks it: the entry covers the rest (the
    meetup, the talks) but cannot say yes or no to a thing it never names, known to the
    knowledge or not ("streamed": the posts never speak of streaming). Only offered: the
    passage may say it in other words."""
    tokens = read.tokens
    if not tokens or tokens[0] not in YES_NO:
        return ()
    by_word = {term.word: term for term in terms}
    found: list[str] = []
    for position, token in enumerate(tokens[:-1]):
        if not read.english[position] or not (
                token in PREDICATE_BEFORE
                or (token == "to" and tokens[position - 1:position] == ["going"])):
            continue
        after = tokens[position + 1:position + 3]
        term = by_word.get(after[1] if after[0] == "be" and len(after) > 1 else after[0])
        if term is not None and term.stem not in covered and term.stem not in GENERIC_STEMS:
            found.append(term.word)
    return tuple(found)
