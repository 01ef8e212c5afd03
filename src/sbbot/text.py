"""Text normalisation shared by the router and the fuzzy command arguments.

Members type without accents, in English, with typos; the posts use typographic quotes and
ligatures. Everything that is compared goes through `fold` first, so that "Genève", "geneve"
and "GENEVE" are one word. How the router goes on to cut words (compounds, stems) is in
`sbbot.language.wordforms`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
LIGATURE_PAIRS = tuple((chr(code), letters) for code, letters in LIGATURES.items())
WORD = re.compile(r"[a-z0-9]+")
COMBINING = dict.fromkeys(
    code for start, end in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00),
                            (0x20D0, 0x2100), (0xFE20, 0xFE30))
    for code in range(start, end) if unicodedata.combining(chr(code)))
"""Unicode's combining marks (accents and the like), deleted by `str.translate`."""
CASED_WORD = re.compile(r"[A-Za-z0-9]+")

PLACEHOLDERS = frozenset("truc trucs chose choses machin machins bidule bidules gars mec mecs"
                         .split())
"""Placeholder nouns of casual French ("ce truc", "le gars de Bouygues"): they stand for a
thing or a person the rest of the question names, never for its topic. As stopwords they no
longer count against a passage that does not repeat them; "chose" and "gars" stay in
GENERIC_WORDS for the English words translated into them ("thing", "stuff")."""

STOPWORDS = PLACEHOLDERS | frozenset("""
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
whom whose why will with would you your yours up down away off without within upon onto via
per yes one
merci bonjour bonsoir salut coucou hello hi hey thanks thank ok okay lol mdr svp stp
ptdr mdrr mdrrr lool haha hahaha omg yeah yea yep nope nah hmm um uh
bot sbbot question questions vs
ai as a avons avez ont aurai auras aura aurons aurez auront aurait auraient avait avaient
suis es est sommes etes sont serai seras sera serons serez seront serait seraient etait
etaient vais vas va allons allez vont aller irai ira fera feront ferait font faisait peut peuvent
pourrait pourraient doit doivent devrait faudrait veut veulent voudrais voudrait
veux voulais voulait
entre juste surtout encore toujours jamais assez trop peu beaucoup rien chacun chacune plusieurs
certains certaines meme ainsi puis ensuite enfin lors pendant selon voici voila tel telle
tels telles ceux celles lequel laquelle lesquels lesquelles quelqu quelquun quiconque
much many something anything nothing everything someone anyone everyone somebody anybody
everybody nobody between among amongst towards toward actually itself himself
herself themselves myself yourself ourselves own get gets got getting gotten really very
just even still too each every such only same ever never always again already yet else
rather quite pretty almost whether while though although however therefore thus hence
otherwise instead anyway maybe perhaps probably definitely certainly basically literally
simply exactly especially mainly mostly usually generally whats thats isnt doesnt dont
cant wont didnt im ive youre theyre theres lets since until unless because during
against within across beyond around through throughout whereas whatever whenever
wherever whoever whichever another other others both either neither few several
despite besides except versus regarding whereby amid amidst till nor nevertheless
nonetheless moreover furthermore well under ones twice apart somewhere anywhere nowhere
somehow cannot shall gonna wanna gotta kinda alright now
says said saying tells told telling knows knew known knowing
eux soi vers parmi contre durant travers malgre outre sauf hors envers autour afin lorsque
puisque quoique tandis cependant pourtant toutefois neanmoins voire ici aucun aucune
apres depuis jusque jusqu sous pres generalement habituellement non oui nan ouais
hop hein euh heu bah bof pff pfff oups
notres votres mien mienne miens miennes tienne tiennes sien sienne siens siennes
ours theirs hers
""".split())
"""Function words of both languages; French prepositions, conjunctions and pronouns ("vers",
"parmi", "malgré", "eux") stand with their English counterparts ("towards", "among", "them",
"despite", "regarding"): as terms, a passage saying "vers" met every question going "vers"
anything. The lemma table also misreads some ("après" as "âpre", "près" as "pré", a meadow,
"sous" as "sou", a coin). "Généralement" and "habituellement" say how often, as "usually"
and "generally" do ("généralement" met "générale"); other French adverbs, tried with them,
stay terms: "forcément", "exactement" and "certainement" as stopwords cost a confident wrong
answer, a near-domain one and a right one. "avant" stays a term: as a stopword it cost a
right answer of the dev set and added a confident wrong one, where it reaches "auparavant".
"Aller" is a stopword as its forms "va", "vont" are: it only says that the verb after it is
to come or to be done ("faut encore aller convaincre les chefs", "gonna be streamed", read
"going to" then "aller"), never what a passage is about. "Say", "tell" and "know" frame a
question as "dire" and "savoir" do in French, in every form ("what is Babinet saying about",
"what are we told about"): read as "dire" and "savoir", "said" and "known" were topic words
a passage had to hold. "Non", "oui" and their chat forms "nan", "ouais" are stopwords as
"no" and "yes" are: in a question they tag it ("tout le monde sait faire, non ?", "ou non")
and named nothing, yet a passage writing "non" ("non seulement", "ou non") met it. "Now"
(and "right now", "rn") asks for the member's present, a cue (`language/cues.py`), not a
topic: as the term "maintenant" it met a post's own "maintenant", its author's present ("are
you and me collaborating or cooperating rn" went to "les organisations doivent maintenant
considérer ..."). French interjections ("et hop c'est bon", "hein", "euh", "bah", "bof")
say the member's mood, never a topic: as terms they were words no passage holds.
Possessive pronouns ("les nôtres", "la sienne", "ours", "theirs") stand for a noun the
question has already named, as "notre" and "leur" before a noun are stopwords: "les
perspectives des élites et les nôtres" asks about perspectives, and "nôtres" was a word no
passage holds, counted against the answer. "Tiens" stays out: a verb too."""

