"""What a question asks about the text rather than a thing the posts lack, through the real
router on the shipped knowledge: what something is seen as ("seen as a cost"), what it has
already brought up ("ces dérives")."""

import pytest

from sbbot.language.cues import question_cues
from sbbot.router import Router


@pytest.mark.parametrize(("question", "cues"), [
    ("le salarié est vu comme un coût selon duperrin ?", set()),
    ("are employees just treated as a cost by companies?", set()),
    ("so employees r just a cost??", set()),
    ("is there a cost?", {"price"}),
    ("y a-t-il un coût pour la matinée ?", {"price"}),
    ("what does it cost to attend as a guest?", {"price"}),
    ("le salarié est-il un coût pour l'entreprise ?", set()),
    ("selon duperrin le salarié est un coût ?", set()),
    ("c'est un coût ?", {"price"}),
    ("is it a cost?", {"price"}),
    ("la matinée a un coût ?", {"price"}),
])
def test_what_something_is_seen_as_is_no_price_asked(question: str, cues: set[str]) -> None:
    assert question_cues(question) == cues


def test_what_something_is_seen_as_is_answered(router: Router, bare: Router) -> None:
    """Duperrin's passage says companies see staff as a cost: asked so, it answers, with or
    without hints; a passage lacking the cost it is asked about earns no answer."""
    for question in ("does duperrin say staff are seen as a cost?",
                     "le salarié est vu comme un coût selon duperrin ?",
                     "Le salarié est-il un coût pour l’entreprise selon Bertrand Duperrin ?"):
        for each in (router, bare):
            result = each.route(question)
            assert result.verdict == "answer" and result.best is not None, question
            assert "coût" in result.best.entry.text, question
    result = bare.route("so employees r just seen as a cost??")
    assert result.verdict != "answer" or (
        result.best is not None and "coût" in result.best.entry.text)


def test_a_noun_after_a_demonstrative_is_no_new_thing(router: Router, bare: Router) -> None:
    """"Face à ces dérives" labels what the post has brought up (surveillance, opacity): the
    posts need not write "dérives" for the passage saying the author stays optimistic to
    answer; asked for a fact, such a noun still counts ("combien coûte ce forfait ?")."""
    for each in (router, bare):
        result = each.route("L'auteur reste-t-il optimiste face à ces dérives ?")
        assert result.verdict == "answer" and result.best is not None
        assert "optimiste" in result.best.entry.text
        assert each.route("combien coûte ce forfait ?").verdict != "answer"


@pytest.mark.parametrize(("question", "asked"), [
    ("sur quelle chaîne passe le match ?", True),
    ("which channel is the match on?", True),
    ("quelle chaîne d'approvisionnement est citée à côté de la finance ?", False),
])
def test_a_channel_asked_for_is_a_broadcast(router: Router, question: str, asked: bool) -> None:
    """"Quelle chaîne ?" asks for a broadcast channel, which the passage naming a "chaîne
    d'approvisionnement" does not give; "quelle chaîne de ..." names a chain, which it
    does."""
    assert ("source" in question_cues(question)) == asked
    assert (router.route(question).verdict == "answer") != asked


@pytest.mark.parametrize(("question", "cues"), [
    ("Quel reproche Gilles Babinet adresse-t-il aux dirigeants ?", set()),
    ("babinet il adresse quoi comme reproche a nos dirigeants ?", set()),
    ("quels reproches on adresse aux élites ?", set()),
    ("c quoi l'adresse de gilles babinet ?", {"place"}),
    ("jane mcconnell elle a quelle adresse à genève ?", {"place"}),
    ("l'adresse elle est où ?", {"place"}),
    ("leur adresse c'est quoi ?", {"place"}),
])
def test_adresser_the_verb_asks_no_address(question: str, cues: set[str]) -> None:
    assert question_cues(question) == cues


def test_a_reproach_addressed_is_answered(router: Router, bare: Router) -> None:
    """The passage quoting Babinet's « reproche » answers what he "adresse" to the leaders:
    the verb asks for no address, which the passage would have to give."""
    for each in (router, bare):
        result = each.route("Quel reproche Gilles Babinet adresse-t-il aux dirigeants ?")
        assert result.verdict == "answer" and result.best is not None
        assert "reproche" in result.best.entry.text
