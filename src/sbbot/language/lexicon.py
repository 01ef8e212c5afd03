"""General word lists: English -> French (`data/en-fr.txt`), casual French -> standard
French (`data/fr-casual.txt`) and French near-synonyms (`data/fr-synonyms.txt`). Each file's
header states its source and licence.

The English lexicon also holds expressions of several words ("sign up", "lessons learned"):
their meaning is not that of their words one by one, so they are translated whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import TypeVar

from sbbot.language.frequency import zipf
from sbbot.language.lemma_table import table
from sbbot.language.lemmas import first_group_infinitive, known_form, lemma
from sbbot.language.spelling import Spellings, nearest_spelling, spelling_index
from sbbot.text import PLACEHOLDERS, STOPWORDS, fold

T = TypeVar("T")
Phrase = tuple[tuple[str, ...], ...]
"""An expression's French translations, most usual first, each a tuple of folded words."""
MAX_PHRASE = 4
"""The longest expression, in words."""
OBJECT_PRONOUNS = frozenset("it them him her me us you this that".split())
"""Pronouns English puts between a phrasal verb and its particle ("give it away", "hand
them over", "set it up"): the expression is still read whole."""
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
ADVERB = re.compile(r".{3,}(al|ous|ive|ful|ent|ant|ate)ly")
"""An English adverb made on an adjective by one of the suffixes that keep its meaning
("rationally", "anxiously", "creatively", "consistently"; "-ically", "-ably" and "-ibly"
are read apart): French makes its adverb on the adjective's stem ("systématiquement"),
which the index term holds. Not "-ly" after any word: "lively" is not "live", "kindly" not
"kind" (a sort), "orderly" not "order"."""
SIBILANT_PLURAL = re.compile(r".{2,}(s|x|z|ch|sh)es")
"""A plural in "-es" that English writes only after a sibilant ("bunches", "boxes"): any
other "-es" is "-e" + "s" ("webinars" aside, "Angeles" is no plural of "angel")."""


@cache
def data_lines(name: str) -> tuple[tuple[str, str], ...]:
    """(word or expression, its comma-separated translations) of a data file, read once:
    `en-fr.txt` serves both the lexicon and `written_in_words`, `fr-casual.txt` both
    `casual_to_standard` and `casual_as_written`."""
    text = files("sbbot.language").joinpath("data", name).read_text(encoding="utf-8")
    return tuple((word.strip(), targets) for line in text.splitlines()
                 if line.strip() and not line.startswith("#")
                 for word, _, targets in [line.partition(":")])


def read_pairs(name: str, readable: bool = False) -> dict[str, tuple[str, ...]]:
    """Folded word -> folded French lemmas, most usual first (single words only). A
    hyphenated compound ("rendez-vous", "week-end") is one French word: it stays, folded
    into its parts ("rendez vous"), which the router reads as a French text's (see
    `compound`); a translation of several words ("mot de passe") serves only expressions.
    With `readable`, only the translations that read as their own meaning
    (`readable_sense`)."""
    pairs: dict[str, tuple[str, ...]] = {}
    for word, targets in data_lines(name):
        if " " in word:
            continue
        lemmas = tuple(dict.fromkeys(
            folded if compound(target) else lemma(folded, "fr")
            for target in targets.split(",")
            if (folded := fold(target)) and (" " not in folded or compound(target))
            and (not readable or compound(target) or readable_sense(target, folded))))
        if lemmas:
            pairs.setdefault(fold(word), lemmas)
    return pairs


def readable_sense(target: str, folded: str) -> bool:
    """Whether a one-word French translation, as written, reads as its own meaning. Not when
    folding or the lemma table turns it into a stopword that is another word: the index
    drops the post's "été", "sûr" or "thé" as the stopwords "ete", "sur", "the", and reads
    its lemma "être" only in forms of that verb ("étant"), so "été" (summer) and "est"
    (east) as "être", "fait" (fact) as "faire", "thèse" as "these", are noise, or evidence
    for a passage of another meaning; nor when a stopword's lemma is a content word of
    another meaning ("près" as "pré", "après" as "âpre", "dû" as "devoir"). A placeholder
    noun stays ("chose", "truc": see `naming.placeholder`), and so does a translation that
    is a stopword as it is written ("faire" for "do", "parler" for "talk"): the index meets
    its other forms ("faisons", "parlé"), and dropping "faire" cost two confident wrong
    answers. `folded` is `fold(target)`, which the callers have (folding it again was a
    sixth of the lexicon's reading at start-up)."""
    read = lemma(folded, "fr")
    if folded in PLACEHOLDERS or not (folded in STOPWORDS or read in STOPWORDS):
        return True
    return read == folded == target.strip().lower()


