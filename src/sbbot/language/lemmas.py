"""Lemmas of folded French and English words, from the table derived from simplemma
(`lemma_table`).

French relational adjectives built on another stem than their noun ("scolaire", "urbain") are
read as that noun (`data/fr-relational.txt`), and words derived on another stem than their base
("lecture", "rapidité") as that base (`data/fr-derivations.txt`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from sbbot.language.frequency import zipf
from sbbot.language.lemma_table import Lang, table
from sbbot.text import fold


def lemma(word: str, lang: Lang) -> str:
    """The folded word's lemma in that language: the table's, else for a French verb form
    too rare for it its infinitive (`regular_infinitive`), else the word itself; a French
    ordinal written with digits is the ordinal word (`spelt_ordinal`)."""
    found = table(lang).get(word)
    if found is not None:
        return found
    if lang == "fr" and word[:1].isdigit():
        return spelt_ordinal(word) or word
    return (lang == "fr" and regular_infinitive(word)) or word


FRENCH_ORDINAL = re.compile(r"(\d+)(?:er|ere|re|e|eme|ieme|nd|nde)")
ORDINAL_WORDS = ("premier", "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme",
                 "septieme", "huitieme", "neuvieme", "dixieme")


def spelt_ordinal(word: str) -> str | None:
    """The ordinal word a folded French ordinal written with digits stands for ("1ère":
    premier, "2e", "2nd": deuxieme, "3ème": troisieme), up to the tenth; None otherwise.
    As a word of its own, no text held "1ère", and it counted against every answer as a
    thing the posts never name ("c quoi la 1ère étape pr réussir ces projets", of a passage
    on "une première étape"). Not its number, as English "3rd" is read: a French text numbers
    with cardinals many things besides the one asked ("le 3e graphique" met "Raison n°3",
    "la 2e matinée" a date's "2")."""
    found = FRENCH_ORDINAL.fullmatch(word)
    if found is None or not 1 <= (number := int(found.group(1))) <= len(ORDINAL_WORDS):
        return None
    return ORDINAL_WORDS[number - 1]


FIRST_GROUP_ENDINGS = ("eraient", "erions", "eriez", "erait", "erais", "erons", "eront",
                       "erez", "erai", "eras", "era", "aient", "ait", "ent", "ees", "ee")
"""Endings of a French verb in "-er" that other words seldom have: the imperfect and the
third person plural ("bossait", "tardent"), the future and the conditional ("réglera"),
the past participle in the feminine ("capturées"). Not "-e", "-es", "-ant", "-ions",
"-ais": nouns and adjectives end so ("sauce", "marchandes", "variant", "captions",
"palais")."""
MIN_VERB_ROOT = 3


@cache
def infinitives() -> frozenset[str]:
    """The French infinitives in "-er" the lemma table gives for some form."""
    return frozenset(found for found in table("fr").values() if found.endswith("er"))


def first_group_infinitive(word: str) -> str | None:
    """The infinitive in "-er" a folded French word would be a form of, by its ending
    (FIRST_GROUP_ENDINGS), whether or not that verb exists; None without such an ending.
    Asked of every word the lexicons lemmatise at start-up: one `endswith` of the whole
    tuple first settles most words at C speed."""
    if not word.endswith(FIRST_GROUP_ENDINGS):
        return None
    for ending in FIRST_GROUP_ENDINGS:
        if word.endswith(ending):
            root = word[:-len(ending)]
            return root + "er" if len(root) >= MIN_VERB_ROOT else None
    return None


def regular_infinitive(word: str) -> str | None:
    """The infinitive in "-er" of a folded French verb form the lemma table lacks, when the
    table knows that infinitive and the form is too rare for the word frequency lists (a
    noun or an adjective would be in them: "plongée", "ferment", "référent"). simplemma's
    table lacks many forms of casual verbs: "il bossait" stayed "bossait", which met
    neither "bosser" nor the "travailler" it stands for, and the question's verb was lost;
    six-letter stems meet the other forms of a longer verb anyway, not of "bosser",
    "tarder". None otherwise."""
    infinitive = first_group_infinitive(word)
    if infinitive is not None and infinitive in infinitives() and not known_form(word):
        return infinitive
    return None


def known_form(word: str) -> bool:
    """Whether the folded word is in the French word frequency list."""
    return zipf(word, "fr") > 0


def lemma_pairs(name: str) -> dict[str, str]:
    """The `word: word` lines of a French data file, both sides as folded lemmas."""
    text = files("sbbot.language").joinpath("data", name).read_text(encoding="utf-8")
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            left, _, right = line.partition(":")
            pairs[lemma(fold(left), "fr")] = lemma(fold(right), "fr")
    return pairs


@cache
def relational_nouns() -> dict[str, str]:
    """French relational adjective -> the noun it means "of" ("scolaire": ecole), from
    `data/fr-relational.txt`."""
    return lemma_pairs("fr-relational.txt")


def relational_noun(word: str) -> str:
    """The noun a folded French lemma means "of" when it is a relational adjective on
    another stem ("scolaire": ecole, "urbain": ville); the lemma itself otherwise."""
    return relational_nouns().get(word, word)


@cache
def derived_bases() -> dict[str, str]:
    """French word derived on another stem -> the word it is made from, both as folded
    lemmas ("lecture": lire, "opacite": opaque), from `data/fr-derivations.txt`."""
    return lemma_pairs("fr-derivations.txt")


def base_word(word: str) -> str:
    """The word a folded French lemma is read as: a relational adjective's noun
    (`relational_noun`: "scolaire", ecole), a derived word's base ("lecture": lire,
    `derived_bases`), else the lemma itself. The six-letter stems join neither pair. A
    feminine or plural the lemma table lacks is read as its masculine singular ("innées",
    "innée": inné, naître), as the stems read it."""
    for form in (word, *masculine_singulars(word)):
        if (found := derived_bases().get(form) or relational_nouns().get(form)) is not None:
            return found
    return word


def masculine_singulars(word: str) -> list[str]:
    """The folded French word without a feminine or plural ending, when the lemma table
    does not hold it (it gives the lemma of the forms it holds)."""
    if word in table("fr") or len(word) < 5:
        return []
    return [word[:-len(ending)] for ending in ("es", "e", "s", "x") if word.endswith(ending)]
