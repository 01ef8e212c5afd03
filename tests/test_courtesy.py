"""What members say to the bot that is no question about the posts: greetings, thanks,
"ok", "who are you?", "help", "je comprends pas", "c'est faux". Answered in kind, through the
real engine, and never recorded among the unanswered questions; a question that comes with
a greeting is still a question."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sbbot.engine import Engine
from tests.engine_chat import message, say


async def test_unaddressed_chatter_gets_no_reply(engine: Engine) -> None:
    assert await engine.handle(message("salut tout le monde", addressed=False)) is None
    command = await engine.handle(message("!raison 1", addressed=False))
    assert command is not None


async def test_addressed_empty_message_gets_a_greeting(engine: Engine) -> None:
    reply = await say(engine, "   ")
    assert "!aide" in reply.text


@pytest.mark.parametrize(("text", "expected"), [
    ("Bonjour !", "Bonjour ! Posez-moi une question"),
    ("salut sbbot", "Bonjour ! Posez-moi une question"),
    ("Hello everyone", "Bonjour ! Posez-moi une question"),
    ("Merci beaucoup !", "Avec plaisir !"),
    ("super, merci pour la réponse", "Avec plaisir !"),
    ("thanks a lot", "Avec plaisir !"),
    ("t'es qui ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("Qui es-tu ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("et sinon, tu sers à quoi ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("c’est quoi ce bot ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("Who are you?", "Je suis un bot qui répond aux questions sur les articles"),
    ("what can you do", "Je suis un bot qui répond aux questions sur les articles"),
    ("tu es un robot ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("aide", "Je suis un bot qui répond aux questions sur les articles"),
    ("help!", "Je suis un bot qui répond aux questions sur les articles"),
    ("comment ça marche ?", "Je suis un bot qui répond aux questions sur les articles"),
    ("d'accord merci", "Avec plaisir !"),
    ("ok", "Très bien ! Une autre question"),
    ("d’accord, super", "Très bien ! Une autre question"),
    ("je comprends pas", "Je cite les articles tels qu’ils sont écrits"),
    ("I don't understand", "Je cite les articles tels qu’ils sont écrits"),
    ("t'es nul", "Désolé !"),
    ("c'est faux", "Désolé !"),
    ("aucun", "D’accord. Posez votre question avec d’autres mots"),
    ("au revoir", "À bientôt !"),
    ("Bonne journée !", "À bientôt !"),
    ("bye", "À bientôt !"),
    ("merci, bonne soirée", "Avec plaisir !"),
    ("Non merci", "D’accord. Posez votre question avec d’autres mots"),
    ("none of them", "D’accord. Posez votre question avec d’autres mots"),
])
async def test_greetings_thanks_and_who_are_you_are_answered_in_kind_and_not_recorded(
        engine: Engine, text: str, expected: str) -> None:
    reply = await say(engine, text)
    assert reply.text.startswith(expected)
    assert "Je ne sais pas" not in reply.text
    since = datetime(2000, 1, 1, tzinfo=UTC)
    assert await engine.store.frequent_unanswered(since, 10) == []


@pytest.mark.parametrize("text", [
    "Bonjour, c'est quoi le social business ?",
    "merci, et quand a lieu la matinée à Genève",
    "salut ?",
    "qui es-tu, Jane McConnell ?",
    "tu sais faire quoi avec SharePoint ?",
    "je ne comprends pas le social business",
    "aide à l'inscription ?",
])
async def test_a_question_with_a_greeting_is_still_a_question(engine: Engine, text: str) -> None:
    reply = await say(engine, text)
    assert not reply.text.startswith(("Bonjour ! Posez-moi", "Avec plaisir", "Je suis un bot"))
