"""Kinds of answer a question asks for that the passage naming its subject does not give,
through the real router: the latest of someone's works is not any work a passage names,
nor whether an agenda is out by a passage naming its speakers; a quoted title gives the
title asked, and "her title" asks for a job."""

import pytest

from sbbot.language.cues import question_cues
from sbbot.language.giving import gives, gives_title
from sbbot.router import Router


@pytest.mark.parametrize("question", [
    "Quel est le titre du dernier livre de Bertrand Duperrin ?",
    "quelle est la dernière vidéo de Paul Miller ?",
    "what's jane mcconnell's latest report?",
    "what is the most recent video by paul miller",
])
def test_the_latest_work_asked_for_is_not_any_work_named(
        router: Router, bare: Router, question: str) -> None:
    for routed in (router, bare):
        assert routed.route(question).verdict != "answer", question


def test_recent_years_and_last_century_ask_for_no_latest_thing(router: Router) -> None:
    for question in ("ces dernières années, les DSI et les métiers ont mené quels projets ?",
                     "combien de participants à la matinée l'an dernier",
                     "do our leaders still think like in the last century"):
        assert "latest" not in question_cues(question), question
    result = router.route("ces dernières années, les DSI et les métiers ont mené quels "
                          "projets ?")
    assert result.verdict == "answer" and result.best is not None


def test_a_text_saying_what_is_new_gives_the_latest() -> None:
    assert gives("Son dernier livre vient de paraître.", "latest")
    assert gives("Her latest report is out.", "latest")
    assert not gives("Une vidéo de Paul Miller, enregistrée au Campus London.", "latest")


@pytest.mark.parametrize("question", [
    "is the full agenda for the geneva morning out yet?",
    "le programme de la matinée de genève est déjà sorti ?",
])
def test_whether_the_agenda_is_out_is_not_answered_by_a_passage_naming_a_speaker(
        router: Router, bare: Router, question: str) -> None:
    assert "settled" in question_cues(question)
    for routed in (router, bare):
        result = routed.route(question)
        assert result.verdict != "answer" or (
            result.best is not None and gives(result.best.entry.text, "settled")), question


def test_whether_the_agenda_is_out_is_answered_by_the_card_of_its_programme(
        bare: Router) -> None:
    result = bare.route("is the geneva breakfast programme published yet?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


@pytest.mark.parametrize("question", [
    "is the agenda for the matinee final yet?",
    "Le déroulé détaillé de la matinée est-il déjà arrêté ?",
])
def test_whether_the_agenda_is_settled_prefers_a_passage_saying_so(
        router: Router, question: str) -> None:
    result = router.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert gives(result.best.entry.text, "settled")


@pytest.mark.parametrize("question", [
    "What is the title of the Paul Miller talk shared in the post?",
    "quel est le titre de la vidéo de Paul Miller ?",
])
def test_a_quoted_title_gives_the_title_asked(router: Router, bare: Router,
                                              question: str) -> None:
    for routed in (router, bare):
        result = routed.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "dw-paul-miller"


def test_a_title_asked_of_a_book_is_not_the_title_of_a_video(
        router: Router, bare: Router) -> None:
    for routed in (router, bare):
        assert routed.route("paul miller's book, whats the title?").verdict != "answer"


def test_a_title_is_quoted_capitalised_and_long_or_introduced() -> None:
    assert gives_title("il y parle de : « The Human-Centered Digital Workplace – creating "
                       "digital worlds worth working in »")
    assert gives_title("un billet intitulé : Les limites de la collaboration sociale")
    assert not gives_title("le « Digital Workplace » n'a pas de représentation claire")
    assert not gives_title("les initiatives « social business » des entreprises")


@pytest.mark.parametrize("question", [
    "is jane mcconnell the ceo of netjmc or what's her title?",
    "jane mcconnell, what's her title at netjmc?",
])
def test_her_title_asks_for_a_job_the_passage_naming_her_does_not_state(
        router: Router, bare: Router, question: str) -> None:
    assert "role" in question_cues(question)
    for routed in (router, bare):
        assert routed.route(question).verdict != "answer", question
