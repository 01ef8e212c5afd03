"""What someone named says or thinks: asked that, the entry must name them where it speaks
of the topic, or the posts may not say it at all.

The posts quote people where they speak of a topic; a passage naming the person, or the
topic, elsewhere is not what they said. These are reasons against (`Evidence.unsaid`) or
doubts, read by `router/ranking.py` like the others in `router/doubts.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from itertools import pairwise

from sbbot.language.frequency import general_zipf
from sbbot.language.wordforms import folded_tokens, question_words
from sbbot.router.doubts import phrase_terms, topical
from sbbot.router.terms import QueryTerm, Reading
from sbbot.router.verdict import NAME_MAX_ZIPF

OPINING = frozenset("""say says said saying think thinks thought write writes wrote dit dis
disait dire pense pensent pensait penser ecrit ecrivait raconte""".split())
"""Verbs of saying or thinking, folded: what someone says or thinks of a topic."""
STANCES = frozenset("""position positions avis opinion opinions view views stance
standpoint parle parlent parlait parler talk talks talked""".split())
"""Nouns of what someone thinks ("la position de X sur ...", "X's view on ...") and verbs
of speaking about a topic ("X parle-t-il de ..."), folded: asked of someone named, like a
verb of OPINING, who holds the stance (`person_unnamed`)."""
ABOUT = frozenset("about on of sur de du des d".split())
"""Words introducing the topic of what is said or thought ("think about", "pense de")."""

def person_unnamed(question: str, terms: Sequence[QueryTerm], covered: Collection[str],
                   known: Callable[[str], bool]) -> tuple[str, ...]:
    """A person the question names in full ("Que pense Harold Jarche de la loi de
    programmation militaire ?") whom the knowledge names but the entry never does: the entry
    holds the topic, not what that person says of it, and the posts may not say it at all.
    Two consecutive words, one written as a name and both rare in the language (a first
    name and a surname, whichever the analyzer took for the name: a capital opening the
    question says nothing), each held somewhere in the knowledge and neither in the entry.
    Asked what someone says or thinks (a verb of OPINING), two such words need no capital:
    they are who says it, and chat leaves names in lower case ("jane mcconnell elle pense
    quoi de la loi de programmation militaire").
    One name alone is left out: a surname covered by a first name the entry holds ("cette
    note de Jane" answers "la note de Jane McConnell"), an acronym ("la DSI") names no one;
    on the tuning sets either lost right answers."""
    words = question_words(question)
    opining = not OPINING.isdisjoint(words)
    if not opining and not any(term.named == "name" for term in terms):
        return ()
    adjacent = frozenset(pairwise(words))
    return tuple(first.word for first, second in pairwise(terms)
                 if (first.word, second.word) in adjacent
                 and (opining or "name" in (first.named, second.named))
                 and all(known(term.stem) and term.stem not in covered
                         and general_zipf(term.word) <= NAME_MAX_ZIPF
                         for term in (first, second)))


OPINED_WITHIN = 4
"""How many words after a French verb of saying its topic may begin: the person may come
between ("que pense Harold Jarche de la coopération", "il dit quoi sur ..."). English puts
the topic right after the verb ("what does he think about ...")."""


def topic_apart(read: Reading, terms: Sequence[QueryTerm], covered: Collection[str],
                known: Callable[[str], bool], text: str = "") -> tuple[str, ...]:
    """The topic of what a question asks someone says or thinks ("jacques attali il dit quoi
    sur le social business", "what does jacques attali think about enterprise social
    networks?"), when the entry holds the person but not the topic: the words of the topic
    (after "about", "sur", "de" ... up to the next stopword) that the knowledge holds and
    the entry lacks. A passage quoting Jacques Attali on personal data does not say what he
    thinks of enterprise social networks. The person is a word rare in the language
    (NAME_MAX_ZIPF) before the topic that the entry holds: chat leaves names in lower case.
    Not "the author" or "l'auteur", whose every passage says what he thinks ("que pense
    l'auteur de l'école face au numérique ?" is answered in other words than the topic's
    on the tuning sets). An entry holding both the person and the topic must hold the topic
    where it names the person (`said_near`, in the entry's `text`): "what did jacques attali
    say about angry birds" is not answered by the passage naming the apps a sentence before
    it quotes him on transparency. Not a doubt but a reason against (`Evidence.unsaid`): 18
    off-topic questions of the tuning sets offered topics this way, no in-domain one."""
    if OPINING.isdisjoint(read.tokens):
        return ()
    by_word = topical(terms)
    tokens = read.tokens
    found: list[str] = []
    for position, token in enumerate(tokens):
        if token not in OPINING:
            continue
        within = 1 if read.english[position] else OPINED_WITHIN
        start = next((place for place in range(position + 1,
                                               min(len(tokens), position + 1 + within))
                      if tokens[place] in ABOUT), None)
        if start is None:
            continue
        people = [term for word in tokens[:start] if (term := by_word.get(word)) is not None
                  and term.stem in covered and general_zipf(word) <= NAME_MAX_ZIPF]
        if not people:
            continue
        topic = phrase_terms(tokens[start + 1:], by_word)
        found.extend(term.word for term in topic
                     if known(term.stem) and term.stem not in covered)
        held = [term for term in topic if term.stem in covered]
        if held and not found and not said_near(text, people, held):
            found.extend(term.word for term in held)
    return tuple(found)


SENTENCE = re.compile(r"[.!?;\n]+")
SIGNATURE_WORDS = 6
"""At most this many words make a sentence naming someone a signature ("Harold Jarche"): it
attributes what comes before it, as a line opening with a dash does ("— Bertrand Duperrin
(dans le billet « ... »)")."""
DASHES = ("—", "–", "-")


def said_near(text: str, people: Sequence[QueryTerm], topic: Sequence[QueryTerm]) -> bool:
    """Whether the entry's `text` holds a word of the `topic` in a sentence naming one of
    the `people` or the next one ("Gilles Babinet a raison quand il dit que les élites
    ..."), or anywhere after a sentence naming them that ends with a colon (a quote follows:
    "les réactions dont celle de Jacques Attali :"); a signature attributes the whole text
    (SIGNATURE_WORDS), and a text naming none of them is left alone. What someone says of a
    topic is said where they are named, not sentences away: "pour reprendre les termes de
    Jacques Attali à propos de la tyrannie de la transparence" says nothing of his view of
    the "données" and "Angry Birds" of the sentence before."""
    sentences = [sentence for sentence, _ in sentences_of(text)]
    words = [tokens for _, tokens in sentences_of(text)]

    def holds(start: int, stop: int, of: Sequence[QueryTerm]) -> bool:
        starts = tuple(prefix for term in of for prefix in (term.stem, term.word))
        return any(word.startswith(starts) for sentence in words[start:stop]
                   for word in sentence)
    naming = [position for position in range(len(sentences))
              if holds(position, position + 1, people)]
    return not naming or any(
        len(words[position]) <= SIGNATURE_WORDS or sentences[position].startswith(DASHES)
        or holds(position, len(sentences) if sentences[position].endswith(":")
                 else position + 2, topic)
        for position in naming)


@lru_cache(maxsize=1 << 12)
def sentences_of(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each sentence of an entry's `text` (SENTENCE), stripped, with its folded words.
    Remembered, as `apart.clause_words` is: asked what someone says of a topic, `said_near`
    reads the best entry's every sentence (a third of the slowest questions' time), the same
    few entries for every such question."""
    return tuple((sentence, tuple(token for token, _ in folded_tokens(sentence)))
                 for sentence in (part.strip() for part in SENTENCE.split(text)))
