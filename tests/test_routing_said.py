"""What a question points at inside a passage, through the real router on the shipped
knowledge: what someone named says of a topic is said where they are named, not sentences
away; an item asked for by its number is the item numbered so."""

import pytest

from sbbot.router import Router


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


@pytest.mark.parametrize("question", [
    "the 10 reasons deck, what's reason number 7 exactly?",
    "in the ten reasons presentation, what is reason number 4?",
    "the 10 reasons slides, whats reason #2",
])
def test_an_item_asked_by_its_number_is_not_answered_by_a_text_without_it(
        router: Router, question: str) -> None:
    """The passage introducing the presentation of ten reasons gives none of them: asked
    for a reason by its number, the bot offers topics instead of answering with it."""
    assert router.route(question).verdict != "answer", question


def test_an_item_asked_by_its_number_is_answered_by_the_text_numbering_it(
        router: Router) -> None:
    result = router.route("raison numéro 5")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.text.startswith("Raison n°5")


def test_a_book_asked_for_is_given_by_a_title_its_author_is_named_before(
        router: Router, bare: Router) -> None:
    """The passage naming Gilles Babinet "auteur de « L'Ere Numérique ... » (Editions Le
    Passeur)" gives his book though it never writes "livre"; it says nothing of other books
    he wrote."""
    for routing in (router, bare):
        for question in ("What book did Gilles Babinet write?", "le livre de Gilles Babinet",
                         "c qui gilles babinet, il a ecrit un bouquin ?"):
            result = routing.route(question)
            assert result.verdict == "answer", question
            assert result.best is not None and "Editions Le Passeur" in result.best.entry.text
        assert routing.route("Gilles Babinet a écrit d'autres livres ?").verdict != "answer"
    # The noun after "quel" read through a near-synonym ("bouquin": livre) is held by the
    # title too, not a doubt, and scored as held ("book" as typed, alike).
    for question in ("babinet il a ecrit quel bouquin deja ?",
                     "what's the name of babinet's book"):
        result = bare.route(question)
        assert result.verdict == "answer", question
        assert result.best is not None and "Editions Le Passeur" in result.best.entry.text


def test_a_noun_before_between_names_a_relation_not_the_thing_asked(bare: Router) -> None:
    """"the diffrence between cooperating and collaborating" is about cooperation and
    collaboration: the misspelt noun before "between" (read as no known word) is no object
    the passage must hold, so the passage on Downes' distinction answers."""
    for question in ("what's the diffrence between cooperating and collaborating",
                     "whats the diference between cooperaton and collaboration"):
        result = bare.route(question)
        assert result.verdict == "answer", question
        assert result.best is not None and result.best.entry.id == "coop-downes-jarche"
