"""What someone named says or thinks of a topic, through the real router on the shipped
knowledge: said where they are named, not sentences away in the same passage."""

import pytest

from sbbot.evaluation import stripped
from sbbot.knowledge.model import Knowledge
from sbbot.router import Router


@pytest.fixture(scope="module")
def bare(knowledge: Knowledge) -> Router:
    """The router over the shipped knowledge without hints and glossary: a newly added post."""
    return stripped(knowledge, hints=False, glossary=False)


@pytest.mark.parametrize("question", [
    "what did jacques attali say about big data and angry birds",
    "que pense jacques attali de google maps ?",
    "what does jacques attali think of google maps",
])
def test_what_someone_says_of_a_topic_named_sentences_away_is_not_answered(
        router: Router, bare: Router, question: str) -> None:
    """The passage naming Angry Birds and Google Maps quotes Jacques Attali in its next
    sentence, on the tyranny of transparency: it does not say what he thinks of the apps."""
    for routing in (router, bare):
        assert routing.route(question).verdict != "answer", question


@pytest.mark.parametrize("question", [
    "Que dit Jacques Attali de la tyrannie de la transparence ?",  # after "celle de ... :"
    "que pense harold jarche de la coopération ?",  # a quote signed "Harold Jarche"
    "la citation de Duperrin dit quoi sur le client ?",  # signed "— Bertrand Duperrin (...)"
    "what does gilles babinet say about the elites",  # in the sentence naming him
])
def test_what_someone_says_where_the_passage_quotes_them_is_answered(
        bare: Router, question: str) -> None:
    assert bare.route(question).verdict == "answer", question
