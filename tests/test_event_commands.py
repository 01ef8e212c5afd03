"""!agenda, !evenement and a question answered by an event, through the real engine, router
and store, at instants moved by the test clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sbbot.engine import Engine
from tests.conftest import FakeClock
from tests.engine_chat import say
from tests.knowledge_files import write_knowledge


async def test_agenda_before_the_event_shows_it_as_upcoming(
        engine: Engine, clock: FakeClock) -> None:
    clock.now = datetime(2014, 3, 28, 12, 0, tzinfo=UTC)
    reply = await say(engine, "!agenda")
    assert "Genève" in reply.text
    assert "vendredi 4 avril 2014 à 08:30" in reply.text
    assert "Dans 7 jours" in reply.text
    assert "Aucun événement à venir" not in reply.text


async def test_agenda_after_the_event_says_none_and_shows_the_last(engine: Engine) -> None:
    reply = await say(engine, "!events")
    assert "Aucun événement à venir" in reply.text
    assert "Genève" in reply.text
    assert "déjà eu lieu" in reply.text
    assert reply.card is not None
    assert "Aucun événement à venir" in reply.card.body
    assert "déjà eu lieu" in reply.card.body
    assert any(label == "Programme" for label, _ in reply.card.fields)


async def test_evenement_by_fuzzy_name(engine: Engine) -> None:
    reply = await say(engine, "!evenement matinee entreprise de demain")
    assert reply.entry is not None and reply.entry.type == "event"
    assert "Guillaume Foltran" in reply.text
    unknown = await say(engine, "!evenement salon de l'agriculture")
    assert unknown.kind == "error"


async def test_evenement_without_a_name_says_how_and_lists_the_events(
        engine: Engine, clock: FakeClock) -> None:
    """A member who types `!evenement` alone is asked which event, with the events to choose
    from, not shown `!agenda` again."""
    reply = await say(engine, "!evenement")
    assert reply.kind == "command" and reply.entry is None
    assert reply.text.splitlines() == [
        "Quel événement ? Tapez !evenement suivi de son nom, par exemple : "
        "!evenement Matinée de l’entreprise de demain",
        "Événements annoncés dans les articles :",
        "• Matinée de l’entreprise de demain — vendredi 4 avril 2014 à 08:30, Genève (passé)",
        "Les événements à venir : !agenda"]
    assert reply.text != (await say(engine, "!agenda")).text
    assert (await say(engine, "!aide evenement")).text.splitlines()[:2] == [
        "!evenement [NOM] — le détail d’un événement (sans nom : la liste des événements)",
        "NOM : le nom de l’événement (facultatif)"]
    clock.now = datetime(2014, 3, 28, 12, 0, tzinfo=UTC)
    assert "Genève (dans 7 jours)\n" in (await say(engine, "!event")).text


@pytest.mark.parametrize("typed", ["prochain", "Prochaine", "le prochain", "next"])
async def test_evenement_prochain_is_the_next_event(
        engine: Engine, clock: FakeClock, typed: str) -> None:
    """"!evenement prochain" was "Je ne connais pas d’événement « prochain »"."""
    later = await say(engine, f"!evenement {typed}")
    assert later.text.startswith("Aucun événement à venir. Le dernier en date :\nMatinée de ")
    clock.now = datetime(2014, 3, 28, 12, 0, tzinfo=UTC)
    before = await say(engine, f"!evenement {typed}")
    assert before.text.startswith("Matinée de l’entreprise de demain\n")
    assert "(Dans 7 jours.)" in before.text


async def test_evenement_lists_upcoming_events_first_and_stays_short(
        tmp_path: Path, make_engine: Callable[..., Engine], clock: FakeClock) -> None:
    events = "events:\n" + "".join(
        f"  - {{id: e{n}, name: Rencontre {n}, start: 2014-{n:02}-10T18:00, "
        f"timezone: Europe/Paris, location: Lyon, summary: Une rencontre., post: alpha}}\n"
        for n in range(1, 13))
    engine = make_engine(write_knowledge(tmp_path, {"events.yaml": events}))
    clock.now = datetime(2014, 6, 1, tzinfo=UTC)
    listed = [line for line in (await say(engine, "!evenement")).text.splitlines()
              if line.startswith("• ")]
    assert [line.split(" — ")[0] for line in listed] == [
        "• Rencontre 6", "• Rencontre 7", "• Rencontre 8", "• Rencontre 9", "• Rencontre 10",
        "• Rencontre 11", "• Rencontre 12", "• Rencontre 5", "• … et 4 autres"]
    assert listed[0].endswith("Lyon (dans 9 jours)") and listed[7].endswith("Lyon (passé)")
    unknown = await say(engine, "!evenement salon de l'agriculture")
    assert unknown.kind == "error" and "• Rencontre 6 — " in unknown.text
    # Seven upcoming events: a line each, not seven cards in full.
    agenda = await say(engine, "!agenda")
    assert agenda.text.splitlines()[0] == "Événements à venir :"
    assert agenda.text.splitlines()[1] == (
        "• Rencontre 6 — mardi 10 juin 2014 à 18:00, Lyon (dans 9 jours)")
    assert len(agenda.text.splitlines()) == 9 and "Rencontre 5" not in agenda.text
    assert agenda.text.endswith("!evenement NOM (par exemple !evenement Rencontre 6)")
    assert agenda.card is not None and agenda.card.title == "Événements à venir"
    assert agenda.card.body == agenda.text.split("\n", 1)[1]  # the title is not said twice
    clock.now = datetime(2014, 12, 1, tzinfo=UTC)  # one left: in full
    assert (await say(engine, "!agenda")).entry is not None


async def test_an_event_under_way_is_neither_past_nor_missing_from_the_agenda(
        tmp_path: Path, make_engine: Callable[..., Engine], clock: FakeClock) -> None:
    """Between its start and its end an event was "déjà eu lieu" and left out of !agenda."""
    engine = make_engine(write_knowledge(tmp_path))  # the morning: 08:30 to 12:00, Geneva
    clock.now = datetime(2014, 4, 4, 7, 0, tzinfo=UTC)  # 09:00 in Geneva
    agenda = (await say(engine, "!agenda")).text.splitlines()
    assert agenda[1].startswith("• Matinée de l’entreprise de demain — ")
    assert agenda[1].endswith("Genève (en ce moment)")
    assert agenda[2].startswith("• Soirée — ") and agenda[2].endswith("(dans 180 jours)")
    detail = await say(engine, "!evenement matinee")
    assert "(C’est en ce moment, jusqu’à 12:00.)" in detail.text
    clock.now = datetime(2014, 4, 4, 10, 30, tzinfo=UTC)  # 12:30 in Geneva: over
    assert "(Cet événement a déjà eu lieu.)" in (await say(engine, "!evenement matinee")).text


async def test_a_question_answered_by_an_event_says_when_it_is_from_now(
        engine: Engine, clock: FakeClock) -> None:
    question = "Quand a lieu la matinée à Genève ?"
    reply = await say(engine, question)
    assert reply.kind == "answer" and reply.entry is not None and reply.entry.type == "event"
    assert reply.score is not None and "déjà eu lieu" in reply.text
    assert reply.card is not None and "déjà eu lieu" in reply.card.body
    clock.now = datetime(2014, 3, 28, 12, 0, tzinfo=UTC)
    assert "Dans 7 jours" in (await say(engine, question)).text


MORNING = "Matinée de l’entreprise de demain"
SOURCE = "Source : « Digital workplace : réseau interne, collaboration, mobilité\u00a0…. »"


WHEN_WHERE = ["Quand : vendredi 4 avril 2014 à 08:30 (Europe/Zurich)", "Où : Genève"]


@pytest.mark.parametrize(("question", "facts"), [
    ("Quand a lieu la matinée à Genève ?", []),
    ("what time does the geneva morning start?", []),
    ("Où a lieu la matinée du 4 avril ?", []),
    ("la matinée à genève c'est gratuit ?",
     ["Tarif : participation gratuite", "Inscription : Inscriptions en ligne – participation "
      "gratuite, mais si voulez des croissants, merci de remplir le formulaire"]),
    ("Qui intervient à la matinée de Genève ?",
     ["Intervenant : Jane McConnell (enjeux et tendances de la digital workplace ; analyse "
      "disponible sur netjmc.com)", "Intervenant : Guillaume Foltran (Bouygues Telecom, "
      "responsable de la Bureautique Digitale de Bouygues Telecom et notamment la maîtrise "
      "d’œuvre des plateformes collaboratives et services Intranet)"]),
])
async def test_a_question_for_one_fact_of_an_event_gets_that_fact(
        engine: Engine, question: str, facts: list[str]) -> None:
    """"C'est gratuit ?" wants the price: the fifteen lines of the whole card buried it.
    When and where come first, to say which event it is."""
    reply = await say(engine, question)
    assert reply.kind == "answer" and reply.entry is not None and reply.entry.type == "event"
    shown = [*WHEN_WHERE, *facts, "(Cet événement a déjà eu lieu.)"]
    assert reply.text.splitlines() == [MORNING, *shown, "",
                                       f"Tout le détail : !evenement {MORNING}", SOURCE]
    assert reply.card is not None and reply.card.body.splitlines() == shown
    assert reply.entry.text.startswith(MORNING) and "Programme :" in reply.entry.text


async def test_a_follow_up_asking_one_fact_gets_that_fact(engine: Engine) -> None:
    await say(engine, "Quand a lieu la matinée à Genève ?")
    assert (await say(engine, "et c'est combien ?")).text.splitlines()[3] == (
        "Tarif : participation gratuite")


async def test_a_question_about_the_event_as_a_whole_gets_the_whole_card(
        engine: Engine) -> None:
    reply = await say(engine, "programme de la matinée de l’entreprise de demain")
    assert reply.kind == "answer" and reply.entry is not None and reply.entry.type == "event"
    assert "Programme :" in reply.text and "Tarif :" in reply.text
    assert "Tout le détail" not in reply.text


@pytest.mark.parametrize("question", ["when is the next event?", "prochain événement ?",
                                      "y a-t-il un événement bientôt ?",
                                      "Quand a lieu la prochaine matinée ?",
                                      "any events coming up?"])
async def test_a_question_for_the_next_event_gets_the_agenda(
        engine: Engine, clock: FakeClock, question: str) -> None:
    """The posts announce their events in their own time: "l'agenda sera précisé dans les
    prochains jours" (2014) is no answer to "when is the next event?". The agenda is."""
    after = await say(engine, question)
    assert after.text == (await say(engine, "!agenda")).text
    assert after.text.startswith("Aucun événement à venir. Le dernier en date :")
    clock.now = datetime(2014, 3, 28, 12, 0, tzinfo=UTC)
    before = await say(engine, question)
    assert before.text.startswith(MORNING) and "(Dans 7 jours.)" in before.text


async def test_a_question_about_an_event_not_the_next_one_is_routed(engine: Engine) -> None:
    reply = await say(engine, "Quand a lieu la matinée à Genève ?")
    assert "Aucun événement à venir" not in reply.text and reply.kind == "answer"


@pytest.mark.parametrize("shown", ["prochain événement ?", "!agenda", "!evenement matinee",
                                   "!evenement prochain"])
async def test_the_event_shown_is_the_subject_of_the_next_question(
        engine: Engine, shown: str) -> None:
    await say(engine, shown)
    where = await say(engine, "c'est où ?")
    assert where.kind == "answer" and where.entry is not None
    assert where.entry.id == "matinee-entreprise-de-demain-2014"
