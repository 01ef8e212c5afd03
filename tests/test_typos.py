"""Typo correction's candidates: the known words of each typo length, listed when a typo of
that length is first met (`router.typos.TypoChoices`), correct whatever the order of the
lengths met, and kept with a snapshot."""

from __future__ import annotations

import pickle

from sbbot.router.typos import TypoChoices, nearest_known

WORDS = ("social", "sociale", "collaboration", "cooperation", "reseau", "reseaux", "bouygues")


def test_a_typo_meets_the_known_word_of_a_near_length() -> None:
    choices = TypoChoices(WORDS)
    assert nearest_known("socail", choices) == ("social", 83.33333333333334)
    found = nearest_known("colaboration", choices)
    assert found is not None and found[0] == "collaboration"
    assert nearest_known("xyzzyq", choices) is None


def test_lengths_are_listed_when_met_and_give_what_listing_all_at_once_gives() -> None:
    lazy, eager = TypoChoices(WORDS), TypoChoices(WORDS)
    lengths = range(1, 2 * max(map(len, WORDS)) + 3)
    for length in lengths:
        eager.get(length, 0, "s")
    assert lazy.get(6, 0, "s") == eager.get(6, 0, "s") == ["social", "sociale"]
    for length in reversed(lengths):  # another order: the same lists
        for position in (0, 1, -1):
            for letter in "sbcrx":
                assert lazy.get(length, position, letter) == eager.get(length, position, letter)
    assert lazy.get(40, 0, "s") == ()


def test_the_choices_survive_a_snapshot() -> None:
    choices = TypoChoices(WORDS)
    choices.get(6, 0, "s")
    copy = pickle.loads(pickle.dumps(choices))
    assert copy.get(8, 0, "b") == choices.get(8, 0, "b") == ["bouygues"]
    assert nearest_known("socail", copy) == nearest_known("socail", choices)
