"""Splitting long replies: size, whole words, and markdown that still renders in every part."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from sbbot.adapters.split import split_message
from tests.split_reference import scan
from tests.split_reference import split_message as reference_split

MARKUP = re.compile(r"[*_~|`]")


def words(text: str) -> list[str]:
    """The words a reader sees, markup aside."""
    return MARKUP.sub("", text).split()


def final_markup(text: str) -> tuple[str, ...]:
    state = scan(text)[-1]
    assert state is not None
    return state


def test_short_text_is_one_part_unchanged() -> None:
    assert split_message("  Bonjour **à tous** !\n", 2000) == ["Bonjour **à tous** !"]
    assert split_message(" \n ", 2000) == []


def test_long_text_is_cut_between_words_under_the_limit() -> None:
    text = " ".join(f"mot{number}" for number in range(600))
    parts = split_message(text, 2000)
    assert len(parts) == 3
    assert all(len(part) <= 2000 for part in parts)
    assert " ".join(parts) == text


def test_cut_prefers_a_paragraph_break() -> None:
    first = "Premier paragraphe " * 40
    text = first.strip() + "\n\n" + "Second paragraphe " * 80
    parts = split_message(text, 2000)
    assert parts[0] == first.strip()


def test_open_code_fence_is_closed_and_reopened_with_its_language() -> None:
    code = "\n".join(f"    ligne_{number} = {number}" for number in range(150))
    parts = split_message(f"Voici le code :\n```python\n{code}\n```\nFin.", 2000)
    assert len(parts) == 2
    assert parts[0].endswith("\n```")
    assert parts[1].startswith("```python\n    ligne_")
    assert all(final_markup(part) == () for part in parts)


def test_bold_spanning_the_cut_is_closed_and_reopened() -> None:
    parts = split_message("**" + "très important " * 200 + "**", 2000)
    assert len(parts) == 2
    assert parts[0].startswith("**") and parts[0].endswith("**")
    assert parts[1].startswith("**") and parts[1].endswith("**")


def test_a_word_longer_than_the_limit_is_cut_as_a_last_resort() -> None:
    url = "https://exemple.org/" + "a" * 3000
    parts = split_message(url, 2000)
    assert "".join(parts) == url
    assert all(len(part) <= 2000 for part in parts)


def test_limit_below_the_markup_margin_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        split_message("texte", 10)


TOKENS = st.sampled_from(["**", "__", "~~", "||", "`", "```", "\n", "\n\n", " "])
WORDS = st.builds("{} ".format,
                  st.text(alphabet="abcdéèàçXYZ0123456789'?!.,", min_size=1, max_size=15))


@settings(max_examples=300, deadline=None)
@example(pieces=["0 0 000 0000 00000000000 **0 0 0000 0000 ", "0" * 15 + " ", "0" * 15 + " ",
                 "`00 ", "```0 "], limit=80)  # inline code reopened before a fence
@given(pieces=st.lists(st.one_of(WORDS, TOKENS), max_size=400),
       limit=st.integers(min_value=80, max_value=400))
def test_parts_fit_keep_every_word_and_balance_markup(pieces: list[str], limit: int) -> None:
    text = "".join(pieces)
    assume(all(len(run) <= limit // 3 for run in text.split()))  # else a word must be cut
    parts = split_message(text, limit)
    assert all(0 < len(part) <= limit for part in parts)
    assert words(" ".join(parts)) == words(text)
    for part in parts[:-1]:
        assert final_markup(part) == ()
    if parts:
        assert final_markup(parts[-1]) == final_markup(text.strip())


PIECES = st.one_of(
    WORDS, TOKENS,
    st.sampled_from(["\\", "\\*", "*", "_", "~", "|", "```py\n", "```c++ \n", "````", "\t",
                     "\u00a0", "\u2028", "\x1c", "  \n", "x" * 40]),
    st.text(max_size=4))


@settings(max_examples=1500, deadline=None)
@example(pieces=["0 0 000 0000 00000000000 **0 0 0000 0000 ", "0" * 15 + " ", "0" * 15 + " ",
                 "`00 ", "```0 "], limit=80)
@example(pieces=["```python\n", "x = 1\n" * 40, "```", " fin " * 30], limit=80)
@example(pieces=["**", "a" * 200, " *b*" * 30], limit=80)
@example(pieces=["`", "a " * 50, "`", " b" * 60, "``"], limit=80)  # inline code only
@given(pieces=st.lists(PIECES, max_size=300), limit=st.integers(min_value=80, max_value=300))
def test_the_linear_splitter_cuts_where_the_reference_does(pieces: list[str],
                                                           limit: int) -> None:
    text = "".join(pieces)
    assert split_message(text, limit) == reference_split(text, limit)


@pytest.mark.parametrize("text", [
    "*_`~|" * 2000, "**" * 5000, "\\" * 9999, "` " * 5000, "```" * 3333, "```py\n" * 2000,
    "> a\n" * 2500, "qui est là ? " * 800, "**gras** " * 1000, "\u200b" * 10_000])
@pytest.mark.parametrize("limit", [80, 2000])
def test_the_linear_splitter_agrees_on_long_pathological_input(text: str, limit: int) -> None:
    assert split_message(text, limit) == reference_split(text, limit)
