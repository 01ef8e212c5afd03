"""French verbs that mostly lead another word ("veut", "faudrait", "vient"): no topic.

Their usual forms are stopwords (`text.STOPWORDS`); these rules read their other forms.
"""

from __future__ import annotations

from sbbot.language.lemmas import lemma

AUXILIARY_VERBS = frozenset("avoir etre faire aller venir pouvoir devoir vouloir savoir parler "
                            "dire falloir".split())
"""French verbs whose usual forms are stopwords ("veut", "peuvent", "faudrait", "parle"): their
other forms ("voulaient", "devraient", "faisant", "parlait") say as little about a topic, yet
weighed like rare words of the posts, which seldom write them ("et si les dirigeants
voulaient garder le numérique pour eux ?" went to the registration line, "si voulez des
croissants"). "Venir" mostly leads another verb ("il vient faire quoi", "qui vient
témoigner", "vient de paraître"): the other verb says what is asked."""
NOUN_FORMS = frozenset(form for verb in AUXILIARY_VERBS for form in (verb, f"{verb}s"))
"""The infinitives and their plurals, which are also nouns ("le pouvoir", "les devoirs",
"les dires"): words of a topic, unless the stopwords hold them."""


def auxiliary(token: str) -> bool:
    """Whether a folded French word is a form of an AUXILIARY_VERBS verb, not its noun."""
    return token not in NOUN_FORMS and lemma(token, "fr") in AUXILIARY_VERBS
