"""What an event card gives of the whole event (its price, how to sign up) asked of one of
its parts, through the real router: a speaker, a speaker's company or their work is not
priced by the card's "Tarif : participation gratuite", which is the event's."""

import pytest

from sbbot.router import Router


@pytest.mark.parametrize("question", [
    "Quel est le tarif de Jane McConnell ?",
    "guillaume foltran il coûte combien ?",
    "what's Jane McConnell's fee?",
    "le retour d'expérience de Bouygues Telecom est payant ?",
    "faut s'inscrire pour lire l'analyse de Jane McConnell ?",
    "combien coûte une conférence de Jane McConnell ?",
    "how much is a conference with Guillaume Foltran?",
])
def test_a_price_or_registration_asked_of_a_speaker_is_not_the_events(
        router: Router, bare: Router, question: str) -> None:
    for routed in (router, bare):
        assert routed.route(question).verdict != "answer", question


@pytest.mark.parametrize("question", [
    "la matinée avec Jane McConnell est-elle gratuite ?",
    "c'est gratuit pour venir écouter Jane McConnell à Genève ?",
    "faut s'inscrire pour la matinée avec Jane McConnell ?",
    "how do I register for the morning with Jane McConnell?",
    "la conférence de Jane McConnell est gratuite ?",
    "is there a breakfast with Jane McConnell? is it free?",
])
def test_the_events_price_asked_with_a_speakers_name_is_answered(
        router: Router, bare: Router, question: str) -> None:
    """Named by a kind of gathering, or by a word of the card's name, date or place lines
    ("Genève", "morning" read as "matin"), the event is what the question prices; "a
    conference of ..." is any of theirs, unless the question says there is one."""
    for routed in (router, bare):
        result = routed.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


def test_a_price_asked_with_a_plural_adjective_is_a_price(router: Router) -> None:
    """"sont payants", "sont gratuites" ask a price as "est payant" does: the morning's card
    answers it of the morning, and a thing the posts never price is not answered."""
    result = router.route("les petits déjeuners à Genève sont payants ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"
    assert router.route("les applis comme Angry Birds sont gratuites ?").verdict != "answer"