def compound(target: str) -> bool:
    """Whether a translation is one hyphenated French word ("rendez-vous", "main-d'œuvre"),
    not several words."""
    written = target.strip()
    return "-" in written and " " not in written


@cache
def english_to_french() -> dict[str, tuple[str, ...]]:
    return read_pairs("en-fr.txt", readable=True)


@cache
def english_phrases() -> dict[tuple[str, ...], Phrase]:
    """English expression (its words' folded English lemmas) -> its French translations,
    those of one word only when they read as their own meaning (`readable_sense`); an
    expression left with none is no expression ("hard fact": faits), its words read one
    by one."""
    phrases: dict[tuple[str, ...], Phrase] = {}
    for words, targets in data_lines("en-fr.txt"):
        if " " in words:
            key = tuple(lemma(word, "en") for word in fold(words).split())
            french = tuple(tuple(folded.split()) for target in targets.split(",")
                           if (folded := fold(target))
                           and (" " in folded or readable_sense(target, folded)))
            if french or not targets.strip():
                phrases.setdefault(key, french)
    return phrases


@cache
def phrase_starts() -> frozenset[str]:
    """The folded words whose English lemma begins an expression: most words start none, and
    need no look-up of their lemma nor of the words after them. (A word is its own lemma
    when the table has none.)"""
    firsts = frozenset(words[0] for words in english_phrases())
    lemmas = table("en")
    return frozenset({form for form, found in lemmas.items() if found in firsts}
                     | {word for word in firsts if word not in lemmas})


def phrase_at(tokens: Sequence[str], position: int) -> tuple[int, Phrase] | None:
    """The longest English expression of the folded tokens that starts at that position:
    how many tokens it spans and its French translations (none for an expression that only
    links words, "according to"). A phrasal verb is read whole with an object pronoun
    between its verb and its particle, where English puts it ("give it away": divulguer,
    not "give" alone)."""
    if tokens[position] not in phrase_starts():
        return None
    phrases = english_phrases()
    words = [lemma(token, "en") for token in tokens[position:position + MAX_PHRASE]]
    for length in range(len(words), 1, -1):
        found = phrases.get(tuple(words[:length]))
        if found is not None:
            return length, found
    if len(words) > 2 and tokens[position + 1] in OBJECT_PRONOUNS:
        found = phrases.get((words[0], words[2]))
        if found is not None:
            return 3, found
    return None


@cache
def casual_to_standard() -> dict[str, tuple[str, ...]]:
    return read_pairs("fr-casual.txt")


@cache
def spelling_choices() -> Spellings:
    """The lexicon's English words, indexed for `nearest_spelling`."""
    return spelling_index(english_to_french())


def english_spelling(word: str, cutoff: float) -> str | None:
    """The lexicon's English word nearest a misspelt folded word ("socail": social), when
    rapidfuzz's ratio reaches the cutoff; None otherwise."""
    return nearest_spelling(word, spelling_choices(), cutoff)


@cache
def respelling_choices() -> Spellings:
    """The English words a misspelt English word of a question is read as: the function
    words (stopwords more usual in English than in French). A misspelt content word keeps
    its own reading (`Analyzer._english_terms`: itself, then the translations of the
    lexicon's word nearest it)."""
    return spelling_index({word for word in STOPWORDS
                           if len(word) > 2 and zipf(word, "en") > zipf(word, "fr")})


def english_respelling(word: str, cutoff: float) -> str | None:
    """The English function word (`respelling_choices`) nearest a misspelt folded word
    ("actualy": actually, "realy": really), when rapidfuzz's ratio reaches the cutoff."""
    return nearest_spelling(word, respelling_choices(), cutoff)


def regular_bases(word: str) -> list[str]:
    """The words a folded English word would be a regular inflection of, most likely first:
    an adverb's adjective (see `ADVERB`); a plural or third person in -s, -es, -ies; a past
    in -ed, -d, -ied; an -ing form, with the final "e" or the doubled consonant English drops
    or adds ("deploys", "webinars",
    "collaborated", "planning", "sharing"). The lemma table, drawn from simplemma's
    dictionary, lacks many of these for words it holds rarer forms of."""
    bases: list[str] = []
    if word.endswith("ically"):  # "systematic" or "logical"
        bases.extend((word[:-4], word[:-2]))
    elif word.endswith(("ably", "ibly")):  # "reasonable", "possible"
        bases.append(word[:-1] + "e")
    elif ADVERB.fullmatch(word):
        bases.append(word[:-2])
    if word.endswith("ies") or word.endswith("ied"):
        bases.append(word[:-3] + "y")
    if SIBILANT_PLURAL.fullmatch(word):
        bases.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        bases.append(word[:-1])
    for ending in ("ed", "ing"):
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            bases.append(stem + "e")
            if stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                bases.append(stem[:-1])
            bases.append(stem)
    return bases


