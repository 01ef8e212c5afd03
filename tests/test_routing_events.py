"""Questions about an event and its card, through the real router on the shipped knowledge:
what the card holds (a gathering, what is planned, a time, whether the agenda is settled),
what it does not (its speakers' other doings, another date, a part's price), and when a tied
passage goes ahead of it."""


import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.language.asking import relative_to
from sbbot.language.cues import question_cues
from sbbot.router import Match, Router
from sbbot.router.verdict import (
    introducing_first,
)


def test_an_event_cards_speakers_are_not_who_does_what_another_line_names(
        bare: Router) -> None:
    # The card names its speakers on their lines, the croissants on its registration line.
    assert bare.route("who pays for the croissants at the geneva event").verdict != "answer"
    assert bare.route("Qui sont les intervenants de la matinée ?").verdict == "answer"


@pytest.mark.parametrize("question", ["De quoi va parler Jane McConnell à la matinée ?",
                                      "déroulé de la matinée de genve"])
def test_an_event_card_tied_with_a_passage_answers_a_question_naming_its_event(
        router: Router, question: str) -> None:
    # The invitation to discuss with her in Geneva, or to the breakfast, covers the same
    # words; the card holds her talk and the programme.
    result = router.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"


def test_a_word_for_a_gathering_is_no_foreign_word_where_there_is_an_event(
        bare: Router) -> None:
    # No passage says "conférence": the card is the gathering a member calls a "conf".
    result = bare.route(
        "c'est où la conf de jane mcconnell ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"


def test_a_word_for_a_gathering_counts_as_held_by_the_event_card(bare: Router) -> None:
    # The card says "matinée", never "rendez-vous": it is that gathering all the same, so
    # the word does not count against it; a next occurrence is another gathering.
    result = bare.route("le rendez vous a geneve ca commence a quelle heure")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"
    assert bare.route("la prochaine conf de jane mcconnell c'est quand ?").verdict != "answer"


def test_an_event_card_holds_what_is_planned(bare: Router) -> None:
    # A card is something planned, though it never writes "prévu"; a thing it never
    # names is still not planned by it.
    result = bare.route("un petit déjeuner est prévu à la matinée de Genève ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"
    assert bare.route("un parking est prévu pour la matinée ?").verdict != "answer"


def test_what_time_is_answered_by_the_passage_giving_a_time_without_the_word(
        bare: Router) -> None:
    result = bare.route(
        "at what time is breakfast served?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id in {"dw-accueil", "matinee-entreprise-de-demain-2014"}


def test_asking_when_something_starts_leaves_the_start_to_the_time_given(
        bare: Router) -> None:
    # "heure" of "quelle heure" only says that a time is asked, as "commence" that a start is.
    assert [term.word for term in bare.query_terms("la matinée commence a quelle heure")] == [
        "matinee"]
    assert "commence" in [term.word for term in bare.query_terms("la pédagogie commence tôt")]
    result = bare.route("la matinée commence a quelle heure")
    assert result.verdict == "answer" and result.best is not None
    assert "08:30" in result.best.entry.text


def test_a_date_asked_after_a_named_event_is_not_that_events_date(router: Router) -> None:
    """"the next meeting after the Geneva one" asks for another date than Geneva's: the
    card of the Geneva breakfast does not give it. "d'après" (according to) places nothing."""
    for question in ("whens the next mtg after the geneva one",
                     "When is the next breakfast after the one on April 4?"):
        assert router.route(question).verdict != "answer", question
    result = router.route("when is the breakfast in geneva")
    assert result.verdict == "answer" and result.best is not None
    assert relative_to("d'après l'auteur, c'est quand la matinée ?") == frozenset()
    # "celle", "the one" stand for the noun before "après", "after": another matinée
    assert "matinee" in relative_to("c'est quand la prochaine matinée après celle de Genève ?")
    assert "matinee" not in relative_to("la matinée après la pause, c'est quand ?")


def test_an_event_cards_date_is_not_the_day_its_speaker_did_something_else(bare: Router) -> None:
    """The card of the Geneva morning gives its date: the day its speakers speak there, not
    the day one of them joined a company or the company took up a tool."""
    for question in ("quand guillaume foltran a-t-il rejoint bouygues telecom ?",
                     "when did bouygues telecom start using sharepoint"):
        assert bare.route(question).verdict != "answer", question
    for question in ("quand jane mcconnell intervient-elle ?",  # the card holds every word
                     "quand peut-on rencontrer Jane McConnell ?",  # a gathering: the event
                     "Bouygues Telecom a un réseau interne depuis quand ?"):  # its own line
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


def test_an_event_cards_price_is_not_the_price_of_a_part_of_it(router: Router, bare: Router
                                                                ) -> None:
    """"Tarif : participation gratuite" is the Geneva morning's price: not that of the
    analysis a speaker's line names, nor of the internal network its programme names."""
    for question in ("is the netjmc.com report free or do you have to pay for it",
                     "what budget did bouygues telecom give its internal network"):
        assert bare.route(question).verdict != "answer", question
    for question in ("what does it cost to attend as a guest?",  # "participation gratuite"
                     "is it free? how do i sign up for the geneva morning"):  # its line too
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


def test_whether_something_is_settled_is_given_by_a_text_saying_when_it_will_be(
        router: Router) -> None:
    # the passage saying the agenda "sera précisé dans les prochains jours" answers; a
    # passage on the programme's topic that says nothing of it being settled does not
    for question in ("le programme de la matinée de genève est-il définitif ?",
                     "is the schedule of the geneva breakfast decided yet?"):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == "dw-accueil"
    assert "settled" in question_cues("has the agenda been finalised?")
    assert "settled" not in question_cues("au final, il est d'accord avec lui ?")


def test_going_to_is_no_word_an_event_card_must_hold(bare: Router) -> None:
    """"gonna", "going to" say the talk is to come, as French "va" does: the card giving the
    speakers' programme answers; "how did the morning go" still asks what no card says."""
    for question in ("what's jane mcconnell gonna talk about at the morning session",
                     "what is guillaume foltran going to present at the geneva breakfast?"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "matinee-entreprise-de-demain-2014"
    assert bare.route("how did the geneva morning go, what did foltran end up saying?"
                      ).verdict != "answer"


@pytest.mark.parametrize("question", ["Who is Guillaume Foltran?",
                                      "who is guillaume foltran exactly",
                                      "who's that foltran guy?"])
def test_who_someone_is_prefers_a_passage_introducing_them_over_a_tied_event_card(
        bare: Router, question: str) -> None:
    # the card lists him among its speakers with the same job: the passage is about him
    result = bare.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "passage"
    assert "Guillaume Foltran est actuellement responsable" in result.best.entry.text


def test_introducing_first_puts_a_tied_introducing_passage_ahead_of_an_event_card() -> None:
    card = Match(Entry("card", "event", "Intervenant : Ada Lovelace (directrice de X)", "p",
                       "P", Hints()), 100.0)
    other = Match(Entry("other", "passage", "Nous écouterons Ada Lovelace.", "p", "P",
                        Hints()), 100.0)
    about = Match(Entry("about", "passage", "Ada Lovelace est directrice de X.", "p", "P",
                        Hints()), 100.0)
    assert [m.entry.id for m in introducing_first([card, other, about], ["lovelace"])] == [
        "about", "card", "other"]
    # not when the passage ranks clearly below the card
    lower = Match(about.entry, 90.0)
    assert introducing_first([card, other, lower], ["lovelace"])[0].entry.id == "card"
