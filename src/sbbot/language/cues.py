"""What a question asks for: a date, a place, a price ...

"Combien coûte le forfait ?" asks for a price: a passage that gives none (`giving.gives`)
cannot answer it, however many of the question's other words it shares. Question words are
read from the text before stopwords are dropped ("quand", "où", "combien" are stopwords for
the ranking).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from sbbot.language.asking import (
    HOLDERS,
    STILL_NOW,
    asks_workplace,
    names_someone,
    recommending_asked,
)
from sbbot.language.cue_words import (
    BROADCAST_WORDS,
    CHANNEL_OF,
    CHANNEL_PAIRS,
    CUE_PAIRS,
    CUE_TRIOS,
    CUE_WORDS,
    MEDIUM_WORDS,
    PUBLISHING_WORDS,
    SAYING_WORDS,
    WHICH_OR_WHERE,
    Cue,
)
from sbbot.language.not_asking import addressed, conjunction, regarded_as_cost, vague_amount
from sbbot.text import STOPWORDS, fold

WORD = re.compile(r"[^\W_]+", re.UNICODE)
K = TypeVar("K")

END_WORDS = frozenset("finit finissent finir termine terminent terminer end ends finish finishes "
                      "until jusqu".split())
"""With a date or time asked for, these ask when something ends ("ça finit à quelle
heure ?"): a passage giving only when it starts does not answer."""
BORN_WORDS = frozenset("""né née nés nées naissance born birth grandi grew grow raised fondé fondée
fondés fondées founded inventé inventée inventés inventées invented créé créée créés créées
created""".split())
"""With a date or a place asked for, these ask for a birth or an origin ("il est né où ?",
"where did she grow up", "when was the company founded", "quand a été inventé le web ?",
"when was netjmc.com created");
alone they need not ("is collaboration something you are born with", "depuis la naissance
du web")."""

LOCATED_WORDS = frozenset("""based basé basée basés basées located situé située situés situées
headquartered headquarters siège live lives living vit vivent habite habitent""".split())
"""With a place asked for, these ask where someone or something is, on a map ("where is
NetJMC based?"): a web address is where to find it online, not where it is."""

RESIDING = {**dict.fromkeys("live lives living lived based headquartered born".split(), ("in",)),
            **dict.fromkeys("""habite habites habitent habitait vit vivent vivait basé basée
basés basées né née nés nées""".split(), ("à", "au", "aux", "en"))}
"""Words of living, being based or being born, and the prepositions before a place after
them."""
PLACE_DETERMINERS = frozenset("""a an the this that these those our your their my his her its
un une le la les l ce cette ces notre votre leur nos vos leurs mon ma mes son sa ses""".split())


def residing_in(words: Sequence[str]) -> bool:
    """Whether a question asks if someone lives, or something is based, in a place it names:
    a word of living or being based, then "in", "à" or "en" and a name ("does Jane live in
    Geneva?", "is NetJMC based in Geneva?", "il habite à Lyon ?"). That asks where they live,
    which only a place after such a word states ("basée à Lyon"), not a place the entry
    names for something else, an event's; and so for where someone was born ("was Paul
    Miller born in London?", "elle est née à Genève ?"). Not before a determiner ("we live
    in a digital world", "born in the internet era") or a year ("born in 1970"), and not
    "located", "situé": an event is located where it happens."""
    if PLAIN_RESIDING.keys().isdisjoint(words):  # most questions: no pair to look at
        return False
    return any(following in PLAIN_RESIDING.get(word, ()) and position + 2 < len(words)
               and words[position + 2] not in PLACE_DETERMINERS
               and not words[position + 2].isdigit()
               for position, (word, following) in enumerate(pairwise(words)))


WORKPLACE = frozenset({("poste", "de", "travail")})
""""Le poste de travail" is a workstation, not a job."""
HOW_NOT_WHERE = frozenset({("where", "do"), ("where", "can"), ("where", "should"),
                           ("where", "could")})
""""Where do I sign up?" asks how to do something, not for a place."""

IN_PLACE_AFTER = frozenset("sur de du des pour dans en comme chez avec".split())
"""Words after which a "qui" ending its clause still asks who ("il cite qui sur la
coopération ?"); a relative "qui" is followed by its verb ("ceux qui partagent"), and "a"
may be one ("qu'est-ce qui a permis ...")."""
NOT_IN_PLACE_BEFORE = frozenset("ce quoi a".split())
"""Words before a "qui" that does not ask for a person: "qu'est-ce qui", "c'est quoi qui"
ask what; "c'est la faute à qui ?" asks who is to blame, often "nous", no one named."""


def asks_who_in_place(words: Sequence[str]) -> bool:
    """Whether "qui" asks who where the object would stand, as chat asks ("harold jarche il
    cite qui ?", "on invite qui ?"): after a word, and last or before a preposition."""
    return "qui" in words and any(
        word == "qui" and position > 0 and words[position - 1] not in NOT_IN_PLACE_BEFORE
        and (position + 1 == len(words) or words[position + 1] in IN_PLACE_AFTER)
        for position, word in enumerate(words))


CLAUSE_BREAK = re.compile(r"[,;:!?.()]+")


def clause_ends(text: str) -> set[tuple[str, ...]]:
    """The last two words of each clause of the text, lower case: a member adds an
    afterthought after a comma ("who does paul miller work for, the digital workplace
    guy"), and what ends the question proper still says what it asks."""
    return {tuple(word.lower() for word in WORD.findall(clause)[-2:])
            for clause in CLAUSE_BREAK.split(text)}


@lru_cache(maxsize=1)
def question_cues(text: str) -> frozenset[Cue]:
    """The kinds of answer the question asks for, from its question words (the last
    question's are kept: the query reads them, then the verdict. Only the last: a memo of
    every question would answer a repeated question from memory, as the bench repeats its
    questions, and time the memo instead of the bot)."""
    words = [lower if (lower := word.lower()).isascii() and lower.isalnum() else plain(word)
             for word in WORD.findall(text.replace("’", "'"))]  # plain(), its usual case inlined
    cues: set[Cue] = set()
    relative = ({position for position in range(1, len(words))
                 if (words[position] in RELATIVES and words[position - 1] in ANTECEDENTS)
                 or (words[position] in NOUN_RELATIVES and position > 1
                     and words[position - 2] in NOUN_ARTICLES
                     and words[position - 3:position - 2] != ["there"])}
                if not NOUN_RELATIVES.isdisjoint(words) or not RELATIVES.isdisjoint(words)
                else set())
    # Each table is looked up first: most words ask for nothing, and need no other test.
    for position, word in enumerate(words):
        found = WORD_CUES.get(word)
        if (found and not conjunction(words, position) and position not in relative
                and not regarded_as_cost(words, position) and not addressed(words, position)):
            cues.update(found)
    how_not_where = False
    for position, pair in enumerate(pairwise(words)):
        found = PAIR_CUES.get(pair)
        if found and position not in relative and not vague_amount(words, position):
            cues.update(found)
        how_not_where = how_not_where or pair in HOW_NOT_WHERE
    if words and (words[0] == "qui" or asks_who_in_place(words)):
        cues.add("person")
    if how_not_where:
        cues.discard("place")
    for position in range(len(words) - 2):
        if words[position] in TRIO_STARTS:
            cues.update(TRIO_CUES.get((words[position], words[position + 1],
                                       words[position + 2]), ()))
    if "date" in cues and any(word in PLAIN_END for word in words):
        cues.add("end")
    if any(word in NOW_WORDS and words[position + 1:position + 2] not in (["that"], ["que"],
                                                                          ["qu"])
           for position, word in enumerate(words)):
        cues.add("present")
    if cues & {"date", "place"} and any(word in PLAIN_BORN for word in words):
        cues.add("birth")
    if "place" in cues and ((not SAYING_WORDS.isdisjoint(words)
                             and MEDIUM_WORDS.isdisjoint(words))
                            or not PUBLISHING_WORDS.isdisjoint(words)):
        cues.discard("place")
        cues.add("source")
    if ((not BROADCAST_WORDS.isdisjoint(words) and not WHICH_OR_WHERE.isdisjoint(words))
            or any((which, channel) in CHANNEL_PAIRS and following not in CHANNEL_OF
                   for which, channel, following in zip(words, words[1:], [*words[2:], ""],
                                                        strict=False))):
        cues.add("source")
    if "place" in cues and any(word in PLAIN_LOCATED for word in words):
        cues.add("located")
    if residing_in(words):  # a birthplace, or where someone lives or something is based
        cues.update(("place", "birth") if not PLAIN_BORN.isdisjoint(words)
                    else ("place", "located"))
    if "%" in text and ASKED_PERCENT.search(text):  # the pattern tries every position
        cues.update(("count", "percent"))
    if "combien" in words and "count" not in cues and "age" not in cues:
        cues.add("price")
    if "price" in cues and not EARNING.isdisjoint(words):
        cues.add("salary")  # "ça gagne combien ?": what one is paid, not what one pays
    if recommends_thing(words) or recommending_asked(words):
        cues.add("advice")
    if most_of(words) or many_of(words):
        cues.add("share")
    if "payer" in cues:
        cues.discard("person")
    if asks_workplace(words, cues, clause_ends(text) if "for" in words else ()):
        cues.difference_update({"place", "person"})
        cues.add("workplace")
    if ("person" in cues and any(word in HOLDERS for word in words)) or DOING.search(text):
        cues.add("role")
    if "role" in cues and any(trio in WORKPLACE for trio in zip(words, words[1:], words[2:],
                                                                  strict=False)):
        cues.discard("role")
    if "duration" in cues:
        cues.discard("count")
    if "registration" in cues and any(word in PLAIN_WORDS["registration"] and following == "dans"
                                      for word, following in pairwise(words)):
        cues.discard("registration")  # "s'inscrire dans" is to fit into, not to sign up
    if cues == {"present"} and not STILL.intersection(words) and not names_someone(text):
        cues.discard("present")
    if "present" in cues and not STILL_NOW.isdisjoint(words):
        cues.add("still")
    if cues & {"age", "count", "duration"}:
        cues.discard("price")
    return frozenset(cues)


RECOMMENDING = frozenset("recommend recommends suggest suggests".split())
THING_ASKING = frozenset("which what".split())


def recommends_thing(words: Sequence[str]) -> bool:
    """Whether an English question asks which thing someone recommends ("which video does
    the author recommend", "what book would she suggest"): a thing recommended is given by
    a text that recommends it ("je vous propose cette vidéo"), as advice asked of the bot
    is. Not what someone recommends doing ("what does the author recommend?"): a passage
    may advise without such a verb ("les organisations doivent ...")."""
    return (len(words) > 2 and words[0] in THING_ASKING and words[1] not in STOPWORDS
            and not RECOMMENDING.isdisjoint(words[2:]))


def most_of(words: Sequence[str]) -> bool:
    """Whether "most" asks how widespread something is ("do most social networks succeed",
    "who does most of the sharing"): before a noun or "of", not the superlative ("the most
    mature", "what matters most when ..."), nor the idiom "make the most of" (valoriser,
    profiter: "the most of" is no share of anything)."""
    return "most" in words and any(
        word == "most" and position + 1 < len(words)
        and ((words[position + 1] == "of" and words[position - 1:position] != ["the"])
             or (words[position + 1] not in STOPWORDS
                 and (position == 0 or words[position - 1] not in SUPERLATIVE)))
        for position, word in enumerate(words))


def many_of(words: Sequence[str]) -> bool:
    """Whether "il y en a beaucoup (peu) qui ..." asks how widespread something is ("y en a
    bcp des réseaux sociaux qui cartonnent ?"): "beaucoup" after "en a", not a degree ("ça
    apporte beaucoup")."""
    return ("beaucoup" in words or "peu" in words) and any(
        words[position:position + 3] in (["en", "a", "beaucoup"], ["en", "a", "peu"])
        for position in range(len(words) - 2))


SUPERLATIVE = frozenset("the a is what which".split())
"""Before "most" (not "most of"), the words that make it a superlative ("the most", "a
most", "what is most important")."""


NAMED = r"(?:[A-Z][\w'’-]*\s+){1,3}"
DOING = re.compile(rf"\b(?i:what\s+does)\s+{NAMED}(?i:do)\b(?!\s+(?i:with|to|about|in)\b)"
                   rf"|\b(?i:que|qu['’]est[\s-]ce\s+que)\s+(?i:fait)\s+{NAMED}"
                   r"(?=\?|$|(?i:chez|dans\s+la\s+vie|comme)\b)"
                   r"|\b(?i:fait)\b[^?.!]{0,30}\b(?i:dans\s+la\s+vie)\b")
"""What someone named does, asking for a job: "What does Guillaume Foltran do?", "que fait
Harold Jarche chez ... ?", "il fait quoi dans la vie ?". Only after names (capitalised):
"what does collaboration do for us?" asks what it brings."""


STILL = frozenset("still anymore longer encore toujours plus".split())
"""With "today" or "now" alone, a question asks what is so now only if it asks whether
something still is ("is the law still in force today"): "les entreprises changent-elles
aujourd'hui ?" asks about the post's topic in the post's own present. With another fact asked
for ("il vit où maintenant", "his job today"), the present applies to that fact."""
NOW_WORDS = frozenset("now maintenant".split())
"""Words that ask what is so now, unless they join a clause ("now that", "maintenant que")."""
RELATIVES = frozenset("who qui".split())
ANTECEDENTS = frozenset("""ones one those people person guy guys someone anyone everyone
somebody anybody everybody ceux celui celle celles gens personne ce quoi ça ca cela chose
choses truc""".split())
"""Words after which "who" or "qui" relates a clause to them ("aren't we the ones who hand
over our data", "celui qui a écrit") instead of asking who; a thing's too: "qu'est-ce qui
va permettre ...", "c'est quoi qui pousse ..." ask what, not who."""
NOUN_ARTICLES = frozenset("the a an".split())
NOUN_RELATIVES = frozenset("who where".split())
"""After an article and a noun, these relate a clause to the noun ("it's the customer who
pulls the transformation", "do we live in a world where apps capture our data?"), not ask
who or where; unless "there" introduces the noun ("is there a place where I can park?"
asks for one)."""
ASKED_PERCENT = re.compile(r"(?<![\d\s])\s*%|^\s*%")
"""A percent sign after no number asks for a share ("what % of companies ..."), as
"pourcentage" does; after one ("70 %"), the question cites it."""
EARNING = frozenset("gagne gagnes gagnent gagnez gagner gagnait earn earns earned".split())
"""With an amount asked for ("combien", "how much"), these ask what someone is paid: a
salary, which an event's price ("participation gratuite") does not give."""


ACCENTED = frozenset("où né née nés nées".split())
"""Question words that keep their accent: folded, they are other words ("ou", "ne")."""


def plain(word: str) -> str:
    """A question word as members type it, without accents ("coute", "quel age"), except
    "où": without its accent it is "ou", the conjunction. (No cue word may fold into another
    word: English "salaries" would be French "salariés".)"""
    lower = word.lower()
    if lower.isascii() and lower.isalnum():
        return lower  # what `fold` would give, without its Unicode passes
    return lower if lower in ACCENTED else fold(lower)


PLAIN_WORDS = {cue: frozenset(map(plain, words)) for cue, words in CUE_WORDS.items()}
PLAIN_TRIOS = {cue: frozenset(tuple(map(plain, trio)) for trio in trios)
               for cue, trios in CUE_TRIOS.items()}
PLAIN_END = frozenset(map(plain, END_WORDS))
PLAIN_BORN = frozenset(map(plain, BORN_WORDS))
PLAIN_LOCATED = frozenset(map(plain, LOCATED_WORDS))
PLAIN_RESIDING = {plain(word): tuple(map(plain, before)) for word, before in RESIDING.items()}
PLAIN_PAIRS = {cue: frozenset((plain(first), plain(second)) for first, second in pairs)
               for cue, pairs in CUE_PAIRS.items()}


ANSWERED_WORDS_CUES: frozenset[Cue] = frozenset({"price", "registration"})
"""Kinds of answer whose asking words are content words ("payer", "résa", "tarif"): a
passage giving the price or the way to sign up answers them, whatever words it uses."""


def asking_words(cues: Collection[Cue]) -> frozenset[str]:
    """The single words, folded, that ask for those of these kinds of answer whose words a
    passage giving them answers (`ANSWERED_WORDS_CUES`): "faut payer ?", "la résa est
    obligatoire ?" of a passage saying "participation gratuite", "inscriptions en ligne".
    The broadcast asked for (`BROADCAST_WORDS`) is added by the router, only of a passage
    naming one (`giving.names_broadcast`)."""
    return frozenset(word for cue in ANSWERED_WORDS_CUES.intersection(cues)
                     for word in PLAIN_WORDS[cue])


def by_key(tables: dict[Cue, frozenset[K]]) -> dict[K, frozenset[Cue]]:
    """Each word (pair, trio) to the cues it asks for: one look-up per word of a question,
    instead of one test per cue."""
    found: dict[K, set[Cue]] = {}
    for cue, keys in tables.items():
        for key in keys:
            found.setdefault(key, set()).add(cue)
    return {key: frozenset(cues) for key, cues in found.items()}


WORD_CUES = by_key(PLAIN_WORDS)
PAIR_CUES = by_key(PLAIN_PAIRS)
TRIO_CUES = by_key(PLAIN_TRIOS)
TRIO_STARTS = frozenset(first for first, _, _ in TRIO_CUES)
