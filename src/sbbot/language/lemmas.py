"""Lemmas of folded French and English words, from a table derived from simplemma.

`tools/build_lemmas.py` writes the table; see there why it is not simplemma itself (its
dictionaries take longer to load than the bot's whole start-up budget). French relational
adjectives built on another stem than their noun ("scolaire", "urbain") are read as that
noun (`data/fr-relational.txt`), and words derived on another stem than their base
("lecture", "rapidité") as that base (`data/fr-derivations.txt`).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files
from typing import Literal

from sbbot.text import fold

Lang = Literal["fr", "en"]


@cache
def table(lang: Lang) -> dict[str, str]:
    """Folded form -> folded lemma, for the forms whose lemma differs."""
    raw = files("sbbot.language").joinpath("data", f"lemmas-{lang}.txt.gz").read_bytes()
    forms, lemmas = gzip.decompress(raw).decode().split("\n\n")
    return dict(zip(forms.split("\n"), lemmas.split("\n"), strict=True))


def lemma(word: str, lang: Lang) -> str:
    """The folded word's lemma in that language; the word itself when the table has none."""
    return table(lang).get(word, word)


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
