"""Text normalisation shared by the router and the fuzzy command arguments.

Members type without accents, in English, with typos; the posts use typographic quotes and
ligatures. Everything that is compared goes through `fold` first, so that "Genève", "geneve"
and "GENEVE" are one word, and through `stem` so that "collaboration", "collaborative" and
"collaborer" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files

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
entre juste surtout encore toujours jamais assez trop peu rien chacun chacune plusieurs
certains certaines meme ainsi puis ensuite enfin lors pendant selon voici voila tel telle
tels telles ceux celles lequel laquelle lesquels lesquelles quelqu quelquun quiconque
much something anything nothing everything someone anyone everyone somebody anybody
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
considérer ...")."""

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
context
""".split())
"""Everyday words, and words about the posts themselves ("l'auteur", "the post"): they help
rank entries, but a question made only of them ("quelle heure est-il ?") is not about the
posts, and a post that lacks one ("l'avis de X ?", "le gars de Y") may still answer. "Aspect"
(and "axe", "volet") asks for a part of what the rest of the question names ("sur quel aspect
Bouygues Telecom a-t-il porté un effort particulier ?", "sur quels axes ...", "which aspects
of the digital workplace ..."), and "contexte" for its circumstances ("X est cité dans quel
contexte ?"), which a passage gives in its own words, never by repeating "aspect" or
"contexte" (a post lacking them made them foreign words); not "type", "genre", "kind":
"quel genre de croissants ?" asks what no passage merely naming croissants says. Not
"citation", "quote": "is there a quote from X?" asks for one, which a passage merely naming X
is not (measured: two near-domain questions answered)."""


def fold(text: str) -> str:
    """Lowercase, without accents, ligatures expanded, punctuation turned into spaces."""
    return " ".join(WORD.findall(unaccented(text).lower()))


def fold_all(texts: Iterable[str]) -> list[str]:
    """`fold` of each text, the accents stripped from all of them in one pass: a language
    table's thousands of accented words fold several times faster than one by one."""
    joined = unaccented("\0".join(text.replace("\0", " ") for text in texts)).lower()
    return [" ".join(WORD.findall(part)) for part in joined.split("\0")]


@lru_cache(maxsize=2)
def folded_question(text: str) -> str:
    """`fold` of a question, remembered for the question being routed only (its reading,
    and the text as typed), as `question_words` is: the query and the preferences fold it
    again and again."""
    return fold(text)


@lru_cache(maxsize=2)
def question_words(text: str) -> tuple[str, ...]:
    """The folded words of a question (`folded_tokens` without their capitals), remembered
    for the question being routed only (its reading, and the text as typed): the verdict's
    rules read them several times. Not more: a memo of every question would answer a
    repeated question from memory, as the bench repeats its questions."""
    return tuple(token for token, _ in question_tokens(text))


@lru_cache(maxsize=2)
def question_tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """`folded_tokens` of a question, remembered as `question_words` is: the query reads
    them, then the verdict's words of the same text (typed, or as read: most often the
    same), which read them again cost 2.5 passes over each question."""
    return tuple(folded_tokens(text))


def folded_tokens(text: str) -> list[tuple[str, bool]]:
    """The words of `fold(text)`, each with whether it was capitalised (a name, often); a
    compound word ("rendez-vous", "start ups") is one word (see `joined_compounds`,
    `spaced_joined`)."""
    return spaced_joined([(token.lower(), token[0].isupper())
                          for token in CASED_WORD.findall(joined_compounds(unaccented(text)))])


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


STEM_LENGTH = 6
ACTION_NOUNS = (("cation", "qu"), ("ation", ""), ("cution", "cut"), ("ution", "u"))
"""A French noun of action and the end of its verb's stem: "formation" / "former",
"évolution" / "évoluer", "éducation" / "éduquer", "exécution" / "exécuter"."""
MIN_VERB_BASE = 4
"""A shorter base is no verb's ("nation", "station", "relation", "création" stay whole)."""


def own_roots() -> dict[str, tuple[str, ...]]:
    """French roots longer than six letters (`language/data/fr-roots.txt`), by the six-letter
    stem they replace, longest first: a word beginning with one would meet a word of another
    meaning at six letters ("personnel" / "personne", "ordinateur" / "ordinairement")."""
    text = files("sbbot").joinpath("language", "data", "fr-roots.txt").read_text(
        encoding="utf-8")
    roots: dict[str, list[str]] = {}
    for line in text.splitlines():
        if (root := line.strip()) and not root.startswith("#"):
            roots.setdefault(root[:STEM_LENGTH], []).append(root)
    return {key: tuple(sorted(found, key=len, reverse=True)) for key, found in roots.items()}


OWN_ROOTS = own_roots()


def own_root(word: str) -> str | None:
    """The listed root a folded word begins with, if any (see `own_roots`)."""
    return next((root for root in OWN_ROOTS.get(word[:STEM_LENGTH], ())
                 if word.startswith(root)), None)


def verb_base(word: str) -> str:
    """The stem of the verb a folded French noun of action in "-ation" or "-ution" is made
    from ("formation": form, "innovation": innov, "évolution": evolu, "application":
    appliqu), the word itself otherwise. Cut to six letters, "formation" and "former" gave
    "format" and "form", "évolution" and "évoluer" "evolut" and "evolu": a question asking
    how to train ("former") never met a passage about training ("formation")."""
    for ending, base in ACTION_NOUNS:
        if word.endswith(ending):
            root = word[:-len(ending)] + base
            return root if len(root) >= MIN_VERB_BASE else word
    return word


HYPHEN_ONLY = "(hyphen only)"


def compound_lines() -> list[tuple[str, bool]]:
    """The compounds of `fr-compounds.txt`, each with whether it may be typed without its
    hyphen (not when its words are also a usual phrase: "faire part de", "savoir vivre
    avec")."""
    text = files("sbbot").joinpath("language", "data", "fr-compounds.txt").read_text(
        encoding="utf-8")
    return [(line.removesuffix(HYPHEN_ONLY).strip(), not line.endswith(HYPHEN_ONLY))
            for line in map(str.strip, text.splitlines()) if line and not line.startswith("#")]


COMPOUND_LINES = compound_lines()
COMPOUNDS = {"".join(fold(compound).split()): compound for compound, _ in COMPOUND_LINES}
"""French compound words (`language/data/fr-compounds.txt`): each folded and glued
("rendezvous"), the key `joined_compounds` looks up, to its usual spelling."""
SPACED_COMPOUNDS = tuple(compound for compound, spaced in COMPOUND_LINES if spaced)
"""The compounds a member may type with a space for the hyphen ("rendez vous")."""
HYPHEN_CHARACTERS = "-\u2010\u2011"
HYPHENS = re.compile(f"[{HYPHEN_CHARACTERS}]")
LETTER = "[\\w\u0300-\u036f]"
"""A word's character, accents decomposed or not (a corpus is joined after NFKD)."""
HYPHENATED = re.compile(f"{LETTER}++(?:{HYPHENS.pattern}{LETTER}++)+")
WORD_END = re.compile(f"{LETTER}+\\Z")
LONGEST_PART = 40
"""How far before a hyphen its word's start is looked for: no part of a compound is longer."""
COMPOUND_PARTS = 4
"""The most parts a compound has ("rez-de-chaussée" has three, "pots-de-vin" three)."""


def joined_compounds(text: str) -> str:
    """The text with each listed compound word written without its hyphens
    ("rendez-vous": "rendezvous"), so that it is read as one word: apart, its parts mean
    something else ("rendez" is "rendre", "après" "âpre", "forme" of "plate-forme" meets
    "formation") or nothing ("bien-être", "savoir-faire": function words).

    Words are looked for around each hyphen only: a pattern for hyphenated words tried at
    every word of a corpus cost 10 s over the text of 100,000 passages."""
    starts = sorted(hyphen_positions(text))
    if not starts:
        return text
    pieces: list[str] = []
    done = 0
    for hyphen in starts:
        if hyphen < done:
            continue  # inside a run already read
        window = max(done, hyphen - LONGEST_PART)
        before = WORD_END.search(text, window, hyphen)
        if before is None or (before.start() == window and window > done):
            continue
        run = HYPHENATED.match(text, before.start())
        if run is None or (glued := joined_run(run)) is None:
            continue
        pieces += [text[done:run.start()], glued]
        done = run.end()
    return "".join([*pieces, text[done:]]) if pieces else text


def hyphen_positions(text: str) -> Iterator[int]:
    """Where the text's hyphens are: `str.find` runs at memchr speed, a pattern's character
    class five times slower over a corpus."""
    for hyphen in HYPHEN_CHARACTERS:
        at = text.find(hyphen)
        while at >= 0:
            yield at
            at = text.find(hyphen, at + 1)


def joined_run(match: re.Match[str]) -> str | None:
    """A run of hyphenated words with its listed compounds glued, from the left, the
    longest first ("rendez-vous-là": "rendezvous-là"); a plural whose parts both take an
    "s" ("plates-formes", "pots-de-vin") glued as its singular. None without a compound."""
    parts = HYPHENS.split(match.group())
    singular = [part[:-1] if len(part) > 2 and part[-1] in "sx" else part for part in parts]
    keys = ["".join(fold(part).split()) for part in parts]
    singular_keys = ["".join(fold(part).split()) for part in singular]
    joined: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(min(len(parts), start + COMPOUND_PARTS), start + 1, -1):
            if "".join(keys[start:end]) in COMPOUNDS:
                joined.append("".join(parts[start:end]))
                break
            if "".join(singular_keys[start:end]) in COMPOUNDS:
                joined.append("".join(singular[start:end]))
                break
        else:
            end = start + 1
            joined.append(parts[start])
        start = end
    return "-".join(joined) if len(joined) < len(parts) else None


def compound_of(words: str) -> str | None:
    """The glued compound that folded words separated by spaces stand for ("apres midi":
    "apresmidi"), if they are one."""
    glued = "".join(words.split())
    return glued if glued in COMPOUNDS else None


SPACED_FIRSTS = frozenset(fold(compound).split()[0] for compound in SPACED_COMPOUNDS
                          if len(fold(compound).split()) == 2
                          and not STOPWORDS.issuperset(fold(compound).split()))
"""The first words of the two-word compounds a text may write with a space ("start ups",
"week end"), but for those of function words only ("bien être" may be "may well be")."""


@lru_cache(maxsize=1 << 12)
def spaced_compound(first: str, second: str) -> str | None:
    """Two folded words glued as the compound they spell with a space for its hyphen ("start
    ups": "startups", "plates formes": "plateforme"), or None. A post writes "start ups" as
    a member does: read word by word, its "start" was English "début" and never met a
    question's "startups"."""
    if first not in SPACED_FIRSTS:
        return None
    if first + second in COMPOUNDS:
        return first + second
    singular = "".join(part[:-1] if len(part) > 2 and part[-1] in "sx" else part
                       for part in (first, second))
    return singular if singular in COMPOUNDS else None


def spaced_joined(tokens: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Folded tokens with each two-word compound typed with a space glued
    (`spaced_compound`), as `corpus.fold_chunk` glues a post's."""
    if not any(token in SPACED_FIRSTS for token, _ in tokens[:-1]):
        return tokens
    joined: list[tuple[str, bool]] = []
    position = 0
    while position < len(tokens):
        token, capital = tokens[position]
        if position + 1 < len(tokens) and (
                glued := spaced_compound(token, tokens[position + 1][0])) is not None:
            joined.append((glued, capital))
            position += 2
            continue
        joined.append((token, capital))
        position += 1
    return joined


@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A deliberately crude stem: singular, masculine, infinitive ending off, then the first
    six letters.

    Truncation works for both French and English derivations (collaboration /
    collaborative / collaborate -> "collab") without a language-specific stemmer, and the
    plural and feminine rules make short words meet their base form ("innées" and "inné"
    both give "inne"); a noun of action is cut where its verb's stem ends (`verb_base`). A
    French verb's forms and nouns end in "-e" where its infinitive ends in "-er" ("choque" /
    "choquer", "coût" / "coûter", "change" / "changer"): both endings go, or a verb of at
    most seven letters would keep its "r" or "er" and never meet its other forms. (A longer
    word loses them to the truncation anyway.) A word whose first six letters begin a word
    of another meaning is cut at its own, longer root instead ("personnel", "ordinateur":
    `own_roots`). Memoised per word: the verdict stems the question's words again.
    """
    if word in COMPOUNDS:
        return word
    if len(word) > 4 and word[-1] in "sx" and word[-2] != "s":
        word = word[:-1]
        if word in COMPOUNDS:
            return word
    if (root := own_root(word)) is not None:
        return root
    if (base := verb_base(word)) is not word:
        return base[:STEM_LENGTH]
    if len(word) > 4 and word.endswith("er"):
        word = word[:-2]
    elif len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word[:STEM_LENGTH]
