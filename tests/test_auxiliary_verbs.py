"""The other forms of the French verbs whose usual forms are stopwords ("voulaient",
"devraient", "faisant"): no topic, as "veut" and "faut" are none (`auxiliaries.AUXILIARY_VERBS`)."""

from __future__ import annotations

from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.router.query import Analyzer
from tests.conftest import KNOWLEDGE_DIR


def test_every_form_of_a_stopword_verb_is_a_stopword_but_its_noun() -> None:
    analyzer = Analyzer({})
    words = [word.word for word in analyzer.word_terms(
        "ils voulaient, devraient, pouvaient, faisant, parlait, disaient, fallait, les dirigeants")]
    assert words == ["dirigeants"]
    words = [word.word for word in analyzer.word_terms("le pouvoir des élites, les devoirs")]
    assert words == ["pouvoir", "elites", "devoirs"]


def test_a_verb_form_no_longer_outweighs_the_question_s_topic() -> None:
    # "voulaient" met the registration line ("si voulez des croissants"), which the posts'
    # other passages never write
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    result = router.route("et si les dirigeants voulaient garder le numérique pour eux ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "monde-accaparer"


def test_venir_before_another_verb_says_nothing_of_the_topic() -> None:
    """"epelboin il vient faire quoi dans l'histoire": "vient" leads "faire", so the passage
    on Fabrice Epelboin's part in the debate answers, though it never writes "venir"."""
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    result = router.route("epelboin il vient faire quoi dans l'histoire")
    assert result.verdict == "answer"
    assert result.best is not None and "Epelboin" in result.best.entry.text
    words = [word.word for word in Analyzer({}).word_terms("il viendra témoigner")]
    assert words == ["temoigner"]
