"""General word lists: English -> French (`data/en-fr.txt`) and casual French -> standard
French (`data/fr-casual.txt`). Each file's header states its source and licence."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from sbbot.language.lemmas import lemma
from sbbot.text import fold


def read_pairs(name: str) -> dict[str, tuple[str, ...]]:
    """Folded word -> folded French lemmas, most usual first (single words only)."""
    text = files("sbbot.language").joinpath("data", name).read_text(encoding="utf-8")
    pairs: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, targets = line.partition(":")
        lemmas = tuple(dict.fromkeys(
            lemma(folded, "fr") for target in targets.split(",")
            if (folded := fold(target)) and " " not in folded))
        if lemmas:
            pairs.setdefault(fold(word), lemmas)
    return pairs


@cache
def english_to_french() -> dict[str, tuple[str, ...]]:
    return read_pairs("en-fr.txt")


@cache
def casual_to_standard() -> dict[str, tuple[str, ...]]:
    return read_pairs("fr-casual.txt")


def translations(word: str) -> tuple[str, ...]:
    """French lemmas for a folded English word or its lemma; empty when the lexicon has none."""
    lexicon = english_to_french()
    found = lexicon.get(word)
    if found is None:
        found = lexicon.get(lemma(word, "en"), ())
    return found


def standard(word: str) -> str | None:
    """The standard French lemma of a folded casual or abbreviated word, if it is one."""
    found = casual_to_standard().get(word)
    return found[0] if found else None