def translations(word: str) -> tuple[str, ...]:
    """French lemmas for a folded English word, its lemma or the word it regularly inflects
    (see `regular_bases`); empty when the lexicon has none. A hyphenated compound is its
    folded parts ("week end"). An ordinal written with digits
    ("4th", "21st") is its number: French writes the day of a date as a cardinal ("le 4
    avril")."""
    if ORDINAL.fullmatch(word):
        return (word.rstrip("stndrh"),)
    return looked_up(english_to_french(), word) or ()


def looked_up(lexicon: dict[str, T], word: str) -> T | None:
    """A folded English word's line of a lexicon: the word's, its lemma's, or that of the
    word it regularly inflects (see `regular_bases`)."""
    found = lexicon.get(word)
    if found is None:
        found = lexicon.get(lemma(word, "en"))
    if found is None:
        found = next((lexicon[base] for base in regular_bases(word)
                      if len(base) >= 3 and base in lexicon), None)
    return found


@cache
def written_in_words() -> dict[str, str]:
    """Folded English word -> its first translation, folded, when that is several French
    words, not one hyphenated word ("password": "mot de passe", "workstation": "poste de
    travail"). Its words are its meaning only where a text writes them together
    (`router/together.py`): `read_pairs` keeps none of them."""
    found: dict[str, str] = {}
    for word, targets in data_lines("en-fr.txt"):
        first = targets.split(",")[0]
        if " " not in word and " " in (folded := fold(first)) and not compound(first):
            found.setdefault(fold(word), folded)
    return found


def in_words(word: str) -> str | None:
    """The first translation of a folded English word (or its lemma, or the word it
    inflects) when French writes it in several words (`written_in_words`)."""
    return looked_up(written_in_words(), word)


@cache
def french_synonyms() -> dict[str, tuple[str, ...]]:
    """Folded French word -> its near-synonyms (folded), in the file's order.

    A line "a, b, c" is a group of words of one meaning: each reaches the others. A line
    "a: b, c" is one way: "a" means "b" or "c", but they do not all mean "a" (a casual or
    more specific word, or one with other senses: "personnel" is also "personal"). A word
    may stand on several lines, one per sense; expressions of several words are left out,
    as the index holds words. Each word stands as written and as its lemma: the lemma
    table is not always consistent ("salariés" gives "salarié", "salarié" gives
    "salarier"), and the question's word and the knowledge's may take either.
    """
    reached: dict[str, dict[str, None]] = {}
    text = files("sbbot.language").joinpath("data", "fr-synonyms.txt").read_text(
        encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, colon, rest = line.partition(":")
        sources = french_forms(head)
        targets = french_forms(rest) if colon else sources
        for source in sources:
            own = forms_of(source)
            reached.setdefault(source, {}).update(
                dict.fromkeys(target for target in targets if target not in own))
    return {word: tuple(targets) for word, targets in reached.items() if targets}


def forms_of(word: str) -> tuple[str, ...]:
    """A folded French word and its lemma."""
    return tuple(dict.fromkeys((word, lemma(word, "fr"))))


def french_forms(words: str) -> list[str]:
    """The folded forms and lemmas of a comma-separated list of French words (one-word
    items only)."""
    return list(dict.fromkeys(form for item in words.split(",")
                              if (folded := fold(item.strip())) and " " not in folded
                              for form in forms_of(folded)))


def synonyms(word: str) -> tuple[str, ...]:
    """The near-synonyms (folded, each as written and as its lemma) of a folded French word
    or lemma; empty when it has none."""
    return french_synonyms().get(word, ())


def standard(word: str) -> str | None:
    """The standard French lemma of a folded casual or abbreviated word, if it is one (a
    hyphenated compound as its folded parts: "aprem" is "apres midi")."""
    found = casual_to_standard().get(word)
    if found is None and (infinitive := first_group_infinitive(word)) is not None:
        # a form of a casual verb the table lists by its infinitive ("bossait", "kiffaient")
        found = casual_to_standard().get(infinitive) if not known_form(word) else None
    return found[0] if found else None


@cache
def casual_as_written() -> dict[str, str]:
    """Folded casual or abbreviated word -> its first standard word as the file writes it,
    folded but not lemmatised (see `written_standard`)."""
    return {fold(word): fold(targets.split(",")[0]) for word, targets
            in data_lines("fr-casual.txt") if " " not in word}


def written_standard(word: str) -> str | None:
    """The standard word a folded casual word stands for, as the casual table writes it
    ("secu": sécurité, "bouquin": livre), not its lemma: the corpus glossary's variants are
    words as members type them, so a casual word meets the glossary through the word it
    stands for, never through a lemma the lemma table gives that written word as another
    word's form ("livre" read as the verb "livrer", which a glossary may gloss as
    "divulguer")."""
    return casual_as_written().get(word)
