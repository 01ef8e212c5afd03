"""The rules of the general French near-synonym table (`data/fr-synonyms.txt`, see its
header), checked on the file itself where a machine can check them: the router picks the
first synonym the knowledge has, so a line that chains two senses, or that maps a word onto
its own index term, is a wrong answer or a dead line waiting for a post that triggers it."""

from __future__ import annotations

from collections import Counter, defaultdict

from sbbot.language.lemmas import lemma
from sbbot.language.lexicon import data_lines, synonyms
from sbbot.language.wordforms import stem
from sbbot.text import fold

LINES = data_lines("fr-synonyms.txt")
GROUPS = [frozenset(fold(word.strip()) for word in head.split(","))
          for head, targets in LINES if not targets]


def term(word: str) -> str:
    """The router's term of a French word: its lemma's stem. (A casual word's standard
    form, "boulot": travail, is the casual table's business.)"""
    return stem(lemma(fold(word.strip()), "fr"))


def test_no_line_is_written_twice() -> None:
    written = Counter(f"{head}:{targets}" for head, targets in LINES)
    assert [line for line, count in written.items() if count > 1] == []


def test_no_sense_maps_a_word_onto_its_own_index_term() -> None:
    # The router drops a synonym on the word's own term ("règlement" / "réglementation"
    # share "reglem"): such a line is dead, and says the author misread the stem.
    dead = []
    for head, targets in LINES:
        if targets:
            own = term(head)
            dead += [f"{head}: {word}" for word in targets.split(",") if term(word) == own]
        else:
            terms = [term(word) for word in head.split(",")]
            if len(set(terms)) < len(terms):
                dead.append(head)
    assert dead == []


def test_a_word_stands_in_one_group_and_its_other_senses_are_one_way() -> None:
    # "parcours" in "itinéraire, parcours" and in "cursus, parcours" made a question about
    # a career path meet an itinerary; two lines of one sense must be one group (a line
    # repeating part of a group is harmless), other senses one-way lines ("cursus: parcours").
    holding: defaultdict[str, list[frozenset[str]]] = defaultdict(list)
    for group in GROUPS:
        for word in group:
            holding[word].append(group)
    chained = {word: sorted(sorted(group) for group in groups)
               for word, groups in holding.items()
               if frozenset().union(*groups) not in groups}
    assert chained == {}


def test_no_synonym_reaches_an_unrelated_word_through_its_stem() -> None:
    # The router matches a synonym by its stem: "entreposer" would take "stocker" to
    # "entreprise", "livrer" "acheminer" to "livre", "nouveauté" "innovation" to every
    # "nouveau"; and "reporter" is mostly the verb (to postpone), not a journalist.
    for word, unrelated in (("stocker", "entreprise"), ("acheminer", "livre"),
                            ("innovation", "nouveau"), ("solidarité", "entraîner"),
                            ("obliger", "contrat"), ("polémique", "contrôle"),
                            ("enseigner", "instrument"), ("reporter", "journaliste"),
                            ("engager", "recruter"), ("améliorer", "optimisme")):
        folded = fold(word)
        reached = {term(other) for form in {folded, lemma(folded, "fr")}
                   for other in synonyms(form)}
        assert term(unrelated) not in reached, word