GENERIC_WORDS = frozenset("""
temps heure heures jour jours demain aujourd hui hier monde bonne bon bons bonnes meilleur
meilleure meilleurs beaucoup vaut valoir chose choses gens fois an ans annee annees nuit
matin soir moment vrai vraiment grand grande grands petit petite nouveau nouvelle premier
premiere seul simple important importante vie faire fait semaine semaines mois
avis opinion gars mec truc trucs souci soucis auteur auteurs billet billets article articles
blog blogs aspect aspects axe axes volet volets contexte
like time times day days good best better new great thing things people way year years
world today tomorrow yesterday many much night morning really big small first week weeks
month months opinion guy guys stuff author authors post posts blog blogs writer aspect aspects
context souvent parfois rarement desormais dorenavant often sometimes rarely probleme problemes
""".split())
"""Everyday words, and words about the posts themselves ("l'auteur", "the post"): they help
rank entries, but a question made only of them ("quelle heure est-il ?") is not about the
posts, and a post that lacks one ("l'avis de X ?", "le gars de Y") may still answer. "Aspect"
(and "axe", "volet") asks for a part of what the rest of the question names ("sur quel aspect
Bouygues Telecom a-t-il porté un effort particulier ?", "sur quels axes ...", "which aspects
of the digital workplace ..."), and "contexte" for its circumstances ("X est cité dans quel
contexte ?"), which a passage gives in its own words, never by repeating "aspect" or
"contexte" (a post lacking them made them foreign words), as "problème" asks for what is
wrong with it ("c quoi le pb avec l'article 20 de la lpm ?": a passage says what the article
allows, never "problème"); not "type", "genre", "kind":
"quel genre de croissants ?" asks what no passage merely naming croissants says. Not
"citation", "quote": "is there a quote from X?" asks for one, which a passage merely naming X
is not (measured: two near-domain questions answered). Adverbs of frequency and of the
time from which something holds ("souvent", "parfois", "rarement", "désormais",
"dorénavant", "often", "sometimes", "rarely") say how often or from when, never what about:
as full terms they led to any passage writing one ("do people ask this social business
question often?" met "le partage est souvent le fait des mêmes personnes"; "comment les
organisations devraient-elles désormais concevoir l'accompagnement ..." met a quote saying
"désormais" rather than the passage on accompaniment). Not "fréquemment": its stem is
"fréquence"'s."""


def fold(text: str) -> str:
    """Lowercase, without accents, ligatures expanded, punctuation turned into spaces."""
    return " ".join(WORD.findall(unaccented(text).lower()))


def fold_all(texts: Iterable[str]) -> list[str]:
    """`fold` of each text, the accents stripped from all of them in one pass: a language
    table's thousands of accented words fold several times faster than one by one."""
    joined = unaccented("\0".join(text.replace("\0", " ") for text in texts)).lower()
    return [" ".join(WORD.findall(part)) for part in joined.split("\0")]


COMBINING_RUN = re.compile("[" + "".join(map(chr, sorted(COMBINING))) + "]+")
"""The same marks as one character class: a regular expression deletes them several times
faster than `str.translate`, which looks every character up in a dict."""


def unaccented(text: str) -> str:
    """The text without accents: decomposed, then its combining marks deleted (a
    character-by-character filter was most of the router's build time). ASCII text has
    neither ligatures nor accents, nor does its decomposition: it is returned as it is."""
    if text.isascii():
        return text
    # what text.translate(LIGATURES) gives, without its dict look-up a character (40 µs
    # over a passage, which most often holds no ligature)
    for ligature, letters in LIGATURE_PAIRS:
        if ligature in text:
            text = text.replace(ligature, letters)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed if decomposed.isascii() else COMBINING_RUN.sub("", decomposed)


def words(text: str) -> list[str]:
    """Folded words that carry meaning: no stopwords, no single letters (digits stay)."""
    return [word for word in fold(text).split()
            if (len(word) > 1 or word.isdigit()) and word not in STOPWORDS]
