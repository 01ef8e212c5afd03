"""Shared text tools for tables and patterns: a trie of words, folding many texts at once."""

from __future__ import annotations

import re

import pytest

from sbbot.language.asking import ROLE_NOUNS
from sbbot.language.word_regex import any_word
from sbbot.text import fold, fold_all


@pytest.mark.parametrize("words", [ROLE_NOUNS.split(), ["a", "ab", "abc"], ["mai", "mars",
                                                                           "march", "may"]])
def test_any_word_matches_exactly_its_words(words: list[str]) -> None:
    pattern = re.compile(any_word(words))
    assert all(pattern.fullmatch(word) for word in words)
    near = {word + "x" for word in words} | {word[:-1] for word in words if len(word) > 1}
    assert not [word for word in near - set(words) if pattern.fullmatch(word)]


def test_any_word_prefers_the_longer_word_as_a_plain_alternation_listing_it_first() -> None:
    found = re.match(any_word(["ab", "a", "abc"]), "abcd")
    assert found is not None and found[0] == "abc"
    assert re.search(rf"\b{any_word(['vice', 'vp'])}\b", "le VP dit", re.I) is not None


def test_fold_all_folds_each_text_as_fold_does() -> None:
    texts = ["Genève", "aujourd’hui", "Œuvre Æ", "", "naïve\0café", "ΣΑΣ", "a\nb", "déjà vu"]
    assert fold_all(texts) == [fold(text) for text in texts]
