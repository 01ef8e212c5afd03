"""What a member meets when asking the bot a question in their own words: the real engine,
router and shipped knowledge, one message at a time."""

from __future__ import annotations

import pytest

from sbbot.engine import Engine
from tests.engine_chat import say


@pytest.mark.parametrize("question", [
    "quelle heure est-il à Genève ?",
    "il est quelle heure à Genève ?",
    "on est quel jour ?",
    "what time is it in Geneva?",
    "what day is it today?",
])
async def test_the_present_time_or_date_is_never_read_from_the_posts(
        engine: Engine, question: str) -> None:
    reply = await say(engine, question)
    assert reply.kind == "fallback" and reply.entry is None


@pytest.mark.parametrize("question", [
    "à quelle heure commence la matinée à Genève ?",
    "C'est quel jour, la matinée ?",
])
async def test_the_time_or_date_of_an_event_is_still_answered(
        engine: Engine, question: str) -> None:
    reply = await say(engine, question)
    assert reply.kind == "answer" and reply.entry is not None


@pytest.mark.parametrize("question", [
    "le petit dej du 4 avril cest ou",
    "c'est où le petit déjeuner ?",
    "where's the breakfast held?",
])
async def test_where_an_event_is_held_is_answered_by_its_card(
        engine: Engine, question: str) -> None:
    """The invitation to the breakfast reads most like these questions and says when, not
    where; the event card holds the same words and says both."""
    reply = await say(engine, question)
    assert reply.kind == "answer" and reply.entry is not None
    assert reply.entry.type == "event" and "Genève" in reply.text


async def test_an_event_card_does_not_date_what_it_never_mentions(engine: Engine) -> None:
    reply = await say(engine, "when did Jane McConnell found NetJMC?")
    assert reply.kind != "answer"
