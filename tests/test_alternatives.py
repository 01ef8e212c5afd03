"""An English word's other usual translations, and a French word's near-synonyms, count
among the best entries (`router/alternatives.py`), through the real router."""

from __future__ import annotations

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.router import QueryTerm, Router
from sbbot.router.alternatives import alternatives_of, held


def passage(entry_id: str, text: str) -> Entry:
    return Entry(entry_id, "passage", text, "post", "https://example.org/post", Hints())


ENTRIES = [
    passage("equipe", "Chaque équipe choisit ses outils et ses horaires de réunion."),
    passage("collectif", "Le collectif gagne quand chacun partage ses découvertes et ses "
                         "atouts individuels."),
    passage("autre", "La surveillance des citoyens par les États inquiète."),
    passage("salaries", "Les salariés votent pour leurs représentants chaque année."),
    passage("employes", "Les organisations doivent accompagner leurs employés."),
]


def test_a_word_is_read_as_the_translation_its_best_entry_holds() -> None:
    router = Router(ENTRIES)
    terms = {term.word: term for term in router.query_terms("does the team share discoveries")}
    assert terms["team"].stem == "equip" and "collec" in terms["team"].alternatives
    judged = router.judge("does the team share discoveries", 3)
    assert judged is not None
    _, matches, evidence = judged
    assert [match.entry.id for match in matches[:2]] == ["collectif", "equipe"]
    assert evidence.score > 80  # "team" covered, at half weight, by "collectif"


def test_the_word_asked_for_is_held_only_in_its_usual_sense() -> None:
    asked = QueryTerm("equip", 1.0, "team", "asked", ("collec",))
    plain = QueryTerm("equip", 1.0, "team", "", ("collec",))
    alternatives = alternatives_of([asked], {"equip": 1.0}, ())
    assert held([asked], alternatives, lambda stem: stem == "collec") == [asked]
    assert held([plain], alternatives, lambda stem: stem == "collec")[0].stem == "collec"


def test_a_generic_term_or_another_words_term_is_no_alternative() -> None:
    terms = [QueryTerm("person", 1.0, "people", "", ("mond", "indivi")),
             QueryTerm("indivi", 1.0, "individual")]
    assert alternatives_of(terms, {"person": 1.0, "indivi": 1.0}, {"mond"}) == {}


def test_a_french_word_meets_the_passage_writing_its_near_synonym() -> None:
    # the knowledge holds "salariés", but the passage answering writes "employés"
    router = Router(ENTRIES)
    question = "comment accompagner les salariés ?"
    terms = {term.word: term for term in router.query_terms(question)}
    assert terms["salaries"].stem == "salari" and "employ" in terms["salaries"].alternatives
    judged = router.judge(question, 3)
    assert judged is not None
    assert judged[1][0].entry.id == "employes"
