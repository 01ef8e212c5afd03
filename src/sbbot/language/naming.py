"""What a word's place in a question says about it: whether it names something.

A content word the knowledge lacks is evidence against an answer only when it names a thing
the question is about ("le forfait", "in Lyon", "quelle université"), not when it is a turn
of phrase; the word before it says which. Pure functions of the folded tokens, so that they
serve every post.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Literal

from sbbot.language.lexicon import translations
from sbbot.language.signalling import names_cue
from sbbot.text import PLACEHOLDERS, STOPWORDS

Naming = Literal["", "thing", "object", "place", "name", "asked"]
"""A "name" (capitalised inside the sentence, or no word of either language), what is
"asked" for (after "quel", "which", "combien de"), a "place" (after "in", "at", "near"), an
"object" (after an article, or French "sans", "avec"), a "thing" (after another
preposition), or nothing named ("")."""

NOUN_MARKERS = frozenset("""
le la les l un une des du de d au aux mon ma mes ton ta tes son sa ses notre nos votre vos leur
leurs ce cet cette ces en chez the an my your his her its our their this that these those
in at of
""".split())
"""Words after which a word names a thing ("le forfait", "de naissance", "the price"): a
thing the knowledge does not know is a subject the posts do not cover, not a casual turn of
phrase. Not "à": folded, it is the verb "a" ("qui a affirmé"), followed by a participle."""


ARTICLES = frozenset("""
le la les l un une des du au aux the an my your his her its our their this these those
mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces
""".split())
"""Words after which a word is the object named ("un hôtel", "le forfait", "a poem", "au
beurre": "au" and "aux" are "à le", "à les", never before a verb); so is
an English word after a possessive "'s" ("Jarche's job"; French "s'" precedes a verb) or
after "a" ("a webinar"; French folds "à" and the verb "a" into it), and after the "there"
of "is there" ("is there parking")."""
BARE_NOUN_MARKERS = frozenset("sans avec".split())
"""French prepositions after which a word names a thing without an article ("sans gluten",
"avec sucre"), as after one ("un hôtel")."""
COUNTING = frozenset({("combien", "de"), ("combien", "d")})
"""French words after which a noun is what is counted ("combien d'enfants"): what the question
asks for, as after "quel"."""
CLITIC_SUBJECTS = frozenset("je j tu il elle on nous vous ils elles ne n".split())
"""Before "le", "la", "les", these make it a pronoun and the next word a verb ("on le
chope où", "je la trouve"): the verb names no object."""


MODALS = frozenset("""veux veut voulons voulez veulent voulait voulaient voudrais voudrait
voudraient vouloir peux peut pouvons pouvez peuvent pouvait pouvaient pourrait pourraient
pouvoir dois doit devons devez doivent devait devaient devrait devraient devoir vais vas va
allons allez vont allait allaient aller faut fallait faudrait""".split())
"""Verbs followed by an infinitive: between them, "le", "la", "les" is the infinitive's
object pronoun ("voulaient le garder pour eux", "il faut les former")."""
INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")


def pronoun(tokens: Sequence[str], position: int) -> bool:
    """Whether the article-like word at `position` is an object pronoun (see
    CLITIC_SUBJECTS and MODALS)."""
    if tokens[position] not in ("le", "la", "les", "l") or position == 0:
        return False
    return tokens[position - 1] in CLITIC_SUBJECTS or (
        tokens[position - 1] in MODALS and position + 1 < len(tokens)
        and tokens[position + 1].endswith(INFINITIVE_ENDINGS))


@lru_cache(maxsize=1 << 14)
def placeholder(word: str) -> bool:
    """Whether an English word is a placeholder noun ("the geneva thing", "digital stuff"):
    the lexicon translates it first into a French one (truc, chose, gars: `PLACEHOLDERS`),
    so it stands for what the rest of the question names, as they do. Memoised per word:
    asked of every English word of a question, a translation costs 1 to 2 µs."""
    french = translations(word)
    return bool(french) and french[0] in PLACEHOLDERS


def english_article(tokens: Sequence[str], position: int) -> bool:
    """Whether the token is English "a" or a possessive "'s" (the "a" of "Q&A" is neither),
    or the "there" of "is there", "are there"."""
    if tokens[position] == "there":
        return position > 0 and tokens[position - 1] in EXISTENTIAL
    return tokens[position] in ("s", "a") and (position == 0 or len(tokens[position - 1]) > 1)


EXISTENTIAL = frozenset("is are was were be".split())
"""Verbs before which "there" introduces what is asked about ("is there parking ...")."""


PLACES = frozenset("in at near".split())
"""Words after which a word names a place ("in paris"): French "à" folds into the verb "a"."""
INTERROGATIVES = frozenset("quel quelle quels quelles which".split())
"""Words after which a word names what the question asks for ("dans quelle université",
"which company"): if the knowledge never mentions it, the posts cannot give it. Not "what",
followed as often by a verb ("what makes") as by a noun."""


DEMONSTRATIVES = frozenset("ce cet cette ces this these those".split())
"""After these, a noun names what the talk has already brought up ("face à ces dérives",
"these working practices"): a label for it, not a new thing the posts must name."""


def naming(tokens: Sequence[str], position: int, english: bool, capital: bool,
           is_real_word: Callable[[str], bool]) -> Naming:
    """What the token at `position` names, from its capital and the word before it."""
    token = tokens[position]
    if capital and (position > 0 or not is_real_word(token)):
        return "name"
    if position == 0:
        return ""
    before = tokens[position - 1]
    if before in INTERROGATIVES and not names_cue(before, token):
        return "" if english and modifies(tokens, position) else "asked"
    if not english and position > 1 and (tokens[position - 2], before) in COUNTING:
        return "asked"
    if (english and position > 1 and tokens[position - 2] == "which"
            and modifies(tokens, position - 1) and not names_cue("which", before)):
        return "asked"
    if before in PLACES:
        return "place"
    if before in DEMONSTRATIVES:
        return "thing"
    if before in ARTICLES or (not english and before in BARE_NOUN_MARKERS) or (
            english and english_article(tokens, position - 1)):
        return "" if pronoun(tokens, position - 1) else "object"
    return "thing" if before in NOUN_MARKERS else ""


def modifies(tokens: Sequence[str], position: int) -> bool:
    """Whether the English word at `position`, right after "which", modifies the next one,
    the noun asked for ("which mobile apps", "which radio programme"): English puts the
    noun last, so a content word follows. French puts it first ("quelle université
    parisienne")."""
    after = tokens[position + 1:position + 2]
    return bool(after) and len(after[0]) > 2 and after[0] not in STOPWORDS


OF_WORDS = frozenset("de du des d of".split())
"""Words that join a noun to what it belongs to ("le livre de Babinet", "the video of ...")."""
ENGLISH_DETERMINERS = frozenset("the this that these those my your his her its our their"
                                .split())
"""Before a name and a word, these make the name a modifier of the word, a noun ("the Geneva
breakfast"). Not "a", which is also French "à" folded."""


def bound_nouns(tokens: Sequence[str], subject: Callable[[str], bool],
                named: Mapping[str, Naming]) -> frozenset[str]:
    """The nouns of a question that belong to its subject: "le livre de Babinet", "la vidéo
    de Paul Miller", "Jane's paper", "the Geneva breakfast". `tokens` are the question's
    folded words, `subject` tells whether one names the subject, `named` gives its content
    words and what each names. With the subject, these nouns say what the question is
    about, not what it asks about it: "le livre de Babinet a-t-il eu du succès ?" asks about
    a success, which a passage naming the book does not give by naming it. A noun of one of
    them ("le sujet du livre de Babinet") belongs to the subject too: it is what is asked
    when nothing else is (see `unasked_words`)."""
    bound: set[str] = set()
    for position in reversed(range(len(tokens))):  # "le sujet du livre de babinet": both
        token = tokens[position]
        if token not in named or subject(token):
            continue
        after = tokens[position + 1:position + 3]
        start = position
        while start > 0 and subject(tokens[start - 1]):
            start -= 1
        if named[token] == "object" and len(after) == 2 and after[0] in OF_WORDS \
                and (subject(after[1]) or after[1] in bound):
            bound.add(token)  # "le livre de babinet"
        elif 0 < start < position and tokens[start - 1] in ENGLISH_DETERMINERS:
            bound.add(token)  # "the geneva breakfast", "the paul miller video"
        elif position > 1 and tokens[position - 1] == "s" and subject(tokens[position - 2]):
            bound.add(token)  # "jane's paper"
    return frozenset(bound)
