"""Text normalisation shared by the router and the fuzzy command arguments.

Members type without accents, in English, with typos; the posts use typographic quotes and
ligatures. Everything that is compared goes through `fold` first, so that "Genève", "geneve"
and "GENEVE" are one word, and through `stem` so that "collaboration", "collaborative" and
"collaborer" meet.
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset("""
a ai au aux avec avez avoir avons c ca car ce ceci cela celle celui ces cet cette chez
comme comment d dans de des dire dit do doit donc dont du elle elles en est estce et etc
etre eu faire fait faut il ils j je l la le les leur leurs lui m ma mais me mes moi mon n
ne ni nos notre nous on ont or ou par pas peut peux plus pour pouvez qu quand que quel
quelle quelles quels qui quoi s sa sans se ses si son sont sur t ta te tes toi ton tous
tout toute toutes tres tu un une vos votre vous y ete sais savoir parle parlent parler
pourquoi combien quelque quelques autre autres deja aussi bien alors
about after all also am an and any are as at be been being but by can could did do does
for from had has have he her here him his how i if in into is it its just know me more
most my no not of on or our out over please say she should so some tell than that the
their them then there these they this those to us was we were what when where which who
whom whose why will with would you your yours
merci bonjour bonsoir salut coucou hello hi hey thanks thank ok okay lol mdr svp stp
bot sbbot question questions vs
ai as a avons avez ont aurai auras aura aurons aurez auront aurait auraient avait avaient
suis es est sommes etes sont serai seras sera serons serez seront serait seraient etait
etaient vais vas va allons allez vont irai ira fera feront ferait font faisait peut peuvent
pourrait pourraient doit doivent devrait faudrait veut veulent voudrais voudrait
""".split())

GENERIC_WORDS = frozenset("""
temps heure heures jour jours demain aujourd hui hier monde bonne bon bons bonnes meilleur
meilleure meilleurs beaucoup vaut valoir chose choses gens fois an ans annee annees nuit
matin soir moment vrai vraiment grand grande grands petit petite nouveau nouvelle premier
premiere seul simple important importante vie faire fait
like time times day days good best better new great thing things people way year years
world today tomorrow yesterday many much night morning really big small first
""".split())
"""Everyday words that also occur in the posts: they help rank entries, but a question
made only of them ("quelle heure est-il ?") is not about the posts."""


def fold(text: str) -> str:
    """Lowercase, without accents, ligatures expanded, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(WORD.findall(stripped.lower()))


def words(text: str) -> list[str]:
    """Folded words that carry meaning: no stopwords, no single letters (digits stay)."""
    return [word for word in fold(text).split()
            if (len(word) > 1 or word.isdigit()) and word not in STOPWORDS]


STEM_LENGTH = 7


def stem(word: str) -> str:
    """A deliberately crude stem: singular, masculine, then the first seven letters.

    Truncation works for both French and English derivations (collaboration /
    collaborative / collaborate -> "collabo") without a language-specific stemmer, and the
    plural and feminine rules make short words meet their base form ("innées" and "inné"
    both give "inne").
    """
    if len(word) > 4 and word[-1] in "sx" and word[-2] != "s":
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word[:STEM_LENGTH]
