"""The words of a question that only say what kind of answer it asks for.

"Ça commence à quelle heure ?" asks for a time: "commence" and "heure" only say so, and the
passage giving the time answers whatever words it gives it with ("à partir de 08:30"). The
query (`router/query.py`) and the verdict do not ask a passage to hold these words.
"""

from __future__ import annotations

from itertools import pairwise

from sbbot.language.asking import recommending_asked
from sbbot.language.cue_words import ADVISED, ADVISING
from sbbot.language.cues import PAIR_CUES, WORD, plain, question_cues
from sbbot.language.wordforms import folded_question
from sbbot.text import fold

START_WORDS = frozenset(fold(word) for word in """commence commencent commencer débute
débutent débuter démarre démarrent start starts begin begins""".split())
"""With a date or a time asked for, these say only that the start is asked ("ça commence à
quelle heure ?"): the passage giving the time answers, whatever word it starts with."""


def starting(question: str) -> frozenset[str]:
    """The words of a question asking when something starts that only say so (START_WORDS),
    folded; none when it asks for no date or time."""
    if not question_cues(question) & {"date", "time"}:
        return frozenset()
    return START_WORDS.intersection(folded_question(question).split())


ASKING_NOUNS = frozenset("time day date year hour heure jour année".split())


def cue_nouns(question: str) -> frozenset[str]:
    """The nouns that only say that a question asks for a date or a time ("what time",
    "quel jour", "quelle heure"), folded: the passage giving one answers it, whatever words
    it gives it with ("à partir de 08:30", "le vendredi 4 avril")."""
    cues = question_cues(question) & {"date", "time"}
    if not cues:
        return frozenset()
    words = [plain(word) for word in WORD.findall(question.replace("’", "'"))]
    return frozenset(fold(second) for first, second in pairwise(words)
                     if second in ASKING_NOUNS and PAIR_CUES.get((first, second), frozenset())
                     & cues)


ADVICE_VERBS = frozenset(fold(verb) for _, verbs in (*ADVISING, *ADVISED) for verb in verbs)


def advising(question: str) -> frozenset[str]:
    """The verbs of a question asking the bot for advice, folded: they only say that a
    recommendation is asked ("tu me conseilles quoi comme lecture ?"), which a text gives
    whatever verb it recommends with ("je vous recommande vivement la lecture ..."); none
    when the question asks for no advice, or asks whether someone recommends a thing
    ("l'auteur conseille-t-il de lire ... ?": `asking.recommending_asked`): there its verb
    still meets the passage recommending it ("recommande", a near-synonym of "conseille")."""
    if "advice" not in question_cues(question) or recommending_asked(
            [plain(word) for word in WORD.findall(question.replace("’", "'"))]):
        return frozenset()
    return ADVICE_VERBS.intersection(folded_question(question).split())


PAYING = frozenset("payer payant payante payants payantes gratuit gratuite gratuits gratuites "
                   "pay paid free".split())
"""Words that ask whether one pays to take part ("faut payer ?", "c'est gratuit ?"), not
the price of a thing named ("le salaire de X", "how much does SharePoint cost?"): an event
card giving its price answers them, whatever words it gives it with ("faut payer pour la
matinée ?" of a card saying "participation gratuite")."""


def names_cue(first: str, second: str) -> bool:
    """Whether two consecutive words ask for a kind of answer ("quelle ville": a place), so
    that the second is answered by any passage giving that kind, whatever word it uses."""
    return (plain(first), plain(second)) in PAIR_CUES
